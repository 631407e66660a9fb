//! The board's record: approved minutes stay as approved, whatever happens
//! to their actions, people and the next agenda after approval.

mod common;

use common::sample_copy;
use gavel::model::change::{ActionEdit, Closure, FieldEdit};
use gavel::model::{ActionStatus, Change, Deadline};
use std::path::Path;

fn gavel(root: &Path, args: &[&str]) -> std::process::Output {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["-w", root.to_str().unwrap()])
        .args(args)
        .env("GAVEL_USER", "Test Secretary")
        .env("GAVEL_NOW", "2022-03-03T09:00:00+00:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// The January minutes in every format, as bytes.
fn exports(root: &Path, dir: &Path, tag: &str) -> Vec<(String, Vec<u8>)> {
    ["md", "html", "docx", "pdf"]
        .iter()
        .map(|format| {
            let file = dir.join(format!("{tag}.{format}"));
            let file_arg = file.to_str().unwrap();
            gavel(root, &["export", "minutes", "--meeting", "2022-01-06", "--format", format, "-o", file_arg]);
            (format.to_string(), std::fs::read(&file).unwrap())
        })
        .collect()
}

fn edit(root: &Path, reference: &str, edit: ActionEdit) {
    let change = Change::edit_action_named(reference, edit);
    gavel::store::commit(root, &change).unwrap();
}

#[test]
fn approved_minutes_export_the_same_bytes_whatever_happens_after() {
    let (dir, root) = sample_copy();
    gavel(&root, &["minutes", "approve", "2022-01-06", "--on", "2022-03-03", "--yes"]);
    let approved = exports(&root, dir.path(), "before");
    let md = String::from_utf8(approved[0].1.clone()).unwrap();
    assert!(md.contains("Approved on 3 March 2022"), "{md}");
    assert!(md.contains("A5"), "the minutes name A5: {md}");

    // Edit, reassign, close and renumber the actions the minutes name.
    let log = gavel::store::load(&root).unwrap().actions;
    let a5 = log.actions.iter().find(|a| a.reference == "A5").unwrap().clone();
    let text = FieldEdit::Text { was: a5.text.clone(), now: "Something else entirely".into() };
    let owners = FieldEdit::Owners { was: a5.owners.clone(), now: vec!["PD".into()] };
    let due = FieldEdit::Due { was: a5.due, now: Some(Deadline::On("2022-06-30".parse().unwrap())) };
    edit(&root, "A5", ActionEdit::Fields(vec![text, owners, due]));
    let a3 = log.actions.iter().find(|a| a.reference == "A3").unwrap();
    let done = Closure { status: ActionStatus::Done, closed: Some("2022-03-03".parse().unwrap()) };
    edit(&root, "A3", ActionEdit::Status { was: Closure::of(a3), now: done });
    // A ref corrected by hand in the file, as a person would.
    let path = root.join("actions.json");
    let text = std::fs::read_to_string(&path).unwrap().replacen("\"ref\": \"A2\"", "\"ref\": \"A2a\"", 1);
    std::fs::write(&path, text).unwrap();
    // A person renamed, and the next meeting's agenda reordered.
    gavel(&root, &["people", "edit", "GB", "--name", "Gareth Bloomfield"]);
    // Initials corrected: the live links follow; the approved meeting keeps
    // "GB", which still names him through his history; the workspace validates.
    gavel(&root, &["people", "edit", "GB", "--initials", "GBl"]);
    gavel(&root, &["validate"]);
    let history = String::from_utf8(gavel(&root, &["history", "GBl"]).stdout).unwrap();
    assert!(history.contains("initials GB → GBl"), "{history}");
    gavel(&root, &["agenda", "move", "2022-03-03", "3", "1"]);

    let after = exports(&root, dir.path(), "after");
    for ((format, was), (_, now)) in approved.iter().zip(&after) {
        assert!(was == now, "the approved {format} minutes changed after approval");
    }
    // A draft, by contrast, follows the workspace: withdrawn, they show the edit.
    gavel(&root, &["minutes", "unapprove", "2022-01-06", "--reason", "approved by mistake"]);
    let draft = exports(&root, dir.path(), "draft");
    let md = String::from_utf8(draft[0].1.clone()).unwrap();
    assert!(md.contains("Gareth Bloomfield") && !md.contains("Approved on"), "{md}");
}

#[test]
fn history_shows_an_owner_change_a_deadline_moved_with_a_reason_and_a_status_in_order() {
    let (_dir, root) = sample_copy();
    let a5 = || gavel::store::load(&root).unwrap().actions.actions.into_iter().find(|a| a.reference == "A5").unwrap();
    let was = a5();
    edit(&root, "A5", ActionEdit::Fields(vec![FieldEdit::Owners { was: was.owners.clone(), now: vec!["PD".into()] }]));
    let moved = FieldEdit::Due { was: was.due, now: Some(Deadline::On("2022-04-30".parse().unwrap())) };
    let change = Change::edit_action_named("A5", ActionEdit::Fields(vec![moved]));
    let stamp = gavel::store::stamp(&root, Some("data not ready".into()));
    gavel::store::commit_as(&root, &change, &stamp).unwrap();
    let done = Closure { status: ActionStatus::Done, closed: Some("2022-03-03".parse().unwrap()) };
    edit(&root, "A5", ActionEdit::Status { was: Closure::of(&a5()), now: done });

    let out = gavel(&root, &["history", "A5"]);
    let text = String::from_utf8(out.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[1].contains("owners Scrum → PD"), "{text}");
    assert!(lines[2].contains("due 2022-02-28 → 2022-04-30 · because data not ready"), "{text}");
    assert!(lines[3].contains("closed none → 2022-03-03; status in_progress → done"), "{text}");
    let json: serde_json::Value = serde_json::from_slice(&gavel(&root, &["history", "A5", "--json"]).stdout).unwrap();
    assert_eq!(json["changes"].as_array().unwrap().len(), 3);
    assert_eq!(json["changes"][1]["reason"], "data not ready");
}

#[test]
fn approval_off_a_terminal_without_yes_is_refused_and_changes_nothing() {
    let (_dir, root) = sample_copy();
    let before = common::snapshot_files(&root);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["-w", root.to_str().unwrap(), "minutes", "approve", "2022-01-06"])
        .stdin(std::process::Stdio::null())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("add --yes"));
    assert_eq!(before, common::snapshot_files(&root));
}

