//! The edges of issue 17: far deadlines and absurd minutes, a pipe, a
//! non-UTF-8 locale, retries after a full disk, apostrophes through CSV,
//! the board's time zone and a clock behind the journal.

mod common;

use common::{BIN, Session, sample_copy, snapshot_files};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn gavel(args: &[&str]) -> std::process::Output {
    Command::new(BIN).args(args).output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Deadlines past 9999-12-31 are refused as typed, never clamped, and the
/// add fast path (after a checked add) appends nothing that would not validate.
#[test]
fn deadlines_past_the_year_9999_are_refused_and_the_log_stays_valid() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    assert!(gavel(&["add", "-w", w, "Checked first @GB"]).status.success());
    assert!(root.join(".gavel.checked").exists());
    let before = snapshot_files(&root);
    for far in ["+5000000d", "+3059999d", "+500000w"] {
        let out = gavel(&["add", "-w", w, &format!("X @GB due {far}")]);
        assert_eq!(out.status.code(), Some(1), "{far}");
        assert!(text(&out.stderr).contains("after 9999-12-31"), "{}", text(&out.stderr));
    }
    assert_eq!(snapshot_files(&root), before);
    assert!(gavel(&["add", "-w", w, "Last day @GB due 9999-12-31"]).status.success());
    assert!(gavel(&["validate", "-w", w]).status.success());
}

/// Planned minutes past a day an item are refused by validation, and the
/// screen's totals cannot overflow.
#[test]
fn planned_minutes_are_bounded_by_validation() {
    let (_dir, root) = sample_copy();
    common::replace_in(
        &root.join("meetings/2022-03-03.json"),
        "\"planned_minutes\": 5",
        "\"planned_minutes\": 4294967295",
    );
    let out = gavel(&["validate", "-w", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.contains("planned_minutes: 4294967295 minutes is more than a day"), "{err}");
}

/// `gavel | cat` says it needs a terminal and suggests `gavel status`.
#[test]
fn gavel_into_a_pipe_says_so() {
    let (_dir, root) = sample_copy();
    let out = Command::new(BIN).args(["-w", root.to_str().unwrap()]).stdin(Stdio::null()).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty(), "nothing drawn into the pipe");
    assert!(text(&out.stderr).contains("gavel status"), "{}", text(&out.stderr));
}

/// Under LANG=C every byte sent to the terminal is ASCII: borders are + - |.
#[test]
fn a_non_utf8_locale_gets_ascii_borders() {
    let (_dir, root) = sample_copy();
    let mut tui = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &[("LANG", "C"), ("LC_ALL", "C")]);
    tui.wait_for("1 Agenda");
    tui.wait_for("+-");
    tui.send("q");
    assert!(tui.wait_exit());
    let raw = tui.raw.lock().unwrap();
    let wide: Vec<u8> = raw.iter().copied().filter(|b| !b.is_ascii()).take(10).collect();
    assert!(wide.is_empty(), "non-ASCII bytes sent: {wide:?}");
}

/// Two saves that failed on a full disk land in order once it clears, and
/// neither is credited to "another gavel".
#[test]
fn retried_saves_are_not_credited_to_another_gavel() {
    let (_dir, root) = sample_copy();
    let script = format!("trap '' XFSZ; ulimit -S -f 2; exec {BIN} -w {}", root.display());
    let mut tui = Session::start_command("bash", &["-c", &script], 120, 40, &[]);
    tui.wait_for("2 Actions");
    for line in ["Book the room @CJ due +2w\r", "Send the papers @GB due +2w\r"] {
        tui.send("a");
        tui.wait_for("Add action");
        tui.send(line);
        tui.wait_gone("Add action");
    }
    tui.wait_for("2 unsaved");
    let pid = tui.child.process_id().unwrap().to_string();
    assert!(Command::new("prlimit").args(["--pid", &pid, "--fsize=unlimited"]).status().unwrap().success());
    tui.wait_for("A15 added: Send the papers · saved");
    let until = Instant::now() + Duration::from_millis(2500);
    while Instant::now() < until {
        assert!(!tui.screen().contains("another gavel"), "{}", tui.screen());
        std::thread::sleep(Duration::from_millis(50));
    }
    tui.send("q");
    assert!(tui.wait_exit());
    let texts: Vec<String> = gavel::store::load(&root).unwrap().actions.actions.into_iter().map(|a| a.text).collect();
    assert!(texts.ends_with(&["Book the room".to_string(), "Send the papers".to_string()]), "{texts:?}");
}

