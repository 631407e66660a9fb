//! Why a change was not made, as a value: the screen, the command line
//! and the import each word it their own way, and tests can match on it.

use std::fmt;

/// Why nothing can be changed in review mode: the screen and every command say it alike.
pub const READ_ONLY: &str = "read-only: this gavel was opened with --read-only, so nothing can be changed";

/// A change that was refused; nothing was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The field changed on disk since the user saw it, to something else
    /// than what they typed: "A14 owner was changed to PD in another gavel
    /// since you opened the edit; yours: GB".
    Conflict { record: String, field: String, theirs: String, yours: String, since: Since },
    /// The record the change was for is no longer there.
    Gone(String),
    /// The change would make no difference ("A2 is already done").
    AlreadySo(String),
    /// A rule of the board or of the meeting says no, or the line typed could not be read.
    Rule(String),
    /// Not yet: the line reads, with warnings shown once; the same Enter again saves it.
    Confirm(String),
}

/// When the user last saw the value that has since changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Since {
    /// The edit line was opened on the old value.
    Opened,
    /// The change being undone was made.
    Undone,
}

impl Refusal {
    pub fn rule(text: impl Into<String>) -> Refusal {
        Refusal::Rule(text.into())
    }

    /// Review mode (`--read-only`) refuses every change.
    pub fn read_only() -> Refusal {
        Refusal::rule(READ_ONLY)
    }

    /// Several fields of one record changed elsewhere, as one refusal that
    /// names them all ("A13 text and owner were changed to … and BM").
    pub fn all_of(conflicts: Vec<Refusal>) -> Option<Refusal> {
        let mut parts = conflicts.into_iter().filter_map(|c| match c {
            Refusal::Conflict { record, field, theirs, yours, since } => Some((record, field, theirs, yours, since)),
            _ => None,
        });
        let (record, mut field, mut theirs, mut yours, since) = parts.next()?;
        for (_, more, their, your, _) in parts {
            field = format!("{field} and {more}");
            theirs = format!("{theirs} and {their}");
            yours = format!("{yours} and {your}");
        }
        Some(Refusal::Conflict { record, field, theirs, yours, since })
    }

    /// True when someone else's change is in the way, not the user's own input.
    pub fn is_conflict(&self) -> bool {
        matches!(self, Refusal::Conflict { .. })
    }
}

impl From<String> for Refusal {
    fn from(text: String) -> Refusal {
        Refusal::Rule(text)
    }
}

impl From<&str> for Refusal {
    fn from(text: &str) -> Refusal {
        Refusal::Rule(text.to_string())
    }
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Refusal::Conflict { record, field, theirs, yours, since } => {
                let since = match since {
                    Since::Opened => "since you opened the edit",
                    Since::Undone => "since your change, so it was not undone",
                };
                let were = if field.contains(" and ") { "were" } else { "was" };
                write!(f, "{record} {field} {were} changed to {theirs} in another gavel {since}; yours: {yours}")
            }
            Refusal::Gone(record) => write!(f, "{record} is no longer there (removed in another gavel?)"),
            Refusal::AlreadySo(text) | Refusal::Rule(text) | Refusal::Confirm(text) => f.write_str(text),
        }
    }
}

impl std::error::Error for Refusal {}
