//! Ten years of board history (250 meetings, 10,000 actions, 1,000 risks):
//! loading, drawing, adding an action, the status review, in-process and
//! as whole processes, with taskwarrior holding 10,000 tasks alongside.
//!
//! `cargo bench --bench large` (about a minute). Each figure is the median
//! of its runs, with the fastest and slowest.

use gavel::app::{App, Key, Msg, update};
use gavel::generate::{Size, generate};
use gavel::model::quickadd::QuickAdd;
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Read;
use std::process::{Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_gavel");

/// Median, fastest and slowest of `runs` timings of `f`, in milliseconds.
fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64, f64) {
    let mut ms: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    ms.sort_by(f64::total_cmp);
    (ms[ms.len() / 2], ms[0], ms[ms.len() - 1])
}

fn report(what: &str, (median, min, max): (f64, f64, f64), bar: &str) {
    println!("| {what} | {median:.2} ms | {min:.2} – {max:.2} ms | {bar} |");
}

fn run(args: &[&str]) {
    let status = Command::new(BIN).args(args).stdout(Stdio::null()).stderr(Stdio::null()).status().unwrap();
    assert!(status.success(), "{args:?}");
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    generate(&root, Size::TEN_YEARS).unwrap();
    let w = root.to_str().unwrap();
    let now = "2025-09-01T10:00:00+01:00".parse().unwrap();
    println!("| what | median | min – max | bar |\n|---|---|---|---|");

    report("load the workspace (in-process)", time(20, || drop(gavel::store::load_recent(&root).unwrap())), "");
    let ws = gavel::store::load_recent(&root).unwrap();
    report(
        "first frame 120×40 (in-process: App::new + draw)",
        time(20, || {
            let app = App::new(ws.clone(), now, false);
            draw(&app);
        }),
        "",
    );
    let mut app = App::new(ws.clone(), now, false);
    for (pane, key) in [("agenda", '1'), ("actions", '2'), ("risks", '3'), ("attendance", '4')] {
        update(&mut app, Msg::Key(Key::Char(key)), now);
        report(&format!("one frame, {pane} pane focused"), time(200, || draw(&app)), "≤ 2 ms");
    }
    report(
        "status (in-process, text)",
        time(20, || {
            let ws = gavel::store::load_recent(&root).unwrap();
            let mut out = Vec::new();
            gavel::cli::status_text(&ws, now, &mut out).unwrap();
        }),
        "",
    );
    report(
        "quick-add + durable save (in-process)",
        time(30, || {
            let draft =
                QuickAdd { text: "Circulate the capacity review".into(), owners: vec!["Scrum".into()], due: None };
            gavel::store::append_action(&root, &ws.board, draft, None).unwrap();
        }),
        "",
    );
    let add = time(30, || run(&["add", "-w", w, "Circulate the capacity review @Scrum due +2w"]));
    report("`gavel add` (whole process, durable)", add, "≤ 20 ms");
    let status = time(30, || run(&["status", "-w", w]));
    report("`gavel status` (whole process)", status, "≤ 30 ms");
    let (first, peak) = first_frame(w);
    report("first frame, whole process (pty 120×40)", first, "≤ 50 ms");
    println!("| peak memory of the TUI after its first frame | {peak} MB | | ≤ 50 MB |");
    taskwarrior(add, status);
}

fn draw(app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| gavel::ui::render(app, frame)).unwrap();
}

/// From spawning gavel in a pseudo-terminal to its whole first frame on
/// screen; and the process's peak memory then. Ending the process is not timed.
fn first_frame(w: &str) -> ((f64, f64, f64), u64) {
    let mut peak = 0;
    let mut ms: Vec<f64> = Vec::new();
    for _ in 0..10 {
        let start = Instant::now();
        let pty =
            native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(["-w", w]);
        cmd.env("TERM", "xterm-256color");
        let mut reader = pty.master.try_clone_reader().unwrap();
        let mut child = pty.slave.spawn_command(cmd).unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        // The footer's last hint is the last thing of the first frame written.
        while !String::from_utf8_lossy(&seen).contains("quit") {
            let n = reader.read(&mut buf).unwrap();
            seen.extend_from_slice(&buf[..n]);
        }
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
        let pid = child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let hwm = status
            .lines()
            .find_map(|l| l.strip_prefix("VmHWM:"))
            .map(|v| v.trim().trim_end_matches(" kB").parse::<u64>().unwrap_or(0));
        peak = peak.max(hwm.unwrap_or(0) / 1024);
        child.kill().unwrap();
        let _ = child.wait();
    }
    ms.sort_by(f64::total_cmp);
    ((ms[ms.len() / 2], ms[0], ms[ms.len() - 1]), peak)
}

/// taskwarrior with 10,000 tasks (9,000 done, 1,000 pending, as the
/// generated action log): `task add` against `gavel add`, `task next`
/// against `gavel status`, timed the same way in the same run.
fn taskwarrior(add: (f64, f64, f64), status: (f64, f64, f64)) {
    if Command::new("task").arg("--version").output().is_err() {
        println!("\ntaskwarrior is not installed (apt-get install taskwarrior): no comparison");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join("taskrc");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(&rc, format!("data.location={}\nconfirmation=off\nverbose=nothing\nhooks=off\n", data.display()))
        .unwrap();
    let tasks: Vec<String> = (0..10_000)
        .map(|i| {
            let status = if i < 9_000 { "completed" } else { "pending" };
            format!(
                r#"{{"description":"Circulate the capacity review {i}","status":"{status}","entry":"20200101T000000Z","end":"20200201T000000Z","due":"20260101T000000Z","project":"board","uuid":"{:08x}-0000-4000-8000-{:012x}"}}"#,
                i, i
            )
        })
        .collect();
    let import = dir.path().join("tasks.json");
    std::fs::write(&import, format!("[{}]", tasks.join(","))).unwrap();
    let task = |args: &[&str]| {
        let status = Command::new("task")
            .arg(format!("rc:{}", rc.display()))
            .args(args)
            .env("TASKRC", &rc)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .unwrap();
        assert!(status.success(), "task {args:?}");
    };
    task(&["import", import.to_str().unwrap()]);
    let task_add = time(30, || task(&["add", "Circulate the capacity review", "project:board", "due:2026-01-01"]));
    let task_next = time(30, || task(&["next"]));
    println!(
        "\n| side by side (whole processes, 10,000 items) | median | min – max | gavel ÷ taskwarrior |\n|---|---|---|---|"
    );
    println!("| `task add` | {:.2} ms | {:.2} – {:.2} ms | |", task_add.0, task_add.1, task_add.2);
    println!("| `gavel add` | {:.2} ms | {:.2} – {:.2} ms | {:.2} |", add.0, add.1, add.2, add.0 / task_add.0);
    println!("| `task next` | {:.2} ms | {:.2} – {:.2} ms | |", task_next.0, task_next.1, task_next.2);
    println!(
        "| `gavel status` | {:.2} ms | {:.2} – {:.2} ms | {:.2} |",
        status.0,
        status.1,
        status.2,
        status.0 / task_next.0
    );
}
