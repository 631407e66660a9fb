//! What the quick-add input holds, read as actions: one a line as typed,
//! or a pasted table read by its columns (owners, deadlines, the minutes'
//! own refs). The preview shows it and Enter saves it from this one reading.

use super::{App, Change, Effect, Input};
use crate::model::Refusal;
use crate::model::action::next_ref_after;
use crate::model::quickadd::columns::{self, RowReading};
use crate::model::quickadd::{self, Reading};
use crate::model::{Action, ActionLog};

/// One action to be saved, or why it cannot be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// "a. " (the table's ref), "3. " (the line), or "" for one line alone.
    pub label: String,
    pub reading: Result<Reading, String>,
    /// The ref the table gave it, when the log will give the same.
    pub reference: Option<String>,
}

/// The input as actions.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Capture {
    /// "a table of 12 rows, read by its header: no · action · owner · deadline".
    pub table: Option<String>,
    /// How the table's refs are kept: as the log's, or in the text.
    pub refs: Option<String>,
    pub entries: Vec<Entry>,
}

impl Capture {
    pub fn warned(&self) -> usize {
        self.entries.iter().filter(|e| e.reading.as_ref().is_ok_and(|r| !r.warnings.is_empty())).count()
    }

    pub fn refused(&self) -> usize {
        self.entries.iter().filter(|e| e.reading.is_err()).count()
    }

    /// "12 actions · 3 with warnings · 1 cannot be read".
    pub fn summary(&self) -> String {
        let n = self.entries.len();
        let mut parts = vec![format!("{n} action{}", if n == 1 { "" } else { "s" })];
        if self.warned() > 0 {
            parts.push(format!("{} with warnings", self.warned()));
        }
        if self.refused() > 0 {
            parts.push(format!("{} cannot be read", self.refused()));
        }
        parts.join(" · ")
    }

    /// The changes that save every entry, in order; the first entry with a
    /// ref of its own is put in with it, the rest are given theirs in turn.
    pub fn effects(self, raised: Option<crate::model::action::Raised>) -> Vec<Effect> {
        let mut out = Vec::new();
        for entry in self.entries {
            let Ok(reading) = entry.reading else { continue };
            let change = match entry.reference {
                Some(reference) if out.is_empty() => {
                    Change::PutAction { action: Action::new(reference, reading.draft, raised.clone()) }
                }
                _ => Change::AddAction { draft: reading.draft, raised: raised.clone() },
            };
            out.push(Effect::Save(change));
        }
        out
    }
}

impl App {
    /// The quick-add text as actions: a table by its columns, else a line each.
    pub fn read_capture(&self, text: &str) -> Capture {
        if let Some(table) = columns::split(text) {
            return self.read_table(&table);
        }
        // One action a line; "Action:" after a sentence starts one too.
        let mut lines: Vec<(&str, Option<&str>)> = Vec::new();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let (parts, before) = quickadd::split_actions(line);
            lines.extend(parts.into_iter().enumerate().map(|(i, part)| (part, before.filter(|_| i == 0))));
        }
        let numbered = lines.len() > 1;
        let entries = lines
            .iter()
            .enumerate()
            .map(|(n, (line, before))| Entry {
                label: if numbered { format!("{}. ", n + 1) } else { String::new() },
                reading: self.read_line(line).map(|mut r| {
                    if let Some(before) = before {
                        r.warnings.push(format!("the words before \"Action:\" are left out: {before:?}"));
                    }
                    self.with_repeats(r)
                }),
                reference: None,
            })
            .collect();
        Capture { table: None, refs: None, entries }
    }

    fn read_table(&self, table: &columns::Table) -> Capture {
        let rows = table.read(&self.workspace.board, &self.date_context());
        let log = &self.workspace.actions;
        let refs: Vec<Option<String>> = rows.iter().map(|r| r.reference.clone()).collect();
        let (own, said) = match refs.iter().cloned().collect::<Option<Vec<String>>>() {
            Some(refs) => fit_refs(log, &refs),
            None => (false, None),
        };
        let entries = rows
            .into_iter()
            .enumerate()
            .map(|(n, RowReading { reference, reading, .. })| {
                let label = reference.as_ref().map_or(format!("{}. ", n + 1), |r| format!("{r}. "));
                let reading = reading.map(|mut r| {
                    if let (false, Some(written)) = (own, &reference) {
                        r.draft.text = format!("{} (minutes' ref {written})", r.draft.text);
                    }
                    self.with_repeats(r)
                });
                Entry { label, reading, reference: if own { reference } else { None } }
            })
            .collect();
        Capture { table: Some(table.describe()), refs: said, entries }
    }

    /// The reading, with a warning when an open action says the same.
    fn with_repeats(&self, mut reading: Reading) -> Reading {
        let editing = match self.input.as_ref().map(|i| &i.purpose) {
            Some(super::Purpose::Edit(reference)) => Some(reference.as_str()),
            _ => None,
        };
        if let Some(same) = crate::model::arising::repeats(&self.workspace.actions, &reading.draft.text, editing) {
            reading.warnings.push(same);
        }
        reading
    }
}

/// Whether the table's refs can be the log's own: the log has none yet and
/// they count on from the first, or they are the very refs it gives next.
/// Else they are kept in each action's text.
fn fit_refs(log: &ActionLog, refs: &[String]) -> (bool, Option<String>) {
    let fresh = log.actions.is_empty() && log.retired.is_empty() && log.archived.is_empty();
    let counts_on = (1..refs.len()).all(|i| next_ref_after(refs[..i].iter().map(String::as_str)) == refs[i]);
    let next = log.next_ref();
    let (first, last) = (refs.first().cloned().unwrap_or_default(), refs.last().cloned().unwrap_or_default());
    if counts_on && (fresh || first == next) {
        return (true, Some(format!("refs {first}–{last} become the log's own")));
    }
    let why = if counts_on { format!("the log's next ref is {next}") } else { "they do not count on".to_string() };
    (false, Some(format!("refs {first}–{last} are kept in each action's text ({why})")))
}

/// Whether Enter may save the quick-add text's actions: every one reads,
/// and any warnings were shown once already (this Enter is the second on
/// the same text). Otherwise says why not.
pub(super) fn confirm(app: &mut App, input: &Input, capture: &Capture) -> Result<(), Refusal> {
    if let Some(bad) = capture.entries.iter().find(|e| e.reading.is_err()) {
        let why = bad.reading.as_ref().err().cloned().unwrap_or_default();
        let at = bad.label.trim().trim_end_matches('.');
        let at = if at.is_empty() {
            String::new()
        } else {
            format!("{} {at}: ", if capture.table.is_some() { "row" } else { "line" })
        };
        return Err(Refusal::rule(format!("{at}{why}")));
    }
    if capture.entries.is_empty() {
        return Err(Refusal::rule("an action needs some words saying what is to be done"));
    }
    let warnings: Vec<String> = capture
        .entries
        .iter()
        .filter_map(|e| e.reading.as_ref().ok().map(|r| (e, r)))
        .flat_map(|(e, r)| r.warnings.iter().map(move |w| format!("{}{w}", e.label)))
        .collect();
    if !warnings.is_empty() && input.warned.as_deref() != Some(input.text.as_str()) {
        let first = warnings[0].clone();
        let more = if warnings.len() > 1 { format!(" (and {} more)", warnings.len() - 1) } else { String::new() };
        if let Some(open) = app.input.as_mut() {
            open.warned = Some(input.text.clone());
        }
        return Err(Refusal::Confirm(format!("⚠ {first}{more}: Enter again saves as shown, or edit the line")));
    }
    Ok(())
}
