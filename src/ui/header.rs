//! The top line: board, meeting, quorum, clock (to the minute).

use super::format::{clock, long_date};
use super::theme::Theme;
use crate::app::App;
use crate::model::timer::{self, Phase};
use crate::model::{MeetingState, quorum};
use crate::text::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let mut right: Vec<Span> = Vec::new();
    if let Some(meeting) = app.current_meeting() {
        let state = MeetingState::of(meeting);
        // The journal's own word for a meeting standing still.
        let paused = app.timer().is_some_and(|t| t.phase == Phase::Paused);
        let label = match meeting.approved {
            Some(_) => "approved",
            None if paused => "paused",
            None => state.label(),
        };
        // Plainly, so no one runs or minutes the wrong meeting; in few characters at 80 columns.
        let (date, elsewhere) = match (meeting.date != app.today(), area.width < 110) {
            (false, _) => (long_date(meeting.date), ""),
            (true, true) => (meeting.date.format("%-d %b").to_string(), ", not today"),
            (true, false) => (long_date(meeting.date), ", not today's meeting"),
        };
        right.push(Span::raw(date));
        right.push(Span::styled(elsewhere, theme.bold()));
        right.push(Span::raw(format!(" · {label} │ ")));
        let q = quorum::evaluate(&app.workspace.board, meeting);
        right.push(quorum_span(&q, theme, area.width < 110, state != MeetingState::Planned));
        right.push(Span::raw(" │ "));
    }
    if let Some(behind) = app.current_meeting().and_then(|m| timer::clock_behind(m, app.now)) {
        right.push(Span::styled(format!("⚠ clock {} behind the journal │ ", behind_by(behind)), theme.error()));
    }
    if !app.unsaved.is_empty() {
        right.push(Span::styled(format!("✗ {} unsaved │ ", app.unsaved.len()), theme.error()));
    }
    if app.read_only {
        right.push(Span::styled("read-only │ ", theme.bold()));
    }
    right.push(Span::styled(clock(app.now), theme.bold()));
    right.push(Span::raw(" "));
    let right_width: usize = right.iter().map(|s| s.content.width()).sum();
    let room = usize::from(area.width).saturating_sub(right_width + 10);
    let (board, style) = match &app.heads_up {
        Some(note) => (fit(note, room), theme.error()),
        None => (fit(&app.workspace.board.name, room), theme.bold()),
    };
    let gap = usize::from(area.width).saturating_sub(right_width + 9 + board.width());
    let mut spans = vec![Span::styled(" gavel ", theme.heading()), Span::raw("│ "), Span::styled(board, style)];
    spans.push(Span::raw(" ".repeat(gap)));
    spans.extend(right);
    frame.render_widget(Paragraph::new(Line::from(spans)), area);
}

/// "40 s" or "3 min": how far this computer's clock is behind.
fn behind_by(behind: chrono::TimeDelta) -> String {
    if behind < chrono::TimeDelta::minutes(1) {
        format!("{} s", behind.num_seconds())
    } else {
        format!("{} min", behind.num_minutes())
    }
}

/// "✓ quorate 9/6" or "✗ INQUORATE: 2 more needed" ("✗ INQUORATE 4/6"
/// compact); before the start, plainly what is needed ("6 needed to be
/// quorate"), as no one is late yet.
pub fn quorum_span(q: &quorum::Quorum, theme: &Theme, compact: bool, started: bool) -> Span<'static> {
    if !started && !q.is_quorate() {
        let text = match (compact, q.shortfall()) {
            (_, 0) => "chair or deputy needed to be quorate".to_string(),
            (_, n) if n == q.minimum => format!("{n} needed to be quorate"),
            (true, n) => format!("{}/{}, {n} more needed", q.present, q.minimum),
            (false, n) => format!("{} here, {n} more needed to be quorate", q.present),
        };
        Span::raw(text)
    } else if q.is_quorate() {
        Span::styled(format!("✓ quorate {}/{}", q.present, q.minimum), theme.good())
    } else if compact {
        Span::styled(format!("✗ INQUORATE {}/{}", q.present, q.minimum), theme.error())
    } else if q.shortfall() > 0 {
        Span::styled(format!("✗ INQUORATE: {} more needed", q.shortfall()), theme.error())
    } else {
        Span::styled("✗ INQUORATE: no chair or deputy", theme.error())
    }
}