/// A text that really starts with an apostrophe survives CSV export then
/// import, as do the guarded formula characters.
#[test]
fn a_leading_apostrophe_survives_csv_export_and_import() {
    let (dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    for line in ["'Tis the season for the budget @GB", "'=SUM(A1) is text @GB", "=HYPERLINK stays text @GB"] {
        assert!(gavel(&["add", "-w", w, line]).status.success(), "{line}");
    }
    let csv = dir.path().join("actions.csv");
    assert!(gavel(&["export", "actions", "-w", w, "-o", csv.to_str().unwrap()]).status.success());
    let before = gavel::store::load(&root).unwrap().actions.actions;
    let out = gavel(&["import", "actions", "-w", w, csv.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let after = gavel::store::load(&root).unwrap().actions.actions;
    let texts = |list: &[gavel::model::Action]| list.iter().map(|a| a.text.clone()).collect::<Vec<_>>();
    assert_eq!(texts(&after), texts(&before));
    assert!(texts(&after).contains(&"'Tis the season for the budget".to_string()));
    assert!(texts(&after).contains(&"'=SUM(A1) is text".to_string()));
}

/// A new board takes the computer's zone ($TZ here); the minutes print item
/// times in the board's zone whatever offset the journal was written with.
#[test]
fn times_are_shown_in_the_board_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("fresh");
    let out = Command::new(BIN).args(["init", fresh.to_str().unwrap()]).env("TZ", "Europe/Paris").output().unwrap();
    assert!(out.status.success());
    assert_eq!(gavel::store::load(&fresh).unwrap().board.settings.time_zone, "Europe/Paris");

    let (_dir, root) = sample_copy();
    let minutes = |root: &Path| {
        let out = gavel(&["export", "minutes", "-w", root.to_str().unwrap(), "--meeting", "2022-01-06"]);
        text(&out.stdout)
    };
    assert!(minutes(&root).contains("### 10.24 4. Update from Peer Review"));
    // Whatever zone `init` found on this computer, the board now says New York.
    let mut board = gavel::store::load(&root).unwrap().board;
    board.settings.time_zone = "America/New_York".into();
    std::fs::write(root.join("gavel.json"), gavel::store::to_json(&board)).unwrap();
    assert!(gavel(&["validate", "-w", root.to_str().unwrap()]).status.success());
    assert!(minutes(&root).contains("### 05.24 4. Update from Peer Review"), "{}", minutes(&root));
    common::replace_in(&root.join("gavel.json"), "America/New_York", "Mars/Olympus");
    let out = gavel(&["validate", "-w", root.to_str().unwrap()]);
    assert!(
        text(&out.stderr).contains("settings.time_zone: \"Mars/Olympus\" is not a time zone"),
        "{}",
        text(&out.stderr)
    );
}

fn at(text: &str) -> gavel::model::Timestamp {
    text.parse().unwrap()
}

/// The screen as text, drawn as the TUI draws it.
fn screen_of(app: &gavel::app::App) -> String {
    let mut terminal = ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).unwrap();
    terminal.draw(|frame| gavel::ui::render(app, frame)).unwrap();
    let buffer = terminal.backend().buffer().clone();
    let width = usize::from(buffer.area.width);
    let cells: Vec<&str> = buffer.content().iter().map(|c| c.symbol()).collect();
    cells.chunks(width).map(|row| row.concat()).collect::<Vec<_>>().join("\n")
}

/// The March meeting on a board in Europe/London, started from a laptop
/// on +02:00, viewed from one on +05:00: one zone on the whole screen.
#[test]
fn one_screen_shows_one_zone() {
    let mut ws = gavel::store::load(Path::new("sample-data/southend-send")).unwrap();
    ws.board.settings.time_zone = "Europe/London".into();
    let index = ws.meetings.iter().position(|m| m.date.to_string() == "2022-03-03").unwrap();
    let meeting = &mut ws.meetings[index];
    gavel::model::timer::apply(meeting, gavel::model::timer::Control::StartOrPause, at("2022-03-03T12:00:00+02:00"))
        .unwrap();
    let app = gavel::app::App::new(ws, at("2022-03-03T15:07:00+05:00"), false);
    let screen = screen_of(&app);
    assert!(screen.contains("10:07"), "the clock in London time:\n{screen}");
    assert!(screen.contains("10.00"), "the item's start in London time:\n{screen}");
    assert!(!screen.contains("15:07") && !screen.contains("12.00"), "{screen}");
}

/// A clock 3 minutes behind the journal is said in the header, and the
/// next event is stored at the real time, after the last in the journal.
#[test]
fn a_clock_behind_the_journal_is_reported_and_events_keep_the_real_time() {
    use gavel::app::{Change, Effect, Key, Msg, update};
    let mut ws = gavel::store::load(Path::new("sample-data/southend-send")).unwrap();
    ws.board.settings.time_zone = "UTC".into();
    let index = ws.meetings.iter().position(|m| m.date.to_string() == "2022-03-03").unwrap();
    let control = gavel::model::timer::Control::StartOrPause;
    gavel::model::timer::apply(&mut ws.meetings[index], control, at("2022-03-03T10:05:00+00:00")).unwrap();
    let mut app = gavel::app::App::new(ws, at("2022-03-03T10:02:00+00:00"), false);
    let screen = screen_of(&app);
    assert!(screen.contains("clock 3 min behind the journal"), "{screen}");
    let effects = update(&mut app, Msg::Key(Key::Char(' ')), at("2022-03-03T10:02:00+00:00"));
    let Some(Effect::Save(Change::Timer { at: when, .. })) = effects.first() else { panic!("{effects:?}") };
    assert_eq!(*when, at("2022-03-03T10:02:00+00:00"), "stored at the real time");
    let meeting = &mut app.workspace.meetings[index];
    gavel::model::timer::apply(meeting, control, *when).unwrap();
    let journal: Vec<_> = meeting.journal.iter().map(|e| (e.event, e.at.format("%H:%M").to_string())).collect();
    assert_eq!(journal.len(), 2);
    assert_eq!(
        journal[1],
        (gavel::model::TimerEventKind::Pause, "10:02".to_string()),
        "after the start, in journal order"
    );
    assert!(gavel::model::timer::TimerState::replay(meeting).is_ok());
}

/// A London board meeting 00:30-03:30 on 29 March 2026, when 01:00 GMT
/// becomes 02:00 BST: started on time, it still says so when reopened after
/// the change (it said "started 1 h 00 late"); likewise on 25 October.
#[test]
fn a_meeting_over_the_change_of_the_clocks_keeps_its_plan() {
    for (day, started, reopened) in [
        ("2026-03-29", "2026-03-29T00:30:00Z", "2026-03-29T01:40:00Z"),
        ("2026-10-25", "2026-10-24T23:30:00Z", "2026-10-25T02:40:00Z"),
    ] {
        let mut ws = gavel::store::load(Path::new("sample-data/southend-send")).unwrap();
        ws.board.settings.time_zone = "Europe/London".into();
        let index = ws.meetings.iter().position(|m| m.date.to_string() == "2022-03-03").unwrap();
        let meeting = &mut ws.meetings[index];
        meeting.date = day.parse().unwrap();
        (meeting.planned_start, meeting.planned_end) = ("00:30:00".parse().unwrap(), "03:30:00".parse().unwrap());
        gavel::model::timer::apply(meeting, gavel::model::timer::Control::StartOrPause, at(started)).unwrap();
        let screen = screen_of(&gavel::app::App::new(ws.clone(), at(started), false));
        assert!(!screen.contains("late") && !screen.contains("early"), "{day} at the start:\n{screen}");
        let screen = screen_of(&gavel::app::App::new(ws, at(reopened), false));
        assert!(!screen.contains("started"), "{day} reopened:\n{screen}");
    }
}

/// "29 Feb" is the next 29 February there is, as the README's "the next
/// one" rule says: from 7 December 2026, 29 February 2028.
#[test]
fn the_29th_of_february_is_the_next_one() {
    let (_dir, root) = sample_copy();
    let out = Command::new(BIN)
        .args(["add", "--json", "-w", root.to_str().unwrap(), "x @GB due 29 Feb"])
        .env("GAVEL_NOW", "2026-12-07T10:00:00+00:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let action: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(action["due"], "2028-02-29");
}
