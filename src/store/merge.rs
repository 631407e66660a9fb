//! git's merge driver for workspace files: three versions of one document
//! in, the merged document out, canonical and valid, or gavel's own message
//! when one side cannot be read (git then leaves the file for the user).

use super::parse::Versioned;
use super::{ACTIONS_FILE, BOARD_FILE, MEETINGS_DIR, RISKS_FILE, parse_document, to_json};
use crate::model::link;
use crate::model::merge::{self, Document};
use crate::model::{ActionLog, Board, Meeting, RiskRegister};
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Which document a path in the workspace is, if gavel merges it.
pub fn document_of(path: &Path) -> Option<Document> {
    let name = path.file_name()?.to_str()?;
    let folder = path.parent().and_then(|p| p.file_name());
    let in_meetings = folder.is_some_and(|d| d == MEETINGS_DIR);
    let in_archive = folder.is_some_and(|d| d == super::ARCHIVE_DIR);
    match name {
        BOARD_FILE => Some(Document::Board),
        ACTIONS_FILE => Some(Document::Actions),
        RISKS_FILE => Some(Document::Risks),
        _ if in_meetings && name.ends_with(".json") => Some(Document::Meeting),
        _ if in_archive => match super::archive_year(name)?.0 {
            "actions" => Some(Document::Actions),
            _ => Some(Document::Risks),
        },
        _ => None,
    }
}

/// The merged file and what the merge decided.
#[derive(Debug)]
pub struct MergedFile {
    pub bytes: Vec<u8>,
    pub report: Vec<String>,
}

/// Merges the three versions of the file at `path` (as named in the
/// workspace); `base` is empty when the file is new on both sides. A side
/// that holds git's conflict markers (a text merge made in a clone without
/// gavel's driver, committed as it was) has its own two sides merged first.
pub fn merge_file(
    path: &Path,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    now: crate::model::Timestamp,
) -> Result<MergedFile, String> {
    let mut report = Vec::new();
    let mut unmarked = |bytes: &[u8], side: &str| match merge_conflict(path, base, bytes, now)? {
        Some(mended) => {
            report.push(format!("{side} held a git conflict from a merge made without gavel's driver: merged"));
            report.extend(mended.report);
            Ok::<_, String>(Some(mended.bytes))
        }
        None => Ok(None),
    };
    let (mended_ours, mended_theirs) =
        (unmarked(ours, "this machine's version")?, unmarked(theirs, "the other machine's version")?);
    let ours = mended_ours.as_deref().unwrap_or(ours);
    let theirs = mended_theirs.as_deref().unwrap_or(theirs);
    let mut merged = merge_sides(path, base, ours, theirs, now)?;
    report.append(&mut merged.report);
    Ok(MergedFile { bytes: merged.bytes, report })
}

/// A file holding git's conflict markers, its two sides merged by gavel
/// (from the ancestor git wrote in it, or else `base`); `None` if it holds none.
pub fn merge_conflict(
    path: &Path,
    base: &[u8],
    bytes: &[u8],
    now: crate::model::Timestamp,
) -> Result<Option<MergedFile>, String> {
    let Some(sides) = super::conflict::split(bytes) else { return Ok(None) };
    merge_sides(path, sides.base.as_deref().unwrap_or(base), &sides.ours, &sides.theirs, now).map(Some)
}

fn merge_sides(
    path: &Path,
    base: &[u8],
    ours: &[u8],
    theirs: &[u8],
    now: crate::model::Timestamp,
) -> Result<MergedFile, String> {
    let doc = document_of(path).ok_or_else(|| format!("{} is not a gavel workspace file", path.display()))?;
    match doc {
        Document::Board => typed::<Board>(doc, path, [base, ours, theirs], now, |_| vec![]),
        Document::Actions => typed::<ActionLog>(doc, path, [base, ours, theirs], now, |_| vec![]),
        Document::Risks => typed::<RiskRegister>(doc, path, [base, ours, theirs], now, |_| vec![]),
        Document::Meeting => typed::<Meeting>(doc, path, [base, ours, theirs], now, merge::prune_journal),
    }
}

/// What the merge wrote for people to read (an action's dated update, a
/// history entry of its own) names people by initials, not by the
/// identities it merged.
fn said_in_initials(value: &mut serde_json::Value, register: &link::Directory) {
    use serde_json::Value;
    match value {
        Value::Array(items) => items.iter_mut().for_each(|v| said_in_initials(v, register)),
        Value::Object(map) => {
            for (key, v) in map.iter_mut() {
                match (key.as_str(), v) {
                    ("updates", Value::Array(updates)) => {
                        updates.iter_mut().filter_map(|u| u.get_mut("text")).for_each(|t| register.relabel_value(t));
                    }
                    ("changes", Value::Array(entries)) => {
                        let by_merge = |e: &&mut Value| e.get("by").and_then(Value::as_str) == Some(MERGE_AUTHOR);
                        entries.iter_mut().filter(by_merge).for_each(|e| register.relabel_value(e));
                    }
                    (_, v) => said_in_initials(v, register),
                }
            }
        }
        _ => {}
    }
}

/// The author of the history entries a merge writes.
const MERGE_AUTHOR: &str = "gavel merge";

/// The board of the workspace a file is in (git runs the driver at the
/// top of the work tree; the workspace may be a folder of it).
pub(super) fn board_beside(path: &Path) -> Option<Board> {
    let folder = path.parent()?;
    let candidates =
        [folder.join(BOARD_FILE), folder.parent().map_or_else(|| BOARD_FILE.into(), |p| p.join(BOARD_FILE))];
    candidates.iter().find_map(|file| super::load_document::<Board>(file).ok().flatten())
}

fn typed<T: Serialize + DeserializeOwned + Versioned>(
    doc: Document,
    path: &Path,
    [base, ours, theirs]: [&[u8]; 3],
    now: crate::model::Timestamp,
    tidy: impl Fn(&mut T) -> Vec<String>,
) -> Result<MergedFile, String> {
    // Links are merged as identities: a side still holding initials (a
    // file of an older version, a hand edit) has them read with the
    // register beside the file and stored as the identities they name.
    let register = board_beside(path).map(|b| link::Directory::of(&b));
    let _register = link::in_force(register.clone());
    let read = |bytes: &[u8], side: &str| -> Result<serde_json::Value, String> {
        if bytes.iter().all(u8::is_ascii_whitespace) && side == "the common ancestor" {
            return Ok(serde_json::Value::Object(Default::default()));
        }
        let document: T = parse_document(path, bytes).map_err(|p| format!("{side}: {p}"))?;
        document.writing_own_links(|| link::writing_file(|| serde_json::to_value(&document))).map_err(|e| e.to_string())
    };
    let (b, o, t) = (
        read(base, "the common ancestor")?,
        read(ours, "this machine's version")?,
        read(theirs, "the other machine's version")?,
    );
    let mut merged = merge::merge(doc, &b, &o, &t, now);
    if let Some(register) = &register {
        said_in_initials(&mut merged.value, register);
        merged.report.iter_mut().for_each(|line| *line = register.relabel(line));
    }
    let mut document: T = serde_json::from_value(merged.value).map_err(|e| {
        format!("{}: the merged document does not hold together ({e}); nothing was merged", path.display())
    })?;
    // Its links within itself read back (a timer event's item by number),
    // as the tidy (the timer replayed) and the write expect.
    document.read_own_links();
    let mut report = merged.report;
    report.extend(tidy(&mut document));
    Ok(MergedFile { bytes: to_json(&document), report })
}
