//! `gavel add` (the quick-add line from the shell) and `gavel actions`
//! (the action log as text).

use crate::model::action::{RagContext, due_words, recently_closed_first, review_key};
use crate::model::change::Added;
use crate::model::{Action, Change, Rag, Timestamp, Workspace};
use crate::store;
use crate::text::clean;
use std::io::{self, Write};
use std::path::Path;

/// Why an add did not happen: refused (the TUI's words), the action log is
/// broken, or the disk failed.
pub enum AddError {
    Refused(String),
    Invalid(store::LoadError),
    Io(String),
}

/// `gavel add --strict --json`.
#[derive(Debug, Clone, Copy)]
pub struct AddOptions {
    /// Refuse what the TUI would warn about.
    pub strict: bool,
    /// Print the saved action as JSON.
    pub json: bool,
}

/// Adds an action from a quick-add line, as the TUI's quick-add does; what
/// looks wrong about it goes to `err` as warnings, or with `strict` refuses
/// it. With `as_json`, what is printed is the saved action (see `json::action`).
pub fn add(
    root: &Path,
    ws: &Workspace,
    line: &str,
    now: Timestamp,
    how: AddOptions,
    out: &mut impl Write,
    err: &mut impl Write,
) -> Result<(), AddError> {
    let AddOptions { strict, json: as_json } = how;
    let ctx = ws.date_context_at(now);
    // (The log is read under the lock at the commit, not before: no "repeats A5" here.)
    let reading = crate::model::quickadd::read(line, &ws.board, &ctx).map_err(AddError::Refused)?;
    if strict && !reading.warnings.is_empty() {
        let why = reading.warnings.iter().map(|w| clean(w)).collect::<Vec<_>>().join("; ");
        return Err(AddError::Refused(format!("refused under --strict: {why}")));
    }
    let change = Change::AddAction { draft: reading.draft.clone(), raised: ws.raised_now(now) };
    let committed = store::commit(root, &change).map_err(|e| match e {
        store::SaveError::Refused(why) => AddError::Refused(why.to_string()),
        store::SaveError::Load(e @ store::LoadError::Invalid(_)) => AddError::Invalid(e),
        e => AddError::Io(e.to_string()),
    })?;
    let Some(Added::Action(action)) = committed.applied.added else {
        return Err(AddError::Io("the action was saved but gavel lost its ref: run gavel actions".into()));
    };
    let reference = &action.reference;
    if as_json {
        // RAG as of the workspace read before the add: the action itself is as saved.
        let rag = action.rag(&ws.rag_context(now.date_naive()));
        let mut value = super::json::action(&action, rag);
        value["warnings"] = serde_json::json!(reading.warnings);
        value["notes"] = serde_json::json!(reading.notes);
        let _ = super::json::write(&value, out);
        // As without --json, the warnings are said on stderr too.
        for warning in &reading.warnings {
            let _ = writeln!(err, "gavel: warning: {}", clean(warning));
        }
        return Ok(());
    }

    let owners = ws.board.owners_named(&action.owners);
    let due = due_words(action.due);
    let _ = writeln!(out, "{reference} saved: {} · owner {} · {due}", clean(&action.text), clean(&owners));
    for note in &reading.notes {
        let _ = writeln!(out, "{}", clean(note));
    }
    for warning in &reading.warnings {
        let _ = writeln!(err, "gavel: warning: {}", clean(warning));
    }
    Ok(())
}

pub struct Filter {
    pub owner: Option<String>,
    pub overdue: bool,
    pub all: bool,
}

/// Why a listing stopped: a filter that names nobody, or an archive file
/// that cannot be read (after the rows before it were written).
pub enum ListError {
    Refused(String),
    Archive(store::LoadError),
}

