//! "Raised at" holds the item's identity: an action raised under an agenda
//! item stays under that item when it is renumbered (a planned agenda
//! reordered, a sync merge that renumbers an item both laptops numbered
//! alike), in the minutes, the action log and its exports, and `validate`.

mod common;

use common::sample_copy;
use gavel::model::timer::Control;
use gavel::model::{Change, Timestamp};
use std::path::Path;

const DAY: &str = "2030-01-10";

fn at(time: &str) -> Timestamp {
    format!("{DAY}T{time}:00+00:00").parse().unwrap()
}

fn gavel_at(root: &Path, time: &str, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["-w", root.to_str().unwrap()])
        .args(args)
        .env("GAVEL_USER", "Test Secretary")
        .env("GAVEL_NOW", at(time).to_rfc3339())
        .current_dir(root)
        .output()
        .unwrap()
}

/// Runs gavel at 09:00 on the day; it must succeed. Its standard output.
fn ok(root: &Path, args: &[&str]) -> String {
    ok_at(root, "09:00", args)
}

fn ok_at(root: &Path, time: &str, args: &[&str]) -> String {
    let out = gavel_at(root, time, args);
    assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

fn meeting_file(root: &Path) -> std::path::PathBuf {
    root.join("meetings").join(format!("{DAY}.json"))
}

/// The action `reference`'s "raised", as actions.json holds it.
fn stored_raised(root: &Path, reference: &str) -> serde_json::Value {
    let log = json(&root.join("actions.json"));
    let found = log["actions"].as_array().unwrap().iter().find(|a| a["ref"] == reference).cloned();
    found.unwrap_or_else(|| panic!("no {reference}"))["raised"].clone()
}

/// A hand edit of the action `reference`'s "raised".
fn set_raised(root: &Path, reference: &str, raised: serde_json::Value) {
    let path = root.join("actions.json");
    let mut log = json(&path);
    let actions = log["actions"].as_array_mut().unwrap();
    actions.iter_mut().find(|a| a["ref"] == reference).unwrap()["raised"] = raised;
    std::fs::write(&path, serde_json::to_string_pretty(&log).unwrap()).unwrap();
}

/// The identity of the item titled `title` in the day's meeting file.
fn item_id(root: &Path, title: &str) -> serde_json::Value {
    let meeting = json(&meeting_file(root));
    let item = meeting["agenda"].as_array().unwrap().iter().find(|i| i["title"] == title).cloned();
    item.unwrap_or_else(|| panic!("no item {title}"))["id"].clone()
}

/// The Markdown minutes' section of the item headed "N. TITLE" (after
/// its start time, if it was taken), to the next heading.
fn item_section(minutes: &str, heading: &str) -> String {
    let mut lines = minutes.lines().skip_while(|l| !(l.starts_with("### ") && l.ends_with(&format!(" {heading}"))));
    let first = lines.next().unwrap_or_else(|| panic!("no {heading} in\n{minutes}"));
    let rest: Vec<&str> = lines.take_while(|l| !l.starts_with('#')).collect();
    format!("{first}\n{}", rest.join("\n"))
}

/// The action's "raised" as `gavel actions --json` gives it.
fn listed_raised(root: &Path, reference: &str) -> serde_json::Value {
    let list: serde_json::Value = serde_json::from_str(&ok(root, &["actions", "--all", "--json"])).unwrap();
    let actions = list.as_array().cloned().or_else(|| list["actions"].as_array().cloned()).unwrap();
    actions.into_iter().find(|a| a["ref"] == reference).unwrap()["raised"].clone()
}

#[test]
fn an_action_raised_under_an_item_stays_under_it_when_the_planned_agenda_is_reordered() {
    let (dir, root) = sample_copy();
    ok(&root, &["meeting", "new", DAY]);
    ok(&root, &["agenda", "add", DAY, "Budget @GB 15m"]);
    let sheet = dir.path().join("raised.csv");
    std::fs::write(&sheet, format!("Action,Owner,Deadline,Raised at\nCost the plan,GB,2030-02-01,{DAY} item 5\n"))
        .unwrap();
    ok(&root, &["import", "actions", sheet.to_str().unwrap()]);
    let budget = item_id(&root, "Budget");
    assert_eq!(stored_raised(&root, "A14"), serde_json::json!({"meeting": DAY, "item": "5", "item_id": budget}));
    // A2 raised under item 4 as a version-2 gavel (or a hand edit) stores it: the number alone.
    set_raised(&root, "A2", serde_json::json!({"meeting": DAY, "item": "4"}));

    ok(&root, &["agenda", "move", DAY, "5", "2"]);
    // The link is the identity; the number beside it is stored as it is now.
    assert_eq!(stored_raised(&root, "A14"), serde_json::json!({"meeting": DAY, "item": "2", "item_id": budget}));
    let aob = item_id(&root, "Any other business");
    assert_eq!(stored_raised(&root, "A2"), serde_json::json!({"meeting": DAY, "item": "5", "item_id": aob}));
    let minutes = ok(&root, &["export", "minutes", "--meeting", DAY]);
    assert!(item_section(&minutes, "2. Budget").contains("**Action:** Cost the plan"), "{minutes}");
    assert!(!item_section(&minutes, "5. Any other business").contains("Cost the plan"), "{minutes}");
    assert_eq!(listed_raised(&root, "A14")["item"], "2");
    assert!(ok(&root, &["export", "actions"]).contains(&format!("{DAY} item 2")));
    assert!(ok(&root, &["history", "A14"]).starts_with("A14 · Cost the plan · raised 10 Jan 2030, item 2"));
    ok(&root, &["validate"]);

    // Taken off the agenda: the action keeps its meeting, loses the item, and says why.
    ok(&root, &["agenda", "remove", DAY, "2"]);
    assert_eq!(stored_raised(&root, "A14"), serde_json::json!({"meeting": DAY}));
    let history = ok(&root, &["history", "A14"]);
    assert!(history.contains("raised.item 2 → none · because its item was taken off the agenda"), "{history}");
    ok(&root, &["validate"]);
}

#[test]
fn an_item_a_merge_renumbers_keeps_the_actions_raised_under_it() {
    let (dir, root) = sample_copy();
    ok(&root, &["meeting", "new", DAY]);
    let path = meeting_file(&root);
    let base = std::fs::read(&path).unwrap();
    // The other laptop gives item 5 to "Risks" and shares it first.
    ok(&root, &["agenda", "add", DAY, "Risks @PD 10m"]);
    let theirs = std::fs::read(&path).unwrap();
    std::fs::write(&path, &base).unwrap();
    // This one gives item 5 to "Budget", runs the meeting and raises an action under it.
    ok(&root, &["agenda", "add", DAY, "Budget @GB 15m"]);
    let meeting = DAY.parse().unwrap();
    for (control, time) in [(Control::StartOrPause, "10:00"), (Control::Jump(4), "10:05")] {
        let stamp = gavel::model::history::Stamp { at: at(time), by: "Test Secretary".into(), reason: None };
        gavel::store::commit_as(&root, &Change::Timer { meeting, control, at: at(time) }, &stamp).unwrap();
    }
    ok_at(&root, "10:10", &["add", "Cost the budget @GB due 2030-02-01"]);
    let budget = item_id(&root, "Budget");
    let raised = stored_raised(&root, "A14");
    assert_eq!((&raised["item"], &raised["item_id"]), (&serde_json::json!("5"), &budget), "{raised}");

    // git's merge driver, as `gavel sync` registers it: this machine's item is renumbered.
    let side = |name: &str, bytes: &[u8]| {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        file.to_str().unwrap().to_string()
    };
    let (o, a, b) =
        (side("base.json", &base), side("ours.json", &std::fs::read(&path).unwrap()), side("theirs.json", &theirs));
    let relative = format!("meetings/{DAY}.json");
    let merged = gavel_at(&root, "10:30", &["merge-driver", &o, &a, &b, &relative]);
    assert!(merged.status.success(), "{}", String::from_utf8_lossy(&merged.stderr));
    assert!(String::from_utf8_lossy(&merged.stderr).contains("this machine's “Budget” is now item 6"));
    std::fs::copy(&a, &path).unwrap();
    assert_eq!(item_id(&root, "Budget"), budget, "the same item, renumbered");

    // Item 5 is the other laptop's Risks now; the action is still Budget's.
    let minutes = ok_at(&root, "10:30", &["export", "minutes", "--meeting", DAY]);
    assert!(item_section(&minutes, "6. Budget").contains("**Action:** Cost the budget"), "{minutes}");
    assert!(!item_section(&minutes, "5. Risks").contains("Cost the budget"), "{minutes}");
    // The timer's journal names items by identity too: Budget was taken at 10:05.
    assert!(minutes.lines().any(|l| l.starts_with("### 10.05") && l.ends_with(" 6. Budget")), "{minutes}");
    assert_eq!(listed_raised(&root, "A14")["item"], "6");
    assert!(
        ok_at(&root, "10:30", &["history", "A14"]).starts_with("A14 · Cost the budget · raised 10 Jan 2030, item 6")
    );
    ok_at(&root, "10:30", &["validate"]);
}

#[test]
fn validate_says_in_words_which_action_names_an_item_its_meeting_does_not_have() {
    let (_dir, root) = sample_copy();
    ok(&root, &["meeting", "new", DAY]);
    ok(&root, &["agenda", "add", DAY, "Budget @GB 15m"]);
    let budget = item_id(&root, "Budget");
    let text = std::fs::read_to_string(root.join("actions.json")).unwrap();
    // A hand edit: A2's raised names an item of the new meeting, then one it never had.
    let a2 = text.find("\"ref\": \"A2\"").unwrap();
    let raised = a2 + text[a2..].find("\"meeting\": \"2022-01-06\"").unwrap();
    let linked = format!("\"meeting\": \"{DAY}\", \"item_id\": {budget}");
    let edited = format!("{}{linked}{}", &text[..raised], &text[raised + "\"meeting\": \"2022-01-06\"".len()..]);
    std::fs::write(root.join("actions.json"), &edited).unwrap();
    ok(&root, &["validate"]);
    assert!(ok(&root, &["history", "A2"]).contains("raised 10 Jan 2030, item 5"));
    std::fs::write(root.join("actions.json"), edited.replace(budget.as_str().unwrap(), "zzzzzzzzzzzz")).unwrap();
    let out = gavel_at(&root, "09:00", &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("actions.json:"), "{said}");
    assert!(
        said.contains("A2 was raised under an agenda item that the meeting of 10 January 2030 does not have"),
        "{said}"
    );
    assert!(!said.contains("panicked"), "{said}");
}
