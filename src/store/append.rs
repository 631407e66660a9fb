//! Adding one action to a long log quickly and safely. The whole log is
//! validated (parsed in full, refs unique, owners known) unless it is
//! byte-for-byte the log gavel last validated or wrote: a sidecar,
//! `.gavel.checked`, holds that log's size, modification time and next ref.
//! A log in the canonical form then takes the new action spliced in before
//! its closing bracket, which gives exactly the bytes a full rewrite would.
//! Anything unusual takes the full read-modify-write.

use super::archive;
use super::error::{LoadError, SaveError};
use super::save::{clean_leftovers_once, to_json, write_atomic, write_atomic_keeping};
use super::spare::{self, Spare, modified_ns, spare_path};
use super::{ACTIONS_FILE, parse, read};
use crate::model::action::Raised;
use crate::model::history::Stamp;
use crate::model::quickadd::QuickAdd;
use crate::model::record::Document;
use crate::model::validate::validate_actions;
use crate::model::{Action, ActionLog, Board, SCHEMA_VERSION};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

pub(super) const CHECKED_FILE: &str = ".gavel.checked";
/// How a canonical action log with at least one action ends.
const CANONICAL_END: &[u8] = b"\n    }\n  ]\n}\n";
const CLOSING: &[u8] = b"\n  ]\n}\n";

/// The action log as gavel last validated or wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Checked {
    len: u64,
    modified_ns: i128,
    /// The log's inode: a writer that replaces the log (the TUI, an
    /// import, `sed -i`) within the clock tick of the last add, leaving
    /// size and time alike, still shows as a new file.
    #[serde(default)]
    ino: u64,
    /// The log's status-change time, which no program can set back: an
    /// edit in place that kept size and modification time still changes
    /// it (see `spare::refill`). Zero in a record an older gavel wrote.
    #[serde(default)]
    changed_ns: i128,
    next_ref: String,
    /// The first year of closed actions kept in the log (see `archive`)
    /// when it was written: a later one means the log has some to move out.
    #[serde(default)]
    kept_from: Option<i32>,
    /// The log before the last add, to write the next add into.
    #[serde(default)]
    spare: Option<Spare>,
    /// The risk register's size, modification time and inode when it was
    /// last read whole and found sound: an add need not parse it again
    /// while it is the same file (see `store::held`).
    #[serde(default)]
    risks: Option<(u64, i128, u64)>,
    /// A hash of the fields above: the file is rewritten in place, and a
    /// record torn by a crash must not pass for a whole one.
    #[serde(default)]
    seal: u64,
}

impl Checked {
    fn seal_of(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        // The schema version too: a log checked by an older gavel is read whole, and upgraded.
        let version = crate::model::SCHEMA_VERSION;
        let log = (self.len, self.modified_ns, self.ino, self.changed_ns);
        (version, log, &self.next_ref, self.kept_from, &self.spare, self.risks).hash(&mut hasher);
        hasher.finish()
    }
}

/// The log's size, modification time and inode.
fn fingerprint(path: &Path) -> Option<(u64, i128, u64)> {
    let meta = std::fs::metadata(path).ok()?;
    Some((meta.len(), modified_ns(&meta), meta.ino()))
}

/// Records the log just written. Not fsynced: losing it costs only a full
/// check at the next add. It takes the workspace's mode and group whatever
/// the umask.
fn remember(root: &Path, path: &Path, next_ref: String, kept_from: Option<i32>, spare_kept: bool) {
    let Some((len, modified_ns, ino)) = fingerprint(path) else { return };
    let changed_ns = std::fs::metadata(path).map_or(0, |m| spare::changed_ns(&m));
    let spare = spare_kept.then(|| Spare::on_disk(root)).flatten();
    // Checked (or written) by this add, under the lock.
    let risks = fingerprint(&root.join(super::RISKS_FILE));
    let mut checked = Checked { len, modified_ns, ino, changed_ns, next_ref, kept_from, spare, risks, seal: 0 };
    checked.seal = checked.seal_of();
    let mut bytes = serde_json::to_vec_pretty(&checked).expect("the record of a check serializes");
    bytes.push(b'\n');
    if rewrite_own(&root.join(CHECKED_FILE), &bytes).is_ok() {
        return;
    }
    // None yet, or not one to write through: a new one from an
    // unpredictable temporary name, renamed into place.
    let Ok(mut tmp) = tempfile::Builder::new().prefix(&format!("{CHECKED_FILE}.")).suffix(".tmp").tempfile_in(root)
    else {
        return;
    };
    super::lock::share_like_workspace(tmp.as_file(), root);
    if tmp.write_all(&bytes).is_ok() {
        let _ = tmp.persist(root.join(CHECKED_FILE));
    }
}

