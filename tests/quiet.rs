//! The running timer relies on its inotify watch: its second ticks touch no
//! workspace file (it stat()ed every file of the workspace each second),
//! and another writer's change is still seen at once.

mod common;
use common::{Session, sample_copy};
use std::process::Command;

#[test]
fn a_running_timer_touches_no_workspace_file_on_its_ticks() {
    if Command::new("strace").arg("-V").output().is_err() {
        eprintln!("strace is not installed: skipped");
        return;
    }
    let (dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let mut s = Session::start(&["-w", w], 120, 40, &[("GAVEL_NOW", "2022-03-03T10:00:00+00:00")]);
    s.wait_for("space starts the meeting");
    s.send(" ");
    s.wait_for("▶ 1 Welcome");
    let trace = dir.path().join("trace.txt");
    let pid = s.child.process_id().unwrap().to_string();
    let mut strace = Command::new("strace")
        .args(["-f", "-e", "trace=%file,getdents64", "-o", trace.to_str().unwrap(), "-p", &pid])
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Three ticks of the item's clock, read off the screen.
    let elapsed = |screen: &str| {
        let line = screen.lines().find(|l| l.contains(" of 05:00"))?;
        line.split(" of 05:00").next()?.rsplit(':').next()?.trim().parse::<u32>().ok()
    };
    common::until("strace attached", || std::fs::metadata(&trace).is_ok_and(|m| m.len() > 0));
    let from = elapsed(&s.screen()).unwrap();
    s.wait_until("three more seconds on the clock", |screen| elapsed(screen).is_some_and(|e| e >= from + 3));
    unsafe { libc::kill(strace.id() as i32, libc::SIGINT) };
    strace.wait().unwrap();
    let calls = std::fs::read_to_string(&trace).unwrap();
    let touched: Vec<&str> = calls.lines().filter(|l| l.contains(w)).collect();
    assert!(touched.is_empty(), "the ticks touched the workspace:\n{}", touched.join("\n"));
    // The watch still brings another writer's change at once.
    let out = Command::new(common::BIN).args(["add", "-w", w, "Seen through the watch @GB"]).output().unwrap();
    assert!(out.status.success());
    s.wait_for("Seen through the watch");
    s.send("q");
    assert!(s.wait_exit());
}
