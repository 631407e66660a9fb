//! Why a workspace could not be read, in words a person can act on.

use std::fmt;
use std::path::PathBuf;

/// One thing wrong with one file, pointing at where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileProblem {
    pub file: PathBuf,
    /// Line and column, both from 1, when known.
    pub position: Option<(usize, usize)>,
    /// JSON path of the value at fault; empty for the file as a whole.
    pub path: String,
    pub message: String,
}

impl fmt::Display for FileProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, column)) = self.position {
            write!(f, ":{line}:{column}")?;
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

#[derive(Debug, thiserror::Error)]
pub enum LoadError {
    #[error("{} is not a gavel workspace (no gavel.json there): run `gavel init {}` to make one, or pass -w DIR", .0.display(), .0.display())]
    NotAWorkspace(PathBuf),
    #[error("cannot read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{}", problems_text(.0))]
    Invalid(Vec<FileProblem>),
}

fn problems_text(problems: &[FileProblem]) -> String {
    let lines: Vec<String> = problems.iter().map(ToString::to_string).collect();
    lines.join("\n")
}

#[derive(Debug, thiserror::Error)]
pub enum SaveError {
    #[error("cannot save {}: {source}; the file on disk is unchanged{}", path.display(), advice(source))]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The new file had already taken the old one's place when something
    /// failed (flushing the folder): the change is made, only whether it
    /// would survive a power cut is in doubt. Never retried.
    // No advice here: "free some space, then do it again" would contradict it.
    #[error(
        "{} is saved, but gavel could not make sure it is on the disk ({source}): the change is made, do not make it again",
        path.display()
    )]
    Unsure {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(transparent)]
    Load(#[from] LoadError),
    /// Another writer held the workspace lock for longer than this process
    /// waits; nothing was written.
    #[error("{0}; nothing was changed")]
    Locked(String),
    /// The change itself was refused; nothing was written.
    #[error("{0}")]
    Refused(crate::model::Refusal),
}

impl SaveError {
    /// The error of writing `path`: `Unsure` if it came after the new file
    /// replaced the old (`save::AfterReplacing`, from `save::sync_folder`),
    /// else `Io`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> SaveError {
        let path = path.into();
        match source.get_ref().is_some_and(|e| e.is::<super::save::AfterReplacing>()) {
            true => SaveError::Unsure { path, source },
            false => SaveError::Io { path, source },
        }
    }
}

/// What to do about the commonest failures, after the message.
fn advice(source: &std::io::Error) -> &'static str {
    match source.kind() {
        std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded => {
            "; free some space on that disk (or raise the quota), then do it again"
        }
        std::io::ErrorKind::PermissionDenied => "; check that you may write to the workspace folder and its files",
        std::io::ErrorKind::ReadOnlyFilesystem => "; the disk is mounted read-only",
        _ => "",
    }
}
