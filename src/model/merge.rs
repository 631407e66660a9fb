//! Three-way merge of one workspace document, as git's merge driver for a
//! board kept in git: the common ancestor, this machine's version ("ours")
//! and the other machine's ("theirs"). Records are matched by identity
//! (`records`), in the order both sides left them (`order`), and merged
//! field by field with the rule every change follows: a field changed on
//! one side only is taken from that side. The same field changed
//! differently on both keeps the other machine's value (it was shared
//! first), and this machine's goes into the record's history and the
//! report. Two records never fuse because they bear one label: this
//! machine's is renumbered (`labels`). Histories, retired refs and a
//! risk's scorings merge as sets; timer journals by time; an approved
//! meeting is never changed (`approved`).

use super::Timestamp;
use super::change::fields::show;
use super::history::{Entry, FieldChange, HISTORY_FIELD};
use super::id::ID_FIELD;
use serde_json::{Map, Value};
use std::collections::HashSet;

pub use archived::fold_archived;
pub use lists::prune_journal;
pub use records::{Load, Out, Placed, Rec};

/// Which document a file is, by its place in the workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Document {
    Board,
    Actions,
    Risks,
    Meeting,
}

/// One of the three versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Base = 0,
    Ours = 1,
    Theirs = 2,
}

/// Whose label a merged record bears, in the order a clash keeps them:
/// unchanged since the base, then the other machine's, then this one's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Rank {
    Base,
    Theirs,
    Ours,
}

/// How a list inside a document merges.
#[derive(Clone, Copy)]
enum List {
    /// Records: matched by identity (or by label) and merged field by field.
    Records(records::Spec<'static>),
    /// Items kept as a set: each side's additions kept, each side's removals honoured.
    Set,
    /// Timer events: both sides' events, in time order.
    Journal,
}

const fn by_id(what: &'static str, label: &'static str) -> List {
    List::Records(records::Spec { what, label, by_label: false })
}

impl Document {
    fn lists(self) -> &'static [(&'static str, List)] {
        use List::*;
        const BOARD: &[(&str, List)] = &[("people", by_id("", "initials")), ("groups", by_id("", "initials"))];
        const ACTIONS: &[(&str, List)] = &[("actions", by_id("", "ref")), ("retired", Set), ("archived", Set)];
        const RISKS: &[(&str, List)] = &[("risks", by_id("", "ref")), ("retired", Set), ("archived", Set)];
        const ATTENDANCE: List = Records(records::Spec { what: "attendance of", label: "initials", by_label: true });
        const MEETING: &[(&str, List)] = &[
            ("agenda", by_id("item", "number")),
            ("attendance", ATTENDANCE),
            ("declarations", by_id("declaration of", "initials")),
            ("notes", by_id("note", "text")),
            ("decisions", by_id("decision", "text")),
            ("journal", Journal),
        ];
        match self {
            Document::Board => BOARD,
            Document::Actions => ACTIONS,
            Document::Risks => RISKS,
            Document::Meeting => MEETING,
        }
    }

    /// The list of the document's records whose labels must not clash.
    pub fn records_field(self) -> &'static str {
        match self {
            Document::Board => "people",
            Document::Actions => "actions",
            Document::Risks => "risks",
            Document::Meeting => "agenda",
        }
    }

    /// Fields of one record that merge as one value: a score is its
    /// likelihood and impact together (never one from each laptop), an
    /// action's status goes with its date closed.
    fn together(self) -> &'static [&'static [&'static str]] {
        match self {
            Document::Actions => &[&["status", "closed"]],
            Document::Risks => &[&["likelihood", "impact", "scored"], &["status", "closed"]],
            _ => &[],
        }
    }

    /// Lists inside one record that merge as sets (an action's updates, a risk's scorings).
    fn inner_sets(self) -> &'static [&'static str] {
        match self {
            Document::Actions => &["updates"],
            Document::Risks => &["history"],
            _ => &[],
        }
    }
}

/// A merged document and what the merge had to decide.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    pub value: Value,
    /// One line per decision: "A9 due: kept 12 Mar, yours 5 Mar in its history".
    pub report: Vec<String>,
}

/// Merges `ours` and `theirs`, which both came from `base`, at `now` (the
/// time of the history entries that record what the merge decided).
pub fn merge(doc: Document, base: &Value, ours: &Value, theirs: &Value, now: Timestamp) -> Merged {
    if doc == Document::Meeting
        && let Some(merged) = approved::kept_as_approved(base, ours, theirs, now)
    {
        return merged;
    }
    let mut merger = Merger::new(doc, now, [base, ours, theirs]);
    let value = merger.document(base, ours, theirs);
    Merged { value, report: merger.report }
}

