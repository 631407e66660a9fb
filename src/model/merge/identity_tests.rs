//! Records made on two laptops are never fused because they bear one
//! label, and none is lost: the scenarios of issue 26, at the merge.

use super::tests::now;
use super::*;
use serde_json::json;

fn board(people: Value) -> Value {
    json!({ "schema_version": 2, "name": "Board", "people": people, "groups": [] })
}

fn person(id: &str, initials: &str, name: &str) -> Value {
    json!({ "id": id, "initials": initials, "name": name, "role": "member" })
}

#[test]
fn two_people_given_one_set_of_initials_stay_two_and_this_machine_s_is_renumbered() {
    let gb = person("p1", "GB", "Gary Bloom");
    let base = board(json!([gb]));
    let ours = board(json!([gb, person("p2", "CF", "Carol Fisher")]));
    let theirs = board(json!([gb, person("p3", "CF", "Colin Ford")]));
    let out = merge(Document::Board, &base, &ours, &theirs, now());
    let people = out.value["people"].as_array().unwrap();
    let named: Vec<_> = people.iter().map(|p| (p["initials"].as_str().unwrap(), p["name"].as_str().unwrap())).collect();
    assert_eq!(named, vec![("GB", "Gary Bloom"), ("CF", "Colin Ford"), ("CF2", "Carol Fisher")]);
    assert_eq!(people[2]["id"], "p2", "the same person, only her initials changed: every link follows");
    assert_eq!(people[2]["changes"][0]["fields"][0], json!({ "field": "initials", "from": "CF", "to": "CF2" }));
    assert_eq!(out.report.len(), 1);
    assert!(out.report[0].contains("change it with `gavel people edit CF2 --initials …`"), "{:?}", out.report);
}

fn register(risks: Value, retired: Value) -> Value {
    json!({ "schema_version": 2, "retired": retired, "risks": risks })
}

fn risk(id: &str, reference: &str, title: &str, l: u8, status: &str) -> Value {
    json!({ "id": id, "ref": reference, "title": title, "owner": "GB", "likelihood": l, "impact": 4,
            "scored": "2022-03-03", "status": status })
}

#[test]
fn two_risks_given_one_ref_stay_two_and_never_take_a_retired_ref() {
    let r13 = risk("r13", "R13", "Funding", 3, "open");
    let base = register(json!([r13]), json!([]));
    // Here R14 was added; there R14 was added, deleted (retired) and R15 added.
    let ours = register(json!([r13, risk("a", "R14", "Staffing", 2, "open")]), json!([]));
    let theirs = register(json!([r13, risk("b", "R15", "Estates", 2, "open")]), json!(["R14"]));
    let out = merge(Document::Risks, &base, &ours, &theirs, now());
    let refs: Vec<_> =
        out.value["risks"].as_array().unwrap().iter().map(|r| (r["ref"].clone(), r["id"].clone())).collect();
    assert_eq!(refs, vec![(json!("R13"), json!("r13")), (json!("R15"), json!("b")), (json!("R16"), json!("a"))]);
    assert!(out.report[0].starts_with("R14 had been retired on one machine"), "{:?}", out.report);
    // Two new R14s: the other machine's keeps it.
    let theirs = register(json!([r13, risk("b", "R14", "Estates", 2, "open")]), json!([]));
    let out = merge(Document::Risks, &base, &ours, &theirs, now());
    let r14 = out.value["risks"].as_array().unwrap().iter().find(|r| r["ref"] == "R14").unwrap().clone();
    assert_eq!(r14["id"], "b");
    assert_eq!(out.report, vec!["R14 was given on both machines: this machine's is now R15"]);
}

