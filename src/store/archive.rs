//! The archive: closed actions and risks of past years, moved out of
//! actions.json and risks.json into `archive/actions-YYYY.json` (by the
//! year an action closed) and `archive/risks-YYYY.json` (by the year a
//! closed risk was last scored), so the files every daily command reads and
//! writes stay the size of the open work. Which years stay is a board
//! setting (`archive_after_years`, 0 by default: closed before the last
//! meeting's year). An older workspace, everything in one file, is read as
//! it is and tidied on its next write.

use super::error::{FileProblem, LoadError, SaveError};
use super::listing::meeting_dates;
use super::parse::Versioned;
use super::save::{to_json, write_atomic};
use super::{load_document, parse, read};
use crate::model::link::{self, Directory};
use crate::model::validate::{Problem, validate_actions, validate_risks};
use crate::model::{Action, ActionLog, Board, Risk, RiskRegister};
use chrono::Datelike;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

pub const ARCHIVE_DIR: &str = "archive";

/// A document whose closed records of past years are archived.
pub(super) trait Archived: Serialize + DeserializeOwned + Versioned {
    type Record: Serialize + DeserializeOwned;
    /// The archive files' names begin with this: `actions-2019.json`.
    const KIND: &'static str;
    /// The document's field that holds its records: `actions`.
    const RECORDS: &'static str;
    fn empty() -> Self;
    fn records(&mut self) -> &mut Vec<Self::Record>;
    fn archived(&mut self) -> &mut Vec<String>;
    fn reference(record: &Self::Record) -> &str;
    /// The year a closed record is filed under; `None` while it is open.
    fn filed_under(record: &Self::Record) -> Option<i32>;
    fn check(board: &Board, document: &Self) -> Vec<Problem>;
}

impl Archived for ActionLog {
    type Record = Action;
    const KIND: &'static str = "actions";
    const RECORDS: &'static str = "actions";
    fn empty() -> Self {
        ActionLog::empty()
    }
    fn records(&mut self) -> &mut Vec<Action> {
        &mut self.actions
    }
    fn archived(&mut self) -> &mut Vec<String> {
        &mut self.archived
    }
    fn reference(action: &Action) -> &str {
        &action.reference
    }
    fn filed_under(action: &Action) -> Option<i32> {
        action.closed.filter(|_| action.status.is_closed()).map(|d| d.year())
    }
    fn check(board: &Board, log: &Self) -> Vec<Problem> {
        validate_actions(board, log)
    }
}

impl Archived for RiskRegister {
    type Record = Risk;
    const KIND: &'static str = "risks";
    const RECORDS: &'static str = "risks";
    fn empty() -> Self {
        RiskRegister::empty()
    }
    fn records(&mut self) -> &mut Vec<Risk> {
        &mut self.risks
    }
    fn archived(&mut self) -> &mut Vec<String> {
        &mut self.archived
    }
    fn reference(risk: &Risk) -> &str {
        &risk.reference
    }
    fn filed_under(risk: &Risk) -> Option<i32> {
        (risk.status == crate::model::risk::RiskStatus::Closed).then(|| risk.scored.year())
    }
    fn check(board: &Board, register: &Self) -> Vec<Problem> {
        validate_risks(board, register)
    }
}

/// The archive file of one year's closed actions (`kind` "actions") or risks ("risks").
pub fn archive_file(root: &Path, kind: &str, year: i32) -> PathBuf {
    root.join(ARCHIVE_DIR).join(format!("{kind}-{year}.json"))
}

/// The kind and year an archive file holds, from its name (`actions-2019.json`).
pub fn archive_year(name: &str) -> Option<(&str, i32)> {
    let (kind, year) = name.strip_suffix(".json")?.split_once('-')?;
    matches!(kind, "actions" | "risks").then_some(())?;
    Some((kind, year.parse().ok()?))
}

/// The years of `kind` archived, oldest first, from the file names alone.
pub fn archive_years(root: &Path, kind: &str) -> Vec<i32> {
    listed_years(root, kind).unwrap_or_default()
}

