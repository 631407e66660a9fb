//! The store: loading, pointing at problems, byte-stable saves, the lock.

mod common;

use common::{id_of, replace_in, sample_copy};
use gavel::model::Change;
use gavel::model::{ActionLog, Board, Meeting, RiskRegister};
use gavel::store::{self, LoadError, WorkspaceLock};
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

fn problems(root: &Path) -> Vec<String> {
    match store::load(root) {
        Err(LoadError::Invalid(found)) => found.iter().map(ToString::to_string).collect(),
        other => panic!("expected problems, got {other:?}"),
    }
}

#[test]
fn sample_board_loads_and_is_valid() {
    let ws = store::load(Path::new("sample-data/southend-send")).unwrap();
    assert_eq!(ws.board.people.len(), 19);
    assert_eq!(ws.meetings.len(), 2);
    assert_eq!(ws.meetings[0].agenda.len(), 11);
    assert!(ws.actions.actions.len() >= 7);
    assert!(store::load(Path::new("sample-data/small-board")).is_ok());
}

/// Saving what was loaded gives back the same bytes: the format is canonical.
/// After editing a sample by hand, `GAVEL_CANONICALIZE=1 cargo test --test
/// store` rewrites it in canonical form.
#[test]
fn every_sample_file_round_trips_byte_for_byte() {
    for board in ["sample-data/southend-send", "sample-data/small-board"] {
        let root = Path::new(board);
        let check = |path: PathBuf, reserialized: Vec<u8>| {
            let original = fs::read(&path).unwrap();
            if std::env::var_os("GAVEL_CANONICALIZE").is_some() {
                fs::write(&path, &reserialized).unwrap();
                return;
            }
            assert!(original == reserialized, "{} is not in canonical form", path.display());
        };
        let ws = store::load(root).unwrap();
        check(root.join("gavel.json"), store::to_json::<Board>(&ws.board));
        check(root.join("actions.json"), store::to_json::<ActionLog>(&ws.actions));
        check(root.join("risks.json"), store::to_json::<RiskRegister>(&ws.risks));
        for meeting in &ws.meetings {
            check(store::meeting_file(root, meeting.date), store::to_json::<Meeting>(meeting));
        }
    }
}

#[test]
fn truncated_file_names_file_line_and_column_and_stays_untouched() {
    let (_dir, root) = sample_copy();
    let path = root.join("actions.json");
    let whole = fs::read(&path).unwrap();
    fs::write(&path, &whole[..whole.len() / 2]).unwrap();
    let before = fs::read(&path).unwrap();
    let found = problems(&root);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("actions.json:"), "{found:?}");
    assert!(found[0].contains("ends too early"), "{found:?}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

#[test]
fn wrong_values_give_the_json_path() {
    let (_dir, root) = sample_copy();
    let path = root.join("risks.json");
    replace_in(&path, "\"likelihood\": 4", "\"likelihood\": 7");
    let found = problems(&root);
    assert!(found[0].contains("risks[0].likelihood"), "{found:?}");
    assert!(found[0].contains("1 to 5"), "{found:?}");
}

#[test]
fn unknown_owner_is_located_in_the_file() {
    let (_dir, root) = sample_copy();
    let path = root.join("actions.json");
    replace_in(&path, &id_of(&root, "GB"), "\"XX\"");
    let found = problems(&root);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("actions.json:"), "{found:?}");
    assert!(found[0].contains("actions[1].owners[0]: \"XX\" is not in the people register"), "{found:?}");
}

#[test]
fn unknown_fields_are_named() {
    let (_dir, root) = sample_copy();
    let path = root.join("gavel.json");
    replace_in(&path, "\"name\"", "\"colour_scheme\": 1,\n  \"name\"");
    let found = problems(&root);
    assert!(found[0].contains("unknown field `colour_scheme`"), "{found:?}");
}

#[test]
fn newer_schema_is_refused_with_upgrade_advice() {
    let (_dir, root) = sample_copy();
    let path = root.join("risks.json");
    replace_in(&path, "\"schema_version\": 3", "\"schema_version\": 9, \"new_thing\": true");
    let found = problems(&root);
    assert!(found[0].contains("newer gavel"), "{found:?}");
}

#[test]
fn duplicate_refs_and_agenda_numbers_are_caught() {
    let (_dir, root) = sample_copy();
    let actions = root.join("actions.json");
    replace_in(&actions, "\"ref\": \"A2\"", "\"ref\": \"A1\"");
    let meeting = root.join("meetings/2022-03-03.json");
    replace_in(&meeting, "\"number\": \"2\"", "\"number\": \"1\"");
    let found = problems(&root).join("\n");
    assert!(found.contains("actions[1].ref: ref \"A1\" is used twice"), "{found}");
    assert!(found.contains("agenda[1].number"), "{found}");
}