/// Overwrites a small file in place, only if it is this user's own regular
/// file with no other name: never through a planted link (symbolic or
/// hard), never blocking on a planted pipe. A fifth of a millisecond less
/// than a rename over it, on every add.
fn rewrite_own(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::{FileExt, OpenOptionsExt};
    let file = std::fs::OpenOptions::new().write(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path)?;
    let meta = file.metadata()?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let mine = meta.uid() == unsafe { libc::geteuid() };
    if !meta.is_file() || meta.nlink() != 1 || !mine {
        return Err(std::io::Error::other("not gavel's own file"));
    }
    file.write_all_at(bytes, 0)?;
    file.set_len(bytes.len() as u64)
}

/// The sealed record of the log last checked, if there is a whole one.
fn record(root: &Path) -> Option<Checked> {
    // Never a wait on a planted pipe, holding the lock.
    let bytes = super::open::read_small(&root.join(CHECKED_FILE))?;
    let checked: Checked = serde_json::from_slice(&bytes).ok()?;
    (checked.seal == checked.seal_of()).then_some(checked)
}

/// Whether a daily document is, byte for byte, the one the last add
/// validated or wrote: a save that does not change it need not read it.
pub(super) fn known_sound(root: &Path, daily: super::held::Daily) -> bool {
    let Some(checked) = record(root) else { return false };
    let seen = match daily {
        super::held::Daily::Actions => Some((checked.len, checked.modified_ns, checked.ino)),
        super::held::Daily::Risks => checked.risks,
    };
    seen.is_some() && seen == fingerprint(&root.join(daily.name()))
}

/// The record of the log, if the log on disk is the one last validated,
/// and tidied for the same archive year.
fn already_checked(root: &Path, path: &Path, kept_from: Option<i32>) -> Option<Checked> {
    let checked = record(root)?;
    let seen = (checked.len, checked.modified_ns, checked.ino);
    (fingerprint(path)? == seen && checked.kept_from == kept_from).then_some(checked)
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
    super::open::real_folders(root)?;
    clean_leftovers_once(root);
    append_locked(root, board, draft, raised, &super::author::stamp(root, None))
}

/// A new action, with its history begun: who added it, when.
fn made(reference: String, draft: QuickAdd, raised: Option<Raised>, stamp: &Stamp) -> Action {
    let mut action = Action::new(reference, draft, raised);
    crate::model::history::note_one(None, &mut action, stamp);
    action
}

/// `append_action` for a caller that holds the lock.
pub(super) fn append_locked(
    root: &Path,
    board: &Board,
    draft: QuickAdd,
    raised: Option<Raised>,
    stamp: &Stamp,
) -> Result<Action, SaveError> {
    let _register = crate::model::link::in_force(Some(crate::model::link::Directory::of(board)));
    let path = root.join(ACTIONS_FILE);
    let kept_from = archive::kept_from(root, board);
    let checked = already_checked(root, &path, kept_from);
    // Never an action beside a broken or vanished risk register: read
    // whole unless it is the one the last add found sound (`held`).
    super::held::check_daily(root, board, &[super::held::Daily::Risks])?;
    if let Some(checked) = checked {
        let action = checked_action(board, made(checked.next_ref.clone(), draft.clone(), raised.clone(), stamp))?;
        if let Some(spare_kept) = add_to_checked_log(root, &path, &checked, &spliced_piece(&action))? {
            remember(root, &path, next_ref_after(&action), kept_from, spare_kept);
            return Ok(action);
        }
    }
    // An older workspace's log of a century is first tidied a record at a
    // time, so that what is read whole here is the open work.
    if super::sift::tidy_long_file::<ActionLog>(root, board, &path, kept_from)? {
        archive::tidy_risks_too(root, board, kept_from)?;
    }
    // A missing log vanished, an empty one was cut short: never a new log.
    let bytes = read(&path)?.ok_or_else(|| super::held::vanished(&path))?;
    let mut log = validated(board, &path, &bytes)?;
    // Actions typed in by hand get their identities: the log is rewritten whole.
    let given = log.give_ids();
    let action = checked_action(board, made(log.next_ref(), draft, raised, stamp))?;
    let untidy = archive::needs_tidying::<ActionLog>(&log.actions, kept_from);
    // A log of an older schema is rewritten whole, upgraded.
    if bytes.ends_with(CANONICAL_END) && !untidy && !given && log.schema_version == SCHEMA_VERSION {
        let out = splice(bytes, &action);
        let spare_kept = write_atomic_keeping(&path, Some(&spare_path(root)), |file| file.write_all(&out))
            .map_err(|source| SaveError::io(path.clone(), source))?;
        remember(root, &path, next_ref_after(&action), kept_from, spare_kept);
        return Ok(action);
    }
    // Hand-formatted or holding closed actions of past
    // years: rewrite it whole, canonically, the old ones archived first.
    crate::model::migrate::upgrade(&mut log);
    if untidy {
        archive::tidy(root, kept_from, &mut log)?;
        archive::tidy_risks_too(root, board, kept_from)?;
    }
    log.actions.push(action.clone());
    write_atomic(&path, &to_json(&log)).map_err(|source| SaveError::io(path.clone(), source))?;
    spare::forget(root);
    remember(root, &path, next_ref_after(&action), kept_from, false);
    Ok(action)
}

