//! Issue 20, through the real binary: shell completions and the man page,
//! `--version`, `--json` on actions, validate and add, the Word minutes
//! read back from the .docx, the calendar parsed back, the room's clock and
//! the mouse in a pseudo-terminal.

mod common;

use common::{BIN, Session, id_of, replace_in, sample_copy};
use std::path::Path;
use std::process::{Command, Output};

fn gavel(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("GAVEL_WORKSPACE")
        .env("GAVEL_NOW", "2022-03-03T09:30:00+00:00")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

fn json(out: &Output) -> serde_json::Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", text(&out.stdout)))
}

#[test]
fn completions_for_every_shell_ask_gavel_itself() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = gavel(&["completions", shell]);
        assert_eq!(out.status.code(), Some(0), "{shell}: {}", text(&out.stderr));
        let script = text(&out.stdout);
        assert!(script.contains("GAVEL_COMPLETE") && script.contains("gavel"), "{shell}: {script}");
    }
    assert_eq!(gavel(&["completions", "tcsh"]).status.code(), Some(2));
}

/// What bash's registration script runs at a Tab: the words so far, the
/// index of the one being completed. Candidates come back one a line.
fn complete(root: &Path, words: &[&str]) -> Vec<String> {
    let out = Command::new(BIN)
        .arg("--")
        .args(words)
        .current_dir(root)
        .env_remove("GAVEL_WORKSPACE")
        .env("GAVEL_COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_COMPLETE_COMP_TYPE", "9")
        .env("_CLAP_COMPLETE_SPACE", "true")
        .env("_CLAP_IFS", "\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    text(&out.stdout).split(['\n', '\u{b}']).filter(|l| !l.is_empty()).map(str::to_string).collect()
}

#[test]
fn completions_offer_the_workspaces_dates_refs_and_initials() {
    let (_dir, root) = sample_copy();
    let commands = complete(&root, &["gavel", ""]);
    assert!(commands.contains(&"export".to_string()) && commands.contains(&"remind".to_string()), "{commands:?}");
    assert!(!commands.iter().any(|c| c == "merge-driver"), "hidden commands are not offered: {commands:?}");
    assert_eq!(complete(&root, &["gavel", "m"]), ["man", "meeting", "minutes"]);
    assert_eq!(complete(&root, &["gavel", "merge"]), Vec::<String>::new(), "not even to its own prefix");
    assert_eq!(complete(&root, &["gavel", "export", "minutes", "--meeting", ""]), ["2022-03-03", "2022-01-06"]);
    assert_eq!(complete(&root, &["gavel", "agenda", "show", "2022-03"]), ["2022-03-03"]);
    assert_eq!(complete(&root, &["gavel", "report", "attendance", "--from", "2022-01"]), ["2022-01-06"]);
    let owners = complete(&root, &["gavel", "actions", "--owner", ""]);
    assert!(owners.iter().any(|o| o == "GB") && owners.iter().any(|o| o == "Scrum"), "{owners:?}");
    assert_eq!(complete(&root, &["gavel", "history", "A1"]), ["A10", "A11", "A13"]);
    // -w on the line is the workspace asked about, wherever gavel runs.
    let elsewhere =
        complete(Path::new("/"), &["gavel", "-w", root.to_str().unwrap(), "export", "calendar", "--owner", "C"]);
    assert!(elsewhere.iter().any(|o| o == "CMc"), "{elsewhere:?}");
}

#[test]
fn the_man_page_is_roff_with_every_command() {
    let out = gavel(&["man"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let page = text(&out.stdout);
    assert!(page.contains(".TH gavel 1"), "{}", &page[..200.min(page.len())]);
    for section in ["GAVEL EXPORT CALENDAR", "GAVEL EXPORT MINUTES", "GAVEL CLOCK", "GAVEL COMPLETIONS", "GAVEL ADD"] {
        assert!(page.contains(&format!(".SH \"{section}\"")), "no {section} section");
    }
    assert!(page.contains("docx"), "the minutes formats are listed");
    // Commands by the name they are typed with: no gavel-init(1) page is named.
    assert!(page.contains("\\fBgavel init\\fR") && !page.contains("(1)\n"), "no pages that do not exist");
    assert!(!page.contains("merge\\-driver") && !page.contains("merge-driver"), "hidden commands stay hidden");
    for section in [".SH ENVIRONMENT", ".SH \"EXIT STATUS\"", ".SH KEYS", ".SH COMMANDS"] {
        assert!(page.contains(section), "no {section}");
    }
    for word in ["GAVEL_WORKSPACE", "GAVEL_NOW", "GAVEL_USER", "NO_COLOR", "quick\\-add an action"] {
        assert!(page.contains(word), "the man page lacks {word}");
    }
}

/// Built from a git checkout (as CI is), the version names the commit.
#[test]
fn the_version_names_the_commit_when_built_from_git() {
    let out = gavel(&["--version"]);
    let version = text(&out.stdout);
    assert!(version.starts_with(&format!("gavel {}", env!("CARGO_PKG_VERSION"))), "{version}");
    let head =
        Command::new("git").args(["rev-parse", "--short", "HEAD"]).current_dir(env!("CARGO_MANIFEST_DIR")).output();
    match head {
        Ok(head) if head.status.success() => {
            let commit = text(&head.stdout).trim().to_string();
            assert!(version.contains(&format!("({commit})")), "{version} should name {commit}");
        }
        _ => assert_eq!(version.trim(), format!("gavel {}", env!("CARGO_PKG_VERSION"))),
    }
}

#[test]
fn actions_json_has_the_stable_fields() {
    let out = gavel(&["actions", "--json", "--owner", "GB", "-w", "sample-data/southend-send"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let value = json(&out);
    let actions = value["actions"].as_array().unwrap();
    assert!(!actions.is_empty());
    for a in actions {
        let keys: Vec<&str> = a.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(keys, ["closed", "due", "mark", "owners", "rag", "raised", "ref", "status", "text", "updates"]);
        assert!(a["owners"].as_array().unwrap().iter().any(|o| o == "GB"));
    }
    let a2 = actions.iter().find(|a| a["ref"] == "A2").expect("A2 is GB's");
    assert_eq!(a2["rag"], "red");
    assert_eq!(a2["due"], "2022-02-17");
    assert_eq!(a2["raised"]["meeting"], "2022-01-06");
}

#[test]
fn add_json_prints_the_saved_action() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let out = gavel(&["add", "--json", "-w", w, "Circulate the APP tracker @GB due 10 March"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let saved = json(&out);
    assert_eq!(saved["ref"], "A14");
    assert_eq!(saved["owners"], serde_json::json!(["GB"]));
    assert_eq!(saved["due"], "2022-03-10");
    assert_eq!(saved["status"], "open");
    assert_eq!(saved["warnings"], serde_json::json!([]), "nothing looked wrong");
    let mut saved = saved;
    for said in ["warnings", "notes"] {
        saved.as_object_mut().unwrap().remove(said);
    }
    let listed = json(&gavel(&["actions", "--json", "-w", w]));
    assert!(listed["actions"].as_array().unwrap().iter().any(|a| a == &saved), "the saved action is what is listed");
    // A refusal is not JSON on stdout: an exit code and a sentence on stderr.
    let refused = gavel(&["add", "--json", "-w", w, "Do it @ZZ"]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(refused.stdout.is_empty() && text(&refused.stderr).contains("ZZ"));
}

#[test]
fn validate_json_gives_problems_as_objects() {
    let ok = gavel(&["validate", "--json", "-w", "sample-data/southend-send"]);
    assert_eq!(ok.status.code(), Some(0));
    assert_eq!(json(&ok)["valid"], true);
    let (_dir, root) = sample_copy();
    replace_in(&root.join("risks.json"), &format!("\"owner\": {}", id_of(&root, "PD")), "\"owner\": \"ZZ\"");
    let out = gavel(&["validate", "--json", "-w", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let value = json(&out);
    assert_eq!(value["valid"], false);
    let problem = &value["problems"][0];
    assert_eq!(problem["file"], "risks.json");
    assert!(problem["line"].as_u64().unwrap() > 1 && problem["column"].as_u64().unwrap() > 0, "{problem}");
    assert!(problem["path"].as_str().unwrap().starts_with("risks["), "{problem}");
    assert!(problem["message"].as_str().unwrap().contains("ZZ"), "{problem}");
    let not_a_workspace = gavel(&["validate", "--json", "-w", "/"]);
    assert_eq!(not_a_workspace.status.code(), Some(2));
}

/// The paragraphs of word/document.xml, in order, each as its text.
fn docx_paragraphs(path: &Path) -> (Vec<String>, usize) {
    use quick_xml::events::Event;
    let xml = common::docx_part(path, "word/document.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut paragraphs, mut tables, mut current, mut in_text) = (Vec::new(), 0, String::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == b"w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == b"w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == b"w:br" => current.push('\n'),
            Event::Text(t) if in_text => current.push_str(&t.decode().unwrap()),
            Event::GeneralRef(r) if in_text => {
                let entity = r.decode().unwrap();
                current.push_str(match entity.as_ref() {
                    "amp" => "&",
                    "lt" => "<",
                    "gt" => ">",
                    "quot" => "\"",
                    "apos" => "'",
                    other => panic!("unexpected entity {other}"),
                });
            }
            Event::End(e) if e.name().as_ref() == b"w:p" => paragraphs.push(std::mem::take(&mut current)),
            Event::Start(e) if e.name().as_ref() == b"w:tbl" => tables += 1,
            Event::Eof => break,
            _ => {}
        }
    }
    (paragraphs, tables)
}

#[test]
fn word_minutes_read_back_in_the_shape_of_the_reference() {
    let (_dir, root) = sample_copy();
    // Untrusted text: markup and an escape sequence in a note stay text.
    let meeting = root.join("meetings/2022-01-06.json");
    replace_in(&meeting, "MM noted no apologies", "<b>MM</b> & \\u001b[2J noted no apologies");
    let file = root.join("minutes.docx");
    let out = gavel(&[
        "export",
        "minutes",
        "--meeting",
        "2022-01-06",
        "--format",
        "docx",
        "-o",
        file.to_str().unwrap(),
        "-w",
        root.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let (paragraphs, tables) = docx_paragraphs(&file);
    let has = |p: &str| paragraphs.iter().any(|x| x == p);
    let position =
        |p: &str| paragraphs.iter().position(|x| x == p).unwrap_or_else(|| panic!("no {p:?} in {paragraphs:#?}"));
    // Title block, then attendance by role, apologies and declarations, the items, the actions, the next meeting.
    // The board's name as it is spelt; its Heading 1 style prints it in capitals.
    assert_eq!(paragraphs[0], "Southend SEND Strategic Partnership Board");
    assert!(has("Thursday 6 January 2022, 10:00–12:00") && has("Via MS Teams") && has("Draft minutes"));
    assert_eq!(tables, 3, "attendance, the items and the actions are tables");
    let order = ["Attendance", "Declarations of interest", "Minutes", "Actions", "Date of next meeting"];
    let at: Vec<usize> = order.iter().map(|h| position(h)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "sections in order: {at:?}");
    let chair = position("Chair");
    assert_eq!(paragraphs[chair + 1], "Michael Marks");
    assert!(has("Deputy Chair") && has("Members") && has("Administration") && has("Carron Jacobs"));
    // Items: time, "N. Title", notes, decisions, actions, then the lead.
    let item4 = position("4. Update from Peer Review");
    assert_eq!(paragraphs[item4 - 1], "10.24");
    let lead = paragraphs[item4..].iter().position(|p| p == "Brin Martin").unwrap();
    assert!(paragraphs[item4..item4 + lead].iter().any(|p| p.starts_with("Action: ") && p.ends_with("(A5)")));
    assert!(has("Agreed: Board agreed with the Terms of Reference and signed these off."));
    assert!(has("12.10") && has("Close"));
    assert!(paragraphs.iter().any(|p| p.starts_with("The meeting was quorate")), "the quorum statement");
    let actions = position("Actions");
    assert_eq!(&paragraphs[actions + 1..actions + 6], ["Ref", "Action", "Owner", "Deadline", "Status"]);
    assert!(paragraphs[actions..].iter().any(|p| p == "A13"));
    assert_eq!(paragraphs[position("Date of next meeting") + 1], "Thursday 3 March 2022, 10:00, Via MS Teams");
    assert!(
        paragraphs.iter().any(|p| p.starts_with("<b>MM</b> & ␛[2J noted no apologies")),
        "workspace text stays text"
    );
}

fn parse_calendar(ics: &str) -> icalendar::Calendar {
    assert!(ics.lines().all(|l| l.len() <= 76), "lines are folded at 75 octets");
    let unfolded = icalendar::parser::unfold(ics);
    icalendar::parser::read_calendar(&unfolded).expect("the calendar parses").into()
}

#[test]
fn the_calendar_has_an_event_per_planned_meeting_and_per_deadline() {
    use icalendar::{Component, EventLike};
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let file = root.join("board.ics");
    let out = gavel(&["export", "calendar", "-o", file.to_str().unwrap(), "-w", w]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let ics = std::fs::read_to_string(&file).unwrap();
    assert!(ics.contains("\r\n"), "CRLF lines");
    let calendar = parse_calendar(&ics);
    assert_eq!(calendar.todos().count(), 0, "deadlines are events by default");
    let date = |m, d| chrono::NaiveDate::from_ymd_opt(2022, m, d).unwrap();
    let events: Vec<_> = calendar.events().collect();
    let open = json(&gavel(&["actions", "--json", "-w", w]))["actions"].as_array().unwrap().len();
    assert_eq!(events.len(), open + 1, "one event per dated open action, one for the March meeting");
    let a5 = events.iter().find(|t| t.get_summary().is_some_and(|s| s.starts_with("A5: "))).expect("A5");
    // All day: a DATE start and the next day as the (exclusive) end.
    assert_eq!(a5.get_start(), Some(date(2, 28).into()));
    assert_eq!(a5.get_end(), Some(date(3, 1).into()));
    assert_eq!(a5.get_uid(), Some("action-A5@southend-send-strategic-partnership-board.gavel"));
    assert_eq!(a5.property_value("TRANSP"), Some("TRANSPARENT"));
    let march = events.iter().find(|e| e.get_uid().is_some_and(|u| u.starts_with("meeting-"))).unwrap();
    // The board's 10:00 as an instant: in UTC, whatever zone reads it.
    let utc = |h| {
        chrono::DateTime::<chrono::Utc>::from_naive_utc_and_offset(
            date(3, 3).and_hms_opt(h, 0, 0).unwrap(),
            chrono::Utc,
        )
        .into()
    };
    assert_eq!(march.get_start(), Some(utc(10)));
    assert!(ics.contains("DTSTART:20220303T100000Z"), "{ics}");
    assert_eq!(march.get_end(), Some(utc(12)));
    assert_eq!(march.get_location(), Some("Via MS Teams"));
    let agenda = march.get_description().unwrap();
    assert!(agenda.contains("4. APP progress review with DfE and NHSE advisors — GB, 15 min"), "{agenda}");
    assert!(agenda.contains("paper 5a, 5b"), "{agenda}");
    // A board in New York meets at 10:00 there: 15:00 UTC in March.
    assert_eq!(gavel(&["board", "zone", "America/New_York", "-w", w]).status.code(), Some(0));
    let ny = parse_calendar(&text(&gavel(&["export", "calendar", "-w", w]).stdout));
    let start = ny.events().find(|e| e.get_uid().is_some_and(|u| u.starts_with("meeting-"))).unwrap().get_start();
    assert_eq!(start, Some(utc(15)));
    // To-dos when asked: one per open action, DUE on its deadline.
    let todos = parse_calendar(&text(&gavel(&["export", "calendar", "--deadlines", "todos", "-w", w]).stdout));
    assert_eq!(todos.todos().count(), open);
    assert_eq!(todos.events().count(), 1);
    let a5 = todos.todos().find(|t| t.get_summary().is_some_and(|s| s.starts_with("A5: "))).expect("A5");
    assert_eq!(a5.get_due(), Some(date(2, 28).into()));
    // Stable UIDs: a later export, after a change, names the same entries.
    assert_eq!(gavel(&["add", "-w", w, "Book the room @CJ due 1 April"]).status.code(), Some(0));
    let again = parse_calendar(&text(&gavel(&["export", "calendar", "-w", w]).stdout));
    let uids = |c: &icalendar::Calendar| c.events().map(|e| e.get_uid().unwrap().to_string()).collect::<Vec<_>>();
    let (before, after) = (uids(&calendar), uids(&again));
    assert!(before.iter().all(|u| after.contains(u)), "every entry keeps its UID");
    assert_eq!(after.len(), before.len() + 1);
    // One owner's deadlines; an unknown owner is refused.
    let gb = parse_calendar(&text(&gavel(&["export", "calendar", "--owner", "gb", "-w", w]).stdout));
    let deadlines = || gb.events().filter(|e| e.get_uid().is_some_and(|u| u.starts_with("action-")));
    assert!(deadlines().all(|t| t.get_description().unwrap().contains("GB (Gary Bloom)")));
    assert!(deadlines().count() >= 2 && deadlines().count() < open);
    assert_eq!(gavel(&["export", "calendar", "--owner", "ZZ", "-w", w]).status.code(), Some(1));
}

/// Starts the sample's March meeting in a chair's gavel, at the real time.
fn chair_starts_the_meeting(w: &str) -> Session {
    let mut chair = Session::start(&["-w", w], 120, 40, &[]);
    chair.wait_for("space starts the meeting");
    chair.send(" ");
    chair.wait_for("▶ 1 Welcome");
    chair
}

/// The sample's March meeting moved to today, so `gavel clock` shows it.
fn march_meeting_today(root: &Path) {
    let today = chrono::Local::now().date_naive().to_string();
    let old = root.join("meetings/2022-03-03.json");
    let new = root.join(format!("meetings/{today}.json"));
    replace_in(&old, "\"date\": \"2022-03-03\"", &format!("\"date\": \"{today}\""));
    std::fs::rename(old, new).unwrap();
}

#[test]
fn the_room_clock_follows_the_chair_at_80x24_and_200x60() {
    let (_dir, root) = sample_copy();
    march_meeting_today(&root);
    let w = root.to_str().unwrap();
    let mut chair = chair_starts_the_meeting(w);
    for (cols, rows) in [(80, 24), (200, 60)] {
        let mut clock = Session::start(&["clock", "-w", w], cols, rows, &[]);
        // The whole face, not its first line: a large frame may arrive in pieces.
        let face = [
            "Item 1 of 11",
            "Welcome, introductions and apologies",
            "Lead: Michael Marks",
            "left of 5 minutes",
            "Next: 2 Minutes of the last meeting",
            "At this pace:",
        ];
        clock.wait_until("the clock's face, the time in big figures", |screen| {
            face.iter().all(|text| screen.contains(text)) && screen.lines().filter(|l| l.contains("██")).count() >= 6
        });
        let screen = clock.screen();
        assert!(screen.lines().count() <= usize::from(rows));
        // The chair moves on; the room's clock follows within a second or so.
        chair.send("n");
        clock.wait_for("Item 2 of 11");
        clock.wait_for("Next: 3 Current perspective from partners");
        chair.send("b");
        clock.wait_for("Item 1 of 11");
        // Read-only: its keys change nothing; q ends it.
        let before = std::fs::read(root.join("actions.json")).unwrap();
        clock.send("ann q");
        assert!(clock.wait_exit());
        assert_eq!(std::fs::read(root.join("actions.json")).unwrap(), before);
    }
    chair.send("q");
    assert!(chair.wait_exit());
}

/// An SGR mouse report: button 0 is the left button, 64/65 the wheel.
fn mouse(button: u8, x: u16, y: u16) -> String {
    format!("\x1b[<{button};{};{}M\x1b[<{button};{};{}m", x + 1, y + 1, x + 1, y + 1)
}

#[test]
fn the_mouse_focuses_panes_selects_rows_and_scrolls() {
    let (_dir, root) = sample_copy();
    let mut s = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    s.wait_for("space starts the meeting");
    let raw = s.raw.lock().unwrap().clone();
    assert!(text(&raw).contains("\x1b[?1000h"), "clicks are reported");
    assert!(!text(&raw).contains("\x1b[?1003h"), "movement is not: Shift+drag and SSH stay quiet");
    // The actions pane is the lower left; its third row is at line 2 of it, below the header row.
    let screen = s.screen();
    let top = screen.lines().position(|l| l.contains(" 2 Actions")).expect("the actions pane");
    let third = screen.lines().nth(top + 4).unwrap().to_string();
    let reference = third.split_whitespace().nth(2).unwrap().to_string();
    s.send(&mouse(0, 10, top as u16 + 4));
    s.wait_for("┏ 2 Actions");
    // The selected action's details show under the list.
    s.wait_for(&format!("{reference} · "));
    // A click on a cell of the risk grid moves its cursor there: L1 I5 is the top left.
    let screen = s.screen();
    let risks_top = screen.lines().position(|l| l.contains("┌ 3 Risks")).unwrap();
    let risks_x = screen.lines().nth(risks_top).unwrap().chars().position(|c| c == '┌').unwrap();
    let risks_x =
        screen.lines().nth(risks_top).unwrap().chars().skip(risks_x + 1).position(|c| c == '┌').unwrap() + risks_x + 1;
    s.send(&mouse(0, risks_x as u16 + 5, risks_top as u16 + 1));
    s.wait_for("┏ 3 Risks");
    s.wait_for("5 moderate: L1 Rare × I5 Catastrophic");
    // The wheel over the attendance pane focuses it and moves its selection.
    let att_x = 100;
    s.send(&mouse(65, att_x, top as u16 + 5));
    s.wait_for("┏ 4 Attendance");
    s.send(&mouse(65, att_x, top as u16 + 5));
    // A click on a person selects them: x marks them absent.
    let screen = s.screen();
    let line = screen.lines().position(|l| l.contains("Brin Martin")).expect("BM in the register");
    s.send(&mouse(0, att_x, line as u16));
    s.send("x");
    s.wait_for("BM marked absent · saved");
    let meeting = std::fs::read_to_string(root.join("meetings/2022-03-03.json")).unwrap();
    let bm = format!("\"initials\": {},\n      \"status\": \"absent\"", id_of(&root, "BM"));
    assert!(meeting.contains(&bm), "on disk");
    // A click on an agenda item selects it: t then takes a note under that item.
    let screen = s.screen();
    let item = screen.lines().position(|l| l.contains("Voice of the Child: priorities")).expect("item 7 in the agenda");
    s.send(&mouse(0, 20, item as u16));
    s.wait_for("┏ 1 Agenda");
    s.send("t");
    s.wait_for("Note under item 7");
    s.send("\x1b");
    s.wait_gone("Note under item 7");
    // While the input line is open the mouse does nothing.
    s.send("a");
    s.wait_for("Enter saves");
    s.send(&mouse(0, 10, top as u16 + 4));
    // Taken in order: once the text typed after the click shows, the click was taken.
    s.send("Zq9");
    s.wait_for("Zq9");
    assert!(s.screen().contains("┏ 1 Agenda"), "{}", s.screen());
    s.send("\x1b");
    // A lone Esc, not the start of Alt-q: q only once it has closed the line.
    s.wait_gone("Zq9");
    s.send("q");
    assert!(s.wait_exit());
}

/// A Word file is not written onto a terminal; into a pipe or with -o it is.
#[test]
fn word_minutes_are_not_poured_onto_a_terminal() {
    let args = ["export", "minutes", "--format", "docx", "-w", "sample-data/southend-send"];
    let mut s = Session::start(&args, 100, 20, &[]);
    s.wait_for("Word minutes are a binary file");
    assert!(!s.wait_exit(), "exit 2");
    let piped = gavel(&args);
    assert_eq!(piped.status.code(), Some(0));
    assert!(piped.stdout.starts_with(b"PK"), "a zip archive into the pipe");
}
