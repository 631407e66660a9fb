//! The offer of changes an earlier gavel could not save.

use super::theme::Theme;
use crate::app::App;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(recovered) = &app.recovered else { return };
    let width = area.width.saturating_sub(4).min(90);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + area.height / 3, width, height: 6 };
    frame.render_widget(Clear, popup);
    let n = recovered.changes.len();
    let title =
        format!(" {n} unsaved change{} from {} ", if n == 1 { "" } else { "s" }, recovered.since.format("%H:%M"));
    let block = Block::bordered().border_type(BorderType::Thick).border_style(theme.focus_border()).title(title);
    let lines = vec![
        Line::raw(recovered.summary()),
        Line::styled("Enter applies them · Esc drops them · q quits and keeps them", theme.dim()),
    ];
    frame.render_widget(Paragraph::new(lines).block(block).wrap(Wrap { trim: true }), popup);
}
