//! Concurrent changes on two machines, merged: nothing lost, the same
//! field changed twice decided by the stated rule and recorded.

use super::*;
use serde_json::json;

pub(super) fn now() -> crate::model::Timestamp {
    "2022-03-04T10:00:00+00:00".parse().unwrap()
}

fn log(actions: Value) -> Value {
    json!({ "schema_version": 1, "actions": actions })
}

/// An action whose identity follows its text: the same action on every side.
fn a(reference: &str, text: &str, owners: &[&str], status: &str) -> Value {
    let id = format!("id{}", text.len() * 7 + text.bytes().map(usize::from).sum::<usize>());
    json!({ "id": id, "ref": reference, "text": text, "owners": owners, "status": status })
}

fn merged(base: Value, ours: Value, theirs: Value) -> Merged {
    merge(Document::Actions, &base, &ours, &theirs, now())
}

#[test]
fn both_sides_additions_are_kept_and_a_ref_taken_twice_is_renumbered_here() {
    let base = log(json!([a("A1", "Minutes", &["MM"], "open")]));
    let ours = log(json!([a("A1", "Minutes", &["MM"], "open"), a("A2", "Book the room", &["GB"], "open")]));
    let theirs = log(json!([a("A1", "Minutes", &["MM"], "open"), a("A2", "Circulate the tracker", &["PD"], "open")]));
    let out = merged(base, ours, theirs);
    let actions = out.value["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 3);
    assert_eq!(actions[1]["text"], "Circulate the tracker", "the other machine's A2 keeps its ref");
    assert_eq!((actions[2]["ref"].as_str(), actions[2]["text"].as_str()), (Some("A3"), Some("Book the room")));
    let noted = &actions[2]["changes"][0];
    assert_eq!(
        (noted["by"].as_str(), &noted["fields"][0]),
        (Some("gavel merge"), &json!({"field": "ref", "from": "A2", "to": "A3"}))
    );
    assert_eq!(out.report, vec!["A2 was given on both machines: this machine's is now A3"]);
}

#[test]
fn different_fields_both_stay_and_the_same_field_keeps_theirs_with_this_one_in_its_history() {
    let with = |text: &str, owner: &str, status: &str| {
        let mut action = a("A1", "Minutes", &[owner], status);
        action["text"] = json!(text);
        log(json!([action]))
    };
    let (base, ours, theirs) =
        (with("Minutes", "MM", "open"), with("Amend the minutes", "GB", "open"), with("Minutes", "PD", "done"));
    let out = merged(base, ours, theirs);
    let a1 = &out.value["actions"][0];
    assert_eq!((a1["text"].as_str(), a1["status"].as_str()), (Some("Amend the minutes"), Some("done")));
    assert_eq!(a1["owners"], json!(["PD"]));
    assert_eq!(out.report, vec!["A1 owners: kept PD, yours GB in its history"]);
    let entry = &a1["changes"][0];
    assert_eq!((entry["by"].as_str(), entry["at"].as_str()), (Some("gavel merge"), Some("2022-03-04T10:00:00Z")));
    assert_eq!(entry["fields"][0], json!({ "field": "owners", "from": ["GB"], "to": ["PD"] }));
    assert!(a1.get("updates").is_none(), "the action's own updates are the board's, not the merge's");
}

#[test]
fn updates_from_both_sides_are_all_kept() {
    let with = |updates: Value| {
        let mut action = a("A1", "Minutes", &["MM"], "open");
        action["updates"] = updates;
        log(json!([action]))
    };
    let one = json!({ "date": "2022-03-01", "text": "Chased" });
    let two = json!({ "date": "2022-03-02", "text": "Drafted" });
    let out = merged(log(json!([a("A1", "Minutes", &["MM"], "open")])), with(json!([one])), with(json!([two])));
    assert_eq!(out.value["actions"][0]["updates"], json!([one, two]));
    assert!(out.report.is_empty());
}

#[test]
fn a_removal_on_one_side_stands_unless_the_other_changed_the_record() {
    let base = log(json!([a("A1", "Minutes", &["MM"], "open"), a("A2", "Room", &["GB"], "open")]));
    let ours = log(json!([a("A2", "Room", &["GB"], "open")]));
    let theirs = log(json!([a("A1", "Minutes", &["MM"], "open"), a("A2", "Room", &["GB"], "done")]));
    let out = merged(base, ours, theirs);
    assert_eq!(out.value["actions"].as_array().unwrap().len(), 1, "A1, deleted here and untouched there, is gone");
}

#[test]
fn attendance_merges_per_person_and_journals_by_time() {
    let meeting = |attendance: Value, journal: Value| json!({ "attendance": attendance, "journal": journal });
    let mm = json!({ "initials": "MM", "status": "present" });
    let pd = json!({ "initials": "PD", "status": "apologies" });
    let start = json!({ "at": "2022-03-03T10:00:00+00:00", "event": "start", "item": "1" });
    let next = json!({ "at": "2022-03-03T10:06:00+00:00", "event": "next", "item": "2" });
    let base = meeting(json!([]), json!([start]));
    let out = merge(
        Document::Meeting,
        &base,
        &meeting(json!([mm]), json!([start, next])),
        &meeting(json!([pd]), json!([start])),
        now(),
    );
    assert_eq!(out.value["attendance"], json!([pd, mm]), "the other machine's first: it was shared first");
    assert_eq!(out.value["journal"], json!([start, next]));
}

#[test]
fn a_meeting_approved_on_one_machine_keeps_its_minutes_and_the_others_changes_are_kept_aside() {
    let note = |text: &str| json!({ "id": "n1", "item": "3", "text": text });
    let meeting = |notes: Value, approved: Value| {
        json!({ "schema_version": 2, "id": "m1", "date": "2022-01-06", "title": "Board", "planned_start": "10:00",
                "planned_end": "12:00", "agenda": [], "notes": notes, "approved": approved })
    };
    let base = meeting(json!([]), Value::Null);
    let ours = meeting(json!([note("Typed up late on this laptop")]), Value::Null);
    let theirs = meeting(json!([]), json!("2022-03-03"));
    let out = merge(Document::Meeting, &base, &ours, &theirs, now());
    assert_eq!(out.value["approved"], "2022-03-03");
    assert_eq!(out.value["notes"], json!([]), "the approved minutes are as approved");
    let aside = &out.value["changes"][0];
    assert_eq!(aside["by"], "gavel merge");
    assert!(aside["reason"].as_str().unwrap().starts_with("made on this machine after the minutes were approved"));
    assert_eq!(aside["fields"][0]["to"]["text"], "Typed up late on this laptop", "never silently dropped");
    assert_eq!(out.report.len(), 1);
    // Nothing changed on the other side: the approval merges as any field does.
    let plain = merge(Document::Meeting, &base, &base, &theirs, now());
    assert_eq!(plain.value["approved"], "2022-03-03");
    assert!(plain.report.is_empty());
}
