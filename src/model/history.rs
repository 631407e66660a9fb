//! A record's history: every change saved to it, when, by whom, which
//! fields from what to what, and why when the user said. Worked out in one
//! place, by comparing each record before and after a change is applied
//! (`note`), so every kind of change, today's and any added later, is kept
//! without being taught how.

use super::Timestamp;
use super::id::{BOOKKEEPING_FIELDS, Id};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

/// The name of the history field in every record that keeps one.
pub const HISTORY_FIELD: &str = "changes";

/// One saved change to one record.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    pub at: Timestamp,
    /// The name gavel knows the user by (see `store::author`).
    pub by: String,
    /// The record was made by this change.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One field from → to (`null`: it had no value). An entry added to a
/// list (an update, a person in the register) has no `from`; one taken
/// out of a list has no `to`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FieldChange {
    /// "due", "job title", "raised.item", "attendance[MM].status".
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "null_is_a_value")]
    pub from: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none", deserialize_with = "null_is_a_value")]
    pub to: Option<Value>,
}

/// `"from": null` is "had no value", not "not a field's change".
fn null_is_a_value<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<Value>, D::Error> {
    Value::deserialize(d).map(Some)
}

/// Who saves a change, when, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stamp {
    pub at: Timestamp,
    pub by: String,
    pub reason: Option<String>,
}

/// A record that keeps its history.
pub trait Recorded: Serialize + PartialEq {
    fn id(&self) -> &Id;
    fn history(&self) -> &[Entry];
    fn history_mut(&mut self) -> &mut Vec<Entry>;
    /// Fields that are a record of their own and not noted again (a
    /// meeting's timer journal, its frozen minutes).
    const QUIET: &'static [&'static str] = &[];
}

/// Notes `stamp` in the history of every record of `after` that differs
/// from its `before` (matched by identity), or that `before` did not have.
/// Records equal to before cost one comparison each.
pub fn note<T: Recorded>(before: &[T], after: &mut [T], stamp: &Stamp) {
    let index: std::collections::HashMap<&Id, &T> = before.iter().map(|r| (r.id(), r)).collect();
    for record in after.iter_mut() {
        let entry = match index.get(record.id()) {
            Some(was) if *was == record || same_as_stored(*was, record) => continue,
            Some(was) => match changes_between(*was, record) {
                fields if fields.is_empty() => continue,
                fields => entry(stamp, false, fields),
            },
            None if record.history().iter().any(|e| e.added) => continue,
            None => entry(stamp, true, vec![]),
        };
        record.history_mut().push(entry);
    }
}

/// Whether two versions of a record are stored alike: links that followed
/// a correction of initials name the same identity (`model::link`), and
/// the record itself did not change.
fn same_as_stored<T: Serialize>(was: &T, now: &T) -> bool {
    super::link::writing_file(|| serde_json::to_value(was).ok() == serde_json::to_value(now).ok())
}

/// Notes one record's change (a meeting: one record a document).
pub fn note_one<T: Recorded>(before: Option<&T>, after: &mut T, stamp: &Stamp) {
    note(before.map(std::slice::from_ref).unwrap_or_default(), std::slice::from_mut(after), stamp);
}

fn entry(stamp: &Stamp, added: bool, fields: Vec<FieldChange>) -> Entry {
    Entry { at: stamp.at, by: stamp.by.clone(), added, fields, reason: stamp.reason.clone() }
}

/// The fields that differ between two versions of a record, by field
/// name; nested records are matched by identity.
pub fn changes_between<T: Recorded>(before: &T, after: &T) -> Vec<FieldChange> {
    let (Ok(Value::Object(mut was)), Ok(Value::Object(mut now))) =
        (serde_json::to_value(before), serde_json::to_value(after))
    else {
        return vec![];
    };
    for quiet in T::QUIET {
        was.remove(*quiet);
        now.remove(*quiet);
    }
    let mut out = Vec::new();
    objects("", &was, &now, &mut out);
    out
}