/// `archive_years`, or why the archive folder cannot be listed (another
/// member made it without the group's modes, say): its years are then
/// reported missing, never silently left out.
pub(super) fn listed_years(root: &Path, kind: &str) -> Result<Vec<i32>, LoadError> {
    let dir = root.join(ARCHIVE_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(e) => {
            return Err(LoadError::Invalid(vec![FileProblem {
                file: dir,
                position: None,
                path: String::new(),
                message: format!(
                    "gavel cannot list this folder ({e}), so the closed records of past years it holds cannot be read; in a shared workspace its owner can give it the group's modes (chmod 2770)"
                ),
            }]));
        }
    };
    let mut years: Vec<i32> = entries
        .filter_map(Result::ok)
        .filter_map(|e| archive_year(e.file_name().to_str()?).filter(|(k, _)| *k == kind).map(|(_, y)| y))
        .collect();
    years.sort_unstable();
    Ok(years)
}

/// The first year whose closed records stay in the daily files; none
/// before the board has a meeting.
pub(super) fn kept_from(root: &Path, board: &Board) -> Option<i32> {
    let last = *meeting_dates(root).last()?;
    Some(last.year() - i32::try_from(board.settings.archive_after_years).unwrap_or(9999).min(9999))
}

pub(super) fn archivable<D: Archived>(record: &D::Record, kept_from: i32) -> bool {
    D::filed_under(record).is_some_and(|year| year < kept_from)
}

/// Whether these records of a document hold some that belong in the archive.
pub(super) fn needs_tidying<D: Archived>(records: &[D::Record], kept_from: Option<i32>) -> bool {
    kept_from.is_some_and(|k| records.iter().any(|r| archivable::<D>(r, k)))
}

/// Moves the document's closed records of past years into their archive
/// files. Each year's file is written (atomically) before the caller writes
/// the document, so a crash between leaves a record in both, never in
/// neither; the daily file's copy is the one read, and the next tidy
/// removes the other. For a daily-sized document held whole; a long file
/// is tidied a record at a time first (`store::sift`).
pub(super) fn tidy<D: Archived>(root: &Path, kept_from: Option<i32>, document: &mut D) -> Result<(), SaveError> {
    let Some(kept_from) = kept_from else { return Ok(()) };
    let (old, kept): (Vec<D::Record>, Vec<D::Record>) =
        std::mem::take(document.records()).into_iter().partition(|r| archivable::<D>(r, kept_from));
    *document.records() = kept;
    if old.is_empty() {
        return Ok(());
    }
    let mut by_year: BTreeMap<i32, Vec<D::Record>> = BTreeMap::new();
    for record in old {
        by_year.entry(year_of::<D>(&record)).or_default().push(record);
    }
    file_years(root, document, by_year.into_iter().map(Ok))
}

/// The archive year a closed record is filed under.
pub(super) fn year_of<D: Archived>(record: &D::Record) -> i32 {
    D::filed_under(record).unwrap_or(0)
}

/// Files each year's records in its archive file, merged with what the file
/// holds (a record already there is replaced), and folds their refs into
/// the document's `archived`, so that no ref is given twice. One year is
/// held at a time.
pub(super) fn file_years<D: Archived>(
    root: &Path,
    document: &mut D,
    years: impl Iterator<Item = Result<(i32, Vec<D::Record>), SaveError>>,
) -> Result<(), SaveError> {
    make_dir(root)?;
    for year in years {
        let (year, records) = year?;
        let path = archive_file(root, D::KIND, year);
        let mut file: D = load_document(&path)?.unwrap_or_else(D::empty);
        let incoming: HashSet<&str> = records.iter().map(D::reference).collect();
        file.records().retain(|r| !incoming.contains(D::reference(r)));
        let moved = document.archived().iter().map(String::as_str).chain(records.iter().map(D::reference));
        let highest = crate::model::refs::highest_of_each_style(moved);
        file.records().extend(records);
        write_atomic(&path, &to_json(&file)).map_err(|source| SaveError::Io { path: path.clone(), source })?;
        *document.archived() = highest;
    }
    Ok(())
}

/// The risk register tidied as well, when the action log is: the year
/// moves on for both at once, and an older workspace's first write, often
/// an action, then archives everything. Under the caller's lock.
pub(super) fn tidy_risks_too(root: &Path, board: &Board, kept_from: Option<i32>) -> Result<(), SaveError> {
    let path = root.join(super::RISKS_FILE);
    super::sift::tidy_long_file::<RiskRegister>(root, board, &path, kept_from)?;
    let Some(mut register) = load_document::<RiskRegister>(&path)? else { return Ok(()) };
    if !needs_tidying::<RiskRegister>(&register.risks, kept_from) {
        return Ok(());
    }
    tidy(root, kept_from, &mut register)?;
    write_atomic(&path, &to_json(&register)).map_err(|source| SaveError::Io { path: path.clone(), source })
}

