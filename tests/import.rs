//! Spreadsheets of actions as people keep them, imported: their own
//! headers, `;` and Windows-1252, UTF-16, Excel-UK dates, empty rows and
//! columns, and refs a spreadsheet turned into dates.

mod common;

use common::{BIN, sample_copy, snapshot_files};
use gavel::model::{Action, ActionStatus, Deadline};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn gavel(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env("GAVEL_NOW", "2024-03-07T09:00:00+00:00").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn import(root: &Path, file: &Path, extra: &[&str]) -> Output {
    gavel(&[&["import", "actions", file.to_str().unwrap(), "-w", root.to_str().unwrap()][..], extra].concat())
}

fn actions(root: &Path) -> Vec<Action> {
    gavel::store::load(root).unwrap().actions.actions
}

/// The minutes' table as its own spreadsheet: No, Item (an agenda item),
/// Action, Owner, Deadline; a wrapped cell quoted, as spreadsheets write it.
const ROWS: [[&str; 5]; 6] = [
    ["a.", "4", "Circulate the revised terms of reference to members", "CJ", "01.05.24"],
    ["b.", "4", "Invite the DfE advisors to the next meeting", "GB/PD", "April 2024"],
    ["c.", "5", "Refresh the SEND scorecard and share it with\npartners before the workshop", "SROs", "31/05/2024"],
    ["d.", "6", "Update the risk log with the new scores", "SEND Scrum", "14 June 2024"],
    ["e.", "7", "Report on the EHCP timeliness audit", "All members", "TBC"],
    ["f.", "7", "Chair the review panel", "\u{421}J", "15.07.24"],
];

fn sheet(separator: &str) -> String {
    let quote =
        |c: &str| if c.contains(['\n', ',', ';', '"']) { format!("\"{}\"", c.replace('"', "\"\"")) } else { c.into() };
    let mut out = format!("No{separator}Item{separator}Action{separator}Owner{separator}Deadline{separator}\r\n");
    for row in ROWS {
        let cells: Vec<String> = row.iter().map(|c| quote(c)).collect();
        // An extra empty column at the end, as a spreadsheet often leaves.
        out.push_str(&format!("{}{separator}\r\n", cells.join(separator)));
    }
    // Trailing empty rows.
    out.push_str(&format!("{0}{0}{0}{0}{0}\r\n{0}{0}{0}{0}{0}\r\n", separator));
    out
}

/// An action as the rows are checked: ref, text, owners, deadline, status.
type Seen = (String, String, Vec<String>, Option<Deadline>, ActionStatus);

fn assert_the_rows(root: &Path) {
    let on = |d: &str| Some(Deadline::On(d.parse().unwrap()));
    let got: Vec<Seen> = actions(root).into_iter().map(|a| (a.reference, a.text, a.owners, a.due, a.status)).collect();
    let want = [
        ("a", "Circulate the revised terms of reference to members", vec!["CJ"], on("2024-05-01")),
        ("b", "Invite the DfE advisors to the next meeting", vec!["GB", "PD"], on("2024-04-30")),
        (
            "c",
            "Refresh the SEND scorecard and share it with\npartners before the workshop",
            vec!["SROs"],
            on("2024-05-31"),
        ),
        ("d", "Update the risk log with the new scores", vec!["Scrum"], on("2024-06-14")),
        ("e", "Report on the EHCP timeliness audit", vec!["All"], Some(Deadline::Tbc)),
        ("f", "Chair the review panel", vec!["CJ"], on("2024-07-15")),
    ];
    let want: Vec<_> = want
        .into_iter()
        .map(|(r, t, o, d)| {
            (r.to_string(), t.to_string(), o.into_iter().map(String::from).collect(), d, ActionStatus::Open)
        })
        .collect();
    assert_eq!(got, want);
}

#[test]
fn the_minutes_table_as_a_csv_with_its_own_headers() {
    let (dir, root) = common::board_for_the_table();
    let file = dir.path().join("minutes.csv");
    std::fs::write(&file, sheet(",")).unwrap();
    let dry = import(&root, &file, &["--dry-run"]);
    assert!(text(&dry.stdout).contains("would import 6 rows"), "{}{}", text(&dry.stdout), text(&dry.stderr));
    assert!(actions(&root).is_empty(), "--dry-run writes nothing");
    let out = import(&root, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let said = text(&out.stdout);
    assert!(said.contains("imported 6 rows") && said.contains("0 changed, 0 unchanged, 6 new"), "{said}");
    assert!(said.contains("columns not read: Item"), "{said}");
    let warned = text(&out.stderr);
    assert!(warned.contains("row 7: \"СJ\" has look-alike letters (Cyrillic С): read as CJ"), "{warned}");
    assert_the_rows(&root);
}

#[test]
fn semicolons_and_windows_1252() {
    let (dir, root) = common::board_for_the_table();
    let file = dir.path().join("minutes.csv");
    // The Cyrillic owner cannot be written in Windows-1252: the register's own initials instead.
    let csv = sheet(";")
        .replace('\u{421}', "C")
        .replace("Chair the review panel", "Chair the caf\u{e9}\u{2019}s review panel");
    let bytes: Vec<u8> = csv
        .chars()
        .map(|c| match c {
            '\u{2019}' => 0x92,
            c => u8::try_from(u32::from(c)).expect("Latin-1"),
        })
        .collect();
    assert!(std::str::from_utf8(&bytes).is_err(), "the file is not UTF-8");
    std::fs::write(&file, bytes).unwrap();
    let out = import(&root, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("read as Windows-1252 text, cells separated by semicolons"));
    let last = actions(&root).pop().unwrap();
    assert_eq!(last.text, "Chair the caf\u{e9}\u{2019}s review panel");
}

#[test]
fn utf16_as_excel_saves_unicode_text() {
    let (dir, root) = common::board_for_the_table();
    let file = dir.path().join("minutes.txt");
    let mut bytes = vec![0xff, 0xfe];
    for unit in sheet("\t").encode_utf16() {
        bytes.extend(unit.to_le_bytes());
    }
    std::fs::write(&file, bytes).unwrap();
    let out = import(&root, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("read as UTF-16 text, cells separated by tabs"));
    assert_the_rows(&root);
}

#[test]
fn excel_uk_dates_a_blank_status_and_a_blank_owner() {
    let (dir, root) = common::board_for_the_table();
    let file = dir.path().join("log.csv");
    let csv = "Ref,Action,Owner,Deadline,Status,Updates,Closed\r\n\
        A1,Book the room,CJ,10/02/2022,done,\"6 Jan 2022: asked the venue\n20/01/2022: booked\",10/01/2022\r\n\
        A2,Send the papers,,01.05.24,,,\r\n";
    std::fs::write(&file, csv).unwrap();
    let out = import(&root, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).contains("row 3: no owner"), "a blank owner is warned: {}", text(&out.stderr));
    let log = actions(&root);
    let date = |d: &str| d.parse::<chrono::NaiveDate>().unwrap();
    assert_eq!(log[0].closed, Some(date("2022-01-10")));
    assert_eq!(log[0].due, Some(Deadline::On(date("2022-02-10"))));
    let updates: Vec<_> = log[0].updates.iter().map(|u| (u.date, u.text.as_str())).collect();
    assert_eq!(updates, [(date("2022-01-06"), "asked the venue"), (date("2022-01-20"), "booked")]);
    assert_eq!((log[1].status, log[1].owners.is_empty()), (ActionStatus::Open, true));
}

/// "2022/01" … "2022/13": a spreadsheet shows the first twelve as dates
/// ("Jan-22") and saves them so.
fn month_refs() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = sample_copy();
    let path = root.join("actions.json");
    let mut log = std::fs::read_to_string(&path).unwrap();
    for n in (1..=13).rev() {
        log = log.replace(&format!("\"ref\": \"A{n}\""), &format!("\"ref\": \"2022/{n:02}\""));
    }
    std::fs::write(&path, log).unwrap();
    (dir, root)
}

