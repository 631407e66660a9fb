//! Setting up a real board from nothing, with gavel's own commands only:
//! a 20-person board with a one-third quorum that needs the chair or
//! deputy, two groups, the Europe/London zone and a guest with a job
//! title and organisation; the screen's quorum at each mark; actions owned
//! by groups, saved and minuted by the group's name. No file is written
//! here but a CSV of names, as a secretary keeps one.

mod common;

use common::{BIN, Session};
use std::path::Path;
use std::process::{Command, Output};

/// Thursday 14 January 2027, the meeting's day; London is on GMT.
const DAY: &str = "2027-01-14";

fn gavel(root: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .current_dir(root)
        .env_remove("GAVEL_WORKSPACE")
        .env("GAVEL_NOW", format!("{DAY}T{now}:00+00:00"))
        .env("TZ", "UTC")
        .output()
        .unwrap()
}

fn ok(root: &Path, now: &str, args: &[&str]) -> String {
    let out = gavel(root, now, args);
    let (stdout, stderr) = (String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
    assert_eq!(out.status.code(), Some(0), "gavel {args:?}: {stderr}");
    stdout.into_owned() + &stderr
}

const MEMBERS: [&str; 18] = [
    "Dot Roberts",
    "Ben Carter",
    "Chloe Evans",
    "Dan Foster",
    "Ella Green",
    "Finn Hughes",
    "Grace Irving",
    "Harry Jones",
    "Isla King",
    "Jack Lewis",
    "Katie Moss",
    "Liam Nash",
    "Mia Owen",
    "Noah Price",
    "Olive Quinn",
    "Paul Reid",
    "Ruby Shaw",
    "Sam Todd",
];

/// The register as the secretary keeps it: a chair, a deputy and 18
/// members, one of them twice (a probable duplicate, skipped).
fn register_csv() -> String {
    let mut csv = String::from("Name,Role,Job title,Organisation\n");
    csv += "Dr Rahul Patel,chair,Director of Children's Services,Oakfield Council\n";
    csv += "Amara Okafor,deputy_chair,,Oakfield ICB\n";
    for name in MEMBERS {
        csv += &format!("{name},member,,\n");
    }
    csv += "Dot Roberts,member,,\n";
    csv
}

fn set_up_the_board(root: &Path) {
    let made = ok(root, "09:00", &["init", "--name", "Oakfield SEND Board"]);
    assert!(made.contains("time zone: UTC") || made.contains("time zone: Etc/UTC"), "{made}");
    assert!(made.contains("gavel board zone"), "init says how to change the zone: {made}");
    let refused = gavel(root, "09:00", &["board", "zone", "Mars/Olympus"]);
    assert_eq!(refused.status.code(), Some(1), "an unknown zone is refused");
    ok(root, "09:00", &["board", "zone", "Europe/London"]);
    std::fs::write(root.join("register.csv"), register_csv()).unwrap();
    let imported = ok(root, "09:00", &["people", "import", "register.csv"]);
    assert!(imported.contains("20 people added"), "{imported}");
    assert!(imported.contains("row 22: Dot Roberts is probably DR (Dot Roberts)"), "the twin is named: {imported}");
    assert!(imported.contains("RP added: Dr Rahul Patel"), "no title in the initials: {imported}");
    let quorum = ok(root, "09:00", &["board", "quorum", "one third", "--chair-or-deputy"]);
    assert!(quorum.contains("7 of 20 counting members (1/3, at least 1), the chair or deputy among them"), "{quorum}");
    ok(root, "09:00", &["groups", "add", "Senior Responsible Owners", "--initials", "SROs", "--members", "RP,AO"]);
    ok(root, "09:00", &["groups", "add", "Strategy Owners", "--initials", "SO", "--members", "BC,CE"]);
    ok(root, "09:00", &["meeting", "new", DAY, "--start", "10:00", "--end", "12:00", "--location", "Boardroom"]);
    ok(root, "09:00", &["agenda", "add", DAY, "Welcome and apologies @RP 5m"]);
    ok(root, "09:00", &["agenda", "add", DAY, "Written statement of action @AO 30m"]);
}

/// Marks members present one by one from the first member's row, and
/// the header's quorum after each: 7 of 20 are needed, the chair or deputy among them.
fn mark_and_watch_the_quorum(root: &Path) {
    let env = [("GAVEL_NOW", "2027-01-14T09:50:00+00:00"), ("TZ", "UTC")];
    let mut tui = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &env);
    tui.wait_for("4 Attendance");
    // Said once, until the first key: the board keeps London's time, the computer UTC.
    tui.wait_for("times in Europe/London (this computer: UTC)");
    tui.wait_for("7 needed to be quorate");
    // Past the chair and the deputy, to the members.
    tui.send("4jj");
    for present in 1..=6 {
        tui.send("pj");
        tui.wait_for(&format!("{present} here, {} more needed to be quorate", 7 - present));
    }
    tui.send("pj");
    tui.wait_for("chair or deputy needed to be quorate");
    // g is the first row (the chair), as in every list; no input opens.
    tui.send("gp");
    tui.wait_for("✓ quorate 8/7");
    tui.send("v");
    tui.wait_for("Guest in attendance: Name, Job title, Organisation");
    tui.send("Karen Ellis, Deputy Director of Nursing, Oakfield ICB, item 2\r");
    tui.wait_for("Karen Ellis");
    // The guest does not count toward the quorum.
    tui.wait_for("✓ quorate 8/7");
    tui.send("1 ");
    tui.wait_for("running");
    tui.send("q");
    assert!(tui.wait_exit());
}