#[test]
fn the_minutes_of_an_ended_meeting_give_its_actions_as_they_stood_when_it_ended() {
    let (dir, root) = sample_copy();
    let draft = exports(&root, dir.path(), "draft");
    // After the January meeting ended: A5 is given to someone else with a new text.
    let a5 = gavel::store::load(&root).unwrap().actions.actions.into_iter().find(|a| a.reference == "A5").unwrap();
    let text = FieldEdit::Text { was: a5.text.clone(), now: "Rewritten long after the meeting".into() };
    edit(&root, "A5", ActionEdit::Fields(vec![text, FieldEdit::Owners { was: a5.owners, now: vec!["PD".into()] }]));
    let later = exports(&root, dir.path(), "later");
    for ((format, was), (_, now)) in draft.iter().zip(&later) {
        assert!(was == now, "the draft {format} minutes of an ended meeting followed a later edit");
    }
    assert!(!String::from_utf8_lossy(&later[0].1).contains("Rewritten long after"));
}

/// Links hold identities: correcting a person's initials changes their
/// register entry (with the correction in its history) and nothing else;
/// every action, lead and attendance mark follows without being rewritten.
#[test]
fn corrected_initials_change_the_register_alone_and_every_link_follows() {
    let (_dir, root) = sample_copy();
    let before = common::snapshot_files(&root);
    let ws = gavel::store::load(&root).unwrap();
    let owned: Vec<String> =
        ws.actions.actions.iter().filter(|a| a.owners.iter().any(|o| o == "GB")).map(|a| a.reference.clone()).collect();
    assert!(!owned.is_empty());
    let out = gavel(&root, &["people", "edit", "GB", "--initials", "GBl"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let changed: Vec<String> = common::snapshot_files(&root)
        .into_iter()
        .zip(&before)
        .filter(|((_, now), (_, was))| now != was)
        .map(|((path, _), _)| path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(changed, ["gavel.json"], "only the register is written");
    let ws = gavel::store::load(&root).unwrap();
    let now: Vec<String> = ws
        .actions
        .actions
        .iter()
        .filter(|a| a.owners.iter().any(|o| o == "GBl"))
        .map(|a| a.reference.clone())
        .collect();
    assert_eq!(now, owned, "the same actions are his");
    assert!(ws.meetings.iter().flat_map(|m| &m.attendance).any(|a| a.initials == "GBl"));
    assert!(ws.meetings.iter().flat_map(|m| &m.agenda).all(|i| !i.leads.iter().any(|l| l == "GB")));
    assert!(gavel(&root, &["validate"]).status.success());
}

/// A meeting's notes, decisions and declarations name their agenda item
/// by its identity in the file, by its number on screen and in memory.
#[test]
fn notes_link_their_item_by_identity_and_read_as_its_number() {
    let (_dir, root) = sample_copy();
    let path = root.join("meetings/2022-01-06.json");
    let file: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let ids: Vec<&str> = file["agenda"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    let notes = file["notes"].as_array().unwrap().iter().chain(file["decisions"].as_array().unwrap());
    let linked: Vec<&str> = notes.map(|n| n["item"].as_str().unwrap()).collect();
    assert!(!linked.is_empty() && linked.iter().all(|l| ids.contains(l)), "{linked:?}");
    let meeting = gavel::store::load(&root).unwrap().meetings.into_iter().find(|m| m.date.to_string() == "2022-01-06");
    let meeting = meeting.unwrap();
    let numbers: Vec<&str> = meeting.agenda.iter().map(|i| i.number.as_str()).collect();
    assert!(meeting.notes.iter().chain(&meeting.decisions).all(|n| numbers.contains(&n.item.as_str())));
    // A note typed in by hand names its item by number: read as it is.
    let text = std::fs::read_to_string(&path).unwrap();
    let hand = "\"notes\": [\n    {\"item\": \"3\", \"text\": \"Typed by hand\"},";
    std::fs::write(&path, text.replacen("\"notes\": [", hand, 1)).unwrap();
    let ws = gavel::store::load(&root).unwrap();
    let jan = ws.meetings.iter().find(|m| m.date.to_string() == "2022-01-06").unwrap();
    assert!(jan.notes.iter().any(|n| n.item == "3" && n.text == "Typed by hand"));
    assert!(gavel(&root, &["validate"]).status.success());
}