fn mangled(csv: &str) -> String {
    let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    let mut out = csv.to_string();
    for (n, month) in months.iter().enumerate() {
        out = out.replace(&format!("\r\n2022/{:02},", n + 1), &format!("\r\n{month}-22,"));
    }
    out
}

#[test]
fn refs_a_spreadsheet_turned_into_dates_come_back_as_themselves() {
    let (dir, root) = month_refs();
    let w = root.to_str().unwrap();
    let csv = mangled(&text(&gavel(&["export", "actions", "-w", w]).stdout));
    assert!(csv.contains("\r\nJan-22,") && csv.contains("\r\n2022/13,"), "{csv}");
    let file = dir.path().join("log.csv");
    std::fs::write(&file, &csv).unwrap();
    let before = snapshot_files(&root);
    let out = import(&root, &file, &[]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("13 unchanged, 0 new"), "{}", text(&out.stdout));
    assert!(text(&out.stderr).contains("Ref \"Jan-22\" read as 2022/01, as exported"), "{}", text(&out.stderr));
    assert_eq!(snapshot_files(&root), before, "no duplicates: nothing changed");

    // Without the fingerprints the date-like refs are refused, not added again.
    let bare: String =
        csv.split("\r\n").map(|l| l.rsplit_once(',').map_or(l, |(keep, _)| keep)).collect::<Vec<_>>().join("\r\n");
    std::fs::write(&file, bare).unwrap();
    let out = import(&root, &file, &[]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Ref \"Jan-22\" looks like a date a spreadsheet made of a ref"),
        "{}",
        text(&out.stderr)
    );
    assert!(text(&out.stdout).contains("12 bad rows not imported"), "{}", text(&out.stdout));
    assert_eq!(actions(&root).len(), 13, "no duplicates");
}

