//! The archive in the action pane's search. With every action shown (`f`
//! until "all") and words searched for, the closed actions of past years
//! that match are listed after the others, read-only, the most recently
//! closed first. The app reads no file: it asks the loop
//! (`Effect::SearchArchive`), which reads the archive a year at a time on
//! another thread and answers with `Msg::ArchiveFound`; an answer to a
//! search no longer wanted is dropped.

use super::{App, Effect};
use crate::model::Action;
use crate::model::refusal::Refusal;

/// The most archived actions one search lists: the newest of them.
pub const MOST_FOUND: usize = 200;

/// What the archive is asked for: the pane's search words and owner.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ArchiveQuery {
    pub words: String,
    pub owner: Option<String>,
}

impl ArchiveQuery {
    /// The pane's own rule, so the archive lists what the log would.
    pub fn matches(&self, action: &Action) -> bool {
        super::actions::owned_by(action, self.owner.as_deref()) && super::actions::has_words(action, &self.words)
    }
}

/// The archive search under way or done.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArchiveSearch {
    /// The search last asked of the archive.
    pub asked: Option<ArchiveQuery>,
    /// What it found, when it has answered: the newest first, at most
    /// `MOST_FOUND`, and whether there were more.
    pub found: Option<(Vec<Action>, bool)>,
}

impl ArchiveSearch {
    /// The archived actions listed, none while the search runs.
    pub fn rows(&self) -> &[Action] {
        self.found.as_ref().map_or(&[], |(found, _)| found.as_slice())
    }

    pub fn searching(&self) -> bool {
        self.asked.is_some() && self.found.is_none()
    }
}

/// After each message: asks the archive again if the search changed.
pub(super) fn follow(app: &mut App) -> Option<Effect> {
    let wanted = app.action_filter.archive_query();
    if wanted == app.archive.asked {
        return None;
    }
    app.archive = ArchiveSearch { asked: wanted.clone(), found: None };
    app.clamp_selection();
    wanted.map(Effect::SearchArchive)
}

/// The archive's answer; an answer to an earlier search is dropped.
pub(super) fn on_found(app: &mut App, query: ArchiveQuery, found: Result<(Vec<Action>, bool), String>) {
    if app.archive.asked.as_ref() != Some(&query) {
        return;
    }
    match found {
        Ok((mut found, more)) => {
            // A tidy cut short leaves an action in both: the log's copy counts.
            let live = &app.workspace.actions.actions;
            found.retain(|a| !live.iter().any(|l| l.reference == a.reference));
            app.archive.found = Some((found, more));
        }
        Err(why) => {
            app.archive.found = Some((Vec::new(), false));
            app.refuse(format!("the archive could not be searched: {why}"));
        }
    }
    app.clamp_selection();
}

/// The archived action at a row of the pane, past the log's own.
pub fn archived_at(app: &App, row: usize) -> Option<&Action> {
    app.archive.rows().get(row.checked_sub(app.action_order().len())?)
}

/// Why the selected row cannot be changed, when it is an archived action.
pub(super) fn refuse_archived(app: &App) -> Option<Refusal> {
    let action = archived_at(app, app.action_row)?;
    let closed = action.closed.map_or(String::new(), |d| format!(", closed {}", d.format("%-d %b %Y")));
    Some(Refusal::rule(format!(
        "{} is in the archive{closed}: archived actions are kept as they were closed; to take it up again, add a new action (a)",
        action.reference
    )))
}
