//! The board's cycle from an empty directory, with commands only: a board,
//! its people, a meeting and its agenda; the meeting run in the real
//! screen; the next meeting made from it; the minutes approved and locked.

mod common;

use common::{BIN, Session, until};
use std::path::Path;
use std::process::{Command, Output};

const DURING: &str = "2024-05-16T10:30:00+01:00";
const AFTER: &str = "2024-05-17T09:00:00+01:00";

fn gavel(root: &Path, now: &str, args: &[&str]) -> Output {
    Command::new(BIN).args(["-w", root.to_str().unwrap()]).args(args).env("GAVEL_NOW", now).output().unwrap()
}

fn ok(root: &Path, now: &str, args: &[&str]) -> String {
    let out = gavel(root, now, args);
    let text = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(out.status.code(), Some(0), "{args:?}: {text}{}", String::from_utf8_lossy(&out.stderr));
    text
}

#[test]
fn a_board_is_set_up_run_carried_forward_and_its_minutes_locked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("riverside");
    let made = Command::new(BIN)
        .args(["init", root.to_str().unwrap(), "--name", "Riverside SEND Improvement Board"])
        .output()
        .unwrap();
    assert!(made.status.success());
    assert_eq!(
        ok(&root, AFTER, &["people", "add", "Ruth Adeyemi", "--role", "chair"]),
        "RA added: Ruth Adeyemi (chair)\n"
    );
    ok(&root, AFTER, &["people", "add", "Clare Finnegan"]);
    let twin = ok(&root, AFTER, &["people", "add", "Colin Fry", "--role", "deputy_chair"]);
    assert!(twin.starts_with("CFa added"), "{twin}");
    std::fs::write(
        root.join("people.csv"),
        "Name,Initials,Role,Job title,Organisation\nMaya Singh,,officer,Board Secretary,Riverside Council\nTom Okafor,TO,member,Head of SEND,Riverside Council\n",
    )
    .unwrap();
    ok(&root, AFTER, &["people", "import", root.join("people.csv").to_str().unwrap()]);
    ok(
        &root,
        AFTER,
        &["meeting", "new", "2024-05-16", "--start", "10:30", "--end", "12:30", "--location", "Boardroom"],
    );
    std::fs::write(
        root.join("agenda.md"),
        "# Agenda\n\n1. Welcome and apologies @RA 5m standing\n2. Minutes of the last meeting @RA 10m standing\n3. Update from Peer Review @CF @TO 30m paper 5a decision\n4. Budget @CFa 30m\n5. Any other business @RA 5m standing\n",
    )
    .unwrap();
    ok(&root, AFTER, &["agenda", "import", "2024-05-16", root.join("agenda.md").to_str().unwrap()]);
    assert!(ok(&root, AFTER, &["validate"]).contains("valid (5 people, 1 meetings"));

    // The meeting, run in the screen on its own day: an action, a deferral, apologies, the end.
    let w = root.to_str().unwrap();
    let mut screen = Session::start(&["-w", w], 120, 40, &[("GAVEL_NOW", DURING)]);
    screen.wait_for("Welcome and apologies");
    screen.send("4");
    screen.send("o");
    screen.wait_for("apologies");
    screen.send("1");
    screen.send(" ");
    screen.send("a");
    screen.send("Chase the workforce plan @TO due next meeting\r");
    screen.wait_for("A1");
    // Keys are taken in order: each waits for nothing but the one before it.
    screen.send("nnns");
    screen.send("E");
    screen.wait_for("End the meeting at");
    screen.send("\r");
    until("the meeting closed on disk", || ok(&root, AFTER, &["meeting", "list"]).contains("closed"));
    screen.send("q");
    assert!(screen.wait_exit(), "{}", screen.screen());
    assert!(ok(&root, AFTER, &["meeting", "list"]).contains("closed"));

    // The next meeting, from the last: standing items, the deferred one, matters arising.
    let next = ok(&root, AFTER, &["meeting", "new", "2024-06-20"]);
    assert!(next.contains("brought back (deferred last time): Budget"), "{next}");
    assert!(next.contains("Matters arising: 1 action still open"), "{next}");
    for kept in [
        "Welcome and apologies @RA 5m standing",
        "Minutes of the last meeting",
        "Matters arising",
        "Budget @CFa",
        "Any other business",
    ] {
        assert!(next.contains(kept), "{kept} missing from {next}");
    }
    assert!(!next.contains("Peer Review"), "a one-off item is dropped: {next}");
    assert!(next.contains("10:30"), "the last meeting's times are kept: {next}");
    let actions = ok(&root, AFTER, &["actions"]);
    assert!(actions.contains("next meeting (20 Jun)"), "{actions}");

    let minutes = ok(&root, AFTER, &["export", "minutes", "--meeting", "2024-05-16"]);
    assert!(minutes.contains("Date of next meeting:** Thursday 20 June 2024, 10:30, Boardroom"), "{minutes}");
    assert!(minutes.contains("Draft minutes"), "{minutes}");
    assert!(!minutes.contains("Not recorded"), "{minutes}");
    assert!(minutes.contains("| Apologies | Ruth Adeyemi"), "{minutes}");

    // Approval locks them: a later change is refused and the file stays byte for byte.
    ok(&root, AFTER, &["minutes", "approve", "2024-05-16", "--on", "2024-06-20", "--yes"]);
    let file = root.join("meetings/2024-05-16.json");
    let before = std::fs::read(&file).unwrap();
    let refused = gavel(&root, AFTER, &["agenda", "add", "2024-05-16", "Late item 5m"]);
    assert_eq!(refused.status.code(), Some(1));
    let why = String::from_utf8_lossy(&refused.stderr);
    assert!(why.contains("were approved on 20 June 2024: they are locked"), "{why}");
    let again = gavel(&root, AFTER, &["minutes", "approve", "2024-05-16", "--yes"]);
    assert_eq!(again.status.code(), Some(1));
    assert_eq!(std::fs::read(&file).unwrap(), before, "the approved file is untouched");
    assert!(ok(&root, AFTER, &["export", "minutes", "--meeting", "2024-05-16"]).contains("Approved on 20 June 2024"));
    assert!(ok(&root, AFTER, &["validate"]).contains("2 meetings"));
}

