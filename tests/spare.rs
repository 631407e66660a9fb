//! `gavel add` writes into the log as it was before the last add (the
//! spare, `.gavel.spare`) rather than copy the whole log. These tests hold
//! it to the rules that make that safe: the result is always the bytes a
//! full rewrite gives; a file anyone else has open, or that has another
//! name, or that is not as recorded, is never written into.

mod common;

use common::sample_copy;
use gavel::model::change::{ActionEdit, FieldEdit};
use gavel::model::quickadd::QuickAdd;
use gavel::model::{ActionLog, Board, Change};
use gavel::store;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

fn draft(text: &str) -> QuickAdd {
    QuickAdd { text: text.into(), owners: vec!["GB".into()], due: None }
}

fn add(root: &Path, board: &Board, text: &str) -> String {
    store::append_action(root, board, draft(text), None).unwrap().reference
}

/// A sample board after two adds: the log has a spare, as recorded.
fn after_two_adds() -> (tempfile::TempDir, std::path::PathBuf, Board) {
    let (dir, root) = sample_copy();
    let board = store::load(&root).unwrap().board;
    add(&root, &board, "First");
    add(&root, &board, "Second");
    (dir, root, board)
}

/// The log on disk is canonical: what a full rewrite of it gives.
fn assert_canonical(root: &Path) -> ActionLog {
    let path = root.join("actions.json");
    let bytes = fs::read(&path).unwrap();
    let log: ActionLog = store::parse_document(&path, &bytes).unwrap();
    assert_eq!(String::from_utf8(bytes).unwrap(), String::from_utf8(store::to_json(&log)).unwrap());
    log
}

fn inode(path: &Path) -> u64 {
    fs::metadata(path).unwrap().ino()
}

#[test]
fn adds_go_into_the_spare_and_give_a_full_rewrite() {
    let (_dir, root) = sample_copy();
    let board = store::load(&root).unwrap().board;
    let (log, spare) = (root.join("actions.json"), root.join(".gavel.spare"));
    add(&root, &board, "First");
    for n in 2..=6 {
        let before = fs::read(&log).unwrap();
        let spare_was = inode(&spare);
        let reference = add(&root, &board, &format!("Add number {n}"));
        assert_eq!(inode(&log), spare_was, "add {n} ({reference}) was written into the spare");
        assert_eq!(fs::read(&spare).unwrap(), before, "the log it replaced is the next spare");
        assert_eq!(fs::metadata(&spare).unwrap().nlink(), 1);
        let texts: Vec<String> = assert_canonical(&root).actions.iter().map(|a| a.text.clone()).collect();
        assert_eq!(texts.last().unwrap(), &format!("Add number {n}"));
    }
    assert!(store::load(&root).is_ok());
}

/// A reader that opened the log just before an add replaced it may still be
/// reading it as the spare: the next add must not write under it.
#[test]
fn a_spare_someone_is_still_reading_is_left_alone() {
    let (_dir, root) = sample_copy();
    let board = store::load(&root).unwrap().board;
    add(&root, &board, "First");
    let reader = fs::File::open(root.join("actions.json")).unwrap();
    let read_then = fs::read(root.join("actions.json")).unwrap();
    add(&root, &board, "Second: the reader's file becomes the spare");
    add(&root, &board, "Third: must not be written into the reader's file");
    let mut read_now = Vec::new();
    std::io::Read::read_to_end(&mut &reader, &mut read_now).unwrap();
    assert_eq!(read_now, read_then, "the reader's bytes never changed");
    let log = assert_canonical(&root);
    assert!(log.actions.iter().any(|a| a.text.starts_with("Third")));
}

#[test]
fn a_spare_with_another_name_is_never_written_through() {
    let (dir, root, board) = after_two_adds();
    let other_name = dir.path().join("backup-of-an-old-log.json");
    fs::hard_link(root.join(".gavel.spare"), &other_name).unwrap();
    let kept = fs::read(&other_name).unwrap();
    add(&root, &board, "Third");
    add(&root, &board, "Fourth");
    assert_eq!(fs::read(&other_name).unwrap(), kept, "the other name's bytes are untouched");
    assert_eq!(assert_canonical(&root).actions.iter().filter(|a| a.text == "Fourth").count(), 1);

    // A symbolic link planted as the spare is not followed either.
    let victim = dir.path().join("victim.txt");
    fs::write(&victim, "not gavel's").unwrap();
    fs::remove_file(root.join(".gavel.spare")).unwrap();
    std::os::unix::fs::symlink(&victim, root.join(".gavel.spare")).unwrap();
    add(&root, &board, "Fifth");
    add(&root, &board, "Sixth");
    assert_eq!(fs::read_to_string(&victim).unwrap(), "not gavel's");
    assert_canonical(&root);
}

/// A crash in the middle of writing into the spare can leave anything past
/// the part it shares with the log, with its size and time as recorded.
/// The next add writes that part again from the log: nothing torn shows.
#[test]
fn a_spare_torn_by_a_crash_is_mended_by_the_next_add() {
    let (_dir, root, board) = after_two_adds();
    let spare = root.join(".gavel.spare");
    let file = fs::OpenOptions::new().write(true).open(&spare).unwrap();
    let modified = file.metadata().unwrap().modified().unwrap();
    let len = file.metadata().unwrap().len();
    std::os::unix::fs::FileExt::write_all_at(&file, b",\n{{{\n", len - 7).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    add(&root, &board, "Third");
    let texts: Vec<String> = assert_canonical(&root).actions.iter().rev().take(3).map(|a| a.text.clone()).collect();
    assert_eq!(texts, ["Third", "Second", "First"]);

    // A spare changed in any other way (its size, here) is not used.
    add(&root, &board, "Fourth");
    fs::OpenOptions::new().append(true).open(&spare).unwrap().set_len(10).unwrap();
    add(&root, &board, "Fifth");
    assert_eq!(assert_canonical(&root).actions.last().unwrap().text, "Fifth");
}

