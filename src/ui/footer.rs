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

/// The focused pane's hints, then the global ones, as many as fit; the
/// help and quit hints always show, at the end, so no one is stranded.
fn hint_line(app: &App, theme: &Theme, width: usize) -> Line<'static> {
    let always = |keys: &str| keys == "?" || keys == "q";
    let cost = |(keys, what): &(&str, &str)| keys.width() + what.width() + 3;
    let all: Vec<(&str, &str)> = hints(app.focus).collect();
    let reserved: usize = all.iter().filter(|h| always(h.0)).map(cost).sum();
    let mut room = width.saturating_sub(reserved);
    let mut shown = Vec::new();
    for hint in all.iter().filter(|h| !always(h.0)) {
        if cost(hint) > room {
            break;
        }
        room -= cost(hint);
        shown.push(*hint);
    }
    shown.extend(all.iter().filter(|h| always(h.0)));
    let spans = shown.into_iter().flat_map(|(keys, what)| {
        [
            Span::styled(format!(" {keys}"), theme.heading()),
            Span::raw(format!(" {what} ")),
        ]
    });
    Line::from(spans.collect::<Vec<_>>())
}
