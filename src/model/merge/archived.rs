//! A record in both a daily file and the archive, different in each: a
//! merge made while one machine had closed it and moved it to the archive
//! and the other changed it (an update on an action, a rescore). Git saw a
//! record gone from one side's daily file and changed on the other's, and
//! kept the change in the daily file; the closed copy went to the archive.
//! Folded here into one record: closed, with the change.
//!
//! The copy both started from is the merge's base when the sync has it
//! (git's merge base). Otherwise (a plain `git pull` merged it earlier) it
//! is made from the histories: every change gavel makes is noted in its
//! record's history, and the entries the daily copy has and the archived
//! one does not are the changes made since the two parted. Undone from the
//! daily copy, they give the copy both started from; a hand edit, which
//! keeps no history, is then taken for the base.

use super::records::{Label, Placed, label_of};
use super::{Document, FieldChange, HISTORY_FIELD, Merger, Out, Rank, Side, Timestamp, change, lists, object};
use serde_json::Value;
use std::collections::HashSet;

/// The one record `archived` (closed in the archive) and `daily` (changed
/// in the daily file) fold into, from `base` (the record both started
/// from, when known), and the report's line for it. Fields
/// changed on both keep the archived copy's value (it is the closed one);
/// the daily copy's is kept in the history, as any merge keeps it.
pub fn fold_archived(
    doc: Document,
    name: &str,
    base: Option<&Value>,
    archived: &Value,
    daily: &Value,
    now: Timestamp,
) -> (Value, String) {
    let base = base.cloned().unwrap_or_else(|| before_the_parting(daily, archived));
    let mut merger = Merger::new(doc, now, [&base, daily, archived]);
    // Both histories, each entry once; a field changed on both is noted after them.
    let folded = merger.record(name, &base, daily, archived);
    let line = format!("{name}: closed and archived on one machine and changed on the other; closed, with the change");
    (folded, line)
}

/// The daily copy with the changes its history has and the archived
/// copy's has not taken back, latest first: the record as both had it.
fn before_the_parting(daily: &Value, archived: &Value) -> Value {
    let theirs: HashSet<String> = lists::items(archived.get(HISTORY_FIELD)).iter().map(Value::to_string).collect();
    let own = lists::items(daily.get(HISTORY_FIELD));
    let mut base = object(daily);
    for entry in own.iter().rev().filter(|e| !theirs.contains(&e.to_string())) {
        let Ok(fields) = serde_json::from_value::<Vec<FieldChange>>(entry.get("fields").cloned().unwrap_or_default())
        else {
            continue;
        };
        for change in fields {
            // The history says a field in words ("job title"): the record's key that reads so.
            let key = base.keys().chain(object(archived).keys()).find(|k| k.replace('_', " ") == change.field).cloned();
            match (key, change.from) {
                (Some(key), Some(Value::Null) | None) => base.remove(&key),
                (Some(key), Some(from)) => base.insert(key, from),
                (None, _) => None,
            };
        }
    }
    base.remove(HISTORY_FIELD);
    Value::Object(base)
}

impl Merger {
    /// Whether a record gone from `side` was closed there (and moved to the
    /// archive), not deleted: a deleted risk's ref is retired.
    pub(super) fn closed_elsewhere(&self, label: &str, side: Side) -> bool {
        self.doc == Document::Risks && !self.retired[side as usize].contains(label)
    }

    /// A risk closed (and archived) on one machine and changed on the
    /// other: closed, with the change, never open in one file and closed in another.
    pub(super) fn kept_closed(&mut self, name: &str, mut value: Value, label: &str, rank: Rank) -> Placed {
        let closed = Value::String("closed".into());
        if value.get("status") != Some(&closed) {
            let fields = vec![change("status", value.get("status"), Some(&closed))];
            value["status"] = closed;
            self.noted(
                &mut value,
                fields,
                "closed on the other machine while changed on this one: closed, with the change",
            );
        }
        self.report.push(format!("{name}: closed on one machine and changed on the other; closed, with the change"));
        Placed { label: Label::new(&label_of(&value, label)), out: Out::Made(value), rank, alone: false }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn now() -> Timestamp {
        "2027-01-10T09:00:00Z".parse().unwrap()
    }

    fn entry(at: &str, field: &str, from: Value, to: Value) -> Value {
        json!({ "at": at, "by": "Mary", "fields": [{ "field": field, "from": from, "to": to }] })
    }

    #[test]
    fn an_action_done_and_archived_on_one_side_and_updated_on_the_other_is_done_with_the_update() {
        let made = json!({ "at": "2026-11-01T10:00:00Z", "by": "Mary", "added": true });
        let done = entry("2026-12-20T10:00:00Z", "status", json!("open"), json!("done"));
        let text = entry("2026-12-21T10:00:00Z", "text", json!("Book the room"), json!("Book the hall"));
        let archived = json!({ "id": "a3", "ref": "A3", "text": "Book the room", "status": "done",
            "closed": "2026-12-20", "changes": [made, done] });
        let daily = json!({ "id": "a3", "ref": "A3", "text": "Book the hall", "status": "open",
            "changes": [made, text] });
        let (folded, line) = fold_archived(Document::Actions, "A3", None, &archived, &daily, now());
        assert_eq!(folded["status"], "done");
        assert_eq!(folded["closed"], "2026-12-20");
        assert_eq!(folded["text"], "Book the hall", "the change made on the other machine is kept");
        assert_eq!(folded["changes"].as_array().unwrap().len(), 3, "both histories, each entry once: {folded}");
        assert!(line.contains("closed, with the change"), "{line}");
    }

    #[test]
    fn a_field_changed_on_both_keeps_the_closed_copys_and_notes_the_other() {
        let due = |to: &str| entry("2026-12-21T10:00:00Z", "due", json!("2026-12-01"), json!(to));
        let done = entry("2026-12-20T10:00:00Z", "status", json!("open"), json!("done"));
        let archived = json!({ "id": "a3", "ref": "A3", "due": "2026-12-24", "status": "done",
            "closed": "2026-12-20", "changes": [done, due("2026-12-24")] });
        let daily = json!({ "id": "a3", "ref": "A3", "due": "2027-01-31", "status": "open",
            "changes": [due("2027-01-31")] });
        let (folded, _) = fold_archived(Document::Actions, "A3", None, &archived, &daily, now());
        assert_eq!((folded["due"].as_str(), folded["status"].as_str()), (Some("2026-12-24"), Some("done")));
        let noted = folded["changes"].as_array().unwrap().iter().any(|e| e["by"] == "gavel merge");
        assert!(noted, "the other machine's deadline is kept in the history: {folded}");
    }
}
