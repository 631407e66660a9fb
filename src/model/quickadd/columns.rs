//! An action table as minutes and spreadsheets hold it: the columns named
//! by their headers (the export's own and the usual synonyms), or, with
//! no header, told apart by what their cells hold; a pasted table's rows
//! put back together where a long cell wrapped onto the next line. Each
//! row's Action cell is read with the one-line grammar, its Owner and
//! Deadline cells as owners and a deadline.

use super::{DateContext, Given, Reading, owners, read_deadline, read_given, words};
use crate::model::Board;

/// A column of an action table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    Ref,
    Action,
    Owner,
    Deadline,
    Status,
    Rag,
    Raised,
    Updates,
    Closed,
    Exported,
}

impl Column {
    /// The headers each column goes by, the likeliest first: "Item" is the
    /// action only when no column is headed "Action".
    fn names(self) -> &'static [&'static str] {
        match self {
            Column::Ref => &["ref", "no", "#", "number", "action no", "ref no", "action ref", "num", "id"],
            Column::Action => &["action", "actions", "description", "action required", "task", "item", "what"],
            Column::Owner => &["owner", "owners", "lead", "who", "responsible", "by whom", "action by", "action owner"],
            Column::Deadline => &["deadline", "due", "due date", "by when", "target date", "date", "when", "by"],
            Column::Status => &["status", "state"],
            Column::Rag => &["rag", "rag status"],
            Column::Raised => &["raised at", "raised", "meeting"],
            Column::Updates => &["updates", "update", "progress", "comments", "comment", "notes", "progress update"],
            Column::Closed => &["closed", "date closed", "completed", "date completed"],
            Column::Exported => &["exported"],
        }
    }

    const ALL: [Column; 10] = [
        Column::Ref,
        Column::Action,
        Column::Owner,
        Column::Deadline,
        Column::Status,
        Column::Rag,
        Column::Raised,
        Column::Updates,
        Column::Closed,
        Column::Exported,
    ];
}

/// A header as compared: lower case, no stops, colons or "(s)", one space.
fn normal_header(cell: &str) -> String {
    let lower = cell.trim().trim_start_matches('\u{feff}').to_lowercase().replace("(s)", "s");
    let words: Vec<&str> =
        lower.split(|c: char| c.is_whitespace() || matches!(c, '.' | ':' | '?')).filter(|w| !w.is_empty()).collect();
    match words.as_slice() {
        [] if lower.contains('#') => "#".into(),
        _ => words.join(" "),
    }
}

/// Which column each header cell is (`None`: a column gavel does not
/// read); each column taken once, by the header that names it best.
pub fn map_header(cells: &[String]) -> Vec<Option<Column>> {
    let names: Vec<String> = cells.iter().map(|c| normal_header(c)).collect();
    let mut out = vec![None; cells.len()];
    // The best (lowest) rank each column is named with, and where.
    let mut best: Vec<(usize, usize, Column)> = Vec::new();
    for column in Column::ALL {
        let found = names
            .iter()
            .enumerate()
            .filter_map(|(i, n)| column.names().iter().position(|s| s == n).map(|rank| (rank, i)))
            .min();
        if let Some((rank, i)) = found {
            best.push((rank, i, column));
        }
    }
    // The surest names first: "Action" claims its cell before "Item" could.
    best.sort_by_key(|(rank, _, _)| *rank);
    for (_, i, column) in best {
        if out[i].is_none() && !out.contains(&Some(column)) {
            out[i] = Some(column);
        }
    }
    out
}

/// Whether a row is a header: it names the Action and one other column.
fn is_header(cells: &[String]) -> bool {
    let mapped = map_header(cells);
    mapped.contains(&Some(Column::Action)) && mapped.iter().flatten().count() >= 2
}

/// A pasted table: its columns and its rows' cells, with the line each
/// row starts on (from 1).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Table {
    pub columns: Vec<Option<Column>>,
    /// Whether the columns were named by a header row, or told by their cells.
    pub headed: bool,
    pub rows: Vec<(usize, Vec<String>)>,
}

/// A row read: its ref as the table wrote it, and the action or why not.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RowReading {
    pub line: usize,
    pub reference: Option<String>,
    pub reading: Result<Reading, String>,
}

impl Table {
    fn at(&self, column: Column) -> Option<usize> {
        self.columns.iter().position(|c| *c == Some(column))
    }

