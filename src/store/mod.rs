//! Bytes to model and back: load and validate a workspace directory, save
//! one file atomically under the workspace lock, notice outside changes.

mod access;
mod append;
mod archive;
mod author;
mod check;
mod commit;
mod conflict;
mod error;
mod fold;
mod freeze;
mod held;
mod history;
mod listing;
mod load;
mod locate;
mod location;
mod lock;
mod merge;
mod merge_long;
mod open;
mod parse;
mod place;
mod recovery;
mod sample;
mod save;
mod sift;
mod spare;
mod words;

pub use access::{ReadOnly, is_read_only, review, set_read_only};
pub(crate) use access::{is_refusal as refused_read_only, writable};
pub use append::append_action;
pub use archive::{ARCHIVE_DIR, archive_file, archive_year, archive_years};
pub use author::{author, stamp};
pub use check::{Census, check_all};
pub use commit::{commit, commit_as};
pub use conflict::{Sides, conflict_line, split as split_conflict};
pub use error::{FileProblem, LoadError, SaveError};
pub use fold::{Base, fold_archived_twice};
pub use history::{ArchivedActions, ArchivedYear, Years, archived_actions, archived_matching, each_meeting};
pub use listing::{MeetingDates, meeting_dates};
pub use load::{load, load_calendar, load_minutes, load_recent};
pub use location::{Located, Sharing, init_sample_today, init_workspace, resolve_workspace};
pub use lock::{CLI_PATIENCE, LOCK_FILE, Patience, WorkspaceLock, after_any_sync, patience, set_patience};
pub use merge::{MergedFile, document_of, merge_conflict, merge_file};
pub use merge_long::merge_long_file;
pub use parse::Versioned;
pub use place::thousands;
pub use recovery::{IDENTITY_FILE, Kept, RECOVERY_FILE, keep, keep_all, kept};
pub use sample::SAMPLE_FILES;
pub use save::{clean_leftovers, to_json, write_atomic, write_atomic_by};

use crate::model::{ActionLog, Board, Meeting, RiskRegister};

/// gavel's own files beside the workspace's records: the lock, the record
/// of the log last checked, the log before the last add, changes not
/// yet saved, and the workspace's identity for them. Never part of the board's history (`.gitignore`, sync).
pub const BOOKKEEPING: [&str; 5] =
    [LOCK_FILE, append::CHECKED_FILE, spare::SPARE_FILE, RECOVERY_FILE, recovery::IDENTITY_FILE];
use serde::de::DeserializeOwned;
use std::path::{Path, PathBuf};

pub const BOARD_FILE: &str = "gavel.json";
pub const ACTIONS_FILE: &str = "actions.json";
pub const RISKS_FILE: &str = "risks.json";
pub const MEETINGS_DIR: &str = "meetings";

/// Every document type carries `schema_version`.
macro_rules! versioned {
    ($($document:ty),*) => {$(
        impl Versioned for $document {
            fn schema_version(&self) -> u32 {
                self.schema_version
            }
        }
    )*};
}

versioned!(ActionLog, RiskRegister);

impl Versioned for Meeting {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }

    fn read_own_links(&mut self) {
        self.read_item_links();
    }

    fn writing_own_links<R>(&self, write: impl FnOnce() -> R) -> R {
        crate::model::link::with_agenda(self.item_identities(), write)
    }
}

impl Versioned for Board {
    fn schema_version(&self) -> u32 {
        self.schema_version
    }

    fn read_own_links(&mut self) {
        let directory = crate::model::link::Directory::of(self);
        for group in &mut self.groups {
            for member in &mut group.members {
                *member = directory.label_of(member);
            }
        }
    }

    /// Its groups' members as the identities of its own people, whatever
    /// register is in force.
    fn writing_own_links<R>(&self, write: impl FnOnce() -> R) -> R {
        let _register = crate::model::link::in_force(Some(crate::model::link::Directory::of(self)));
        write()
    }
}

/// The file of a meeting, by its date.
pub fn meeting_file(root: &Path, date: chrono::NaiveDate) -> PathBuf {
    root.join(MEETINGS_DIR).join(format!("{}.json", date.format("%Y-%m-%d")))
}

/// The largest file gavel reads, in MiB. Daily files stay small (closed
/// actions move to the archive by year), and a hundred years of one board's
/// log in one file is about 100 MiB; the limit is there only so that a
/// wrong file (a disk image, a backup) is refused before it fills memory.
pub const MAX_FILE_MIB: u64 = 1024;

/// A workspace document's bytes, read safely (see `open`); `None` if missing.
pub(super) fn read(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    open::read_document(path)
}

/// Parses one document's bytes, as if read from `file`; for checking text
/// that is not (yet) on disk, and for fuzzing the loader.
pub fn parse_document<T: DeserializeOwned + Versioned>(file: &Path, bytes: &[u8]) -> Result<T, FileProblem> {
    parse::parse(file, bytes)
}

/// Reads and parses one document; a missing file gives `None`.
pub fn load_document<T: DeserializeOwned + Versioned>(path: &Path) -> Result<Option<T>, LoadError> {
    match read(path)? {
        None => Ok(None),
        Some(bytes) => parse::parse(path, &bytes).map(Some).map_err(|p| LoadError::Invalid(vec![p])),
    }
}

/// Size and modification time of the files a viewer watches, to notice
/// another process's changes without reading them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fingerprint(Vec<Option<(std::time::SystemTime, u64)>>);

impl Fingerprint {
    /// The meeting files looked at, the newest by name: the screen reads
    /// those from the last closed meeting on, never a century of them.
    const NEWEST_MEETINGS: usize = 24;

    /// The daily files, the meetings folder (its time moves whenever a
    /// meeting file is added, removed or replaced: every save renames) and
    /// the newest meeting files (a hand edit in place changes their own).
    pub fn of(root: &Path) -> Fingerprint {
        let stat = |path: PathBuf| std::fs::metadata(path).ok().and_then(|m| Some((m.modified().ok()?, m.len())));
        let mut seen: Vec<_> =
            [BOARD_FILE, ACTIONS_FILE, RISKS_FILE, MEETINGS_DIR].iter().map(|name| stat(root.join(name))).collect();
        let files = listing::meeting_paths(root).unwrap_or_default();
        let newest = files.len().saturating_sub(Self::NEWEST_MEETINGS);
        seen.extend(files.into_iter().skip(newest).map(stat));
        Fingerprint(seen)
    }
}