#[test]
fn impossible_dates_are_refused() {
    let (_dir, root) = sample_copy();
    let path = root.join("actions.json");
    replace_in(&path, "2022-01-14", "2022-02-31");
    let found = problems(&root);
    assert!(found[0].contains("actions[0].due"), "{found:?}");
}

#[test]
fn atomic_write_keeps_the_mode_and_leaves_no_temp_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("actions.json");
    fs::write(&path, "old").unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
    store::write_atomic(&path, b"new").unwrap();
    assert_eq!(fs::read(&path).unwrap(), b"new");
    assert_eq!(fs::metadata(&path).unwrap().permissions().mode() & 0o777, 0o640);
    let names: Vec<_> = fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names, vec![std::ffi::OsString::from("actions.json")]);
}

#[test]
fn new_workspaces_are_owner_only() {
    let (_dir, root) = sample_copy();
    let mode = |p: &Path| fs::metadata(p).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode(&root), 0o700);
    assert_eq!(mode(&root.join("gavel.json")), 0o600);
}

#[test]
fn the_lock_is_exclusive_and_released_on_drop() {
    let (_dir, root) = sample_copy();
    let held = WorkspaceLock::acquire(&root).unwrap();
    assert!(WorkspaceLock::try_acquire(&root).unwrap().is_none(), "a second writer must wait");
    drop(held);
    assert!(WorkspaceLock::try_acquire(&root).unwrap().is_some());
}

fn draft_of(text: &str) -> gavel::model::quickadd::QuickAdd {
    gavel::model::quickadd::QuickAdd { text: text.into(), owners: vec!["GB".into()], due: None }
}

/// Writers re-read under the lock: a change made by another process in the
/// meantime is kept, not overwritten with a stale copy.
#[test]
fn a_commit_applies_the_change_to_what_is_on_disk_now() {
    let (_dir, root) = sample_copy();
    let path = root.join("actions.json");
    let stale = store::load(&root).unwrap();
    replace_in(&path, "Update the minutes", "Amend the minutes");
    let mut action = stale.actions.actions[1].clone();
    action.reference = "A99".into();
    action.id = gavel::model::id::Id::fresh();
    store::commit(&root, &Change::PutAction { action }).unwrap();
    let now = store::load(&root).unwrap();
    assert!(now.actions.actions[0].text.starts_with("Amend the minutes"));
    assert_eq!(now.actions.actions.last().unwrap().reference, "A99");
}

#[test]
fn concurrent_commits_lose_nothing() {
    let (_dir, root) = sample_copy();
    let before = store::load(&root).unwrap().actions.actions.len();
    std::thread::scope(|s| {
        for t in 0..4 {
            let root = &root;
            s.spawn(move || {
                for i in 0..25 {
                    let change = Change::AddAction { draft: draft_of(&format!("T{t}-{i}")), raised: None };
                    store::commit(root, &change).unwrap();
                }
            });
        }
    });
    let after = store::load(&root).unwrap().actions;
    assert_eq!(after.actions.len(), before + 100);
    let mut refs: Vec<_> = after.actions.iter().map(|a| a.reference.clone()).collect();
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), before + 100, "every ref unique");
}

#[test]
fn a_refused_change_writes_nothing() {
    let (_dir, root) = sample_copy();
    let path = root.join("actions.json");
    let before = fs::read(&path).unwrap();
    let mut action = store::load(&root).unwrap().actions.actions[0].clone();
    action.owners = vec!["XX".into()];
    action.reference = "A77".into();
    action.id = gavel::model::id::Id::fresh();
    let refused = store::commit(&root, &Change::PutAction { action }).unwrap_err().to_string();
    assert!(refused.contains("\"XX\" is not in the people register"), "{refused}");
    assert_eq!(fs::read(&path).unwrap(), before);
}

/// Two people change the same action from the same stale view: one marks it
/// done, the other rewrites its text. Each change is applied to the record
/// as it is on disk, field by field, so both are kept.
#[test]
fn two_changes_to_one_action_are_merged_field_by_field() {
    use gavel::model::change::{ActionEdit, Closure, FieldEdit};
    let (_dir, root) = sample_copy();
    let stale = store::load(&root).unwrap();
    let a2 = stale.actions.actions.iter().find(|a| a.reference == "A2").unwrap().clone();
    let today = "2022-02-20".parse().unwrap();
    let done = ActionEdit::Status { was: Closure::of(&a2), now: Closure::set(gavel::model::ActionStatus::Done, today) };
    store::commit(&root, &Change::edit_action_named("A2", done)).unwrap();
    let text = "Invite the DfE and NHSE advisors to the June meeting";
    let fields = FieldEdit::between(&a2, text, &a2.owners, a2.due);
    store::commit(&root, &Change::edit_action_named("A2", ActionEdit::Fields(fields))).unwrap();
    let a2 = store::load(&root).unwrap().actions.actions.into_iter().find(|a| a.reference == "A2").unwrap();
    assert_eq!(a2.status, gavel::model::ActionStatus::Done, "the first change is kept");
    assert!(a2.text.contains("June meeting"), "and so is the second");
}

