//! The minutes say the same facts in every format: the Markdown, the HTML
//! page, the Word document and the PDF (read by poppler's pdftotext) of the same meetings (draft, approved, with
//! matters arising, a deferred item, a guest, a declaration, a late arrival,
//! a deputy, an action closed at the meeting) each hold every fact of the
//! minutes model, as often as each other, in the same order.

mod common;

use common::sample_copy;
use gavel::model::attendance::{AttendanceEdit, Guest};
use gavel::model::meeting::{Declaration, NoteKind};
use gavel::model::minutes::Minutes;
use gavel::model::timer::Control;
use gavel::model::{AttendanceStatus, Change, Timestamp};
use std::path::Path;

const NOW: &str = "2022-03-10T09:00:00+00:00";
const MARCH: &str = "2022-03-03";

fn gavel(root: &Path, args: &[&str]) -> Vec<u8> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["-w", root.to_str().unwrap()])
        .args(args)
        .env("GAVEL_USER", "Test Secretary")
        .env("GAVEL_NOW", NOW)
        .output()
        .unwrap();
    assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    out.stdout
}

fn at(time: &str) -> Timestamp {
    format!("{MARCH}T{time}:00+00:00").parse().unwrap()
}

/// A change made in the room at `time`, as the secretary's screen stamps it.
fn commit(root: &Path, time: &str, change: Change) {
    let stamp = gavel::model::history::Stamp { at: at(time), by: "Test Secretary".into(), reason: None };
    gavel::store::commit_as(root, &change, &stamp).unwrap_or_else(|e| panic!("{change:?}: {e}"));
}

/// The March meeting, run: a guest, a declaration, a late arrival, a
/// deputy, apologies, notes, a decision, an action, a deferred item, the
/// close; and an action from January closed on the day.
fn run_march(root: &Path) {
    let meeting = MARCH.parse().unwrap();
    let timer = |control, time| Change::Timer { meeting, control, at: at(time) };
    let mark = |initials: &str, edit, time| Change::Attendance {
        meeting,
        initials: initials.into(),
        edit,
        at: at(time),
        was: None,
    };
    commit(root, "09:55", mark("MM", AttendanceEdit::Mark(AttendanceStatus::Present), "09:55"));
    commit(root, "09:55", mark("PD", AttendanceEdit::Mark(AttendanceStatus::Apologies), "09:55"));
    commit(root, "09:55", mark("KR", AttendanceEdit::Mark(AttendanceStatus::Apologies), "09:55"));
    commit(root, "09:55", mark("CM", AttendanceEdit::DeputyFor("KR".into()), "09:55"));
    for initials in ["AW", "BM", "GB", "JM", "CJ", "AK"] {
        commit(root, "09:56", mark(initials, AttendanceEdit::Mark(AttendanceStatus::Present), "09:56"));
    }
    let guest = Guest {
        name: "Dana Hurst".into(),
        job_title: "DfE adviser".into(),
        organisation: "DfE".into(),
        items: vec!["4".into()],
    };
    commit(root, "09:57", Change::AddGuest { meeting, guest, at: at("09:57") });
    let declaration = Declaration {
        id: Default::default(),
        initials: "JM".into(),
        item: "6".into(),
        interest: "Trustee of SEN Trust Southend".into(),
        withdrawn: true,
    };
    commit(root, "09:58", Change::Declare { meeting, declaration });
    commit(root, "10:01", timer(Control::StartOrPause, "10:01"));
    commit(root, "10:20", mark("JB", AttendanceEdit::Arrived(at("10:20")), "10:20"));
    let record = |kind, item: &str, text: &str, time| Change::Record {
        meeting,
        kind,
        item: item.into(),
        text: text.into(),
        at: at(time),
    };
    commit(root, "10:02", record(NoteKind::Note, "1", "MM welcomed the DfE adviser.", "10:02"));
    commit(root, "10:08", timer(Control::Next, "10:08"));
    commit(root, "10:10", record(NoteKind::Decision, "2", "The minutes of 6 January 2022 were agreed.", "10:10"));
    commit(root, "10:15", timer(Control::Next, "10:15"));
    commit(root, "10:16", timer(Control::Skip, "10:16"));
    commit(root, "10:50", timer(Control::Next, "10:50"));
    commit(
        root,
        "10:55",
        record(NoteKind::Note, "5", "Red areas are \"staffing\" & <data>.\nAmber: transport.", "10:55"),
    );
    let ws = gavel::store::load(root).unwrap();
    let draft =
        gavel::model::quickadd::parse("Circulate the red areas @GB due 31 March", &ws.board, &ws.date_context(meeting))
            .unwrap();
    let held = ws.meetings.iter().find(|m| m.date == meeting);
    let mut raised = gavel::model::action::Raised::numbered(meeting, Some("5".into()), held);
    raised.at = Some(at("10:56"));
    commit(root, "10:56", Change::AddAction { draft, raised: Some(raised) });
    commit(root, "11:58", timer(Control::End, "11:58"));
    let log = gavel::store::load(root).unwrap().actions;
    let a3 = log.actions.iter().find(|a| a.reference == "A3").unwrap();
    let done = gavel::model::change::Closure { status: gavel::model::ActionStatus::Done, closed: Some(meeting) };
    let edit = gavel::model::change::ActionEdit::Status { was: gavel::model::change::Closure::of(a3), now: done };
    commit(root, "11:30", Change::edit_action_named("A3", edit));
}