#[test]
fn a_close_and_a_rescore_end_closed_with_the_rescore() {
    let r4 = risk("r4", "R4", "Funding", 3, "open");
    let base = register(json!([r4]), json!([]));
    let closed = register(json!([risk("r4", "R4", "Funding", 3, "closed")]), json!([]));
    let rescored = register(json!([risk("r4", "R4", "Funding", 5, "open")]), json!([]));
    for (ours, theirs) in [(&closed, &rescored), (&rescored, &closed)] {
        let out = merge(Document::Risks, &base, ours, theirs, now());
        let r4 = &out.value["risks"][0];
        assert_eq!((r4["status"].as_str(), r4["likelihood"].as_u64()), (Some("closed"), Some(5)));
        assert!(out.report.is_empty());
    }
    // Closed and moved to the archive on one side (gone, not retired), rescored on the other.
    let archived = register(json!([]), json!([]));
    for (ours, theirs) in [(&archived, &rescored), (&rescored, &archived)] {
        let out = merge(Document::Risks, &base, ours, theirs, now());
        let r4 = &out.value["risks"][0];
        assert_eq!((r4["status"].as_str(), r4["likelihood"].as_u64()), (Some("closed"), Some(5)));
        assert_eq!(r4["changes"][0]["fields"][0], json!({ "field": "status", "from": "open", "to": "closed" }));
        assert!(out.report[0].contains("closed on one machine and changed on the other"), "{:?}", out.report);
    }
}

fn meeting(agenda: Value) -> Value {
    json!({ "schema_version": 2, "id": "m", "date": "2022-03-03", "title": "Board", "planned_start": "10:00",
            "planned_end": "12:00", "agenda": agenda })
}

fn item(id: &str, number: usize, title: &str) -> Value {
    json!({ "id": id, "number": number.to_string(), "title": title, "planned_minutes": 10 })
}

fn titles(out: &Merged) -> Vec<(String, String)> {
    let agenda = out.value["agenda"].as_array().unwrap();
    agenda.iter().map(|i| (i["number"].as_str().unwrap().into(), i["title"].as_str().unwrap().into())).collect()
}

fn agenda(items: &[(&str, &str)]) -> Value {
    meeting(Value::Array(items.iter().enumerate().map(|(n, (id, t))| item(id, n + 1, t)).collect()))
}

#[test]
fn two_items_added_to_one_meeting_stay_two_numbered_in_order() {
    let base = agenda(&[("w", "Welcome"), ("z", "Any other business")]);
    let ours = agenda(&[("w", "Welcome"), ("z", "Any other business"), ("b", "Budget")]);
    let theirs = agenda(&[("w", "Welcome"), ("z", "Any other business"), ("s", "SEND capacity review")]);
    let out = merge(Document::Meeting, &base, &ours, &theirs, now());
    let want = [("1", "Welcome"), ("2", "Any other business"), ("3", "SEND capacity review"), ("4", "Budget")];
    assert_eq!(titles(&out), want.map(|(n, t)| (n.to_string(), t.to_string())));
    assert_eq!(out.report, vec!["item 3 “Budget” is now item 4, in the merged agenda's order"]);
}

#[test]
fn a_reorder_and_a_rename_both_survive_with_nothing_lost_or_doubled() {
    let base = agenda(&[("w", "Welcome"), ("t", "Terms of Reference review"), ("s", "SEND capacity"), ("z", "AOB")]);
    let moved = agenda(&[("w", "Welcome"), ("s", "SEND capacity"), ("t", "Terms of Reference review"), ("z", "AOB")]);
    let renamed =
        agenda(&[("w", "Welcome"), ("t", "Terms of Reference review"), ("s", "SEND capacity review"), ("z", "AOB")]);
    for (ours, theirs) in [(&moved, &renamed), (&renamed, &moved)] {
        let out = merge(Document::Meeting, &base, ours, theirs, now());
        let want = [("1", "Welcome"), ("2", "SEND capacity review"), ("3", "Terms of Reference review"), ("4", "AOB")];
        assert_eq!(titles(&out), want.map(|(n, t)| (n.to_string(), t.to_string())));
    }
    // A move here and an insertion there.
    let inserted = agenda(&[
        ("w", "Welcome"),
        ("t", "Terms of Reference review"),
        ("n", "New item"),
        ("s", "SEND capacity"),
        ("z", "AOB"),
    ]);
    let out = merge(Document::Meeting, &base, &moved, &inserted, now());
    let got: Vec<String> = titles(&out).into_iter().map(|(_, t)| t).collect();
    assert_eq!(got, ["Welcome", "SEND capacity", "Terms of Reference review", "New item", "AOB"]);
}

