//! Issue 29 on the sample board, through the real binary: attendance and
//! timing across meetings, standing items proposed from their history, and
//! each owner's reminders as text, .eml files and JSON.

mod common;

use common::{id_of, sample_copy};
use std::path::Path;
use std::process::{Command, Output};

fn gavel_at(now: &str, args: &[&str]) -> Output {
    Command::new(common::BIN)
        .args(args)
        .env_remove("GAVEL_WORKSPACE")
        .env("GAVEL_NOW", now)
        .env("GAVEL_USER", "Carron Jacobs")
        .output()
        .unwrap()
}

fn gavel(args: &[&str]) -> Output {
    gavel_at("2022-03-01T09:00:00+00:00", args)
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)))
}

/// The January meeting as a secretary would have recorded it otherwise:
/// CC sent apologies and LS stood in for her, GB came twenty minutes late.
fn january_with_a_deputy_and_a_late_arrival(root: &Path) {
    let path = root.join("meetings/2022-01-06.json");
    let mut meeting: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    // The file holds identities; typed by hand, initials are read as well.
    let initials = |entry: &serde_json::Value| {
        let stored = format!("\"{}\"", entry["initials"].as_str().unwrap());
        ["CC", "LS", "GB"].into_iter().find(|i| id_of(root, i) == stored).unwrap_or("")
    };
    for entry in meeting["attendance"].as_array_mut().unwrap() {
        match initials(entry) {
            "CC" => entry["status"] = "apologies".into(),
            "LS" => {
                entry["status"] = "present".into();
                entry["deputy_for"] = "CC".into();
            }
            "GB" => entry["arrived"] = "2022-01-06T10:23:00Z".into(),
            _ => {}
        }
    }
    std::fs::write(&path, serde_json::to_vec_pretty(&meeting).unwrap()).unwrap();
}

