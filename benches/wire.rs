//! Bytes written to the terminal, and wake-ups, while gavel sits on screen:
//! the timer running, paused, then running over its time, in a 120x40
//! pseudo-terminal.
//!
//! `cargo bench --bench wire` (60 s per phase), or
//! `cargo bench --bench wire -- --seconds 10` for a quick look.

use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use std::io::{Read, Write};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let seconds: u64 =
        args.iter().position(|a| a == "--seconds").and_then(|i| args.get(i + 1)?.parse().ok()).unwrap_or(60);
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    gavel::store::init_workspace(&root, true, None, gavel::store::Sharing::Private).unwrap();

    let pty = native_pty_system().openpty(PtySize { rows: 40, cols: 120, pixel_width: 0, pixel_height: 0 }).unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_gavel"));
    cmd.args(["-w", root.to_str().unwrap()]);
    cmd.env("TERM", "xterm-256color");
    // On the meeting's own day, so space starts it without asking.
    cmd.env("GAVEL_NOW", "2022-03-03T10:00:00+00:00");
    let mut child = pty.slave.spawn_command(cmd).unwrap();
    drop(pty.slave);
    let pid = child.process_id().unwrap();
    let bytes = Arc::new(AtomicUsize::new(0));
    let mut reader = pty.master.try_clone_reader().unwrap();
    let counter = bytes.clone();
    std::thread::spawn(move || {
        let mut buf = [0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            counter.fetch_add(n, Ordering::Relaxed);
        }
    });
    let mut writer = pty.master.take_writer().unwrap();
    std::thread::sleep(Duration::from_secs(2));
    println!("first frames: {} bytes", bytes.load(Ordering::Relaxed));

    let mut phase = |name: &str, key: &[u8]| {
        writer.write_all(key).unwrap();
        writer.flush().unwrap();
        std::thread::sleep(Duration::from_secs(2));
        let (b0, w0, t0) = (bytes.load(Ordering::Relaxed), wakeups(pid), Instant::now());
        std::thread::sleep(Duration::from_secs(seconds));
        let (b1, w1, t) = (bytes.load(Ordering::Relaxed), wakeups(pid), t0.elapsed().as_secs_f64());
        println!(
            "{name}: {} bytes in {t:.1} s = {:.1} B/s; {} wake-ups = {:.2} /s",
            b1 - b0,
            (b1 - b0) as f64 / t,
            w1 - w0,
            (w1 - w0) as f64 / t
        );
    };
    phase("timer running", b" ");
    phase("timer paused ", b" ");
    // Resume and cut the item to one minute: it is over, its clock in red.
    phase("timer over   ", b" ----");
    writer.write_all(b"q").unwrap();
    let _ = child.wait();
}

/// Context switches of the process so far: each sleep that ends is one.
fn wakeups(pid: u32) -> u64 {
    let mut total = 0;
    for task in std::fs::read_dir(format!("/proc/{pid}/task")).unwrap().flatten() {
        let status = std::fs::read_to_string(task.path().join("status")).unwrap_or_default();
        for line in status.lines() {
            if let Some(n) = line.strip_prefix("voluntary_ctxt_switches:") {
                total += n.trim().parse::<u64>().unwrap_or(0);
            }
        }
    }
    total
}
