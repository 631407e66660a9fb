//! The chair's clock in the real binary, on a pinned clock (`GAVEL_NOW`
//! sets where the TUI's clock starts; it runs on from there): on time, late,
//! early and on another day; after n, b, s and a jump; E asks, and a closed
//! meeting reopens; every step survives kill -9.

mod common;

use common::{BIN, Session, sample_copy};
use std::path::Path;

fn pinned(at: &str) -> [(&'static str, String); 1] {
    [("GAVEL_NOW", format!("2022-03-03T{at}+00:00"))]
}

fn start(root: &Path, cols: u16, rows: u16, now: &str) -> Session {
    let env = [("GAVEL_NOW", now)];
    let gavel = Session::start(&["-w", root.to_str().unwrap()], cols, rows, &env);
    gavel.wait_for("1 Agenda");
    gavel
}

fn at(root: &Path, time: &str) -> Session {
    start(root, 120, 40, &pinned(time)[0].1)
}

/// The line of the screen that holds `text`.
fn line_with(gavel: &Session, text: &str) -> String {
    let screen = gavel.screen();
    screen.lines().find(|l| l.contains(text)).unwrap_or_else(|| panic!("no line with {text:?}:\n{screen}")).to_string()
}

fn kill_9(mut gavel: Session) {
    gavel.child.kill().unwrap();
    let _ = gavel.child.wait();
}

#[test]
fn on_time_the_plan_stands() {
    let (_dir, root) = sample_copy();
    let mut gavel = at(&root, "10:00:00");
    gavel.send(" ");
    gavel.wait_for("at this pace: 12:00, on time");
    let item2 = line_with(&gavel, "2 Minutes of the last meeting");
    assert!(item2.contains("10:05") && !item2.contains("(10:05)"), "no re-planned time: {item2}");
    assert!(!gavel.screen().contains("late"), "{}", gavel.screen());
    gavel.send("q");
    assert!(gavel.wait_exit());
}

#[test]
fn twenty_minutes_late_every_item_moves_and_the_plan_stays_beside() {
    let (_dir, root) = sample_copy();
    let mut gavel = at(&root, "10:20:00");
    gavel.send(" ");
    gavel.wait_for("at this pace: 12:20, +20 on the 12:00 end · started 20 min late");
    assert!(line_with(&gavel, "2 Minutes of the last").contains("10:25 (10:05)"));
    assert!(line_with(&gavel, "3 Current perspective").contains("10:35 (10:15)"));
    assert!(line_with(&gavel, "11 Any other business").contains("12:15 (11:55)"));
    assert!(line_with(&gavel, "Thu 3 Mar 2022").contains("running"));
    gavel.send(" ");
    gavel.wait_for("Thu 3 Mar 2022 · paused");
    gavel.send("q");
    assert!(gavel.wait_exit());
}

#[test]
fn early_shows_ahead() {
    let (_dir, root) = sample_copy();
    let mut gavel = at(&root, "09:55:00");
    gavel.send(" ");
    gavel.wait_for("at this pace: 11:55, −5 on the 12:00 end · started 5 min early");
    assert!(line_with(&gavel, "2 Minutes of the last").contains("10:00 (10:05)"));
    gavel.send("q");
    assert!(gavel.wait_exit());
}

/// Opened the day after, in the evening: it asks once; Esc leaves it
/// planned; run today, its plan runs from now, with no day-sized lateness.
#[test]
fn on_another_day_it_asks_and_the_plan_runs_from_the_start() {
    let (_dir, root) = sample_copy();
    let mut gavel = start(&root, 80, 24, "2022-03-04T21:31:00+00:00");
    gavel.send(" ");
    gavel.wait_for("planned for Thu 3 Mar 2022: run it today, from 21:31?");
    gavel.send("\x1b");
    gavel.wait_for("nothing changed: the meeting has not started");
    assert!(line_with(&gavel, "3 Mar, not today").contains("planned"), "the header says it is not today's meeting");
    gavel.send(" ");
    gavel.wait_for("run it today");
    gavel.send("\r");
    gavel.wait_for("at this pace: 23:31, on time");
    let screen = gavel.screen();
    assert!(line_with(&gavel, "2 Minutes of the").contains("21:36"), "{screen}");
    for nonsense in ["behind", " h ", "+7", "late"] {
        assert!(!screen.contains(nonsense), "{nonsense:?} on screen:\n{screen}");
    }
    gavel.send("q");
    assert!(gavel.wait_exit());
}

/// n, b, s and a jump, each read back from the screen: the re-planned
/// times and the meeting line follow what the chair did.
#[test]
fn after_n_b_s_and_a_jump_the_times_follow() {
    let (_dir, root) = sample_copy();
    let mut gavel = at(&root, "10:00:00");
    gavel.send(" ");
    gavel.wait_for("▶ 1 Welcome");
    // n at once: item 1 took none of its 5 minutes.
    gavel.send("n");
    gavel.wait_for("at this pace: 11:55, −5 on the 12:00 end · −5 on items");
    assert!(line_with(&gavel, "3 Current perspective").contains("10:10 (10:15)"));
    // b: back to item 1; item 2 is still to come, with its minutes.
    gavel.send("b");
    gavel.wait_for("▶ 1 Welcome");
    gavel.wait_for("at this pace: 12:00, on time");
    assert!(line_with(&gavel, "3 Current perspective").contains("10:15"));
    // s: item 1 deferred, to come back at the end; its minutes still count.
    gavel.send("s");
    gavel.wait_for("▶ 2 Minutes of the last meeting");
    gavel.wait_for("at this pace: 12:00, on time");
    let welcome = line_with(&gavel, "1 Welcome, introductions");
    assert!(welcome.contains("»") && welcome.contains("11:55 (10:00)"), "{welcome}");
    // A jump to item 5 (select it, Enter): items 3 and 4 wait after the rest.
    gavel.send("1gjjjj\r");
    gavel.wait_for("▶ 5 Accelerated Progress Plan");
    gavel.wait_for("at this pace: 11:50, −10 on the 12:00 end · −10 on items");
    assert!(line_with(&gavel, "6 SEND capacity review").contains("10:20 (11:05)"));
    assert!(line_with(&gavel, "3 Current perspective").contains("11:15 (10:15)"));
    assert!(line_with(&gavel, "1 Welcome, introductions").contains("11:45 (10:00)"));
    gavel.send("q");
    assert!(gavel.wait_exit());
    let journal = std::fs::read_to_string(root.join("meetings/2022-03-03.json")).unwrap();
    for event in ["\"next\"", "\"previous\"", "\"skip\"", "\"jump\""] {
        assert!(journal.contains(event), "{event} in the journal:\n{journal}");
    }
}

/// E asks; Esc leaves the meeting running; E and Enter end it; E on the
/// closed meeting reopens it. Each state is what a kill -9 leaves behind.
#[test]
fn e_asks_ends_and_reopens_and_each_survives_kill_9() {
    let (_dir, root) = sample_copy();
    let mut gavel = at(&root, "10:00:00");
    gavel.send(" ");
    gavel.wait_for("▶ 1 Welcome");
    gavel.send("E");
    gavel.wait_for("End the meeting at 10:00?");
    gavel.wait_for("Not yet marked in the register: MM, PD, AW");
    gavel.send("\x1b");
    gavel.wait_for("nothing changed: the meeting runs on");
    kill_9(gavel);

    let mut gavel = at(&root, "10:05:00");
    gavel.wait_for("▶ 1 Welcome");
    assert!(line_with(&gavel, "Thu 3 Mar 2022").contains("running"));
    gavel.send("E");
    gavel.wait_for("End the meeting at 10:05?");
    gavel.send("\r");
    gavel.wait_for("meeting ended at 10:05");
    gavel.wait_for("■ closed held 10:00–10:05");
    kill_9(gavel);

    let mut gavel = at(&root, "10:10:00");
    gavel.wait_for("■ closed held 10:00–10:05");
    gavel.send("E");
    gavel.wait_for("Reopen the meeting closed at 10:05?");
    gavel.send("\r");
    gavel.wait_for("meeting reopened at 10:10");
    gavel.wait_for("▶ 1 Welcome");
    kill_9(gavel);

    let mut gavel = at(&root, "10:11:00");
    gavel.wait_for("▶ 1 Welcome");
    assert!(line_with(&gavel, "Thu 3 Mar 2022").contains("running"));
    gavel.send("q");
    assert!(gavel.wait_exit());
}

/// The secretary marks everyone present during item 1, as they do: the
/// minutes have no late arrivals and the meeting was quorate throughout.
#[test]
fn everyone_marked_during_item_1_is_present_from_the_start() {
    let (_dir, root) = sample_copy();
    let mut gavel = at(&root, "10:00:00");
    gavel.send(" ");
    gavel.wait_for("▶ 1 Welcome");
    gavel.send("4");
    // All 19 people in the register, one after another.
    for n in 1..=19 {
        gavel.send(if n == 1 { "p" } else { "jp" });
        gavel.wait_for(&format!("{n} present"));
    }
    gavel.wait_for("✓ quorate");
    gavel.send("1n");
    gavel.wait_for("▶ 2 Minutes of the last meeting");
    gavel.send("E\r");
    gavel.wait_for("■ closed");
    gavel.send("q");
    assert!(gavel.wait_exit());
    let out = std::process::Command::new(BIN)
        .args(["export", "minutes", "--meeting", "2022-03-03", "-w", root.to_str().unwrap()])
        .output()
        .unwrap();
    let minutes = String::from_utf8(out.stdout).unwrap();
    assert!(!minutes.contains("arrived"), "no late arrivals:\n{minutes}");
    assert!(minutes.contains("quorate throughout"), "{minutes}");
    assert!(!minutes.contains("inquorate"), "{minutes}");
}
