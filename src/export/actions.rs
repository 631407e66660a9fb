//! The action log as a spreadsheet: CSV (RFC 4180, UTF-8 with a byte-order
//! mark so spreadsheets read it as UTF-8) or a Markdown table; and reading
//! such a spreadsheet back, all rows or none.

use crate::model::action::{RagContext, Raised, Update};
use crate::model::{Action, ActionLog, ActionStatus, Board, Deadline, Rag};
use chrono::NaiveDate;

pub const COLUMNS: [&str; 9] =
    ["Ref", "Action", "Owner", "Deadline", "Status", "RAG", "Raised at", "Updates", "Closed"];
const BOM: &str = "\u{feff}";

fn rag_word(rag: Rag) -> &'static str {
    match rag {
        Rag::Red => "red",
        Rag::Amber => "amber",
        Rag::Green => "green",
        Rag::Complete => "complete",
    }
}

/// One action as the nine columns, in words a spreadsheet user reads.
fn row(action: &Action, ctx: &RagContext) -> [String; 9] {
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
            Deadline::NextMeeting => "next meeting".into(),
        }),
        action.status.label().to_string(),
        rag_word(action.rag(ctx)).to_string(),
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
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::CRLF).from_writer(BOM.as_bytes().to_vec());
    writer.write_record(COLUMNS).expect("writing to memory");
    for action in &log.actions {
        writer.write_record(row(action, ctx).map(guard)).expect("writing to memory");
    }
    writer.into_inner().expect("writing to memory")
}

pub fn to_markdown(log: &ActionLog, ctx: &RagContext) -> String {
    let mut out = format!("| {} |\n|{}\n", COLUMNS.join(" | "), "---|".repeat(COLUMNS.len()));
    for action in &log.actions {
        let cells: Vec<String> =
            row(action, ctx).iter().map(|c| super::markdown::escape(c).replace('\n', "<br>")).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out
}

/// Reads a spreadsheet of actions. Every bad row is reported with its row
/// number (the header is row 1) and why; any bad row refuses the whole file.
pub fn from_csv(bytes: &[u8], board: &Board) -> Result<Vec<Action>, Vec<String>> {
    let text = std::str::from_utf8(bytes)
        .map_err(|e| vec![format!("the file is not UTF-8 text (byte {})", e.valid_up_to())])?;
    let text = text.strip_prefix(BOM).unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(text.as_bytes());
    let header: Vec<String> =
        reader.headers().map_err(|e| vec![format!("row 1: {e}")])?.iter().map(|h| h.trim().to_string()).collect();
    if !header.iter().map(|h| h.to_lowercase()).eq(COLUMNS.iter().map(|c| c.to_lowercase())) {
        return Err(vec![format!("row 1: expected the columns {}, found {}", COLUMNS.join(", "), header.join(", "))]);
    }
    let mut actions = Vec::new();
    let mut problems = Vec::new();
    let mut seen: Vec<(String, usize)> = Vec::new();
    for (index, record) in reader.records().enumerate() {
        let number = index + 2;
        let result = record.map_err(|e| e.to_string()).and_then(|record| {
            let cells: Vec<&str> = record.iter().map(unguard).collect();
            if cells.len() != COLUMNS.len() {
                return Err(format!("expected {} cells, found {}", COLUMNS.len(), cells.len()));
            }
            parse_row(&cells, board)
        });
        match result {
            Ok(action) => {
                if let Some((_, first)) = seen.iter().find(|(r, _)| *r == action.reference) {
                    problems.push(format!(
                        "row {number}: Ref {} is used twice (rows {first} and {number})",
                        action.reference
                    ));
                }
                seen.push((action.reference.clone(), number));
                actions.push(action);
            }
            Err(why) => problems.push(format!("row {number}: {why}")),
        }
    }
    if problems.is_empty() { Ok(actions) } else { Err(problems) }
}

fn date(column: &str, text: &str) -> Result<NaiveDate, String> {
    text.parse().map_err(|_| format!("{column}: {text:?} is not a date like 2022-03-03"))
}

fn parse_row(cells: &[&str], board: &Board) -> Result<Action, String> {
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
            let all = board.people.iter().map(|p| &p.initials).chain(board.groups.iter().map(|g| &g.initials));
            let mut all = all;
            all.find(|i| i.eq_ignore_ascii_case(o))
                .cloned()
                .ok_or_else(|| format!("Owner: {o:?} is not in the people register"))
        })
        .collect::<Result<_, _>>()?;
    let due = match deadline.trim() {
        "" => None,
        d if d.eq_ignore_ascii_case("next meeting") => Some(Deadline::NextMeeting),
        d => Some(Deadline::On(
            d.parse().map_err(|_| format!("Deadline: {d:?} is not a date like 2022-03-03 or next meeting"))?,
        )),
    };
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

/// Puts imported actions into the log: a ref already there is updated
/// (keeping when it was raised, if the meeting and item are the same), a
/// new ref is added. Returns (added, updated).
pub fn merge(log: &mut ActionLog, imported: Vec<Action>) -> (usize, usize) {
    let (mut added, mut updated) = (0, 0);
    for mut action in imported {
        match log.actions.iter_mut().find(|a| a.reference == action.reference) {
            Some(existing) => {
                if let (Some(old), Some(new)) = (&existing.raised, &mut action.raised)
                    && old.meeting == new.meeting
                    && old.item == new.item
                {
                    new.at = old.at;
                }
                *existing = action;
                updated += 1;
            }
            None => {
                log.actions.push(action);
                added += 1;
            }
        }
    }
    (added, updated)
}
