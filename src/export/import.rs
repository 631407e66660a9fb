//! A spreadsheet of actions back in, as changes. The export's last column,
//! "Exported", holds a short fingerprint of each cell as it left gavel, so
//! the import knows which cells the spreadsheet's user changed: only those
//! are applied, each checked against what gavel holds now. A cell changed
//! in gavel since the export as well is a conflict, reported and left
//! alone. A sheet without the column (typed by hand) takes each row whole.

use crate::model::change::{ActionEdit, Closure, FieldEdit};
use crate::model::{Action, ActionLog, Change};

/// The cells whose changes the fingerprint tells, by their column index.
const STAMPED: [usize; 6] = [1, 2, 3, 4, 7, 8];
/// "v2" prints the ref first, so a ref a spreadsheet turned into a date
/// ("2022/01" into "Jan-22") is put back; "v1" files are still read.
const VERSION: &str = "v2";

/// One good row of the sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// As a spreadsheet numbers it: the header is row 1.
    pub number: usize,
    /// Its ref empty when the row had none: the log gives it one.
    pub action: Action,
    /// The fingerprints of the cells as exported, when the sheet has them.
    pub stamp: Option<Stamp>,
    /// What looks wrong, as quick-add says it (look-alike letters, no owner).
    pub warnings: Vec<String>,
}

/// An "Exported" cell read: the ref's print (from "v2") and the cells'.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub reference: Option<String>,
    pub cells: Vec<String>,
}

/// FNV-1a, cut to 24 bits: enough to tell whether a cell was changed by
/// hand, short enough to sit in a cell.
pub(super) fn fingerprint(cell: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in cell.bytes() {
        hash = (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01b3);
    }
    format!("{:06x}", hash & 0xff_ffff)
}

/// The "Exported" cell of an action's row: the ref's print, then the cells'.
pub fn stamp(cells: &[String; 9]) -> String {
    let prints: Vec<String> = std::iter::once(0).chain(STAMPED).map(|i| fingerprint(&cells[i])).collect();
    format!("{VERSION}:{}", prints.join("."))
}

/// Reads an "Exported" cell; `Err` when it is there but not gavel's.
pub fn read_stamp(cell: &str) -> Result<Option<Stamp>, String> {
    let cell = cell.trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let prints = |version: &str| -> Option<Vec<String>> {
        cell.strip_prefix(&format!("{version}:")).map(|rest| rest.split('.').map(str::to_string).collect())
    };
    match (prints(VERSION), prints("v1")) {
        (Some(mut prints), _) if prints.len() == STAMPED.len() + 1 => {
            let reference = Some(prints.remove(0));
            Ok(Some(Stamp { reference, cells: prints }))
        }
        (_, Some(prints)) if prints.len() == STAMPED.len() => Ok(Some(Stamp { reference: None, cells: prints })),
        _ => Err(format!("Exported: {cell:?} is not what gavel wrote; clear the cell to import the row whole")),
    }
}

/// What an import will do, and what it leaves alone.
#[derive(Debug, Default)]
pub struct Plan {
    pub changes: Vec<Change>,
    pub changed: usize,
    pub unchanged: usize,
    pub added: usize,
    /// "row 4: Status: changed in gavel since this file was exported (now done); not applied".
    pub conflicts: Vec<String>,
    /// Rows with no fingerprint, taken whole.
    pub whole_rows: usize,
    /// The row numbers of the new actions.
    pub new: Vec<usize>,
}