/// A long action log or risk register merged a record at a time: its
/// other fields (`headers`, with no records) as values, its records seen
/// through `Rec`s and read through `load` only where two sides differ. The
/// merged header, the merged records in order (each a side's record as it
/// is, or one the merge made) and what the merge decided.
pub fn merge_long(
    doc: Document,
    headers: [&Value; 3],
    recs: [&[Rec]; 3],
    load: &mut records::Load,
    now: Timestamp,
) -> (Value, Vec<Placed>, Vec<String>) {
    let mut merger = Merger::new(doc, now, headers);
    let header = merger.document(headers[0], headers[1], headers[2]);
    let spec = records::Spec { what: "", label: "ref", by_label: false };
    let mut list = merger.records(spec, recs, load);
    let strings = |key: &str| -> Vec<String> {
        let values = header.get(key).and_then(Value::as_array).into_iter().flatten();
        values.filter_map(Value::as_str).map(str::to_string).collect()
    };
    let retired: HashSet<String> = strings("retired").into_iter().collect();
    let labelled = labels::Labelled { list: &mut list, load, field: "ref", history: true };
    merger.clashes(labels::Clash::Ref, &mut [labelled], &retired, &strings("archived"));
    (header, list, merger.report)
}

pub(crate) struct Merger {
    doc: Document,
    now: Timestamp,
    report: Vec<String>,
    /// Each side's retired refs: a record removed without being retired was archived.
    retired: [HashSet<String>; 3],
    /// Each side's highest archived ref of each style (the document's `archived`).
    archived: [Vec<String>; 3],
    /// Fields changed on both in a meeting's own records (an agenda item,
    /// a note), which keep no history: kept in the meeting's.
    pending: Vec<FieldChange>,
}

fn object(value: &Value) -> Map<String, Value> {
    value.as_object().cloned().unwrap_or_default()
}

impl Merger {
    fn new(doc: Document, now: Timestamp, sides: [&Value; 3]) -> Merger {
        let strings = |side: &Value, key: &str| -> Vec<String> {
            let refs = side.get(key).and_then(Value::as_array).into_iter().flatten();
            refs.filter_map(Value::as_str).map(str::to_string).collect()
        };
        let retired = sides.map(|side| strings(side, "retired").into_iter().collect());
        let archived = sides.map(|side| strings(side, "archived"));
        Merger { doc, now, report: Vec::new(), retired, archived, pending: Vec::new() }
    }

    fn document(&mut self, base: &Value, ours: &Value, theirs: &Value) -> Value {
        let (b, o, t) = (object(base), object(ours), object(theirs));
        let mut out = Map::new();
        let (mut names, mut lists, mut all_sides) = (Vec::new(), Vec::new(), Vec::new());
        for key in keys(&[&o, &t, &b]) {
            let rule = self.doc.lists().iter().find(|(name, _)| *name == key).map(|(_, rule)| *rule);
            let sides = [&b, &o, &t].map(|side| lists::items(side.get(&key)));
            let merged = match rule {
                Some(List::Records(spec)) => {
                    let recs = sides.each_ref().map(|values| recs_of(values, spec.label));
                    let list =
                        self.records(spec, [&recs[0], &recs[1], &recs[2]], &mut |s, i| sides[s as usize][i].clone());
                    names.push(key.clone());
                    lists.push(list);
                    all_sides.push(sides);
                    Some(Value::Array(vec![]))
                }
                Some(List::Set) => Some(Value::Array(lists::set(&sides[0], &sides[1], &sides[2]))),
                Some(List::Journal) => Some(Value::Array(lists::journal(&sides[1], &sides[2]))),
                None if key == HISTORY_FIELD => lists::history(o.get(&key), t.get(&key)),
                None => {
                    let before = self.report.len();
                    let kept = self.field("", &key, b.get(&key), o.get(&key), t.get(&key)).cloned();
                    if self.report.len() > before {
                        self.pending.push(change(&key, o.get(&key), t.get(&key)));
                    }
                    kept
                }
            };
            // Empty lists come out of the canonical files again when the typed document is written.
            out.extend(merged.map(|value| (key, value)));
        }
        self.labels(&out, &names, &mut lists, &all_sides);
        for ((key, list), sides) in names.into_iter().zip(lists).zip(all_sides) {
            let values = list.into_iter().map(|p| match p.out {
                Out::Kept(side, i) => sides[side as usize][i].clone(),
                Out::Made(value) => value,
            });
            out.insert(key, Value::Array(values.collect()));
        }
        let mut document = Value::Object(out);
        let pending = std::mem::take(&mut self.pending);
        if self.doc == Document::Meeting && !pending.is_empty() {
            self.noted(&mut document, pending, BOTH);
        }
        document
    }

