//! The real binary in a pseudo-terminal, typed at and read like a person would.

mod common;

use common::{Session, id_of, sample_copy, snapshot_files};

/// The March meeting's planned start: the TUI's clock starts here and runs on.
const ON_TIME: [(&str, &str); 1] = [("GAVEL_NOW", "2022-03-03T10:00:00+00:00")];

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
    // The header says the meeting shown is not today's, in the board name's room at 80 columns.
    for data in ["Southend", "not today", "Welcome, introductions", "A2", "Michael Marks"] {
        assert!(screen.contains(data), "{data} missing:\n{screen}");
    }
    assert!(gavel.parser.lock().unwrap().screen().alternate_screen());
    gavel.send("?");
    gavel.wait_for("Keys · ");
    gavel.send("\x1b");
    gavel.wait_gone("Keys · ");
    gavel.send("q");
    assert!(gavel.wait_all_output(), "q exits with success");
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
    let mm = format!("\"initials\": {},\n      \"status\": \"present\"", id_of(&root, "MM"));
    assert!(meeting.contains(&mm), "{meeting}");
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
    for keys in ["4p", "2d", "3N", "a"] {
        gavel.send(keys);
        // Keys are taken in order: the disk is checked after q, which comes after them all.
        assert!(gavel.screen().contains("read-only"), "{keys}: {}", gavel.screen());
    }
    gavel.send("q");
    assert!(gavel.wait_exit());
    assert_eq!(snapshot_files(&root), before);
    assert!(!root.join(".gavel.lock").exists(), "review mode takes no lock, not even the lock file");
}

#[test]
fn quick_add_shows_in_the_log_and_is_in_actions_json() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    gavel.wait_for("2 Actions");
    gavel.send("a");
    gavel.wait_for("Add action");
    gavel.send("Send the risk log to members @cmc due 4.3.22");
    gavel.wait_for("CMc (Caroline McCarron) · due Fri 4 Mar 2022");
    // The sample's dates are behind the real clock: the past deadline is
    // said, under the preview and again on Enter, and a second Enter saves.
    gavel.wait_for("⚠ the deadline, Fri 4 Mar 2022, is in the past");
    gavel.send("\r");
    gavel.wait_for("Enter again saves as shown");
    gavel.send("\r");
    gavel.wait_for("A14 added: Send the risk log to members · saved");
    assert!(gavel.screen().contains("A14  Send the risk log to members"), "{}", gavel.screen());
    gavel.send("q");
    assert!(gavel.wait_exit());
    let ws = gavel::store::load(&root).unwrap();
    let added = ws.actions.actions.last().unwrap();
    assert_eq!((added.reference.as_str(), added.text.as_str()), ("A14", "Send the risk log to members"));
}

/// The chair starts the meeting and moves on; the laptop dies (kill -9);
/// reopened, the same item is running and its clock has carried on.
#[test]
fn the_clock_survives_kill_9() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let mut first = Session::start(&["-w", w], 120, 40, &ON_TIME);
    first.wait_for("space starts the meeting");
    first.send(" ");
    first.wait_for("▶ 1 Welcome");
    first.send("n");
    first.wait_for("▶ 2 Minutes of the last meeting");
    // The second gavel's clock is pinned 5 s on from the first's: no need to wait here.
    first.child.kill().unwrap();
    let _ = first.child.wait();
    // Reopened a little later by the pinned clock: item 2 has run on.
    let mut second = Session::start(&["-w", w], 120, 40, &[("GAVEL_NOW", "2022-03-03T10:00:05+00:00")]);
    second.wait_for("▶ 2 Minutes of the last meeting");
    // At least two seconds have passed on item 2: 00:02 or more.
    let screen = second.screen();
    let used = screen.lines().find(|l| l.contains(" of 10:00")).expect("the running clock");
    let seconds: u32 = used.split(" of 10:00").next().unwrap().rsplit(':').next().unwrap().trim().parse().unwrap();
    assert!(seconds >= 2, "{used}");
    second.send("q");
    assert!(second.wait_exit());
}

/// Two people on the same workspace: what one does, the other sees within
/// about a second, and both show the same clock.
#[test]
fn a_second_viewer_follows_the_first() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let mut chair = Session::start(&["-w", w], 120, 40, &ON_TIME);
    let mut viewer = Session::start(&["--read-only", "-w", w], 120, 40, &ON_TIME);
    chair.wait_for("space starts the meeting");
    viewer.wait_for("space starts the meeting");
    chair.send(" ");
    chair.wait_for("▶ 1 Welcome");
    viewer.wait_for("▶ 1 Welcome");
    chair.send("n");
    viewer.wait_for("▶ 2 Minutes of the last meeting");
    chair.send("4p");
    viewer.wait_for("1 present");
    let clock = |s: &Session| s.screen().lines().find(|l| l.contains(" of 10:00")).map(str::to_string);
    common::until("both clocks shown", || clock(&chair).is_some() && clock(&viewer).is_some());
    let (a, b) = (clock(&chair).unwrap(), clock(&viewer).unwrap());
    let digits = |l: &str| l.split(" of 10:00").next().unwrap().rsplit(' ').next().unwrap().to_string();
    let (ta, tb) = (digits(&a), digits(&b));
    let secs = |t: &str| t.split(':').map(|p| p.parse::<i32>().unwrap()).fold(0, |acc, n| acc * 60 + n);
    assert!((secs(&ta) - secs(&tb)).abs() <= 1, "chair {ta} viewer {tb}");
    chair.send("q");
    viewer.send("q");
    assert!(chair.wait_exit() && viewer.wait_exit());
}

