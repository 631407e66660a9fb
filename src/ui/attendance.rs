//! The attendance register pane, grouped as minutes print it, with each
//! person's status as a symbol and a word, and quorum at the top.

use super::header::quorum_span;
use super::theme::{Theme, attendance_symbol};
use super::{pane_block, scroll_offset};
use crate::app::{App, Pane};
use crate::model::register::Heading;
use crate::model::{AttendanceStatus, quorum};
use crate::text::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = app.register();
    let present = rows.iter().filter(|r| r.status() == AttendanceStatus::Present).count();
    let title = vec![Span::raw(format!("Attendance · {present} present"))];
    let block = pane_block(app, theme, Pane::Attendance, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    // Headings interleaved with people; scroll so the selected person shows.
    let mut lines: Vec<Line> = Vec::new();
    if let Some(meeting) = app.current_meeting() {
        let q = quorum::evaluate(&app.workspace.board, meeting);
        lines.push(Line::from(quorum_span(&q, theme, false)));
    }
    let mut selected_line = 0;
    let mut heading: Option<Heading> = None;
    for (position, row) in rows.iter().enumerate() {
        if heading != Some(row.heading) {
            heading = Some(row.heading);
            lines.push(Line::styled(row.heading.label(), theme.heading()));
        }
        let person = &app.workspace.board.people[row.person];
        let status = row.status();
        let mut detail = status.label().to_string();
        if let Some(entry) = row.entry {
            if let Some(at) = entry.arrived {
                detail.push_str(&format!(" {}", at.format("%H:%M")));
            }
            if let Some(of) = &entry.deputy_for {
                detail.push_str(&format!(" for {of}"));
            }
        }
        let name_width = width.saturating_sub(2 + 4 + 1 + 11).max(6);
        let mut line = Line::from(vec![
            Span::styled(format!("{} ", attendance_symbol(status)), theme.attendance(status)),
            Span::styled(pad(&person.initials, 4), theme.bold()),
            Span::raw(format!(" {}", pad(&person.name, name_width))),
            Span::styled(format!(" {}", fit(&detail, 10)), theme.attendance(status)),
        ]);
        if app.focus == Pane::Attendance && position == app.attendance_row {
            line = line.style(theme.selected());
            selected_line = lines.len();
        }
        lines.push(line);
    }
    if lines.is_empty() {
        lines.push(Line::styled("No people in the register (gavel.json).", theme.dim()));
    }
    // The quorum line stays put; the register scrolls under it.
    let quorum_line = if app.current_meeting().is_some() { 1 } else { 0 };
    let offset = scroll_offset(
        selected_line.saturating_sub(quorum_line),
        usize::from(inner.height).saturating_sub(quorum_line),
    );
    let register = lines.split_off(quorum_line);
    lines.extend(register.into_iter().skip(offset));
    frame.render_widget(Paragraph::new(lines), inner);
}
