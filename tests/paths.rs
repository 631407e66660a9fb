//! Two paths changing the same records at once: the TUI, the command line,
//! a spreadsheet import, a second TUI. No change of either side is reverted;
//! a true conflict is refused naming the field and both values.

mod common;

use common::{BIN, Session, sample_copy};
use gavel::model::Change;
use gavel::model::change::{ActionEdit, EntryRestore, FieldEdit, RiskEdit};
use gavel::model::risk::{RiskStatus, Score};
use gavel::store;
use std::path::Path;
use std::process::Command;

fn gavel(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).arg("-w").arg(root).output().unwrap()
}

/// An export of the action log with one row's cells replaced.
fn sheet_with(root: &Path, reference: &str, edits: &[(&str, &str)]) -> std::path::PathBuf {
    let csv = String::from_utf8(gavel(root, &["export", "actions"]).stdout).unwrap();
    let lines: Vec<String> = csv
        .split("\r\n")
        .map(|line| {
            let mut line = line.to_string();
            if line.starts_with(&format!("{reference},")) {
                for (from, to) in edits {
                    line = line.replacen(from, to, 1);
                }
            }
            line
        })
        .collect();
    let path = root.join(format!("../{reference}-{}.csv", edits.len()));
    std::fs::write(&path, lines.join("\r\n")).unwrap();
    path
}

fn a2(root: &Path) -> gavel::model::Action {
    store::load(root).unwrap().actions.actions.into_iter().find(|a| a.reference == "A2").unwrap()
}