/// The same board made in the screen's own editors: people in the register
/// pane, the agenda of a planned meeting item by item, reordered, one taken off.
#[test]
fn people_and_an_agenda_are_made_in_the_screens_editors() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("riverside");
    let made = Command::new(BIN).args(["init", root.to_str().unwrap(), "--name", "Riverside"]).output().unwrap();
    assert!(made.status.success());
    ok(&root, AFTER, &["meeting", "new", "2024-05-20", "--start", "10:00", "--end", "11:00"]);
    let w = root.to_str().unwrap();
    let mut screen = Session::start(&["-w", w], 120, 40, &[("GAVEL_NOW", AFTER)]);
    screen.wait_for("Riverside");
    // The 20 May meeting is the next planned one, shown on the 17th: the header says so.
    screen.wait_for("Mon 20 May 2024, not today's meeting · planned");
    screen.send("M");
    screen.wait_for("Meetings · ↑↓ select");
    screen.send("\r");
    screen.wait_for("showing the meeting of Mon 20 May 2024");
    screen.send("4");
    screen.send("N");
    screen.wait_for("New person");
    screen.send("Ruth Adeyemi, chair, Independent Chair");
    screen.wait_for("RA Ruth Adeyemi · chair");
    screen.send("\r");
    screen.wait_for("RA added");
    screen.send("N");
    screen.send("Clare Finnegan @CF, member\r");
    screen.wait_for("CF added");
    screen.send("1");
    for (n, line) in
        ["Welcome and apologies @RA 5m standing", "Budget @CF 40m decision", "Any other business @RA 5m standing"]
            .iter()
            .enumerate()
    {
        screen.send("I");
        screen.wait_for("New item");
        screen.send(line);
        screen.wait_for("ends");
        screen.send("\r");
        screen.wait_for(&format!("item {} added", n + 1));
    }
    // A live preview says when the items overrun the slot.
    screen.send("I");
    screen.send("Workforce plan @CF 30m");
    screen.wait_for("over");
    screen.send("\r");
    screen.wait_for("item 4 added");
    // The selection is on the new item 4: up one, then take item 3 off.
    screen.send("K");
    screen.wait_for("is now item 3");
    screen.send("j");
    screen.send("D");
    screen.wait_for("removed");
    screen.send("q");
    assert!(screen.wait_exit(), "{}", screen.screen());
    let agenda = ok(&root, AFTER, &["agenda", "show", "2024-05-20"]);
    let titles: Vec<&str> = agenda.lines().skip(1).filter_map(|l| l.split(". ").nth(1)).collect();
    assert_eq!(
        titles,
        ["Welcome and apologies @RA 5m standing", "Budget @CF 40m decision", "Workforce plan @CF 30m discussion"],
        "{agenda}"
    );
    let people = ok(&root, AFTER, &["people"]);
    assert!(people.contains("RA  Ruth Adeyemi · chair · Independent Chair"), "{people}");
    assert!(ok(&root, AFTER, &["validate"]).contains("valid (2 people, 1 meetings"));
}
