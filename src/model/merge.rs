//! Three-way merge of one workspace document, as git's merge driver for a
//! board kept in git: the common ancestor, this machine's version ("ours")
//! and the other machine's ("theirs"). Records are matched by their keys
//! (an action's ref, a person's initials, an agenda item's number) and
//! merged field by field with the same rule every change follows: a field
//! changed on one side only is taken from that side. The rest is stated in
//! README: the same field changed differently on both sides keeps the other
//! machine's value (it was shared first) and records this one's, on an
//! action as a dated update; a ref taken on both sides for different
//! actions renumbers this machine's; lists of notes, updates and retired
//! refs are merged as sets; timer journals by time.

use super::change::fields::show;
use super::history::HISTORY_FIELD;
use super::id::ID_FIELD;
use serde_json::{Map, Value};

/// Which document a file is, by its place in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Board,
    Actions,
    Risks,
    Meeting,
}

/// How a list inside a document merges.
#[derive(Clone, Copy)]
enum List {
    /// Records with a key: merged record by record, field by field.
    Keyed(&'static [&'static str]),
    /// Items kept as a set: each side's additions kept, each side's removals honoured.
    Set,
    /// Timer events: both sides' events, in time order.
    Journal,
}

impl Document {
    fn lists(self) -> &'static [(&'static str, List)] {
        use List::*;
        match self {
            Document::Board => &[("people", Keyed(&["initials"])), ("groups", Keyed(&["initials"]))],
            Document::Actions => &[("actions", Keyed(&["ref"])), ("retired", Set), ("archived", Set)],
            Document::Risks => &[("risks", Keyed(&["ref"])), ("retired", Set), ("archived", Set)],
            Document::Meeting => &[
                ("agenda", Keyed(&["number"])),
                ("attendance", Keyed(&["initials"])),
                ("declarations", Keyed(&["initials", "item"])),
                ("notes", Set),
                ("decisions", Set),
                ("journal", Journal),
            ],
        }
    }

    /// Lists inside one record that merge as sets (an action's updates, a risk's history).
    fn inner_sets(self) -> &'static [&'static str] {
        match self {
            Document::Actions => &["updates"],
            Document::Risks => &["history"],
            _ => &[],
        }
    }

    /// What a record of the document's main list is called in the report.
    fn what(self, list: &str) -> &'static str {
        match (self, list) {
            (Document::Meeting, "attendance") => "attendance of",
            (Document::Meeting, "agenda") => "item",
            (Document::Meeting, "declarations") => "declaration of",
            (Document::Board, _) => "register entry",
            _ => "",
        }
    }
}

/// A merged document and what the merge had to decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub value: Value,
    /// One line per decision: "A14 owner: changed on both machines; PD (the other machine's) kept, MM noted".
    pub report: Vec<String>,
}

/// Merges `ours` and `theirs`, which both came from `base`. `today` dates
/// the updates that record a decision on an action.
pub fn merge(doc: Document, base: &Value, ours: &Value, theirs: &Value, today: &str) -> Merged {
    if doc == Document::Meeting
        && let Some(merged) = approved::kept_as_approved(base, ours, theirs, today)
    {
        return merged;
    }
    let mut merger = Merger { doc, today: today.to_string(), report: Vec::new() };
    let value = merger.document(base, ours, theirs);
    Merged { value, report: merger.report }
}

struct Merger {
    doc: Document,
    today: String,
    report: Vec<String>,
}

