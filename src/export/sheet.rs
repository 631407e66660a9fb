//! A spreadsheet of actions as people keep it, read: the encoding (UTF-8
//! with or without a byte-order mark, UTF-16, Windows-1252) and the
//! separator (`,` `;` tab) found from the bytes, the columns mapped by
//! their headers (the export's and the usual synonyms), empty rows and
//! columns skipped, every date read with the quick-add grammar in the
//! board's date order. Each row is good or bad on its own.

use super::encoding;
use super::import::{Row, Stamp, read_stamp};
use crate::model::action::{Raised, Update};
use crate::model::quickadd::columns::{self, Column, map_header};
use crate::model::quickadd::{self, DateContext};
use crate::model::{Action, ActionLog, ActionStatus, Board, Deadline};
use chrono::NaiveDate;
use std::collections::HashMap;
use std::io::{Read, Seek};

/// What a sheet holds: its good rows, its bad ones (a sentence each,
/// with the row number), and what was noticed about the whole.
#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<Row>,
    pub bad: Vec<String>,
    /// "read as Windows-1252 text, separated by ;", "columns not read: Item".
    pub notes: Vec<String>,
}

/// The separator that makes the header row name the most columns.
fn separator(text: &str) -> u8 {
    let header = text.lines().find(|l| !l.trim().is_empty()).unwrap_or("");
    let named = |sep: u8| {
        let cells: Vec<String> = header.split(char::from(sep)).map(str::to_string).collect();
        (map_header(&cells).iter().flatten().count(), cells.len())
    };
    [b',', b';', b'\t'].into_iter().max_by_key(|&s| named(s)).unwrap_or(b',')
}

/// What a row needs from the workspace: the board, dates as typed today,
/// the log (to put back a ref a spreadsheet turned into a date), and where
/// an action imported now is raised.
pub struct Context<'a> {
    pub board: &'a Board,
    pub dates: DateContext,
    pub log: &'a ActionLog,
    pub raised: Option<Raised>,
    /// The meetings read: a "Raised at" column's item number is linked to
    /// the item it names there (`Raised::numbered`).
    pub meetings: &'a [crate::model::Meeting],
}

/// Reads a spreadsheet of actions held in memory, all at once.
pub fn read(bytes: &[u8], cx: &Context) -> Sheet {
    let mut sheet = Sheet::default();
    let notes = read_each(std::io::Cursor::new(bytes), cx, |row| match row {
        Ok(row) => sheet.rows.push(row),
        Err(why) => sheet.bad.push(why),
    });
    match notes {
        Ok(notes) => sheet.notes = notes,
        Err(e) => sheet.bad.push(e.to_string()),
    }
    sheet
}

/// Reads a spreadsheet of actions a row at a time, handing each row to
/// `each` as it is read: good, or bad with a sentence that names it. Row
/// numbers are as a spreadsheet shows them (the header is row 1). What is
/// kept meanwhile is the header and the refs seen (a ref used twice is a
/// bad row); the notes on the whole sheet come back at the end.
pub fn read_each(
    file: impl Read + Seek,
    cx: &Context,
    mut each: impl FnMut(Result<Row, String>),
) -> std::io::Result<Vec<String>> {
    let opened = encoding::open(file)?;
    let (encoding, sep) = (opened.encoding, separator(&opened.head));
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sep).from_reader(opened.bytes);
    let mut record = csv::ByteRecord::new();
    let mut number = 0;
    let mut next = |record: &mut csv::ByteRecord| -> std::io::Result<Option<usize>> {
        number += 1;
        match reader.read_byte_record(record) {
            Ok(more) => Ok(more.then_some(number)),
            Err(e) => Err(std::io::Error::other(e)),
        }
    };
    let header = loop {
        let Some(_) = next(&mut record)? else {
            each(Err("the file has no rows".into()));
            return Ok(Vec::new());
        };
        let cells: Vec<String> = record.iter().map(|c| encoding.cell(c).trim().to_string()).collect();
        if !cells.iter().all(String::is_empty) {
            break cells;
        }
    };
    let columns = map_header(&header);
    if !columns.contains(&Some(Column::Action)) {
        let found = header.iter().filter(|h| !h.is_empty()).cloned().collect::<Vec<_>>().join(", ");
        each(Err(format!(
            "row 1: no column headed Action (or Description, Item, Task): found {found}; the header row names the columns, e.g. Ref, Action, Owner, Deadline, Status"
        )));
        return Ok(Vec::new());
    }
    let at = |c: Column| columns.iter().position(|x| *x == Some(c));
    let mut seen = Seen::default();
    while let Some(number) = next(&mut record)? {
        let cells: Vec<String> =
            record.iter().map(|c| super::actions::unguard(encoding.cell(c).trim()).to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let cell = |c: Column| at(c).map(|i| cells.get(i).map_or("", String::as_str));
        let row = read_row(&cell, cx).and_then(|mut row| {
            row.number = number;
            seen.first(&row.action.reference, number)?;
            Ok(row)
        });
        each(row.map_err(|why| format!("row {number}: {why}")));
    }
    Ok(notes_on(&header, &columns, encoding.name(), sep))
}

