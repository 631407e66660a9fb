//! Drawing only: `render(&App, &mut Frame)`. One file per pane; nothing
//! here changes state, touches files or reads the clock.

mod actions;
mod agenda;
mod attendance;
pub mod clock;
mod footer;
mod format;
mod header;
mod help;
mod input;
mod picker;
pub mod pointer;
mod question;
mod record;
mod recovered;
mod risklist;
mod risks;
mod theme;

use crate::app::{App, Overlay, Pane};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Wrap};
pub use theme::Theme;

pub use crate::app::screen::{MIN_HEIGHT, MIN_WIDTH};

pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    if !crate::app::screen::fits(area.width, area.height) {
        too_small(frame, area);
        return;
    }
    let theme = Theme::new(app.color);
    let [header_area, body, footer_area] = rows(area);
    header::render(app, &theme, frame, header_area);
    footer::render(app, &theme, frame, footer_area);
    let [agenda_area, actions_area, risks_area, attendance_area] = panes(body);
    agenda::render(app, &theme, frame, agenda_area);
    actions::render(app, &theme, frame, actions_area);
    risks::render(app, &theme, frame, risks_area);
    attendance::render(app, &theme, frame, attendance_area);
    match app.overlay {
        Overlay::Help => help::render(&theme, frame, area, app.help_scroll),
        Overlay::RiskList => risklist::render(app, &theme, frame, body),
        Overlay::Meetings => picker::render(app, &theme, frame, body),
        Overlay::History => record::render(app, &theme, frame, body),
        Overlay::None => {}
    }
    input::render(app, &theme, frame, area);
    if let Some(asked) = &app.question {
        question::render(asked, &theme, frame, body);
    }
    recovered::render(app, &theme, frame, area);
}

/// Where the four panes sit in the body, in `Pane::ALL` order; the mouse
/// finds them here too.
fn panes(body: Rect) -> [Rect; 4] {
    let [top, bottom] = Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]).areas(body);
    // The grid needs about 34 columns; the lists take the rest.
    let columns = [Constraint::Percentage(58), Constraint::Percentage(42)];
    let [agenda_area, risks_area] = Layout::horizontal(columns).areas(top);
    let [actions_area, attendance_area] = Layout::horizontal(columns).areas(bottom);
    [agenda_area, actions_area, risks_area, attendance_area]
}

/// The header line, the body and the footer line.
fn rows(area: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(0), Constraint::Length(1)]).areas(area)
}

/// The bordered block of a pane: its number and title, with the focused
/// pane drawn thick so focus shows without colour.
fn pane_block<'a>(app: &App, theme: &Theme, pane: Pane, title: Vec<Span<'a>>) -> Block<'a> {
    let focused = app.focus == pane;
    let mut spans = vec![Span::styled(format!(" {} ", pane.number()), theme.bold())];
    spans.extend(title);
    spans.push(Span::raw(" "));
    let block = Block::bordered().title(Line::from(spans));
    if focused {
        block.border_type(BorderType::Thick).border_style(theme.focus_border())
    } else {
        block.border_style(theme.dim())
    }
}

/// First row to show so that `selected` stays within `height` rows.
fn scroll_offset(selected: usize, height: usize) -> usize {
    (selected + 1).saturating_sub(height.max(1))
}

fn too_small(frame: &mut Frame, area: Rect) {
    let text = format!(
        "Terminal too small: {}×{}. gavel needs at least {MIN_WIDTH}×{MIN_HEIGHT}; enlarge the window, or press q to quit.",
        area.width, area.height
    );
    frame.render_widget(Paragraph::new(text).wrap(Wrap { trim: true }), area);
}