    /// "columns by its header: ref, action, owner, deadline": as understood.
    pub fn describe(&self) -> String {
        let named: Vec<&str> = self.columns.iter().flatten().map(|c| c.names()[0]).collect();
        let how = if self.headed { "by its header" } else { "by their cells" };
        format!("columns {how}: {}", named.join(", "))
    }

    /// Each row as an action: the Action cell's text, owners and deadline
    /// from their own cells when the table has them.
    pub fn read(&self, board: &Board, ctx: &DateContext) -> Vec<RowReading> {
        fn cell(at: Option<usize>, row: &[String]) -> Option<&str> {
            at.map(|i| row.get(i).map_or("", String::as_str))
        }
        self.rows
            .iter()
            .map(|(line, row)| {
                let reference = cell(self.at(Column::Ref), row).map(ref_of).filter(|r| !r.is_empty());
                let text = cell(self.at(Column::Action), row).unwrap_or("");
                let (owner, due) = (cell(self.at(Column::Owner), row), cell(self.at(Column::Deadline), row));
                let reading = read_cells(text, owner, due, board, ctx);
                RowReading { line: *line, reference, reading }
            })
            .collect()
    }
}

/// One row's cells as an action: `None` for a column the table lacks, whose
/// part is then read from the text as a typed line would be.
pub fn read_cells(
    text: &str,
    owner: Option<&str>,
    deadline: Option<&str>,
    board: &Board,
    ctx: &DateContext,
) -> Result<Reading, String> {
    let owners = owner.map(|cell| owners::from_cell(board, cell).map_err(|why| format!("Owner: {why}"))).transpose()?;
    let due = deadline
        .map(|cell| {
            let words = words::split(cell);
            let lead = words.first().is_some_and(|w| ["by", "due", "before"].contains(&w.to_lowercase().as_str()));
            let cell = if lead && words.len() > 1 { words[1..].join(" ") } else { cell.to_string() };
            read_deadline(&cell, ctx).map_err(|why| format!("Deadline: {why}"))
        })
        .transpose()?;
    if text.trim().is_empty() {
        return Err("Action: the cell is empty".into());
    }
    read_given(text, board, ctx, Given { owners, due })
}

/// "a." "b)" "(c)" "1." as the ref they stand for: "a", "b", "c", "1".
pub fn ref_of(cell: &str) -> String {
    cell.trim().trim_start_matches('(').trim_end_matches(['.', ')', ':']).trim().to_string()
}

/// Whether a cell reads as a ref: letters ("a.", "AA"), a number ("12."), or a
/// short prefix and number ("A12", "ACT-009", "2022/01").
fn looks_like_ref(cell: &str) -> bool {
    let r = ref_of(cell);
    let letters = (1..=2).contains(&r.len()) && r.chars().all(|c| c.is_ascii_alphabetic());
    let digits = r.len() - r.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let numbered = (1..=6).contains(&digits) && r.len() - digits <= 5 && !r.contains(char::is_whitespace);
    letters || numbered
}

/// The cells of a line, split on the table's separator.
fn cells_of(line: &str, separator: char) -> Vec<String> {
    let line = line.trim_end_matches('\r');
    if separator == '|' {
        let inner = line.trim().trim_start_matches('|').trim_end_matches('|');
        return inner.split('|').map(|c| c.trim().to_string()).collect();
    }
    line.split(separator).map(|c| c.trim().to_string()).collect()
}

/// A pasted block as a table, when it has a table's shape: cells separated
/// by tabs (as a table copied from Word or a spreadsheet pastes), or a
/// header row naming the Action column and another, separated by `|`, `;`
/// or `,`. `None`: it is lines of text, read a line at a time.
pub fn split(text: &str) -> Option<Table> {
    let lines: Vec<(usize, &str)> =
        text.lines().enumerate().map(|(i, l)| (i + 1, l)).filter(|(_, l)| !l.trim().is_empty()).collect();
    let (_, first) = *lines.first()?;
    let separator = if lines.iter().any(|(_, l)| l.contains('\t')) {
        '\t'
    } else {
        ['|', ';', ','].into_iter().find(|&s| is_header(&cells_of(first, s)))?
    };
    let header = cells_of(first, separator);
    let headed = is_header(&header);
    let body: Vec<(usize, Vec<String>)> =
        lines[usize::from(headed)..].iter().map(|(n, l)| (*n, cells_of(l, separator))).collect();
    let width = if headed { header.len() } else { body.iter().map(|(_, c)| c.len()).max()? };
    if width < 2 {
        return None;
    }
    let columns = if headed { map_header(&header) } else { columns_by_cells(&body, width)? };
    let mut table = Table { columns, headed, rows: Vec::new() };
    for (line, cells) in body {
        join_row(&mut table, width, line, cells);
    }
    table.rows.retain(|(_, cells)| cells.iter().any(|c| !c.is_empty()));
    for (_, cells) in &mut table.rows {
        cells.resize(width, String::new());
    }
    (!table.rows.is_empty()).then_some(table)
}