#[test]
fn records_upgraded_on_both_sides_from_a_version_one_file_are_not_doubled() {
    let bare = |reference: &str| json!({ "ref": reference, "text": "Minutes", "status": "open" });
    let with_id = |reference: &str, id: &str| {
        let mut action = bare(reference);
        action["id"] = json!(id);
        action
    };
    let base = json!({ "schema_version": 1, "actions": [bare("A1")] });
    let ours = json!({ "schema_version": 2, "actions": [with_id("A1", "x")] });
    let theirs = json!({ "schema_version": 2, "actions": [with_id("A1", "y"), with_id("A2", "z")] });
    let out = merge(Document::Actions, &base, &ours, &theirs, now());
    let actions = out.value["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 2, "{actions:?}");
    assert_eq!((actions[0]["ref"].as_str(), actions[0]["id"].as_str()), (Some("A1"), Some("y")));
}

#[test]
fn a_long_log_with_one_change_on_each_side_merges_record_for_record() {
    // Linear by construction (hash maps); here, correct at a size where a
    // quadratic merge would take minutes in a debug build.
    let n = 40_000;
    let action =
        |i: usize, text: &str| json!({ "id": format!("i{i}"), "ref": format!("A{i}"), "text": text, "status": "open" });
    let log = |edit: Option<(usize, &str)>| {
        let actions: Vec<Value> =
            (1..=n).map(|i| action(i, edit.filter(|(at, _)| *at == i).map_or("Minutes", |(_, t)| t))).collect();
        json!({ "schema_version": 2, "actions": actions })
    };
    let out = merge(Document::Actions, &log(None), &log(Some((7, "Ours"))), &log(Some((n - 3, "Theirs"))), now());
    let actions = out.value["actions"].as_array().unwrap();
    assert_eq!(actions.len(), n);
    assert_eq!((actions[6]["text"].as_str(), actions[n - 4]["text"].as_str()), (Some("Ours"), Some("Theirs")));
    assert!(out.report.is_empty());
}

/// Rescored on both laptops: one laptop's score stands whole, never the
/// likelihood of one and the impact of the other (found by the random
/// sync test, seed 9038); the other is said and kept in the history.
#[test]
fn a_score_changed_on_both_keeps_one_laptop_s_whole_score() {
    let scored = |l: u8, i: u8, on: &str| {
        let mut r = risk("r1", "R1", "Funding", l, "open");
        r["impact"] = i.into();
        r["scored"] = on.into();
        r
    };
    let base = register(json!([scored(3, 2, "2022-03-03")]), json!([]));
    let ours = register(json!([scored(1, 3, "2022-03-10")]), json!([]));
    let theirs = register(json!([scored(3, 4, "2022-03-11")]), json!([]));
    let out = merge(Document::Risks, &base, &ours, &theirs, now());
    let r1 = &out.value["risks"][0];
    assert_eq!((r1["likelihood"].as_u64(), r1["impact"].as_u64()), (Some(3), Some(4)), "{r1}");
    assert_eq!(out.report.len(), 1, "{:?}", out.report);
    assert!(r1["changes"][0]["fields"].as_array().is_some_and(|f| !f.is_empty()), "{r1}");
    // Rescored on one laptop only: its whole score, though the other kept one of its numbers.
    let theirs = register(json!([scored(3, 2, "2022-03-03")]), json!([]));
    let out = merge(Document::Risks, &base, &ours, &theirs, now());
    let r1 = &out.value["risks"][0];
    assert_eq!((r1["likelihood"].as_u64(), r1["impact"].as_u64()), (Some(1), Some(3)));
    assert!(out.report.is_empty());
}
