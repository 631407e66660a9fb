//! A document that vanished is not a new one, and a broken one is never
//! written beside: every writer refuses with the line `validate` gives,
//! exits 1 and leaves every byte as it was.

mod common;

use common::{BIN, sample_copy, snapshot_files};
use std::path::Path;
use std::process::Command;

type Breaker = fn(&Path);

/// (case, what breaks the workspace, the file named)
const CASES: &[(&str, Breaker, &str)] = &[
    ("empty action log", |r| std::fs::write(r.join("actions.json"), "").unwrap(), "actions.json"),
    ("action log removed", |r| std::fs::remove_file(r.join("actions.json")).unwrap(), "actions.json"),
    ("risk register removed", |r| std::fs::remove_file(r.join("risks.json")).unwrap(), "risks.json"),
    ("empty risk register", |r| std::fs::write(r.join("risks.json"), "").unwrap(), "risks.json"),
    (
        "NaN in the risks",
        |r| common::replace_in(&r.join("risks.json"), "\"likelihood\": 4", "\"likelihood\": NaN"),
        "risks.json",
    ),
    ("risks cut short", |r| cut(&r.join("risks.json")), "risks.json"),
    ("empty meeting", |r| std::fs::write(r.join("meetings/2022-03-03.json"), "").unwrap(), "meetings/2022-03-03.json"),
];

fn cut(path: &Path) {
    let bytes = std::fs::read(path).unwrap();
    std::fs::write(path, &bytes[..bytes.len() / 2]).unwrap();
}

/// Writers that touch each kind of document, and one that touches none of them.
const WRITERS: &[&[&str]] = &[
    &["add", "Chase the papers @GB due 1 April"],
    &["people", "add", "Zoe Fearon"],
    &["agenda", "add", "2022-03-03", "Budget @MM 5m"],
    &["minutes", "approve", "2022-01-06"],
];

fn gavel(root: &Path, args: &[&str]) -> std::process::Output {
    Command::new(BIN).arg("-w").arg(root).args(args).env("GAVEL_NOW", "2022-03-01T10:00:00+00:00").output().unwrap()
}

#[test]
fn every_writer_refuses_a_vanished_or_broken_document_as_validate_words_it() {
    for &(case, breaker, file) in CASES {
        for writer in WRITERS {
            let (_dir, root) = sample_copy();
            breaker(&root);
            let before = snapshot_files(&root);
            let validate = gavel(&root, &["validate"]);
            let checked = String::from_utf8_lossy(&validate.stderr).into_owned();
            assert_eq!(validate.status.code(), Some(1), "{case}: validate passed");
            let said = checked.lines().find(|l| l.contains(file)).unwrap_or_else(|| panic!("{case}: {checked}"));
            let out = gavel(&root, writer);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{case} / {writer:?}: {err}");
            assert!(err.lines().any(|l| l == said), "{case} / {writer:?}: not validate's {said:?} in {err}");
            assert!(snapshot_files(&root) == before, "{case} / {writer:?}: something was written");
        }
    }
}

#[test]
fn the_empty_log_of_the_issue_is_refused_not_restarted() {
    let (_dir, root) = sample_copy();
    std::fs::write(root.join("actions.json"), "").unwrap();
    let out = gavel(&root, &["add", "x @GB"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("actions.json") && !String::from_utf8_lossy(&out.stdout).contains("A1 saved"), "{err}");
    assert_eq!(std::fs::read(root.join("actions.json")).unwrap(), b"");
}

/// The register an add found sound is not parsed again while it is the
/// same file; once changed (here broken after an add), it is.
#[test]
fn a_register_broken_after_an_add_stops_the_next_add() {
    let (_dir, root) = sample_copy();
    assert!(gavel(&root, &["add", "Chase the papers @GB due 1 April"]).status.success());
    assert!(gavel(&root, &["add", "Book the room @MM due 2 April"]).status.success());
    common::replace_in(&root.join("risks.json"), "\"likelihood\": 4", "\"likelihood\": NaN");
    let before = snapshot_files(&root);
    let out = gavel(&root, &["add", "Circulate the tracker @GB due 3 April"]);
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("risks.json:"), "{err}");
    assert!(snapshot_files(&root) == before, "written beside a broken register");
}