/// The archive folder, shared like the workspace, made durable.
fn make_dir(root: &Path) -> Result<(), SaveError> {
    use std::os::unix::fs::MetadataExt;
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    let dir = root.join(ARCHIVE_DIR);
    let io = |source| SaveError::Io { path: dir.clone(), source };
    let (mode, gid) = super::lock::sharing_of(root);
    // A folder needs x where its files have r: 0600 gives 0700, 0660 gives 2770.
    let mode = mode | ((mode & 0o444) >> 2) | if gid.is_some() { 0o2000 } else { 0 };
    if let Ok(meta) = std::fs::metadata(&dir)
        && meta.is_dir()
    {
        // One of ours an older gavel made under a narrow umask is given the
        // group's modes back; another member's is theirs to mend (and is
        // reported to whoever cannot read it).
        // SAFETY: geteuid has no preconditions and cannot fail.
        let mine = meta.uid() == unsafe { libc::geteuid() };
        if mine && gid.is_some() && meta.mode() & 0o7777 != mode {
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode));
        }
        return Ok(());
    }
    std::fs::DirBuilder::new().mode(mode).create(&dir).map_err(io)?;
    if let Some(gid) = gid {
        let _ = std::os::unix::fs::chown(&dir, None, Some(gid));
    }
    // The umask narrowed the mode it was made with: set it exactly, after the group.
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(mode)).map_err(io)?;
    std::fs::File::open(root).and_then(|d| d.sync_all()).map_err(io)
}

/// Adds the archived records of the years `years` keeps to the document,
/// oldest first, before its own; each archive file parsed and checked, half
/// the years on each of two cores. A record also in the daily file (a tidy
/// cut short) is left out: the daily file's copy is the one that counts.
pub(super) fn add_archived<D: Archived + Send>(
    root: &Path,
    board: &Board,
    document: &mut D,
    years: impl Fn(i32) -> bool,
) -> Result<(), LoadError>
where
    D::Record: Send,
{
    let years: Vec<i32> = listed_years(root, D::KIND)?.into_iter().filter(|&y| years(y)).collect();
    let (first, second) = years.split_at(years.len() / 2);
    let read_years = |part: &[i32]| read_years::<D>(root, board, part);
    let _register = link::in_force(Some(Directory::of(board)));
    let register = link::register();
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| {
            let _register = link::in_force(register);
            read_years(first)
        });
        let b = read_years(second);
        (a.join().expect("the archive thread does not panic"), b)
    });
    let (mut out, mut problems, mut found_in) = a?;
    let (more, more_problems, more_found) = b?;
    out.extend(more);
    problems.extend(more_problems);
    found_in.extend(more_found);
    let files = found_in.iter().map(|(path, bytes, found)| (path.clone(), bytes.as_slice(), found.clone())).collect();
    problems.extend(super::place::located_all(&root.join(ARCHIVE_DIR), files));
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let live: HashSet<String> = document.records().iter().map(|r| D::reference(r).to_string()).collect();
    out.retain(|r| !live.contains(D::reference(r)));
    out.append(document.records());
    *document.records() = out;
    Ok(())
}

type ReadYears<R> = (Vec<R>, Vec<FileProblem>, Vec<(PathBuf, Vec<u8>, Vec<Problem>)>);

/// The records of some archive years, and what is wrong with their files.
fn read_years<D: Archived>(root: &Path, board: &Board, years: &[i32]) -> Result<ReadYears<D::Record>, LoadError> {
    let (mut out, mut problems, mut found_in) = (Vec::new(), Vec::new(), Vec::new());
    for &year in years {
        let path = archive_file(root, D::KIND, year);
        let Some(bytes) = read(&path)? else { continue };
        match parse::parse::<D>(&path, &bytes) {
            Err(p) => problems.push(p),
            Ok(mut file) => {
                let found = D::check(board, &file);
                if found.is_empty() {
                    out.append(file.records());
                } else {
                    found_in.push((path, bytes, found));
                }
            }
        }
    }
    Ok((out, problems, found_in))
}