/// Every fact of the minutes, in order, in the words every format uses.
fn facts(m: &Minutes) -> Vec<String> {
    let mut facts = vec![m.board.clone(), m.title.clone(), m.when.clone(), m.location.clone(), m.status()];
    facts.push("Attendance".into());
    for (role, people) in &m.attendance {
        for (i, p) in people.iter().enumerate() {
            let name = if p.note.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.note) };
            let role = if i == 0 { role.as_str() } else { "" };
            facts.push(line(&[role, &name, &p.job_title, &p.organisation, &p.initials]));
        }
    }
    facts.push("Declarations of interest".into());
    if m.declarations.is_empty() {
        facts.push("None declared.".into());
    }
    facts.extend(m.declarations.iter().cloned());
    facts.push("Minutes".into());
    for item in &m.items {
        let status = item.status.as_deref().map_or(String::new(), |s| format!("({s})"));
        let time = item.time.as_deref().unwrap_or("");
        facts.push(line(&[time, &format!("{}. {}", item.number, item.title), &status]));
        facts.extend(item.notes.iter().cloned());
        facts.extend(item.decisions.iter().map(|d| format!("Agreed: {d}")));
        facts.extend(
            item.actions.iter().map(|a| format!("Action: {} — {}, {} ({})", a.text, a.owners, a.due, a.reference)),
        );
    }
    if let Some(close) = &m.close {
        facts.push(format!("{close} Close"));
        facts.extend(m.closing());
    }
    facts.extend(m.quorum.clone());
    facts.push("Actions".into());
    if m.actions.is_empty() {
        facts.push("No actions were raised.".into());
    }
    let rows = |rows: &[gavel::model::minutes::ActionRow]| -> Vec<String> {
        rows.iter().map(|a| line(&[&a.reference, &a.text, &a.owners, &a.due, &a.status])).collect()
    };
    facts.extend(rows(&m.actions));
    if !m.matters_arising.is_empty() {
        facts.extend(["Matters arising".to_string(), Minutes::ARISING.to_string()]);
        facts.extend(rows(&m.matters_arising));
    }
    if !m.closed_here.is_empty() {
        facts.push("Actions closed at this meeting".into());
        facts.extend(rows(&m.closed_here));
    }
    if let Some(next) = &m.next_meeting {
        facts.extend(["Date of next meeting".to_string(), next.clone()]);
    }
    facts.extend(m.signature().iter().map(|s| s.to_string()));
    facts.into_iter().map(|f| normal(&f)).filter(|f| !f.is_empty()).collect()
}

fn line(cells: &[&str]) -> String {
    cells.iter().filter(|c| !c.is_empty()).copied().collect::<Vec<_>>().join(" ")
}

/// Whitespace as one space: a line break, a cell edge or a tag is a gap.
fn normal(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The text a reader of the Markdown sees: marks and escapes gone.
fn markdown_text(md: &str) -> String {
    let mut out = String::new();
    for line in md.lines().filter(|l| !l.starts_with("|---")) {
        let line = line.trim_start_matches('#').trim_start();
        let line = line.strip_prefix("- ").unwrap_or(line);
        let mut chars = line.chars();
        while let Some(c) = chars.next() {
            match c {
                '\\' => out.extend(chars.next()),
                '*' => {}
                '|' => out.push(' '),
                c => out.push(c),
            }
        }
        out.push('\n');
    }
    normal(&out)
}

/// The text of the page's body: tags are gaps, entities their characters.
fn html_text(html: &str) -> String {
    let body = &html[html.find("<body>").expect("a body")..];
    let mut out = String::new();
    let mut in_tag = false;
    for c in body.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    let out = out.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#39;", "'");
    normal(&out.replace("&amp;", "&"))
}

/// The text of word/document.xml, paragraph by paragraph (cells included).
fn word_text(path: &Path) -> String {
    use quick_xml::events::Event;
    let xml = common::docx_part(path, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut out, mut in_text) = (String::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == b"w:br" => out.push(' '),
            Event::Text(t) if in_text => out.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => out.push_str(match r.decode().unwrap().as_ref() {
                "amp" => "&",
                "lt" => "<",
                "gt" => ">",
                "quot" => "\"",
                "apos" => "'",
                other => panic!("unexpected entity {other}"),
            }),
            Event::End(e) if e.name().as_ref() == b"w:p" => out.push(' '),
            Event::Eof => break,
            _ => {}
        }
    }
    normal(&out)
}

