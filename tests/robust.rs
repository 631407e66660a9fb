//! Several people, crashes, full disks, signals and permissions: nothing
//! acknowledged is lost, every file always loads, the terminal comes back.

mod common;

use common::{BIN, Session, sample_copy, snapshot_files};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn add(root: &Path, line: &str) -> std::process::Output {
    Command::new(BIN).args(["add", "-w", root.to_str().unwrap(), line]).output().unwrap()
}

fn temp_files(root: &Path) -> Vec<String> {
    [root.to_path_buf(), root.join("meetings")]
        .iter()
        .flat_map(|d| std::fs::read_dir(d).unwrap().flatten())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect()
}

/// Two secretaries adding 500 actions each at the same moment: all 1,000
/// are kept, each with its own ref.
#[test]
fn two_processes_adding_500_each_keep_all_1000() {
    let (_dir, root) = sample_copy();
    let before = gavel::store::load(&root).unwrap().actions.actions.len();
    std::thread::scope(|s| {
        for who in ["GB", "CJ"] {
            let root = &root;
            s.spawn(move || {
                for n in 0..500 {
                    let out = add(root, &format!("Concurrent action {n} from {who} @{who}"));
                    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
                }
            });
        }
    });
    let actions = gavel::store::load(&root).unwrap().actions.actions;
    assert_eq!(actions.len(), before + 1000);
    let mut refs: Vec<&str> = actions.iter().map(|a| a.reference.as_str()).collect();
    refs.sort();
    refs.dedup();
    assert_eq!(refs.len(), actions.len(), "every ref unique");
}

/// Two people with gavel open on one workspace each see the other's changes.
#[test]
fn two_running_tuis_see_each_others_changes() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    // On the meeting's own day, so the start does not ask.
    let now = [("GAVEL_NOW", "2022-03-03T10:00:00+00:00")];
    let mut chair = Session::start(&["-w", w], 120, 40, &now);
    let mut secretary = Session::start(&["-w", w], 120, 40, &now);
    chair.wait_for("space starts the meeting");
    secretary.wait_for("space starts the meeting");
    chair.send(" ");
    secretary.wait_for("▶ 1 Welcome");
    secretary.send("a");
    secretary.wait_for("Add action");
    secretary.send("Circulate the capacity review @GB due +2w\r");
    secretary.wait_for("saved");
    chair.wait_for("Circulate the capacity r");
    chair.wait_for("changed in another gavel: A14");
    chair.send("4p");
    secretary.wait_for("1 present");
    chair.send("q");
    secretary.send("q");
    assert!(chair.wait_exit() && secretary.wait_exit());
}

/// A saving process killed at random moments, 200 times: every file loads
/// after every kill, every acknowledged add is kept, leftovers are cleaned.
#[test]
fn kill_9_at_random_moments_200_times() {
    let (_dir, root) = sample_copy();
    let mut seed: u64 = 0x9e3779b97f4a7c15;
    let mut acknowledged = Vec::new();
    let mut killed = 0;
    for n in 0..200 {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        let delay = Duration::from_micros(seed % 12_000);
        let text = format!("Crash test action {n}");
        let mut child = Command::new(BIN)
            .args(["add", "-w", root.to_str().unwrap(), &text])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        let _ = child.kill();
        let out = child.wait_with_output().unwrap();
        if out.status.success() && String::from_utf8_lossy(&out.stdout).contains("saved") {
            acknowledged.push(text);
        } else {
            killed += 1;
        }
        let ws =
            gavel::store::load(&root).unwrap_or_else(|e| panic!("after kill {n} the workspace does not load: {e}"));
        for text in &acknowledged {
            assert!(ws.actions.actions.iter().any(|a| &a.text == text), "{text} was acknowledged and lost");
        }
    }
    eprintln!("kill loop: {killed} killed mid-way, {} acknowledged and kept", acknowledged.len());
    assert!(killed > 20, "the loop must really kill saves ({killed})");
    assert!(add(&root, "After the crashes @GB").status.success());
    assert_eq!(temp_files(&root), Vec::<String>::new(), "leftover temp files are cleaned by the next writer");
}

/// A disk that fills up mid-save (a file-size limit stands in for it):
/// the old file is byte-identical, the message says so, nothing is left over.
#[test]
fn a_full_disk_leaves_the_old_file_byte_identical() {
    let (_dir, root) = sample_copy();
    let before = snapshot_files(&root);
    let script = format!("trap '' XFSZ; ulimit -f 2; exec {BIN} add -w {} 'One more action @GB'", root.display());
    let out = Command::new("bash").args(["-c", &script]).output().unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", String::from_utf8_lossy(&out.stderr));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("cannot save") && err.contains("the file on disk is unchanged"), "{err}");
    assert_eq!(snapshot_files(&root), before);
    assert!(temp_files(&root).is_empty());
}

