//! `gavel add` (the quick-add line from the shell) and `gavel actions`
//! (the action log as text).

use crate::model::action::{RagContext, due_words, review_key};
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
    let ctx = ws.date_context(now.date_naive());
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
        let _ = super::json::write(&super::json::action(&action, rag), out);
        return Ok(());
    }

    let owners = ws.board.owners_named(&action.owners);
    let due = due_words(action.due);
    let _ = writeln!(out, "{reference} saved: {} · owner {} · {due}", clean(&action.text), clean(&owners));
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

/// Lists actions by RAG then deadline; open ones unless `all`.
pub fn list(
    ws: &Workspace,
    filter: &Filter,
    now: Timestamp,
    as_json: bool,
    out: &mut impl Write,
) -> Result<io::Result<()>, String> {
    let owner = match &filter.owner {
        Some(name) => Some(ws.board.resolve_owner(name)?),
        None => None,
    };
    let ctx = ws.rag_context(now.date_naive());
    let mut rows: Vec<(&Action, Rag)> = ws
        .actions
        .actions
        .iter()
        .map(|a| (a, a.rag(&ctx)))
        .filter(|(a, rag)| filter.all || !a.status.is_closed() || (filter.overdue && *rag == Rag::Red))
        .filter(|(_, rag)| !filter.overdue || *rag == Rag::Red)
        .filter(|(a, _)| owner.is_none_or(|o| a.owners.iter().any(|x| x == o)))
        .collect();
    rows.sort_by_key(|(a, _)| review_key(a, &ctx));
    if as_json {
        let list: Vec<_> = rows.iter().map(|(a, rag)| super::json::action(a, *rag)).collect();
        return Ok(super::json::write(&serde_json::json!({ "actions": list }), out));
    }
    Ok(write_rows(&rows, &ctx, out))
}

fn write_rows(rows: &[(&Action, Rag)], ctx: &RagContext, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "RAG Ref    Owner      Due          Status       Action")?;
    for (a, rag) in rows {
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
        )?;
    }
    writeln!(out, "{} action{}", rows.len(), if rows.len() == 1 { "" } else { "s" })
}
