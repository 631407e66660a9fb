//! Saving a `Change`: under the workspace lock, read the documents it
//! needs as they are on disk now, apply it, and write back what it
//! changed, each file atomically. One path for the TUI, `gavel add` and
//! `gavel import`, so no path can overwrite what another wrote.

use super::append::append_locked;
use super::error::{LoadError, SaveError};
use super::held::{Daily, check_daily};
use super::lock::lock_for_save;
use super::save::{clean_leftovers_once, to_json, write_atomic};
use super::{ACTIONS_FILE, BOARD_FILE, RISKS_FILE, load_document, meeting_file};
use crate::model::change::{Added, Committed, Needs};
use crate::model::validate::validate_actions;
use crate::model::{ActionLog, Applied, Board, Change, OnDisk, Refusal, RiskRegister};
use std::path::Path;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SaveError + '_ {
    move |source| SaveError::io(path, source)
}

/// Applies `change` to the workspace at `root` and saves it durably.
pub fn commit(root: &Path, change: &Change) -> Result<Committed, SaveError> {
    let _lock = lock_for_save(root)?;
    super::open::real_folders(root)?;
    clean_leftovers_once(root);
    let board: Board = load_document(&root.join(BOARD_FILE))?.ok_or_else(|| LoadError::NotAWorkspace(root.into()))?;
    if let Change::AddAction { draft, raised } = change {
        // The common case, kept fast on a long log: spliced in, not rewritten.
        let action = append_locked(root, &board, draft.clone(), raised.clone())?;
        let applied = Applied {
            summary: format!("{} added: {}", action.reference, action.text),
            undo: Some(Change::DeleteAction { was: action.clone() }),
            added: Some(Added::Action(Box::new(action))),
        };
        return Ok(Committed { applied, board: None, actions: None, risks: None, meeting: None });
    }
    let needs = change.needs();
    // The daily documents it does not read are checked all the same, before
    // anything (a long file's tidy) is written.
    let unread: Vec<Daily> =
        [(Daily::Actions, needs.actions), (Daily::Risks, needs.risks)].iter().filter(|d| !d.1).map(|d| d.0).collect();
    check_daily(root, &board, &unread)?;
    // A long log of an older workspace is tidied a record at a time before
    // it is read whole (`store::sift`).
    let long_kept_from = super::archive::kept_from(root, &board);
    if needs.actions {
        super::sift::tidy_long_file::<ActionLog>(root, &board, &root.join(ACTIONS_FILE), long_kept_from)?;
    }
    if needs.actions || needs.risks {
        super::sift::tidy_long_file::<RiskRegister>(root, &board, &root.join(RISKS_FILE), long_kept_from)?;
    }
    let mut disk = read(root, board, needs)?;
    let before = disk.clone();
    let applied = change.apply(&mut disk).map_err(SaveError::Refused)?;
    if let Some(log) = disk.actions.as_ref().filter(|_| needs.actions)
        && let Some(problem) = validate_actions(&disk.board, log).into_iter().next()
    {
        return Err(SaveError::Refused(Refusal::rule(format!("{}: {}", problem.path, problem.message))));
    }
    // Closed records of past years move to the archive as the change is saved.
    let kept_from = super::archive::kept_from(root, &disk.board);
    if let Some(log) = disk.actions.as_mut().filter(|_| needs.actions)
        && super::archive::needs_tidying::<ActionLog>(&log.actions, kept_from)
    {
        super::archive::tidy(root, kept_from, log)?;
        if !needs.risks {
            super::archive::tidy_risks_too(root, &disk.board, kept_from)?;
        }
    }
    if let Some(register) = disk.risks.as_mut().filter(|_| needs.risks) {
        super::archive::tidy(root, kept_from, register)?;
    }
    write(root, &before, &disk, needs)?;
    Ok(Committed::new(applied, disk, needs))
}

/// A daily document, which every workspace holds (`held`).
fn daily<T: serde::de::DeserializeOwned + super::Versioned>(path: &Path) -> Result<T, SaveError> {
    Ok(load_document(path)?.ok_or_else(|| super::held::vanished(path))?)
}

/// The documents the change needs, as they are on disk; a missing action
/// log, risk register or meeting is refused.
fn read(root: &Path, board: Board, needs: Needs) -> Result<OnDisk, SaveError> {
    let actions = match needs.actions {
        true => Some(daily(&root.join(ACTIONS_FILE))?),
        false => None,
    };
    let risks = match needs.risks {
        true => Some(daily(&root.join(RISKS_FILE))?),
        false => None,
    };
    if let Some(date) = needs.creates {
        // The file must not exist: a meeting is made once, never over another.
        return match load_document::<crate::model::Meeting>(&meeting_file(root, date))? {
            Some(_) => Err(SaveError::Refused(Refusal::rule(format!(
                "there is already a meeting on {}",
                date.format("%-d %B %Y")
            )))),
            None => Ok(OnDisk { board, actions, risks, meeting: None }),
        };
    }
    let meeting = match needs.meeting {
        Some(date) => Some(load_document(&meeting_file(root, date))?.ok_or_else(|| {
            SaveError::Refused(Refusal::rule(format!("there is no meeting on {} any more", date.format("%-d %B %Y"))))
        })?),
        None => None,
    };
    Ok(OnDisk { board, actions, risks, meeting })
}

/// Writes the documents that changed. A guest joins the register before
/// the meeting, so a crash between leaves a registered guest not yet marked in.
fn write(root: &Path, before: &OnDisk, after: &OnDisk, needs: Needs) -> Result<(), SaveError> {
    // A file saved but not surely flushed is reported once the rest of the
    // change is written too: "the change is made" must be true when said.
    let mut unsure = None;
    let mut save = |path: &Path, bytes: Vec<u8>| match write_atomic(path, &bytes).map_err(io(path)) {
        Err(e @ SaveError::Unsure { .. }) => {
            unsure.get_or_insert(e);
            Ok(())
        }
        done => done,
    };
    if needs.board && before.board != after.board {
        save(&root.join(BOARD_FILE), to_json(&after.board))?;
    }
    if let Some(log) = after.actions.as_ref().filter(|log| before.actions.as_ref() != Some(log)) {
        save(&root.join(ACTIONS_FILE), to_json(log))?;
    }
    if let Some(register) = after.risks.as_ref().filter(|r| before.risks.as_ref() != Some(r)) {
        save(&root.join(RISKS_FILE), to_json(register))?;
    }
    if let Some(meeting) = after.meeting.as_ref().filter(|m| before.meeting.as_ref() != Some(m)) {
        save(&meeting_file(root, meeting.date), to_json(meeting))?;
    }
    unsure.map_or(Ok(()), Err)
}
