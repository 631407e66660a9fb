//! Ten and a hundred years of one board's history, side by side, with
//! taskwarrior alongside: `cargo bench --bench large` (several minutes).
//! The two workspaces come from `gavel::generate` (seed 1) with the same
//! open work; both are written as one actions.json, as an older gavel left
//! them, and the first `gavel add` archives them (timed on its own). Each
//! figure is the median of its runs, with the fastest and slowest; whole
//! processes are the release binary, spawned as a shell would.

use gavel::app::{App, Key, Msg, update};
use gavel::generate::{Size, generate};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use std::io::Read;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_gavel");

/// Median, fastest, slowest (ms) and the peak memory (MiB) and cores used
/// (CPU time ÷ wall time) of the slowest-memory run.
#[derive(Clone, Copy, Default)]
struct Timing {
    median: f64,
    min: f64,
    max: f64,
    peak_mib: f64,
    cores: f64,
}

fn summarise(mut ms: Vec<f64>, peak_mib: f64, cores: f64) -> Timing {
    ms.sort_by(f64::total_cmp);
    Timing { median: ms[ms.len() / 2], min: ms[0], max: ms[ms.len() - 1], peak_mib, cores }
}

/// The peak resident memory (MiB) of one more run, by GNU time: a child
/// forked from this large process would count its pages as its own.
fn peak_of(program: &str, args: &[&str], env: &[(&str, &str)]) -> f64 {
    let out = tempfile::NamedTempFile::new().unwrap();
    let ran = Command::new("/usr/bin/time")
        .args(["-f", "%M", "-o", out.path().to_str().unwrap(), program])
        .args(args)
        .envs(env.iter().copied())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    match ran {
        // The last line: a failing command's status comes first.
        Ok(_) => {
            let text = std::fs::read_to_string(out.path()).unwrap_or_default();
            text.lines().last().and_then(|l| l.trim().parse::<f64>().ok()).unwrap_or(0.0) / 1024.0
        }
        Err(_) => f64::NAN,
    }
}

/// Times a whole process `runs` times, with the CPU it used (wait4).
fn process(runs: usize, program: &str, args: &[&str], env: &[(&str, &str)]) -> Timing {
    let (mut ms, mut cores) = (Vec::new(), 0.0f64);
    for _ in 0..runs {
        let (wall, used) = once(program, args, env);
        ms.push(wall);
        cores = cores.max(used);
    }
    summarise(ms, peak_of(program, args, env), cores)
}

/// One run: its wall time (ms) and the cores it used (CPU time ÷ wall time).
// The child is reaped by wait4, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn once(program: &str, args: &[&str], env: &[(&str, &str)]) -> (f64, f64) {
    {
        let start = Instant::now();
        let child = Command::new(program)
            .args(args)
            .envs(env.iter().copied())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut status = 0;
        let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
        // SAFETY: waits for our own child; the rusage is written by the kernel.
        let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
        let wall = start.elapsed().as_secs_f64();
        assert!(pid > 0, "wait4");
        let cpu = |t: libc::timeval| t.tv_sec as f64 + t.tv_usec as f64 / 1e6;
        std::mem::forget(child);
        (wall * 1000.0, (cpu(usage.ru_utime) + cpu(usage.ru_stime)) / wall)
    }
}

const NOW: [(&str, &str); 1] = [("GAVEL_NOW", "2025-09-01T10:00:00+01:00")];

/// The same command on both workspaces, run by turns (ten, hundred, ten, …)
/// so that the load of a shared machine falls on both alike.
fn by_turns(runs: usize, ten: &Path, hundred: &Path, args: impl Fn(&str) -> Vec<String>) -> (Timing, Timing) {
    let args = |root: &Path| args(root.to_str().unwrap());
    let (a, b) = (args(ten), args(hundred));
    let (a, b): (Vec<&str>, Vec<&str>) =
        (a.iter().map(String::as_str).collect(), b.iter().map(String::as_str).collect());
    two_by_turns(runs, (BIN, &a, &NOW), (BIN, &b, &NOW))
}

