//! A terminal below the minimum size, in a real pseudo-terminal: the keys
//! typed behind "too small" do nothing (they used to mark people and start
//! the meeting); a resize brings the screen and the keys back.

mod common;
use common::{Session, sample_copy, snapshot_files};

#[test]
fn keys_behind_too_small_do_nothing() {
    let (_dir, root) = sample_copy();
    let before = snapshot_files(&root);
    let w = root.to_str().unwrap();
    let mut s = Session::start(&["-w", w], 20, 5, &[("GAVEL_NOW", "2022-03-03T09:55:00+00:00")]);
    s.wait_for("too small");
    s.send("4pjxn\r a");
    // Keys are read in order: once the resized screen is drawn, they were all taken.
    s.resize(100, 30);
    s.wait_for("4 Attendance");
    assert_eq!(snapshot_files(&root), before, "nothing saved behind the warning:\n{}", s.screen());
    assert!(s.screen().contains("0 present"), "{}", s.screen());
    assert!(!s.screen().contains("Quick add"), "{}", s.screen());
    s.resize(30, 6);
    s.wait_for("too small");
    s.send("q");
    assert!(s.wait_exit());
}
