//! The archive read a year at a time (issue 18): the minutes of any meeting,
//! `actions --all` and `validate` say the same of a board whether its closed
//! actions are archived or all in actions.json.

mod common;

use gavel::generate::{Size, generate};
use gavel::store;
use std::path::{Path, PathBuf};
use std::process::Command;

const BIN: &str = env!("CARGO_BIN_EXE_gavel");

fn gavel(root: &Path, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .args(args)
        .arg("-w")
        .arg(root)
        .env("GAVEL_NOW", "2025-09-01T10:00:00+01:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// Two copies of eighteen months of a board, the same action added to each:
/// one archives its closed actions of 2024 then, the other (a board setting)
/// keeps everything in actions.json.
fn archived_and_not() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let (archived, whole) = (dir.path().join("archived"), dir.path().join("whole"));
    for root in [&archived, &whole] {
        generate(root, Size { meetings: 40, actions: 400, risks: 20, people: 12, seed: 11 }).unwrap();
    }
    let board = whole.join("gavel.json");
    let text = std::fs::read_to_string(&board).unwrap();
    let mut value: serde_json::Value = serde_json::from_str(&text).unwrap();
    value["settings"]["archive_after_years"] = 99.into();
    std::fs::write(&board, serde_json::to_string_pretty(&value).unwrap() + "\n").unwrap();
    for root in [&archived, &whole] {
        gavel(root, &["add", "Book the room for June @Scrum due 30.6.26"]);
    }
    assert!(!store::archive_years(&archived, "actions").is_empty(), "archived");
    assert!(store::archive_years(&whole, "actions").is_empty(), "kept whole");
    (dir, archived, whole)
}

#[test]
fn the_minutes_of_every_meeting_are_the_same_from_the_archive() {
    let (_dir, archived, whole) = archived_and_not();
    for &date in store::meeting_dates(&archived).iter() {
        let date = date.to_string();
        let args = ["export", "minutes", "--meeting", &date];
        assert_eq!(gavel(&archived, &args), gavel(&whole, &args), "the minutes of {date}");
    }
}

#[test]
fn every_action_is_listed_once_open_work_first_then_the_most_recently_closed() {
    let (_dir, archived, whole) = archived_and_not();
    let all = gavel(&archived, &["actions", "--all"]);
    assert_eq!(all, gavel(&whole, &["actions", "--all"]), "the same listing either way");
    let open = gavel(&archived, &["actions"]);
    let open_rows: Vec<&str> = open.lines().skip(1).filter(|l| l.starts_with(' ')).collect();
    let rows: Vec<&str> = all.lines().skip(1).filter(|l| l.starts_with(' ')).collect();
    assert_eq!(rows.len(), 401);
    assert_eq!(&rows[..open_rows.len()], open_rows.as_slice(), "the open ones first, as `actions` lists them");
    assert!(all.ends_with("401 actions\n"));

    let listed: serde_json::Value = serde_json::from_str(&gavel(&archived, &["actions", "--all", "--json"])).unwrap();
    let text = gavel(&archived, &["actions", "--all", "--json"]);
    assert_eq!(text, serde_json::to_string_pretty(&listed).unwrap() + "\n", "laid out as one JSON document");
    let closed: Vec<&serde_json::Value> =
        listed["actions"].as_array().unwrap().iter().filter(|a| a["closed"].is_string()).collect();
    let dates: Vec<&str> = closed.iter().map(|a| a["closed"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "the most recently closed first");
    let empty = gavel(&archived, &["actions", "--all", "--json", "--owner", "Scrum", "--overdue"]);
    assert!(serde_json::from_str::<serde_json::Value>(&empty).is_ok(), "{empty}");
}

#[test]
fn validate_counts_what_the_whole_workspace_holds() {
    let (_dir, archived, whole) = archived_and_not();
    let ws = store::load(&archived).unwrap();
    let counts = format!(
        "({} people, {} meetings, {} actions, {} risks)",
        ws.board.people.len(),
        ws.meetings.len(),
        ws.actions.actions.len(),
        ws.risks.risks.len()
    );
    assert!(gavel(&archived, &["validate"]).contains(&counts), "{counts}");
    assert!(gavel(&whole, &["validate"]).contains(&counts), "{counts}");
    let census = store::check_all(&archived).unwrap();
    assert_eq!((census.actions, census.meetings), (401, 40));
}

#[test]
fn a_broken_archive_year_is_named_after_the_rows_before_it() {
    let (_dir, archived, _whole) = archived_and_not();
    let year = store::archive_years(&archived, "actions")[0];
    let path = store::archive_file(&archived, "actions", year);
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("\"status\": \"done\"", "\"status\": \"finished\"", 1)).unwrap();
    let out = Command::new(BIN).args(["actions", "--all", "-w"]).arg(&archived).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("actions-{year}.json:")), "{err}");
    let out = Command::new(BIN).args(["validate", "-w"]).arg(&archived).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains(&format!("actions-{year}.json:")));
}

