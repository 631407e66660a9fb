//! Special files where the workspace's files should be: a named pipe, a
//! device behind a link, a folder that is a link. No command waits on
//! them (nor holds the lock while waiting), none reads without bound, and
//! none reads or writes through a linked folder.

mod common;

use common::{BIN, sample_copy, snapshot_files};
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

const NOW: &str = "2022-03-01T10:00:00+00:00";

/// Runs gavel; a run that takes longer than 10 s is killed and fails the test.
fn gavel(root: &Path, args: &[&str]) -> Output {
    let mut child = Command::new(BIN)
        .arg("-w")
        .arg(root)
        .args(args)
        .env("GAVEL_NOW", NOW)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(10);
    while child.try_wait().unwrap().is_none() {
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("gavel {args:?} hung");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

fn fifo(path: &Path) {
    let _ = std::fs::remove_file(path);
    let name = std::ffi::CString::new(path.to_str().unwrap()).unwrap();
    // SAFETY: a valid C string; mkfifo only makes a directory entry.
    assert_eq!(unsafe { libc::mkfifo(name.as_ptr(), 0o600) }, 0);
}

const READERS_AND_WRITERS: &[&[&str]] =
    &[&["validate"], &["status"], &["add", "Chase the papers @GB due 1 April"], &["people"], &["export", "actions"]];

#[test]
fn a_pipe_in_place_of_a_document_is_named_and_never_waited_on() {
    for file in ["actions.json", "risks.json", "meetings/2022-03-03.json"] {
        for args in READERS_AND_WRITERS {
            let (_dir, root) = sample_copy();
            fifo(&root.join(file));
            let out = gavel(&root, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{file} / {args:?}: {err}");
            assert!(err.contains(file) && err.contains("named pipe"), "{file} / {args:?}: {err}");
        }
    }
}

#[test]
fn a_pipe_as_the_checked_record_does_not_hang_an_add_holding_the_lock() {
    let (_dir, root) = sample_copy();
    fifo(&root.join(".gavel.checked"));
    let out = gavel(&root, &["add", "Chase the papers @GB due 1 April"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let again = gavel(&root, &["add", "Book the room @MM due 2 April"]);
    assert!(again.status.success(), "{}", String::from_utf8_lossy(&again.stderr));
    let log = std::fs::read_to_string(root.join("actions.json")).unwrap();
    assert!(log.contains("Chase the papers") && log.contains("Book the room"));
}

#[test]
fn a_device_behind_a_link_is_refused_at_once_on_every_read_path() {
    for file in ["risks.json", "actions.json", "meetings/2022-01-06.json", "archive/actions-2019.json"] {
        let (_dir, root) = sample_copy();
        std::fs::create_dir_all(root.join("archive")).unwrap();
        let _ = std::fs::remove_file(root.join(file));
        std::os::unix::fs::symlink("/dev/zero", root.join(file)).unwrap();
        for args in [&["validate"][..], &["actions", "--all"], &["status"]] {
            if file.starts_with("archive") && args == ["status"] {
                continue; // the daily view does not read the archive
            }
            let out = gavel(&root, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{file} / {args:?}: {err}");
            assert!(err.contains(file) && err.contains("a device"), "{file} / {args:?}: {err}");
        }
    }
}

#[test]
fn a_linked_meetings_or_archive_folder_is_refused_never_written_through() {
    for folder in ["meetings", "archive"] {
        let (dir, root) = sample_copy();
        let elsewhere = dir.path().join("elsewhere");
        match folder {
            "meetings" => std::fs::rename(root.join("meetings"), &elsewhere).unwrap(),
            _ => std::fs::create_dir(&elsewhere).unwrap(),
        }
        std::os::unix::fs::symlink(&elsewhere, root.join(folder)).unwrap();
        let before = snapshot_files(&elsewhere);
        for args in
            [&["agenda", "add", "2022-03-03", "Budget @MM 5m"][..], &["add", "x @GB due 1 April"], &["validate"]]
        {
            let out = gavel(&root, args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{folder} / {args:?}: {err}");
            assert!(err.contains(folder) && err.contains("symbolic link"), "{folder} / {args:?}: {err}");
        }
        assert!(snapshot_files(&elsewhere) == before, "{folder}: written through the link");
    }
}
