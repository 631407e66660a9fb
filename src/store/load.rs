//! Reading a workspace: the files a command needs parsed, checked across
//! files, and each problem pointed at its file, line, column and JSON path.
//! Daily commands read actions.json and the recent meetings only; the
//! archive and the older meetings are read when asked for.

use super::archive::add_archived;
use super::error::{FileProblem, LoadError};
use super::history::{Years, archived_matching};
use super::parse::{self, Versioned};
use super::{ACTIONS_FILE, BOARD_FILE, MEETINGS_DIR, RISKS_FILE, locate, meeting_file, place, read};
use crate::model::link::{self, Directory};
use crate::model::validate::{Problem, WorkspaceFile, validate_actions, validate_all_but_actions};
use crate::model::{ActionLog, Board, Meeting, MeetingState, RiskRegister, Workspace};
use chrono::{Datelike, NaiveDate};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Loads and validates the whole workspace, the archive and every meeting
/// included (the meetings parsed on two cores). Nothing is ever written here.
pub fn load(root: &Path) -> Result<Workspace, LoadError> {
    load_with(root, Meetings::All)
}

/// Loads the board, actions.json, risks and the meetings from the most
/// recent closed one on: all that the screen, `status` and `add` show or
/// link to, without parsing years of closed meetings or the archive.
pub fn load_recent(root: &Path) -> Result<Workspace, LoadError> {
    load_with(root, Meetings::Recent)
}

/// The board and the recent meetings only, with an empty action log and
/// risk register: enough to read a quick-add line and link it to the item
/// under way. `gavel add` reads the action log itself, under the lock.
pub fn load_calendar(root: &Path) -> Result<Workspace, LoadError> {
    load_with(root, Meetings::Calendar)
}

/// What the minutes of one meeting need: the board, that meeting (found by
/// its file name; `None`: the latest held, as `load_recent` finds it), and
/// the actions that may have been raised at it, the archive of its year on
/// included. Risks are not read.
pub fn load_minutes(root: &Path, date: Option<NaiveDate>) -> Result<Workspace, LoadError> {
    let mut ws = match date {
        Some(date) => load_with(root, Meetings::One(date))?,
        None => load_with(root, Meetings::Recent)?,
    };
    let (Some(from), Some(to)) = (ws.meetings.first().map(|m| m.date), ws.meetings.last().map(|m| m.date)) else {
        return Ok(ws);
    };
    // An action closed in a year before the meeting's cannot be in its
    // minutes; of the years after, only what the minutes name is kept.
    let which = Years::From(from.year());
    let mut named = archived_matching(root, &ws.board, which, &ws.actions, |a| a.open_between(from, to))?;
    named.append(&mut ws.actions.actions);
    ws.actions.actions = named;
    Ok(ws)
}

