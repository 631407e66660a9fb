//! Broken files, one case each: gavel says which file, where and what was
//! expected, exits 1, never panics, and leaves every byte as it was.

mod common;

use common::{BIN, id_of, replace_in, sample_copy, snapshot_files};
use std::path::Path;
use std::process::Command;

type Breaker = fn(&Path);

/// (case, what breaks it, the file named, what the message must say, with a line:column?)
const CASES: &[(&str, Breaker, &str, &str, bool)] = &[
    ("truncated", |r| truncate(&r.join("actions.json")), "actions.json", "the file ends too early", true),
    (
        "empty file",
        |r| std::fs::write(r.join("risks.json"), "").unwrap(),
        "risks.json",
        "the file ends too early",
        true,
    ),
    (
        "wrong type",
        |r| replace_in(&r.join("risks.json"), "\"likelihood\": 4", "\"likelihood\": \"high\""),
        "risks.json",
        "risks[0].likelihood: expected a whole number, 0 or more, found the text \"high\"",
        true,
    ),
    (
        "out of range",
        |r| replace_in(&r.join("risks.json"), "\"impact\": 4", "\"impact\": 9"),
        "risks.json",
        "expected a level from 1 to 5, found 9",
        true,
    ),
    (
        "duplicate refs",
        |r| replace_in(&r.join("actions.json"), "\"ref\": \"A2\"", "\"ref\": \"A1\""),
        "actions.json",
        "actions[1].ref: ref \"A1\" is used twice",
        true,
    ),
    (
        "unknown owner",
        |r| replace_in(&r.join("actions.json"), &id_of(r, "GB"), "\"XX\""),
        "actions.json",
        "actions[1].owners[0]: \"XX\" is not in the people register",
        true,
    ),
    (
        "unknown lead",
        |r| replace_in(&r.join("meetings/2022-03-03.json"), &id_of(r, "JB"), "\"QQ\""),
        "meetings/2022-03-03.json",
        "agenda[6].leads[0]: \"QQ\" is not in the people register",
        true,
    ),
    (
        "unknown field",
        |r| replace_in(&r.join("gavel.json"), "\"name\"", "\"colour\": \"blue\",\n  \"name\""),
        "gavel.json",
        "unknown field `colour`",
        true,
    ),
    (
        "missing field",
        |r| replace_in(&r.join("actions.json"), "\"status\": \"done\",\n", ""),
        "actions.json",
        "missing field `status`",
        true,
    ),
    (
        "impossible date",
        |r| replace_in(&r.join("meetings/2022-03-03.json"), "\"date\": \"2022-03-03\"", "\"date\": \"2022-02-30\""),
        "meetings/2022-03-03.json",
        "date: expected a real date like \"2022-03-03\", found \"2022-02-30\"",
        true,
    ),
    (
        "duplicate initials",
        |r| replace_in(&r.join("gavel.json"), "\"initials\": \"AW\"", "\"initials\": \"MM\""),
        "gavel.json",
        "people[2].initials: initials MM are already Michael Marks's",
        true,
    ),
    (
        "future schema",
        |r| replace_in(&r.join("risks.json"), "\"schema_version\": 3", "\"schema_version\": 7, \"heat\": {}"),
        "risks.json",
        "written by a newer gavel (schema_version 7)",
        true,
    ),
    (
        "deep nesting",
        |r| std::fs::write(r.join("actions.json"), "[".repeat(100_000)).unwrap(),
        "actions.json",
        "found a list",
        true,
    ),
    ("not UTF-8", |r| not_utf8(&r.join("actions.json")), "actions.json", "expected UTF-8 text", true),
    (
        "unknown role",
        |r| replace_in(&r.join("gavel.json"), "\"role\": \"member\"", "\"role\": \"trustee\""),
        "gavel.json",
        "role must be one of chair, deputy_chair, member, officer, guest, in_attendance, advisor, not \"trustee\"",
        true,
    ),
    (
        "trailing comma",
        |r| replace_in(&r.join("gavel.json"), "\"role\": \"member\"", "\"role\": \"member\","),
        "gavel.json",
        "a comma before `}` at 27:23: JSON allows none",
        true,
    ),
    (
        "100 MB file",
        |r| huge(&r.join("actions.json")),
        "actions.json",
        "the file is 1100 MiB, and gavel reads files of at most 1024 MiB, so that a wrong file",
        false,
    ),
    (
        "file name and date disagree",
        |r| std::fs::rename(r.join("meetings/2022-03-03.json"), r.join("meetings/2022-03-04.json")).unwrap(),
        "meetings/2022-03-04.json",
        "the file name says 2022-03-04 but the meeting is dated 2022-03-03",
        true,
    ),
];

/// A byte-order mark, as Notepad writes, is read past.
#[test]
fn a_byte_order_mark_is_accepted() {
    let (_dir, root) = sample_copy();
    let board = root.join("gavel.json");
    let mut bytes = "\u{feff}".as_bytes().to_vec();
    bytes.extend(std::fs::read(&board).unwrap());
    std::fs::write(&board, bytes).unwrap();
    let out = run(&["validate", "-w", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

fn truncate(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 3]).unwrap();
}

fn not_utf8(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes.windows(6).position(|w| w == b"Invite").unwrap();
    bytes[at] = 0xff;
    std::fs::write(path, bytes).unwrap();
}

fn huge(path: &Path) {
    let file = std::fs::File::create(path).unwrap();
    file.set_len(1100 * 1024 * 1024).unwrap();
}

fn run(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).env("GAVEL_NOW", "2022-02-20T09:30:00+00:00").output().unwrap()
}

#[test]
fn every_broken_file_is_named_located_and_left_alone() {
    for &(case, breaker, file, says, located) in CASES {
        let (_dir, root) = sample_copy();
        breaker(&root);
        let before = snapshot_files(&root);
        let w = root.to_str().unwrap();
        for args in [
            vec!["validate", "-w", w],
            vec!["-w", w],
            vec!["add", "-w", w, "Chase the papers @GB"],
            vec!["status", "-w", w],
        ] {
            let out = run(&args);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{case} / {args:?}: {err}");
            assert!(!err.contains("panicked"), "{case}: {err}");
            let line =
                err.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{case}: {file} not named in {err}"));
            assert!(line.contains(says), "{case}: {says:?} not in {line:?}");
            if located {
                let after = &line[line.find(file).unwrap() + file.len()..];
                let mut parts = after.trim_start_matches(':').splitn(3, ':');
                let (l, c) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
                assert!(l.parse::<u32>().is_ok() && c.parse::<u32>().is_ok(), "{case}: no line:column in {line:?}");
            }
            assert!(snapshot_files(&root) == before, "{case} / {args:?}: files changed");
        }
    }
}