fn next_ref_after(action: &Action) -> String {
    crate::model::action::next_ref_after(std::iter::once(action.reference.as_str()))
}

/// The fast path trusts the log because every action gavel adds to it
/// validates: one that would not is refused here, before any write.
fn checked_action(board: &Board, action: Action) -> Result<Action, SaveError> {
    let alone = ActionLog { actions: vec![action], ..ActionLog::empty() };
    if let Some(problem) = validate_actions(board, &alone).into_iter().next() {
        return Err(SaveError::Refused(crate::model::Refusal::Rule(problem.message)));
    }
    Ok(alone.actions.into_iter().next().expect("one action"))
}

/// The action as it follows the last one in a canonical log, with the
/// closing bracket after it.
fn spliced_piece(action: &Action) -> Vec<u8> {
    // Written as `to_json` writes the whole log: links as identities.
    let piece =
        crate::model::link::writing_file(|| serde_json::to_string_pretty(action)).expect("actions always serialize");
    let mut out = Vec::with_capacity(piece.len() * 2);
    out.push(b',');
    for line in piece.lines() {
        out.extend_from_slice(b"\n    ");
        out.extend_from_slice(line.as_bytes());
    }
    out.extend_from_slice(CLOSING);
    out
}

/// The canonical log with one more action before its closing bracket.
fn splice(mut bytes: Vec<u8>, action: &Action) -> Vec<u8> {
    bytes.truncate(bytes.len() - CLOSING.len());
    bytes.extend_from_slice(&spliced_piece(action));
    bytes
}

/// The fast add to the log last checked: into the spare when it can be
/// used, else `splice_on_disk`. `None` if neither applies (the log is not
/// the one checked); else whether the log replaced was kept as the spare.
fn add_to_checked_log(root: &Path, path: &Path, checked: &Checked, piece: &[u8]) -> Result<Option<bool>, SaveError> {
    let io = |source| SaveError::io(path, source);
    let seen = (checked.len, checked.modified_ns);
    if let Some(spare) = &checked.spare
        && let Some(kept) =
            spare::refill(root, path, (seen.0, seen.1, checked.ino), checked.changed_ns, spare, piece).map_err(io)?
    {
        return Ok(Some(kept));
    }
    splice_on_disk(root, path, seen, piece)
}

/// `splice` on the file itself, never read into memory: the new log is the
/// old one up to its closing bracket, copied by the kernel
/// (`copy_file_range`), then `piece`. `None` if the log on disk is not the
/// one last checked, or does not end as gavel writes it; else whether the
/// old log was kept as the spare.
fn splice_on_disk(root: &Path, path: &Path, seen: (u64, i128), piece: &[u8]) -> Result<Option<bool>, SaveError> {
    use std::io::Read;
    use std::os::unix::fs::FileExt;
    let io = |source| SaveError::io(path, source);
    let Some(old) = super::open::open_regular(path).map_err(io)? else { return Ok(None) };
    let meta = old.metadata().map_err(io)?;
    let len = meta.len();
    if (len, modified_ns(&meta)) != seen || len < CANONICAL_END.len() as u64 {
        return Ok(None);
    }
    let mut end = [0u8; CANONICAL_END.len()];
    old.read_exact_at(&mut end, len - CANONICAL_END.len() as u64).map_err(io)?;
    if end != CANONICAL_END {
        return Ok(None);
    }
    let kept = write_atomic_keeping(path, Some(&spare_path(root)), |new| {
        let kept = len - CLOSING.len() as u64;
        let copied = std::io::copy(&mut (&old).take(kept), new)?;
        if copied != kept {
            return Err(std::io::Error::new(
                std::io::ErrorKind::UnexpectedEof,
                "the action log shrank while it was copied",
            ));
        }
        new.write_all(piece)
    })
    .map_err(io)?;
    Ok(Some(kept))
}
