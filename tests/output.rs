//! Every text that leaves gavel goes through its destination's sanitiser:
//! the terminal, JSON, iCalendar, CSV, Markdown, HTML and docx, each tested
//! with the same hostile corpus (tests/common/corpus.rs).

mod common;
use common::corpus::{HOSTILE, poison, raw_controls};
use common::{BIN, Session, sample_copy};
use std::path::Path;
use std::process::{Command, Output};

const NOW: (&str, &str) = ("GAVEL_NOW", "2022-02-20T09:30:00+00:00");

fn gavel(args: &[&str]) -> Output {
    let out = Command::new(BIN).args(args).env(NOW.0, NOW.1).output().unwrap();
    assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out
}

/// Plain output, and every export sent to a terminal (their default is
/// standard output): the corpus is shown as stand-ins, never run.
#[test]
fn the_terminal_gets_stand_ins() {
    let (_dir, root) = sample_copy();
    poison(&root);
    let w = root.to_str().unwrap();
    for args in [["status", "-w", w].as_slice(), &["actions", "--all", "-w", w], &["people", "-w", w]] {
        assert_eq!(raw_controls(&gavel(args).stdout), Vec::<&str>::new(), "{args:?}");
    }
    for args in [
        ["export", "actions", "-w", w].as_slice(),
        &["export", "actions", "--format", "md", "-w", w],
        &["export", "calendar", "-w", w],
        &["export", "minutes", "--meeting", "2022-01-06", "-w", w],
    ] {
        let mut s = Session::start(args, 200, 50, &[NOW]);
        assert!(s.wait_all_output(), "{args:?}:\n{}", s.screen());
        let raw = s.raw.lock().unwrap().clone();
        assert!(raw.len() > 500, "{args:?} wrote its document");
        // The terminal turns each LF into CR LF (CRLF into CR CR LF): its CRs are not the data's.
        let found: Vec<_> = raw_controls(&raw).into_iter().filter(|f| *f != "a bare CR").collect();
        assert_eq!(found, Vec::<&str>::new(), "{args:?}: {}", String::from_utf8_lossy(&raw));
        assert!(String::from_utf8_lossy(&raw).contains('␛'), "{args:?}: the stand-ins are shown");
    }
}