/// A program, its arguments and environment.
type Run<'a> = (&'a str, &'a [&'a str], &'a [(&'a str, &'a str)]);

/// Two commands run by turns, `runs` times each: gavel and its peer side by
/// side meet the same machine load.
fn two_by_turns(runs: usize, a: Run, b: Run) -> (Timing, Timing) {
    let (mut ms, mut cores) = ([Vec::new(), Vec::new()], [0.0f64; 2]);
    for _ in 0..runs {
        for (i, (program, args, env)) in [a, b].into_iter().enumerate() {
            let (wall, used) = once(program, args, env);
            ms[i].push(wall);
            cores[i] = cores[i].max(used);
        }
    }
    let [ms_a, ms_b] = ms;
    (summarise(ms_a, peak_of(a.0, a.1, a.2), cores[0]), summarise(ms_b, peak_of(b.0, b.1, b.2), cores[1]))
}

fn gavel(runs: usize, args: &[&str]) -> Timing {
    process(runs, BIN, args, &NOW)
}

fn in_process(runs: usize, mut f: impl FnMut()) -> Timing {
    let ms = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    summarise(ms, 0.0, 0.0)
}

/// Everything timed on one workspace.
struct Board {
    megabytes: f64,
    rows: Vec<(&'static str, Timing)>,
}

fn size_of(root: &Path) -> u64 {
    std::fs::read_dir(root)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| if e.path().is_dir() { size_of(&e.path()) } else { e.metadata().map_or(0, |m| m.len()) })
                .sum()
        })
        .unwrap_or(0)
}

/// The peak memory of the first add on a copy of a one-file workspace.
fn first_add_peak(root: &Path) -> f64 {
    let copy = tempfile::tempdir().unwrap();
    let to = copy.path().join("w");
    assert!(Command::new("cp").arg("-a").arg(root).arg(&to).status().unwrap().success());
    peak_of(BIN, &["add", "-w", to.to_str().unwrap(), "Book the room @Scrum"], &NOW)
}