/// The log changed by another writer (the TUI's save, an import) between
/// two adds: the spare no longer matches and the add takes the log as it is.
#[test]
fn a_change_between_adds_is_kept_and_the_mode_too() {
    let (_dir, root, board) = after_two_adds();
    let log = root.join("actions.json");
    let a1 = store::load(&root).unwrap().actions.actions[0].clone();
    let fields = FieldEdit::between(&a1, "Changed by the TUI meanwhile", &a1.owners, a1.due);
    store::commit(&root, &Change::edit_action_named(&a1.reference, ActionEdit::Fields(fields))).unwrap();
    add(&root, &board, "Third");
    let texts: Vec<String> = assert_canonical(&root).actions.iter().map(|a| a.text.clone()).collect();
    assert_eq!(texts[0], "Changed by the TUI meanwhile");
    assert_eq!(texts.last().unwrap(), "Third");

    // chmod between adds: the spare's mode is the old one, the log keeps the new.
    add(&root, &board, "Fourth");
    fs::set_permissions(&log, fs::Permissions::from_mode(0o640)).unwrap();
    for text in ["Fifth", "Sixth"] {
        add(&root, &board, text);
        assert_eq!(fs::metadata(&log).unwrap().mode() & 0o777, 0o640, "after {text}");
    }
    assert_canonical(&root);
}

/// `gavel add` from the command line, many times from two processes at
/// once: every action lands once, and the log stays canonical.
#[test]
fn concurrent_adds_through_the_spare_lose_nothing() {
    let (_dir, root) = sample_copy();
    let before = store::load(&root).unwrap().actions.actions.len();
    let w = root.to_str().unwrap();
    std::thread::scope(|s| {
        for shell in 0..2 {
            s.spawn(move || {
                for i in 0..15 {
                    let out = std::process::Command::new(common::BIN)
                        .args(["add", "-w", w, &format!("From shell {shell}, add {i} @GB")])
                        .env("GAVEL_NOW", "2022-03-01T10:00:00+00:00")
                        .output()
                        .unwrap();
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            });
        }
    });
    let log = assert_canonical(&root);
    assert_eq!(log.actions.len(), before + 30);
}

/// An edit within the same clock tick as the last add (a second, on file
/// systems that keep whole seconds) leaves the log's size and time as the
/// add recorded them: only its bytes differ, and the next add keeps it.
#[test]
fn an_edit_that_leaves_size_and_time_alone_is_kept() {
    let (_dir, root, board) = after_two_adds();
    let log = root.join("actions.json");
    let modified = fs::metadata(&log).unwrap().modified().unwrap();
    let text = fs::read_to_string(&log).unwrap();
    assert!(text.contains("Invite the DfE"));
    // In place, as an editor that writes through the file does.
    let file = fs::OpenOptions::new().write(true).open(&log).unwrap();
    std::os::unix::fs::FileExt::write_all_at(&file, text.replace("Invite the DfE", "INVITE THE DFE").as_bytes(), 0)
        .unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    add(&root, &board, "Third");
    let log = assert_canonical(&root);
    assert!(log.actions.iter().any(|a| a.text.starts_with("INVITE THE DFE")), "the edit is kept");
    assert_eq!(log.actions.last().unwrap().text, "Third");
}

/// A log that is a symbolic link is refused, as every save refuses it,
/// never replaced by a plain file behind the user's back.
#[test]
fn a_linked_log_is_refused_not_replaced() {
    let (dir, root, board) = after_two_adds();
    let elsewhere = dir.path().join("elsewhere.json");
    fs::rename(root.join("actions.json"), &elsewhere).unwrap();
    std::os::unix::fs::symlink(&elsewhere, root.join("actions.json")).unwrap();
    let kept = fs::read(&elsewhere).unwrap();
    let refused = store::append_action(&root, &board, draft("Third"), None).unwrap_err().to_string();
    assert!(refused.contains("link"), "{refused}");
    assert!(fs::symlink_metadata(root.join("actions.json")).unwrap().file_type().is_symlink());
    assert_eq!(fs::read(&elsewhere).unwrap(), kept);
}

/// A log replaced by another writer within the same clock tick, as long
/// and with the same time, is a new file all the same: the add checks it
/// in full, and a problem in it is found, not built on.
#[test]
fn a_log_replaced_within_the_tick_is_checked_in_full() {
    let (dir, root, board) = after_two_adds();
    let log = root.join("actions.json");
    let modified = fs::metadata(&log).unwrap().modified().unwrap();
    let text = fs::read_to_string(&log).unwrap().replacen(&common::id_of(&root, "GB"), "\"XX\"", 1);
    let new = dir.path().join("new.json");
    fs::write(&new, text).unwrap();
    fs::File::options().write(true).open(&new).unwrap().set_modified(modified).unwrap();
    fs::rename(&new, &log).unwrap();
    let refused = store::append_action(&root, &board, draft("Third"), None).unwrap_err().to_string();
    assert!(refused.contains("\"XX\" is not in the people register"), "{refused}");
}
