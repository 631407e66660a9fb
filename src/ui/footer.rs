//! The bottom line: a notice when there is one, else the key hints of the
//! focused pane, generated from the keymap table.

use super::theme::Theme;
use crate::app::{App, hints};
use crate::text::clean;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use unicode_width::UnicodeWidthStr;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let line = match &app.notice {
        Some(notice) => {
            let style = if notice.error { theme.error() } else { theme.bold() };
            let mark = if notice.error { " ✗ " } else { " ✓ " };
            Line::from(vec![
                Span::styled(mark, style),
                Span::styled(clean(&notice.text).into_owned(), style),
            ])
        }
        None if app.input.is_some() => Line::from(vec![
            Span::styled(" Enter", theme.heading()),
            Span::raw(" save  "),
            Span::styled("Esc", theme.heading()),
            Span::raw(" cancel  "),
            Span::styled("←→ Home End", theme.heading()),
            Span::raw(" move  "),
            Span::styled("@XX", theme.heading()),
            Span::raw(" owner  "),
            Span::styled("due DATE", theme.heading()),
            Span::raw(" deadline"),
        ]),
        None => hint_line(app, theme, usize::from(area.width)),
    };
    frame.render_widget(Paragraph::new(line), area);
}

fn hint_line(app: &App, theme: &Theme, width: usize) -> Line<'static> {
    let mut spans = Vec::new();
    let mut used = 0;
    for (keys, what) in hints(app.focus) {
        let cost = keys.width() + what.width() + 3;
        if used + cost > width {
            break;
        }
        spans.push(Span::styled(format!(" {keys}"), theme.heading()));
        spans.push(Span::raw(format!(" {what} ")));
        used += cost;
    }
    Line::from(spans)
}