fn measure(ten: &Path, hundred: &Path) -> (Board, Board) {
    let mut rows: Vec<(&'static str, (Timing, Timing))> = Vec::new();
    let sizes = (size_of(ten) as f64 / 1e6, size_of(hundred) as f64 / 1e6);
    let args = |list: &'static [&'static str]| {
        move |w: &str| list.iter().map(|a| if *a == "W" { w.to_string() } else { a.to_string() }).collect::<Vec<_>>()
    };
    // Reading writes nothing: the one-file log is still whole here.
    rows.push((
        "`gavel status` on the one-file log (before its first write)",
        by_turns(5, ten, hundred, args(&["status", "-w", "W"])),
    ));
    // Its peak is its own, taken on a copy: `peak_of` runs a command once
    // more, and a second add finds the log archived already.
    let first_peaks = (first_add_peak(ten), first_add_peak(hundred));
    let (mut first10, mut first100) = by_turns(1, ten, hundred, args(&["add", "-w", "W", "Book the room @Scrum"]));
    (first10.peak_mib, first100.peak_mib) = first_peaks;
    rows.push(("first `gavel add` on the one-file log (archives it)", (first10, first100)));
    let in_process_both = |f: &dyn Fn(&Path) -> Timing| (f(ten), f(hundred));
    rows.push((
        "load_recent (in-process)",
        in_process_both(&|root| in_process(20, || drop(gavel::store::load_recent(root).unwrap()))),
    ));
    rows.push((
        "one frame, actions pane (in-process)",
        in_process_both(&|root| {
            let now = "2025-09-01T10:00:00+01:00".parse().unwrap();
            let mut app = App::new(gavel::store::load_recent(root).unwrap(), now, false);
            update(&mut app, Msg::Key(Key::Char('2')), now);
            in_process(100, || draw(&app))
        }),
    ));
    rows.push((
        "`gavel add` (durable)",
        by_turns(20, ten, hundred, args(&["add", "-w", "W", "Circulate the capacity review @Scrum due +2w"])),
    ));
    rows.push(("`gavel status`", by_turns(20, ten, hundred, args(&["status", "-w", "W"]))));
    rows.push(("`gavel actions`", by_turns(10, ten, hundred, args(&["actions", "-w", "W"]))));
    rows.push((
        "`gavel actions --all` (reads the archive)",
        by_turns(5, ten, hundred, args(&["actions", "-w", "W", "--all"])),
    ));
    rows.push((
        "`gavel export minutes` (latest held)",
        by_turns(10, ten, hundred, args(&["export", "minutes", "-w", "W"])),
    ));
    rows.push((
        "`gavel export minutes --meeting` (one of the first year)",
        by_turns(10, ten, hundred, |w| {
            let first = gavel::store::meeting_dates(Path::new(w))[0].to_string();
            vec!["export".into(), "minutes".into(), "-w".into(), w.into(), "--meeting".into(), first]
        }),
    ));
    rows.push((
        "`gavel export minutes --meeting` (five years back: the same meeting on both)",
        by_turns(10, ten, hundred, |w| {
            let dates = gavel::store::meeting_dates(Path::new(w));
            let last = *dates.last().unwrap();
            let back = dates.iter().rev().find(|d| (last - **d).num_days() >= 5 * 365).unwrap().to_string();
            vec!["export".into(), "minutes".into(), "-w".into(), w.into(), "--meeting".into(), back]
        }),
    ));
    rows.push(("first frame, TUI in a 120×40 pty", {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        for _ in 0..5 {
            a.push(first_frame(ten.to_str().unwrap(), 2));
            b.push(first_frame(hundred.to_str().unwrap(), 2));
        }
        (merge(a), merge(b))
    }));
    rows.push(("`gavel validate` (everything)", by_turns(4, ten, hundred, args(&["validate", "-w", "W"]))));
    let renamed_rows = (renamed(ten, 4), renamed(hundred, 3));
    rows.push(("`gavel validate`, one person renamed in gavel.json", renamed_rows));
    let split = |pick: fn(&(Timing, Timing)) -> Timing| rows.iter().map(|(w, t)| (*w, pick(t))).collect();
    (Board { megabytes: sizes.0, rows: split(|t| t.0) }, Board { megabytes: sizes.1, rows: split(|t| t.1) })
}

/// Several batches of first frames as one timing.
fn merge(batches: Vec<(Vec<f64>, f64)>) -> Timing {
    let peak = batches.iter().map(|(_, p)| *p).fold(0.0, f64::max);
    summarise(batches.into_iter().flat_map(|(ms, _)| ms).collect(), peak, 0.0)
}

/// The first person's initials changed in gavel.json alone, so every action,
/// meeting and risk of theirs names someone unknown; put back afterwards.
fn renamed(root: &Path, runs: usize) -> Timing {
    let board = root.join("gavel.json");
    let before = std::fs::read_to_string(&board).unwrap();
    let ws: serde_json::Value = serde_json::from_str(&before).unwrap();
    let initials = ws["people"][2]["initials"].as_str().unwrap().to_string();
    let after = before.replacen(&format!("\"initials\": \"{initials}\""), &format!("\"initials\": \"{initials}x\""), 1);
    std::fs::write(&board, after).unwrap();
    let out = Command::new(BIN).args(["validate", "-w", root.to_str().unwrap()]).output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!(
        "\n{} renamed: validate exits {:?} with {} lines ({} bytes) on stderr, first: {}",
        initials,
        out.status.code(),
        stderr.lines().count(),
        stderr.len(),
        stderr.lines().next().unwrap_or("")
    );
    let timing = gavel(runs, &["validate", "-w", root.to_str().unwrap()]);
    std::fs::write(&board, before).unwrap();
    timing
}

