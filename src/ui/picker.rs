//! The meeting picker (`M`): each meeting with its state, today's marked.

use super::theme::Theme;
use crate::app::App;
use crate::model::MeetingState;
use crate::text::fit;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let meetings = &app.workspace.meetings;
    let height = (meetings.len() as u16 + 2).clamp(3, area.height);
    let popup = Rect { x: area.x + 1, y: area.y + (area.height - height) / 2, width: area.width - 2, height };
    frame.render_widget(Clear, popup);
    let block =
        Block::bordered().border_type(BorderType::Double).title(" Meetings · ↑↓ select · Enter show · Esc back ");
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width);
    let rows = usize::from(inner.height);
    let offset = app.meeting_pick.saturating_sub(rows.saturating_sub(1));
    let today = app.today();
    let lines: Vec<Line> = meetings
        .iter()
        .enumerate()
        .skip(offset)
        .take(rows)
        .map(|(i, m)| {
            let state = match m.approved {
                Some(on) => format!("approved {}", on.format("%-d %b %Y")),
                None => MeetingState::of(m).label().to_string(),
            };
            let mark = if m.date == today { "today" } else { "" };
            let text = format!(
                "{} {:<5} {}–{} · {:<20} · {} items · {}",
                m.date.format("%a %e %b %Y"),
                mark,
                m.planned_start.format("%H:%M"),
                m.planned_end.format("%H:%M"),
                state,
                m.agenda.len(),
                m.title
            );
            let line = Line::raw(fit(&text, width));
            if i == app.meeting_pick { line.style(theme.selected()) } else { line }
        })
        .collect();
    frame.render_widget(Paragraph::new(lines), inner);
}