/// The text of a PDF as poppler reads it, in the order it was drawn, the
/// page numbers ("Page 2 of 5", each alone on its line) left out.
fn pdf_text(path: &Path) -> String {
    let text = common::pdftotext(path);
    let lines = text.lines().filter(|l| !common::is_page_number(l.trim()));
    normal(&lines.collect::<Vec<_>>().join("\n"))
}

/// The minutes of `date` in each format, as the text a reader sees.
fn exported(root: &Path, dir: &Path, date: &str, tag: &str) -> Vec<(&'static str, String)> {
    ["md", "html", "docx", "pdf"]
        .into_iter()
        .map(|format| {
            let file = dir.join(format!("{date}-{tag}.{format}"));
            gavel(root, &["export", "minutes", "--meeting", date, "--format", format, "-o", file.to_str().unwrap()]);
            let text = match format {
                "md" => markdown_text(&std::fs::read_to_string(&file).unwrap()),
                "html" => html_text(&std::fs::read_to_string(&file).unwrap()),
                "pdf" => pdf_text(&file),
                _ => word_text(&file),
            };
            (format, text)
        })
        .collect()
}

/// Each fact in each format, in order and as often as in the others; each
/// item's lead between its line and the next fact after its own.
fn assert_same_facts(root: &Path, dir: &Path, date: &str, tag: &str) -> Minutes {
    let ws = gavel::store::load(root).unwrap();
    let meeting = ws.meetings.iter().find(|m| m.date.to_string() == date).unwrap();
    let minutes = Minutes::for_meeting(&ws, meeting, NOW.parse().unwrap());
    let facts = facts(&minutes);
    let texts = exported(root, dir, date, tag);
    for (format, text) in &texts {
        let mut from = 0;
        for fact in &facts {
            let found = text[from..].find(fact.as_str());
            let at = found.unwrap_or_else(|| {
                panic!(
                    "{date} {tag} {format}: no {fact:?} after {:?}",
                    &text[..from].chars().rev().take(80).collect::<String>().chars().rev().collect::<String>()
                )
            });
            from += at + fact.len();
        }
        for item in &minutes.items {
            let title = format!("{}. {}", item.number, item.title);
            let start = text.find(&title).unwrap();
            let end = minutes
                .items
                .iter()
                .skip_while(|i| i.number != item.number)
                .nth(1)
                .map_or(text.len(), |next| text.find(&format!("{}. {}", next.number, next.title)).unwrap());
            assert!(
                text[start..end].contains(&item.lead),
                "{date} {format}: item {} has no lead {:?}",
                item.number,
                item.lead
            );
        }
    }
    for fact in &facts {
        let counts: Vec<(&str, usize)> = texts.iter().map(|(f, t)| (*f, t.matches(fact.as_str()).count())).collect();
        assert!(counts.windows(2).all(|w| w[0].1 == w[1].1), "{date} {tag}: {fact:?} said {counts:?} times");
    }
    minutes
}

#[test]
fn every_format_of_the_minutes_says_the_same_facts() {
    let (dir, root) = sample_copy();
    let jan = assert_same_facts(&root, dir.path(), "2022-01-06", "draft");
    assert_eq!(jan.status(), "Draft minutes");
    run_march(&root);
    let march = assert_same_facts(&root, dir.path(), MARCH, "draft");
    assert!(!march.matters_arising.is_empty() && !march.closed_here.is_empty(), "{march:#?}");
    assert!(march.declarations.iter().any(|d| d.contains("withdrew")), "{march:#?}");
    assert!(march.items.iter().any(|i| i.status.as_deref() == Some("deferred to the next meeting")), "{march:#?}");
    let notes: Vec<&str> = march.attendance.iter().flat_map(|(_, p)| p.iter().map(|p| p.note.as_str())).collect();
    assert!(
        notes.iter().any(|n| n.starts_with("arrived 10.20")) && notes.iter().any(|n| n.starts_with("deputising")),
        "{notes:?}"
    );
    assert!(march.attendance.iter().any(|(role, _)| role == "Apologies"), "{march:#?}");
    assert_eq!(march.closing().as_deref(), Some("The meeting closed at 11.58."));
    gavel(&root, &["minutes", "approve", "2022-01-06", "--on", MARCH, "--yes"]);
    gavel(&root, &["minutes", "approve", MARCH, "--on", "2022-03-10", "--yes"]);
    let jan = assert_same_facts(&root, dir.path(), "2022-01-06", "approved");
    assert_eq!(jan.status(), "Approved on 3 March 2022");
    assert_same_facts(&root, dir.path(), MARCH, "approved");
}
