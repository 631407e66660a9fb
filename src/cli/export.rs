//! `gavel export minutes|actions|calendar`.

use super::{ActionsFormat, INVALID, MinutesFormat, USAGE_OR_IO, fail};
use crate::export::{self, Minutes};
use crate::model::{MeetingState, Timestamp, Workspace};
use crate::store;
use crate::text::clean_path;
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// Where an export goes: `-o FILE`, or standard output (no `-o`, or `-o -`),
/// which may be a terminal.
#[derive(Debug, Clone, Copy)]
pub enum Target<'a> {
    File(&'a Path),
    Stdout { terminal: bool },
}

impl<'a> Target<'a> {
    pub fn of(output: Option<&'a Path>, terminal: bool) -> Target<'a> {
        match output.filter(|p| *p != Path::new("-")) {
            Some(path) => Target::File(path),
            None => Target::Stdout { terminal },
        }
    }
}

/// Writes the document to its target. A file is only ever replaced by a
/// regular file, through a temporary file and a rename; a device, FIFO,
/// socket or link there is refused, and the target is never opened, so a
/// FIFO cannot make gavel wait.
pub(super) fn deliver(bytes: &[u8], target: Target, out: &mut impl Write, err: &mut impl Write) -> u8 {
    deliver_by(target, out, err, |w| w.write_all(bytes))
}

/// `deliver` for what is written a part at a time: into the temporary
/// file, which replaces the target only if every part was written.
/// A terminal is sent the document as terminal text (`text::for_terminal`):
/// an action's OSC 52 or `ESC[2J` is shown, never run.
fn deliver_by(
    target: Target,
    out: &mut impl Write,
    err: &mut impl Write,
    write: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> u8 {
    match target {
        Target::File(path) => {
            let shown = clean_path(path);
            if let Some(why) = not_a_file(path) {
                return fail(
                    err,
                    USAGE_OR_IO,
                    &format!("will not write to {shown}: it is {why}; name a regular file, or - for standard output"),
                );
            }
            let written = store::write_atomic_by(path, |file| {
                let mut buffered = std::io::BufWriter::new(file);
                write(&mut buffered)?;
                buffered.flush()
            });
            match written {
                Ok(()) => {
                    let _ = writeln!(out, "wrote {shown}");
                    0
                }
                Err(e) if store::refused_read_only(&e) => fail(err, INVALID, &format!("{e}: {shown} is as it was")),
                Err(e) => fail(err, USAGE_OR_IO, &format!("cannot write {shown}: {e}; it is as it was")),
            }
        }
        Target::Stdout { terminal: false } => write(out).map_or(USAGE_OR_IO, |()| 0),
        Target::Stdout { terminal: true } => {
            let mut document = Vec::new();
            let shown = write(&mut document).and_then(|()| {
                out.write_all(crate::text::for_terminal(&String::from_utf8_lossy(&document)).as_bytes())
            });
            shown.map_or(USAGE_OR_IO, |()| 0)
        }
    }
}

/// What is at `path` if it is there and not a regular file.
fn not_a_file(path: &Path) -> Option<&'static str> {
    use std::os::unix::fs::FileTypeExt;
    let kind = std::fs::symlink_metadata(path).ok()?.file_type();
    Some(if kind.is_file() {
        return None;
    } else if kind.is_symlink() {
        "a symbolic link"
    } else if kind.is_dir() {
        "a directory"
    } else if kind.is_fifo() {
        "a FIFO (named pipe)"
    } else if kind.is_socket() {
        "a socket"
    } else if kind.is_char_device() || kind.is_block_device() {
        "a device"
    } else {
        "not a regular file"
    })
}

/// `known`: every meeting's date (from the file names), for the message
/// when the one asked for is not there; `ws` holds only the meetings needed.
#[allow(clippy::too_many_arguments)] // what, from where, to where: each is one of the command's own
pub fn minutes(
    ws: &Workspace,
    known: &[NaiveDate],
    date: Option<NaiveDate>,
    format: MinutesFormat,
    target: Target,
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
        let which = date.map_or("no meetings".to_string(), |d| format!("no meeting on {d}"));
        return fail(err, INVALID, &format!("there is {which}{}", nearest_meetings(known, date)));
    };
    let minutes = Minutes::for_meeting(ws, meeting, now);
    let bytes = match format {
        MinutesFormat::Md => export::minutes_markdown(&minutes).into_bytes(),
        MinutesFormat::Html => export::minutes_html(&minutes).into_bytes(),
        MinutesFormat::Docx => export::minutes_docx(&minutes),
        MinutesFormat::Pdf => match export::pdf::minutes(&minutes) {
            Ok(bytes) => bytes,
            Err(why) => return fail(err, USAGE_OR_IO, &format!("cannot make the PDF: {why}")),
        },
    };
    deliver(&bytes, target, out, err)
}

/// The action log as a sheet; with `archive` (the workspace), the closed
/// actions of past years after it, the most recent year first, read a year
/// at a time. A broken archive file leaves the target file as it was.
pub fn actions(
    ws: &Workspace,
    archive: Option<&Path>,
    format: ActionsFormat,
    target: Target,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let ctx = ws.rag_context(now.date_naive());
    let format = match format {
        ActionsFormat::Csv => export::actions::SheetFormat::Csv,
        ActionsFormat::Md => export::actions::SheetFormat::Markdown,
    };
    let mut broken = None;
    let code = deliver_by(target, out, err, |w| {
        let mut sheet = export::actions::Sheet::start(format, w)?;
        sheet.rows(&ws.actions.actions, &ctx)?;
        if let Some(root) = archive {
            let live: std::collections::HashSet<&str> =
                ws.actions.actions.iter().map(|a| a.reference.as_str()).collect();
            for year in store::archived_actions(root, &ws.board, store::Years::NewestFirst) {
                let (_, mut actions) = year.map_err(|e| {
                    let why = std::io::Error::other("the archive is broken (see below)");
                    broken = Some(e);
                    why
                })?;
                actions.retain(|a| !live.contains(a.reference.as_str()));
                sheet.rows(&actions, &ctx)?;
            }
        }
        sheet.finish().map(drop)
    });
    match broken {
        Some(e) => super::load_failed(err, &e),
        None => code,
    }
}

pub fn calendar(
    ws: &Workspace,
    (owner, deadlines): (Option<&str>, export::calendar::Deadlines),
    target: Target,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let owner = match owner.map(|o| ws.board.resolve_owner(o)).transpose() {
        Ok(owner) => owner,
        Err(why) => return fail(err, INVALID, &why),
    };
    let filter = export::calendar::CalendarFilter { owner, deadlines };
    deliver(&export::calendar::to_ics(ws, &filter, now), target, out, err)
}

/// "; the nearest meetings: 2024-05-09, 2024-05-23 (gavel meeting list has
/// all 2,500)": the few either side of the date asked for, not a century.
fn nearest_meetings(known: &[NaiveDate], date: Option<NaiveDate>) -> String {
    if known.is_empty() {
        return String::new();
    }
    let at = date.map_or(known.len(), |d| known.partition_point(|k| *k < d));
    let near = &known[at.saturating_sub(2)..(at + 2).min(known.len())];
    let near: Vec<String> = near.iter().map(ToString::to_string).collect();
    let all = if known.len() > near.len() {
        format!(" (gavel meeting list has all {})", store::thousands(known.len()))
    } else {
        String::new()
    };
    format!("; the nearest meetings: {}{all}", near.join(", "))
}
