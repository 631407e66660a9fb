//! The action log as a spreadsheet: CSV (RFC 4180, UTF-8 with a byte-order
//! mark so spreadsheets read it as UTF-8) or a Markdown table; and reading
//! such a spreadsheet back, all rows or none.

use super::import::{Row, read_stamp};
use crate::model::action::{RagContext, Raised, Update};
use crate::model::quickadd::{self, DateContext};
use crate::model::{Action, ActionLog, ActionStatus, Board, Deadline};
use chrono::NaiveDate;

pub const COLUMNS: [&str; 9] =
    ["Ref", "Action", "Owner", "Deadline", "Status", "RAG", "Raised at", "Updates", "Closed"];
/// The CSV's last column: each row's cells as exported, for the import (see `import`).
pub const EXPORTED: &str = "Exported";
const BOM: &str = "\u{feff}";

/// One action as the nine columns, in words a spreadsheet user reads;
/// controls shown as stand-ins (a sheet is read by people, and may be
/// printed to a terminal), line breaks kept.
pub fn row(action: &Action, ctx: &RagContext) -> [String; 9] {
    cells(action, ctx).map(|cell| crate::text::clean_keep_newlines(&cell))
}

fn cells(action: &Action, ctx: &RagContext) -> [String; 9] {
    let raised = action.raised.as_ref().map_or(String::new(), |r| match &r.item {
        Some(item) => format!("{} item {item}", r.meeting),
        None => r.meeting.to_string(),
    });
    let updates: Vec<String> = action.updates.iter().map(|u| format!("{}: {}", u.date, u.text)).collect();
    [
        action.reference.clone(),
        action.text.clone(),
        action.owners.join("/"),
        action.due.map_or(String::new(), |d| match d {
            Deadline::On(date) => date.to_string(),
            symbolic => symbolic.short(),
        }),
        action.status.label().to_string(),
        action.rag(ctx).word().to_string(),
        raised,
        updates.join("\n"),
        action.closed.map_or(String::new(), |d| d.to_string()),
    ]
}

/// A spreadsheet would run a cell starting with = + - @ as a formula; an
/// apostrophe in front keeps it text, and is taken off again on import. A
/// cell that itself starts with an apostrophe gets one too, so a real one
/// survives the round trip.
const GUARDED: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\''];

fn guard(cell: String) -> String {
    if cell.starts_with(GUARDED) { format!("'{cell}") } else { cell }
}

fn unguard(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(GUARDED) => rest,
        _ => cell,
    }
}

pub fn to_csv(log: &ActionLog, ctx: &RagContext) -> Vec<u8> {
    let mut sheet = Sheet::start(SheetFormat::Csv, Vec::new()).expect("writing to memory");
    sheet.rows(&log.actions, ctx).expect("writing to memory");
    sheet.finish().expect("writing to memory")
}

