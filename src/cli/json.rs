//! The `--json` shapes of `gavel actions`, `gavel add` and `gavel validate`.
//! Their field names are a promise to scripts (README lists them): add
//! fields, never rename or drop one.

use super::{INVALID, USAGE_OR_IO, load_failed};
use crate::model::{Action, Rag};
use crate::store::{self, FileProblem, LoadError};
use serde_json::{Value, json};
use std::io::{self, Write};
use std::path::Path;

/// One action: `ref`, `text`, `owners`, `due` (a date, "next meeting" or
/// null), `status`, `rag` (red, amber, unplanned, green, complete), `mark`
/// (the RAG's word, or "? no owner", "? no date" when unplanned), `raised`
/// (`meeting`, `item`, `at`, or null), `updates` (`date`, `text`), `closed`.
pub fn action(a: &Action, rag: Rag) -> Value {
    json!({
        "ref": a.reference,
        "text": a.text,
        "owners": a.owners,
        "due": a.due,
        "status": a.status,
        "rag": rag.word(),
        "mark": a.rag_mark(rag),
        "raised": a.raised.as_ref().map(|r| json!({"meeting": r.meeting, "item": r.item, "at": r.at})),
        "updates": a.updates.iter().map(|u| json!({"date": u.date, "text": u.text})).collect::<Vec<_>>(),
        "closed": a.closed,
    })
}

/// Every `--json` output is written through here (or `text::json`): no
/// control or bidi override leaves raw.
pub fn write(value: &Value, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{}", crate::text::json(value))
}

/// One problem: `file` (relative to the workspace), `line` and `column`
/// (from 1, or null), `path` (the JSON path, "" for the whole file), `message`.
fn problem(root: &Path, p: &FileProblem) -> Value {
    let file = p.file.strip_prefix(root).unwrap_or(&p.file);
    json!({
        "file": file.display().to_string(),
        "line": p.position.map(|(line, _)| line),
        "column": p.position.map(|(_, column)| column),
        "path": p.path,
        "message": p.message,
    })
}

/// `{"workspace", "valid", "problems": [...]}`; exit 1 when there are
/// problems. A directory that is not a workspace, or cannot be read, is
/// not a validation result: it goes to stderr as without --json.
pub fn validate(root: &Path, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let problems = match store::check_all(root) {
        Ok(_) => vec![],
        Err(LoadError::Invalid(problems)) => problems,
        Err(e) => return load_failed(err, &e),
    };
    let value = json!({
        "workspace": root.display().to_string(),
        "valid": problems.is_empty(),
        "problems": problems.iter().map(|p| problem(root, p)).collect::<Vec<_>>(),
    });
    match write(&value, out) {
        Err(_) => USAGE_OR_IO,
        Ok(()) if problems.is_empty() => 0,
        Ok(()) => INVALID,
    }
}