/// Works out the changes the rows ask for, against the log as it is now.
/// `archived`: the rows' actions found in the archive instead, which are
/// kept as they were closed: a row of one is never added as new.
pub fn plan(log: &ActionLog, archived: &[Action], rows: Vec<Row>, cells_of: impl Fn(&Action) -> [String; 9]) -> Plan {
    let mut plan = Plan::default();
    let by_ref = |actions: &'_ [Action]| -> std::collections::HashMap<String, usize> {
        actions.iter().enumerate().map(|(i, a)| (a.reference.clone(), i)).collect()
    };
    let (in_log, in_archive) = (by_ref(&log.actions), by_ref(archived));
    let mut given: Vec<String> = Vec::new();
    for row in rows {
        if let Some(kept) = in_archive.get(&row.action.reference).map(|&i| &archived[i]) {
            let (sheet, now) = (cells_of(&row.action), cells_of(kept));
            if STAMPED.iter().all(|&i| sheet[i] == now[i]) {
                plan.unchanged += 1;
            } else {
                let closed = kept.closed.map_or(String::new(), |d| format!(", closed {d}"));
                plan.conflicts.push(format!(
                    "row {}: {} is in the archive{closed}: archived actions are kept as they were closed; not applied",
                    row.number,
                    crate::text::clean(&kept.reference)
                ));
            }
            continue;
        }
        let Some(disk) = in_log.get(&row.action.reference).map(|&i| &log.actions[i]) else {
            plan.added += 1;
            plan.new.push(row.number);
            let mut action = row.action;
            if action.reference.is_empty() {
                // No ref in the sheet: the log's next, as it is now (a writer
                // taking it meanwhile makes the import refused, not merged).
                action.reference = crate::model::action::next_ref_after(
                    log.archived
                        .iter()
                        .chain(log.actions.iter().map(|a| &a.reference))
                        .chain(&log.retired)
                        .chain(&given)
                        .map(String::as_str),
                );
                given.push(action.reference.clone());
            }
            plan.changes.push(Change::PutAction { action });
            continue;
        };
        plan.whole_rows += usize::from(row.stamp.is_none());
        let (sheet, now) = (cells_of(&row.action), cells_of(disk));
        // Which cells to take: changed in the sheet, and still as exported in gavel.
        let mut take = [false; 9];
        for (k, &i) in STAMPED.iter().enumerate() {
            if sheet[i] == now[i] {
                continue;
            }
            match &row.stamp {
                None => take[i] = true,
                Some(stamp) if stamp.cells[k] == fingerprint(&sheet[i]) => {} // not touched in the sheet
                Some(stamp) if stamp.cells[k] == fingerprint(&now[i]) => take[i] = true,
                Some(_) => plan.conflicts.push(format!(
                    "row {}: {}: changed in gavel since this file was exported (now {}); not applied",
                    row.number,
                    super::actions::COLUMNS[i],
                    crate::text::clean(if now[i].is_empty() { "empty" } else { &now[i] })
                )),
            }
        }
        let changes = changes_for(disk, &row.action, &take);
        if changes.is_empty() {
            plan.unchanged += 1;
        } else {
            plan.changed += 1;
            plan.changes.extend(changes);
        }
    }
    plan
}

/// The changes that take the cells marked in `take` from `disk` to `sheet`.
fn changes_for(disk: &Action, sheet: &Action, take: &[bool; 9]) -> Vec<Change> {
    let reference = disk.reference.clone();
    let edit = |edit| Change::EditAction { reference: reference.clone(), edit };
    let mut fields = Vec::new();
    if take[1] {
        fields.push(FieldEdit::Text { was: disk.text.clone(), now: sheet.text.clone() });
    }
    if take[2] {
        fields.push(FieldEdit::Owners { was: disk.owners.clone(), now: sheet.owners.clone() });
    }
    if take[3] {
        fields.push(FieldEdit::Due { was: disk.due, now: sheet.due });
    }
    let mut changes = Vec::new();
    if !fields.is_empty() {
        changes.push(edit(ActionEdit::Fields(fields)));
    }
    if take[4] || take[8] {
        let now = Closure { status: sheet.status, closed: sheet.closed };
        if now != Closure::of(disk) {
            changes.push(edit(ActionEdit::Status { was: Closure::of(disk), now }));
        }
    }
    if take[7] {
        // Updates are history: new lines are added, none is taken away (nor added twice).
        for update in sheet.updates.iter().filter(|u| !disk.updates.iter().any(|d| d.text == u.text)) {
            changes.push(edit(ActionEdit::AddUpdate(update.clone())));
        }
    }
    changes
}