fn draw(app: &App) {
    let mut terminal = Terminal::new(TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| gavel::ui::render(app, frame)).unwrap();
}

/// From spawning gavel in a pseudo-terminal to its whole first frame on
/// screen, and the process's peak memory then. Ending it is not timed.
fn first_frame(w: &str, runs: usize) -> (Vec<f64>, f64) {
    let (mut ms, mut peak) = (Vec::new(), 0.0f64);
    for _ in 0..runs {
        let start = Instant::now();
        let pty =
            native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
        let mut cmd = CommandBuilder::new(BIN);
        cmd.args(["-w", w]);
        cmd.env("TERM", "xterm-256color");
        cmd.env("GAVEL_NOW", "2025-09-01T10:00:00+01:00");
        let mut reader = pty.master.try_clone_reader().unwrap();
        let mut child = pty.slave.spawn_command(cmd).unwrap();
        let mut seen = Vec::new();
        let mut buf = [0u8; 65536];
        // The footer's last hint is the last thing of the first frame written.
        while !String::from_utf8_lossy(&seen).contains("quit") {
            let n = reader.read(&mut buf).unwrap();
            assert!(n > 0, "gavel ended before its first frame: {}", String::from_utf8_lossy(&seen));
            seen.extend_from_slice(&buf[..n]);
        }
        ms.push(start.elapsed().as_secs_f64() * 1000.0);
        let pid = child.process_id().unwrap();
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
        let hwm = status.lines().find_map(|l| l.strip_prefix("VmHWM:")).map(|v| v.trim().trim_end_matches(" kB"));
        peak = peak.max(hwm.and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0) / 1024.0);
        child.kill().unwrap();
        let _ = child.wait();
    }
    (ms, peak)
}

/// taskwarrior holding as many tasks as the ten-year log, as many of them
/// pending as the log has open, with descriptions as long; then `task add`
/// and `gavel add`, `task next` and `gavel status`, each pair by turns.
fn taskwarrior(root: &Path) -> Option<(Timing, Timing, Timing, Timing, usize)> {
    if Command::new("task").arg("--version").output().is_err() {
        println!("\ntaskwarrior is not installed (apt-get install taskwarrior): no comparison");
        return None;
    }
    let ws = gavel::store::load(root).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let rc = dir.path().join("taskrc");
    let data = dir.path().join("data");
    std::fs::create_dir_all(&data).unwrap();
    std::fs::write(&rc, format!("data.location={}\nconfirmation=off\nverbose=nothing\nhooks=off\n", data.display()))
        .unwrap();
    let tasks: Vec<String> = ws
        .actions
        .actions
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let status = if a.status.is_closed() { "completed" } else { "pending" };
            let task = serde_json::json!({
                "description": a.text, "status": status, "entry": "20200101T000000Z", "end": "20200201T000000Z",
                "due": "20260101T000000Z", "project": "board", "uuid": format!("{i:08x}-0000-4000-8000-{i:012x}"),
            });
            task.to_string()
        })
        .collect();
    let pending = ws.actions.actions.iter().filter(|a| !a.status.is_closed()).count();
    let import = dir.path().join("tasks.json");
    std::fs::write(&import, format!("[{}]", tasks.join(","))).unwrap();
    let rc_arg = format!("rc:{}", rc.display());
    let env = [("TASKRC", rc.to_str().unwrap())];
    let task_args = |args: &[&'static str]| {
        let mut all = vec![rc_arg.as_str()];
        all.extend_from_slice(args);
        all
    };
    process(1, "task", &[rc_arg.as_str(), "import", import.to_str().unwrap()], &env);
    let w = root.to_str().unwrap();
    let task_add = task_args(&["add", "Circulate the capacity review", "project:board", "due:2026-01-01"]);
    let gavel_add = ["add", "-w", w, "Circulate the capacity review @Scrum due +2w"];
    let (tadd, gadd) = two_by_turns(30, ("task", &task_add, &env), (BIN, &gavel_add, &NOW));
    let (tnext, gstatus) = two_by_turns(20, ("task", &task_args(&["next"]), &env), (BIN, &["status", "-w", w], &NOW));
    Some((tadd, gadd, tnext, gstatus, pending))
}

