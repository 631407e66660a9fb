//! An approved meeting is never changed by a merge. When one machine
//! approved the minutes and the other, not yet synced, went on changing the
//! meeting (a note, a decision, an attendance mark), the approved side is
//! kept as it is, and what the other side changed is kept aside in the
//! meeting's history, named as such, to be proposed as an amendment at the
//! next meeting: never merged into the minutes, never silently dropped.

use super::Merged;
use crate::model::Timestamp;
use crate::model::history::{self, Entry, HISTORY_FIELD};
use serde_json::Value;

/// The merged meeting when exactly one side approved it and the other
/// changed it meanwhile; `None` when the ordinary merge applies.
pub(super) fn kept_as_approved(base: &Value, ours: &Value, theirs: &Value, now: Timestamp) -> Option<Merged> {
    let approved = |v: &Value| v.get("approved").is_some_and(|a| !a.is_null());
    if approved(base) {
        return None;
    }
    let (kept, aside, where_aside) = match (approved(ours), approved(theirs)) {
        (true, false) => (ours, theirs, "the other machine"),
        (false, true) => (theirs, ours, "this machine"),
        _ => return None,
    };
    let fields = history::value_changes(base, aside, &[HISTORY_FIELD, "minutes"]);
    if fields.is_empty() {
        return None;
    }
    let date = kept.get("date").and_then(Value::as_str).unwrap_or("?").to_string();
    let reason = format!(
        "made on {where_aside} after the minutes were approved on the other: kept aside, not in the approved minutes; propose them as an amendment at the next meeting"
    );
    let entry = Entry { at: now, by: "gavel merge".into(), added: false, fields, reason: Some(reason) };
    let count = entry.fields.len();
    let mut value = kept.clone();
    let mut entries = super::lists::history(ours.get(HISTORY_FIELD), theirs.get(HISTORY_FIELD))
        .and_then(|v| v.as_array().cloned())
        .unwrap_or_default();
    entries.push(serde_json::to_value(&entry).ok()?);
    value[HISTORY_FIELD] = Value::Array(entries);
    let report = vec![format!(
        "the meeting of {date} was approved on one machine and changed on the other: {count} change(s) from {where_aside} kept aside in its history, not in the approved minutes"
    )];
    Some(Merged { value, report })
}