fn add_archive(root: &Path, ws: &mut Workspace, years: impl Fn(i32) -> bool) -> Result<(), LoadError> {
    add_archived(root, &ws.board, &mut ws.actions, years)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meetings {
    All,
    Recent,
    /// Recent meetings, and no actions or risks at all.
    Calendar,
    /// One meeting, and no risks.
    One(NaiveDate),
}

/// A file as read: kept to point validation problems at their line.
type Source = (PathBuf, Vec<u8>);

fn load_with(root: &Path, which: Meetings) -> Result<Workspace, LoadError> {
    let board_path = root.join(BOARD_FILE);
    if !board_path.is_file() {
        return Err(LoadError::NotAWorkspace(root.to_path_buf()));
    }
    super::open::real_folders(root)?;
    let mut sources: Vec<Source> = Vec::new();
    let mut problems = Vec::new();
    let board = read_into::<Board>(&board_path, &mut sources, &mut problems)?;
    let register = board.as_ref().map(Directory::of);
    let _register = link::in_force(register.clone());

    let documents = which != Meetings::Calendar;
    // The action log is most of the bytes: it is parsed on a second core
    // while the rest is read.
    let actions_path = root.join(ACTIONS_FILE);
    // The log's own checks run on its thread too; they need only the board.
    type Parsed = Option<(Vec<u8>, Result<(ActionLog, Vec<Problem>), FileProblem>)>;
    let board_for_checks = board.clone();
    let parse_actions = || -> Result<Parsed, LoadError> {
        let _register = link::in_force(register.clone());
        // An older workspace's century in one file is read as it will be
        // once tidied, a record at a time: the daily view, not the history.
        if which != Meetings::All
            && let Some(board) = &board_for_checks
            && let Some(log) = super::sift::read_long::<ActionLog>(root, &actions_path, board)
        {
            return Ok(Some((Vec::new(), Ok((log, Vec::new())))));
        }
        Ok(read(&actions_path)?.map(|bytes| {
            let parsed = parse::parse::<ActionLog>(&actions_path, &bytes).map(|log| {
                let problems = board_for_checks.as_ref().map_or_else(Vec::new, |b| validate_actions(b, &log));
                (log, problems)
            });
            (bytes, parsed)
        }))
    };
    let (actions, rest) = if documents {
        std::thread::scope(|s| {
            let actions = s.spawn(parse_actions);
            let rest = load_rest(root, which, board.as_ref(), &mut sources, &mut problems);
            (actions.join().expect("the parsing thread does not panic"), rest)
        })
    } else {
        // Only the calendar: no log to parse, no second thread to start.
        (Ok(None), load_rest(root, which, board.as_ref(), &mut sources, &mut problems))
    };
    let (risks, meetings) = rest?;
    let (actions, action_problems) = match actions? {
        Some((bytes, parsed)) => {
            sources.push((actions_path, bytes));
            parsed.map_err(|p| problems.push(p)).ok()
        }
        None if documents => {
            problems.push(super::held::missing(&actions_path));
            None
        }
        None => None,
    }
    .unwrap_or_else(|| (ActionLog::empty(), vec![]));

    let Some(board) = board else {
        return Err(LoadError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let mut workspace = Workspace { board, actions, risks, meetings };
    let mut found = action_problems;
    found.extend(validate_all_but_actions(&workspace));
    let mut placed = if found.is_empty() { vec![] } else { place_all(root, &workspace, &sources, found) };
    drop(sources);
    // The archive is checked file by file, after the daily files' checks so
    // that their problems point at the daily files; `validate` reports both.
    if which == Meetings::All {
        let archived = add_archive(root, &mut workspace, |_| true)
            .and_then(|()| add_archived(root, &workspace.board, &mut workspace.risks, |_| true));
        match archived {
            Ok(()) => {}
            Err(LoadError::Invalid(problems)) => placed.extend(problems),
            Err(e) => return Err(e),
        }
    }
    if placed.is_empty() { Ok(workspace) } else { Err(LoadError::Invalid(placed)) }
}

/// Risks and meetings, read while the action log is parsed.
fn load_rest(
    root: &Path,
    which: Meetings,
    board: Option<&Board>,
    sources: &mut Vec<Source>,
    problems: &mut Vec<FileProblem>,
) -> Result<(RiskRegister, Vec<Meeting>), LoadError> {
    let path = root.join(RISKS_FILE);
    let long = |board| super::sift::read_long::<RiskRegister>(root, &path, board);
    let risks = match which {
        Meetings::All | Meetings::Recent => match board.filter(|_| which == Meetings::Recent).and_then(long) {
            Some(register) => Some(register),
            None => match read_into::<RiskRegister>(&path, sources, problems)? {
                None if !path.exists() => {
                    problems.push(super::held::missing(&path));
                    None
                }
                read => read,
            },
        },
        Meetings::Calendar | Meetings::One(_) => None,
    }
    .unwrap_or_else(RiskRegister::empty);
    let meetings = match which {
        Meetings::One(date) => {
            // And the meeting after it, which its minutes name as the next.
            let next = super::listing::meeting_dates(root).iter().copied().find(|d| *d > date);
            let mut list: Vec<Meeting> = read_into(&meeting_file(root, date), sources, problems)?.into_iter().collect();
            if let Some(next) = next {
                list.extend(read_into::<Meeting>(&meeting_file(root, next), sources, problems)?);
            }
            list
        }
        Meetings::All => load_all_meetings(root, sources, problems)?,
        Meetings::Recent | Meetings::Calendar => load_recent_meetings(root, sources, problems)?,
    };
    Ok((risks, meetings))
}

fn parse_collect<T: DeserializeOwned + Versioned>(
    (path, bytes): &Source,
    problems: &mut Vec<FileProblem>,
) -> Option<T> {
    parse::parse(path, bytes).map_err(|p| problems.push(p)).ok()
}

fn read_into<T: DeserializeOwned + Versioned>(
    path: &Path,
    sources: &mut Vec<Source>,
    problems: &mut Vec<FileProblem>,
) -> Result<Option<T>, LoadError> {
    let Some(bytes) = read(path)? else { return Ok(None) };
    sources.push((path.to_path_buf(), bytes));
    Ok(parse_collect(sources.last().expect("just pushed"), problems))
}

/// The meeting files, oldest first.
fn meeting_paths(root: &Path) -> Result<Vec<PathBuf>, LoadError> {
    super::listing::meeting_paths(root).map_err(|source| LoadError::Io { path: root.join(MEETINGS_DIR), source })
}

/// The meeting in a file whose name must be its date.
pub(super) fn checked_meeting(source: &Source, problems: &mut Vec<FileProblem>) -> Option<Meeting> {
    let meeting: Meeting = parse_collect(source, problems)?;
    let (path, bytes) = source;
    let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
    if stem != meeting.date.format("%Y-%m-%d").to_string() {
        problems.push(FileProblem {
            position: locate::locate(&String::from_utf8_lossy(bytes), "date"),
            file: path.clone(),
            path: "date".into(),
            message: format!(
                "the file name says {stem} but the meeting is dated {}: rename the file or fix the date",
                meeting.date
            ),
        });
    }
    Some(meeting)
}

/// Newest first, up to and including the last closed meeting.
fn load_recent_meetings(
    root: &Path,
    sources: &mut Vec<Source>,
    problems: &mut Vec<FileProblem>,
) -> Result<Vec<Meeting>, LoadError> {
    let mut meetings = Vec::new();
    let newest_first = super::listing::meeting_paths_newest_first(root)
        .map_err(|source| LoadError::Io { path: root.join(MEETINGS_DIR), source })?;
    for path in newest_first {
        let Some(bytes) = read(&path)? else { continue };
        sources.push((path, bytes));
        let Some(meeting) = checked_meeting(sources.last().expect("just pushed"), problems) else { continue };
        let closed = MeetingState::of(&meeting) == MeetingState::Closed;
        meetings.push(meeting);
        if closed {
            break;
        }
    }
    meetings.reverse();
    Ok(meetings)
}

/// Every meeting, read and parsed on two cores: half the files each.
fn load_all_meetings(
    root: &Path,
    sources: &mut Vec<Source>,
    problems: &mut Vec<FileProblem>,
) -> Result<Vec<Meeting>, LoadError> {
    let paths = meeting_paths(root)?;
    type Read = Result<Vec<(Source, Option<Meeting>, Vec<FileProblem>)>, LoadError>;
    // The register in force here, on both threads.
    let register = link::register();
    let half = |part: &[PathBuf]| -> Read {
        let _register = link::in_force(register.clone());
        let mut out = Vec::with_capacity(part.len());
        for path in part {
            let Some(bytes) = read(path)? else { continue };
            let source = (path.clone(), bytes);
            let mut found = Vec::new();
            let meeting = checked_meeting(&source, &mut found);
            out.push((source, meeting, found));
        }
        Ok(out)
    };
    let (first, second) = paths.split_at(paths.len() / 2);
    let (a, b) = std::thread::scope(|s| {
        let a = s.spawn(|| half(first));
        let b = half(second);
        (a.join().expect("the parsing thread does not panic"), b)
    });
    let mut meetings = Vec::with_capacity(paths.len());
    for (source, meeting, found) in a?.into_iter().chain(b?) {
        sources.push(source);
        problems.extend(found);
        meetings.extend(meeting);
    }
    Ok(meetings)
}

/// Points model problems at their files' lines and columns, file by file,
/// grouped and capped (see `place`).
fn place_all(root: &Path, ws: &Workspace, sources: &[Source], problems: Vec<Problem>) -> Vec<FileProblem> {
    let file_of = |file: WorkspaceFile| match file {
        WorkspaceFile::Board => root.join(BOARD_FILE),
        WorkspaceFile::Actions => root.join(ACTIONS_FILE),
        WorkspaceFile::Risks => root.join(RISKS_FILE),
        WorkspaceFile::Meeting(i) => meeting_file(root, ws.meetings[i].date),
    };
    let mut by_file: Vec<(WorkspaceFile, Vec<Problem>)> = Vec::new();
    for problem in problems {
        match by_file.iter_mut().find(|(f, _)| *f == problem.file) {
            Some((_, list)) => list.push(problem),
            None => by_file.push((problem.file, vec![problem])),
        }
    }
    let files = by_file
        .into_iter()
        .map(|(file, list)| {
            let path = file_of(file);
            let bytes = sources.iter().find(|(p, _)| *p == path).map_or(&[][..], |(_, b)| b.as_slice());
            (path, bytes, list)
        })
        .collect();
    place::located_all(root, files)
}