fn cell(t: &Timing) -> String {
    format!("{:.1} ({:.1} – {:.1})", t.median, t.min, t.max)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let (ten, hundred) = (dir.path().join("ten"), dir.path().join("hundred"));
    generate(&ten, Size::TEN_YEARS).unwrap();
    generate(&hundred, Size::HUNDRED_YEARS).unwrap();
    let open = |root: &Path| {
        let ws = gavel::store::load(root).unwrap();
        let actions = ws.actions.actions.iter().filter(|a| !a.status.is_closed()).count();
        let risks = ws.risks.risks.iter().filter(|r| r.status == gavel::model::risk::RiskStatus::Open).count();
        (actions, ws.actions.actions.len(), risks, ws.risks.risks.len())
    };
    let (o10, o100) = (open(&ten), open(&hundred));
    println!("open actions / all: 10 years {} / {}, 100 years {} / {}", o10.0, o10.1, o100.0, o100.1);
    println!("open risks / all: 10 years {} / {}, 100 years {} / {}", o10.2, o10.3, o100.2, o100.3);
    let (a, b) = measure(&ten, &hundred);
    let tw = taskwarrior(&ten);
    println!("\nworkspace on disk: 10 years {:.1} MB, 100 years {:.1} MB (before archiving)", a.megabytes, b.megabytes);
    println!(
        "after the first add: actions.json {} bytes (10 years), {} bytes (100 years)",
        std::fs::metadata(ten.join("actions.json")).unwrap().len(),
        std::fs::metadata(hundred.join("actions.json")).unwrap().len()
    );
    println!(
        "\n| what (ms: median (min – max)) | 10 years | 100 years | 100 ÷ 10 | peak MiB 10 / 100 | cores 10 / 100 |\n|---|---|---|---|---|---|"
    );
    for ((what, t10), (_, t100)) in a.rows.iter().zip(&b.rows) {
        println!(
            "| {what} | {} | {} | {:.2} | {:.1} / {:.1} | {:.2} / {:.2} |",
            cell(t10),
            cell(t100),
            t100.median / t10.median,
            t10.peak_mib,
            t100.peak_mib,
            t10.cores,
            t100.cores
        );
    }
    let find = |board: &Board, what: &str| board.rows.iter().find(|(w, _)| w.starts_with(what)).unwrap().1;
    let clean = (find(&a, "`gavel validate` (every"), find(&b, "`gavel validate` (every"));
    let renamed = (find(&a, "`gavel validate`, one"), find(&b, "`gavel validate`, one"));
    println!(
        "\nvalidate per MB: 10 years {:.2} ms/MB, 100 years {:.2} ms/MB; renamed ÷ clean: {:.2} (10 years), {:.2} (100 years)",
        clean.0.median / a.megabytes,
        clean.1.median / b.megabytes,
        renamed.0.median / clean.0.median,
        renamed.1.median / clean.1.median
    );
    if let Some((add, gadd, next, gstatus, pending)) = tw {
        println!(
            "\n| side by side, 10 years ({} tasks, {pending} pending), by turns | median (min – max) ms | gavel ÷ taskwarrior |\n|---|---|---|",
            o10.1
        );
        println!("| `task add` | {} | |", cell(&add));
        println!("| `gavel add` | {} | {:.2} |", cell(&gadd), gadd.median / add.median);
        println!("| `task next` | {} | |", cell(&next));
        println!("| `gavel status` | {} | {:.2} |", cell(&gstatus), gstatus.median / next.median);
    }
}
