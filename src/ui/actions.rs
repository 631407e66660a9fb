//! The action log pane: RAG with its letter, ref, action, owner, deadline;
//! sorted by RAG then deadline. Only the visible rows are built.

use super::format::short_date;
use super::theme::Theme;
use super::{pane_block, scroll_offset};
use crate::app::{App, Pane};
use crate::model::{Action, Deadline, Rag};
use crate::text::pad;
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let ctx = app.workspace.rag_context(app.today());
    let actions = &app.workspace.actions.actions;
    let count = |rag| actions.iter().filter(|a| a.rag(&ctx) == rag).count();
    let open = actions.iter().filter(|a| !a.status.is_closed()).count();
    let title = vec![
        Span::raw(format!("Actions · {open} open · ")),
        Span::styled(
            format!("{} overdue", count(Rag::Red)),
            if count(Rag::Red) > 0 {
                theme.error()
            } else {
                theme.good()
            },
        ),
        Span::raw(format!(" · {} due soon", count(Rag::Amber))),
    ];
    let block = pane_block(app, theme, Pane::Actions, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let columns = Columns::for_width(usize::from(inner.width));
    let mut lines = vec![columns.header(theme)];
    let rows = usize::from(inner.height).saturating_sub(1);
    let order = app.action_order();
    if order.is_empty() {
        lines.push(Line::styled("No actions yet: press a to add one.", theme.dim()));
    }
    let offset = scroll_offset(app.action_row, rows);
    for (position, &index) in order.iter().enumerate().skip(offset).take(rows) {
        let action = &actions[index];
        let rag = action.rag(&ctx);
        let mut line = columns.row(theme, action, rag);
        if app.focus == Pane::Actions && position == app.action_row {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    frame.render_widget(Paragraph::new(lines), inner);
}

struct Columns {
    text: usize,
    status: bool,
}

const REF: usize = 4;
const OWNER: usize = 6;
const DUE: usize = 9;
const STATUS: usize = 11;

impl Columns {
    fn for_width(width: usize) -> Columns {
        let status = width >= 72;
        let fixed = 3 + 1 + REF + 1 + 1 + OWNER + 1 + DUE + if status { 1 + STATUS } else { 0 };
        Columns {
            text: width.saturating_sub(fixed).max(6),
            status,
        }
    }

    fn header(&self, theme: &Theme) -> Line<'static> {
        let mut text = format!(
            "RAG {} {} {} {}",
            pad("Ref", REF),
            pad("Action", self.text),
            pad("Owner", OWNER),
            pad("Due", DUE)
        );
        if self.status {
            text.push_str(" Status");
        }
        Line::styled(text, theme.dim())
    }

    fn row(&self, theme: &Theme, action: &Action, rag: Rag) -> Line<'static> {
        let owners = if action.owners.is_empty() {
            "—".to_string()
        } else {
            action.owners.join("/")
        };
        let due = match action.due {
            Some(Deadline::On(date)) => short_date(date),
            Some(Deadline::NextMeeting) => "next mtg".into(),
            None => String::new(),
        };
        let mut spans = vec![
            Span::styled(format!(" {} ", rag.letter()), theme.rag(rag)),
            Span::raw(format!(" {} ", pad(&action.reference, REF))),
            Span::raw(pad(&action.text, self.text)),
            Span::raw(format!(" {} ", pad(&owners, OWNER))),
            Span::styled(
                pad(&due, DUE),
                if rag == Rag::Red { theme.error() } else { theme.bold() },
            ),
        ];
        if self.status {
            spans.push(Span::styled(
                format!(" {}", pad(action.status.label(), STATUS)),
                theme.dim(),
            ));
        }
        Line::from(spans)
    }
}
