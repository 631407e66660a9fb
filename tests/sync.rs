//! Two laptops, one board: two clones of a bare repository on this machine,
//! changes made on both, `gavel sync` on each. Every pair of concurrent
//! changes merges into one valid workspace, the same in both clones, with
//! nothing lost; a broken file on one side fails cleanly.

mod common;
#[path = "sync/identity.rs"]
mod identity;
#[path = "sync/safety.rs"]
mod safety;

use common::BIN;
use gavel::model::Change;
use gavel::model::change::{ActionEdit, Closure, FieldEdit};
use gavel::store;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn run(dir: &Path, program: &str, args: &[&str]) -> Output {
    Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("GAVEL_NOW", "2022-03-03T11:00:00+00:00")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .env("HOME", dir)
        .output()
        .unwrap()
}

fn gavel(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, BIN, args);
    let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert!(out.status.success(), "gavel {args:?} failed:\n{text}");
    text
}

/// A bare "server" repository and two laptops' clones of the sample board.
struct Board {
    _dir: tempfile::TempDir,
    a: PathBuf,
    b: PathBuf,
}

fn board() -> Board {
    let dir = tempfile::tempdir().unwrap();
    let (server, a, b) = (dir.path().join("board.git"), dir.path().join("a"), dir.path().join("b"));
    assert!(run(dir.path(), "git", &["init", "--quiet", "--bare", server.to_str().unwrap()]).status.success());
    gavel(dir.path(), &["init", a.to_str().unwrap(), "--sample", "--git"]);
    assert!(run(&a, "git", &["remote", "add", "origin", server.to_str().unwrap()]).status.success());
    assert!(gavel(&a, &["sync", "-w", a.to_str().unwrap()]).contains("pushed"));
    assert!(
        run(dir.path(), "git", &["clone", "--quiet", server.to_str().unwrap(), b.to_str().unwrap()]).status.success()
    );
    gavel(&b, &["sync", "-w", b.to_str().unwrap()]);
    Board { _dir: dir, a, b }
}

impl Board {
    /// A syncs, B syncs (merging), A syncs again: both clones end the same.
    fn sync_both(&self) -> String {
        let w = |p: &Path| p.to_str().unwrap().to_string();
        gavel(&self.a, &["sync", "-w", &w(&self.a)]);
        let merged = gavel(&self.b, &["sync", "-w", &w(&self.b)]);
        gavel(&self.a, &["sync", "-w", &w(&self.a)]);
        for root in [&self.a, &self.b] {
            gavel(root, &["validate", "-w", &w(root)]);
        }
        for ((name, a), (_, b)) in files(&self.a).into_iter().zip(files(&self.b)) {
            assert!(a == b, "{name} differs between the clones");
        }
        merged
    }
}

fn files(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for name in ["gavel.json", "actions.json", "risks.json", "meetings/2022-03-03.json"] {
        out.push((name.to_string(), std::fs::read_to_string(root.join(name)).unwrap()));
    }
    out
}

fn commit(root: &Path, change: Change) {
    store::commit(root, &change).unwrap();
}

fn action(root: &Path, reference: &str) -> gavel::model::Action {
    store::load(root).unwrap().actions.actions.into_iter().find(|a| a.reference == reference).unwrap()
}

fn add(root: &Path, text: &str) {
    gavel(root, &["add", text, "-w", root.to_str().unwrap()]);
}

#[test]
fn two_adds_keep_both_and_renumber_one() {
    let board = board();
    add(&board.a, "Circulate the APP tracker @GB");
    add(&board.b, "Book the room for June @MM");
    let report = board.sync_both();
    assert!(report.contains("A14 was given on both machines: this machine's is now A15"), "{report}");
    let log = store::load(&board.a).unwrap().actions.actions;
    let texts: Vec<_> = log.iter().map(|a| (a.reference.as_str(), a.text.as_str())).collect();
    assert!(
        texts.contains(&("A14", "Circulate the APP tracker")) && texts.contains(&("A15", "Book the room for June"))
    );
    let git_log = String::from_utf8_lossy(&run(&board.a, "git", &["log", "--format=%s"]).stdout).into_owned();
    assert!(git_log.contains("A14 added"), "commit messages in the board's words:\n{git_log}");
}

#[test]
fn an_add_and_an_edit_of_different_fields_both_stay() {
    let board = board();
    add(&board.a, "Circulate the APP tracker @GB");
    let a2 = action(&board.b, "A2");
    let text = FieldEdit::Text { was: a2.text.clone(), now: "Invite the advisors to June".into() };
    commit(&board.b, Change::edit_action_named("A2", ActionEdit::Fields(vec![text])));
    let a2 = action(&board.a, "A2");
    let owner = FieldEdit::Owners { was: a2.owners.clone(), now: vec!["PD".into()] };
    commit(&board.a, Change::edit_action_named("A2", ActionEdit::Fields(vec![owner])));
    board.sync_both();
    let a2 = action(&board.b, "A2");
    assert_eq!((a2.text.as_str(), a2.owners.clone()), ("Invite the advisors to June", vec!["PD".to_string()]));
    assert_eq!(action(&board.b, "A14").text, "Circulate the APP tracker");
}

