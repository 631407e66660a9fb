//! `gavel import actions`: a spreadsheet read a row at a time, each row
//! checked and planned as it comes. What is kept meanwhile is the changes
//! to write (none with --dry-run), the counts, the first messages of each
//! kind, and what the log and the archive already hold; not the rows.

use super::{INVALID, USAGE_OR_IO, fail, load_failed};
use crate::export::import::{Planner, Row};
use crate::export::{self, sheet};
use crate::model::quickadd::DateContext;
use crate::model::{Change, Timestamp, Workspace};
use crate::store::{self, LoadError};
use crate::text::{clean, clean_path};
use std::collections::HashSet;
use std::io::{Seek, Write};
use std::path::Path;

/// How many messages of each kind are shown (bad rows, warnings,
/// conflicts, the changes of a dry run); the rest are counted.
const SHOWN: usize = 1000;

/// `gavel import actions --dry-run --strict`.
#[derive(Debug, Clone, Copy)]
pub struct ImportOptions {
    pub dry_run: bool,
    pub strict: bool,
}

pub fn import_actions(
    root: &Path,
    ws: &Workspace,
    file: &Path,
    how: ImportOptions,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let cannot_read = |e: std::io::Error| format!("cannot read {}: {e}", file.display());
    let sheet_file = match open(file) {
        Ok(opened) => opened,
        Err(e) => return fail(err, USAGE_OR_IO, &cannot_read(e)),
    };
    // "Next meeting" stays as written: it is dated when the meeting is made.
    let dates = DateContext { next_meeting: None, ..ws.date_context_at(now) };
    let (raised, meetings) = (ws.raised_now(now), &ws.meetings);
    let cx = sheet::Context { board: &ws.board, dates, log: &ws.actions, raised, meetings };
    let ctx = ws.rag_context(now.date_naive());
    let mut run = Run {
        name: clean_path(file),
        planner: Planner::new(&ws.actions, |a| export::actions::row(a, &ctx)),
        archive: ArchivedRefs { root, ws, refs: None },
        broken: None,
        dry_run: how.dry_run,
        changes: Vec::new(),
        shown: Vec::new(),
        counts: Counts::default(),
    };
    let notes = match sheet::read_each(sheet_file, &cx, |row| run.take(row, err)) {
        Ok(notes) => notes,
        Err(e) => return fail(err, USAGE_OR_IO, &cannot_read(e)),
    };
    let (name, counts) = (run.name.clone(), run.counts);
    counts.tell_the_rest(&name, err);
    if let Some(e) = &run.broken {
        return load_failed(err, e);
    }
    if counts.good == 0 || (how.strict && counts.bad > 0) {
        let why = if how.strict { " (--strict: all rows or none)" } else { "" };
        return fail(err, INVALID, &format!("{} bad row(s){why}: nothing was imported", counts.bad));
    }
    if run.planner.has_archived_rows() {
        let which = store::Years::NewestFirst;
        match store::archived_matching(root, &ws.board, which, &ws.actions, |a| run.planner.wants(&a.reference)) {
            Ok(kept) => run.planner.check_archived(&kept),
            Err(e) => return load_failed(err, &e),
        }
    }
    if !how.dry_run
        && !run.changes.is_empty()
        && let Err(e) = store::commit(root, &Change::Batch(std::mem::take(&mut run.changes)))
    {
        let code = if matches!(e, store::SaveError::Refused(_)) { INVALID } else { USAGE_OR_IO };
        return fail(err, code, &format!("{e}: nothing was imported (run the import again)"));
    }
    let conflicts = &run.planner.plan.conflicts;
    tell_conflicts(conflicts, &name, err);
    report(&run, &notes, out);
    if conflicts.is_empty() && counts.bad == 0 { 0 } else { INVALID }
}

/// The first conflicts, and how many more.
fn tell_conflicts(conflicts: &[(usize, String)], name: &str, err: &mut impl Write) {
    for (_, conflict) in conflicts.iter().take(SHOWN) {
        let _ = writeln!(err, "gavel: {name}: {conflict}");
    }
    if let Some(more) = conflicts.len().checked_sub(SHOWN).filter(|n| *n > 0) {
        let _ = writeln!(err, "gavel: {name}: … and {} more conflicts", store::thousands(more));
    }
}

/// The sheet as a file that can be read twice (its encoding is told by a
/// first look through it): a pipe or a device is copied to an unnamed
/// temporary file first, on disk rather than in memory.
fn open(file: &Path) -> std::io::Result<std::fs::File> {
    let mut opened = std::fs::File::open(file)?;
    if opened.metadata()?.is_file() {
        return Ok(opened);
    }
    let mut spool = tempfile::tempfile()?;
    std::io::copy(&mut opened, &mut spool)?;
    spool.rewind()?;
    Ok(spool)
}

/// How many rows of each kind, and of each message how many were shown.
#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    pub good: usize,
    pub bad: usize,
    pub warnings: usize,
    pub changes: usize,
}

