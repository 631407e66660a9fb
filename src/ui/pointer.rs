//! What is under the mouse: the pane, and the row of its list, as the
//! last frame drew them. Computed from the same layout functions the panes
//! draw with, so a click always lands on what the user saw.

use super::{actions, agenda, attendance, panes, risks, rows};
use crate::app::{App, Overlay, Pane};
use ratatui::layout::{Position, Rect};

/// The pane at a screen cell and, for the lists that can say, the row in it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub pane: Pane,
    pub row: Option<usize>,
    /// In the risks pane, the grid cell (likelihood, impact).
    pub cell: Option<(u8, u8)>,
}

/// What is at column `x`, line `y` of a screen of `area`; none outside the
/// panes, on a screen too small to draw them, or under the help or a list.
pub fn target(app: &App, area: Rect, x: u16, y: u16) -> Option<Target> {
    if !crate::app::screen::fits(area.width, area.height) || app.overlay != Overlay::None {
        return None;
    }
    let at = Position { x, y };
    let [_, body, _] = rows(area);
    let (pane, rect) = Pane::ALL.into_iter().zip(panes(body)).find(|(_, rect)| rect.contains(at))?;
    // Inside the border; a click on the border itself focuses the pane only.
    let inner = Rect {
        x: rect.x + 1,
        y: rect.y + 1,
        width: rect.width.saturating_sub(2),
        height: rect.height.saturating_sub(2),
    };
    if !inner.contains(at) {
        return Some(Target { pane, row: None, cell: None });
    }
    let row = match pane {
        Pane::Agenda => agenda::row_at(app, inner, y),
        Pane::Actions => actions::row_at(app, inner, y),
        Pane::Attendance => attendance::row_at(app, inner, y),
        Pane::Risks => None,
    };
    let cell = if pane == Pane::Risks { risks::cell_at(inner, x, y) } else { None };
    Some(Target { pane, row, cell })
}
