//! A `--shared` workspace stays shared whatever a member's umask: the
//! archive folder and its files get the group's modes, and a year another
//! member cannot read is reported, never silently left out. Acting as two
//! members needs root (setpriv); skipped, saying so, otherwise.

use gavel::generate::{Size, generate};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_gavel");
const GROUP: u32 = 4217;

/// Runs gavel as member `uid` of the group, with umask 077.
fn as_member(uid: u32, home: &Path, args: &[&str]) -> Output {
    let quoted: Vec<String> = args.iter().map(|a| format!("'{a}'")).collect();
    let script =
        format!("umask 077; exec setpriv --reuid={uid} --regid={GROUP} --groups={GROUP} -- {BIN} {}", quoted.join(" "));
    Command::new("bash")
        .args(["-c", &script])
        .env("HOME", home)
        .env("GAVEL_NOW", "2025-09-01T10:00:00+01:00")
        .output()
        .unwrap()
}

/// An older shared workspace, its closed actions of 2024 still in actions.json.
fn shared_board() -> Option<(tempfile::TempDir, std::path::PathBuf)> {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: acting as two members needs root (setpriv)");
        return None;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let root = dir.path().join("shared");
    generate(&root, Size { meetings: 40, actions: 400, risks: 20, people: 12, seed: 7 }).unwrap();
    let w = root.to_str().unwrap();
    let script = format!("chgrp -R {GROUP} {w} && chmod -R g+rw {w} && find {w} -type d -exec chmod 2770 {{}} +");
    assert!(Command::new("bash").args(["-c", &script]).status().unwrap().success());
    Some((dir, root))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn the_archive_a_member_with_umask_077_makes_is_the_groups() {
    let Some((dir, root)) = shared_board() else { return };
    let w = root.to_str().unwrap();
    let added = as_member(4242, dir.path(), &["add", "-w", w, "Book the room @Scrum due 30.6.26"]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    let archive = root.join("archive");
    let meta = std::fs::metadata(&archive).unwrap();
    assert_eq!((meta.mode() & 0o7777, meta.gid()), (0o2770, GROUP), "archive/");
    let year = std::fs::metadata(archive.join("actions-2024.json")).unwrap();
    assert_eq!((year.mode() & 0o777, year.gid()), (0o660, GROUP), "archive/actions-2024.json");
    // The other member sees every action, the archive's included.
    let all = as_member(4243, dir.path(), &["actions", "--all", "--json", "-w", w]);
    assert!(all.status.success(), "{}", text(&all.stderr));
    let listed: serde_json::Value = serde_json::from_slice(&all.stdout).unwrap();
    assert_eq!(listed["actions"].as_array().unwrap().len(), 401);
    let valid = as_member(4243, dir.path(), &["validate", "-w", w]);
    assert!(valid.status.success(), "{}", text(&valid.stderr));
}

#[test]
fn a_year_or_an_archive_another_member_cannot_read_is_reported_not_left_out() {
    let Some((dir, root)) = shared_board() else { return };
    let w = root.to_str().unwrap();
    let added = as_member(4242, dir.path(), &["add", "-w", w, "Book the room @Scrum due 30.6.26"]);
    assert!(added.status.success(), "{}", text(&added.stderr));
    let archive = root.join("archive");
    // As an older gavel (or a hand) left them: the owner's only.
    for (path, mode) in [(archive.join("actions-2024.json"), 0o600), (archive.clone(), 0o700)] {
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(mode)).unwrap();
        let named = path.strip_prefix(&root).unwrap().to_str().unwrap().to_string();
        let valid = as_member(4243, dir.path(), &["validate", "-w", w]);
        let said = text(&valid.stderr);
        assert_eq!(valid.status.code(), Some(1), "{named}: {said}");
        assert!(said.contains(&named) && said.contains("cannot"), "{named}: {said}");
        let all = as_member(4243, dir.path(), &["actions", "--all", "-w", w]);
        let said = text(&all.stderr);
        assert_ne!(all.status.code(), Some(0), "{named}: listed without the year: {}", text(&all.stdout));
        assert!(said.contains(&named), "{named}: {said}");
    }
}
