//! The archive (issue 18): an older workspace with every action in one
//! actions.json loads as it is and is tidied on its first write; daily
//! commands read only actions.json; `--all`, validate and the minutes read
//! the archive; a tidy cut short loses nothing.

use gavel::generate::{Size, generate};
use gavel::model::merge::Document;
use gavel::model::{ActionLog, Change};
use gavel::store;
use std::path::Path;
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_gavel");

/// Eighteen months of a small board (2024 and 2025), all in actions.json.
fn older_workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    generate(&root, Size { meetings: 40, actions: 400, risks: 20, people: 12, seed: 7 }).unwrap();
    (dir, root)
}

fn gavel(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).arg("-w").arg(root).env("GAVEL_NOW", "2025-09-01T10:00:00+01:00").output().unwrap()
}

fn refs(log: &ActionLog) -> Vec<String> {
    let mut refs: Vec<String> = log.actions.iter().map(|a| a.reference.clone()).collect();
    refs.sort();
    refs
}

fn live(root: &Path) -> ActionLog {
    serde_json::from_slice(&std::fs::read(root.join("actions.json")).unwrap()).unwrap()
}

#[test]
fn an_older_workspace_loads_as_it_is_and_is_tidied_on_its_first_write() {
    let (_dir, root) = older_workspace();
    let before = store::load(&root).unwrap();
    assert!(!root.join("archive").exists());
    assert_eq!(store::load_recent(&root).unwrap().actions, before.actions, "read as it is");
    let closed_2024 =
        before.actions.actions.iter().filter(|a| a.closed.is_some_and(|d| d.to_string().as_str() < "2025"));
    let closed_2024: Vec<String> = closed_2024.map(|a| a.reference.clone()).collect();
    assert!(closed_2024.len() > 100, "the generator closes most of 2024's actions");

    let out = gavel(&root, &["add", "Book the room for June @Scrum due 30.6.26"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("A401 saved"), "the next ref, as before");

    // actions.json now holds this year's work only; 2024's closed actions are archived.
    let now = live(&root);
    assert!(now.actions.iter().all(|a| !closed_2024.contains(&a.reference)));
    let archived: ActionLog = store::load_document(&store::archive_file(&root, "actions", 2024)).unwrap().unwrap();
    assert_eq!(refs(&archived), {
        let mut r = closed_2024.clone();
        r.sort();
        r
    });
    assert_eq!(store::archive_years(&root, "actions"), vec![2024]);
    assert!(!now.archived.is_empty(), "the log remembers the refs it archived");
    // Nothing lost: the whole workspace is the one before and the new action.
    let after = store::load(&root).unwrap();
    let mut want = refs(&before.actions);
    want.push("A401".into());
    want.sort();
    assert_eq!(refs(&after.actions), want);

    // Daily paths read actions.json only; --all reads the archive.
    let first = &closed_2024[0];
    let listed = |args: &[&str]| String::from_utf8_lossy(&gavel(&root, args).stdout).into_owned();
    assert!(!listed(&["actions", "--all"]).is_empty());
    assert!(listed(&["actions", "--all"]).contains(&format!("{first} ")), "--all lists archived actions");
    assert!(!store::load_recent(&root).unwrap().actions.actions.iter().any(|a| &a.reference == first));
    // The minutes of the first meeting still list the actions raised there.
    let first_meeting = store::meeting_dates(&root)[0].to_string();
    let minutes = listed(&["export", "minutes", "--meeting", &first_meeting]);
    let raised = after.actions.actions.iter().find(|a| a.raised.as_ref().unwrap().meeting.to_string() == first_meeting);
    assert!(minutes.contains(&raised.unwrap().text), "{minutes}");

    // The second add is the fast splice again, and the ref goes on.
    let out = gavel(&root, &["add", "Chase the tracker @Scrum due 30.6.26"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("A402 saved"));
}

#[test]
fn an_archive_of_everything_never_gives_a_ref_again() {
    let (_dir, root) = older_workspace();
    let board = store::load(&root).unwrap().board;
    // Close every open action in 2024's terms: all go to the archive.
    let mut log = live(&root);
    for a in &mut log.actions {
        a.status = gavel::model::ActionStatus::Done;
        a.closed = Some("2024-03-01".parse().unwrap());
    }
    store::write_atomic(&root.join("actions.json"), &store::to_json(&log)).unwrap();
    let draft =
        gavel::model::quickadd::QuickAdd { text: "Book the room".into(), owners: vec!["Scrum".into()], due: None };
    let added = store::append_action(&root, &board, draft, None).unwrap();
    assert_eq!(added.reference, "A401");
    assert_eq!(refs(&live(&root)), vec!["A401".to_string()], "only the new action stays");
    // The full read-modify-write (commit) keeps the archive's refs too.
    store::commit(&root, &Change::DeleteAction { was: added }).unwrap();
    let draft =
        gavel::model::quickadd::QuickAdd { text: "Book it again".into(), owners: vec!["Scrum".into()], due: None };
    assert_eq!(store::append_action(&root, &board, draft, None).unwrap().reference, "A402");
    assert_eq!(store::load(&root).unwrap().actions.actions.len(), 401);
}

#[test]
fn a_tidy_cut_short_leaves_the_action_in_both_and_it_is_counted_once() {
    let (_dir, root) = older_workspace();
    assert!(gavel(&root, &["add", "Book the room @Scrum due 30.6.26"]).status.success());
    // As if gavel died after writing the archive and before actions.json.
    let archived: ActionLog = store::load_document(&store::archive_file(&root, "actions", 2024)).unwrap().unwrap();
    let mut log = live(&root);
    log.actions.insert(0, archived.actions[0].clone());
    store::write_atomic(&root.join("actions.json"), &store::to_json(&log)).unwrap();
    let total = store::load(&root).unwrap().actions.actions.len();
    assert_eq!(total, 401, "the copy in actions.json is the one read");
    assert!(gavel(&root, &["validate"]).status.success());
    assert!(gavel(&root, &["add", "Chase the tracker @Scrum due 30.6.26"]).status.success());
    assert!(!live(&root).actions.iter().any(|a| a.reference == archived.actions[0].reference), "tidied again");
    assert_eq!(store::load(&root).unwrap().actions.actions.len(), 402);
}

#[test]
fn a_renamed_person_gives_a_few_located_messages_and_a_count() {
    let (_dir, root) = older_workspace();
    let board = std::fs::read_to_string(root.join("gavel.json")).unwrap();
    let initials: serde_json::Value = serde_json::from_str(&board).unwrap();
    let who = initials["people"][2]["initials"].as_str().unwrap().to_string();
    std::fs::write(root.join("gavel.json"), board.replacen(&format!("\"{who}\""), &format!("\"{who}x\""), 1)).unwrap();
    let out = gavel(&root, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains(&format!("\"{who}\" is not in the people register (gavel.json); the nearest initials are {who}x")),
        "{err}"
    );
    assert!(err.contains("more like it"), "{err}");
    assert!(err.lines().count() < 200, "grouped and capped: {} lines", err.lines().count());
    assert!(err.lines().any(|l| l.contains("actions.json:") && l.contains(": actions[")), "located: {err}");
}

#[test]
fn the_merge_driver_knows_archive_files() {
    assert_eq!(store::document_of(Path::new("archive/actions-2019.json")), Some(Document::Actions));
    assert_eq!(store::document_of(Path::new("archive/risks-2019.json")), Some(Document::Risks));
    assert_eq!(store::document_of(Path::new("archive/notes.json")), None);
    assert!(gavel::sync::ATTRIBUTES.contains("archive/*.json merge=gavel"));
}
