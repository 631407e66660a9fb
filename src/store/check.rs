//! `gavel validate`: every file of the workspace, the archive and every
//! meeting included, read, parsed and checked against the board one at a
//! time, on both cores, and let go. Its memory is that of the largest file,
//! not of the board's history; its problems come out in the files' order
//! whichever core found them, grouped and capped as `place` does.

use super::archive::archive_file;
use super::error::{FileProblem, LoadError};
use super::load::checked_meeting;
use super::parse::{self, Versioned};
use super::place::Placer;
use super::{ACTIONS_FILE, BOARD_FILE, RISKS_FILE, listing, read};
use crate::model::validate::{Problem, validate_actions, validate_board, validate_meeting, validate_risks};
use crate::model::{ActionLog, Board, RiskRegister};
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

/// What a valid workspace holds, for `validate`'s one line.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Census {
    pub people: usize,
    pub meetings: usize,
    /// In actions.json and the archive, each counted once.
    pub actions: usize,
    pub risks: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Actions,
    Risks,
    Meeting,
}

/// One file checked: its records (those not also in the daily file, for
/// an archive file), its problems, and its text while they are unplaced.
#[derive(Default)]
struct Checked {
    records: usize,
    problems: Vec<Problem>,
    located: Vec<FileProblem>,
    bytes: Vec<u8>,
}

/// Checks every file; a valid workspace gives its census.
pub fn check_all(root: &Path) -> Result<Census, LoadError> {
    let board_path = root.join(BOARD_FILE);
    if !board_path.is_file() {
        return Err(LoadError::NotAWorkspace(root.to_path_buf()));
    }
    super::open::real_folders(root)?;
    let mut placer = Placer::new(root);
    let board_bytes = read(&board_path)?.unwrap_or_default();
    let board = match parse::parse::<Board>(&board_path, &board_bytes) {
        Ok(board) => board,
        Err(problem) => {
            // Nothing else can be checked against a board that cannot be read.
            placer.add_located(problem);
            return Err(LoadError::Invalid(placer.finish()));
        }
    };
    placer.add(&board_path, &board_bytes, validate_board(&board));
    let register = Some(crate::model::link::Directory::of(&board));
    let _register = crate::model::link::in_force(register.clone());
    let mut census = Census { people: board.people.len(), ..Census::default() };

    // The daily files first: the refs they hold are the ones that count
    // when a tidy cut short left a record in the archive too.
    let actions = daily_refs::<ActionLog>(&root.join(ACTIONS_FILE), &board, &mut placer)?;
    let live = Live { actions, risks: daily_refs::<RiskRegister>(&root.join(RISKS_FILE), &board, &mut placer)? };
    census.actions = live.actions.len();
    census.risks = live.risks.len();

    let jobs = jobs(root)?;
    let progress = Mutex::new(Progress { next: 0, ready: BTreeMap::new(), placer, census, failed: None });
    let taken = AtomicUsize::new(0);
    let work = || {
        let _register = crate::model::link::in_force(register.clone());
        loop {
            let i = taken.fetch_add(1, Ordering::Relaxed);
            let Some((path, kind)) = jobs.get(i) else { break };
            let checked = check_file(path, *kind, &board, &live);
            let mut progress = progress.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
            progress.ready.insert(i, (path, *kind, checked));
            progress.place_ready();
        }
    };
    std::thread::scope(|s| {
        s.spawn(work);
        work();
    });
    let Progress { placer, census, failed, .. } = progress.into_inner().unwrap_or_else(|e| e.into_inner());
    if let Some(e) = failed {
        return Err(e);
    }
    if placer.is_empty() { Ok(census) } else { Err(LoadError::Invalid(placer.finish())) }
}

/// The refs of the daily files.
struct Live {
    actions: HashSet<String>,
    risks: HashSet<String>,
}

/// Files checked, handed to the placer in the files' order.
struct Progress<'a> {
    next: usize,
    ready: BTreeMap<usize, (&'a PathBuf, Kind, Result<Checked, LoadError>)>,
    placer: Placer,
    census: Census,
    failed: Option<LoadError>,
}

impl Progress<'_> {
    fn place_ready(&mut self) {
        while let Some((path, kind, checked)) = self.ready.remove(&self.next) {
            self.next += 1;
            let checked = match checked {
                Ok(checked) => checked,
                Err(e) => {
                    self.failed.get_or_insert(e);
                    continue;
                }
            };
            match kind {
                Kind::Actions => self.census.actions += checked.records,
                Kind::Risks => self.census.risks += checked.records,
                Kind::Meeting => self.census.meetings += checked.records,
            }
            for problem in checked.located {
                self.placer.add_located(problem);
            }
            if !checked.problems.is_empty() {
                self.placer.add(path, &checked.bytes, checked.problems);
            }
        }
    }
}

/// The refs of a daily file, checked. A long one (an older workspace's
/// century in one file) is checked a record at a time if it is sound, and
/// read whole to place its problems if not.
fn daily_refs<D: super::archive::Archived + Checkable>(
    path: &Path,
    board: &Board,
    placer: &mut Placer,
) -> Result<HashSet<String>, LoadError> {
    match super::sift::checked_refs::<D>(path, board) {
        Some(refs) => Ok(refs.into_iter().collect()),
        None => Ok(refs_of(daily::<D>(path, board, placer)?.as_ref())),
    }
}

