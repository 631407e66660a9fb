//! Lists merged as wholes: sets (retired refs, a risk's scorings, an
//! action's updates), timer journals and histories by time. Each value is
//! compared by its text, through a hash set, so a long list costs its
//! length, not its length squared.

use crate::model::change::fields::show;
use serde_json::Value;
use std::collections::HashSet;

/// A value as text, to compare and to hash (serde_json keeps keys in order).
fn text(value: &Value) -> String {
    value.to_string()
}

/// A list as a set: what either side added is kept, what either removed is gone.
pub(super) fn set(base: &[Value], ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let base_texts: HashSet<String> = base.iter().map(text).collect();
    let their_texts: HashSet<String> = theirs.iter().map(text).collect();
    let mut seen: HashSet<String> = HashSet::new();
    let mut out = Vec::new();
    for v in ours {
        let t = text(v);
        let removed_by_them = base_texts.contains(&t) && !their_texts.contains(&t);
        if !removed_by_them && seen.insert(t) {
            out.push(v.clone());
        }
    }
    for v in theirs {
        let t = text(v);
        if !base_texts.contains(&t) && seen.insert(t) {
            out.push(v.clone());
        }
    }
    out
}

/// Both sides' timer events, each once, in time order (ours first on a tie).
pub(super) fn journal(ours: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut seen: HashSet<String> = HashSet::new();
    let mut out: Vec<Value> = Vec::with_capacity(ours.len() + theirs.len());
    for event in ours.iter().chain(theirs) {
        if seen.insert(text(event)) {
            out.push(event.clone());
        }
    }
    let at = |v: &Value| v.get("at").and_then(Value::as_str).and_then(|s| chrono::DateTime::parse_from_rfc3339(s).ok());
    out.sort_by_key(at);
    out
}

/// A record's history: both sides' entries, each once, in time order.
pub(super) fn history(ours: Option<&Value>, theirs: Option<&Value>) -> Option<Value> {
    let merged = journal(&items(ours), &items(theirs));
    (!merged.is_empty()).then_some(Value::Array(merged))
}

pub(super) fn items(value: Option<&Value>) -> Vec<Value> {
    value.and_then(Value::as_array).cloned().unwrap_or_default()
}

/// Drops the timer events that no longer replay once two journals are
/// merged (both chairs pressed space, say); returns what was dropped.
pub fn prune_journal(meeting: &mut crate::model::Meeting) -> Vec<String> {
    let mut dropped = Vec::new();
    while let Err(e) = crate::model::timer::TimerState::replay(meeting) {
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
