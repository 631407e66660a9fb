//! `gavel export agenda [DATE]` and `gavel export pack DATE -o FILE`: the
//! meeting to use, the papers read from papers/DATE/, warnings on stderr.

use super::export::{Target, deliver};
use super::{AgendaFormat, Context, INVALID, USAGE_OR_IO, fail, load_failed};
use crate::export::agenda::{self, Agenda};
use crate::export::pdf::{PaperFile, Parts, Supplied};
use crate::model::minutes::Minutes;
use crate::model::{Timestamp, Workspace};
use crate::store;
use crate::text::{clean, clean_path};
use chrono::NaiveDate;
use std::io::Write;
use std::path::Path;

/// `gavel export agenda`: a meeting named is read with the next; else the
/// recent meetings, the next planned among them.
pub fn run_agenda(
    root: &Path,
    (date, format, output): (Option<NaiveDate>, AgendaFormat, Option<&Path>),
    context: &Context,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    if matches!(format, AgendaFormat::Pdf) && output.is_none() && context.terminal {
        return fail(err, USAGE_OR_IO, "a PDF agenda is a binary file, not for the terminal: add -o agenda.pdf");
    }
    match store::after_any_sync(root, || store::load_minutes(root, date)) {
        Ok(ws) => {
            let now = ws.board.zone().at(context.now);
            agenda(&ws, (date, format), Target::of(output, context.terminal), now, out, err)
        }
        Err(e) => load_failed(err, &e),
    }
}

/// `gavel export pack`: the whole workspace is read (the meeting, the one
/// before, the log and the risks).
pub fn run_pack(
    root: &Path,
    date: NaiveDate,
    output: &Path,
    context: &Context,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let target = Target::of(Some(output), context.terminal);
    if matches!(target, Target::Stdout { terminal: true }) {
        return fail(err, USAGE_OR_IO, "the pack is a PDF, not for the terminal: name a file, -o pack.pdf");
    }
    match store::after_any_sync(root, || store::load(root)) {
        Ok(ws) => {
            let now = ws.board.zone().at(context.now);
            pack(root, &ws, date, target, now, out, err)
        }
        Err(e) => load_failed(err, &e),
    }
}

/// The agenda of the meeting on `date`, else of the next meeting planned.
fn agenda(
    ws: &Workspace,
    (date, format): (Option<NaiveDate>, AgendaFormat),
    target: Target,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let date = date.or_else(|| ws.next_meeting_date(now.date_naive()));
    let Some(meeting) = date.and_then(|d| ws.meetings.iter().find(|m| m.date == d)) else {
        let why = match date {
            Some(d) => format!("there is no meeting on {d}: `gavel meeting list` shows them"),
            None => "no meeting is planned from today: name one, gavel export agenda DATE".into(),
        };
        return fail(err, INVALID, &why);
    };
    let a = Agenda::of(ws, meeting);
    let bytes = match format {
        AgendaFormat::Md => agenda::markdown(&a).into_bytes(),
        AgendaFormat::Html => agenda::html(&a).into_bytes(),
        AgendaFormat::Pdf => match crate::export::pdf::agenda(&a) {
            Ok(bytes) => bytes,
            Err(why) => return fail(err, USAGE_OR_IO, &format!("cannot make the PDF: {why}")),
        },
    };
    deliver(&bytes, target, out, err)
}

/// The board pack of the meeting on `date`, its papers from `papers/DATE/`.
fn pack(
    root: &Path,
    ws: &Workspace,
    date: NaiveDate,
    target: Target,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let Some(meeting) = ws.meetings.iter().find(|m| m.date == date) else {
        return fail(err, INVALID, &format!("there is no meeting on {date}: `gavel meeting list` shows them"));
    };
    let previous = ws.meetings.iter().filter(|m| m.date < date).max_by_key(|m| m.date);
    let folder = root.join("papers").join(date.to_string());
    let (papers, unnamed) = match read_papers(&folder, meeting) {
        Ok(found) => found,
        Err(why) => return fail(err, USAGE_OR_IO, &format!("cannot read {}: {why}", clean_path(&folder))),
    };
    for name in &unnamed {
        let _ = writeln!(err, "gavel: warning: papers/{date}/{name} is not named by the agenda: not included");
    }
    let parts = Parts {
        ws,
        meeting,
        previous: previous.map(|m| Minutes::for_meeting(ws, m, now)),
        papers,
        unnamed,
        today: now.date_naive(),
    };
    let (bytes, warnings) = match crate::export::pdf::pack(&parts) {
        Ok(made) => made,
        Err(why) => return fail(err, USAGE_OR_IO, &format!("cannot make the pack: {why}")),
    };
    for warning in &warnings {
        let _ = writeln!(err, "gavel: warning: {}", clean(warning));
    }
    deliver(&bytes, target, out, err)
}

/// Each paper the agenda names (once, in agenda order) as found in
/// `folder`, and the files there that no item names. A paper's file is
/// found by comparing names, never by building a path from the workspace's text.
fn read_papers(folder: &Path, meeting: &crate::model::Meeting) -> std::io::Result<(Vec<Supplied>, Vec<String>)> {
    let files: Vec<(String, std::path::PathBuf)> = match std::fs::read_dir(folder) {
        Ok(entries) => entries
            .filter_map(Result::ok)
            .filter(|e| e.path().is_file())
            .map(|e| (e.file_name().to_string_lossy().into_owned(), e.path()))
            .collect(),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e),
    };
    let stem = |name: &str| name.rsplit_once('.').map_or(name, |(s, _)| s).to_lowercase();
    let mut papers: Vec<Supplied> = Vec::new();
    for item in &meeting.agenda {
        for number in &item.papers {
            if papers.iter().any(|p| p.number.eq_ignore_ascii_case(number)) {
                continue;
            }
            let pdf = files.iter().find(|(name, _)| name.eq_ignore_ascii_case(&format!("{number}.pdf")));
            let file = match pdf {
                Some((_, path)) => PaperFile::Pdf(std::fs::read(path)?),
                None => match files.iter().find(|(name, _)| stem(name) == number.to_lowercase()) {
                    Some((name, _)) => PaperFile::NotPdf(clean(name).into_owned()),
                    None => PaperFile::Missing,
                },
            };
            papers.push(Supplied { number: number.clone(), item: format!("{}. {}", item.number, item.title), file });
        }
    }
    let named = |name: &str| papers.iter().any(|p| stem(name) == p.number.to_lowercase());
    let mut unnamed: Vec<String> =
        files.iter().filter(|(name, _)| !named(name)).map(|(name, _)| clean(name).into_owned()).collect();
    unnamed.sort();
    Ok((papers, unnamed))
}