/// A daily file parsed and checked, its problems placed at once.
fn daily<D: DeserializeOwned + Versioned + Checkable>(
    path: &Path,
    board: &Board,
    placer: &mut Placer,
) -> Result<Option<D>, LoadError> {
    let Some(bytes) = read(path)? else {
        placer.add_located(super::held::missing(path));
        return Ok(None);
    };
    match parse::parse::<D>(path, &bytes) {
        Ok(document) => {
            let mut problems = document.problems(board);
            problems.extend(document.links_elsewhere(path.parent().unwrap_or(Path::new("."))));
            placer.add(path, &bytes, problems);
            Ok(Some(document))
        }
        Err(problem) => {
            placer.add_located(problem);
            Ok(None)
        }
    }
}

/// A document with checks of its own against the board.
trait Checkable {
    fn problems(&self, board: &Board) -> Vec<Problem>;
    fn references(&self) -> impl Iterator<Item = &str>;
    /// Its links to other files of the workspace at `root`, checked there.
    fn links_elsewhere(&self, _root: &Path) -> Vec<Problem> {
        Vec::new()
    }
}

impl Checkable for ActionLog {
    fn problems(&self, board: &Board) -> Vec<Problem> {
        validate_actions(board, self)
    }
    fn references(&self) -> impl Iterator<Item = &str> {
        self.actions.iter().map(|a| a.reference.as_str())
    }
    /// Items actions were raised under, in the meetings that exist: only
    /// the few meetings the log names are read (a broken one is its own
    /// file's problem, reported as it is checked).
    fn links_elsewhere(&self, root: &Path) -> Vec<Problem> {
        let linked = self.actions.iter().filter_map(|a| a.raised.as_ref().filter(|r| r.item_id.is_some()));
        let dates: std::collections::BTreeSet<chrono::NaiveDate> = linked.map(|r| r.meeting).collect();
        let read =
            |date| super::load_document::<crate::model::Meeting>(&super::meeting_file(root, date)).ok().flatten();
        let meetings: Vec<crate::model::Meeting> = dates.into_iter().filter_map(read).collect();
        crate::model::raised::gone_items(&self.actions, &meetings)
    }
}

impl Checkable for RiskRegister {
    fn problems(&self, board: &Board) -> Vec<Problem> {
        validate_risks(board, self)
    }
    fn references(&self) -> impl Iterator<Item = &str> {
        self.risks.iter().map(|r| r.reference.as_str())
    }
}

fn refs_of<D: Checkable>(document: Option<&D>) -> HashSet<String> {
    document.map(|d| d.references().map(str::to_string).collect()).unwrap_or_default()
}

/// An archive file parsed and checked: its records not also in the daily
/// file are counted. Gives its text back.
fn archived<D: DeserializeOwned + Versioned + Checkable>(
    path: &Path,
    bytes: Vec<u8>,
    board: &Board,
    live: &HashSet<String>,
    checked: &mut Checked,
) -> Vec<u8> {
    match parse::parse::<D>(path, &bytes) {
        Ok(document) => {
            checked.records = document.references().filter(|r| !live.contains(*r)).count();
            checked.problems = document.problems(board);
        }
        Err(problem) => checked.located.push(problem),
    }
    bytes
}

/// Every meeting, then every archive year: the files a worker takes in turn.
fn jobs(root: &Path) -> Result<Vec<(PathBuf, Kind)>, LoadError> {
    let meetings = listing::meeting_paths(root)
        .map_err(|source| LoadError::Io { path: root.join(super::MEETINGS_DIR), source })?;
    let mut jobs: Vec<(PathBuf, Kind)> = meetings.into_iter().map(|p| (p, Kind::Meeting)).collect();
    for (kind, name) in [(Kind::Actions, "actions"), (Kind::Risks, "risks")] {
        let years = super::archive::listed_years(root, name)?;
        jobs.extend(years.into_iter().map(|year| (archive_file(root, name, year), kind)));
    }
    Ok(jobs)
}

fn check_file(path: &Path, kind: Kind, board: &Board, live: &Live) -> Result<Checked, LoadError> {
    let Some(bytes) = read(path)? else { return Ok(Checked::default()) };
    let mut checked = Checked::default();
    let bytes = match kind {
        Kind::Meeting => {
            let source = (path.to_path_buf(), bytes);
            if let Some(meeting) = checked_meeting(&source, &mut checked.located) {
                checked.records = 1;
                checked.problems = validate_meeting(board, &meeting);
            }
            source.1
        }
        Kind::Actions => archived::<ActionLog>(path, bytes, board, &live.actions, &mut checked),
        Kind::Risks => archived::<RiskRegister>(path, bytes, board, &live.risks, &mut checked),
    };
    // Only a file with problems to place keeps its text.
    if !checked.problems.is_empty() {
        checked.bytes = bytes;
    }
    Ok(checked)
}