/// The refs of the rows read so far, with the row each was first on: the
/// one thing a long sheet's reading keeps a little of for every row. A ref
/// of up to 15 bytes (nearly all) is kept in place, 20 bytes with its row
/// number; a longer one as a string.
#[derive(Default)]
struct Seen {
    short: HashMap<[u8; 16], u32>,
    long: HashMap<String, u32>,
}

impl Seen {
    /// Notes the row's ref; `Err` when an earlier row has it.
    fn first(&mut self, reference: &str, number: usize) -> Result<(), String> {
        if reference.is_empty() {
            return Ok(());
        }
        let number = u32::try_from(number).unwrap_or(u32::MAX);
        let earlier = match reference.len() {
            // Padded with zeros, its length last: "A1" and "A1\0" differ.
            len @ ..=15 => {
                let mut key = [0; 16];
                key[..len].copy_from_slice(reference.as_bytes());
                key[15] = len as u8;
                *self.short.entry(key).or_insert(number)
            }
            _ => *self.long.entry(reference.to_string()).or_insert(number),
        };
        match earlier == number {
            true => Ok(()),
            false => Err(format!("Ref {reference} is used twice (rows {earlier} and {number})")),
        }
    }
}

/// "read as Windows-1252 text, cells separated by semicolons" (when not the
/// export's own UTF-8 and commas), and the columns gavel does not read.
fn notes_on(header: &[String], columns: &[Option<Column>], encoding: &str, sep: u8) -> Vec<String> {
    let mut notes = Vec::new();
    let sep_name = match sep {
        b'\t' => "tabs",
        b';' => "semicolons",
        _ => "commas",
    };
    if (encoding, sep) != ("UTF-8", b',') {
        notes.push(format!("read as {encoding} text, cells separated by {sep_name}"));
    }
    let unread: Vec<&str> =
        header.iter().zip(columns).filter(|(h, c)| c.is_none() && !h.is_empty()).map(|(h, _)| h.as_str()).collect();
    if !unread.is_empty() {
        notes.push(format!("columns not read: {}", unread.join(", ")));
    }
    notes
}

/// One row's cells as an action, with what looks wrong about it.
fn read_row<'c>(cell: &dyn Fn(Column) -> Option<&'c str>, cx: &Context) -> Result<Row, String> {
    let stamp = cell(Column::Exported).map(read_stamp).transpose()?.flatten();
    let reference = restore_ref(cell(Column::Ref).unwrap_or(""), stamp.as_ref(), cx)?;
    let mut warnings = reference.1.into_iter().collect::<Vec<_>>();
    let text = cell(Column::Action).unwrap_or("").trim();
    if text.is_empty() {
        return Err("Action is empty".into());
    }
    let (owner_cell, due_cell) = (cell(Column::Owner), cell(Column::Deadline));
    // With both columns the text is kept as written; else it is read for what they lack.
    let verbatim = owner_cell.is_some() && due_cell.is_some();
    let reading = match columns::read_cells(text, owner_cell, due_cell, cx.board, &cx.dates) {
        Err(why) if verbatim && !why.starts_with("Owner:") && !why.starts_with("Deadline:") => {
            columns::read_cells("action", owner_cell, due_cell, cx.board, &cx.dates)?
        }
        reading => reading?,
    };
    // As quick-add warns: look-alike letters and a blank owner (a past deadline is history here).
    let said = |w: &&String| w.contains("look-alike") || w.starts_with("no owner");
    warnings.extend(reading.warnings.iter().filter(said).cloned());
    let text = if verbatim { text.to_string() } else { reading.draft.text.clone() };
    let status = status(cell(Column::Status).unwrap_or(""))?;
    let closed = cell(Column::Closed).map(|c| date("Closed", c, cx)).transpose()?.flatten();
    let status = match status {
        None if closed.is_some() => ActionStatus::Done,
        None => ActionStatus::Open,
        Some(status) => status,
    };
    if closed.is_some() && !status.is_closed() {
        return Err("Closed: only a done or dropped action has a date closed".into());
    }
    let raised = match cell(Column::Raised).unwrap_or("").trim() {
        "" => cx.raised.clone(),
        r => {
            let (meeting, item) = match r.split_once(" item ") {
                Some((m, i)) => (m, Some(i.trim().to_string())),
                None => (r, None),
            };
            let meeting = date("Raised at", meeting, cx)?.ok_or("Raised at: no date")?;
            Some(Raised::numbered(meeting, item, cx.meetings.iter().find(|m| m.date == meeting)))
        }
    };
    let updates = cell(Column::Updates).map_or(Ok(vec![]), |c| updates(c, cx))?;
    let mut action = Action::new(reference.0, reading.draft, raised);
    action.text = text;
    action.status = status;
    action.closed = closed;
    action.updates = updates;
    Ok(Row { number: 0, action, stamp, warnings })
}

