//! The action log as a spreadsheet: CSV (RFC 4180, UTF-8 with a byte-order
//! mark so spreadsheets read it as UTF-8) or a Markdown table (reading one
//! back is `sheet`'s).

use crate::model::action::RagContext;
use crate::model::{Action, ActionLog, Deadline};

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
        action.rag_mark(action.rag(ctx)),
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

pub(crate) fn guard(cell: String) -> String {
    if cell.starts_with(GUARDED) { format!("'{cell}") } else { cell }
}

pub(super) fn unguard(cell: &str) -> &str {
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