/// The fields that differ between two versions of a document read as
/// JSON (a merge's sides), but for those named in `quiet`.
pub fn value_changes(before: &Value, after: &Value, quiet: &[&str]) -> Vec<FieldChange> {
    let strip = |v: &Value| {
        let mut map = v.as_object().cloned().unwrap_or_default();
        map.retain(|k, _| !quiet.contains(&k.as_str()));
        map
    };
    let mut out = Vec::new();
    objects("", &strip(before), &strip(after), &mut out);
    out
}

fn objects(path: &str, was: &Map<String, Value>, now: &Map<String, Value>, out: &mut Vec<FieldChange>) {
    let keys = now.keys().chain(was.keys().filter(|k| !now.contains_key(*k)));
    for key in keys.filter(|k| !BOOKKEEPING_FIELDS.contains(&k.as_str())) {
        // A record's own field in words ("job title"); a nested one as a path ("raised.item").
        let field = if path.is_empty() { key.replace('_', " ") } else { format!("{path}.{key}") };
        values(&field, was.get(key), now.get(key), out);
    }
}

fn values(field: &str, was: Option<&Value>, now: Option<&Value>, out: &mut Vec<FieldChange>) {
    if was == now {
        return;
    }
    // A list is written only when it holds something: absent is empty.
    let empty = Value::Array(vec![]);
    let absent_list = |other: Option<&Value>| other.is_some_and(Value::is_array).then_some(&empty);
    let (was, now) = (was.or(absent_list(now)), now.or(absent_list(was)));
    match (was, now) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => objects(field, a, b, out),
        (Some(Value::Array(a)), Some(Value::Array(b))) if identified(a) && identified(b) => lists(field, a, b, out),
        (Some(Value::Array(a)), Some(Value::Array(b))) if b.starts_with(a) => {
            out.extend(b[a.len()..].iter().map(|v| change(field, None, Some(v))));
        }
        (Some(Value::Array(a)), Some(Value::Array(b))) if a.starts_with(b) => {
            out.extend(a[b.len()..].iter().map(|v| change(field, Some(v), None)));
        }
        // A field with no value is written without it: from or to "none".
        _ => out.push(change(field, Some(was.unwrap_or(&Value::Null)), Some(now.unwrap_or(&Value::Null)))),
    }
}

/// Lists of records with identities: each matched by it, so a reordered
/// agenda or register notes only what changed in each.
fn lists(field: &str, was: &[Value], now: &[Value], out: &mut Vec<FieldChange>) {
    let id = |v: &Value| v.get(super::id::ID_FIELD).cloned();
    for item in now {
        let label = format!("{field}[{}]", label(item));
        match was.iter().find(|w| id(w) == id(item)) {
            Some(before) => values(&label, Some(before), Some(item), out),
            None => out.push(change(field, None, Some(item))),
        }
    }
    for gone in was.iter().filter(|w| !now.iter().any(|n| id(n) == id(w))) {
        out.push(change(field, Some(gone), None));
    }
}

/// The record as it stood at `at`: the changes its history notes after
/// that instant taken back, newest first. A record added after `at` is
/// taken as it was added (an action typed up the day after its meeting is
/// still that meeting's). Only changes to the record's own fields are
/// taken back; a history kept from schema version 2 on cannot take back
/// what happened before it.
pub fn as_at<T: Recorded + serde::de::DeserializeOwned + Clone>(record: &T, at: Timestamp) -> T {
    let later = record.history().iter().rev().take_while(|e| e.at > at && !e.added);
    let mut later = later.peekable();
    if later.peek().is_none() {
        return record.clone();
    }
    let Ok(Value::Object(mut fields)) = serde_json::to_value(record) else { return record.clone() };
    for entry in later {
        for change in entry.fields.iter().rev() {
            take_back(&mut fields, change);
        }
    }
    serde_json::from_value(Value::Object(fields)).unwrap_or_else(|_| record.clone())
}

