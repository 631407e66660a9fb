//! The attacks of issue 17 on a shared workspace, each tried as a hostile
//! group member (or an unlucky one) would: planted links, special files,
//! escapes in names, the umask, a second member, a held lock.
//! tests/edges.rs has the rest.

mod common;

use common::{BIN, Session, sample_copy, snapshot_files};
use std::io::{BufRead, BufReader};
use std::os::unix::fs::{FileTypeExt, MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gavel(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn mode(path: &Path) -> u32 {
    std::fs::symlink_metadata(path).unwrap().mode() & 0o7777
}

/// No escape, bell or other control byte but the line break reaches the terminal.
fn inert(output: &[u8]) -> bool {
    !output.iter().any(|&b| b < 0x20 && b != b'\n')
}

/// The old temp name was `.actions.json.PID.tmp`: a group member who plants
/// a link there (the shell's pid is gavel's after exec) gets nothing: the
/// private file is untouched and actions.json stays a regular file.
#[test]
fn a_planted_temp_file_link_is_never_followed() {
    let (dir, root) = sample_copy();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "alice's private notes\n").unwrap();
    std::fs::set_permissions(&secret, std::fs::Permissions::from_mode(0o600)).unwrap();
    let script = format!(
        "for n in $$ $(($$+1)) $(($$+2)); do ln -s {secret} {root}/.actions.json.$n.tmp; done; exec {BIN} add -w {root} 'Planted link @GB'",
        secret = secret.display(),
        root = root.display()
    );
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "alice's private notes\n");
    assert_eq!(mode(&secret), 0o600);
    let actions = std::fs::symlink_metadata(root.join("actions.json")).unwrap();
    assert!(actions.file_type().is_file());
    assert!(gavel::store::load(&root).unwrap().actions.actions.iter().any(|a| a.text == "Planted link"));
}

/// A workspace file that is a symbolic link is refused with a message that
/// names it; its target is not written. A planted lock link likewise.
#[test]
fn a_symlinked_workspace_file_or_lock_is_refused_and_its_target_kept() {
    let (dir, root) = sample_copy();
    let target = dir.path().join("elsewhere.json");
    std::fs::rename(root.join("actions.json"), &target).unwrap();
    std::os::unix::fs::symlink(&target, root.join("actions.json")).unwrap();
    let before = std::fs::read(&target).unwrap();
    let out = gavel(&["add", "-w", root.to_str().unwrap(), "Through a link @GB"]);
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("actions.json is a symbolic link") && err.contains("the file on disk is unchanged"), "{err}");
    assert_eq!(std::fs::read(&target).unwrap(), before);
    assert!(std::fs::symlink_metadata(root.join("actions.json")).unwrap().file_type().is_symlink());

    let (dir, root) = sample_copy();
    let secret = dir.path().join("secret");
    std::fs::write(&secret, "keep\n").unwrap();
    std::os::unix::fs::symlink(&secret, root.join(".gavel.lock")).unwrap();
    let out = gavel(&["add", "-w", root.to_str().unwrap(), "Planted lock @GB"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains(".gavel.lock is a symbolic link"), "{}", text(&out.stderr));
    assert_eq!(std::fs::read_to_string(&secret).unwrap(), "keep\n");
}