fn object(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

fn items(value: Option<&Value>) -> Vec<Value> {
    value.and_then(Value::as_array).cloned().unwrap_or_default()
}

impl Merger {
    fn document(&mut self, base: &Value, ours: &Value, theirs: &Value) -> Value {
        let (b, o, t) = (object(base), object(ours), object(theirs));
        let mut out = Map::new();
        for key in keys(&[&o, &t, &b]) {
            let rule = self.doc.lists().iter().find(|(name, _)| *name == key).map(|(_, rule)| *rule);
            let merged = match rule {
                Some(List::Keyed(fields)) => Some(Value::Array(self.keyed(
                    &key,
                    fields,
                    &items(b.get(&key)),
                    &items(o.get(&key)),
                    &items(t.get(&key)),
                ))),
                Some(List::Set) => {
                    Some(Value::Array(set(&items(b.get(&key)), &items(o.get(&key)), &items(t.get(&key)))))
                }
                Some(List::Journal) => Some(Value::Array(journal(&items(o.get(&key)), &items(t.get(&key))))),
                None if key == HISTORY_FIELD => history(o.get(&key), t.get(&key)),
                None => self.field("", &key, b.get(&key), o.get(&key), t.get(&key)).cloned(),
            };
            // Empty lists come out of the canonical files again when the typed document is written.
            out.extend(merged.map(|value| (key, value)));
        }
        Value::Object(out)
    }

    /// One field, three ways: the side that changed it wins; both changed
    /// it differently, the other machine's stands and this one's is reported.
    fn field<'a>(
        &mut self,
        record: &str,
        key: &str,
        b: Option<&'a Value>,
        o: Option<&'a Value>,
        t: Option<&'a Value>,
    ) -> Option<&'a Value> {
        if o == t || t == b {
            return o;
        }
        if o == b {
            return t;
        }
        // A record given an identity on both machines (each upgraded a
        // version-1 file): one is kept, and nothing was lost to report.
        if key == ID_FIELD {
            return t;
        }
        let name = key.replace('_', " ");
        let line = format!(
            "{record}{}{name}: changed on both machines; {} (the other machine's) kept, {} (this machine's) noted",
            if record.is_empty() { "" } else { " " },
            show(t),
            show(o)
        );
        self.report.push(line.trim_start().to_string());
        t
    }

    /// A keyed list: records matched by key, merged field by field.
    fn keyed(&mut self, list: &str, fields: &[&str], base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
        let key = |v: &Value| fields.iter().map(|f| show(v.get(*f))).collect::<Vec<_>>().join(" item ");
        let find = |all: &[Value], k: &str| all.iter().find(|v| key(v) == k).cloned();
        let what = self.doc.what(list);
        let mut out: Vec<Value> = Vec::new();
        let mut renumber: Vec<Value> = Vec::new();
        let mut seen: Vec<String> = Vec::new();
        for record in ours.iter().chain(theirs) {
            let k = key(record);
            if seen.contains(&k) {
                continue;
            }
            seen.push(k.clone());
            let name = format!("{what} {k}").trim().to_string();
            let (b, o, t) = (find(base, &k), find(ours, &k), find(theirs, &k));
            match (b, o, t) {
                (Some(b), Some(o), Some(t)) => out.push(self.record(&name, &b, &o, &t)),
                (None, Some(o), Some(t)) if o == t => out.push(o),
                (None, Some(o), Some(t)) if self.doc == Document::Actions => {
                    // One ref, two different new actions: this machine's gets a new ref.
                    out.push(t);
                    renumber.push(o);
                }
                (None, Some(o), Some(t)) => out.push(self.record(&name, &Value::Object(Map::new()), &o, &t)),
                (None, Some(one), None) | (None, None, Some(one)) => out.push(one),
                // Removed on one side: gone, unless the other side changed it meanwhile.
                (Some(b), Some(kept), None) | (Some(b), None, Some(kept)) => {
                    if kept != b {
                        self.report.push(format!("{name}: removed on one machine but changed on the other; kept"));
                        out.push(kept);
                    }
                }
                (_, None, None) => {}
            }
        }
        for mut action in renumber {
            let taken = out.iter().chain(ours).chain(theirs).filter_map(|a| a.get("ref")?.as_str().map(str::to_string));
            let taken: Vec<String> = taken.collect();
            let new = super::action::next_ref_after(taken.iter().map(String::as_str));
            let old = show(action.get("ref"));
            self.report.push(format!("{old} was given on both machines: this machine's is now {new}"));
            action["ref"] = Value::String(new);
            self.note(
                &mut action,
                &format!("Renumbered from {old} in a merge: the other machine had given {old} to another action"),
            );
            out.push(action);
        }
        out
    }

    /// One record present on all three sides, field by field.
    fn record(&mut self, name: &str, base: &Value, ours: &Value, theirs: &Value) -> Value {
        let (b, o, t) = (object(base), object(ours), object(theirs));
        let before = self.report.len();
        let mut out = Map::new();
        for key in keys(&[&o, &t, &b]) {
            let merged = if key == HISTORY_FIELD {
                history(o.get(&key), t.get(&key))
            } else if self.doc.inner_sets().contains(&key.as_str()) {
                let merged = set(&items(b.get(&key)), &items(o.get(&key)), &items(t.get(&key)));
                (!merged.is_empty()).then_some(Value::Array(merged))
            } else {
                self.field(name, &key, b.get(&key), o.get(&key), t.get(&key)).cloned()
            };
            out.extend(merged.map(|v| (key, v)));
        }
        let mut record = Value::Object(out);
        if self.doc == Document::Actions {
            let decided: Vec<String> = self.report[before..].to_vec();
            for line in decided {
                self.note(&mut record, &format!("Merged: {line}"));
            }
        }
        record
    }

    /// Adds a dated update to an action, so the decision stays on its record.
    fn note(&self, action: &mut Value, text: &str) {
        let update = serde_json::json!({ "date": self.today, "text": text });
        match action.get_mut("updates").and_then(Value::as_array_mut) {
            Some(updates) => updates.push(update),
            None => action["updates"] = Value::Array(vec![update]),
        }
    }
}

/// The keys of these objects, each once, in the order first met.
fn keys(maps: &[&Map<String, Value>]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for map in maps {
        for key in map.keys() {
            if !out.contains(key) {
                out.push(key.clone());
            }
        }
    }
    out
}

/// A list as a set: what either side added is kept, what either removed is gone.
fn set(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let removed_by_them = |v: &Value| base.contains(v) && !theirs.contains(v);
    let mut out: Vec<Value> = ours.iter().filter(|v| !removed_by_them(v)).cloned().collect();
    for v in theirs {
        if !base.contains(v) && !out.contains(v) {
            out.push(v.clone());
        }
    }
    out
}

/// Both sides' timer events, each once, in time order (ours first on a tie).
fn journal(ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = ours.to_vec();
    for event in theirs {
        if !out.contains(event) {
            out.push(event.clone());
        }
    }
    let at = |v: &Value| v.get("at").and_then(Value::as_str).and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok());
    out.sort_by_key(at);
    out
}

/// A record's history: both sides' entries, each once, in time order.
fn history(ours: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
    let merged = journal(&items(ours), &items(theirs));
    (!merged.is_empty()).then_some(Value::Array(merged))
}

/// Drops the timer events that no longer replay once two journals are
/// merged (both chairs pressed space, say); returns what was dropped.
pub fn prune_journal(meeting: &mut super::Meeting) -> Vec<String> {
    let mut dropped = Vec::new();
    while let Err(e) = super::timer::TimerState::replay(meeting) {
        if e.index >= meeting.journal.len() {
            break;
        }
        let event = meeting.journal.remove(e.index);
        dropped.push(format!(
            "timer: {} at {} from one machine no longer fits the merged journal ({}); dropped",
            serde_json::to_value(event.event).ok().as_ref().map_or(String::new(), |v| show(Some(v))),
            event.at.format("%H:%M:%S"),
            e.message
        ));
    }
    dropped
}

mod approved;
#[cfg(test)]
mod tests;