/// Lists actions by RAG then deadline; open ones unless `all`, and then the
/// closed ones, the most recently closed first, the archive read a year at a
/// time (a hundred years of them are not held in memory at once).
pub fn list(
    root: &Path,
    ws: &Workspace,
    filter: &Filter,
    now: Timestamp,
    as_json: bool,
    out: &mut impl Write,
) -> Result<io::Result<()>, ListError> {
    let owner = match &filter.owner {
        Some(name) => Some(ws.board.resolve_owner(name).map_err(ListError::Refused)?),
        None => None,
    };
    let ctx = ws.rag_context(now.date_naive());
    let mine = |a: &Action| owner.is_none_or(|o| a.owners.iter().any(|x| x == o));
    let mut rows: Vec<(&Action, Rag)> = ws
        .actions
        .actions
        .iter()
        .map(|a| (a, a.rag(&ctx)))
        .filter(|(a, rag)| !a.status.is_closed() || (filter.overdue && *rag == Rag::Red))
        .filter(|(_, rag)| !filter.overdue || *rag == Rag::Red)
        .filter(|(a, _)| mine(a))
        .collect();
    rows.sort_by_key(|(a, _)| review_key(a, &ctx));
    let mut table = Table { out, json: as_json, written: 0, warnings: Vec::new() };
    for (a, rag) in rows {
        if let Err(e) = table.row(a, rag, &ctx) {
            return Ok(Err(e));
        }
    }
    // Closed actions are never overdue: only `--all` lists them.
    if filter.all && !filter.overdue {
        let closed = ws.actions.actions.iter().filter(|a| a.status.is_closed() && mine(a));
        let archive = store::archived_actions(root, &ws.board, store::Years::NewestFirst);
        let live: std::collections::HashSet<&str> = ws.actions.actions.iter().map(|a| a.reference.as_str()).collect();
        let mut failed = None;
        let archived = archive.map_while(|year| year.map_err(|e| failed = Some(e)).ok()).map(|(year, actions)| {
            (year, actions.into_iter().filter(|a| mine(a) && !live.contains(a.reference.as_str())).collect())
        });
        for (_, mut year) in closed_by_year(closed.cloned().collect(), archived) {
            year.sort_by(recently_closed_first);
            for a in &year {
                if let Err(e) = table.row(a, a.rag(&ctx), &ctx) {
                    return Ok(Err(e));
                }
            }
        }
        if let Some(e) = failed {
            // JSON stays one valid document, holding the rows before the broken file.
            if table.json {
                let _ = table.end();
            }
            return Err(ListError::Archive(e));
        }
    }
    Ok(table.end())
}

/// The closed actions of actions.json and of the archive (its years newest
/// first), a year at a time, newest first; those with no date closed last.
fn closed_by_year(
    live: Vec<Action>,
    archived: impl Iterator<Item = (i32, Vec<Action>)>,
) -> impl Iterator<Item = (Option<i32>, Vec<Action>)> {
    use chrono::Datelike;
    let mut by_year: std::collections::BTreeMap<Option<i32>, Vec<Action>> = std::collections::BTreeMap::new();
    for a in live {
        by_year.entry(a.closed.map(|d| d.year())).or_default().push(a);
    }
    let mut archived = archived.peekable();
    std::iter::from_fn(move || {
        let live_year = by_year.keys().next_back().copied().flatten();
        match archived.peek().map(|(y, _)| *y) {
            Some(year) if live_year.is_none_or(|l| l <= year) => {
                let (year, mut actions) = archived.next().expect("peeked");
                actions.extend(by_year.remove(&Some(year)).unwrap_or_default());
                Some((Some(year), actions))
            }
            _ => by_year.pop_last(),
        }
    })
    .filter(|(_, actions)| !actions.is_empty())
}

/// The listing, written a row at a time: text lines under a heading, or
/// the items of one JSON list, laid out as `serde_json`'s pretty printer
/// lays out the whole.
struct Table<'w, W: Write> {
    out: &'w mut W,
    json: bool,
    written: usize,
    /// "A14: no owner": each listed action with no owner or no date.
    warnings: Vec<String>,
}

impl<W: Write> Table<'_, W> {
    fn row(&mut self, a: &Action, rag: Rag, ctx: &RagContext) -> io::Result<()> {
        let first = self.written == 0;
        self.written += 1;
        if let (Rag::Unplanned, Some(what)) = (rag, a.missing()) {
            self.warnings.push(format!("{}: {what}", a.reference));
        }
        if self.json {
            let item = crate::text::json(&super::json::action(a, rag));
            let open = if first { "{\n  \"actions\": [\n" } else { ",\n" };
            write!(self.out, "{open}")?;
            for (i, line) in item.lines().enumerate() {
                write!(self.out, "{}    {line}", if i == 0 { "" } else { "\n" })?;
            }
            return Ok(());
        }
        if first {
            writeln!(self.out, "RAG Ref    Owner      Due          Status       Action")?;
        }
        write_row(a, rag, ctx, self.out)
    }

    fn end(self) -> io::Result<()> {
        let warnings = serde_json::to_string(&self.warnings).expect("strings serialize");
        match (self.json, self.written) {
            (true, 0) => writeln!(self.out, "{{\n  \"actions\": [],\n  \"warnings\": {warnings}\n}}"),
            (true, _) => writeln!(self.out, "\n  ],\n  \"warnings\": {warnings}\n}}"),
            (false, 0) => {
                writeln!(self.out, "RAG Ref    Owner      Due          Status       Action")?;
                writeln!(self.out, "0 actions")
            }
            (false, n) => writeln!(self.out, "{n} action{}", if n == 1 { "" } else { "s" }),
        }
    }
}

fn write_row(a: &Action, rag: Rag, ctx: &RagContext, out: &mut impl Write) -> io::Result<()> {
    let owners = if a.owners.is_empty() { "—".to_string() } else { a.owners.join("/") };
    let due = ctx.due_column(a);
    writeln!(
        out,
        " {}  {:<6} {:<10} {:<12} {:<12} {}",
        rag.letter(),
        clean(&a.reference),
        clean(&owners),
        due,
        a.status.label(),
        clean(&a.text)
    )
}
