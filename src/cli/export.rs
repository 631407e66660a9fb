//! `gavel export minutes|actions` and `gavel import actions`.

use super::{ActionsFormat, INVALID, MinutesFormat, USAGE_OR_IO, fail};
use crate::export::{self, Minutes};
use crate::model::{MeetingState, Timestamp, Workspace};
use crate::store;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// Writes the document to `-o FILE` (atomically) or standard output.
fn deliver(bytes: &[u8], output: Option<&Path>, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match output {
        Some(path) => match store::write_atomic(path, bytes) {
            Ok(()) => {
                let _ = writeln!(out, "wrote {}", path.display());
                0
            }
            Err(e) => fail(err, USAGE_OR_IO, &format!("cannot write {}: {e}", path.display())),
        },
        None => out.write_all(bytes).map_or(USAGE_OR_IO, |()| 0),
    }
}

pub fn minutes(
    ws: &Workspace,
    date: Option<NaiveDate>,
    format: MinutesFormat,
    output: Option<&Path>,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let meeting = match date {
        Some(date) => ws.meetings.iter().find(|m| m.date == date),
        // The latest meeting held, else the latest of all.
        None => ws
            .meetings
            .iter()
            .rev()
            .find(|m| MeetingState::of(m) != MeetingState::Planned)
            .or_else(|| ws.meetings.last()),
    };
    let Some(meeting) = meeting else {
        let known: Vec<String> = ws.meetings.iter().map(|m| m.date.to_string()).collect();
        let which = date.map_or("no meetings".to_string(), |d| format!("no meeting on {d}"));
        return fail(err, INVALID, &format!("there is {which}; meetings: {}", known.join(", ")));
    };
    let minutes = Minutes::of(ws, meeting, now);
    let text = match format {
        MinutesFormat::Md => export::minutes_markdown(&minutes),
        MinutesFormat::Html => export::minutes_html(&minutes),
    };
    deliver(text.as_bytes(), output, out, err)
}

pub fn actions(
    ws: &Workspace,
    format: ActionsFormat,
    output: Option<&Path>,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let ctx = ws.rag_context(now.date_naive());
    let bytes = match format {
        ActionsFormat::Csv => export::actions::to_csv(&ws.actions, &ctx),
        ActionsFormat::Md => export::actions::to_markdown(&ws.actions, &ctx).into_bytes(),
    };
    deliver(&bytes, output, out, err)
}

pub fn import_actions(
    root: &Path,
    ws: &Workspace,
    file: &Path,
    today: chrono::NaiveDate,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => return fail(err, USAGE_OR_IO, &format!("cannot read {}: {e}", file.display())),
    };
    let imported = match export::actions::from_csv(&bytes, &ws.board, &ws.date_context(today)) {
        Ok(actions) => actions,
        Err(problems) => {
            for problem in &problems {
                let _ = writeln!(err, "gavel: {}: {problem}", file.display());
            }
            return fail(err, INVALID, &format!("{} bad row(s): nothing was imported", problems.len()));
        }
    };
    let rows = imported.len();
    match store::modify_actions(root, |log| Ok(export::actions::merge(log, imported))) {
        Ok(((added, updated), _)) => {
            let _ = writeln!(out, "imported {rows} actions from {}: {added} new, {updated} updated", file.display());
            0
        }
        Err(e) => fail(err, USAGE_OR_IO, &e.to_string()),
    }
}
