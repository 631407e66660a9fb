//! The documents a workspace holds. `gavel init` makes actions.json and
//! risks.json, and gavel never removes either: so a workspace always holds
//! both, and one that is missing has vanished (a bad copy, a `rm`, a sync
//! gone wrong), not "no actions yet". An empty file is never a document.
//! Every writer refuses while a daily document is missing or broken, with
//! the message `validate` gives, and writes nothing.

use super::error::{FileProblem, LoadError};
use super::parse;
use super::{ACTIONS_FILE, RISKS_FILE, read};
use crate::model::{ActionLog, Board, RiskRegister};
use std::path::Path;

/// The daily documents every workspace holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Daily {
    Actions,
    Risks,
}

impl Daily {
    pub(super) fn name(self) -> &'static str {
        match self {
            Daily::Actions => ACTIONS_FILE,
            Daily::Risks => RISKS_FILE,
        }
    }

    /// What an empty one holds, for the message that says how to begin one.
    fn empty_text(self) -> &'static str {
        match self {
            Daily::Actions => r#"{"schema_version": 1, "actions": []}"#,
            Daily::Risks => r#"{"schema_version": 1, "risks": []}"#,
        }
    }
}

/// `validate`'s words for a daily document that is not there.
pub(super) fn missing(path: &Path) -> FileProblem {
    let daily = if path.ends_with(RISKS_FILE) { Daily::Risks } else { Daily::Actions };
    FileProblem {
        file: path.to_path_buf(),
        position: None,
        path: String::new(),
        message: format!(
            "the file is missing, and every gavel workspace holds one (gavel init makes it, gavel never removes it): restore it (git checkout -- {}, or a backup), or, to begin an empty one on purpose, write {} into it",
            daily.name(),
            daily.empty_text()
        ),
    }
}

/// The error for a missing daily document.
pub(super) fn vanished(path: &Path) -> LoadError {
    LoadError::Invalid(vec![missing(path)])
}

/// Before a change is written: the daily documents it does not read
/// itself are there and read as documents (not cut short, no NaN, every
/// field of the right kind). A writer never writes beside a broken file.
/// One that is byte for byte the file the last add validated or wrote
/// (`.gavel.checked` records it) is not parsed again.
pub(super) fn check_daily(root: &Path, board: &Board, which: &[Daily]) -> Result<(), LoadError> {
    for &daily in which {
        let path = root.join(daily.name());
        if super::append::known_sound(root, daily) {
            continue;
        }
        // An older workspace's long file is checked a record at a time, as
        // it is read (`sift`); one that fails is read whole to say where.
        let long = std::fs::metadata(&path).is_ok_and(|m| m.len() > super::sift::LONG_FILE);
        let sound = long
            && match daily {
                Daily::Actions => super::sift::checked_refs::<ActionLog>(&path, board).is_some(),
                Daily::Risks => super::sift::checked_refs::<RiskRegister>(&path, board).is_some(),
            };
        if sound {
            continue;
        }
        let bytes = read(&path)?.ok_or_else(|| vanished(&path))?;
        let parsed = match daily {
            Daily::Actions => parse::parse::<ActionLog>(&path, &bytes).map(drop),
            Daily::Risks => parse::parse::<RiskRegister>(&path, &bytes).map(drop),
        };
        parsed.map_err(|problem| LoadError::Invalid(vec![problem]))?;
    }
    Ok(())
}