/// `export -o` replaces only regular files, through a rename; a FIFO, a
/// device, a socket or a link is refused at once (never opened, so a FIFO
/// cannot make it wait); `-o -` is standard output.
#[test]
fn export_writes_regular_files_only_and_never_blocks() {
    let (dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let fifo = dir.path().join("fifo");
    assert!(Command::new("mkfifo").arg(&fifo).status().unwrap().success());
    let device = dir.path().join("null");
    // A device node of our own: the system's /dev/null is never put at risk.
    assert!(Command::new("mknod").args([device.to_str().unwrap(), "c", "1", "3"]).status().unwrap().success());
    let socket = dir.path().join("socket");
    let _listener = std::os::unix::net::UnixListener::bind(&socket).unwrap();
    let link = dir.path().join("link.csv");
    std::os::unix::fs::symlink(dir.path().join("real.csv"), &link).unwrap();
    for (path, what) in [(&fifo, "a FIFO"), (&device, "a device"), (&socket, "a socket"), (&link, "a symbolic link")] {
        let start = Instant::now();
        let out = gavel(&["export", "actions", "-w", w, "-o", path.to_str().unwrap()]);
        assert!(start.elapsed() < Duration::from_secs(3), "{what}: took {:?}", start.elapsed());
        assert_eq!(out.status.code(), Some(2), "{what}");
        assert!(text(&out.stderr).contains(&format!("it is {what}")), "{}", text(&out.stderr));
    }
    let kind = |p: &Path| std::fs::symlink_metadata(p).unwrap().file_type();
    assert!(kind(&fifo).is_fifo() && kind(&device).is_char_device() && kind(&socket).is_socket());
    assert!(!dir.path().join("real.csv").exists());

    let file = dir.path().join("actions.csv");
    std::fs::write(&file, "old").unwrap();
    let inode = std::fs::metadata(&file).unwrap().ino();
    assert!(gavel(&["export", "actions", "-w", w, "-o", file.to_str().unwrap()]).status.success());
    assert_ne!(std::fs::metadata(&file).unwrap().ino(), inode, "replaced by a rename, not written in place");
    let stdout = gavel(&["export", "actions", "-w", w, "-o", "-"]);
    assert!(text(&stdout.stdout).contains("Ref,Action,Owner"));
    assert!(!dir.path().join("-").exists());
}

/// A meeting file named with an OSC 52 clipboard sequence, and `gavel add`
/// given one in its argument: every message shows the escape as text.
#[test]
fn escapes_in_file_names_and_arguments_are_shown_as_text() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let osc52 = "\x1b]52;c;aGk=\x07";
    std::fs::copy(root.join("meetings/2022-01-06.json"), root.join(format!("meetings/{osc52}.json"))).unwrap();
    let out = gavel(&["validate", "-w", w]);
    assert_eq!(out.status.code(), Some(1));
    assert!(inert(&out.stderr), "{:?}", text(&out.stderr));
    assert!(text(&out.stderr).contains("␛]52;c;aGk=␇.json"), "{}", text(&out.stderr));
    std::fs::remove_file(root.join(format!("meetings/{osc52}.json"))).unwrap();

    for line in [format!("Copy {osc52} this @GB"), format!("Refused @ZZ{osc52}"), format!("Bad date @GB due {osc52}")] {
        let out = gavel(&["add", "-w", w, &line]);
        assert!(inert(&out.stdout) && inert(&out.stderr), "{line:?}: {:?} {:?}", text(&out.stdout), text(&out.stderr));
    }
    let odd = root.parent().unwrap().join(format!("board{osc52}"));
    let out = gavel(&["validate", "-w", odd.to_str().unwrap()]);
    assert!(inert(&out.stderr), "{:?}", text(&out.stderr));
}

/// Under any umask, gavel's own files in a private workspace are 0600.
#[test]
fn the_lock_and_checked_files_are_private_whatever_the_umask() {
    let (_dir, root) = sample_copy();
    let script = format!("umask 000; exec {BIN} add -w {} 'Wide open umask @GB'", root.display());
    assert!(Command::new("bash").args(["-c", &script]).status().unwrap().success());
    assert_eq!((mode(&root.join(".gavel.lock")), mode(&root.join(".gavel.checked"))), (0o600, 0o600));
    assert_eq!(mode(&root.join("actions.json")), 0o600);
    assert_eq!(mode(&root.join(".gavel.spare")), 0o600, "the log before the add, kept as it was");
}

