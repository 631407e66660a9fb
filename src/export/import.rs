//! A spreadsheet of actions back in, as changes. The export's last column,
//! "Exported", holds a short fingerprint of each cell as it left gavel, so
//! the import knows which cells the spreadsheet's user changed: only those
//! are applied, each checked against what gavel holds now. A cell changed
//! in gavel since the export as well is a conflict, reported and left
//! alone. A sheet without the column (typed by hand) takes each row whole.

use crate::model::change::{ActionEdit, Closure, FieldEdit};
use crate::model::{Action, ActionLog, Change};
use std::collections::HashMap;

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

/// What an import will do, counted as its rows are planned.
#[derive(Debug, Default)]
pub struct Plan {
    pub changed: usize,
    pub unchanged: usize,
    pub added: usize,
    /// (row, "row 4: Status: changed in gavel since this file was exported
    /// (now done); not applied"), in row order. Only rows of actions gavel
    /// holds can conflict, each ref once, so these are never more than the
    /// log and the archive hold.
    pub conflicts: Vec<(usize, String)>,
    /// Rows with no fingerprint, taken whole.
    pub whole_rows: usize,
}

/// Plans an import a row at a time, against the log as it is now. A row
/// whose action is in the archive is set aside until the archived actions
/// are read (`wants`, `check_archived`): they are kept as they were
/// closed, and a row of one is never added as new.
pub struct Planner<'a, C> {
    log: &'a ActionLog,
    in_log: HashMap<&'a str, usize>,
    cells_of: C,
    /// The ref last given to a row that had none.
    given: Option<String>,
    /// The rows of archived actions, by ref: their number and cells.
    archived: HashMap<String, (usize, [String; 9])>,
    pub plan: Plan,
}

impl<'a, C: Fn(&Action) -> [String; 9]> Planner<'a, C> {
    pub fn new(log: &'a ActionLog, cells_of: C) -> Self {
        let in_log = log.actions.iter().enumerate().map(|(i, a)| (a.reference.as_str(), i)).collect();
        Planner { log, in_log, cells_of, given: None, archived: HashMap::new(), plan: Plan::default() }
    }

    /// Whether the log holds an action with this ref.
    pub fn in_log(&self, reference: &str) -> bool {
        self.in_log.contains_key(reference)
    }

    /// The changes one row asks for. `archived`: the row's ref is an
    /// archived action's, so it is set aside until `check_archived`.
    pub fn add(&mut self, row: Row, archived: bool) -> Vec<Change> {
        if archived {
            let cells = (self.cells_of)(&row.action);
            self.archived.insert(row.action.reference, (row.number, cells));
            return Vec::new();
        }
        let Some(&at) = self.in_log.get(row.action.reference.as_str()) else {
            self.plan.added += 1;
            let mut action = row.action;
            if action.reference.is_empty() {
                action.reference = self.next_ref();
            }
            return vec![Change::PutAction { action }];
        };
        let disk = &self.log.actions[at];
        self.plan.whole_rows += usize::from(row.stamp.is_none());
        let (sheet, now) = ((self.cells_of)(&row.action), (self.cells_of)(disk));
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
                Some(_) => self.plan.conflicts.push((
                    row.number,
                    format!(
                        "row {}: {}: changed in gavel since this file was exported (now {}); not applied",
                        row.number,
                        super::actions::COLUMNS[i],
                        crate::text::clean(if now[i].is_empty() { "empty" } else { &now[i] })
                    ),
                )),
            }
        }
        let changes = changes_for(disk, &row.action, &take);
        if changes.is_empty() {
            self.plan.unchanged += 1;
        } else {
            self.plan.changed += 1;
        }
        changes
    }

    /// The log's next ref, as it is now, after those given to earlier rows
    /// (a writer taking it meanwhile makes the import refused, not merged).
    /// Each ref given is the highest of its style, so the last stands for all.
    fn next_ref(&mut self) -> String {
        let log = self.log;
        let reference = crate::model::action::next_ref_after(
            log.archived
                .iter()
                .chain(log.actions.iter().map(|a| &a.reference))
                .chain(&log.retired)
                .chain(&self.given)
                .map(String::as_str),
        );
        self.given = Some(reference.clone());
        reference
    }

    /// Whether any row was set aside for the archive.
    pub fn has_archived_rows(&self) -> bool {
        !self.archived.is_empty()
    }

    /// Whether a row of this archived action was set aside.
    pub fn wants(&self, reference: &str) -> bool {
        self.archived.contains_key(reference)
    }

    /// The rows set aside, checked against their archived actions: the
    /// same cells are unchanged, others a conflict; nothing is applied.
    pub fn check_archived(&mut self, kept: &[Action]) {
        for action in kept {
            let Some((number, sheet)) = self.archived.remove(&action.reference) else { continue };
            let now = (self.cells_of)(action);
            if STAMPED.iter().all(|&i| sheet[i] == now[i]) {
                self.plan.unchanged += 1;
                continue;
            }
            let closed = action.closed.map_or(String::new(), |d| format!(", closed {d}"));
            let reference = crate::text::clean(&action.reference);
            self.plan.conflicts.push((
                number,
                format!(
                    "row {number}: {reference} is in the archive{closed}: archived actions are kept as they were closed; not applied"
                ),
            ));
        }
        // An action archived when the refs were read, and gone since: a writer moved it.
        for (reference, (number, _)) in self.archived.drain() {
            let reference = crate::text::clean(&reference);
            let why = format!(
                "row {number}: {reference} was in the archive as the import began and is not now; not applied (run the import again)"
            );
            self.plan.conflicts.push((number, why));
        }
        self.plan.conflicts.sort_by_key(|(number, _)| *number);
    }
}

/// The changes that take the cells marked in `take` from `disk` to `sheet`.
fn changes_for(disk: &Action, sheet: &Action, take: &[bool; 9]) -> Vec<Change> {
    let edit = |edit| Change::edit_action(disk, edit);
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
