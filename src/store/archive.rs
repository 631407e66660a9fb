//! The archive: closed actions of past years, moved out of actions.json
//! into `archive/actions-YYYY.json` (by the year they closed), so the file
//! every daily command reads and writes stays the size of the open work.
//! Which years stay is a board setting (`archive_after_years`, 0 by
//! default: closed before the last meeting's year). An older workspace,
//! everything in actions.json, is read as it is and tidied on its next write.

use super::error::{LoadError, SaveError};
use super::save::{to_json, write_atomic};
use super::{MEETINGS_DIR, load_document, parse, read};
use crate::model::validate::validate_actions;
use crate::model::{Action, ActionLog, Board};
use chrono::{Datelike, NaiveDate};
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub const ARCHIVE_DIR: &str = "archive";

/// The archive file of one year's closed actions.
pub fn archive_file(root: &Path, year: i32) -> PathBuf {
    root.join(ARCHIVE_DIR).join(format!("actions-{year}.json"))
}

/// The year an archive file holds, from its name (`actions-2019.json`).
pub fn archive_year(name: &str) -> Option<i32> {
    name.strip_prefix("actions-")?.strip_suffix(".json")?.parse().ok()
}

/// The years archived, oldest first, from the file names alone.
pub fn archive_years(root: &Path) -> Vec<i32> {
    let Ok(entries) = std::fs::read_dir(root.join(ARCHIVE_DIR)) else { return vec![] };
    let mut years: Vec<i32> =
        entries.filter_map(Result::ok).filter_map(|e| archive_year(e.file_name().to_str()?)).collect();
    years.sort_unstable();
    years
}

/// The dates of the meetings, oldest first, from the file names alone.
pub fn meeting_dates(root: &Path) -> Vec<NaiveDate> {
    let Ok(entries) = std::fs::read_dir(root.join(MEETINGS_DIR)) else { return vec![] };
    let mut dates: Vec<NaiveDate> = entries
        .filter_map(Result::ok)
        .filter_map(|e| e.file_name().to_str()?.strip_suffix(".json")?.parse().ok())
        .collect();
    dates.sort_unstable();
    dates
}

/// The first year whose closed actions stay in actions.json; none before
/// the board has a meeting.
pub(super) fn kept_from(root: &Path, board: &Board) -> Option<i32> {
    let last = *meeting_dates(root).last()?;
    Some(last.year() - i32::try_from(board.settings.archive_after_years).unwrap_or(i32::MAX).min(9999))
}

fn archivable(action: &Action, kept_from: i32) -> bool {
    action.status.is_closed() && action.closed.is_some_and(|d| d.year() < kept_from)
}

/// Whether the log holds actions that belong in the archive.
pub(super) fn needs_tidying(log: &ActionLog, kept_from: Option<i32>) -> bool {
    kept_from.is_some_and(|k| log.actions.iter().any(|a| archivable(a, k)))
}

/// Moves the log's closed actions of past years into their archive files.
/// Each year's file is written (atomically) before the caller writes the
/// log, so a crash between leaves an action in both, never in neither; the
/// log's copy is the one read, and the next tidy removes the other.
pub(super) fn tidy(root: &Path, kept_from: Option<i32>, log: &mut ActionLog) -> Result<(), SaveError> {
    let Some(kept_from) = kept_from else { return Ok(()) };
    let (old, kept): (Vec<Action>, Vec<Action>) =
        std::mem::take(&mut log.actions).into_iter().partition(|a| archivable(a, kept_from));
    log.actions = kept;
    if old.is_empty() {
        return Ok(());
    }
    let mut by_year: BTreeMap<i32, Vec<Action>> = BTreeMap::new();
    for action in old {
        by_year.entry(action.closed.map_or(0, |d| d.year())).or_default().push(action);
    }
    make_dir(root)?;
    let mut moved: Vec<String> = std::mem::take(&mut log.archived);
    for (year, actions) in by_year {
        let path = archive_file(root, year);
        let mut file: ActionLog = load_document(&path)?.unwrap_or_else(ActionLog::empty);
        let incoming: HashSet<&str> = actions.iter().map(|a| a.reference.as_str()).collect();
        file.actions.retain(|a| !incoming.contains(a.reference.as_str()));
        moved.extend(actions.iter().map(|a| a.reference.clone()));
        file.actions.extend(actions);
        write_atomic(&path, &to_json(&file)).map_err(|source| SaveError::Io { path: path.clone(), source })?;
    }
    log.archived = crate::model::refs::highest_of_each_style(moved.iter().map(String::as_str));
    Ok(())
}

/// The archive folder, shared like the workspace, made durable.
fn make_dir(root: &Path) -> Result<(), SaveError> {
    use std::os::unix::fs::DirBuilderExt;
    let dir = root.join(ARCHIVE_DIR);
    if dir.is_dir() {
        return Ok(());
    }
    let io = |source| SaveError::Io { path: dir.clone(), source };
    let (mode, gid) = super::lock::sharing_of(root);
    // A folder needs x where its files have r: 0600 gives 0700, 0660 gives 2770.
    let mode = mode | ((mode & 0o444) >> 2) | if gid.is_some() { 0o2000 } else { 0 };
    std::fs::DirBuilder::new().mode(mode).create(&dir).map_err(io)?;
    if let Some(gid) = gid {
        let _ = std::os::unix::fs::chown(&dir, None, Some(gid));
    }
    std::fs::File::open(root).and_then(|d| d.sync_all()).map_err(io)
}

/// The archived actions of `years` (all when `None`), oldest first, each
/// file parsed and checked; an action also in actions.json (a tidy cut short)
/// is left out, as the log's copy is the one that counts.
pub(super) fn read_archive(
    root: &Path,
    board: &Board,
    years: impl Fn(i32) -> bool,
    live: &HashSet<&str>,
) -> Result<Vec<Action>, LoadError> {
    let mut out = Vec::new();
    let mut problems = Vec::new();
    for year in archive_years(root).into_iter().filter(|&y| years(y)) {
        let path = archive_file(root, year);
        let Some(bytes) = read(&path)? else { continue };
        match parse::parse::<ActionLog>(&path, &bytes) {
            Err(p) => problems.push(p),
            Ok(log) => {
                let found = validate_actions(board, &log);
                if found.is_empty() {
                    out.extend(log.actions.into_iter().filter(|a| !live.contains(a.reference.as_str())));
                } else {
                    problems.extend(super::place::located(&path, &bytes, found));
                }
            }
        }
    }
    if problems.is_empty() { Ok(out) } else { Err(LoadError::Invalid(problems)) }
}
