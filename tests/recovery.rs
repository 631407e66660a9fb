//! A change that cannot be saved (a full disk) is kept aside the moment its
//! save fails; an SSH hang-up then loses nothing, and the next gavel offers it.

mod common;

use common::{BIN, Session, sample_copy};

#[test]
fn an_unsaved_change_survives_a_hang_up_and_is_offered_next_time() {
    let (_dir, root) = sample_copy();
    // A file-size limit stands in for a full disk: actions.json cannot be rewritten.
    let script = format!("trap '' XFSZ; ulimit -S -f 2; exec {BIN} -w {}", root.display());
    let mut tui = Session::start_command("bash", &["-c", &script], 120, 40, &[]);
    tui.wait_for("2 Actions");
    tui.send("a");
    tui.wait_for("Add action");
    tui.send("Book the room for June @CJ due +2w\r");
    tui.wait_for("1 unsaved");
    let kept = std::fs::read_to_string(root.join(".gavel.unsaved.json")).expect("kept aside at once");
    assert!(kept.contains("Book the room for June"), "{kept}");
    // The SSH link drops.
    let pid = tui.child.process_id().unwrap() as i32;
    unsafe { libc::kill(pid, libc::SIGHUP) };
    tui.wait_exit();
    let log = std::fs::read_to_string(root.join("actions.json")).unwrap();
    assert!(!log.contains("Book the room for June"), "not saved");
    assert!(root.join(".gavel.unsaved.json").exists(), "still kept");
    // Next time, with room on the disk: offered, applied with Enter.
    let mut again = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    again.wait_for("1 unsaved change from");
    assert!(again.screen().contains("action \"Book the room for June\" added"), "{}", again.screen());
    again.send("\r");
    again.wait_for("A14 added: Book the room for June · saved");
    common::until("the kept change forgotten once saved", || !root.join(".gavel.unsaved.json").exists());
    assert!(std::fs::read_to_string(root.join("actions.json")).unwrap().contains("Book the room for June"));
    again.send("q");
    assert!(again.wait_exit());
}

#[test]
fn esc_drops_the_kept_changes() {
    let (_dir, root) = sample_copy();
    let change = r#"{"since":"2022-03-03T10:40:00+00:00","changes":[{"add_action":{"draft":{"text":"Circulate the tracker","owners":["GB"],"due":null},"raised":null}}]}"#;
    std::fs::write(root.join(".gavel.unsaved.json"), change).unwrap();
    let mut tui = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &[]);
    tui.wait_for("1 unsaved change from 10:40");
    tui.send("\x1b");
    tui.wait_for("dropped: action \"Circulate the tracker\" added");
    common::until("the kept change dropped", || !root.join(".gavel.unsaved.json").exists());
    tui.send("q");
    assert!(tui.wait_exit());
}

/// A secretary's SSH link drops mid-sentence: the line open in quick-add
/// (not yet Enter) is kept, and is back in the input next time.
#[test]
fn the_line_being_typed_survives_a_hang_up_and_is_back_in_the_input() {
    let (dir, root) = sample_copy();
    let home = [("HOME", dir.path().to_str().unwrap())];
    let mut tui = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &home);
    tui.wait_for("2 Actions");
    tui.send("a");
    tui.wait_for("Add action");
    tui.send("Typed but not saved @GB");
    tui.wait_for("Typed but not saved @GB");
    let pid = tui.child.process_id().unwrap() as i32;
    unsafe { libc::kill(pid, libc::SIGHUP) };
    tui.wait_exit();
    let kept = std::fs::read_to_string(root.join(".gavel.unsaved.json")).expect("kept on the hang-up");
    assert!(kept.contains("Typed but not saved @GB"), "{kept}");
    let mut again = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &home);
    again.wait_for("back in the input");
    let screen = again.screen();
    assert!(screen.contains("Add action") && screen.contains("Typed but not saved @GB"), "{screen}");
    // Offered once: it is in the input now, no longer in the file.
    assert!(!root.join(".gavel.unsaved.json").exists());
    again.send(" due 1 April\r");
    again.wait_for("A14 added: Typed but not saved");
    again.send("q");
    assert!(again.wait_exit());
}

/// In a shared folder another member's recovery file (here, "MM absent"
/// planted as if it were yours) is never offered: it is reported, and left.
#[test]
fn another_users_recovery_file_is_reported_never_offered() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: a file of another user needs root to make");
        return;
    }
    let (dir, root) = sample_copy();
    let planted = r#"{"since":"2022-03-03T10:40:00+00:00","changes":[{"add_action":{"draft":{"text":"MM absent","owners":["GB"],"due":null},"raised":null}}]}"#;
    let path = root.join(".gavel.unsaved.json");
    std::fs::write(&path, planted).unwrap();
    std::os::unix::fs::chown(&path, Some(4242), None).unwrap();
    let home = [("HOME", dir.path().to_str().unwrap())];
    let mut tui = Session::start(&["-w", root.to_str().unwrap()], 160, 40, &home);
    tui.wait_for("another user's (uid 4242)");
    assert!(!tui.screen().contains("unsaved change"), "{}", tui.screen());
    tui.send("q");
    assert!(tui.wait_exit());
    assert_eq!(std::fs::read_to_string(&path).unwrap(), planted, "left as it was");
    assert!(!std::fs::read_to_string(root.join("actions.json")).unwrap().contains("MM absent"));
}
