//! Changes to the action log: add, put back, delete, and field-level edits.

use super::fields::{self, check};
use super::route::ActionChange;
use super::{Added, Applied, Change};
use crate::model::action::{Update, due_words};
use crate::model::id::Id;
use crate::model::refusal::Refusal;
use crate::model::{Action, ActionLog, ActionStatus, Deadline};
use chrono::NaiveDate;

/// One edit to one action.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ActionEdit {
    /// In progress, done, dropped or open again, with the date closed.
    Status { was: Closure, now: Closure },
    /// A dated note of progress.
    AddUpdate(Update),
    /// Takes back an update (undo).
    RemoveUpdate(Update),
    /// Only the fields the user changed, each with the value they saw.
    Fields(Vec<FieldEdit>),
}

/// An action's status and the date it was closed, which go together.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Closure {
    pub status: ActionStatus,
    pub closed: Option<NaiveDate>,
}

impl Closure {
    pub fn of(action: &Action) -> Closure {
        Closure { status: action.status, closed: action.closed }
    }

    /// `status` set today: a closing status is dated, an open one is not.
    pub fn set(status: ActionStatus, today: NaiveDate) -> Closure {
        Closure { status, closed: status.is_closed().then_some(today) }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FieldEdit {
    Text { was: String, now: String },
    Owners { was: Vec<String>, now: Vec<String> },
    Due { was: Option<Deadline>, now: Option<Deadline> },
}

impl FieldEdit {
    /// The edits that take `shown` to `wanted`: only the fields that differ.
    pub fn between(shown: &Action, text: &str, owners: &[String], due: Option<Deadline>) -> Vec<FieldEdit> {
        let mut edits = Vec::new();
        if shown.text != text {
            edits.push(FieldEdit::Text { was: shown.text.clone(), now: text.to_string() });
        }
        if shown.owners != owners {
            edits.push(FieldEdit::Owners { was: shown.owners.clone(), now: owners.to_vec() });
        }
        if shown.due != due {
            edits.push(FieldEdit::Due { was: shown.due, now: due });
        }
        edits
    }

    fn inverse(&self) -> FieldEdit {
        match self.clone() {
            FieldEdit::Text { was, now } => FieldEdit::Text { was: now, now: was },
            FieldEdit::Owners { was, now } => FieldEdit::Owners { was: now, now: was },
            FieldEdit::Due { was, now } => FieldEdit::Due { was: now, now: was },
        }
    }

    /// "owner PD", "due Fri 30 Jun 2026", "text": what the edit sets.
    fn words(&self) -> String {
        match self {
            FieldEdit::Text { .. } => "text".into(),
            FieldEdit::Owners { now, .. } => format!("owner {}", owners_text(now)),
            FieldEdit::Due { now, .. } => due_words(*now),
        }
    }
}

fn owners_text(owners: &[String]) -> String {
    if owners.is_empty() { "none".into() } else { owners.join("/") }
}

fn due_text(due: &Option<Deadline>) -> String {
    due.map_or("none".into(), Deadline::short)
}

impl ActionEdit {
    fn inverse(&self) -> ActionEdit {
        match self {
            ActionEdit::Status { was, now } => ActionEdit::Status { was: *now, now: *was },
            ActionEdit::AddUpdate(update) => ActionEdit::RemoveUpdate(update.clone()),
            ActionEdit::RemoveUpdate(update) => ActionEdit::AddUpdate(update.clone()),
            ActionEdit::Fields(edits) => ActionEdit::Fields(edits.iter().map(FieldEdit::inverse).collect()),
        }
    }
}

impl Change {
    /// An edit of this action, the one the user sees: it follows the
    /// action's identity if a sync renumbers it before the edit is saved.
    pub fn edit_action(action: &Action, edit: ActionEdit) -> Change {
        Change::EditAction { reference: action.reference.clone(), id: action.id.clone(), edit }
    }

    /// An edit of the action a ref names now: what a user typed (`gavel done A5`).
    pub fn edit_action_named(reference: &str, edit: ActionEdit) -> Change {
        Change::EditAction { reference: reference.to_string(), id: Id::default(), edit }
    }
}

pub(super) fn apply(change: ActionChange, log: &mut ActionLog) -> Result<Applied, Refusal> {
    let applied = |summary: String, undo: Change| Applied { summary, added: None, undo: Some(undo) };
    match change {
        ActionChange::Add { draft, raised } => {
            let action = log.add(draft.clone(), raised.clone()).clone();
            Ok(Applied {
                summary: format!("{} added: {}", action.reference, action.text),
                undo: Some(Change::DeleteAction { was: action.clone() }),
                added: Some(Added::Action(Box::new(action))),
            })
        }
        ActionChange::Put { action } => {
            if log.actions.iter().any(|a| a.reference == action.reference) {
                return Err(Refusal::rule(format!("{} is already in the action log", action.reference)));
            }
            // A deleted action's ref is retired: putting it back is an undo; else it is new (an import, a table's ref).
            let back = log.retired.contains(&action.reference);
            log.retired.retain(|r| *r != action.reference);
            log.actions.push(action.clone());
            Ok(applied(
                format!("{} {}: {}", action.reference, if back { "put back" } else { "added" }, action.text),
                Change::DeleteAction { was: action.clone() },
            ))
        }
        ActionChange::Delete { was } => {
            let index = position(log, &was.reference)?;
            let disk = &log.actions[index];
            // A raised item's number that followed its item where the meeting was read is no change of the action's.
            let mut seen = was.clone();
            if let (Some(shown), Some(stored)) = (seen.raised.as_mut(), &disk.raised)
                && shown.same_place(stored)
            {
                *shown = stored.clone();
            }
            fields::restore(&was.reference, Some(disk), Some(&seen), None::<&Action>)?;
            let action = log.actions.remove(index);
            // Refs are never given again: minutes may already name this one.
            log.retired.push(action.reference.clone());
            Ok(applied(format!("{} deleted", action.reference), Change::PutAction { action }))
        }
        ActionChange::Edit { reference, id, edit } => {
            let index = seen(log, reference, id)?;
            let summary = edit_action(&mut log.actions[index], edit)?;
            Ok(applied(summary, Change::edit_action(&log.actions[index], edit.inverse())))
        }
    }
}

/// The action the user saw: by its identity when the change has it (a
/// sync may have renumbered it since, and given its old ref to another),
/// else by the ref they typed.
fn seen(log: &ActionLog, reference: &str, id: &Id) -> Result<usize, Refusal> {
    if id.is_unset() {
        return position(log, reference);
    }
    log.actions.iter().position(|a| a.id == *id).ok_or_else(|| Refusal::Gone(reference.to_string()))
}

fn position(log: &ActionLog, reference: &str) -> Result<usize, Refusal> {
    log.actions.iter().position(|a| a.reference == reference).ok_or_else(|| Refusal::Gone(reference.to_string()))
}

/// Applies one edit to the action as it is on disk; returns what it did.
fn edit_action(action: &mut Action, edit: &ActionEdit) -> Result<String, Refusal> {
    let reference = action.reference.clone();
    match edit {
        ActionEdit::Status { was, now } => {
            // Only a change of the date closed itself (from a spreadsheet) moves a status that is already so.
            let date_only = was.status == now.status;
            if action.status == now.status && (!date_only || action.closed == now.closed) {
                return Err(Refusal::AlreadySo(format!("{reference} is already {}", now.status.label())));
            }
            check(&reference, "status", (&action.status, &was.status, &now.status), |s| s.label().to_string())?;
            if date_only {
                let date = |d: &Option<NaiveDate>| d.map_or("none".into(), |d| d.to_string());
                check(&reference, "date closed", (&action.closed, &was.closed, &now.closed), date)?;
            }
            action.status = now.status;
            action.closed = now.closed;
            Ok(format!("{reference} marked {}", now.status.label()))
        }
        ActionEdit::AddUpdate(update) => {
            action.updates.push(update.clone());
            Ok(format!("{reference}: update added"))
        }
        ActionEdit::RemoveUpdate(update) => {
            let at = action
                .updates
                .iter()
                .rposition(|u| u == update)
                .ok_or_else(|| Refusal::Gone(format!("{reference}'s update")))?;
            action.updates.remove(at);
            Ok(format!("{reference}: update removed"))
        }
        ActionEdit::Fields(edits) => {
            if edits.is_empty() {
                return Err(Refusal::AlreadySo(format!("{reference} is unchanged: nothing was saved")));
            }
            // Every field is checked before any is written, and every field
            // changed elsewhere is named, not only the first.
            let mut conflicts = Vec::new();
            for edit in edits {
                let checked = match edit {
                    FieldEdit::Text { was, now } => check(&reference, "text", (&action.text, was, now), short_text),
                    FieldEdit::Owners { was, now } => {
                        check(&reference, "owner", (&action.owners, was, now), |o| owners_text(o))
                    }
                    FieldEdit::Due { was, now } => check(&reference, "deadline", (&action.due, was, now), due_text),
                };
                match checked {
                    Err(conflict) if conflict.is_conflict() => conflicts.push(conflict),
                    other => {
                        other?;
                    }
                }
            }
            if let Some(conflict) = Refusal::all_of(conflicts) {
                return Err(conflict);
            }
            for edit in edits {
                match edit.clone() {
                    FieldEdit::Text { now, .. } => action.text = now,
                    FieldEdit::Owners { now, .. } => action.owners = now,
                    FieldEdit::Due { now, .. } => action.due = now,
                }
            }
            let words: Vec<String> = edits.iter().map(FieldEdit::words).collect();
            Ok(format!("{reference} edited: {}", words.join(", ")))
        }
    }
}

/// An action's text in a message, quoted, cut at 40 characters: a line of
/// the minutes would push the rest of the message off the screen.
fn short_text(text: &String) -> String {
    const SHOWN: usize = 40;
    match text.char_indices().nth(SHOWN) {
        Some((cut, _)) => format!("\"{}…\"", text[..cut].trim_end()),
        None => format!("{text:?}"),
    }
}
