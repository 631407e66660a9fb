//! The archive read a year at a time: each year's file parsed and checked
//! on a second core while the one before is used, and let go after. What
//! reads the whole history (`actions --all`, the minutes of an old meeting,
//! a search, an export) holds two or three years of it at once, never a
//! hundred.

use super::archive::{ARCHIVE_DIR, archive_file};
use super::error::LoadError;
use super::place::Placer;
use super::sift::Spool;
use super::{parse, read};
use crate::model::validate::{validate_actions, validate_meeting};
use crate::model::{Action, ActionLog, Board, Meeting};
use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, sync_channel};

/// One archived year's closed actions, or why its file cannot be used.
pub type ArchivedYear = Result<(i32, Vec<Action>), LoadError>;

/// The archived years of actions, in the order asked for, read ahead by
/// one on a second thread (or, if none can be had, each when asked for).
pub enum ArchivedActions {
    Ahead(Receiver<ArchivedYear>),
    Here(Box<YearReader>),
}

impl Iterator for ArchivedActions {
    type Item = ArchivedYear;
    fn next(&mut self) -> Option<ArchivedYear> {
        match self {
            ArchivedActions::Ahead(years) => years.recv().ok(),
            ArchivedActions::Here(reader) => reader.next(),
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
    let reader = YearReader::new(root, board, which);
    // Its first year waits while the next is read: at most three in memory.
    let (send, receive) = sync_channel(1);
    let ahead = std::thread::Builder::new().name("archive".into()).spawn(move || {
        for read in reader {
            // The reader has gone (a search stopped early): so does this.
            if send.send(read).is_err() {
                return;
            }
        }
    });
    match ahead {
        Ok(_) => ArchivedActions::Ahead(receive),
        Err(_) => ArchivedActions::Here(Box::new(YearReader::new(root, board, which))),
    }
}

/// The archive's years read one at a time: each year's file, with what an
/// older workspace's long actions.json, not yet tidied, still holds of that
/// year (its copy is the one that counts, as after the tidy).
pub struct YearReader {
    root: PathBuf,
    board: Board,
    /// The board's register, made once: each year's file is read with it.
    register: std::sync::Arc<crate::model::link::Directory>,
    which: Years,
    /// The years still to read; `None` until the first is asked for.
    years: Option<std::vec::IntoIter<i32>>,
    untidy: Option<Spool>,
}

impl YearReader {
    fn new(root: &Path, board: &Board, which: Years) -> Self {
        let register = crate::model::link::Directory::of(board);
        YearReader { root: root.to_path_buf(), board: board.clone(), register, which, years: None, untidy: None }
    }

    /// The years to read, in order: the archive's files and the log's.
    fn start(&mut self) -> Result<std::vec::IntoIter<i32>, LoadError> {
        let log = self.root.join(super::ACTIONS_FILE);
        // Without the spool the log's past years would be missing: said, not skipped.
        let spool = super::sift::long_file_years::<ActionLog>(&self.root, &log, &self.board);
        self.untidy = spool.map_err(|e| {
            let room = std::env::temp_dir();
            let said = format!(
                "its closed actions of past years are set aside in the temporary folder {} to be read, and that failed ({e}); free some space there, or set TMPDIR to a folder with room",
                room.display()
            );
            LoadError::Io { path: log.clone(), source: std::io::Error::new(e.kind(), said) }
        })?;
        let mut years = super::archive::listed_years(&self.root, "actions")?;
        years.extend(self.untidy.iter().flat_map(Spool::years));
        years.sort_unstable();
        years.dedup();
        match self.which {
            Years::NewestFirst => years.reverse(),
            Years::From(first) => years.retain(|&y| y >= first),
        }
        Ok(years.into_iter())
    }

    fn read(&mut self, year: i32) -> ArchivedYear {
        let (year, mut actions) = read_year(&self.root, &self.board, year)?;
        if let Some(untidy) = &mut self.untidy {
            let log = self.root.join(super::ACTIONS_FILE);
            let still = untidy.take::<ActionLog>(year).map_err(|source| LoadError::Io { path: log, source })?;
            let counted: HashSet<&str> = still.iter().map(|a| a.reference.as_str()).collect();
            actions.retain(|a| !counted.contains(a.reference.as_str()));
            actions.extend(still);
        }
        Ok((year, actions))
    }
}

impl Iterator for YearReader {
    type Item = ArchivedYear;
    fn next(&mut self) -> Option<ArchivedYear> {
        // On whichever thread reads it, links read with this board's register.
        let _register = crate::model::link::in_force(Some(self.register.clone()));
        let years = match &mut self.years {
            Some(years) => years,
            None => match self.start() {
                Ok(years) => self.years.insert(years),
                Err(e) => {
                    self.years = Some(Vec::new().into_iter());
                    return Some(Err(e));
                }
            },
        };
        let year = years.next()?;
        let read = self.read(year);
        if read.is_err() {
            // The first broken file ends it.
            self.years = Some(Vec::new().into_iter());
        }
        Some(read)
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
    let live: HashSet<&str> = log.actions.iter().map(|a| a.reference.as_str()).collect();
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
    let _register = crate::model::link::in_force(Some(crate::model::link::Directory::of(board)));
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
