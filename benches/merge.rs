//! The merge driver on a hundred years of one board's action log (issue
//! 26, point 7): `cargo bench --bench merge`. Three versions of the
//! generator's 100-year actions.json (60 MB, 100,000 actions, as an older
//! gavel left it in one file), one action's text changed on each side, and
//! the release binary run as git runs it (`gavel merge-driver %O %A %B %P`),
//! three times: wall time and peak memory (wait4's maximum resident set, as
//! `/usr/bin/time -v` reports it). The bar: ≤ 2 s and ≤ 50 MB.

use gavel::generate::{Size, generate};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;

const BIN: &str = env!("CARGO_BIN_EXE_gavel");

/// The log with the text of the action `reference` replaced.
fn edited(log: &[u8], reference: &str, text: &str) -> Vec<u8> {
    let log = std::str::from_utf8(log).unwrap();
    let at = log.find(&format!("\"ref\": \"{reference}\",")).unwrap();
    let start = at + log[at..].find("\"text\": \"").unwrap() + "\"text\": \"".len();
    let end = start + log[start..].find("\",\n").unwrap();
    format!("{}{text}{}", &log[..start], &log[end..]).into_bytes()
}

/// One run of the driver: wall seconds and peak resident memory (MiB).
// The child is reaped by wait4, which clippy cannot see.
#[allow(clippy::zombie_processes)]
fn run(dir: &Path) -> (f64, f64) {
    let start = Instant::now();
    let child = Command::new(BIN)
        .args(["merge-driver", "base.json", "ours.json", "theirs.json", "actions.json"])
        .current_dir(dir)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let (mut status, mut usage): (i32, libc::rusage) = (0, unsafe { std::mem::zeroed() });
    // SAFETY: waits for our own child; the rusage is written by the kernel.
    let pid = unsafe { libc::wait4(child.id() as i32, &mut status, 0, &mut usage) };
    assert!(pid > 0 && status == 0, "the driver failed ({status})");
    std::mem::forget(child);
    (start.elapsed().as_secs_f64(), usage.ru_maxrss as f64 / 1024.0)
}

fn main() {
    let dir = tempfile::tempdir().unwrap();
    let workspace = dir.path().join("board");
    generate(&workspace, Size::HUNDRED_YEARS).unwrap();
    let base = std::fs::read(workspace.join("actions.json")).unwrap();
    let ours = edited(&base, "A50000", "Edited on this laptop");
    let theirs = edited(&base, "A99990", "Edited on the other laptop");
    std::fs::write(dir.path().join("base.json"), &base).unwrap();
    std::fs::write(dir.path().join("theirs.json"), &theirs).unwrap();
    println!("actions.json: {:.1} MB, three versions, one action changed on each side", base.len() as f64 / 1e6);
    for n in 1..=3 {
        std::fs::write(dir.path().join("ours.json"), &ours).unwrap();
        let (seconds, mib) = run(dir.path());
        let merged = std::fs::read_to_string(dir.path().join("ours.json")).unwrap();
        assert!(merged.contains("Edited on this laptop") && merged.contains("Edited on the other laptop"));
        println!("run {n}: {seconds:.2} s, peak {mib:.1} MiB (bar: 2 s, 50 MB)");
    }
}
