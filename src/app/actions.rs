//! The action log as the pane shows it: which actions the filter keeps,
//! in what order, and the changes to the selected one.

use super::commands::{Outcome, writable};
use super::{App, Change, Effect};
use crate::model::action::{RagContext, review_key};
use crate::model::change::{ActionEdit, Closure};
use crate::model::id::Id;
use crate::model::{Action, ActionStatus, Rag, Refusal, Workspace};
use chrono::NaiveDate;

/// Which actions the pane lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Show {
    #[default]
    Open,
    Overdue,
    /// Open actions from before the meeting (raised at an earlier one, or
    /// outside any), for the "actions and feedback" item.
    MattersArising,
    All,
}

impl Show {
    fn next(self) -> Show {
        match self {
            Show::Open => Show::Overdue,
            Show::Overdue => Show::MattersArising,
            Show::MattersArising => Show::All,
            Show::All => Show::Open,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Show::Open => "open",
            Show::Overdue => "overdue",
            Show::MattersArising => "matters arising",
            Show::All => "all",
        }
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionFilter {
    pub show: Show,
    /// Initials as the register spells them.
    pub owner: Option<String>,
    /// Words the text, ref or owners must contain, ignoring case.
    pub search: String,
}

impl ActionFilter {
    fn keeps(&self, action: &Action, rag: Rag, meeting: Option<NaiveDate>) -> bool {
        let shown = match self.show {
            Show::Open => !action.status.is_closed(),
            Show::Overdue => rag == Rag::Red,
            Show::MattersArising => !action.status.is_closed() && meeting.is_some_and(|now| action.arising_at(now)),
            Show::All => true,
        };
        shown && owned_by(action, self.owner.as_deref()) && has_words(action, &self.search)
    }

    /// What to ask the archive: with every action shown, the words searched for.
    pub fn archive_query(&self) -> Option<super::archive::ArchiveQuery> {
        (self.show == Show::All && !self.search.trim().is_empty())
            .then(|| super::archive::ArchiveQuery { words: self.search.clone(), owner: self.owner.clone() })
    }

    /// Indices of the kept actions by RAG, then deadline, then ref.
    pub fn order(&self, ws: &Workspace, today: NaiveDate, meeting: Option<NaiveDate>) -> Vec<usize> {
        let ctx: RagContext = ws.rag_context(today);
        let actions = &ws.actions.actions;
        let mut kept: Vec<((Rag, NaiveDate, u64), usize)> = actions
            .iter()
            .enumerate()
            .filter_map(|(i, a)| {
                let key = review_key(a, &ctx);
                self.keeps(a, key.0, meeting).then_some((key, i))
            })
            .collect();
        kept.sort_unstable();
        kept.into_iter().map(|(_, i)| i).collect()
    }

    /// "open · GB · "risk"", for the pane's title.
    pub fn describe(&self) -> String {
        let mut parts = vec![self.show.label().to_string()];
        parts.extend(self.owner.clone());
        if !self.search.trim().is_empty() {
            parts.push(format!("\"{}\"", self.search.trim()));
        }
        parts.join(" · ")
    }
}

/// Whether an owner (none: anyone) owns the action.
pub(super) fn owned_by(action: &Action, owner: Option<&str>) -> bool {
    owner.is_none_or(|o| action.owners.iter().any(|x| x == o))
}

/// Whether the action's text holds the words searched for, or its ref or
/// an owner is them, ignoring case; no words keep everything.
pub(super) fn has_words(action: &Action, words: &str) -> bool {
    let needle = words.trim().to_lowercase();
    needle.is_empty()
        || action.text.to_lowercase().contains(&needle)
        || action.reference.to_lowercase() == needle
        || action.owners.iter().any(|o| o.to_lowercase() == needle)
}

/// The action under the cursor, or why there is none to change (`none`
/// says what to do, or the row is an archived action).
pub(super) fn selected<'a>(app: &'a App, none: &str) -> Result<&'a Action, Refusal> {
    live_under_cursor(app).ok_or_else(|| super::archive::refuse_archived(app).unwrap_or_else(|| Refusal::rule(none)))
}

/// The action of the log under the cursor; none on an archived row.
pub(super) fn live_under_cursor(app: &App) -> Option<&Action> {
    app.action_order.get(app.action_row).and_then(|&i| app.workspace.actions.actions.get(i))
}

/// Moves the cursor to an action, if the filter shows it.
pub(super) fn select(app: &mut App, reference: &str) {
    let actions = &app.workspace.actions.actions;
    if let Some(row) = app.action_order.iter().position(|&i| actions[i].reference == reference) {
        app.action_row = row;
    }
}

pub(super) fn cycle_show(app: &mut App) {
    app.action_filter.show = app.action_filter.show.next();
    app.action_row = 0;
    app.refresh();
}

pub(super) const NONE_SELECTED: &str = "no action is selected";

pub(super) fn set_status(app: &mut App, status: ActionStatus) -> Outcome {
    writable(app)?;
    let action = selected(app, NONE_SELECTED)?;
    if action.status == status {
        return Err(Refusal::AlreadySo(format!("{} is already {}", action.reference, status.label())));
    }
    let edit = ActionEdit::Status { was: Closure::of(action), now: Closure::set(status, app.today()) };
    Ok(edit_effect((action.reference.clone(), action.id.clone()), edit))
}

/// Deletes an action added by mistake; undo brings it back.
pub(super) fn delete(app: &mut App) -> Outcome {
    writable(app)?;
    let action = selected(app, NONE_SELECTED)?;
    Ok(vec![Effect::Save(Change::DeleteAction { was: action.clone() })])
}

/// The edit of the action named (its ref now) and seen (its identity, which the save goes by).
pub(super) fn edit_effect((reference, id): (String, Id), edit: ActionEdit) -> Vec<Effect> {
    vec![Effect::Save(Change::EditAction { reference, id, edit })]
}
