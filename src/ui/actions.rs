//! The action log pane: RAG with its letter, ref, action, owner, deadline;
//! sorted by RAG then deadline. Only the visible rows are built.

use super::format::short_date;
use super::theme::Theme;
use super::{pane_block, scroll_offset};
use crate::app::archive::archived_at;
use crate::app::{App, Pane};
use crate::model::{Action, Deadline, Rag};
use crate::text::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let ctx = app.workspace.rag_context(app.today());
    let actions = &app.workspace.actions.actions;
    let count = |rag| actions.iter().filter(|a| a.rag(&ctx) == rag).count();
    let title = vec![
        Span::raw("Actions "),
        Span::styled(format!("[{}]", fit(&app.action_filter.describe(), 28)), theme.bold()),
    ];
    let mut title = title;
    title.extend(archive_title(app, theme));
    title.extend([
        Span::raw(" · "),
        Span::styled(
            format!("{} overdue", count(Rag::Red)),
            if count(Rag::Red) > 0 { theme.error() } else { theme.good() },
        ),
        Span::raw(format!(" · {} due soon", count(Rag::Amber))),
    ]);
    let block = pane_block(app, theme, Pane::Actions, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let columns = Columns::for_width(usize::from(inner.width), ref_width(app));
    let mut lines = vec![columns.header(theme)];
    let details = details(app, theme, inner);
    let (offset, rows) = window(app, inner, details.len());
    let order = app.action_order();
    if order.is_empty() && actions.is_empty() {
        lines.push(Line::styled("No actions yet: press a to add one.", theme.dim()));
    } else if app.action_rows() == 0 && !app.archive.searching() {
        lines.push(Line::styled("No actions match: f changes the filter, Esc clears it.", theme.dim()));
    }
    for position in (0..app.action_rows()).skip(offset).take(rows) {
        let mut line = match order.get(position) {
            Some(&index) => {
                let action = &actions[index];
                columns.row(theme, action, action.rag(&ctx), ctx.next_meeting_for(action))
            }
            // Found in the archive: closed, read-only, dimmed.
            None => match archived_at(app, position) {
                Some(action) => columns.row(theme, action, action.rag(&ctx), None).style(theme.dim()),
                None => continue,
            },
        };
        if app.focus == Pane::Actions && position == app.action_row {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    lines.resize(usize::from(inner.height).saturating_sub(details.len()), Line::raw(""));
    lines.extend(details);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The selected action in full under the list, when focused and there is room.
fn details(app: &App, theme: &Theme, inner: Rect) -> Vec<Line<'static>> {
    if app.focus == Pane::Actions && inner.height >= 14 {
        selected_details(app, theme, usize::from(inner.width))
    } else {
        vec![]
    }
}

/// The list's first shown position and how many rows it has, under the
/// column header and above the details.
fn window(app: &App, inner: Rect, details: usize) -> (usize, usize) {
    let rows = usize::from(inner.height).saturating_sub(1 + details);
    (scroll_offset(app.action_row, rows), rows)
}

/// The position in the action order drawn at screen line `y`, if any.
pub(super) fn row_at(app: &App, inner: Rect, y: u16) -> Option<usize> {
    let (offset, rows) = window(app, inner, details(app, &Theme::new(app.color), inner).len());
    let line = usize::from(y.checked_sub(inner.y)?).checked_sub(1)?;
    let position = offset + line;
    (line < rows && position < app.action_rows()).then_some(position)
}

/// Under the list when there is room: the selected action in full.
fn selected_details(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let live = app.action_order().get(app.action_row).map(|&index| &app.workspace.actions.actions[index]);
    let Some(action) = live.or_else(|| archived_at(app, app.action_row)) else {
        return vec![];
    };
    let archived = if live.is_none() { " · in the archive, read-only" } else { "" };
    let reference = format!("{}{archived}", action.reference);
    let board = &app.workspace.board;
    let owners = board.owners_named(&action.owners);
    let due = app.workspace.rag_context(app.today()).due_words(action);
    let raised = action.raised.as_ref().map_or(String::new(), |r| {
        let item = app.workspace.raised_number(r).map_or(String::new(), |i| format!(", item {i}"));
        format!(" · raised {}{item}", r.meeting.format("%-d %b %Y"))
    });
    let closed = action.closed.map_or(String::new(), |d| format!(" {}", d.format("%-d %b %Y")));
    let mut lines = vec![
        Line::styled("─".repeat(width), theme.dim()),
        Line::styled(
            fit(&format!("{reference} · {} · {due} · {}{closed}{raised}", owners, action.status.label()), width),
            theme.bold(),
        ),
        Line::raw(fit(&action.text, width)),
    ];
    match action.updates.last() {
        Some(update) => {
            lines.push(Line::raw(fit(&format!("{}: {}", update.date.format("%-d %b %Y"), update.text), width)))
        }
        None => lines.push(Line::styled("no updates yet: u adds one", theme.dim())),
    }
    lines
}

/// The archive's part in a search, for the pane's title.
fn archive_title(app: &App, theme: &Theme) -> Option<Span<'static>> {
    let words = if app.archive.searching() {
        " · searching the archive…".to_string()
    } else {
        match &app.archive.found {
            Some((found, more)) if !found.is_empty() => {
                format!(" · {}{} archived", found.len(), if *more { "+" } else { "" })
            }
            _ => return None,
        }
    };
    Some(Span::styled(words, theme.dim()))
}

struct Columns {
    text: usize,
    status: bool,
    reference: usize,
}

/// The Ref column, as wide as the longest ref listed.
fn ref_width(app: &App) -> usize {
    let live = app.action_order().iter().map(|&i| &app.workspace.actions.actions[i]);
    super::format::ref_width(live.chain(app.archive.rows()).map(|a| a.reference.as_str()))
}
const OWNER: usize = 6;
const DUE: usize = 9;
const STATUS: usize = 11;

impl Columns {
    fn for_width(width: usize, reference: usize) -> Columns {
        let status = width >= 64;
        let fixed = 3 + 1 + reference + 1 + 1 + OWNER + 1 + DUE + if status { 1 + STATUS } else { 0 };
        Columns { text: width.saturating_sub(fixed).max(6), status, reference }
    }

    fn header(&self, theme: &Theme) -> Line<'static> {
        let mut text = format!(
            "RAG {} {} {} {}",
            pad("Ref", self.reference),
            pad("Action", self.text),
            pad("Owner", OWNER),
            pad("Due", DUE)
        );
        if self.status {
            text.push_str(" Status");
        }
        Line::styled(text, theme.dim())
    }

    fn row(&self, theme: &Theme, action: &Action, rag: Rag, next: Option<chrono::NaiveDate>) -> Line<'static> {
        let owners = if action.owners.is_empty() { "—".to_string() } else { action.owners.join("/") };
        let due = match action.due {
            Some(Deadline::On(date)) => short_date(date),
            // "next meeting (20 Jun)", in the column's nine characters.
            Some(Deadline::NextMeeting) => next.map_or("next mtg".into(), |d| format!("nxt {}", d.format("%-d %b"))),
            Some(symbolic) => symbolic.short(),
            None => String::new(),
        };
        let mut spans = vec![
            Span::styled(format!(" {} ", rag.letter()), theme.rag(rag)),
            Span::raw(format!(" {} ", pad(&action.reference, self.reference))),
            Span::raw(pad(&action.text, self.text)),
            Span::raw(format!(" {} ", pad(&owners, OWNER))),
            Span::styled(pad(&due, DUE), if rag == Rag::Red { theme.error() } else { theme.bold() }),
        ];
        if self.status {
            spans.push(Span::styled(format!(" {}", pad(action.status.label(), STATUS)), theme.dim()));
        }
        Line::from(spans)
    }
}
