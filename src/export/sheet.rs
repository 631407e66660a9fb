//! A spreadsheet of actions as people keep it, read: the encoding (UTF-8
//! with or without a byte-order mark, UTF-16, Windows-1252) and the
//! separator (`,` `;` tab) found from the bytes, the columns mapped by
//! their headers (the export's and the usual synonyms), empty rows and
//! columns skipped, every date read with the quick-add grammar in the
//! board's date order. Each row is good or bad on its own.

use super::import::{Row, Stamp, read_stamp};
use crate::model::action::{Raised, Update};
use crate::model::quickadd::columns::{self, Column, map_header};
use crate::model::quickadd::{self, DateContext};
use crate::model::{Action, ActionLog, ActionStatus, Board, Deadline};
use chrono::NaiveDate;

/// What a sheet holds: its good rows, its bad ones (a sentence each,
/// with the row number), and what was noticed about the whole.
#[derive(Debug, Default)]
pub struct Sheet {
    pub rows: Vec<Row>,
    pub bad: Vec<String>,
    /// "read as Windows-1252 text, separated by ;", "columns not read: Item".
    pub notes: Vec<String>,
}

/// The text of a file, and how it was encoded.
pub fn decode(bytes: &[u8]) -> (String, &'static str) {
    if let Some(rest) = bytes.strip_prefix(b"\xef\xbb\xbf") {
        return (String::from_utf8_lossy(rest).into_owned(), "UTF-8");
    }
    let utf16 = |rest: &[u8], little: bool| {
        let units = rest.chunks(2).filter(|c| c.len() == 2).map(|c| {
            let pair = [c[0], c[1]];
            if little { u16::from_le_bytes(pair) } else { u16::from_be_bytes(pair) }
        });
        char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect::<String>()
    };
    if let Some(rest) = bytes.strip_prefix(b"\xff\xfe") {
        return (utf16(rest, true), "UTF-16");
    }
    if let Some(rest) = bytes.strip_prefix(b"\xfe\xff") {
        return (utf16(rest, false), "UTF-16");
    }
    // UTF-16 without a mark: ASCII text has every other byte zero.
    let zeros = |odd: usize| bytes.iter().skip(odd).step_by(2).take(200).filter(|b| **b == 0).count();
    let pairs = bytes.len().min(400) / 2;
    if pairs >= 2 && zeros(1) * 10 >= pairs * 9 {
        return (utf16(bytes, true), "UTF-16");
    }
    if pairs >= 2 && zeros(0) * 10 >= pairs * 9 {
        return (utf16(bytes, false), "UTF-16");
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_string(), "UTF-8"),
        Err(_) => (bytes.iter().map(|&b| windows_1252(b)).collect(), "Windows-1252"),
    }
}

/// A Windows-1252 byte as the character it stands for (Latin-1, but for
/// the printer's quotes, dashes and the euro in 0x80–0x9f).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
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
}

/// Reads a spreadsheet of actions. Row numbers are as a spreadsheet shows
/// them (the header is row 1).
pub fn read(bytes: &[u8], cx: &Context) -> Sheet {
    let (text, encoding) = decode(bytes);
    let sep = separator(&text);
    let mut sheet = Sheet::default();
    let mut reader =
        csv::ReaderBuilder::new().has_headers(false).flexible(true).delimiter(sep).from_reader(text.as_bytes());
    let mut records = reader.records().enumerate();
    let header = loop {
        match records.next() {
            Some((_, Ok(record))) if record.iter().all(|c| c.trim().is_empty()) => continue,
            Some((_, Ok(record))) => break record.iter().map(|c| c.trim().to_string()).collect::<Vec<_>>(),
            Some((n, Err(e))) => return refused(sheet, format!("row {}: {e}", n + 1)),
            None => return refused(sheet, "the file has no rows".into()),
        }
    };
    let columns = map_header(&header);
    if !columns.contains(&Some(Column::Action)) {
        let found = header.iter().filter(|h| !h.is_empty()).cloned().collect::<Vec<_>>().join(", ");
        return refused(
            sheet,
            format!(
                "row 1: no column headed Action (or Description, Item, Task): found {found}; the header row names the columns, e.g. Ref, Action, Owner, Deadline, Status"
            ),
        );
    }
    sheet.notes = notes_on(&header, &columns, encoding, sep);
    let at = |c: Column| columns.iter().position(|x| *x == Some(c));
    let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    for (index, record) in records {
        let number = index + 1;
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                sheet.bad.push(format!("row {number}: {e}"));
                continue;
            }
        };
        let cells: Vec<String> = record.iter().map(|c| super::actions::unguard(c.trim()).to_string()).collect();
        if cells.iter().all(String::is_empty) {
            continue;
        }
        let cell = |c: Column| at(c).map(|i| cells.get(i).map_or("", String::as_str));
        match read_row(&cell, cx) {
            Ok(row) => add_row(&mut sheet, &mut seen, number, row),
            Err(why) => sheet.bad.push(format!("row {number}: {why}")),
        }
    }
    sheet
}

/// A good row, unless its ref is one an earlier row has.
fn add_row(sheet: &mut Sheet, seen: &mut std::collections::HashMap<String, usize>, number: usize, mut row: Row) {
    row.number = number;
    let reference = row.action.reference.clone();
    if !reference.is_empty() {
        if let Some(first) = seen.get(&reference) {
            sheet.bad.push(format!("row {number}: Ref {reference} is used twice (rows {first} and {number})"));
            return;
        }
        seen.insert(reference, number);
    }
    sheet.rows.push(row);
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

fn refused(mut sheet: Sheet, why: String) -> Sheet {
    sheet.bad.push(why);
    sheet
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
            Some(Raised { meeting: date("Raised at", meeting, cx)?.ok_or("Raised at: no date")?, item, at: None })
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
        let running = Raised { meeting: "2022-03-03".parse().unwrap(), item: Some("4".into()), at: None };
        let dates = DateContext {
            today: "2022-03-03".parse().unwrap(),
            order: Default::default(),
            next_meeting: None,
            meeting_today: Default::default(),
        };
        let cx = Context { board: &board, dates, log: &log, raised: Some(running.clone()) };
        let sheet = read(b"Action,Owner,Raised at\nSend the papers,GB,\nBook the room,PD,2022-01-06 item 2\n", &cx);
        assert!(sheet.bad.is_empty(), "{:?}", sheet.bad);
        assert_eq!(sheet.rows[0].action.raised, Some(running));
        assert_eq!(sheet.rows[1].action.raised.as_ref().map(|r| r.item.as_deref()), Some(Some("2")));
        assert!(sheet.notes.is_empty(), "UTF-8 with commas and every column read: {:?}", sheet.notes);
    }
}