#[test]
fn attendance_counts_each_member_and_each_meetings_quorum() {
    let (_dir, root) = sample_copy();
    january_with_a_deputy_and_a_late_arrival(&root);
    let w = root.to_str().unwrap();
    let report = json(&gavel(&["report", "attendance", "--format", "json", "-w", w]));
    let member = |i: &str| report["members"].as_array().unwrap().iter().find(|m| m["initials"] == i).unwrap().clone();
    let cc = member("CC");
    assert_eq!(
        (cc["meetings"].as_u64(), cc["apologies"].as_u64(), cc["stood_in_for"].as_u64()),
        (Some(1), Some(1), Some(1))
    );
    assert_eq!(cc["present_percent"], 0);
    let ls = member("LS");
    assert_eq!((ls["stood_in"].as_u64(), ls["present"].as_u64()), (Some(1), Some(0)));
    let gb = member("GB");
    assert_eq!(
        (gb["present"].as_u64(), gb["late"].as_u64(), gb["present_percent"].as_u64()),
        (Some(1), Some(1), Some(100))
    );
    // MM opened the meeting (it started at 10:03): on time.
    assert_eq!(member("MM")["late"], 0);
    // The March meeting is planned, not held: one meeting is counted.
    let meetings = report["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 1);
    assert_eq!(meetings[0]["quorum"], "quorate throughout");
    assert_eq!(meetings[0]["quorate_throughout"], true);
    // Markdown by default, the same facts; CSV with one header a table.
    let md = text(&gavel(&["report", "attendance", "-w", w]).stdout);
    assert!(md.contains("| CC | Clare Costello | 1 | 0 | 0% | 1 | 0 | 0 | 0 | 1 | 0 |"), "{md}");
    assert!(md.contains("| 2022-01-06 | SEND Strategic Partnership Board | quorate throughout |"), "{md}");
    let csv = text(&gavel(&["report", "attendance", "--format", "csv", "-w", w]).stdout);
    assert!(csv.starts_with("Table,Initials,Member,Meetings,Present,Present %,"), "{csv}");
    assert!(csv.contains("Attendance,GB,Gary Bloom,1,1,100%,0,0,0,0,0,1\n"), "{csv}");
    // Dates as the quick-add line reads them, day first on this board.
    let later = json(&gavel(&["report", "attendance", "--from", "7.1.22", "--format", "json", "-w", w]));
    assert_eq!(later["meetings"].as_array().unwrap().len(), 0);
    assert!(later["members"][0]["present_percent"].is_null(), "no meetings, no percentage");
    let out = gavel(&["report", "attendance", "--from", "someday", "-w", w]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read \"someday\" as a date"), "{}", text(&out.stderr));
    let out = gavel(&["report", "attendance", "--from", "1 Mar 2022", "--to", "1 Feb 2022", "-w", w]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn timing_sets_planned_against_actual_and_new_meetings_plan_from_it() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let report = json(&gavel(&["report", "timing", "--format", "json", "-w", w]));
    let item = |k: &str| report["items"].as_array().unwrap().iter().find(|r| r["key"] == k).unwrap().clone();
    assert_eq!(item("2022-01-06 4. Update from Peer Review")["actual_minutes"], 66);
    assert_eq!(item("Welcome and introductions")["planned_minutes"], 5);
    assert_eq!(report["meetings"][0]["overrun_minutes"], 7);
    let md = text(&gavel(&["report", "timing", "-w", w]).stdout);
    assert!(md.contains("| BM | 2 | 35 | 71 | +36 | 18 | 36 |"), "{md}");
    assert!(md.contains("| 2022-01-06 | SEND Strategic Partnership Board | 120 | 127 | +7 |"), "{md}");
    // A standing item that ran long is proposed at what it took.
    let january = root.join("meetings/2022-01-06.json");
    let was = std::fs::read_to_string(&january).unwrap();
    let peer = was.find("\"title\": \"Update from Peer Review\"").unwrap();
    let purpose = peer + was[peer..].find("\"purpose\": \"discussion\"").unwrap();
    let edited = format!("{}\"purpose\": \"standing\"{}", &was[..purpose], &was[purpose + 24..]);
    std::fs::write(&january, edited).unwrap();
    std::fs::remove_file(root.join("meetings/2022-03-03.json")).unwrap();
    let out = gavel(&["meeting", "new", "2022-03-10", "-w", w]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("Update from Peer Review: planned 25, ran 66 at the last meeting; planned at 66"), "{said}");
    let march: serde_json::Value =
        serde_json::from_slice(&std::fs::read(root.join("meetings/2022-03-10.json")).unwrap()).unwrap();
    let agenda = march["agenda"].as_array().unwrap();
    let peer = agenda.iter().find(|i| i["title"] == "Update from Peer Review").unwrap();
    assert_eq!(peer["planned_minutes"], 66);
    let welcome = agenda.iter().find(|i| i["title"] == "Welcome and introductions").unwrap();
    assert_eq!(welcome["planned_minutes"], 5, "an item that ran short is left as planned");
}

#[test]
fn remind_gives_each_owner_their_overdue_and_due_soon_actions() {
    let (dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    // The SEND Scrum's members are reminded of the Scrum's actions.
    assert_eq!(
        gavel(&["groups", "edit", "Scrum", "--members", "CMc,BM", "-w", w]).status.code(),
        Some(0),
        "groups edit"
    );
    let out = gavel(&["remind", "-w", w]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("GB: Gary Bloom\n  overdue\n    A2  due Thu 17 Feb 2022 (12 days ago)"), "{said}");
    assert!(said.contains("    A11  due Mon 28 Feb 2022 (1 day ago)"), "{said}");
    assert!(said.contains("CMc: Caroline McCarron\n  overdue\n    A5  due Mon 28 Feb 2022"), "{said}");
    assert!(said.contains("BM: Brin Martin\n  overdue\n    A5 "), "{said}");
    // --days: 3 March is two days on; with --days 1 it is not due soon.
    let soon = text(&gavel(&["remind", "--days", "1", "-w", w]).stdout);
    assert!(!soon.contains("A3 ") && said.contains("    A3  due Thu 3 Mar 2022 (in 2 days)"), "{soon}");
    // JSON: owners, their actions, and none left out.
    let value = json(&gavel(&["remind", "--json", "-w", w]));
    let owners: Vec<&str> =
        value["owners"].as_array().unwrap().iter().map(|o| o["initials"].as_str().unwrap()).collect();
    assert!(owners.contains(&"GB") && owners.contains(&"CMc"), "{owners:?}");
    assert_eq!(value["reaching_no_one"].as_array().unwrap().len(), 0);
    // One .eml per owner, by initials: RFC 5322 headers, CRLF, UTF-8 body.
    let mail = dir.path().join("mail");
    let out = gavel(&["remind", "--out", mail.to_str().unwrap(), "-w", w]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let mut files: Vec<String> =
        std::fs::read_dir(&mail).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    files.sort();
    let mut expected: Vec<String> = owners.iter().map(|o| format!("{o}.eml")).collect();
    expected.sort();
    assert_eq!(files, expected);
    let gb = std::fs::read_to_string(mail.join("GB.eml")).unwrap();
    let (head, body) = gb.split_once("\r\n\r\n").unwrap();
    for header in [
        "From: \"Carron Jacobs\" <",
        "To: \"Gary Bloom\":;",
        "Subject: ",
        "Date: Tue, 1 Mar 2022 09:00:00 +0000",
        "Message-ID: <",
        "MIME-Version: 1.0",
        "Content-Type: text/plain; charset=utf-8",
    ] {
        assert!(head.split("\r\n").any(|l| l.starts_with(header)), "{header}: {head}");
    }
    assert!(head.contains("Subject: Southend SEND Strategic Partnership Board: 2 actions overdue"), "{head}");
    assert!(body.contains("A2  due Thu 17 Feb 2022") && !body.replace("\r\n", "").contains('\n'), "CRLF lines: {body}");
    // For cron: nothing due, nothing said with --quiet; the exit is 0 either way.
    let quiet = gavel_at("2021-01-01T09:00:00+00:00", &["remind", "--quiet", "-w", w]);
    assert_eq!((quiet.status.code(), quiet.stdout.len(), quiet.stderr.len()), (Some(0), 0, 0));
    let plain = gavel_at("2021-01-01T09:00:00+00:00", &["remind", "-w", w]);
    assert!(text(&plain.stdout).starts_with("nothing overdue"), "{}", text(&plain.stdout));
}

#[test]
fn remind_says_which_deadlines_reach_no_one() {
    let (_dir, root) = sample_copy();
    let out = gavel(&["remind", "-w", root.to_str().unwrap()]);
    let err = text(&out.stderr);
    assert!(err.contains("A5 is due 2022-02-28 and owned by Scrum (SEND Scrum), with no members"), "{err}");
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn every_date_argument_reads_the_quick_add_forms_in_the_boards_order() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let first = |out: Output| text(&out.stdout).lines().next().unwrap_or_default().to_string();
    let minutes = first(gavel(&["export", "minutes", "--meeting", "6.1.22", "-w", w]));
    assert_eq!(minutes, "# Southend SEND Strategic Partnership Board");
    for typed in ["3.3.22", "3 March 2022", "2022-03-03", "next meeting"] {
        let agenda = first(gavel(&["agenda", "show", typed, "-w", w]));
        assert!(agenda.contains("3 March 2022"), "{typed}: {agenda}");
    }
    // Month first on this board: 1/6/22 is 6 January.
    assert_eq!(gavel(&["board", "dates", "month-first", "-w", w]).status.code(), Some(0));
    assert_eq!(first(gavel(&["export", "minutes", "--meeting", "1/6/22", "-w", w])), minutes);
    let out = gavel(&["agenda", "show", "someday", "-w", w]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("cannot read \"someday\" as a date"), "{}", text(&out.stderr));
}
