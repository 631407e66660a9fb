//! Helpers shared by the integration tests: sample workspaces in temporary
//! directories, the built binary, and a pseudo-terminal that reads the screen.
#![allow(dead_code)]

pub mod corpus;
pub mod sheet;

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_gavel");

/// A fresh copy of the sample board; the directory lives as long as the guard.
pub fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    gavel::store::init_workspace(&root, true, None, gavel::store::Sharing::Private).unwrap();
    (dir, root)
}

/// The sample board with two more people, the groups the table names, and
/// an empty action log: the table's refs become the log's.
pub fn board_for_the_table() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = sample_copy();
    let path = root.join("gavel.json");
    let mut board: serde_json::Value = serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    for (initials, name) in [("LM", "Lucy Marsh"), ("TR", "Tom Reed")] {
        let person = serde_json::json!({"initials": initials, "name": name, "role": "officer"});
        board["people"].as_array_mut().unwrap().push(person);
    }
    for (initials, name) in [("SROs", "Senior Responsible Owners"), ("All", "All members")] {
        board["groups"].as_array_mut().unwrap().push(serde_json::json!({"initials": initials, "name": name}));
    }
    std::fs::write(&path, serde_json::to_string_pretty(&board).unwrap()).unwrap();
    std::fs::write(root.join("actions.json"), "{\n  \"schema_version\": 1,\n  \"actions\": []\n}\n").unwrap();
    (dir, root)
}

/// One part of a Word package ("word/document.xml"), as text.
pub fn docx_part(path: &Path, part: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut xml = String::new();
    std::io::Read::read_to_string(&mut zip.by_name(part).unwrap(), &mut xml).unwrap();
    xml
}

/// The identity a person's or group's links are stored under in the
/// workspace's files (`model::link`), quoted as the JSON holds it.
pub fn id_of(root: &Path, initials: &str) -> String {
    let board: serde_json::Value = serde_json::from_slice(&std::fs::read(root.join("gavel.json")).unwrap()).unwrap();
    let all = board["people"].as_array().unwrap().iter().chain(board["groups"].as_array().into_iter().flatten());
    let found = all.into_iter().find(|p| p["initials"] == initials).unwrap_or_else(|| panic!("no {initials}"));
    format!("\"{}\"", found["id"].as_str().unwrap())
}

