//! `gavel history REF`: a record's history, every change saved to it, when,
//! by whom, from what to what and why. REF is what people say: an action's
//! or a risk's ref, a person's or group's initials, a meeting's date.

use super::{INVALID, fail, load_failed};
use crate::model::history::{Entry, entry_line};
use crate::model::{Board, Workspace};
use crate::store::{self, Years};
use crate::text::clean;
use std::io::Write;
use std::path::Path;

/// A record found by its label: what it is called, and its history.
struct Found {
    kind: &'static str,
    name: String,
    id: String,
    history: Vec<Entry>,
}

pub fn run(root: &Path, ws: &Workspace, reference: &str, json: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let found = match find(root, ws, reference.trim()) {
        Ok(Some(found)) => found,
        Ok(None) => {
            let why = format!(
                "no action, risk, person, group or meeting is called {:?}: give a ref (A5, R3), initials (GB) or a meeting's date (2026-12-08)",
                clean(reference)
            );
            return fail(err, INVALID, &why);
        }
        Err(e) => return load_failed(err, &e),
    };
    let written = if json { write_json(&found, out) } else { write_text(&found, &ws.board, out) };
    written.map_or(super::USAGE_OR_IO, |()| 0)
}

fn find(root: &Path, ws: &Workspace, reference: &str) -> Result<Option<Found>, store::LoadError> {
    let found = |kind, name: String, id: &crate::model::id::Id, history: &[Entry]| {
        Some(Found { kind, name, id: id.to_string(), history: history.to_vec() })
    };
    if let Some(a) = ws.actions.actions.iter().find(|a| a.reference.eq_ignore_ascii_case(reference)) {
        return Ok(found("action", format!("{} · {}{}", a.reference, a.text, raised_at(ws, a)), &a.id, &a.changes));
    }
    if let Some(r) = ws.risks.risks.iter().find(|r| r.reference.eq_ignore_ascii_case(reference)) {
        return Ok(found("risk", format!("{} · {}", r.reference, r.title), &r.id, &r.changes));
    }
    if let Some(p) = ws.board.people.iter().find(|p| p.initials.eq_ignore_ascii_case(reference)) {
        return Ok(found("person", format!("{} · {}", p.initials, p.name), &p.id, &p.changes));
    }
    if let Some(g) = ws.board.groups.iter().find(|g| g.initials.eq_ignore_ascii_case(reference)) {
        return Ok(found("group", format!("{} · {}", g.initials, g.name), &g.id, &g.changes));
    }
    if let Ok(date) = reference.parse::<chrono::NaiveDate>() {
        let meeting = store::load_document::<crate::model::Meeting>(&store::meeting_file(root, date))?;
        return Ok(meeting
            .and_then(|m| found("meeting", format!("{} · {}", date.format("%-d %B %Y"), m.title), &m.id, &m.changes)));
    }
    // An action closed in an earlier year, in the archive.
    let archived = store::archived_matching(root, &ws.board, Years::NewestFirst, &ws.actions, |a| {
        a.reference.eq_ignore_ascii_case(reference)
    })?;
    Ok(archived.first().and_then(|a| {
        found("action", format!("{} · {}{} (archived)", a.reference, a.text, raised_at(ws, a)), &a.id, &a.changes)
    }))
}

/// " · raised 8 Dec 2026, item 5": where an action was raised, its item
/// by the number it bears now when its meeting is read.
fn raised_at(ws: &Workspace, action: &crate::model::Action) -> String {
    let Some(raised) = &action.raised else { return String::new() };
    let item = ws.raised_number(raised).map_or(String::new(), |n| format!(", item {n}"));
    format!(" · raised {}{item}", raised.meeting.format("%-d %b %Y"))
}

fn write_text(found: &Found, board: &Board, out: &mut impl Write) -> std::io::Result<()> {
    writeln!(out, "{}", clean(&found.name))?;
    if found.history.is_empty() {
        return writeln!(out, "  no changes kept yet: changes are kept from this version of gavel on (schema 2)");
    }
    let zone = board.zone();
    for entry in &found.history {
        writeln!(out, "  {}", clean(&entry_line(entry, &zone)))?;
    }
    Ok(())
}

fn write_json(found: &Found, out: &mut impl Write) -> std::io::Result<()> {
    let value = serde_json::json!({
        "kind": found.kind,
        "record": found.name,
        "id": found.id,
        "changes": found.history,
    });
    super::json::write(&value, out)
}
