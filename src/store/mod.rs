//! Bytes to model and back: load and validate a workspace directory, save
//! one file atomically under the workspace lock, notice outside changes.

mod error;
mod locate;
mod location;
mod parse;
mod sample;
mod save;

pub use error::{FileProblem, LoadError, SaveError};
pub use location::{Located, WorkspaceSource, init_workspace, resolve_workspace};
pub use parse::Versioned;
pub use sample::SAMPLE_FILES;
pub use save::{WorkspaceLock, modify, to_json, write_atomic};

use crate::model::validate::{Problem, WorkspaceFile, validate};
use crate::model::{ActionLog, Board, Meeting, RiskRegister, SCHEMA_VERSION, Workspace};
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

pub const BOARD_FILE: &str = "gavel.json";
pub const ACTIONS_FILE: &str = "actions.json";
pub const RISKS_FILE: &str = "risks.json";
pub const MEETINGS_DIR: &str = "meetings";

impl Versioned for Board {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}
impl Versioned for ActionLog {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}
impl Versioned for RiskRegister {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}
impl Versioned for Meeting {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }
}

/// Adds a quick-add action to actions.json under the lock, giving it the
/// next free ref there; returns the ref and the log as saved.
pub fn add_action(
    root: &Path,
    draft: crate::model::quickadd::QuickAdd,
    raised: Option<crate::model::action::Raised>,
) -> Result<(String, ActionLog), SaveError> {
    let empty = || {
        Ok(ActionLog {
            schema_version: SCHEMA_VERSION,
            actions: vec![],
        })
    };
    modify(root, &root.join(ACTIONS_FILE), empty, |log: &mut ActionLog| {
        Ok(log.add(draft, raised).reference.clone())
    })
}

/// Applies one edit to one action in actions.json, under the lock, to the
/// action as it is on disk now.
pub fn edit_action(
    root: &Path,
    reference: &str,
    edit: &crate::model::action::ActionEdit,
    today: chrono::NaiveDate,
) -> Result<ActionLog, SaveError> {
    let missing = || Err("actions.json is missing".to_string());
    modify(root, &root.join(ACTIONS_FILE), missing, |log: &mut ActionLog| {
        log.edit(reference, edit, today)
    })
    .map(|((), log)| log)
}

/// The file of a meeting, by its date.
pub fn meeting_file(root: &Path, date: chrono::NaiveDate) -> PathBuf {
    root.join(MEETINGS_DIR)
        .join(format!("{}.json", date.format("%Y-%m-%d")))
}

fn read(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    match std::fs::read(path) {
        Ok(bytes) => Ok(Some(bytes)),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(source) => Err(LoadError::Io {
            path: path.to_path_buf(),
            source,
        }),
    }
}

/// Reads and parses one document; a missing file gives `None`.
pub fn load_document<T: DeserializeOwned + Versioned>(path: &Path) -> Result<Option<T>, LoadError> {
    match read(path)? {
        None => Ok(None),
        Some(bytes) => parse::parse(path, &bytes)
            .map(Some)
            .map_err(|p| LoadError::Invalid(vec![p])),
    }
}

/// Loads and validates the whole workspace. Nothing is ever written here.
pub fn load(root: &Path) -> Result<Workspace, LoadError> {
    let board_path = root.join(BOARD_FILE);
    if !board_path.is_file() {
        return Err(LoadError::NotAWorkspace(root.to_path_buf()));
    }
    // Sources are kept to point validation problems at their line.
    let mut sources: Vec<(PathBuf, Vec<u8>)> = Vec::new();
    let mut problems = Vec::new();
    let board = read_into::<Board>(&board_path, &mut sources, &mut problems)?;

    let actions_path = root.join(ACTIONS_FILE);
    let actions = read_into::<ActionLog>(&actions_path, &mut sources, &mut problems)?.unwrap_or_else(|| ActionLog {
        schema_version: SCHEMA_VERSION,
        actions: vec![],
    });
    let risks_path = root.join(RISKS_FILE);
    let risks = read_into::<RiskRegister>(&risks_path, &mut sources, &mut problems)?.unwrap_or_else(|| RiskRegister {
        schema_version: SCHEMA_VERSION,
        risks: vec![],
    });
    let meetings = load_meetings(root, &mut sources, &mut problems)?;

    let Some(board) = board else {
        return Err(LoadError::Invalid(problems));
    };
    if !problems.is_empty() {
        return Err(LoadError::Invalid(problems));
    }
    let workspace = Workspace {
        board,
        actions,
        risks,
        meetings,
    };
    let found = validate(&workspace);
    if found.is_empty() {
        Ok(workspace)
    } else {
        Err(LoadError::Invalid(
            found.iter().map(|p| place(root, &workspace, &sources, p)).collect(),
        ))
    }
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
        meetings.push(meeting);
    }
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
    FileProblem {
        file,
        position,
        path: problem.path.clone(),
        message: problem.message.clone(),
    }
}

/// Size and modification time of the files a viewer watches, to notice
/// another process's changes without reading them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<Option<(std::time::SystemTime, u64)>>);

impl Fingerprint {
    pub fn of(root: &Path) -> Fingerprint {
        let stat = |path: PathBuf| {
            std::fs::metadata(path)
                .ok()
                .and_then(|m| Some((m.modified().ok()?, m.len())))
        };
        let mut seen: Vec<_> = [BOARD_FILE, ACTIONS_FILE, RISKS_FILE, MEETINGS_DIR]
            .iter()
            .map(|name| stat(root.join(name)))
            .collect();
        if let Ok(entries) = std::fs::read_dir(root.join(MEETINGS_DIR)) {
            let mut files: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
                .map(|e| e.path())
                .collect();
            files.sort();
            seen.extend(files.into_iter().map(stat));
        }
        Fingerprint(seen)
    }
}
