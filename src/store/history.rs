//! The archive read a year at a time: each year's file parsed and checked
//! on a second core while the one before is used, and let go after. What
//! reads the whole history (`actions --all`, the minutes of an old meeting,
//! a search, an export) holds two or three years of it at once, never a
//! hundred.

use super::archive::{ARCHIVE_DIR, archive_file, archive_years};
use super::error::LoadError;
use super::place::Placer;
use super::{parse, read};
use crate::model::validate::{validate_actions, validate_meeting};
use crate::model::{Action, ActionLog, Board, Meeting};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

/// One archived year's closed actions, or why its file cannot be used.
pub type ArchivedYear = Result<(i32, Vec<Action>), LoadError>;

/// The archived years of actions, in the order asked for, read ahead by
/// one on a second thread (or, if none can be had, each when asked for).
pub enum ArchivedActions {
    Ahead(Receiver<ArchivedYear>),
    Here { root: PathBuf, board: Box<Board>, years: std::vec::IntoIter<i32>, stopped: bool },
}

impl Iterator for ArchivedActions {
    type Item = ArchivedYear;
    fn next(&mut self) -> Option<ArchivedYear> {
        match self {
            ArchivedActions::Ahead(years) => years.recv().ok(),
            ArchivedActions::Here { root, board, years, stopped } => {
                let read = read_year(root, board, years.next().filter(|_| !*stopped)?);
                *stopped = read.is_err();
                Some(read)
            }
        }
    }
}

/// Which archive years to read, and in which order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Years {
    /// Every year, the newest first: a history read back from today.
    NewestFirst,
    /// The years from this one on, the oldest first.
    From(i32),
}

/// The archive's actions, a year at a time. The first broken file ends it
/// with its problems; nothing after it is read.
pub fn archived_actions(root: &Path, board: &Board, which: Years) -> ArchivedActions {
    let mut years = archive_years(root, "actions");
    match which {
        Years::NewestFirst => years.reverse(),
        Years::From(first) => years.retain(|&y| y >= first),
    }
    // One year waits while the next is read: at most three in memory.
    let (send, receive) = sync_channel(1);
    let (ahead_root, ahead_board, ahead_years) = (root.to_path_buf(), board.clone(), years.clone());
    let reader = move || {
        for year in ahead_years {
            let read = read_year(&ahead_root, &ahead_board, year);
            let stop = read.is_err();
            // The reader has gone (a search stopped early): so does this.
            if send.send(read).is_err() || stop {
                return;
            }
        }
    };
    match std::thread::Builder::new().name("archive".into()).spawn(reader) {
        Ok(_) => ArchivedActions::Ahead(receive),
        Err(_) => ArchivedActions::Here {
            root: root.to_path_buf(),
            board: Box::new(board.clone()),
            years: years.into_iter(),
            stopped: false,
        },
    }
}

/// The archived actions `keep` picks, from the years `which` names; one
/// also in `log` is left out (a tidy cut short leaves an action in both,
/// and the daily file's copy is the one that counts).
pub fn archived_matching(
    root: &Path,
    board: &Board,
    which: Years,
    log: &ActionLog,
    mut keep: impl FnMut(&Action) -> bool,
) -> Result<Vec<Action>, LoadError> {
    let live: std::collections::HashSet<&str> = log.actions.iter().map(|a| a.reference.as_str()).collect();
    let mut kept = Vec::new();
    for year in archived_actions(root, board, which) {
        let (_, actions) = year?;
        kept.extend(actions.into_iter().filter(|a| !live.contains(a.reference.as_str()) && keep(a)));
    }
    Ok(kept)
}

/// One year's file parsed and checked against the board.
fn read_year(root: &Path, board: &Board, year: i32) -> ArchivedYear {
    let path = archive_file(root, "actions", year);
    let Some(bytes) = read(&path)? else { return Ok((year, Vec::new())) };
    let log: ActionLog = parse::parse(&path, &bytes).map_err(|p| LoadError::Invalid(vec![p]))?;
    let problems = validate_actions(board, &log);
    if !problems.is_empty() {
        let mut placer = Placer::new(&archive_dir(root));
        placer.add(&path, &bytes, problems);
        return Err(LoadError::Invalid(placer.finish()));
    }
    Ok((year, log.actions))
}

fn archive_dir(root: &Path) -> PathBuf {
    root.join(ARCHIVE_DIR)
}

/// Every meeting, oldest first, read, checked and handed to `each` one at a
/// time (`gavel meeting list`: a hundred years of meetings are not held at
/// once). The first broken file stops it with its problems.
pub fn each_meeting(root: &Path, board: &Board, mut each: impl FnMut(&Meeting)) -> Result<usize, LoadError> {
    let paths = super::listing::meeting_paths(root)
        .map_err(|source| LoadError::Io { path: root.join(super::MEETINGS_DIR), source })?;
    let mut count = 0;
    for path in paths {
        let Some(bytes) = read(&path)? else { continue };
        let source = (path, bytes);
        let mut located = Vec::new();
        let meeting = super::load::checked_meeting(&source, &mut located);
        let problems = meeting.as_ref().map(|m| validate_meeting(board, m)).unwrap_or_default();
        if !located.is_empty() || !problems.is_empty() {
            let mut placer = Placer::new(root);
            located.into_iter().for_each(|p| placer.add_located(p));
            placer.add(&source.0, &source.1, problems);
            return Err(LoadError::Invalid(placer.finish()));
        }
        if let Some(meeting) = meeting {
            each(&meeting);
            count += 1;
        }
    }
    Ok(count)
}