    /// One field, three ways: the side that changed it wins; both changed
    /// it differently, the other machine's stands and this one's is
    /// reported and, in a record, kept in its history (`decided`).
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
        let line = format!("{record} {name}: kept {}, yours {}{BOTH_SAID}", self.shown(t), self.shown(o));
        self.report.push(line.trim_start().to_string());
        t
    }

    /// A value as the report says it: a date as "12 Mar" (with its year if not this one's).
    fn shown(&self, value: Option<&Value>) -> String {
        let text = show(value);
        match chrono::NaiveDate::parse_from_str(&text, "%Y-%m-%d") {
            Ok(date) if chrono::Datelike::year(&date) == chrono::Datelike::year(&self.now) => {
                date.format("%-d %b").to_string()
            }
            Ok(date) => date.format("%-d %b %Y").to_string(),
            Err(_) => text,
        }
    }

    /// One record present on all three sides (or new on both), field by field.
    fn record(&mut self, name: &str, base: &Value, ours: &Value, theirs: &Value) -> Value {
        let (b, o, t) = (object(base), object(ours), object(theirs));
        let (mut o, mut t) = (o, t);
        let mut both = Vec::new();
        // Fields that go together take one side's values, all of them.
        for group in self.doc.together() {
            let of = |m: &Map<String, Value>| group.iter().map(|k| m.get(*k).cloned()).collect::<Vec<_>>();
            let (bv, ov, tv) = (of(&b), of(&o), of(&t));
            if ov == tv || (ov != bv && tv == bv) {
                // Ours stands whole: theirs takes ours' values.
                copy(group, &o, &mut t);
                continue;
            }
            if ov != bv {
                // Changed on both, differently: the other machine's stands whole, ours is said and kept.
                let name_of = group.join(" and ");
                let said = |v: &[Option<Value>]| v.iter().map(|v| self.shown(v.as_ref())).collect::<Vec<_>>().join(" ");
                let line = format!("{name} {name_of}: kept {}, yours {}{BOTH_SAID}", said(&tv), said(&ov));
                self.report.push(line.trim_start().to_string());
                let differ = group.iter().filter(|k| o.get(**k) != t.get(**k));
                both.extend(differ.map(|k| change(k, o.get(*k), t.get(*k))));
            }
            copy(group, &t, &mut o);
        }
        let mut out = Map::new();
        for key in keys(&[&o, &t, &b]) {
            let merged = if key == HISTORY_FIELD {
                lists::history(o.get(&key), t.get(&key))
            } else if self.doc.inner_sets().contains(&key.as_str()) {
                let merged =
                    lists::set(&lists::items(b.get(&key)), &lists::items(o.get(&key)), &lists::items(t.get(&key)));
                (!merged.is_empty()).then_some(Value::Array(merged))
            } else {
                let before = self.report.len();
                let kept = self.field(name, &key, b.get(&key), o.get(&key), t.get(&key)).cloned();
                if self.report.len() > before {
                    both.push(change(&key, o.get(&key), t.get(&key)));
                }
                kept
            };
            out.extend(merged.map(|v| (key, v)));
        }
        let mut record = Value::Object(out);
        if self.doc == Document::Meeting {
            self.pending.extend(both.into_iter().map(|c| FieldChange { field: format!("{name} {}", c.field), ..c }));
        } else if !both.is_empty() {
            self.noted(&mut record, both, BOTH);
        }
        record
    }

    /// Adds an entry by "gavel merge" to a record's history.
    fn noted(&self, record: &mut Value, fields: Vec<FieldChange>, reason: &str) {
        let entry = Entry { at: self.now, by: "gavel merge".into(), added: false, fields, reason: Some(reason.into()) };
        let Ok(entry) = serde_json::to_value(&entry) else { return };
        match record.get_mut(HISTORY_FIELD).and_then(Value::as_array_mut) {
            Some(entries) => entries.push(entry),
            None => record[HISTORY_FIELD] = Value::Array(vec![entry]),
        }
    }
}

/// How the report's line for a field changed on both ends (the sync's summary counts them).
pub const BOTH_SAID: &str = " in its history";

/// Why a value of this machine's was replaced, in the record's history.
const BOTH: &str = "changed on both machines: the other machine's value kept, this machine's is the one it replaced";

/// A field's change for a history entry, from → to.
fn change(key: &str, from: Option<&Value>, to: Option<&Value>) -> FieldChange {
    let value = |v: Option<&Value>| Some(v.cloned().unwrap_or(Value::Null));
    FieldChange { field: key.replace('_', " "), from: value(from), to: value(to) }
}

/// The records of a list as the merge sees them.
fn recs_of(values: &[Value], label: &str) -> Vec<Rec> {
    let id = |v: &Value| v.get(ID_FIELD).and_then(Value::as_str).unwrap_or("").to_string();
    values.iter().map(|v| Rec::new(&id(v), &records::label_of(v, label), v.to_string().as_bytes())).collect()
}

/// `group`'s fields of `from`, set (or taken away) in `to`.
fn copy(group: &[&str], from: &Map<String, Value>, to: &mut Map<String, Value>) {
    for key in group {
        match from.get(*key) {
            Some(v) => to.insert(key.to_string(), v.clone()),
            None => to.remove(*key),
        };
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

mod approved;
mod archived;
#[cfg(test)]
mod identity_tests;
mod labels;
mod lists;
mod order;
mod records;
#[cfg(test)]
mod tests;