/// `append_action` splices the new action into a canonical log: the file is
/// exactly what a full rewrite would give. A non-canonical log takes the
/// full path and ends canonical.
#[test]
fn appending_gives_the_same_bytes_as_a_full_rewrite() {
    let (_dir, root) = sample_copy();
    let path = root.join("actions.json");
    let board = store::load(&root).unwrap().board;
    let added = store::append_action(&root, &board, draft("Spliced in"), None).unwrap();
    assert_eq!(added.reference, "A14");
    let log: ActionLog = store::parse_document(&path, &fs::read(&path).unwrap()).unwrap();
    assert_eq!(fs::read(&path).unwrap(), store::to_json(&log), "canonical after a splice");
    assert_eq!(log.actions.last().unwrap().text, "Spliced in");
    // Hand-edited into a compact form: the full path rewrites it canonically.
    fs::write(&path, serde_json::to_vec(&log).unwrap()).unwrap();
    assert_eq!(store::append_action(&root, &board, draft("Full path"), None).unwrap().reference, "A15");
    let log: ActionLog = store::parse_document(&path, &fs::read(&path).unwrap()).unwrap();
    assert_eq!(fs::read(&path).unwrap(), store::to_json(&log));
    // A log edited by hand is validated in full again: an unknown owner is refused, untouched.
    let edited = fs::read_to_string(&path).unwrap().replacen(&id_of(&root, "GB"), "\"XX\"", 1);
    fs::write(&path, &edited).unwrap();
    let refused = store::append_action(&root, &board, draft("Never"), None).unwrap_err().to_string();
    assert!(refused.contains("\"XX\" is not in the people register"), "{refused}");
    assert_eq!(fs::read_to_string(&path).unwrap(), edited);
    // A broken log is refused, untouched.
    fs::write(&path, b"{\"schema_version\": 1, \"actions\": [").unwrap();
    assert!(store::append_action(&root, &board, draft("Never"), None).is_err());
    assert_eq!(fs::read(&path).unwrap(), b"{\"schema_version\": 1, \"actions\": [");
}

/// The second add on, the log is not read: its text up to the closing
/// bracket is copied on disk. The result is still exactly a full rewrite's,
/// and `.gavel.checked` is rewritten in place only while it is gavel's own
/// file: a hard link planted there is replaced, never written through.
#[test]
fn splicing_on_disk_gives_a_full_rewrite_and_never_writes_through_a_link() {
    let (dir, root) = sample_copy();
    let path = root.join("actions.json");
    let board = store::load(&root).unwrap().board;
    for text in ["First", "Second on disk", "Third on disk"] {
        store::append_action(&root, &board, draft(text), None).unwrap();
    }
    let log: ActionLog = store::parse_document(&path, &fs::read(&path).unwrap()).unwrap();
    assert_eq!(fs::read(&path).unwrap(), store::to_json(&log));
    let texts: Vec<&str> = log.actions.iter().rev().take(3).map(|a| a.text.as_str()).collect();
    assert_eq!(texts, ["Third on disk", "Second on disk", "First"]);

    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "not gavel's").unwrap();
    let checked = root.join(".gavel.checked");
    fs::remove_file(&checked).unwrap();
    fs::hard_link(&victim, &checked).unwrap();
    assert_eq!(store::append_action(&root, &board, draft("Fourth"), None).unwrap().reference, "A17");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "not gavel's", "the linked file is untouched");
    // A torn record (a crash mid-write) is not trusted: the next add checks the log in full.
    let text = fs::read_to_string(&checked).unwrap();
    fs::write(&checked, text.replace("A18", "A99")).unwrap();
    assert_eq!(store::append_action(&root, &board, draft("Fifth"), None).unwrap().reference, "A18");
}

/// An action for GB, as quick-add reads "TEXT @GB".
fn draft(text: &str) -> gavel::model::quickadd::QuickAdd {
    gavel::model::quickadd::QuickAdd { text: text.into(), owners: vec!["GB".into()], due: None }
}