/// Runs one of poppler's tools (poppler-utils: pdftotext, pdfinfo, ...) and
/// returns what it printed; `.ci/run` installs them.
pub fn poppler(tool: &str, args: &[&std::ffi::OsStr]) -> String {
    let out = std::process::Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} (poppler-utils) is needed to read the PDFs back: {e}"));
    assert!(out.status.success(), "{tool} {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// A PDF's text in the order it was drawn (`pdftotext -raw`).
pub fn pdftotext(path: &Path) -> String {
    poppler("pdftotext", &["-raw".as_ref(), "-enc".as_ref(), "UTF-8".as_ref(), path.as_os_str(), "-".as_ref()])
}

/// "Page 2 of 5": the number gavel puts at the foot of each page of a PDF.
pub fn is_page_number(line: &str) -> bool {
    let mut words = line.split(' ');
    let numbers = |w: Option<&str>| w.is_some_and(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    words.next() == Some("Page") && numbers(words.next()) && words.next() == Some("of") && numbers(words.next())
}

/// Edits a file as a person would by hand: the first `from` becomes `to`.
pub fn replace_in(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} has no {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Every file of a workspace with its bytes, to prove nothing changed.
pub fn snapshot_files(root: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if !path.ends_with(".gavel.lock") {
                out.push((path.clone(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// gavel running in a pseudo-terminal, its output fed to a terminal emulator.
pub struct Session {
    pub parser: Arc<Mutex<vt100::Parser>>,
    pub raw: Arc<Mutex<Vec<u8>>>,
    /// The terminal has read everything the program wrote (it has hung up).
    output_ended: Arc<std::sync::atomic::AtomicBool>,
    writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    _master: Box<dyn portable_pty::MasterPty + Send>,
}

impl Session {
    pub fn start(args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        Session::start_command(BIN, args, cols, rows, env)
    }

    /// Any program in the pseudo-terminal (a shell that sets limits, say).
    pub fn start_command(program: &str, args: &[&str], cols: u16, rows: u16, env: &[(&str, &str)]) -> Session {
        let pty = native_pty_system().openpty(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        // portable-pty starts in the home directory unless told otherwise.
        cmd.cwd(std::env::current_dir().unwrap());
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        for (k, v) in env {
            cmd.env(k, v);
        }
        let child = pty.slave.spawn_command(cmd).unwrap();
        drop(pty.slave);
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a real size");
        let parser = Arc::new(Mutex::new(vt100::Parser::new(size(rows), size(cols), 0)));
        let raw = Arc::new(Mutex::new(Vec::new()));
        let mut reader = pty.master.try_clone_reader().unwrap();
        let (p, r) = (parser.clone(), raw.clone());
        let output_ended = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let ended = output_ended.clone();
        std::thread::spawn(move || {
            let mut buf = [0u8; 8192];
            while let Ok(n) = reader.read(&mut buf) {
                if n == 0 {
                    break;
                }
                p.lock().unwrap().process(&buf[..n]);
                r.lock().unwrap().extend_from_slice(&buf[..n]);
            }
            ended.store(true, std::sync::atomic::Ordering::SeqCst);
        });
        let writer = pty.master.take_writer().unwrap();
        Session { parser, raw, output_ended, writer, child, _master: pty.master }
    }

    pub fn screen(&self) -> String {
        self.parser.lock().unwrap().screen().contents()
    }

    pub fn send(&mut self, keys: &str) {
        self.writer.write_all(keys.as_bytes()).unwrap();
        self.writer.flush().unwrap();
    }

    /// The terminal resized to `cols`×`rows`, as a window dragged larger.
    pub fn resize(&mut self, cols: u16, rows: u16) {
        let size = |n: u16| std::num::NonZeroU16::new(n).expect("a real size");
        self.parser.lock().unwrap().set_size(size(rows), size(cols));
        self._master.resize(PtySize { rows, cols, pixel_width: 0, pixel_height: 0 }).unwrap();
    }

    /// Waits until `test` holds for the screen; panics naming `what` if not.
    pub fn wait_until(&self, what: &str, test: impl Fn(&str) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !test(&self.screen()) {
            assert!(Instant::now() < deadline, "the screen never showed {what}:\n{}", self.screen());
            std::thread::sleep(Duration::from_millis(10));
        }
    }

    /// Waits until the screen no longer shows `text` (an Esc has closed it).
    pub fn wait_gone(&self, text: &str) {
        self.wait_until(&format!("{text:?} gone"), |screen| !screen.contains(text));
    }

    /// Waits until the screen shows `text`; panics with the screen if not.
    pub fn wait_for(&self, text: &str) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if self.screen().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("the screen never showed {text:?}:\n{}", self.screen());
    }

    /// Waits for the process to end and the terminal to have read all it
    /// wrote; returns whether it exited successfully.
    pub fn wait_all_output(&mut self) -> bool {
        let success = self.wait_exit();
        until("the terminal read everything", || self.output_ended.load(std::sync::atomic::Ordering::SeqCst));
        success
    }

    /// Waits for the process to end; returns whether it exited successfully.
    /// (A session dropped early, by a failing test, kills its process.)
    pub fn wait_exit(&mut self) -> bool {
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return status.success();
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("gavel did not exit:\n{}", self.screen());
    }
}

impl Drop for Session {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}

/// Polls `done` until it holds, for up to 10 s; panics naming `what` if it never does.
pub fn until(what: &str, mut done: impl FnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(10);
    while !done() {
        assert!(Instant::now() < deadline, "never happened: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
}
