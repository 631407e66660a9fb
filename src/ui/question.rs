//! A question that waits for Enter or Esc, over the middle of the screen.

use super::theme::Theme;
use crate::app::Question;
use crate::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Wrap};

pub fn render(question: &Question, theme: &Theme, frame: &mut Frame, area: Rect) {
    let width = area.width.saturating_sub(4).min(72);
    let mut lines = vec![Line::styled(clean(&question.ask).into_owned(), theme.bold())];
    // One line each: who is not marked, which items are not taken.
    for detail in question.detail.iter().flat_map(|d| d.lines()) {
        lines.push(Line::raw(clean(detail).into_owned()));
    }
    lines.push(Line::raw(""));
    let mut answers = vec![Span::styled("Enter", theme.heading()), Span::raw(format!(" {}   ", question.yes))];
    if let Some(other) = &question.other {
        answers.push(Span::styled(other.key.to_string(), theme.heading()));
        answers.push(Span::raw(format!(" {}   ", other.label)));
    }
    answers.push(Span::styled("Esc", theme.heading()));
    answers.push(Span::raw(format!(" {}", question.no)));
    lines.push(Line::from(answers));
    // Each line as wrapped in the box, plus its borders.
    let inner = usize::from(width.saturating_sub(2)).max(1);
    let rows: usize = lines.iter().map(|l| l.width().div_ceil(inner).max(1)).sum();
    let height = (rows as u16 + 2).min(area.height);
    let popup = Rect { x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width, height };
    frame.render_widget(Clear, popup);
    let block = Block::bordered().border_type(BorderType::Double).title(" Are you sure? ");
    frame.render_widget(Paragraph::new(lines).wrap(Wrap { trim: true }).block(block), popup);
}
