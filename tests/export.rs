//! Minutes and action-log exports, and importing a spreadsheet back.

mod common;

use common::{BIN, replace_in, sample_copy, snapshot_files};
use std::process::{Command, Output};

fn gavel(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env("GAVEL_NOW", "2022-03-10T09:00:00+00:00").output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The minutes of 6 January 2022 as the reference minutes have them: the
/// same items, start times, people and actions.
#[test]
fn markdown_minutes_of_the_sample_meeting() {
    let out = gavel(&["export", "minutes", "--meeting", "2022-01-06", "-w", "sample-data/southend-send"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let minutes = text(&out.stdout);
    insta::assert_snapshot!("minutes_2022_01_06_md", minutes);
    for start in [
        "10.03 1.",
        "10.06 2.",
        "10.12 3.",
        "10.24 4.",
        "11.30 5.",
        "11.40 6.",
        "11.45 7.",
        "11.50 8.",
        "12.00 9.",
        "12.05 10.",
        "12.07 11.",
        "12.10 Close",
    ] {
        assert!(minutes.contains(&format!("### {start}")), "{start} missing");
    }
    assert!(minutes.contains("**Agreed:** Board agreed with the Terms of Reference and signed these off."));
    assert_eq!(minutes.matches("**Action:**").count(), 13);
    assert!(minutes.contains("| Absent | Clare Costello |"));
}

#[test]
fn html_minutes_are_one_printable_page() {
    let out = gavel(&["export", "minutes", "--format", "html", "-w", "sample-data/southend-send"]);
    let html = text(&out.stdout);
    assert!(html.starts_with("<!doctype html>"));
    assert!(html.contains("@page { size: A4;"));
    assert!(!html.contains("<link") && !html.contains("<script"), "self-contained, no scripts");
    assert!(html.contains("<span class=\"time\">10.24</span> 4. Update from Peer Review"));
}

/// Hostile text in a note, a decision and an action stays text in both formats.
#[test]
fn hostile_text_is_escaped_in_both_formats() {
    let (_dir, root) = sample_copy();
    let meeting = root.join("meetings/2022-01-06.json");
    replace_in(
        &meeting,
        "MM requested clear version control of the risk log.",
        "<script>alert(\\\"x\\\")</script> & 'quotes' | pipe",
    );
    replace_in(
        &meeting,
        "Board agreed with the Terms of Reference and signed these off.",
        "# Not a heading *not bold*",
    );
    let w = root.to_str().unwrap();
    let html = text(&gavel(&["export", "minutes", "--format", "html", "--meeting", "2022-01-06", "-w", w]).stdout);
    assert!(html.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;quotes&#39; | pipe"), "{html}");
    assert!(!html.contains("<script>"));
    let md = text(&gavel(&["export", "minutes", "--meeting", "2022-01-06", "-w", w]).stdout);
    assert!(md.contains("\\<script\\>alert(\"x\")\\</script\\> & 'quotes' \\| pipe"), "{md}");
    assert!(md.contains("**Agreed:** \\# Not a heading \\*not bold\\*"));
}

#[test]
fn csv_round_trips_export_import_export() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let csv = root.join("../actions.csv");
    let first = gavel(&["export", "actions", "-w", w]).stdout;
    assert!(
        first.starts_with(
            "\u{feff}Ref,Action,Owner,Deadline,Status,RAG,Raised at,Updates,Closed,Exported\r\n".as_bytes()
        )
    );
    std::fs::write(&csv, &first).unwrap();
    let before = std::fs::read(root.join("actions.json")).unwrap();
    let import = gavel(&["import", "actions", csv.to_str().unwrap(), "-w", w]);
    assert_eq!(import.status.code(), Some(0), "{}", text(&import.stderr));
    assert_eq!(
        text(&import.stdout),
        format!("imported 13 rows from {}: 0 changed, 13 unchanged, 0 new\n", csv.display())
    );
    assert_eq!(gavel(&["export", "actions", "-w", w]).stdout, first, "export, import, export gives the same bytes");
    assert_eq!(std::fs::read(root.join("actions.json")).unwrap(), before, "and the same action log");
    // Into an empty board, the same spreadsheet adds every action.
    let empty = root.join("../empty");
    assert_eq!(gavel(&["init", empty.to_str().unwrap(), "--sample"]).status.code(), Some(0));
    std::fs::write(empty.join("actions.json"), "{\n  \"schema_version\": 1,\n  \"actions\": []\n}\n").unwrap();
    let added = gavel(&["import", "actions", csv.to_str().unwrap(), "-w", empty.to_str().unwrap()]);
    assert!(text(&added.stdout).contains("0 changed, 0 unchanged, 13 new"), "{}", text(&added.stderr));
}

/// The secretary exports the log, then marks A2 done with an update in
/// gavel; someone edits A4's owner and A5's deadline in the old sheet, and
/// A2's status too; the sheet comes back. Only the sheet's own edits land,
/// A2 keeps its closing and update, and the counts say so.
#[test]
fn a_stale_spreadsheet_reverts_nothing() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let csv = root.join("../old.csv");
    std::fs::write(&csv, gavel(&["export", "actions", "-w", w]).stdout).unwrap();
    // Meanwhile, in gavel: A2 done, with an update.
    let ws = gavel::store::load(&root).unwrap();
    let a2 = ws.actions.actions.iter().find(|a| a.reference == "A2").unwrap().clone();
    use gavel::model::change::{ActionEdit, Closure};
    let today = "2022-03-09".parse().unwrap();
    let done = ActionEdit::Status { was: Closure::of(&a2), now: Closure::set(gavel::model::ActionStatus::Done, today) };
    let update = gavel::model::action::Update { date: today, text: "Advisors confirmed".into() };
    for edit in [done, ActionEdit::AddUpdate(update)] {
        gavel::store::commit(&root, &gavel::model::Change::edit_action_named("A2", edit)).unwrap();
    }
    // In the old sheet: A4 to PD, A5 due 31 March, and A2 "in progress".
    let sheet = text(&std::fs::read(&csv).unwrap());
    let edited: Vec<String> = sheet
        .split("\r\n")
        .map(|line| match line.split(',').next() {
            Some("A4") => line.replacen(",BM,", ",PD,", 1),
            Some("A5") => line.replacen(",2022-02-28,", ",2022-03-31,", 1),
            Some("A2") => line.replacen(",open,", ",in progress,", 1),
            _ => line.to_string(),
        })
        .collect();
    std::fs::write(&csv, edited.join("\r\n")).unwrap();
    let import = gavel(&["import", "actions", csv.to_str().unwrap(), "-w", w]);
    assert_eq!(import.status.code(), Some(1), "a conflict is a refused change");
    assert_eq!(
        text(&import.stdout),
        format!("imported 13 rows from {}: 2 changed, 11 unchanged, 0 new, 1 conflict\n", csv.display())
    );
    assert!(
        text(&import.stderr)
            .contains("row 3: Status: changed in gavel since this file was exported (now done); not applied"),
        "{}",
        text(&import.stderr)
    );
    let after = gavel::store::load(&root).unwrap().actions.actions;
    let find = |r: &str| after.iter().find(|a| a.reference == r).unwrap().clone();
    let a2 = find("A2");
    assert_eq!((a2.status, a2.closed), (gavel::model::ActionStatus::Done, Some(today)), "A2 stays done");
    assert_eq!(a2.updates.last().unwrap().text, "Advisors confirmed", "its update stays");
    assert_eq!(find("A4").owners, vec!["PD".to_string()]);
    assert_eq!(find("A5").due, Some(gavel::model::Deadline::On("2022-03-31".parse().unwrap())));
}

/// A sheet typed by hand, with no Exported column, is taken row by row.
#[test]
fn a_sheet_without_fingerprints_imports_whole_rows_and_says_so() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let csv = root.join("../typed.csv");
    std::fs::write(
        &csv,
        "Ref,Action,Owner,Deadline,Status,RAG,Raised at,Updates,Closed\r\nA2,Invite the advisors,PD,2022-06-30,open,,,,\r\nB1,New from the sheet,GB,,open,,,,\r\n",
    )
    .unwrap();
    let import = gavel(&["import", "actions", csv.to_str().unwrap(), "-w", w]);
    assert_eq!(import.status.code(), Some(0), "{}", text(&import.stderr));
    let out = text(&import.stdout);
    assert!(out.contains("1 changed, 0 unchanged, 1 new"), "{out}");
    assert!(out.contains("1 row(s) had no Exported fingerprint"), "{out}");
}

#[test]
fn bad_rows_are_named_and_the_good_ones_imported_or_none_with_strict() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let csv = root.join("../bad.csv");
    let good = text(&gavel(&["export", "actions", "-w", w]).stdout);
    // One fault on each of four rows: rows 3 (A2), 6 (A5), 5 (A4) and 11 (A10).
    let bad: Vec<String> = good
        .split("\r\n")
        .map(|line| match line.split(',').next() {
            Some("A2") => line.replacen(",GB,", ",XX,", 1),
            Some("A5") => line.replacen(",2022-02-28,", ",31.02.22,", 1),
            Some("A4") => line.replacen("A4,", "A3,", 1),
            Some("A10") => line.replacen(",open,", ",someday,", 1),
            Some("A7") => line.replacen(",open,", ",done,", 1),
            _ => line.to_string(),
        })
        .collect();
    let bad = bad.join("\r\n");
    std::fs::write(&csv, bad).unwrap();
    let before = snapshot_files(&root);
    let faults = [
        "row 3: Owner: \"XX\" is not in the people register",
        "row 6: Deadline: 31.02.22 is not a real date",
        "row 5: Ref A3 is used twice (rows 4 and 5)",
        "row 11: Status: \"someday\" is not open, in progress, done or dropped",
    ];
    for dry in [&["--strict"][..], &["--dry-run"]] {
        let out = gavel(&[&["import", "actions", csv.to_str().unwrap(), "-w", w][..], dry].concat());
        assert_eq!(out.status.code(), Some(1));
        let err = text(&out.stderr);
        for says in faults {
            assert!(err.contains(says), "{says:?} missing from:\n{err}");
        }
        assert_eq!(snapshot_files(&root), before, "{dry:?}: nothing written");
    }
    let strict = gavel(&["import", "actions", csv.to_str().unwrap(), "-w", w, "--strict"]);
    assert!(text(&strict.stderr).contains("4 bad row(s) (--strict: all rows or none): nothing was imported"));
    let dry = gavel(&["import", "actions", csv.to_str().unwrap(), "-w", w, "--dry-run"]);
    let said = text(&dry.stdout);
    assert!(said.contains("would import 9 rows") && said.contains("1 changed") && said.contains("A7: "), "{said}");
    assert!(said.contains("4 bad rows not imported") && said.contains("--dry-run: nothing was written"), "{said}");
    // By default the good rows go in, the bad ones are named.
    let out = gavel(&["import", "actions", csv.to_str().unwrap(), "-w", w]);
    assert_eq!(out.status.code(), Some(1), "a bad row is still a failure to report");
    let said = text(&out.stdout);
    assert!(
        said.contains("imported 9 rows")
            && said.contains("1 changed, 8 unchanged, 0 new; 4 bad rows not imported (see above)"),
        "{said}"
    );
    let ws = gavel::store::load(&root).unwrap();
    let a7 = ws.actions.actions.iter().find(|a| a.reference == "A7").unwrap();
    assert_eq!(a7.status, gavel::model::ActionStatus::Done);
}