/// The issue's case: `e` on A2 in the TUI, then a spreadsheet import sets
/// its owner and deadline, then Enter. The TUI's edit writes only the text
/// it changed; an owner typed over the import's is refused, text kept.
#[test]
fn a_tui_edit_keeps_an_import_made_meanwhile_and_refuses_a_true_conflict() {
    let (_dir, root) = sample_copy();
    let export = sheet_with(&root, "A2", &[]);
    std::fs::write(&export, gavel(&root, &["export", "actions"]).stdout).unwrap();
    let mut tui =
        Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[("GAVEL_NOW", "2022-03-01T10:00:00+00:00")]);
    tui.wait_for("2 Actions");
    tui.send("2/A2\r");
    tui.send("e");
    tui.wait_for("Edit A2");
    let import = sheet_with(&root, "A2", &[(",GB,", ",PD,"), (",2022-02-17,", ",2022-06-30,")]);
    let out = gavel(&root, &["import", "actions", import.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    // Home, then words in front of the text: only the text changes.
    tui.send("\x01Please ");
    tui.send("\r");
    tui.wait_for("A2 edited: text");
    let after = a2(&root);
    assert!(after.text.starts_with("Please Invite"), "{}", after.text);
    assert_eq!(after.owners, vec!["PD".to_string()], "the import's owner is kept");
    assert_eq!(after.due, Some(gavel::model::Deadline::On("2022-06-30".parse().unwrap())));
    // Again: the TUI opens on PD, the import moves it to BM, the TUI adds MM.
    tui.send("e");
    tui.wait_for("Edit A2");
    let import = sheet_with(&root, "A2", &[(",PD,", ",BM,")]);
    assert_eq!(gavel(&root, &["import", "actions", import.to_str().unwrap()]).status.code(), Some(0));
    tui.send("\x05 @MM\r");
    tui.wait_for("A2 owner was changed to BM in another gavel since you opened the edit; yours: PD/MM");
    assert!(tui.screen().contains("@PD due 2022-06-30 @MM"), "the typed line stays to mend:\n{}", tui.screen());
    assert_eq!(a2(&root).owners, vec!["BM".to_string()], "nothing of the refused edit was written");
    tui.send("\x1b");
    tui.wait_gone("@PD due 2022-06-30 @MM");
    tui.send("q");
    assert!(tui.wait_exit());
}

/// Add in one TUI, undo it: gone from disk, and from a second viewer's screen.
#[test]
fn undo_takes_an_added_action_off_disk_and_off_another_screen() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let env = [("GAVEL_NOW", "2022-03-01T10:00:00+00:00")];
    let mut secretary = Session::start(&["-w", w], 120, 40, &env);
    let mut chair = Session::start(&["-w", w], 120, 40, &env);
    secretary.wait_for("2 Actions");
    chair.wait_for("2 Actions");
    secretary.send("a");
    secretary.send("Circulate the APP tracker @GB due +2w\r");
    secretary.wait_for("A14 added");
    chair.wait_for("Circulate the APP tracker");
    secretary.send("\x1a");
    secretary.wait_for("undone: A14 deleted");
    let log = std::fs::read_to_string(root.join("actions.json")).unwrap();
    assert!(!log.contains("Circulate the APP tracker"), "gone from disk");
    assert!(log.contains("\"retired\": [\n    \"A14\"\n  ]"), "its ref is retired:\n{log}");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
    while chair.screen().contains("Circulate the APP tracker") {
        assert!(std::time::Instant::now() < deadline, "the chair still sees it:\n{}", chair.screen());
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    // The next action takes a new ref: A14 is never given twice.
    assert!(String::from_utf8_lossy(&gavel(&root, &["add", "Book the room @MM"]).stdout).starts_with("A15 saved"));
    secretary.send("q");
    chair.send("q");
    assert!(secretary.wait_exit() && chair.wait_exit());
}

/// Two writers from the same stale view, through the one save path, on each
/// kind of record: different fields both stay, the same field conflicts.
#[test]
fn stale_views_on_every_record_kind_merge_or_conflict() {
    let (_dir, root) = sample_copy();
    let ws = store::load(&root).unwrap();
    let date = "2022-03-03".parse().unwrap();
    let a5 = ws.actions.actions.iter().find(|a| a.reference == "A5").unwrap().clone();
    let r2 = ws.risks.risks.iter().find(|r| r.reference == "R2").unwrap().clone();
    let commit = |change: Change| store::commit(&root, &change).map(|_| ()).map_err(|e| e.to_string());
    // Action: the CLI's path and the TUI's path edit different fields, then the same one.
    let text = FieldEdit::Text { was: a5.text.clone(), now: "Finalise the Capacity Review".into() };
    let owner = |to: &str| FieldEdit::Owners { was: a5.owners.clone(), now: vec![to.into()] };
    let edit = |f: FieldEdit| Change::edit_action_named("A5", ActionEdit::Fields(vec![f]));
    commit(edit(text)).unwrap();
    commit(edit(owner("GB"))).unwrap();
    let refused = commit(edit(owner("PD"))).unwrap_err();
    assert_eq!(refused, "A5 owner was changed to GB in another gavel since you opened the edit; yours: PD");
    // Risk: a review date and a rescore both stay; a second rescore from the old score conflicts.
    let review = RiskEdit::Review { was: r2.review, now: Some("2022-04-01".parse().unwrap()) };
    let rescore = |to: (u8, u8)| RiskEdit::Rescore {
        was: r2.current(),
        now: Score::new(to.0, to.1).unwrap(),
        on: "2022-03-03".parse().unwrap(),
    };
    let risk = |edit| Change::edit_risk_named("R2", edit);
    commit(risk(review)).unwrap();
    commit(risk(rescore((4, 4)))).unwrap();
    assert!(commit(risk(rescore((2, 2)))).unwrap_err().starts_with("R2 score was changed to L4 × I4"));
    commit(risk(RiskEdit::Status { was: RiskStatus::Open, now: RiskStatus::Closed })).unwrap();
    // Attendance: two people from two gavels stay; one person twice conflicts.
    let mark = |who: &str, status| Change::Attendance {
        meeting: date,
        initials: who.into(),
        edit: gavel::model::attendance::AttendanceEdit::Mark(status),
        at: "2022-03-03T09:50:00+00:00".parse().unwrap(),
        was: None,
    };
    use gavel::model::AttendanceStatus::{Apologies, Present};
    commit(mark("GB", Present)).unwrap();
    commit(mark("PD", Apologies)).unwrap();
    let refused = commit(mark("GB", Apologies)).unwrap_err();
    assert!(refused.starts_with("GB's attendance status was changed to present"), "{refused}");
    // Back to expected, from a view that saw GB present: allowed; a stale one is not.
    let seen = store::load(&root).unwrap().meetings.iter().find(|m| m.date == date).unwrap().clone();
    let gb = seen.attendance_of("GB").cloned();
    let clear = Change::RestoreAttendance {
        meeting: date,
        entries: vec![EntryRestore { initials: "GB".into(), expect: gb, restore: None }],
    };
    commit(clear.clone()).unwrap();
    assert!(commit(clear).is_err(), "the entry it expected is gone");
    let after = store::load(&root).unwrap();
    let a5 = after.actions.actions.iter().find(|a| a.reference == "A5").unwrap();
    assert_eq!((a5.text.as_str(), a5.owners.clone()), ("Finalise the Capacity Review", vec!["GB".to_string()]));
    let r2 = after.risks.risks.iter().find(|r| r.reference == "R2").unwrap();
    assert_eq!((r2.score(), r2.status, r2.review.unwrap().to_string()), (16, RiskStatus::Closed, "2022-04-01".into()));
    let meeting = after.meetings.iter().find(|m| m.date == date).unwrap();
    assert!(meeting.attendance_of("GB").is_none() && meeting.attendance_of("PD").is_some());
}

/// Two `gavel import`s of sheets exported at the same moment, each changing
/// a different cell of one action: both land.
#[test]
fn two_imports_of_one_export_both_land() {
    let (_dir, root) = sample_copy();
    let owner = sheet_with(&root, "A2", &[(",GB,", ",PD,")]);
    let due = sheet_with(&root, "A2", &[(",2022-02-17,", ",2022-05-31,"), (",open,", ",open,")]);
    assert_eq!(gavel(&root, &["import", "actions", owner.to_str().unwrap()]).status.code(), Some(0));
    assert_eq!(gavel(&root, &["import", "actions", due.to_str().unwrap()]).status.code(), Some(0));
    let a2 = a2(&root);
    assert_eq!(a2.owners, vec!["PD".to_string()]);
    assert_eq!(a2.due, Some(gavel::model::Deadline::On("2022-05-31".parse().unwrap())));
}
