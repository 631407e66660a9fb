//! "Next meeting" typed on a meeting's day, and matters arising counting
//! every action still open, wherever (or whether) it was raised. The
//! sample board met on Thu 6 Jan 2022 and plans Thu 3 Mar 2022, 10:00–12:00.

mod common;

use common::{BIN, sample_copy};
use std::path::Path;
use std::process::{Command, Output};

fn gavel(root: &Path, now: &str, args: &[&str]) -> Output {
    let out = Command::new(BIN).args(args).arg("-w").arg(root).env("GAVEL_NOW", now).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
fn next_meeting_before_during_and_after_a_meeting_day() {
    // When it is typed, whether a May meeting is made, the deadline, what gavel says of it.
    let rows: &[(&str, bool, &str, &str)] = &[
        ("2022-03-02T15:00:00Z", false, "due Thu 3 Mar 2022", "due next meeting: Thu 3 Mar 2022"),
        ("2022-03-02T15:00:00Z", true, "due Thu 3 Mar 2022", "due next meeting: Thu 3 Mar 2022"),
        (
            "2022-03-03T09:30:00Z",
            false,
            "due Thu 3 Mar 2022",
            "due next meeting: today's, at 10:00 (it has not started)",
        ),
        ("2022-03-03T09:30:00Z", true, "due Thu 3 Mar 2022", "today's, at 10:00"),
        ("2022-03-03T10:00:00Z", true, "due Thu 5 May 2022", "due next meeting: Thu 5 May 2022, the one after today's"),
        ("2022-03-03T10:30:00Z", true, "due Thu 5 May 2022", "the one after today's"),
        ("2022-03-03T10:30:00Z", false, "due next meeting", "none is made after today's yet"),
        ("2022-03-03T13:00:00Z", true, "due Thu 5 May 2022", "the one after today's"),
        ("2022-03-04T09:00:00Z", true, "due Thu 5 May 2022", "due next meeting: Thu 5 May 2022"),
        ("2022-03-04T09:00:00Z", false, "due next meeting", "none is planned yet"),
    ];
    let mut wrong = Vec::new();
    for (now, later, due, says) in rows {
        let (_dir, root) = sample_copy();
        if *later {
            gavel(&root, "2022-03-01T09:00:00Z", &["meeting", "new", "2022-05-05"]);
        }
        let out = stdout(&gavel(&root, now, &["add", "Update the Board @KR due next meeting"]));
        if !out.contains(&format!("owner KR (Krishna Ramkhelawon) · {due}\n")) || !out.contains(says) {
            wrong.push(format!("{now} later={later}: want {due:?} and {says:?}, got\n{out}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The March meeting started (at 09:50, early) and running.
fn start_the_march_meeting(root: &Path) {
    let path = root.join("meetings/2022-03-03.json");
    let mut meeting: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    meeting["journal"] = serde_json::json!([{"at": "2022-03-03T09:50:00Z", "event": "start", "item": "1"}]);
    std::fs::write(&path, serde_json::to_string_pretty(&meeting).unwrap()).unwrap();
}

#[test]
fn next_meeting_typed_while_the_meeting_runs_is_the_one_after_it() {
    for (now, later, due, says) in [
        ("2022-03-03T09:55:00Z", true, "due Thu 5 May 2022", "the one after today's"),
        ("2022-03-03T10:30:00Z", true, "due Thu 5 May 2022", "the one after today's"),
        ("2022-03-03T09:55:00Z", false, "due next meeting", "none is made after today's yet"),
    ] {
        let (_dir, root) = sample_copy();
        if later {
            gavel(&root, "2022-03-01T09:00:00Z", &["meeting", "new", "2022-05-05"]);
        }
        start_the_march_meeting(&root);
        let out = stdout(&gavel(&root, now, &["add", "Update the Board @KR due next meeting"]));
        assert!(out.contains(&format!("· {due}\n")) && out.contains(says), "{now} later={later}: {out}");
    }
}

#[test]
fn json_add_carries_the_warnings_and_keeps_the_exit_code() {
    let (_dir, root) = sample_copy();
    let out = gavel(&root, "2022-03-04T09:00:00Z", &["add", "--json", "Circulate the tracker"]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let warnings: Vec<&str> = value["warnings"].as_array().unwrap().iter().map(|w| w.as_str().unwrap()).collect();
    assert!(warnings.iter().any(|w| w.starts_with("no owner")), "{warnings:?}");
    assert!(warnings.iter().any(|w| w.starts_with("no deadline")), "{warnings:?}");
    assert_eq!(value["mark"], "? no owner, no date");
    assert!(String::from_utf8_lossy(&out.stderr).contains("gavel: warning: no owner"));
}

#[test]
fn an_action_typed_the_day_after_a_meeting_is_a_matter_arising_at_the_next() {
    let (_dir, root) = sample_copy();
    // Typed up the day after the January meeting: raised at no meeting.
    let added = stdout(&gavel(&root, "2022-01-07T09:00:00Z", &["add", "Send the peer review letter @GB due 1 Feb"]));
    let reference = added.split_whitespace().next().unwrap().to_string();
    let minutes = stdout(&gavel(&root, "2022-03-04T09:00:00Z", &["export", "minutes", "--meeting", "2022-03-03"]));
    let arising = minutes.split("## Matters arising").nth(1).expect("a matters-arising table");
    let arising = arising.split("\n## ").next().unwrap();
    assert!(arising.contains(&format!("| {reference} |")), "{reference} missing from:\n{arising}");

    // Typed the day after the March meeting: the May meeting's matters arising count it.
    let (_dir, root) = sample_copy();
    gavel(&root, "2022-03-04T09:00:00Z", &["add", "Send the peer review letter @GB due 1 Apr"]);
    let before = stdout(&gavel(&root, "2022-03-04T09:00:00Z", &["actions", "--json"]));
    let open = serde_json::from_str::<serde_json::Value>(&before).unwrap()["actions"].as_array().unwrap().len();
    let made = stdout(&gavel(&root, "2022-03-04T09:05:00Z", &["meeting", "new", "2022-05-05"]));
    assert!(made.contains(&format!("Matters arising: {open} actions still open")), "{made}");
}

#[test]
fn no_owner_or_no_date_is_never_green_and_is_counted_apart() {
    let (_dir, root) = sample_copy();
    let now = "2022-03-04T09:00:00Z";
    gavel(&root, now, &["add", "Circulate the tracker due 1 Dec"]);
    gavel(&root, now, &["add", "Book the room @CJ"]);
    let status = stdout(&gavel(&root, now, &["status"]));
    assert!(status.contains("2 with no owner or no date (?)"), "{status}");
    assert!(status.contains("With no owner or no date (give them one):"), "{status}");
    assert!(status.contains("  ? A14   unassigned 1 Dec 2022    Circulate the tracker"), "{status}");
    let json: serde_json::Value = serde_json::from_slice(&gavel(&root, now, &["status", "--json"]).stdout).unwrap();
    assert_eq!(json["actions"]["unplanned"], 2);
    assert_eq!(json["warnings"], serde_json::json!(["A14: no owner", "A15: no date"]));
    let csv = stdout(&gavel(&root, now, &["export", "actions"]));
    assert!(csv.contains(",? no owner,") && csv.contains(",? no date,"), "{csv}");
    let listed: serde_json::Value = serde_json::from_slice(&gavel(&root, now, &["actions", "--json"]).stdout).unwrap();
    assert_eq!(listed["warnings"], serde_json::json!(["A14: no owner", "A15: no date"]));
}