impl Counts {
    /// "… and 1,234 more bad rows", after the first `SHOWN`.
    fn tell_the_rest(&self, name: &str, err: &mut impl Write) {
        for (count, what) in [(self.bad, "bad rows"), (self.warnings, "warnings")] {
            if count > SHOWN {
                let _ = writeln!(err, "gavel: {name}: … and {} more {what}", store::thousands(count - SHOWN));
            }
        }
    }
}

/// An import under way.
struct Run<'w, C> {
    pub name: String,
    pub planner: Planner<'w, C>,
    archive: ArchivedRefs<'w>,
    broken: Option<LoadError>,
    pub dry_run: bool,
    /// What will be written: every change, unless this is a dry run.
    changes: Vec<Change>,
    /// What a dry run shows: the first changes, in words.
    pub shown: Vec<String>,
    pub counts: Counts,
}

impl<C: Fn(&crate::model::Action) -> [String; 9]> Run<'_, C> {
    /// One row as it is read: a bad one told, a good one's warnings told
    /// and its changes planned.
    fn take(&mut self, row: Result<Row, String>, err: &mut impl Write) {
        let row = match row {
            Ok(row) => row,
            Err(problem) => {
                self.counts.bad += 1;
                if self.counts.bad <= SHOWN {
                    let _ = writeln!(err, "gavel: {}: {}", self.name, clean(&problem));
                }
                return;
            }
        };
        self.counts.good += 1;
        for warning in &row.warnings {
            self.counts.warnings += 1;
            if self.counts.warnings <= SHOWN {
                let _ = writeln!(err, "gavel: warning: {}: row {}: {}", self.name, row.number, clean(warning));
            }
        }
        if self.broken.is_some() {
            return;
        }
        let reference = row.action.reference.as_str();
        let archived = match reference.is_empty() || self.planner.in_log(reference) {
            true => false,
            false => match self.archive.hold(reference) {
                Ok(held) => held,
                Err(e) => return self.broken = Some(e),
            },
        };
        for change in self.planner.add(row, archived) {
            self.counts.changes += 1;
            if !self.dry_run {
                self.changes.push(change);
            } else if self.shown.len() < SHOWN {
                self.shown.push(describe(&change));
            }
        }
    }
}

/// The refs of the archive's actions, read at the first row whose ref
/// the log does not hold (a sheet exported with --all, or before a year
/// was archived): as many as the archive has, whatever the sheet's length.
struct ArchivedRefs<'w> {
    root: &'w Path,
    ws: &'w Workspace,
    refs: Option<HashSet<String>>,
}

impl ArchivedRefs<'_> {
    fn hold(&mut self, reference: &str) -> Result<bool, LoadError> {
        if self.refs.is_none() {
            let mut refs = HashSet::new();
            for year in store::archived_actions(self.root, &self.ws.board, store::Years::NewestFirst) {
                refs.extend(year?.1.into_iter().map(|a| a.reference));
            }
            self.refs = Some(refs);
        }
        Ok(self.refs.as_ref().is_some_and(|refs| refs.contains(reference)))
    }
}

/// "imported 14 rows from FILE: 2 changed, 1 unchanged, 11 new; 2 bad rows
/// not imported (see above)", or with --dry-run what would be.
fn report<C>(run: &Run<C>, notes: &[String], out: &mut impl Write) {
    let plan = &run.planner.plan;
    let conflicts = match plan.conflicts.len() {
        0 => String::new(),
        1 => ", 1 conflict".into(),
        n => format!(", {n} conflicts"),
    };
    let bad = match run.counts.bad {
        0 => String::new(),
        1 => "; 1 bad row not imported (see above)".into(),
        n => format!("; {n} bad rows not imported (see above)"),
    };
    let verb = if run.dry_run { "would import" } else { "imported" };
    let (count, name) = (run.counts.good, &run.name);
    let (changed, unchanged, added) = (plan.changed, plan.unchanged, plan.added);
    let _ = writeln!(
        out,
        "{verb} {count} rows from {name}: {changed} changed, {unchanged} unchanged, {added} new{conflicts}{bad}"
    );
    if run.dry_run {
        for change in &run.shown {
            let _ = writeln!(out, "  {}", clean(change));
        }
        if let Some(more) = run.counts.changes.checked_sub(run.shown.len()).filter(|n| *n > 0) {
            let _ = writeln!(out, "  … and {} more changes", store::thousands(more));
        }
        let _ = writeln!(out, "--dry-run: nothing was written");
    }
    for note in notes {
        let _ = writeln!(out, "{}", clean(note));
    }
    if plan.whole_rows > 0 {
        let _ = writeln!(
            out,
            "{} row(s) had no Exported fingerprint (typed by hand?), so every cell that differs from gavel was taken",
            plan.whole_rows
        );
    }
}

/// One change of an import, in words: "new a: Circulate the tracker · CJ · due 1 May 2024".
fn describe(change: &Change) -> String {
    match change {
        Change::PutAction { action } => {
            let owners = if action.owners.is_empty() { "no owner".to_string() } else { action.owners.join("/") };
            let due = crate::model::action::due_words(action.due);
            format!("new {}: {} · {owners} · {due} · {}", action.reference, action.text, action.status.label())
        }
        Change::EditAction { reference, .. } => format!("{reference}: {}", change.intent()),
        other => other.intent(),
    }
}