#[test]
fn a_board_set_up_with_commands_only_keeps_its_quorum_groups_and_zone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    set_up_the_board(root);
    mark_and_watch_the_quorum(root);
    let people = ok(root, "10:05", &["people"]);
    assert!(people.contains("Karen Ellis · guest · Deputy Director of Nursing · Oakfield ICB"), "{people}");
    let sros = ok(root, "10:05", &["add", "Review the written statement @SROs due 31 March 2027"]);
    assert!(sros.contains("owner SROs (Senior Responsible Owners)"), "{sros}");
    let both = ok(root, "10:05", &["add", "Draft the next steps @AO/SROs due 31 March 2027"]);
    assert!(both.contains("owner AO (Amara Okafor), SROs (Senior Responsible Owners)"), "{both}");
    let all = ok(root, "10:06", &["add", "Read the self-evaluation @\"All members\" due 28 February 2027"]);
    assert!(all.contains("owner All (All members)"), "{all}");
    for owner in ["SROs", "Senior Responsible Owners", "@sros"] {
        let mine = ok(root, "10:06", &["actions", "--owner", owner]);
        assert!(mine.contains("Review the written statement") && mine.contains("Draft the next steps"), "{mine}");
        assert!(!mine.contains("self-evaluation"), "{mine}");
    }
    assert!(ok(root, "10:06", &["actions", "--owner", "All members"]).contains("Read the self-evaluation"));
    let minutes = ok(root, "12:30", &["export", "minutes", "--meeting", DAY]);
    for said in ["Senior Responsible Owners", "All members", "Karen Ellis", "Oakfield ICB"] {
        assert!(minutes.contains(said), "{said} missing from the minutes:\n{minutes}");
    }
    let board = ok(root, "12:30", &["board"]);
    assert!(board.contains("time zone    Europe/London"), "{board}");
    assert!(ok(root, "12:30", &["validate"]).contains("valid (21 people"));
}

#[test]
fn new_initials_follow_every_link_and_a_person_used_nowhere_can_be_removed() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    set_up_the_board(root);
    ok(root, "10:05", &["add", "Send the self-evaluation @RP due 28 February 2027"]);
    let renamed = ok(root, "10:10", &["people", "edit", "RP", "--initials", "RJP", "--title", "Director"]);
    assert!(renamed.contains("RP (Dr Rahul Patel) is now RJP: 1 action and 1 meeting follow"), "{renamed}");
    assert!(ok(root, "10:10", &["actions", "--owner", "RJP"]).contains("Send the self-evaluation"));
    assert!(ok(root, "10:10", &["groups"]).contains("RJP, AO"), "the group's members follow");
    assert!(ok(root, "10:10", &["agenda", "show", DAY]).contains("@RJP"), "the lead follows");
    ok(root, "10:10", &["validate"]);
    ok(root, "10:10", &["people", "add", "Rahul Patel"]);
    let kept = gavel(root, "10:10", &["people", "remove", "RJP"]);
    assert_eq!(kept.status.code(), Some(1));
    let why = String::from_utf8_lossy(&kept.stderr);
    assert!(why.contains("owner of A1") && why.contains("gavel people retire RJP"), "{why}");
    let removed = ok(root, "10:10", &["people", "remove", "RP"]);
    assert!(removed.contains("RP taken out of the register"), "{removed}");
}

#[test]
fn outside_a_board_a_command_makes_nothing_and_exits_2() {
    let home = tempfile::tempdir().unwrap();
    let here = tempfile::tempdir().unwrap();
    for args in [&["status"][..], &["actions"], &["add", "Book the room @XX"]] {
        let out = Command::new(BIN)
            .args(args)
            .current_dir(here.path())
            .env_remove("GAVEL_WORKSPACE")
            .env("HOME", home.path())
            .env("XDG_DATA_HOME", home.path().join("data"))
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let said = String::from_utf8_lossy(&out.stderr);
        assert!(said.contains("gavel init") && said.contains("-w DIR"), "{said}");
    }
    let made: Vec<_> = walk(home.path());
    assert!(made.is_empty(), "nothing made: {made:?}");
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        found.push(entry.path());
        if entry.path().is_dir() {
            found.extend(walk(&entry.path()));
        }
    }
    found
}