#[test]
fn the_same_field_keeps_the_shared_value_and_notes_the_other() {
    let board = board();
    for (root, to) in [(&board.a, "PD"), (&board.b, "MM")] {
        let a2 = action(root, "A2");
        let owner = FieldEdit::Owners { was: a2.owners.clone(), now: vec![to.into()] };
        commit(root, Change::edit_action_named("A2", ActionEdit::Fields(vec![owner])));
    }
    let report = board.sync_both();
    let a2 = action(&board.a, "A2");
    assert_eq!(a2.owners, vec!["PD".to_string()], "A synced first, so its value was shared first");
    let entry = a2.changes.iter().find(|e| e.by == "gavel merge").expect("this machine's value in the history");
    assert_eq!(entry.fields[0].from, Some(serde_json::json!(["MM"])));
    assert!(report.contains("merged: actions.json: A2 owners: kept PD, yours MM in its history"), "{report}");
}

#[test]
fn a_status_and_an_update_on_two_machines_both_stay() {
    let board = board();
    let a3 = action(&board.a, "A3");
    let done = Closure::set(gavel::model::ActionStatus::Done, "2022-03-03".parse().unwrap());
    commit(&board.a, Change::edit_action_named("A3", ActionEdit::Status { was: Closure::of(&a3), now: done }));
    let update = gavel::model::action::Update { date: "2022-03-03".parse().unwrap(), text: "Chased by email".into() };
    commit(&board.b, Change::edit_action_named("A3", ActionEdit::AddUpdate(update)));
    board.sync_both();
    let a3 = action(&board.b, "A3");
    assert_eq!(a3.status, gavel::model::ActionStatus::Done);
    assert_eq!(a3.updates.last().unwrap().text, "Chased by email");
}

#[test]
fn attendance_timer_and_agenda_merge_in_one_meeting() {
    let board = board();
    let date = "2022-03-03".parse().unwrap();
    let mark = |who: &str| Change::Attendance {
        meeting: date,
        initials: who.into(),
        edit: gavel::model::attendance::AttendanceEdit::Mark(gavel::model::AttendanceStatus::Present),
        at: "2022-03-03T09:55:00+00:00".parse().unwrap(),
        was: None,
    };
    commit(&board.a, mark("MM"));
    commit(&board.b, mark("PD"));
    // The chair starts the timer on A; the secretary's laptop adds a note and shortens item 11 by hand.
    let timer = Change::Timer {
        meeting: date,
        control: gavel::model::timer::Control::StartOrPause,
        at: "2022-03-03T10:00:00+00:00".parse().unwrap(),
    };
    commit(&board.a, timer);
    let note = Change::Record {
        meeting: date,
        kind: gavel::model::meeting::NoteKind::Note,
        item: "2".into(),
        text: "Minutes agreed".into(),
        at: "2022-03-03T10:03:00+00:00".parse().unwrap(),
    };
    commit(&board.b, note);
    let path = board.b.join("meetings/2022-03-03.json");
    let text =
        std::fs::read_to_string(&path).unwrap().replacen("\"Any other business\"", "\"Any other business (AOB)\"", 1);
    std::fs::write(&path, text).unwrap();
    board.sync_both();
    let meeting = store::load(&board.a).unwrap().meetings.into_iter().find(|m| m.date == date).unwrap();
    assert!(meeting.attendance_of("MM").is_some() && meeting.attendance_of("PD").is_some());
    assert_eq!(meeting.journal.len(), 1);
    assert!(meeting.notes.iter().any(|n| n.text == "Minutes agreed"));
    assert!(meeting.agenda.iter().any(|i| i.title == "Any other business (AOB)"));
}

#[test]
fn timer_events_on_both_sides_are_merged_by_time() {
    let board = board();
    let date = "2022-03-03".parse().unwrap();
    let at = |t: &str| format!("2022-03-03T{t}+00:00").parse().unwrap();
    use gavel::model::timer::Control;
    let step = |control, t: &str| Change::Timer { meeting: date, control, at: at(t) };
    commit(&board.a, step(Control::StartOrPause, "10:00:00"));
    board.sync_both();
    commit(&board.a, step(Control::Next, "10:06:00"));
    commit(&board.b, step(Control::Extend(1), "10:04:00"));
    board.sync_both();
    let meeting = store::load(&board.b).unwrap().meetings.into_iter().find(|m| m.date == date).unwrap();
    let kinds: Vec<_> = meeting.journal.iter().map(|e| format!("{:?}", e.event)).collect();
    assert_eq!(kinds, ["Start", "Extend", "Next"], "in time order");
}