#[test]
fn a_sheet_with_the_archive_goes_back_in_and_an_archived_row_is_never_added_again() {
    let (dir, archived, whole) = archived_and_not();
    let sheet = dir.path().join("all.csv");
    let sheet_arg = sheet.to_str().unwrap();
    gavel(&archived, &["export", "actions", "--all", "-o", sheet_arg]);
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert_eq!(text.lines().filter(|l| l.starts_with('A')).count(), 401, "every action, the archive's included");
    let again = gavel(&archived, &["import", "actions", sheet_arg]);
    assert!(again.contains("0 changed, 401 unchanged, 0 new"), "{again}");

    // A row of the archive changed in the sheet is reported, not added to the log.
    let year = store::archive_years(&archived, "actions")[0];
    let log: gavel::model::ActionLog =
        store::load_document(&store::archive_file(&archived, "actions", year)).unwrap().unwrap();
    let old = &log.actions[0];
    std::fs::write(&sheet, text.replacen(&old.text, &format!("{} (edited)", old.text), 1)).unwrap();
    let before = std::fs::read(archived.join("actions.json")).unwrap();
    let out = Command::new(BIN).args(["import", "actions", sheet_arg, "-w"]).arg(&archived).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains(&format!("{} is in the archive", old.reference)), "{err}");
    assert_eq!(std::fs::read(archived.join("actions.json")).unwrap(), before, "nothing added");
    // The same sheet on the board that keeps everything in its log is an edit.
    assert_eq!(gavel(&whole, &["export", "actions", "--all"]).lines().count(), text.lines().count());
}

/// In the screen: every action shown (`f` three times) and a word searched
/// for, the archive's matches come after the log's, and one cannot be changed.
#[test]
fn the_screen_searches_the_archive_and_keeps_its_actions_as_they_were() {
    let (_dir, archived, _whole) = archived_and_not();
    let year = store::archive_years(&archived, "actions")[0];
    let log: gavel::model::ActionLog =
        store::load_document(&store::archive_file(&archived, "actions", year)).unwrap().unwrap();
    let old = &log.actions[0];
    let before = common::snapshot_files(&archived);
    let now = [("GAVEL_NOW", "2025-09-01T10:00:00+01:00")];
    let mut screen = common::Session::start(&["-w", archived.to_str().unwrap()], 120, 40, &now);
    screen.wait_for("2 Actions");
    screen.send("2fff/");
    screen.send(&old.reference);
    screen.wait_for("from the archive");
    screen.send("\r");
    screen.wait_for("1 archived");
    screen.send("j");
    screen.wait_for(&format!("{} · in the archive, read-only", old.reference));
    screen.send("d");
    screen.wait_for(&format!("{} is in the archive", old.reference));
    screen.send("q");
    assert!(screen.wait_exit());
    assert_eq!(common::snapshot_files(&archived), before, "nothing changed");
}
