//! The real binary in a pseudo-terminal, typed at and read like a person would.

mod common;

use common::{Session, sample_copy, snapshot_files};

#[test]
fn opens_shows_four_panes_and_help_then_quits_cleanly() {
    let (_dir, root) = sample_copy();
    let before = snapshot_files(&root);
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &[]);
    gavel.wait_for("1 Agenda");
    let screen = gavel.screen();
    for pane in ["1 Agenda", "2 Actions", "3 Risks", "4 Attendance"] {
        assert!(screen.contains(pane), "{pane} missing:\n{screen}");
    }
    for data in ["Southend SEND", "Welcome, introductions", "A2", "Michael Marks"] {
        assert!(screen.contains(data), "{data} missing:\n{screen}");
    }
    assert!(gavel.parser.lock().unwrap().screen().alternate_screen());
    gavel.send("?");
    gavel.wait_for("any key closes");
    gavel.send("\x1b");
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert!(!gavel.screen().contains("any key closes"), "Esc closes the help");
    gavel.send("q");
    assert!(gavel.wait_exit(), "q exits with success");
    std::thread::sleep(std::time::Duration::from_millis(100));
    let parser = gavel.parser.lock().unwrap();
    assert!(!parser.screen().alternate_screen(), "the alternate screen is left");
    assert!(!parser.screen().hide_cursor(), "the cursor is shown again");
    drop(parser);
    assert_eq!(snapshot_files(&root), before, "looking changes nothing");
}

#[test]
fn marking_attendance_is_on_disk_when_the_screen_shows_it() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    gavel.wait_for("4 Attendance");
    gavel.send("4p");
    gavel.wait_for("1 present");
    let meeting = std::fs::read_to_string(root.join("meetings/2022-03-03.json")).unwrap();
    assert!(
        meeting.contains("\"initials\": \"MM\",\n      \"status\": \"present\""),
        "{meeting}"
    );
    gavel.send("q");
    assert!(gavel.wait_exit());
}

#[test]
fn read_only_refuses_changes_visibly() {
    let (_dir, root) = sample_copy();
    let before = snapshot_files(&root);
    let mut gavel = Session::start(&["--read-only", "-w", root.to_str().unwrap()], 80, 24, &[]);
    gavel.wait_for("read-only");
    gavel.send(" ");
    gavel.wait_for("read-only: this gavel was opened with --read-only");
    gavel.send("q");
    assert!(gavel.wait_exit());
    assert_eq!(snapshot_files(&root), before);
}

#[test]
fn quick_add_shows_in_the_log_and_is_in_actions_json() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    gavel.wait_for("2 Actions");
    gavel.send("a");
    gavel.wait_for("Add action");
    gavel.send("Send the risk log to members @cmc due 4.3.22");
    gavel.wait_for("CMc Caroline McCarron · due Fri 4 Mar 2022");
    gavel.send("\r");
    gavel.wait_for("A14 saved: Send the risk log to members");
    assert!(
        gavel.screen().contains("A14  Send the risk log to members"),
        "{}",
        gavel.screen()
    );
    gavel.send("q");
    assert!(gavel.wait_exit());
    let ws = gavel::store::load(&root).unwrap();
    let added = ws.actions.actions.last().unwrap();
    assert_eq!(
        (added.reference.as_str(), added.text.as_str()),
        ("A14", "Send the risk log to members")
    );
}
