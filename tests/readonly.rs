//! `--read-only` is one rule in the store, where changes are committed:
//! every command of the command line, found from clap's own definitions so
//! that a new one cannot be forgotten, leaves the workspace's bytes as they
//! were, and every one that writes says so and exits 1.

mod common;

use clap::CommandFactory;
use common::BIN;
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: &str = "2022-03-01T10:00:00+00:00";
const REFUSED: &str = "gavel: read-only: this gavel was opened with --read-only, so nothing can be changed";

/// Each command of the command line, as words after `gavel`, and what it
/// does: `true` writes to the workspace (or makes one).
fn commands(dir: &Path) -> Vec<(&'static str, Vec<String>, bool)> {
    let file = |name: &str| dir.join(name).display().to_string();
    let words = |w: &[&str]| w.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    vec![
        ("init", words(&["init", "--sample", &file("fresh")]), true),
        // Into the workspace that is there: refused either way, nothing written.
        ("init", words(&["init", "--sample"]), false),
        ("sync", words(&["sync"]), true),
        (
            "merge-driver",
            words(&["merge-driver", &file("o.json"), &file("a.json"), &file("b.json"), "actions.json"]),
            true,
        ),
        ("validate", words(&["validate"]), false),
        ("status", words(&["status"]), false),
        ("add", words(&["add", "Book the room @GB due 1 April"]), true),
        ("actions", words(&["actions", "--all"]), false),
        ("clock", words(&["clock"]), false),
        ("completions", words(&["completions", "bash"]), false),
        ("man", words(&["man"]), false),
        ("export minutes", words(&["export", "minutes", "--meeting", "2022-01-06"]), false),
        ("export agenda", words(&["export", "agenda", "2022-03-03"]), false),
        ("export pack", words(&["export", "pack", "2022-03-03", "-o", "-"]), false),
        ("export calendar", words(&["export", "calendar"]), false),
        ("export actions", words(&["export", "actions", "--all"]), false),
        ("people", words(&["people"]), false),
        ("people add", words(&["people", "add", "Zoe Fearon", "--role", "member"]), true),
        ("people edit", words(&["people", "edit", "GB", "--title", "Director"]), true),
        ("people retire", words(&["people", "retire", "GB"]), true),
        ("people import", words(&["people", "import", &file("people.csv")]), true),
        ("meeting new", words(&["meeting", "new", "2022-04-07"]), true),
        ("meeting list", words(&["meeting", "list"]), false),
        ("agenda show", words(&["agenda", "show", "2022-03-03"]), false),
        ("agenda add", words(&["agenda", "add", "2022-03-03", "Budget @MM 5m"]), true),
        ("agenda import", words(&["agenda", "import", "2022-03-03", &file("agenda.txt")]), true),
        ("agenda move", words(&["agenda", "move", "2022-03-03", "2", "3"]), true),
        ("agenda remove", words(&["agenda", "remove", "2022-03-03", "3"]), true),
        ("minutes approve", words(&["minutes", "approve", "2022-01-06", "--yes"]), true),
        // The sample's minutes are not approved: refused either way, nothing written.
        ("minutes unapprove", words(&["minutes", "unapprove", "2022-01-06", "--reason", "a slip"]), false),
        ("history", words(&["history", "A5"]), false),
        ("remind", words(&["remind"]), false),
        ("report attendance", words(&["report", "attendance"]), false),
        ("report timing", words(&["report", "timing"]), false),
        // Everyone in the sample is named somewhere: refused either way, nothing written.
        ("people remove", words(&["people", "remove", "LS"]), false),
        ("board", words(&["board"]), false),
        ("board name", words(&["board", "name", "Riverside Board"]), true),
        ("board quorum", words(&["board", "quorum", "1/3", "--chair-or-deputy"]), true),
        ("board zone", words(&["board", "zone", "Europe/Paris"]), true),
        ("board amber", words(&["board", "amber", "10"]), true),
        ("board grace", words(&["board", "grace", "5"]), true),
        ("board dates", words(&["board", "dates", "month-first"]), true),
        ("groups", words(&["groups"]), false),
        ("groups list", words(&["groups", "list"]), false),
        ("groups add", words(&["groups", "add", "Senior Responsible Owners", "--initials", "SROs"]), true),
        ("groups edit", words(&["groups", "edit", "Scrum", "--name", "The SEND Scrum"]), true),
        ("groups retire", words(&["groups", "retire", "Scrum"]), true),
        ("import actions", words(&["import", "actions", &file("actions.csv")]), true),
    ]
}

/// Every command clap knows, by its words ("agenda move"); one with an
/// optional subcommand (`people`) is a command of its own too.
fn leaves(command: &clap::Command, prefix: &str, out: &mut Vec<String>) {
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let name = if prefix.is_empty() { sub.get_name().to_string() } else { format!("{prefix} {}", sub.get_name()) };
        if sub.has_subcommands() {
            if !sub.is_subcommand_required_set() {
                out.push(name.clone());
            }
            leaves(sub, &name, out);
        } else {
            out.push(name);
        }
    }
}

/// The paths whose bytes or mode differ between two snapshots.
fn changed(before: &[(PathBuf, u32, Vec<u8>)], after: &[(PathBuf, u32, Vec<u8>)]) -> Vec<PathBuf> {
    let mut paths: Vec<PathBuf> = before.iter().chain(after).map(|(p, ..)| p.clone()).collect();
    paths.sort();
    paths.dedup();
    let find = |list: &[(PathBuf, u32, Vec<u8>)], p: &PathBuf| list.iter().find(|(q, ..)| q == p).cloned();
    paths.into_iter().filter(|p| find(before, p) != find(after, p)).collect()
}

