//! The `?` help: every binding of the keymap table, grouped by where it works.

use super::theme::Theme;
use crate::app::{KEYMAP, Scope};
use ratatui::Frame;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

/// The help as lines, grouped by scope.
pub fn lines(theme: &Theme) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for scope in Scope::ALL {
        let bindings: Vec<_> = KEYMAP.iter().filter(|b| b.scope == scope).collect();
        if bindings.is_empty() {
            continue;
        }
        out.push(Line::from(Span::styled(scope.heading(), theme.heading())));
        for b in bindings {
            out.push(Line::from(vec![Span::styled(format!("  {:<7}", b.label), theme.bold()), Span::raw(b.help)]));
        }
    }
    out
}

/// The help in one or two columns; scrolled when even two do not fit.
pub fn render(theme: &Theme, frame: &mut Frame, area: Rect, scroll: u16) {
    let lines = lines(theme);
    let inner_height = usize::from(area.height.saturating_sub(2));
    let columns = if lines.len() > inner_height { 2 } else { 1 };
    let per_column = lines.len().div_ceil(columns);
    let width = if columns == 2 { area.width } else { area.width.min(64) };
    let height = (per_column + 2).min(usize::from(area.height)) as u16;
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    let hidden = per_column.saturating_sub(usize::from(height.saturating_sub(2)));
    let scroll = scroll.min(hidden as u16);
    let title = if hidden > 0 { " Keys · ↑↓ scroll · any other key closes " } else { " Keys · any key closes " };
    frame.render_widget(Clear, popup);
    let block = Block::bordered().border_type(BorderType::Double).title(Line::from(title).centered());
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let areas = Layout::horizontal(vec![Constraint::Fill(1); columns]).split(inner);
    for (chunk, area) in lines.chunks(per_column).zip(areas.iter()) {
        frame.render_widget(Paragraph::new(chunk.to_vec()).scroll((scroll, 0)), *area);
    }
}