pub fn to_markdown(log: &ActionLog, ctx: &RagContext) -> String {
    let mut sheet = Sheet::start(SheetFormat::Markdown, Vec::new()).expect("writing to memory");
    sheet.rows(&log.actions, ctx).expect("writing to memory");
    String::from_utf8(sheet.finish().expect("writing to memory")).expect("the rows are text")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SheetFormat {
    Csv,
    Markdown,
}

/// The action log as a sheet, written a batch of rows at a time, so that
/// the archive's years can follow the log without all being in memory.
pub enum Sheet<W: std::io::Write> {
    Csv(Box<csv::Writer<W>>),
    Markdown(W),
}

impl<W: std::io::Write> Sheet<W> {
    /// The heading row (and, for CSV, the byte-order mark).
    pub fn start(format: SheetFormat, mut out: W) -> std::io::Result<Sheet<W>> {
        match format {
            SheetFormat::Csv => {
                out.write_all(BOM.as_bytes())?;
                let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(out);
                writer.write_record(COLUMNS.iter().chain([&EXPORTED]))?;
                Ok(Sheet::Csv(Box::new(writer)))
            }
            SheetFormat::Markdown => {
                write!(out, "| {} |\n|{}\n", COLUMNS.join(" | "), "---|".repeat(COLUMNS.len()))?;
                Ok(Sheet::Markdown(out))
            }
        }
    }

    pub fn rows(&mut self, actions: &[Action], ctx: &RagContext) -> std::io::Result<()> {
        for action in actions {
            let cells = row(action, ctx);
            match self {
                Sheet::Csv(writer) => {
                    let stamp = super::import::stamp(&cells);
                    writer.write_record(cells.map(guard).iter().chain([&stamp]))?;
                }
                Sheet::Markdown(out) => {
                    let cells: Vec<String> =
                        cells.iter().map(|c| super::markdown::escape(c).replace('\n', "<br>")).collect();
                    writeln!(out, "| {} |", cells.join(" | "))?;
                }
            }
        }
        Ok(())
    }

    pub fn finish(self) -> std::io::Result<W> {
        match self {
            Sheet::Csv(writer) => writer.into_inner().map_err(|e| e.into_error()),
            Sheet::Markdown(out) => Ok(out),
        }
    }
}

/// Reads a spreadsheet of actions. Every bad row is reported with its row
/// number (the header is row 1) and why; any bad row refuses the whole file.
/// Deadlines are read with the quick-add grammar in the board's date order
/// ("01.05.24", "April 2024", "30/04/2027"); `ctx.next_meeting` is ignored,
/// so "next meeting" stays as written.
pub fn from_csv(bytes: &[u8], board: &Board, ctx: &DateContext) -> Result<Vec<Row>, Vec<String>> {
    let ctx = DateContext { next_meeting: None, order: board.settings.date_order, ..*ctx };
    let text = std::str::from_utf8(bytes)
        .map_err(|e| vec![format!("the file is not UTF-8 text (byte {})", e.valid_up_to())])?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> =
        reader.headers().map_err(|e| vec![format!("row 1: {e}")])?.iter().map(|h| h.trim().to_string()).collect();
    let stamped = header.len() == COLUMNS.len() + 1 && header[COLUMNS.len()].eq_ignore_ascii_case(EXPORTED);
    let width = if stamped { COLUMNS.len() + 1 } else { COLUMNS.len() };
    if !header[..width.min(header.len())]
        .iter()
        .map(|h| h.to_lowercase())
        .eq(COLUMNS.iter().map(|c| c.to_lowercase()).chain(stamped.then(|| EXPORTED.to_lowercase())))
    {
        return Err(vec![format!(
            "row 1: expected the columns {}, {EXPORTED} (the last may be left out), found {}",
            COLUMNS.join(", "),
            header.join(", ")
        )]);
    }
    let mut actions = Vec::new();
    let mut problems = Vec::new();
    // Each ref's first row, to name both rows of a ref used twice.
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, record) in reader.records().enumerate() {
        let number = index + 2;
        let result = record.map_err(|e| e.to_string()).and_then(|record| {
            let cells: Vec<&str> = record.iter().map(unguard).collect();
            if cells.len() != width {
                return Err(format!("expected {width} cells, found {}", cells.len()));
            }
            let stamp = if stamped { read_stamp(cells[COLUMNS.len()])? } else { None };
            Ok((parse_row(&cells[..COLUMNS.len()], board, &ctx)?, stamp))
        });
        match result {
            Ok((action, stamp)) => {
                if let Some(first) = seen.get(&action.reference) {
                    problems.push(format!(
                        "row {number}: Ref {} is used twice (rows {first} and {number})",
                        action.reference
                    ));
                } else {
                    seen.insert(action.reference.clone(), number);
                }
                actions.push(Row { number, action, stamp });
            }
            Err(why) => problems.push(format!("row {number}: {why}")),
        }
    }
    if problems.is_empty() { Ok(actions) } else { Err(problems) }
}

fn date(column: &str, text: &str) -> Result<NaiveDate, String> {
    text.parse().map_err(|_| format!("{column}: {text:?} is not a date like 2022-03-03"))
}

fn parse_row(cells: &[&str], board: &Board, ctx: &DateContext) -> Result<Action, String> {
    let [reference, text, owners, deadline, status, _rag, raised, updates, closed] = cells else {
        unreachable!("checked: nine cells");
    };
    let reference = reference.trim();
    if reference.is_empty() {
        return Err("Ref is empty".into());
    }
    if text.trim().is_empty() {
        return Err("Action is empty".into());
    }
    let owners: Vec<String> = owners
        .split('/')
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|o| {
            // Initials, or a group's name as minutes give it ("All members").
            board
                .resolve_owner(o)
                .map(str::to_string)
                .map_err(|_| format!("Owner: {o:?} is not in the people register"))
        })
        .collect::<Result<_, _>>()?;
    let due = quickadd::read_deadline(deadline, ctx).map_err(|why| format!("Deadline: {why}"))?;
    let status = [ActionStatus::Open, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Dropped]
        .into_iter()
        .find(|s| s.label().eq_ignore_ascii_case(status.trim()))
        .ok_or_else(|| format!("Status: {:?} is not open, in progress, done or dropped", status.trim()))?;
    let raised = match raised.trim() {
        "" => None,
        r => {
            let (meeting, item) = match r.split_once(" item ") {
                Some((m, i)) => (m, Some(i.trim().to_string())),
                None => (r, None),
            };
            Some(Raised { meeting: date("Raised at", meeting.trim())?, item, at: None })
        }
    };
    let updates = updates
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let (d, text) = line
                .split_once(": ")
                .ok_or_else(|| format!("Updates: {line:?} is not like 2022-01-20: what happened"))?;
            Ok(Update { date: date("Updates", d.trim())?, text: text.to_string() })
        })
        .collect::<Result<_, String>>()?;
    let closed = match closed.trim() {
        "" => None,
        c => Some(date("Closed", c)?),
    };
    if closed.is_some() && !status.is_closed() {
        return Err("Closed: only a done or dropped action has a date closed".into());
    }
    Ok(Action {
        changes: vec![],
        id: crate::model::id::Id::fresh(),
        reference: reference.to_string(),
        text: text.to_string(),
        owners,
        due,
        status,
        raised,
        updates,
        closed,
    })
}