#[test]
fn cells_that_look_like_formulas_are_kept_as_text() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    replace_in(&root.join("actions.json"), "Send the presented risk log", "=HYPERLINK(\\\"x\\\") risk log");
    let csv = text(&gavel(&["export", "actions", "-w", w]).stdout);
    assert!(csv.contains("'=HYPERLINK(\"\"x\"\") risk log"), "{csv}");
    let file = root.join("../f.csv");
    std::fs::write(&file, &csv).unwrap();
    assert_eq!(gavel(&["import", "actions", file.to_str().unwrap(), "-w", w]).status.code(), Some(0));
    let ws = gavel::store::load(&root).unwrap();
    assert!(ws.actions.actions.iter().any(|a| a.text.starts_with("=HYPERLINK")), "the apostrophe comes off on import");
}

/// A UK spreadsheet writes dates back as "01.05.24", "April 2024" and
/// "30/04/2027", and one board letters its actions a to p: the import reads
/// them all, and the next action added continues the letters.
#[test]
fn an_import_reads_spreadsheet_dates_and_the_next_ref_continues_its_letters() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    std::fs::write(root.join("actions.json"), "{\"schema_version\": 1, \"actions\": []}\n").unwrap();
    let mut csv = String::from("Ref,Action,Owner,Deadline,Status,RAG,Raised at,Updates,Closed\r\n");
    let deadlines = ["01.05.24", "April 2024", "30/04/2027", "TBC", "ongoing", "next meeting", "2022-03-03", ""];
    for (i, letter) in ('a'..='p').enumerate() {
        csv.push_str(&format!("{letter},Action {letter},GB,{},open,,,,\r\n", deadlines[i % deadlines.len()]));
    }
    let file = root.join("../letters.csv");
    std::fs::write(&file, csv).unwrap();
    let out = gavel(&["import", "actions", file.to_str().unwrap(), "-w", w]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ws = gavel::store::load(&root).unwrap();
    let due = |r: &str| ws.actions.actions.iter().find(|a| a.reference == r).unwrap().due.map(|d| d.short());
    assert_eq!(due("a").as_deref(), Some("1 May 2024"));
    assert_eq!(due("b").as_deref(), Some("30 Apr 2024"));
    assert_eq!(due("c").as_deref(), Some("30 Apr 2027"));
    assert_eq!(due("d").as_deref(), Some("TBC"));
    assert_eq!(due("e").as_deref(), Some("ongoing"));
    assert_eq!(due("f").as_deref(), Some("next meeting"));
    let added = gavel(&["add", "-w", w, "Circulate the tracker @GB due 1 May 2030"]);
    assert!(text(&added.stdout).starts_with("q saved"), "{}{}", text(&added.stdout), text(&added.stderr));
}