/// One field put back as it was before `change`.
fn take_back(fields: &mut Map<String, Value>, change: &FieldChange) {
    // A nested field ("raised.item", "attendance[MM].status") is left as it is.
    if change.field.contains(['.', '[']) {
        return;
    }
    let key = change.field.replace(' ', "_");
    match (&change.from, &change.to) {
        (Some(Value::Null), Some(_)) => drop(fields.remove(&key)),
        (Some(from), Some(_)) => drop(fields.insert(key, from.clone())),
        // An entry added to a list: taken out again (the last one like it).
        (None, Some(added)) => {
            if let Some(Value::Array(list)) = fields.get_mut(&key)
                && let Some(at) = list.iter().rposition(|v| without_bookkeeping(v) == *added)
            {
                list.remove(at);
            }
        }
        (Some(removed), None) => match fields.get_mut(&key) {
            Some(Value::Array(list)) => list.push(removed.clone()),
            _ => drop(fields.insert(key, Value::Array(vec![removed.clone()]))),
        },
        (None, None) => {}
    }
}

/// Whether two versions of a record look the same to a person: equal but
/// for identities and histories (a file upgraded, a change noted).
pub fn alike<T: Serialize + PartialEq>(a: &T, b: &T) -> bool {
    a == b || {
        let shown = |r: &T| serde_json::to_value(r).map(|v| stripped(&v));
        matches!((shown(a), shown(b)), (Ok(a), Ok(b)) if a == b)
    }
}

/// A value with the bookkeeping fields taken out, at every depth.
fn stripped(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !BOOKKEEPING_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), stripped(v)))
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(stripped).collect()),
        other => other.clone(),
    }
}

fn identified(list: &[Value]) -> bool {
    list.iter().all(|v| v.get(super::id::ID_FIELD).and_then(Value::as_str).is_some_and(|s| !s.is_empty()))
}

/// What a person calls a record in a list: its initials, number or ref.
fn label(record: &Value) -> String {
    ["initials", "number", "ref", "item"]
        .iter()
        .find_map(|key| record.get(*key).and_then(Value::as_str))
        .unwrap_or("?")
        .to_string()
}

fn change(field: &str, from: Option<&Value>, to: Option<&Value>) -> FieldChange {
    FieldChange { field: field.to_string(), from: from.map(without_bookkeeping), to: to.map(without_bookkeeping) }
}

fn without_bookkeeping(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .filter(|(k, _)| !BOOKKEEPING_FIELDS.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// One entry as a line: "8 Dec 2026 10:02  Zoe Fearon  owners GB → PD · because …",
/// its time shown in the board's zone.
pub fn entry_line(entry: &Entry, zone: &super::zone::Zone) -> String {
    let when = zone.at(entry.at).format("%-d %b %Y %H:%M");
    let what = match (entry.added, entry.fields.is_empty()) {
        (true, _) => "added".to_string(),
        (false, true) => "saved, no field changed".to_string(),
        (false, false) => entry.fields.iter().map(words).collect::<Vec<_>>().join("; "),
    };
    let why = entry.reason.as_deref().map(|r| format!(" · because {r}")).unwrap_or_default();
    format!("{when}  {}  {what}{why}", entry.by)
}

/// A line's reason, as typed at its end: "L4 I3 because the contract
/// ended" is "L4 I3" and "the contract ended".
pub fn split_reason(line: &str) -> (&str, Option<String>) {
    const WORD: &str = " because ";
    let lower = line.to_ascii_lowercase();
    match lower.find(WORD) {
        Some(at) => {
            let reason = line[at + WORD.len()..].trim();
            (line[..at].trim_end(), (!reason.is_empty()).then(|| reason.to_string()))
        }
        None => (line, None),
    }
}

/// "owners GB → PD", "update added: …", "added".
pub fn words(change: &FieldChange) -> String {
    let show = |v: &Value| super::change::fields::show(Some(v));
    match (&change.from, &change.to) {
        (Some(from), Some(to)) => format!("{} {} → {}", change.field, show(from), show(to)),
        (None, Some(to)) => format!("{} added: {}", change.field, show(to)),
        (Some(from), None) => format!("{} removed: {}", change.field, show(from)),
        (None, None) => change.field.clone(),
    }
}

#[cfg(test)]
mod tests;