/// The ref of a row. One that a spreadsheet turned into a date ("2022/01"
/// shown as "Jan-22") is put back from the row's fingerprint; without one
/// it is refused, never taken as a new action's ref.
fn restore_ref(cell: &str, stamp: Option<&Stamp>, cx: &Context) -> Result<(String, Option<String>), String> {
    // "a." and "3)" as minutes number them are the refs "a" and "3".
    let cell = columns::ref_of(cell);
    let cell = cell.as_str();
    if cell.is_empty() || cx.log.actions.iter().any(|a| a.reference == cell) {
        return Ok((cell.to_string(), None));
    }
    if let Some(print) = stamp.and_then(|s| s.reference.as_deref())
        && let Some(found) = cx.log.actions.iter().find(|a| super::import::fingerprint(&a.reference) == print)
    {
        let note = format!("Ref {cell:?} read as {}, as exported (the spreadsheet changed it)", found.reference);
        return Ok((found.reference.clone(), (found.reference != cell).then_some(note)));
    }
    let looks_like_a_date = cell.chars().any(|c| c.is_ascii_digit())
        && (quickadd::read_deadline(cell, &cx.dates).is_ok_and(|d| matches!(d, Some(Deadline::On(_))))
            || cell.parse::<f64>().is_ok_and(|n| n > 20000.0 && !cell.contains('.')));
    if looks_like_a_date {
        return Err(format!(
            "Ref {cell:?} looks like a date a spreadsheet made of a ref (2022/01 becomes Jan-22): type the ref as text, or clear the cell to add the row as a new action"
        ));
    }
    Ok((cell.to_string(), None))
}

/// A Status cell: blank is open; the usual words for each status.
fn status(cell: &str) -> Result<Option<ActionStatus>, String> {
    let word = cell.trim().to_lowercase();
    let status = match word.as_str() {
        "" => return Ok(None),
        "open" | "not started" | "new" | "to do" | "todo" => ActionStatus::Open,
        "in progress" | "in-progress" | "ongoing" | "started" | "underway" | "under way" => ActionStatus::InProgress,
        "done" | "complete" | "completed" | "closed" | "finished" => ActionStatus::Done,
        "dropped" | "cancelled" | "canceled" | "withdrawn" | "superseded" => ActionStatus::Dropped,
        _ => return Err(format!("Status: {:?} is not open, in progress, done or dropped", cell.trim())),
    };
    Ok(Some(status))
}

/// A date cell read with the quick-add grammar ("2022-01-10", "10/01/2022", "6 Jan 2027").
fn date(column: &str, cell: &str, cx: &Context) -> Result<Option<NaiveDate>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    // An ISO date is exact; anything else as a person writes it, in the board's order.
    if let Ok(date) = cell.parse::<NaiveDate>() {
        return Ok(Some(date));
    }
    match quickadd::read_deadline(cell, &cx.dates) {
        Ok(Some(Deadline::On(date))) => Ok(Some(date)),
        _ => Err(format!(
            "{column}: cannot read {cell:?} as a date: write it like 2022-01-10, 10/01/2022 or 10 Jan 2022"
        )),
    }
}

/// Update lines: "2022-01-20: what happened", "6 Jan 2027: what happened";
/// a line with no date in front is dated today.
fn updates(cell: &str, cx: &Context) -> Result<Vec<Update>, String> {
    let mut out = Vec::new();
    for line in cell.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let dated = line.split_once(": ").and_then(|(d, text)| Some((date("Updates", d, cx).ok()??, text)));
        out.push(match dated {
            Some((date, text)) => Update { date, text: text.to_string() },
            None => Update { date: cx.dates.today, text: line.to_string() },
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_imported_while_a_meeting_runs_are_raised_at_its_current_item() {
        let board = crate::model::test_board();
        let log = ActionLog::empty();
        let running =
            Raised { meeting: "2022-03-03".parse().unwrap(), item: Some("4".into()), item_id: None, at: None };
        let dates = DateContext {
            today: "2022-03-03".parse().unwrap(),
            order: Default::default(),
            next_meeting: None,
            meeting_today: Default::default(),
        };
        // The meeting the column names is read: its item 2 is linked by identity.
        let mut held: crate::model::Meeting =
            serde_json::from_str(include_str!("../../sample-data/southend-send/meetings/2022-01-06.json")).unwrap();
        held.agenda[1].id = crate::model::id::Id::fresh();
        let meetings = [held];
        let cx = Context { board: &board, dates, log: &log, raised: Some(running.clone()), meetings: &meetings };
        let sheet = read(b"Action,Owner,Raised at\nSend the papers,GB,\nBook the room,PD,2022-01-06 item 2\n", &cx);
        assert!(sheet.bad.is_empty(), "{:?}", sheet.bad);
        assert_eq!(sheet.rows[0].action.raised, Some(running));
        let raised = sheet.rows[1].action.raised.as_ref().unwrap();
        assert_eq!((raised.item.as_deref(), raised.item_id.as_ref()), (Some("2"), Some(&meetings[0].agenda[1].id)));
        assert!(sheet.notes.is_empty(), "UTF-8 with commas and every column read: {:?}", sheet.notes);
    }
}
