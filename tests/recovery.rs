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