/// Runs gavel to its end and gives its exit code and its own peak
/// resident memory in KiB (`wait4` reports the child waited for, whatever
/// other tests run alongside).
// Reaped by wait4, which std's `wait` cannot stand in for: it gives no rusage.
#[allow(clippy::zombie_processes)]
fn run_with_peak(command: &mut Command) -> (i32, i64) {
    let child = command.spawn().unwrap();
    let pid = libc::pid_t::try_from(child.id()).unwrap();
    let mut status = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "{}", std::io::Error::last_os_error());
    (libc::WEXITSTATUS(status), usage.ru_maxrss)
}

/// A sheet as a board keeps one, `rows` long, written into `dir`.
fn long_sheet(dir: &Path, rows: usize, saved: common::sheet::Saved) -> PathBuf {
    let file = dir.join(format!("{rows}-{saved:?}.csv"));
    let mut out = std::io::BufWriter::new(std::fs::File::create(&file).unwrap());
    common::sheet::write(&mut out, rows, saved).unwrap();
    std::io::Write::flush(&mut out).unwrap();
    file
}

/// The sheet is read and checked a row at a time: the dry run of 20,000
/// rows peaks at about what 2,000 do. (Read whole, a sheet cost 1.3 KiB a
/// row: this debug build's dry run of 2,000 rows peaked at 16 MiB and of
/// 30,000 at 50 MiB.) What is still kept for every row is its ref, about
/// 20 bytes, to tell a ref used twice.
#[test]
fn a_long_sheet_is_read_a_row_at_a_time() {
    let (dir, root) = sample_copy();
    let peak = |rows: usize, saved| {
        let file = long_sheet(dir.path(), rows, saved);
        let said = dir.path().join(format!("{rows}-{saved:?}.out"));
        let (code, kib) = run_with_peak(
            Command::new(BIN)
                .args(["import", "actions", file.to_str().unwrap(), "-w", root.to_str().unwrap(), "--dry-run"])
                .env("GAVEL_NOW", "2024-03-07T09:00:00+00:00")
                .stdout(std::fs::File::create(&said).unwrap())
                .stderr(std::process::Stdio::null()),
        );
        let said = std::fs::read_to_string(said).unwrap();
        assert_eq!(code, 0, "{said}");
        assert!(said.starts_with(&format!("would import {rows} rows")), "{said}");
        kib
    };
    use common::sheet::Saved::Utf8;
    let (small, long) = std::thread::scope(|s| {
        let small = s.spawn(|| peak(2_000, Utf8));
        let long = peak(20_000, Utf8);
        (small.join().unwrap(), long)
    });
    eprintln!("peak resident memory: 2,000 rows {small} KiB; 20,000 rows {long} KiB");
    assert!(long < small * 3 / 2 + 4 * 1024, "20,000 rows peaked at {long} KiB, 2,000 rows at {small} KiB");
    let said = std::fs::read_to_string(dir.path().join("20000-Utf8.out")).unwrap();
    assert!(said.contains("\n  … and 19,000 more changes\n--dry-run: nothing was written\n"), "{said}");
    assert!(said.contains("  new S1000: "), "the first thousand changes are shown");
}

/// A sheet of many bad rows names the first thousand and counts the rest;
/// one from a pipe is read like a file.
#[test]
fn many_bad_rows_are_counted_and_a_sheet_comes_through_a_pipe() {
    let (dir, root) = sample_copy();
    let file = dir.path().join("bad.csv");
    std::fs::write(&file, format!("Action,Owner\r\n{}", "Book the room,XX\r\n".repeat(1_005))).unwrap();
    let out = import(&root, &file, &["--dry-run"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert_eq!(err.lines().filter(|l| l.contains("\"XX\" is not in the people register")).count(), 1_000, "{err}");
    assert!(err.contains("row 1001: Owner") && !err.contains("row 1002: "), "{err}");
    assert!(err.contains("… and 5 more bad rows\n") && err.contains("1005 bad row(s): nothing was imported"), "{err}");

    let file = long_sheet(dir.path(), 100, common::sheet::Saved::Windows1252);
    let out = import(&root, &file, &["--dry-run"]);
    let mut piped = Command::new(BIN)
        .args(["import", "actions", "/dev/stdin", "-w", root.to_str().unwrap(), "--dry-run"])
        .env("GAVEL_NOW", "2024-03-07T09:00:00+00:00")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = piped.stdin.take().unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let writer = std::thread::spawn(move || std::io::Write::write_all(&mut stdin, &bytes));
    let piped = piped.wait_with_output().unwrap();
    writer.join().unwrap().unwrap();
    let said = text(&out.stdout);
    assert!(said.contains("would import 100 rows") && said.contains("read as Windows-1252 text"), "{said}");
    assert_eq!(text(&piped.stdout).replace("/dev/stdin", "FILE"), said.replace(&file.display().to_string(), "FILE"));
}