/// Every file and folder under `root`, with its bytes and mode.
fn snapshot(root: &Path) -> Vec<(PathBuf, u32, Vec<u8>)> {
    use std::os::unix::fs::MetadataExt;
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let meta = std::fs::symlink_metadata(&path).unwrap();
            let bytes = if meta.is_file() { std::fs::read(&path).unwrap() } else { vec![] };
            if meta.is_dir() {
                dirs.push(path.clone());
            }
            out.push((path, meta.mode(), bytes));
        }
    }
    out.sort();
    out
}

/// A git-kept copy of the sample, and the files the imports read.
fn setup(dir: &Path) -> PathBuf {
    let root = dir.join("board");
    let made = Command::new(BIN).args(["init", "--sample", "--git"]).arg(&root).env("GAVEL_NOW", NOW).output().unwrap();
    assert!(made.status.success(), "{}", String::from_utf8_lossy(&made.stderr));
    let csv = Command::new(BIN).args(["-w", root.to_str().unwrap(), "export", "actions"]).output().unwrap();
    let mut csv = String::from_utf8(csv.stdout).unwrap();
    csv.push_str("A99,Imported by hand,GB,2022-05-01,open,green,,,,\n");
    std::fs::write(dir.join("actions.csv"), csv).unwrap();
    std::fs::write(dir.join("people.csv"), "name,initials,role\nRuth Adeyemi,RA,member\n").unwrap();
    std::fs::write(dir.join("agenda.txt"), "Budget @MM 5m\n").unwrap();
    // Something for `sync` to commit.
    let added = run(&root, false, &["add".into(), "Circulate the tracker @GB due 1 April".into()]);
    assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
    let log = std::fs::read(root.join("actions.json")).unwrap();
    for name in ["o.json", "a.json", "b.json"] {
        std::fs::write(dir.join(name), &log).unwrap();
    }
    let b = String::from_utf8(log).unwrap().replacen("Invite the DfE", "Invite DfE", 1);
    std::fs::write(dir.join("b.json"), b).unwrap();
    root
}

fn run(root: &Path, read_only: bool, args: &[String]) -> std::process::Output {
    let mut command = Command::new(BIN);
    command.arg("-w").arg(root).env("GAVEL_NOW", NOW).env_remove("GAVEL_WORKSPACE");
    if read_only {
        command.arg("--read-only");
    }
    command.args(args).stdin(std::process::Stdio::null()).output().unwrap()
}

#[test]
fn the_table_names_every_command_clap_knows() {
    let dir = tempfile::tempdir().unwrap();
    let mut known = Vec::new();
    leaves(&gavel::cli::Cli::command(), "", &mut known);
    let mut listed: Vec<String> = commands(dir.path()).into_iter().map(|(name, ..)| name.to_string()).collect();
    known.sort();
    listed.sort();
    listed.dedup();
    assert_eq!(known, listed, "a command was added: say in `commands` whether it writes");
}

#[test]
fn read_only_leaves_every_byte_as_it_was_and_says_why() {
    for (name, args, writes) in commands(Path::new("/nonexistent")) {
        let dir = tempfile::tempdir().unwrap();
        let args: Vec<String> = args.iter().map(|a| a.replace("/nonexistent", dir.path().to_str().unwrap())).collect();
        // Without --read-only, a writing command really writes here (else
        // the check below would prove nothing).
        if writes {
            let root = setup(dir.path());
            let before = snapshot(dir.path());
            let done = run(&root, false, &args);
            assert!(done.status.success(), "{name}: {}", String::from_utf8_lossy(&done.stderr));
            assert!(
                !changed(&before, &snapshot(dir.path())).is_empty(),
                "{name} writes nothing even without --read-only"
            );
            std::fs::remove_dir_all(&root).unwrap();
        }
        let root = setup(dir.path());
        let before = snapshot(dir.path());
        let refused = run(&root, true, &args);
        let said = String::from_utf8_lossy(&refused.stderr);
        let after = snapshot(dir.path());
        assert_eq!(changed(&before, &after), Vec::<PathBuf>::new(), "{name} wrote under --read-only: {said}");
        if writes {
            assert_eq!(refused.status.code(), Some(1), "{name}: {said}");
            assert!(said.starts_with(REFUSED), "{name}: {said}");
        }
    }
}

/// An export is still written where it is sent in review mode, but never
/// into the workspace, even over one of its own files.
#[test]
fn an_export_under_read_only_never_lands_in_the_workspace() {
    let dir = tempfile::tempdir().unwrap();
    let root = setup(dir.path());
    let before = snapshot(&root);
    let inside = root.join("actions.json").display().to_string();
    let refused = run(&root, true, &["export".into(), "actions".into(), "-o".into(), inside]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.starts_with(REFUSED), "{said}");
    assert_eq!(refused.status.code(), Some(1));
    assert_eq!(changed(&before, &snapshot(&root)), Vec::<PathBuf>::new());
    let outside = dir.path().join("actions-export.csv");
    let sent = run(&root, true, &["export".into(), "actions".into(), "-o".into(), outside.display().to_string()]);
    assert!(sent.status.success(), "{}", String::from_utf8_lossy(&sent.stderr));
    assert!(outside.exists());
}