/// In a `--shared` workspace the lock and `.gavel.checked` are 0660 in the
/// folder's group, so a second member (another uid in the group) can save.
/// Needs root to act as that member; skipped, saying so, otherwise.
#[test]
fn a_second_member_of_a_shared_workspace_can_save() {
    // SAFETY: geteuid has no preconditions.
    if unsafe { libc::geteuid() } != 0 {
        eprintln!("skipped: acting as a second member needs root (setpriv)");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let root = dir.path().join("shared");
    let w = root.to_str().unwrap();
    assert!(gavel(&["init", "--sample", "--shared", w]).status.success());
    let group = 4217;
    assert!(Command::new("chgrp").args(["-R", &group.to_string(), w]).status().unwrap().success());
    let script = format!("umask 022; exec {BIN} add -w {w} 'First member @GB'");
    assert!(Command::new("bash").args(["-c", &script]).status().unwrap().success());
    for name in [".gavel.lock", ".gavel.checked", "actions.json", ".gavel.spare"] {
        let meta = std::fs::metadata(root.join(name)).unwrap();
        assert_eq!((meta.mode() & 0o777, meta.gid()), (0o660, group), "{name}");
    }
    let member = Command::new("setpriv")
        .args(["--reuid=4242", &format!("--regid={group}"), &format!("--groups={group}"), "--", BIN])
        .args(["add", "-w", w, "Second member @CJ"])
        .env("HOME", dir.path())
        .output()
        .unwrap();
    assert!(member.status.success(), "{}", text(&member.stderr));
    // Turn and turn about: the spare is the other member's file each time
    // (never written into), or one's own.
    for turn in 0..4 {
        let mut add = match turn % 2 {
            0 => Command::new(BIN),
            _ => {
                let mut c = Command::new("setpriv");
                c.args(["--reuid=4242", &format!("--regid={group}"), &format!("--groups={group}"), "--", BIN]);
                c
            }
        };
        let out = add.args(["add", "-w", w, &format!("Turn {turn} @GB")]).env("HOME", dir.path()).output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
    }
    let actions = gavel::store::load(&root).unwrap().actions.actions;
    assert!(actions.iter().any(|a| a.text == "Second member"));
    let turns: Vec<&str> = actions.iter().filter(|a| a.text.starts_with("Turn ")).map(|a| a.text.as_str()).collect();
    assert_eq!(turns, ["Turn 0", "Turn 1", "Turn 2", "Turn 3"]);
    assert_eq!(std::fs::metadata(root.join("actions.json")).unwrap().gid(), group);
}

/// A held lock is reported within a second, naming the gavel that holds it;
/// the add goes ahead once it is free.
#[test]
fn a_held_lock_is_reported_within_a_second_with_its_holder() {
    let (_dir, root) = sample_copy();
    let held = gavel::store::WorkspaceLock::acquire(&root).unwrap();
    let start = Instant::now();
    let mut child = Command::new(BIN)
        .args(["add", "-w", root.to_str().unwrap(), "Waits for the lock @GB"])
        .stderr(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stderr.take().unwrap()).read_line(&mut line).unwrap();
    let reported = start.elapsed();
    assert!(reported < Duration::from_secs(1), "reported after {reported:?}");
    let holder = format!("waiting for the workspace lock, held by gavel pid {} since ", std::process::id());
    assert!(line.contains(&holder), "{line}");
    assert!(child.try_wait().unwrap().is_none(), "it waits while the lock is held");
    drop(held);
    assert!(child.wait().unwrap().success());
    assert!(gavel::store::load(&root).unwrap().actions.actions.iter().any(|a| a.text == "Waits for the lock"));
    eprintln!("reported in {reported:?}: {}", line.trim());
}

/// `flock ws/.gavel.lock sleep 30`: the CLI gives up after 10 s with exit
/// 2 and nothing written.
#[test]
fn a_lock_held_by_another_program_is_given_up_on_after_10_s() {
    let (_dir, root) = sample_copy();
    let before = snapshot_files(&root);
    let mut holder =
        Command::new("flock").args([root.join(".gavel.lock").to_str().unwrap(), "sleep", "30"]).spawn().unwrap();
    common::until("flock holds the lock", || matches!(gavel::store::WorkspaceLock::try_acquire(&root), Ok(None)));
    let start = Instant::now();
    let out = gavel(&["add", "-w", root.to_str().unwrap(), "Never lands @GB"]);
    let took = start.elapsed();
    let _ = holder.kill();
    let _ = holder.wait();
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("waiting for the workspace lock, held by another program"), "{err}");
    assert!(err.contains("gave up after 10 s") && err.contains("nothing was changed"), "{err}");
    assert!((Duration::from_secs(10)..Duration::from_secs(12)).contains(&took), "{took:?}");
    assert_eq!(snapshot_files(&root), before);
}

/// The TUI draws while another gavel holds the lock, says who holds it,
/// keeps the change and saves it once the lock is free.
#[test]
fn the_tui_draws_and_tells_while_the_lock_is_held() {
    let (_dir, root) = sample_copy();
    let held = gavel::store::WorkspaceLock::acquire(&root).unwrap();
    let mut tui = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    tui.wait_for("2 Actions");
    tui.send("a");
    tui.wait_for("Add action");
    tui.send("Book the room @CJ due +2w\r");
    tui.wait_for(&format!("held by gavel pid {}", std::process::id()));
    tui.wait_for("1 unsaved");
    drop(held);
    tui.wait_for("A14 added: Book the room · saved");
    tui.send("q");
    assert!(tui.wait_exit());
}
