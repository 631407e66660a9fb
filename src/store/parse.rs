//! Bytes to typed documents, with errors that name file, line:column and
//! JSON path, and refuse files from a newer gavel.

use super::error::FileProblem;
use super::locate::{line_column, locate};
use super::words;
use crate::model::SCHEMA_VERSION;
use serde::de::DeserializeOwned;
use std::path::Path;

/// A workspace document: every one carries its schema version.
pub trait Versioned {
    fn schema_version(&self) -> u32;

    /// Links within the document itself, read once it is whole: a
    /// group's members name people of the same file, a note its
    /// meeting's item (`model::link`).
    fn read_own_links(&mut self) {}

    /// Runs `write` (the document's serialization) with its links within
    /// itself stored as identities.
    fn writing_own_links<R>(&self, write: impl FnOnce() -> R) -> R {
        write()
    }
}

/// Parses a workspace document, its links read as the initials they bear
/// in the register in force (`model::link`).
pub fn parse<T: DeserializeOwned + Versioned>(file: &Path, bytes: &[u8]) -> Result<T, FileProblem> {
    let mut value: T = crate::model::link::reading_file(|| parse_as_is(file, bytes))?;
    value.read_own_links();
    Ok(value)
}

fn parse_as_is<T: DeserializeOwned + Versioned>(file: &Path, bytes: &[u8]) -> Result<T, FileProblem> {
    let problem =
        |position, path: String, message: String| FileProblem { file: file.to_path_buf(), position, path, message };
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let position = line_column(&String::from_utf8_lossy(valid), valid.len());
        problem(Some(position), String::new(), "expected UTF-8 text; the file holds bytes that are not".into())
    })?;
    // A byte-order mark, as some Windows editors write, is not content.
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let json_problem = |path: String, e: serde_json::Error| {
        let position = (e.line() > 0).then(|| (e.line(), e.column()));
        let comma = position
            .and_then(|(line, column)| words::offset_of(text, line, column))
            .filter(|_| e.to_string().starts_with("trailing comma"))
            .and_then(|at| words::trailing_comma(text, at));
        match comma {
            Some((at, message)) => problem(Some(line_column(text, at)), path, message),
            None => problem(position, path.clone(), words::reword(&path, &bare_message(&e))),
        }
    };
    // The plain parse is the fast one; only a file that fails is read again
    // with the JSON path tracked, to say where.
    let value: T = serde_json::from_str(text).map_err(|_| {
        if let Some(line) = super::conflict::conflict_line(text.as_bytes()) {
            let name = file.file_name().unwrap_or(file.as_os_str()).to_string_lossy();
            let message = format!(
                "{name} holds a git conflict from a merge made without gavel's driver: `gavel sync` merges its two sides field by field"
            );
            return problem(Some((line, 1)), String::new(), message);
        }
        // A newer gavel's fields would read as unknown: say "upgrade" instead.
        if let Err(message) = check_version(probe_version(text)) {
            return problem(locate(text, "schema_version"), "schema_version".into(), message);
        }
        let mut de = serde_json::Deserializer::from_str(text);
        match serde_path_to_error::deserialize::<_, T>(&mut de).map(|_| de.end()) {
            Err(e) => {
                let path = e.path().to_string();
                let path = if path == "." { String::new() } else { path };
                json_problem(path, e.into_inner())
            }
            Ok(Err(e)) => json_problem(String::new(), e),
            Ok(Ok(())) => problem(
                None,
                String::new(),
                "the file could not be read, though a second reading found no fault".into(),
            ),
        }
    })?;
    check_version(Some(u64::from(value.schema_version())))
        .map_err(|m| problem(locate(text, "schema_version"), "schema_version".into(), m))?;
    Ok(value)
}

/// serde_json's message without its " at line L column C" tail, which the
/// problem already carries.
fn bare_message(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let bare = text.rsplit_once(" at line ").map_or(text.as_str(), |(m, _)| m);
    match e.classify() {
        serde_json::error::Category::Eof => format!("{bare}: the file ends too early (was it cut short?)"),
        _ => bare.to_string(),
    }
}

fn probe_version(text: &str) -> Option<u64> {
    #[derive(serde::Deserialize)]
    struct Probe {
        schema_version: Option<u64>,
    }
    serde_json::from_str::<Probe>(text).ok()?.schema_version
}

/// Refuses files written by a newer gavel.
pub(super) fn check_version(version: Option<u64>) -> Result<(), String> {
    match version {
        Some(v) if v > u64::from(SCHEMA_VERSION) => Err(format!(
            "written by a newer gavel (schema_version {v}); this gavel reads version {SCHEMA_VERSION}: upgrade gavel to open it"
        )),
        Some(0) => Err(format!("expected schema_version {SCHEMA_VERSION}, found 0")),
        _ => Ok(()),
    }
}