/// In the TUI a failed save is shown, kept, and retried until it lands.
#[test]
fn the_tui_keeps_a_failed_save_and_retries_it() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let script = format!("trap '' XFSZ; ulimit -S -f 2; exec {BIN} -w {w}");
    let mut gavel = Session::start_command("bash", &["-c", &script], 120, 40, &[]);
    gavel.wait_for("2 Actions");
    gavel.send("a");
    gavel.wait_for("Add action");
    gavel.send("Book the room @CJ TBC\r");
    gavel.wait_for("1 unsaved");
    gavel.send("q");
    gavel.wait_for("not saved yet: 1 change(s) will be lost");
    // The disk has room again: the next retry lands it.
    let pid = gavel.child.process_id().unwrap().to_string();
    assert!(Command::new("prlimit").args(["--pid", &pid, "--fsize=unlimited"]).status().unwrap().success());
    gavel.wait_for("A14 added: Book the room · saved");
    assert!(!gavel.screen().contains("unsaved"));
    gavel.send("q");
    assert!(gavel.wait_exit());
    assert!(gavel::store::load(&root).unwrap().actions.actions.iter().any(|a| a.text == "Book the room"));
}

fn exits_within(gavel: &mut Session, limit: Duration) -> Duration {
    let start = Instant::now();
    while start.elapsed() < limit {
        if gavel.child.try_wait().unwrap().is_some() {
            return start.elapsed();
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("gavel still running after {limit:?}");
}

/// SIGTERM and SIGHUP end gavel within 2 s, the terminal given back and no
/// lock held.
#[test]
fn sigterm_and_sighup_end_it_cleanly() {
    for signal in ["TERM", "HUP"] {
        let (_dir, root) = sample_copy();
        let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &[]);
        gavel.wait_for("1 Agenda");
        let pid = gavel.child.process_id().unwrap().to_string();
        assert!(Command::new("kill").args(["-s", signal, &pid]).status().unwrap().success());
        let took = exits_within(&mut gavel, Duration::from_secs(2));
        gavel.wait_all_output();
        assert!(!gavel.parser.lock().unwrap().screen().alternate_screen(), "SIG{signal}: screen given back");
        assert!(gavel::store::WorkspaceLock::try_acquire(&root).unwrap().is_some(), "SIG{signal}: no lock held");
        eprintln!("SIG{signal}: ended in {took:?}");
    }
}

/// When the terminal goes away (the SSH link drops: the pty's other end is
/// closed), gavel ends within 2 s instead of spinning on a dead terminal.
/// Python's pty module closes the terminal for real (portable-pty keeps a
/// copy of it open in its reader).
#[test]
fn a_vanished_terminal_ends_it_without_spinning() {
    let (_dir, root) = sample_copy();
    let script = r#"
import fcntl, os, pty, select, struct, sys, termios, time
pid, fd = pty.fork()
if pid == 0:
    os.execv(sys.argv[1], ["gavel", "-w", sys.argv[2]])
fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
seen, deadline = b"", time.time() + 10
while b"1 Agenda" not in seen and time.time() < deadline:
    if select.select([fd], [], [], 0.2)[0]:
        seen += os.read(fd, 65536)
os.close(fd)
start = time.time()
while time.time() - start < 2:
    done, status = os.waitpid(pid, os.WNOHANG)
    if done:
        cpu = os.times().children_user + os.times().children_system
        print(f"ended {time.time() - start:.2f} s after the terminal closed, {cpu:.2f} s CPU")
        sys.exit(0)
    time.sleep(0.02)
os.kill(pid, 9)
print("still running 2 s after the terminal closed")
sys.exit(1)
"#;
    let out = Command::new("python3").args(["-c", script, BIN, root.to_str().unwrap()]).output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{said}{}", String::from_utf8_lossy(&out.stderr));
    eprintln!("{said}");
}

/// A panic gives the terminal back before the message is printed.
#[test]
fn a_panic_restores_the_terminal() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &[("GAVEL_TEST_PANIC", "1")]);
    assert!(!gavel.wait_all_output(), "a panic is a failure exit");
    let parser = gavel.parser.lock().unwrap();
    assert!(!parser.screen().alternate_screen());
    assert!(!parser.screen().hide_cursor());
    let raw = String::from_utf8_lossy(&gavel.raw.lock().unwrap()).into_owned();
    let left = raw.find("\x1b[?1049l").expect("the alternate screen is left");
    let message = raw.find("GAVEL_TEST_PANIC is set").expect("the panic message is printed");
    assert!(left < message, "the screen is given back before the message, so it can be read");
}

/// A save keeps the file's mode and group, so a shared board folder stays
/// shared; a new workspace is the owner's alone unless made `--shared`.
#[test]
fn saves_keep_mode_and_group_and_new_workspaces_are_private() {
    let (_dir, root) = sample_copy();
    let actions = root.join("actions.json");
    std::fs::set_permissions(&actions, std::fs::Permissions::from_mode(0o660)).unwrap();
    std::os::unix::fs::chown(&actions, None, Some(1)).unwrap();
    assert!(add(&root, "Keep the group @GB").status.success());
    let meta = std::fs::metadata(&actions).unwrap();
    assert_eq!((meta.mode() & 0o7777, meta.gid()), (0o660, 1));
    let mode = |p: &Path| std::fs::metadata(p).unwrap().mode() & 0o7777;
    assert_eq!((mode(&root), mode(&root.join("gavel.json"))), (0o700, 0o600));
    let shared = root.join("../shared-board");
    let out = Command::new(BIN).args(["init", shared.to_str().unwrap(), "--shared"]).output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        (mode(&shared), mode(&shared.join("meetings")), mode(&shared.join("gavel.json"))),
        (0o2770, 0o2770, 0o660)
    );
}