/// Every `--json` output escapes C0 and C1 controls, bidi overrides and
/// line separators as \uXXXX; a script reads back the very text.
#[test]
fn json_escapes_every_control() {
    let (_dir, root) = sample_copy();
    let ws = poison(&root);
    let w = root.to_str().unwrap();
    let typed = format!("{} @GB due 1.5.22", HOSTILE[3..6].join(" ").replace('\x1b', ""));
    for args in [
        ["status", "--json", "-w", w].as_slice(),
        &["actions", "--json", "--all", "-w", w],
        &["add", "--json", "-w", w, &typed],
        &["validate", "--json", "-w", w],
    ] {
        let out = gavel(args);
        assert_eq!(raw_controls(&out.stdout), Vec::<&str>::new(), "{args:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(!text.chars().any(|c| c.is_control() && c != '\n'), "{args:?}: {text}");
        serde_json::from_str::<serde_json::Value>(&text).unwrap_or_else(|e| panic!("{args:?}: {e}\n{text}"));
    }
    let out = gavel(&["actions", "--json", "--all", "-w", w]);
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let texts: Vec<&str> = value["actions"].as_array().unwrap().iter().map(|a| a["text"].as_str().unwrap()).collect();
    assert!(ws.actions.actions.iter().all(|a| texts.contains(&a.text.as_str())), "the same text, escaped");
}

/// The calendar: every value escaped as RFC 5545 TEXT (NAME too), no
/// control passes, and the board name's CR LF makes no event of its own.
#[test]
fn the_calendar_escapes_every_value() {
    use icalendar::Component;
    let (dir, root) = sample_copy();
    let ws = poison(&root);
    let file = dir.path().join("board.ics");
    gavel(&["export", "calendar", "-w", root.to_str().unwrap(), "-o", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(raw_controls(&bytes), Vec::<&str>::new());
    let ics = String::from_utf8(bytes).unwrap();
    assert!(!ics.contains("\r\nBEGIN:VEVENT\r\nSUMMARY:injected"), "{ics}");
    let calendar: icalendar::Calendar =
        icalendar::parser::read_calendar(&icalendar::parser::unfold(&ics)).expect("the calendar parses").into();
    let planned = ws.meetings.iter().filter(|m| m.journal.is_empty()).count();
    // Deadlines are all-day events: the open actions with a date.
    let ctx = ws.rag_context(chrono::NaiveDate::from_ymd_opt(2022, 3, 3).unwrap());
    let open = ws.actions.actions.iter().filter(|a| !a.status.is_closed() && a.due_date(&ctx).is_some()).count();
    let (mut events, mut todos) = (0, 0);
    for component in &calendar.components {
        match component {
            icalendar::CalendarComponent::Event(e) => {
                events += 1;
                assert_ne!(e.get_summary(), Some("injected"));
            }
            icalendar::CalendarComponent::Todo(_) => todos += 1,
            other => panic!("no other component: {other:?}"),
        }
    }
    assert_eq!((events, todos), (planned + open, 0), "{ics}");
    for key in ["NAME", "X-WR-CALNAME"] {
        let name = calendar.property_value(key).unwrap();
        assert!(name.starts_with("crlf ␍\nBEGIN:VEVENT␍\nSUMMARY:injected"), "{key}: {name:?}");
    }
}

/// The sheet: stand-ins for controls, formulas kept as text, and the file
/// imports back with nothing changed.
#[test]
fn the_sheet_guards_formulas_and_controls() {
    let (dir, root) = sample_copy();
    poison(&root);
    let (w, file) = (root.to_str().unwrap(), dir.path().join("actions.csv"));
    gavel(&["export", "actions", "-w", w, "-o", file.to_str().unwrap()]);
    let bytes = std::fs::read(&file).unwrap();
    assert_eq!(raw_controls(&bytes), Vec::<&str>::new());
    let text = String::from_utf8(bytes).unwrap();
    assert!(text.contains("'=HYPERLINK(") && !text.contains(",=HYPERLINK("), "{text}");
    let out = gavel(&["import", "actions", "-w", w, file.to_str().unwrap()]);
    assert!(String::from_utf8_lossy(&out.stdout).contains(" 0 changed"), "{}", String::from_utf8_lossy(&out.stdout));
}

/// The minutes in Markdown, HTML and Word carry no control either.
#[test]
fn the_minutes_carry_no_control_in_any_format() {
    let (dir, root) = sample_copy();
    poison(&root);
    let w = root.to_str().unwrap();
    for format in ["md", "html", "docx"] {
        let file = dir.path().join(format!("minutes.{format}"));
        let path = file.to_str().unwrap();
        gavel(&["export", "minutes", "--meeting", "2022-01-06", "--format", format, "-w", w, "-o", path]);
        let bytes = if format == "docx" { document_xml(&file) } else { std::fs::read(&file).unwrap() };
        assert_eq!(raw_controls(&bytes), Vec::<&str>::new(), "{format}");
        assert!(String::from_utf8_lossy(&bytes).contains('␛'), "{format}: the stand-ins are there");
        if format == "html" {
            assert!(!String::from_utf8_lossy(&bytes).contains("<a href"), "no link from the data");
        }
    }
}

/// The PDF minutes too: their text, as poppler reads it, has no control;
/// the font has no control pictures, so each stand-in shows as □.
#[test]
fn the_pdf_minutes_carry_no_control() {
    let (dir, root) = sample_copy();
    poison(&root);
    let file = dir.path().join("minutes.pdf");
    let (w, path) = (root.to_str().unwrap(), file.to_str().unwrap());
    gavel(&["export", "minutes", "--meeting", "2022-01-06", "--format", "pdf", "-w", w, "-o", path]);
    let text = common::pdftotext(&file);
    let text = text.replace(['\n', '\x0c'], " ");
    assert_eq!(raw_controls(text.as_bytes()), Vec::<&str>::new());
    assert!(text.contains('□'), "the stand-ins are there: {text}");
}

fn document_xml(path: &Path) -> Vec<u8> {
    common::docx_part(path, "word/document.xml").into_bytes()
}
