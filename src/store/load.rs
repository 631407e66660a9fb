//! Reading a workspace: every file parsed, checked across files, and each
//! problem pointed at its file, line, column and JSON path.

use super::error::{FileProblem, LoadError};
use super::parse::{self, Versioned};
use super::{ACTIONS_FILE, BOARD_FILE, MEETINGS_DIR, RISKS_FILE, locate, meeting_file, read};
use crate::model::validate::{Problem, WorkspaceFile, validate_actions, validate_all_but_actions};
use crate::model::{ActionLog, Board, Meeting, MeetingState, RiskRegister, Workspace};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

/// Loads and validates the whole workspace. Nothing is ever written here.
pub fn load(root: &Path) -> Result<Workspace, LoadError> {
    load_with(root, Meetings::All)
}

/// Loads the board, actions, risks and the meetings from the most recent
/// closed one on: all that the screen, `status` and `add` show or link to,
/// without parsing years of closed meetings. `gavel validate` reads all.
pub fn load_recent(root: &Path) -> Result<Workspace, LoadError> {
    load_with(root, Meetings::Recent)
}

/// The board and the recent meetings only, with an empty action log and
/// risk register: enough to read a quick-add line and link it to the item
/// under way. `gavel add` reads the action log itself, under the lock.
pub fn load_calendar(root: &Path) -> Result<Workspace, LoadError> {
    load_with(root, Meetings::Calendar)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Meetings {
    All,
    Recent,
    /// Recent meetings, and no actions or risks at all.
    Calendar,
}

fn load_with(root: &Path, which: Meetings) -> Result<Workspace, LoadError> {
    let board_path = root.join(BOARD_FILE);
    if !board_path.is_file() {
        return Err(LoadError::NotAWorkspace(root.to_path_buf()));
    }
    // Sources are kept to point validation problems at their line.
    let mut sources: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut problems = Vec::new();
    let board = read_into::<Board>(&board_path, &mut sources, &mut problems)?;

    let documents = which != Meetings::Calendar;
    // The action log is most of the bytes: it is parsed on a second core
    // while the rest is read.
    let actions_path = root.join(ACTIONS_FILE);
    // The log's own checks run on its thread too; they need only the board.
    type Parsed = Option<(Vec<u8>, Result<(ActionLog, Vec<Problem>), FileProblem>)>;
    let board_for_checks = board.clone();
    let (actions, rest) = std::thread::scope(|s| {
        let actions = s.spawn(|| -> Result<Parsed, LoadError> {
            if !documents {
                return Ok(None);
            }
            Ok(read(&actions_path)?.map(|bytes| {
                let parsed = parse::parse::<ActionLog>(&actions_path, &bytes).map(|log| {
                    let problems = board_for_checks.as_ref().map_or_else(Vec::new, |b| validate_actions(b, &log));
                    (log, problems)
                });
                (bytes, parsed)
            }))
        });
        let rest = load_rest(root, which, documents, &mut sources, &mut problems);
        (actions.join().expect("the parsing thread does not panic"), rest)
    });
    let (risks, meetings) = rest?;
    let (actions, action_problems) = match actions? {
        Some((bytes, parsed)) => {
            sources.push((actions_path, bytes));
            parsed.map_err(|p| problems.push(p)).ok()
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
    let workspace = Workspace { board, actions, risks, meetings };
    let mut found = action_problems;
    found.extend(validate_all_but_actions(&workspace));
    if found.is_empty() {
        Ok(workspace)
    } else {
        Err(LoadError::Invalid(found.iter().map(|p| place(root, &workspace, &sources, p)).collect()))
    }
}

/// Risks and meetings, read while the action log is parsed.
fn load_rest(
    root: &Path,
    which: Meetings,
    documents: bool,
    sources: &mut Vec<(PathBuf, Vec<u8>)>,
    problems: &mut Vec<FileProblem>,
) -> Result<(RiskRegister, Vec<Meeting>), LoadError> {
    let risks = if documents { read_into::<RiskRegister>(&root.join(RISKS_FILE), sources, problems)? } else { None }
        .unwrap_or_else(RiskRegister::empty);
    Ok((risks, load_meetings(root, which, sources, problems)?))
}

fn parse_collect<T: DeserializeOwned + Versioned>(
    (path, bytes): &(PathBuf, Vec<u8>),
    problems: &mut Vec<FileProblem>,
) -> Option<T> {
    parse::parse(path, bytes).map_err(|p| problems.push(p)).ok()
}

fn read_into<T: DeserializeOwned + Versioned>(
    path: &Path,
    sources: &mut Vec<(PathBuf, Vec<u8>)>,
    problems: &mut Vec<FileProblem>,
) -> Result<Option<T>, LoadError> {
    let Some(bytes) = read(path)? else { return Ok(None) };
    sources.push((path.to_path_buf(), bytes));
    Ok(parse_collect(sources.last().expect("just pushed"), problems))
}

fn load_meetings(
    root: &Path,
    which: Meetings,
    sources: &mut Vec<(PathBuf, Vec<u8>)>,
    problems: &mut Vec<FileProblem>,
) -> Result<Vec<Meeting>, LoadError> {
    let dir = root.join(MEETINGS_DIR);
    let entries = match std::fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(vec![]),
        Err(source) => return Err(LoadError::Io { path: dir, source }),
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or("");
            name.ends_with(".json") && !name.starts_with('.')
        })
        .collect();
    paths.sort();
    // Newest first, so a recent load can stop at the last closed meeting.
    paths.reverse();
    let mut meetings = Vec::with_capacity(paths.len());
    for path in paths {
        let Some(meeting) = read_into::<Meeting>(&path, sources, problems)? else {
            continue;
        };
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        if stem != meeting.date.format("%Y-%m-%d").to_string() {
            problems.push(FileProblem {
                position: locate::locate(&String::from_utf8_lossy(&sources.last().expect("read").1), "date"),
                file: path.clone(),
                path: "date".into(),
                message: format!(
                    "the file name says {stem} but the meeting is dated {}: rename the file or fix the date",
                    meeting.date
                ),
            });
        }
        let closed = MeetingState::of(&meeting) == MeetingState::Closed;
        meetings.push(meeting);
        if closed && which != Meetings::All {
            break;
        }
    }
    meetings.reverse();
    Ok(meetings)
}

/// Turns a model problem into one that points at its file, line and column.
fn place(root: &Path, ws: &Workspace, sources: &[(PathBuf, Vec<u8>)], problem: &Problem) -> FileProblem {
    let file = match problem.file {
        WorkspaceFile::Board => root.join(BOARD_FILE),
        WorkspaceFile::Actions => root.join(ACTIONS_FILE),
        WorkspaceFile::Risks => root.join(RISKS_FILE),
        WorkspaceFile::Meeting(i) => meeting_file(root, ws.meetings[i].date),
    };
    let position = sources
        .iter()
        .find(|(path, _)| *path == file)
        .and_then(|(_, bytes)| locate::locate(&String::from_utf8_lossy(bytes), &problem.path));
    FileProblem { file, position, path: problem.path.clone(), message: problem.message.clone() }
}
