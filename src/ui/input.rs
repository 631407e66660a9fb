//! The quick-add line at the bottom, with a live preview of how it parses:
//! owners by name, the deadline as weekday and date, the item it joins.

use super::theme::Theme;
use crate::app::{App, Purpose};
use crate::model::action::due_words;
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(input) = &app.input else { return };
    let height = 4;
    let popup = Rect {
        x: area.x,
        y: area.bottom().saturating_sub(height + 1),
        width: area.width,
        height,
    };
    frame.render_widget(Clear, popup);
    let title = match &input.purpose {
        Purpose::QuickAdd => " Add action: text @OWNER due DATE · Enter saves · Esc cancels ".to_string(),
        Purpose::Edit(r) => format!(" Edit {r}: text @OWNER due DATE · Enter saves · Esc cancels "),
        Purpose::Update(r) => format!(" Update on {r}, dated today · Enter saves · Esc cancels "),
        Purpose::Search => " Search the action log · Enter keeps · Esc clears ".to_string(),
        Purpose::Owner => " Show one owner's actions: initials (empty for all) · Enter · Esc ".to_string(),
    };
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme.focus_border())
        .title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width);
    let second = match &input.purpose {
        Purpose::QuickAdd | Purpose::Edit(_) => preview(app, &input.text, width, theme),
        Purpose::Update(r) => Line::styled(
            format!("adds \"{}: …\" to {r}", app.today().format("%-d %b %Y")),
            theme.dim(),
        ),
        Purpose::Search => Line::styled(format!("{} actions match", app.action_order().len()), theme.dim()),
        Purpose::Owner => owner_preview(app, input.text.trim(), theme),
    };
    let lines = vec![typed_line(&input.text, input.cursor, width, theme), second];
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The text with the cursor shown as a reversed cell, scrolled to keep it in view.
fn typed_line(text: &str, cursor: usize, width: usize, theme: &Theme) -> Line<'static> {
    let chars: Vec<char> = clean(text).chars().collect();
    let room = width.saturating_sub(3).max(1);
    let start = (cursor + 1).saturating_sub(room);
    let before: String = chars[start..cursor].iter().collect();
    let at: String = chars.get(cursor).map_or(" ".into(), |c| c.to_string());
    let after: String = chars
        .iter()
        .skip(cursor + 1)
        .take(room.saturating_sub(cursor - start + 1))
        .collect();
    Line::from(vec![
        Span::styled("› ", theme.heading()),
        Span::raw(before),
        Span::styled(at, theme.selected()),
        Span::raw(after),
    ])
}

fn owner_preview(app: &App, typed: &str, theme: &Theme) -> Line<'static> {
    let board = &app.workspace.board;
    let typed = typed.trim_start_matches('@');
    if typed.is_empty() {
        return Line::styled("everyone's actions", theme.dim());
    }
    let people = board.people.iter().map(|p| (&p.initials, &p.name));
    let mut found = people.chain(board.groups.iter().map(|g| (&g.initials, &g.name)));
    match found.find(|(i, _)| i.eq_ignore_ascii_case(typed)) {
        Some((initials, name)) => Line::styled(format!("✓ {initials} {}", clean(name)), theme.good()),
        None => Line::styled(
            format!("✗ {} is not in the people register", clean(typed)),
            theme.error(),
        ),
    }
}

fn preview(app: &App, text: &str, width: usize, theme: &Theme) -> Line<'static> {
    if text.trim().is_empty() {
        return Line::styled(
            fit("e.g. Send the risk log to members @CMc due Friday", width),
            theme.dim(),
        );
    }
    let draft = match app.parse_quick_add(text) {
        Ok(draft) => draft,
        Err(why) => return Line::styled(fit(&format!("✗ {why}"), width), theme.error()),
    };
    let board = &app.workspace.board;
    let owners = board.owners_named(&draft.owners);
    let due = due_words(draft.due);
    let link = match app.workspace.raised_now(app.now) {
        Some(raised) => {
            let meeting = app.workspace.meetings.iter().find(|m| m.date == raised.meeting);
            let item = raised.item.as_deref().unwrap_or("");
            let title = meeting
                .and_then(|m| m.agenda.iter().find(|i| i.number == item))
                .map_or("", |i| &i.title);
            format!("item {item} {title}")
        }
        None => "not linked: no meeting running".into(),
    };
    Line::styled(fit(&format!("✓ {owners} · {due} · {link}"), width), theme.good())
}
