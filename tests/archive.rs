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

/// Links hold identities: initials corrected by hand in gavel.json are
/// followed by every link in every file.
#[test]
fn initials_corrected_by_hand_are_followed_by_every_link() {
    let (_dir, root) = older_workspace();
    let board = std::fs::read_to_string(root.join("gavel.json")).unwrap();
    let people: serde_json::Value = serde_json::from_str(&board).unwrap();
    let who = people["people"][2]["initials"].as_str().unwrap().to_string();
    let owned = store::load(&root).unwrap().actions.actions.iter().filter(|a| a.owners.contains(&who)).count();
    assert!(owned > 0, "{who} owns actions");
    std::fs::write(root.join("gavel.json"), board.replacen(&format!("\"{who}\""), &format!("\"{who}x\""), 1)).unwrap();
    assert!(gavel(&root, &["validate"]).status.success());
    let now = store::load(&root).unwrap().actions.actions;
    let now = now.iter().filter(|a| a.owners.contains(&format!("{who}x"))).count();
    assert_eq!(now, owned, "every action of theirs is theirs under the new initials");
}

#[test]
fn a_person_taken_out_by_hand_gives_a_few_located_messages_and_a_count() {
    let (_dir, root) = older_workspace();
    let path = root.join("gavel.json");
    let mut board: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    board["people"].as_array_mut().unwrap().remove(2);
    std::fs::write(&path, serde_json::to_vec_pretty(&board).unwrap()).unwrap();
    let out = gavel(&root, &["validate"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("which no one in the people register (gavel.json) bears"), "{err}");
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

/// Sixteen years of a board in one file: an actions.json over 8 MiB, which
/// gavel reads and tidies a record at a time (`store::sift`).
fn long_older_workspace() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    generate(&root, Size { meetings: 400, actions: 16_000, risks: 1_000, people: 60, seed: 3 }).unwrap();
    let len = std::fs::metadata(root.join("actions.json")).unwrap().len();
    assert!(len > 8 * 1024 * 1024, "long enough to be read a record at a time: {len} bytes");
    (dir, root)
}

/// What the whole-file tidy writes for `log`'s closed actions before `kept_from`:
/// each year's file, and the log that stays.
fn tidied_by_hand(log: &ActionLog, kept_from: i32) -> (Vec<(i32, Vec<u8>)>, ActionLog) {
    use chrono::Datelike;
    let mut years: std::collections::BTreeMap<i32, ActionLog> = Default::default();
    let mut kept = log.clone();
    kept.actions.clear();
    for a in &log.actions {
        match a.closed.filter(|_| a.status.is_closed()).map(|d| d.year()).filter(|&y| y < kept_from) {
            Some(year) => years.entry(year).or_insert_with(ActionLog::empty).actions.push(a.clone()),
            None => kept.actions.push(a.clone()),
        }
    }
    let files = years.into_iter().map(|(year, file)| (year, store::to_json(&file))).collect();
    (files, kept)
}

#[test]
fn a_long_older_log_is_tidied_a_record_at_a_time_into_the_files_a_whole_tidy_writes() {
    let (_dir, root) = long_older_workspace();
    let before = live(&root);
    let everything = store::load(&root).unwrap();
    let last_year = store::meeting_dates(&root).last().unwrap().format("%Y").to_string().parse::<i32>().unwrap();
    let _register = gavel::model::link::in_force(Some(gavel::model::link::Directory::of(&everything.board)));
    let (files, kept) = tidied_by_hand(&before, last_year);
    assert!(files.len() > 10, "years of closed actions to move: {}", files.len());

    let out = gavel(&root, &["add", "Book the room for June @Scrum due 30.6.26"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("A16001 saved"), "the next ref, as before");
    for (year, bytes) in &files {
        let on_disk = std::fs::read(store::archive_file(&root, "actions", *year)).unwrap();
        assert!(on_disk == *bytes, "archive/actions-{year}.json is as a whole-file tidy writes it");
    }
    let now = live(&root);
    assert_eq!(now.actions.len(), kept.actions.len() + 1);
    assert_eq!(now.actions[..kept.actions.len()], kept.actions[..], "the log keeps the rest, in its order");
    let moved = files.iter().flat_map(|(_, b)| serde_json::from_slice::<ActionLog>(b).unwrap().actions);
    let highest = moved.map(|a| a.reference[1..].parse::<u32>().unwrap()).max().unwrap();
    assert_eq!(now.archived, vec![format!("A{highest}")], "the log remembers the highest ref it archived");
    // Nothing lost, the risks archived as well, and the workspace valid.
    let after = store::load(&root).unwrap();
    assert_eq!(after.actions.actions.len(), everything.actions.actions.len() + 1);
    assert_eq!(after.risks.risks.len(), everything.risks.risks.len());
    assert!(!store::archive_years(&root, "risks").is_empty(), "closed risks of past years archived too");
    assert!(gavel(&root, &["validate"]).status.success());
}

#[test]
fn a_long_older_log_reads_before_its_first_write_as_it_will_after() {
    let (_dir, untidied) = long_older_workspace();
    let tidied_dir = tempfile::tempdir().unwrap();
    let tidied = tidied_dir.path().join("board");
    assert!(Command::new("cp").arg("-a").arg(&untidied).arg(&tidied).status().unwrap().success());
    assert!(gavel(&tidied, &["add", "Book the room for June @Scrum due 30.6.26"]).status.success());
    let added = |a: &gavel::model::Action| a.reference == "A16001";

    // The daily view: the same actions, risks and next ref, read a record at a time.
    let (before, after) = (store::load_recent(&untidied).unwrap(), store::load_recent(&tidied).unwrap());
    assert!(!untidied.join("archive").exists(), "reading wrote nothing");
    let after_actions: Vec<_> = after.actions.actions.iter().filter(|a| !added(a)).collect();
    assert!(before.actions.actions.iter().collect::<Vec<_>>() == after_actions, "the same daily actions");
    // risks.json is short here (read whole, as it is): its open risks are the same.
    let open = |r: &gavel::model::RiskRegister| {
        r.risks.iter().filter(|r| r.status == gavel::model::risk::RiskStatus::Open).cloned().collect::<Vec<_>>()
    };
    assert!(open(&before.risks) == open(&after.risks));
    assert_eq!(before.actions.archived, after.actions.archived);
    assert_eq!(before.actions.next_ref(), "A16001");

    // The history: --all and an old meeting's minutes, as after the tidy.
    let lines = |root: &Path, args: &[&str]| -> Vec<String> {
        let out = gavel(root, args);
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        text.lines().filter(|l| !l.contains("A16001") && !l.ends_with(" actions")).map(str::to_string).collect()
    };
    let all = lines(&untidied, &["actions", "--all"]);
    assert!(all.len() > 15_000, "every action listed: {}", all.len());
    assert_eq!(all, lines(&tidied, &["actions", "--all"]));
    let first = store::meeting_dates(&untidied)[0].to_string();
    let minutes = ["export", "minutes", "--meeting", first.as_str()];
    assert_eq!(lines(&untidied, &minutes), lines(&tidied, &minutes));
    assert!(gavel(&untidied, &["validate"]).status.success());
    assert!(!untidied.join("archive").exists(), "still nothing written");
}

#[test]
fn a_long_older_log_is_tidied_by_the_full_save_as_by_an_add() {
    let (_dir, root) = long_older_workspace();
    let everything = store::load(&root).unwrap().actions.actions.len();
    let open = live(&root).actions.iter().find(|a| !a.status.is_closed()).unwrap().reference.clone();
    let update = gavel::model::action::Update { date: "2025-09-01".parse().unwrap(), text: "Chased by email".into() };
    let edit = gavel::model::change::ActionEdit::AddUpdate(update.clone());
    store::commit(&root, &Change::edit_action_named(&open, edit)).unwrap();
    let now = live(&root);
    assert!(std::fs::metadata(root.join("actions.json")).unwrap().len() < 2 * 1024 * 1024, "the open work only");
    assert!(now.actions.iter().find(|a| a.reference == open).unwrap().updates.contains(&update), "the edit is saved");
    assert_eq!(store::load(&root).unwrap().actions.actions.len(), everything, "nothing lost");
    assert!(store::archive_years(&root, "actions").len() > 10);
}

#[test]
fn a_long_older_log_that_is_broken_or_wrong_is_reported_as_before_and_left_untouched() {
    let (_dir, root) = long_older_workspace();
    let path = root.join("actions.json");
    let whole = std::fs::read(&path).unwrap();
    // Cut short, as by a copy that failed: the whole-file reading says where.
    std::fs::write(&path, &whole[..whole.len() - 5000]).unwrap();
    let out = gavel(&root, &["add", "Book the room @Scrum due 30.6.26"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("actions.json:") && err.contains("ends too early"), "{err}");
    assert_eq!(std::fs::read(&path).unwrap().len(), whole.len() - 5000, "untouched");
    assert!(!root.join("archive").exists(), "nothing archived");
    // An owner no one has: refused, with the line, whichever year it is in.
    let text = String::from_utf8(whole).unwrap();
    let wrong = text.replacen("\"owners\": [\n        \"", "\"owners\": [\n        \"ZZ", 1);
    assert_ne!(wrong, text);
    std::fs::write(&path, &wrong).unwrap();
    let out = gavel(&root, &["add", "Book the room @Scrum due 30.6.26"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("actions.json:") && err.contains("is not in the people register"), "{err}");
    assert!(std::fs::read(&path).unwrap() == wrong.as_bytes(), "untouched");
    assert!(!root.join("archive").exists(), "nothing archived");
}

#[test]
fn a_long_older_log_whose_tidy_cannot_be_written_is_left_as_it_was() {
    let (_dir, root) = long_older_workspace();
    let whole = std::fs::read(root.join("actions.json")).unwrap();
    // No file over 1 MiB can be written: the spool fails part way.
    let out = Command::new("prlimit")
        .arg("--fsize=1048576")
        .arg(BIN)
        .args(["add", "Book the room @Scrum due 30.6.26", "-w"])
        .arg(&root)
        .env("GAVEL_NOW", "2025-09-01T10:00:00+01:00")
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stdout));
    assert!(std::fs::read(root.join("actions.json")).unwrap() == whole, "the log is as it was");
    assert!(store::load(&root).is_ok(), "and loads");
    let out = gavel(&root, &["add", "Book the room @Scrum due 30.6.26"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("A16001 saved"));
}
