//! The mouse: a click focuses the pane under it and selects the row (or
//! the risk grid's cell) under it; the wheel moves the selection of the pane under it, as ↑ and ↓ do.
//! While the input line, the help or a popup is open, the mouse does
//! nothing, so a stray click never changes what is being typed about.

use super::{App, Effect, Key, Overlay, Pane, on_key};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pointer {
    /// A left click on a pane, and on this row of its list, or this cell
    /// (likelihood, impact) of the risk grid, when it was on one.
    Click { pane: Pane, row: Option<usize>, cell: Option<(u8, u8)> },
    /// One notch of the wheel over a pane.
    Wheel { pane: Pane, down: bool },
}

pub(super) fn on_pointer(app: &mut App, pointer: Pointer) -> Vec<Effect> {
    if app.input.is_some() || app.overlay != Overlay::None {
        return vec![];
    }
    match pointer {
        Pointer::Click { pane, row, cell } => {
            app.focus = pane;
            if let Some(row) = row {
                select(app, pane, row);
            }
            if let Some(cell) = cell {
                super::risks::move_cursor(app, cell);
            }
            vec![]
        }
        Pointer::Wheel { pane, down } => {
            app.focus = pane;
            on_key(app, if down { Key::Down } else { Key::Up })
        }
    }
}

/// Selects a row of a pane's list, kept within the list.
fn select(app: &mut App, pane: Pane, row: usize) {
    let last = |len: usize| row.min(len.saturating_sub(1));
    match pane {
        Pane::Agenda => app.agenda_row = last(app.current_meeting().map_or(0, |m| m.agenda.len())),
        Pane::Actions => app.action_row = last(app.action_rows()),
        Pane::Attendance => app.attendance_row = last(app.register().len()),
        Pane::Risks => {}
    }
}