#[test]
fn a_broken_file_on_one_side_fails_the_merge_cleanly_and_loses_nothing() {
    let board = board();
    add(&board.a, "Circulate the APP tracker @GB");
    gavel(&board.a, &["sync", "-w", board.a.to_str().unwrap()]);
    // B's copy of actions.json is broken by hand, and committed as it is.
    let broken = board.b.join("actions.json");
    let text = std::fs::read_to_string(&broken).unwrap();
    std::fs::write(&broken, text.replacen("\"A1\"", "\"A1\",,", 1)).unwrap();
    let out = run(&board.b, BIN, &["sync", "-w", board.b.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    // Refused before anything is committed: a broken file never leaves the laptop.
    assert!(err.contains("actions.json:") && err.contains("nothing was committed or pushed"), "{err}");
    let left = std::fs::read_to_string(&broken).unwrap();
    assert!(left.contains("\"A1\",,"), "this machine's version is left as it was, for the user to mend");
}

/// `S` in the TUI syncs in the background and says how it went in the footer.
#[test]
fn s_in_the_tui_syncs_and_says_so() {
    let board = board();
    add(&board.a, "Circulate the APP tracker @GB due 31.3.22");
    let env = [("GAVEL_NOW", "2022-03-03T09:00:00+00:00"), ("HOME", board.a.to_str().unwrap())];
    let mut tui = common::Session::start(&["-w", board.a.to_str().unwrap()], 120, 40, &env);
    tui.wait_for("2 Actions");
    tui.send("S");
    tui.wait_for("sync: A14 added · pulled · pushed");
    tui.send("q");
    assert!(tui.wait_exit());
    gavel(&board.b, &["sync", "-w", board.b.to_str().unwrap()]);
    assert_eq!(action(&board.b, "A14").text, "Circulate the APP tracker", "it reached the other laptop");
}

/// A workspace made by an older `init`, whose `.gitignore` names only the
/// lock and `.gavel.checked`: sync adds gavel's other bookkeeping files to
/// it before it commits, so the spare of the action log never enters git.
#[test]
fn sync_keeps_gavel_s_own_files_out_of_git_whatever_the_gitignore() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a");
    let w = a.to_str().unwrap();
    gavel(dir.path(), &["init", w, "--sample", "--git"]);
    std::fs::write(a.join(".gitignore"), ".gavel.lock\n.gavel.checked\n").unwrap();
    gavel(&a, &["add", "-w", w, "Circulate the tracker @GB"]);
    gavel(&a, &["add", "-w", w, "Book the room @MM"]);
    assert!(a.join(".gavel.spare").exists());
    gavel(&a, &["sync", "-w", w]);
    let ignored = std::fs::read_to_string(a.join(".gitignore")).unwrap();
    assert_eq!(ignored, ".gavel.lock\n.gavel.checked\n.gavel.spare\n.gavel.unsaved.json\n.gavel.identity\n");
    let tracked = String::from_utf8(run(&a, "git", &["ls-files"]).stdout).unwrap();
    assert!(!tracked.contains(".gavel."), "{tracked}");
    assert!(tracked.contains("actions.json") && tracked.contains(".gitignore"), "{tracked}");
}

/// Approved on one laptop, noted on the other before it synced: the
/// approved minutes stay as approved on both, and the late note is kept
/// aside in the meeting's history, not dropped.
#[test]
fn a_note_made_elsewhere_after_approval_is_kept_aside_not_merged_into_the_minutes() {
    let board = board();
    let date: chrono::NaiveDate = "2022-01-06".parse().unwrap();
    let approved = || gavel(&board.a, &["export", "minutes", "--meeting", "2022-01-06"]);
    gavel(&board.a, &["minutes", "approve", "2022-01-06", "--on", "2022-03-03", "--yes"]);
    let minutes = approved();
    // B has not synced: its copy of January is still a draft it can note in.
    let note = Change::Record {
        meeting: date,
        kind: gavel::model::meeting::NoteKind::Note,
        item: "3".into(),
        text: "Typed up late on B".into(),
        at: "2022-01-06T11:00:00+00:00".parse().unwrap(),
    };
    commit(&board.b, note);
    board.sync_both();
    for root in [&board.a, &board.b] {
        let text = gavel(root, &["export", "minutes", "--meeting", "2022-01-06"]);
        assert_eq!(text, minutes, "the approved minutes are as approved on every laptop");
        let history = gavel(root, &["history", "2022-01-06"]);
        assert!(history.contains("Typed up late on B") && history.contains("kept aside"), "{history}");
    }
}
