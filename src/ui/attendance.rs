//! The attendance register pane, grouped as minutes print it, each person
//! with a status symbol and the detail the minutes need (late, left,
//! deputising, remote); quorum at the top, live and so far; declarations
//! of interest at the end.

use super::header::quorum_span;
use super::theme::{Theme, attendance_symbol};
use super::{pane_block, scroll_offset};
use crate::app::{App, Pane};
use crate::model::meeting::{Attendance, AttendanceMode};
use crate::model::register::{Heading, RegisterRow};
use crate::model::{AttendanceStatus, Meeting, MeetingState, quorum};
use crate::text::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let rows = app.register();
    let present = rows.iter().filter(|r| r.status() == AttendanceStatus::Present).count();
    let block = pane_block(app, theme, Pane::Attendance, vec![Span::raw(format!("Attendance · {present} present"))]);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let Some(meeting) = app.current_meeting() else {
        frame.render_widget(Paragraph::new("No meeting to keep a register for."), inner);
        return;
    };
    let top = vec![quorum_line(app, meeting, theme, width)];
    let details = details(app, theme, inner);
    let (register, selected_line, _) = register_lines(app, &rows, theme, width);
    let (offset, room) = window(inner, top.len() + details.len(), selected_line);
    let mut lines = top;
    lines.extend(register.into_iter().chain(declaration_lines(meeting, theme, width)).skip(offset).take(room));
    lines.resize(usize::from(inner.height).saturating_sub(details.len()), Line::raw(""));
    lines.extend(details);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The selected person in full under the register, when focused and there is room.
fn details(app: &App, theme: &Theme, inner: Rect) -> Vec<Line<'static>> {
    if app.focus == Pane::Attendance && inner.height >= 14 {
        person_details(app, theme, usize::from(inner.width))
    } else {
        vec![]
    }
}

/// The register's first shown line and how many lines it has room for,
/// below the quorum line and above the details.
fn window(inner: Rect, fixed: usize, selected_line: usize) -> (usize, usize) {
    let room = usize::from(inner.height).saturating_sub(fixed);
    (scroll_offset(selected_line, room), room)
}

/// The register row (a position in `App::register`) drawn at screen line `y`.
pub(super) fn row_at(app: &App, inner: Rect, y: u16) -> Option<usize> {
    app.current_meeting()?;
    let theme = Theme::new(app.color);
    let rows = app.register();
    let (_, selected_line, positions) = register_lines(app, &rows, &theme, usize::from(inner.width));
    // The quorum line is the one fixed line above the register.
    let (offset, room) = window(inner, 1 + details(app, &theme, inner).len(), selected_line);
    let line = usize::from(y.checked_sub(inner.y)?).checked_sub(1)?;
    if line >= room {
        return None;
    }
    positions.get(offset + line).copied().flatten()
}

/// "✓ quorate 9/6 · 1 withdrawn for item 4 · so far: quorate throughout".
fn quorum_line(app: &App, meeting: &Meeting, theme: &Theme, width: usize) -> Line<'static> {
    let board = &app.workspace.board;
    let q = quorum::evaluate(board, meeting);
    let started = MeetingState::of(meeting) != MeetingState::Planned;
    let mut spans = vec![quorum_span(&q, theme, width < 40, started)];
    if q.withdrawn > 0 {
        spans.push(Span::raw(format!(" · {} withdrawn", q.withdrawn)));
    }
    if let Some(record) = quorum::statement(board, meeting, app.now) {
        let so_far = if MeetingState::of(meeting) == MeetingState::Closed { "" } else { "so far " };
        spans.push(Span::styled(format!(" · {so_far}{record}"), theme.dim()));
    }
    let text: String = spans.iter().map(|s| s.content.as_ref()).collect();
    if text.chars().count() > width {
        spans.truncate(1);
    }
    Line::from(spans)
}

/// The register with its headings; also which line holds the selection.
/// The register's lines, the selected one's index, and for each line the
/// register row it shows (none for a heading).
fn register_lines(
    app: &App,
    rows: &[RegisterRow],
    theme: &Theme,
    width: usize,
) -> (Vec<Line<'static>>, usize, Vec<Option<usize>>) {
    let wide = width >= 60;
    let detail_width = if wide { 22 } else { 11 };
    let name_width = width.saturating_sub(2 + 4 + 1 + 1 + detail_width).max(6);
    let mut lines = Vec::new();
    let mut selected_line = 0;
    let mut positions = Vec::new();
    let mut heading: Option<Heading> = None;
    for (position, row) in rows.iter().enumerate() {
        if heading != Some(row.heading) {
            heading = Some(row.heading);
            lines.push(Line::styled(row.heading.label(), theme.heading()));
            positions.push(None);
        }
        let person = &app.workspace.board.people[row.person];
        let status = row.status();
        let who = if wide && !person.organisation.is_empty() {
            format!("{} · {}", person.name, person.organisation)
        } else {
            person.name.clone()
        };
        let mut line = Line::from(vec![
            Span::styled(format!("{} ", attendance_symbol(status)), theme.attendance(status)),
            Span::styled(pad(&person.initials, 4), theme.bold()),
            Span::raw(format!(" {}", pad(&who, name_width))),
            Span::styled(
                format!(" {}", fit(&detail(status, row.entry, app.workspace.board.zone()), detail_width)),
                theme.attendance(status),
            ),
        ]);
        if app.focus == Pane::Attendance && position == app.attendance_row {
            line = line.style(theme.selected());
            selected_line = lines.len();
        }
        lines.push(line);
        positions.push(Some(position));
    }
    (lines, selected_line, positions)
}

/// "present", "from 10:12 left 11:40", "for AK remote", "apologies".
fn detail(status: AttendanceStatus, entry: Option<&Attendance>, zone: crate::model::zone::Zone) -> String {
    let Some(entry) = entry.filter(|_| status == AttendanceStatus::Present) else {
        return status.label().to_string();
    };
    let mut parts = Vec::new();
    if let Some(member) = &entry.deputy_for {
        parts.push(format!("for {member}"));
    }
    if let Some(at) = entry.arrived {
        parts.push(format!("from {}", zone.at(at).format("%H:%M")));
    }
    if let Some(at) = entry.left {
        parts.push(format!("left {}", zone.at(at).format("%H:%M")));
    }
    if !entry.items.is_empty() {
        parts.push(format!("item {}", entry.items.join(",")));
    }
    if entry.mode == Some(AttendanceMode::Remote) {
        parts.push("remote".into());
    }
    if parts.is_empty() { "present".into() } else { parts.join(" ") }
}

fn declaration_lines(meeting: &Meeting, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    if meeting.declarations.is_empty() {
        return vec![];
    }
    let mut lines = vec![Line::styled("Declarations of interest", theme.heading())];
    for d in &meeting.declarations {
        let out = if d.withdrawn { " (withdraws)" } else { "" };
        lines.push(Line::raw(fit(&format!("  {} item {}: {}{out}", d.initials, d.item, d.interest), width)));
    }
    lines
}

/// Under the register when there is room: the selected person in full.
fn person_details(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let Some(initials) = app.selected_person() else {
        return vec![];
    };
    let Some(person) = app.workspace.board.person(&initials) else {
        return vec![];
    };
    let role = [person.job_title.as_str(), person.organisation.as_str()]
        .iter()
        .filter(|s| !s.is_empty())
        .copied()
        .collect::<Vec<_>>()
        .join(" · ");
    vec![
        Line::styled("─".repeat(width), theme.dim()),
        Line::styled(fit(&format!("{} {}", person.initials, person.name), width), theme.bold()),
        Line::raw(fit(&role, width)),
    ]
}
