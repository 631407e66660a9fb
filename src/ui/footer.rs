//! The bottom line: a notice when there is one, else the key hints of the
//! focused pane, generated from the keymap table.

use super::theme::Theme;
use crate::app::{App, Purpose, hints};
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
            Line::from(vec![Span::styled(mark, style), Span::styled(clean(&notice.text).into_owned(), style)])
        }
        None if app.question.is_some() => {
            let asked = app.question.as_ref().expect("checked");
            let other = asked.other.as_ref().map(|o| (o.key.to_string(), o.label));
            let keys = [Some(("Enter".to_string(), asked.yes)), other, Some(("Esc".to_string(), asked.no))];
            let spans = keys.into_iter().flatten().flat_map(|(keys, what)| {
                [Span::styled(format!(" {keys}"), theme.heading()), Span::raw(format!(" {what} "))]
            });
            Line::from(spans.collect::<Vec<_>>())
        }
        None => match app.input.as_ref().map(|i| &i.purpose) {
            Some(purpose) => input_hints(purpose, theme),
            None => hint_line(app, theme, usize::from(area.width)),
        },
    };
    frame.render_widget(Paragraph::new(line), area);
}

/// While typing: how to finish, and the grammar of what is being typed.
fn input_hints(purpose: &Purpose, theme: &Theme) -> Line<'static> {
    let grammar: &[(&str, &str)] = match purpose {
        Purpose::QuickAdd | Purpose::Edit(_) => &[("@XX", "owner"), ("due DATE", "deadline")],
        Purpose::NewRisk => &[("@XX", "owner"), ("L4 I3", "likelihood, impact"), ("review DATE", "")],
        Purpose::Rescore(_) => &[("3 4", "likelihood, impact")],
        Purpose::Arrived(_) | Purpose::Left(_) => &[("10:12", "time")],
        Purpose::Guest => &[("Name, Job title, Organisation, item 4", "")],
        Purpose::Record(..) => &[("Alt-Enter", "new line")],
        Purpose::Revise(..) => &[("empty", "removes it"), ("Alt-Enter", "new line")],
        Purpose::Declare => &[("@XX item N interest", ""), ("withdraws", "leaves the room")],
        Purpose::AgendaItem { .. } => &[("@XX", "lead"), ("15m", "time"), ("paper 5a", ""), ("decision", "purpose")],
        Purpose::Person(_) => &[("Name @XX, role, job title, organisation", "")],
        Purpose::Settings => &[("quorum", "6 | 1/3 [at least N] [chair|any]"), ("zone", "IANA")],
        Purpose::Search | Purpose::Owner | Purpose::Update(_) | Purpose::Review(_) | Purpose::Deputy(_) => &[],
    };
    let keys = [("Enter", "save"), ("Esc", "cancel"), ("←→ Home End", "move")];
    let spans = keys
        .iter()
        .chain(grammar)
        .flat_map(|(keys, what)| [Span::styled(format!(" {keys}"), theme.heading()), Span::raw(format!(" {what} "))]);
    Line::from(spans.collect::<Vec<_>>())
}

/// The focused pane's hints, then the global ones, as many as fit; the
/// help and quit hints always show, at the end, so no one is stranded.
fn hint_line(app: &App, theme: &Theme, width: usize) -> Line<'static> {
    let always = |keys: &str| keys == "?" || keys == "q";
    let cost = |(keys, what): &(String, &str)| keys.width() + what.width() + 3;
    let all = hints(app.focus);
    let reserved: usize = all.iter().filter(|h| always(&h.0)).map(cost).sum();
    let mut room = width.saturating_sub(reserved);
    let mut shown = Vec::new();
    for hint in all.iter().filter(|h| !always(&h.0)) {
        // One that does not fit gives way to shorter ones after it.
        if cost(hint) > room {
            continue;
        }
        room -= cost(hint);
        shown.push(hint.clone());
    }
    shown.extend(all.iter().filter(|h| always(&h.0)).cloned());
    let spans = shown
        .into_iter()
        .flat_map(|(keys, what)| [Span::styled(format!(" {keys}"), theme.heading()), Span::raw(format!(" {what} "))]);
    Line::from(spans.collect::<Vec<_>>())
}
