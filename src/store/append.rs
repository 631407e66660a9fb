//! Adding one action to a long log quickly and safely. The whole log is
//! validated (parsed in full, refs unique, owners known) unless it is
//! byte-for-byte the log gavel last validated or wrote: a sidecar,
//! `.gavel.checked`, holds that log's size, modification time and next ref.
//! A log in the canonical form then takes the new action spliced in before
//! its closing bracket, which gives exactly the bytes a full rewrite would.
//! Anything unusual takes the full read-modify-write.

use super::archive;
use super::error::{LoadError, SaveError};
use super::save::{clean_leftovers_once, to_json, write_atomic};
use super::{ACTIONS_FILE, parse, read};
use crate::model::action::Raised;
use crate::model::quickadd::QuickAdd;
use crate::model::validate::validate_actions;
use crate::model::{Action, ActionLog, Board};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

const CHECKED_FILE: &str = ".gavel.checked";
/// How a canonical action log with at least one action ends.
const CANONICAL_END: &[u8] = b"\n    }\n  ]\n}\n";
const CLOSING: &[u8] = b"\n  ]\n}\n";

/// The action log as gavel last validated or wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Checked {
    len: u64,
    modified_ns: i128,
    next_ref: String,
    /// The first year of closed actions kept in the log (see `archive`)
    /// when it was written: a later one means the log has some to move out.
    #[serde(default)]
    kept_from: Option<i32>,
}

fn fingerprint(path: &Path) -> Option<(u64, i128)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())))
}

/// Records the log just written. Not fsynced: losing it costs only a full
/// check at the next add. Renamed into place from an unpredictable temporary
/// name, so it is never half written and a planted link is never followed;
/// it takes the workspace's mode and group whatever the umask.
fn remember(root: &Path, path: &Path, next_ref: String, kept_from: Option<i32>) {
    let Some((len, modified_ns)) = fingerprint(path) else { return };
    let checked = Checked { len, modified_ns, next_ref, kept_from };
    let Ok(mut tmp) = tempfile::Builder::new().prefix(&format!("{CHECKED_FILE}.")).suffix(".tmp").tempfile_in(root)
    else {
        return;
    };
    super::lock::share_like_workspace(tmp.as_file(), root);
    if tmp.write_all(&to_json(&checked)).is_ok() {
        let _ = tmp.persist(root.join(CHECKED_FILE));
    }
}

/// The next ref, if the log on disk is the one last validated, and
/// tidied for the same archive year.
fn already_checked(root: &Path, path: &Path, kept_from: Option<i32>) -> Option<String> {
    let bytes = std::fs::read(root.join(CHECKED_FILE)).ok()?;
    let checked: Checked = serde_json::from_slice(&bytes).ok()?;
    (fingerprint(path)? == (checked.len, checked.modified_ns) && checked.kept_from == kept_from)
        .then_some(checked.next_ref)
}

/// Parses and validates the whole log; problems point at their line.
fn validated(board: &Board, path: &Path, bytes: &[u8]) -> Result<ActionLog, SaveError> {
    let log: ActionLog = parse::parse(path, bytes).map_err(|p| LoadError::Invalid(vec![p]))?;
    let problems = validate_actions(board, &log);
    if problems.is_empty() {
        return Ok(log);
    }
    Err(LoadError::Invalid(super::place::located(path, bytes, problems)).into())
}

/// Adds the action under the lock and returns it with its new ref.
pub fn append_action(root: &Path, board: &Board, draft: QuickAdd, raised: Option<Raised>) -> Result<Action, SaveError> {
    let _lock = super::lock::lock_for_save(root)?;
    clean_leftovers_once(root);
    append_locked(root, board, draft, raised)
}

/// `append_action` for a caller that holds the lock.
pub(super) fn append_locked(
    root: &Path,
    board: &Board,
    draft: QuickAdd,
    raised: Option<Raised>,
) -> Result<Action, SaveError> {
    let path = root.join(ACTIONS_FILE);
    let bytes = read(&path)?.unwrap_or_default();
    let kept_from = archive::kept_from(root, board);
    let (reference, log) = match already_checked(root, &path, kept_from) {
        Some(next) => (next, None),
        None if bytes.is_empty() => ("A1".to_string(), Some(ActionLog::empty())),
        None => {
            let log = validated(board, &path, &bytes)?;
            (log.next_ref(), Some(log))
        }
    };
    let action = Action::new(reference, draft, raised);
    // The fast path trusts the log because every action gavel adds to it
    // validates: one that would not is refused here, before any write.
    let alone = ActionLog { actions: vec![action.clone()], ..ActionLog::empty() };
    if let Some(problem) = validate_actions(board, &alone).into_iter().next() {
        return Err(SaveError::Refused(crate::model::Refusal::Rule(problem.message)));
    }
    let untidy = log.as_ref().is_some_and(|log| archive::needs_tidying::<ActionLog>(&log.actions, kept_from));
    let out = if bytes.ends_with(CANONICAL_END) && !untidy {
        splice(&bytes, &action)
    } else {
        // Missing, empty, hand-formatted or holding closed actions of past
        // years: rewrite it whole, canonically, the old ones archived first.
        let mut log = match log {
            Some(log) => log,
            None => validated(board, &path, &bytes)?,
        };
        if untidy {
            archive::tidy(root, kept_from, &mut log)?;
            archive::tidy_risks_too(root, kept_from)?;
        }
        log.actions.push(action.clone());
        to_json(&log)
    };
    write_atomic(&path, &out).map_err(|source| SaveError::Io { path: path.clone(), source })?;
    remember(root, &path, crate::model::action::next_ref_after(std::iter::once(action.reference.as_str())), kept_from);
    Ok(action)
}

/// The canonical log with one more action before its closing bracket.
fn splice(bytes: &[u8], action: &Action) -> Vec<u8> {
    let piece = serde_json::to_string_pretty(action).expect("actions always serialize");
    let mut out = Vec::with_capacity(bytes.len() + piece.len() * 2);
    out.extend_from_slice(&bytes[..bytes.len() - CLOSING.len()]);
    out.push(b',');
    for line in piece.lines() {
        out.extend_from_slice(b"\n    ");
        out.extend_from_slice(line.as_bytes());
    }
    out.extend_from_slice(CLOSING);
    out
}