/// Adds a line's cells to the table: a new row, or the rest of the last
/// one when a cell wrapped (the last row is short of cells, or the line
/// has no ref where the rows have refs, or no separator at all).
fn join_row(table: &mut Table, width: usize, line: usize, cells: Vec<String>) {
    let (ref_at, action_at) = (table.at(Column::Ref), table.at(Column::Action));
    let Some((_, last)) = table.rows.last_mut() else {
        table.rows.push((line, cells));
        return;
    };
    let glue = |into: &mut String, more: &str| {
        if !more.is_empty() {
            if !into.is_empty() {
                into.push(' ');
            }
            into.push_str(more);
        }
    };
    if last.len() < width {
        // The break was inside the last cell: the line goes on from there.
        let mut rest = cells.into_iter();
        if let (Some(tail), Some(more)) = (last.last_mut(), rest.next()) {
            glue(tail, &more);
        }
        last.extend(rest);
        return;
    }
    let unnumbered = ref_at.is_some_and(|r| cells.get(r).is_none_or(|c| c.is_empty()) && !last[r].is_empty());
    if let (1, Some(action_at)) = (cells.len(), action_at) {
        glue(&mut last[action_at], &cells[0]);
    } else if unnumbered {
        for (i, more) in cells.iter().enumerate().take(width) {
            glue(&mut last[i], more);
        }
    } else {
        table.rows.push((line, cells));
    }
}

/// A header-less table's columns, told by their cells: refs, owners,
/// deadlines, and the action as the longest text. `None` when there is no
/// action column and one other.
fn columns_by_cells(body: &[(usize, Vec<String>)], width: usize) -> Option<Vec<Option<Column>>> {
    let column = |i: usize| body.iter().filter_map(move |(_, c)| c.get(i)).filter(|c| !c.is_empty());
    let most = |i: usize, test: &dyn Fn(&str) -> bool| {
        let (all, yes) = column(i).fold((0, 0), |(a, y), c| (a + 1, y + usize::from(test(c))));
        all > 0 && yes * 3 >= all * 2
    };
    let mut columns = vec![None; width];
    let lengths: Vec<usize> = (0..width).map(|i| column(i).map(|c| c.chars().count()).sum()).collect();
    let action = (0..width).max_by_key(|&i| lengths[i])?;
    columns[action] = Some(Column::Action);
    let loose = DateContext {
        today: chrono::NaiveDate::from_ymd_opt(2000, 1, 1).expect("a date"),
        order: Default::default(),
        next_meeting: None,
        meeting_today: Default::default(),
    };
    for i in (0..width).filter(|&i| i != action) {
        let kind = if most(i, &|c| looks_like_ref(c)) && !columns.contains(&Some(Column::Ref)) {
            Some(Column::Ref)
        } else if most(i, &|c| read_deadline(c, &loose).is_ok()) && !columns.contains(&Some(Column::Deadline)) {
            Some(Column::Deadline)
        } else if most(i, &|c| looks_like_owners(c)) && !columns.contains(&Some(Column::Owner)) {
            Some(Column::Owner)
        } else {
            None
        };
        columns[i] = kind;
    }
    (columns.iter().flatten().count() >= 2).then_some(columns)
}

/// Short cells of capitalised words ("LM/TR", "SROs", "All members",
/// "Chris Field"): owners, whether or not the register knows them yet.
fn looks_like_owners(cell: &str) -> bool {
    let words: Vec<&str> = cell.split(|c: char| c.is_whitespace() || matches!(c, '/' | '&' | ',')).collect();
    let words: Vec<&str> = words.into_iter().filter(|w| !w.is_empty() && *w != "and").collect();
    (1..=4).contains(&words.len()) && words.iter().all(|w| w.starts_with(char::is_uppercase))
}
