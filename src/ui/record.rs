//! The history popup (`H`): one line a change to the selected record,
//! the latest at the bottom, shown whole when it fits.

use super::theme::Theme;
use crate::app::App;
use crate::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(history) = &app.record_history else { return };
    let width = area.width.saturating_sub(4).min(100);
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let lines: Vec<Line> = history.lines.iter().map(|l| Line::raw(clean(l).into_owned())).collect();
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = (rows as u16 + 2).min(area.height);
    // The latest changes are the ones kept in view when not all fit.
    let scroll = (rows as u16 + 2).saturating_sub(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let title = format!(" History · {} ", clean(&history.title));
    let block = Block::bordered()
        .border_type(BorderType::Double)
        .title(Line::styled(title, theme.bold()))
        .title_bottom(" any key closes ");
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).scroll((scroll, 0)).block(block), popup);
}