/// On a terminal `status` is in colour; NO_COLOR or a pipe gets plain text.
#[test]
fn status_colours_only_a_terminal() {
    let args = ["status", "-w", "sample-data/southend-send"];
    let env = [("GAVEL_NOW", "2022-02-20T09:30:00+00:00")];
    let mut tty = Session::start(&args, 120, 60, &env);
    assert!(tty.wait_exit());
    // The process may end before the reader thread has taken all it wrote.
    tty.wait_for("not embedded across the partnership");
    let raw = String::from_utf8_lossy(&tty.raw.lock().unwrap()).into_owned();
    assert!(raw.contains("\x1b[1;31mR\x1b[0m"), "overdue R in red on a terminal");
    let mut plain = Session::start(&args, 120, 60, &[("GAVEL_NOW", "2022-02-20T09:30:00+00:00"), ("NO_COLOR", "1")]);
    assert!(plain.wait_exit());
    plain.wait_for("not embedded across the partnership");
    assert!(!String::from_utf8_lossy(&plain.raw.lock().unwrap()).contains("\x1b[1;31m"));
}

/// Rescoring from the grid moves the risk to its new cell and keeps the
/// old score as a dated history entry in risks.json.
#[test]
fn rescoring_moves_a_risk_and_records_history() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    gavel.wait_for("3 Risks");
    gavel.send("3lk\r");
    gavel.wait_for("Risks at L4 × I4");
    gavel.send("js");
    gavel.wait_for("Rescore R8");
    gavel.send("\x7f\x7f\x7f3 4\r");
    gavel.wait_for("R8 rescored L3 × I4 = 12");
    gavel.send("\x1bq");
    assert!(gavel.wait_exit());
    let ws = gavel::store::load(&root).unwrap();
    let r8 = ws.risks.risks.iter().find(|r| r.reference == "R8").unwrap();
    assert_eq!((r8.likelihood.get(), r8.impact.get()), (3, 4));
    let last = r8.history.last().unwrap();
    assert_eq!((last.date.to_string().as_str(), last.likelihood.get(), last.impact.get()), ("2022-01-05", 4, 4));
}

/// The secretary marks arrivals at the March meeting: the quorum line flips
/// from inquorate to quorate at the sixth, and the meeting file has it all.
#[test]
fn marking_arrivals_flips_the_quorum_and_lands_in_the_meeting_file() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    // Before the start no one is late: the line says what is needed, not INQUORATE.
    gavel.wait_for("6 needed to be quorate");
    assert!(!gavel.screen().contains("INQUORATE"), "{}", gavel.screen());
    gavel.send("4");
    for (n, keys) in ["p", "jp", "jp", "jp", "jp"].iter().enumerate() {
        gavel.send(keys);
        gavel.wait_for(&format!("{} here, {} more needed to be quorate", n + 1, 5 - n));
    }
    gavel.send("jp");
    gavel.wait_for("✓ quorate 6/6");
    gavel.send("q");
    assert!(gavel.wait_exit());
    let ws = gavel::store::load(&root).unwrap();
    let march = ws.meetings.iter().find(|m| m.date.to_string() == "2022-03-03").unwrap();
    let present: Vec<&str> = march.attendance.iter().map(|a| a.initials.as_str()).collect();
    assert_eq!(present, ["MM", "PD", "AW", "AK", "BM", "CMc"]);
    assert!(gavel::model::quorum::evaluate(&ws.board, march).is_quorate());
}

/// During the meeting the secretary takes a note and records a decision:
/// both show under the item and are in the meeting file at once.
#[test]
fn notes_and_decisions_are_taken_under_the_running_item() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &ON_TIME);
    gavel.wait_for("space starts the meeting");
    gavel.send(" ");
    gavel.wait_for("▶ 1 Welcome");
    gavel.send("t");
    gavel.wait_for("Note under item 1");
    gavel.send("Apologies from LS and CC\r");
    gavel.wait_for("✎ Apologies from LS and CC");
    gavel.send("A");
    gavel.wait_for("Agreed, under item 1");
    gavel.send("Minutes of 6 January approved\r");
    gavel.wait_for("✔ Agreed: Minutes of 6 January approved");
    gavel.send("q");
    assert!(gavel.wait_exit());
    let ws = gavel::store::load(&root).unwrap();
    let march = ws.meetings.iter().find(|m| m.date.to_string() == "2022-03-03").unwrap();
    assert_eq!((march.notes[0].item.as_str(), march.notes[0].text.as_str()), ("1", "Apologies from LS and CC"));
    assert!(march.notes[0].at.is_some(), "time-stamped");
    assert_eq!(march.decisions[0].text, "Minutes of 6 January approved");
}
