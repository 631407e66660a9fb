//! The screen as a person sees it: snapshots at 80x24 and 120x40 (and
//! below the minimum) with a fixed clock, and colours where they carry
//! meaning.

use gavel::app::{App, Key, Msg, update};
use gavel::model::Timestamp;
use gavel::model::timer::{self, Control};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::style::Color;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn sample_app(now: &str) -> App {
    let ws = gavel::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
    App::new(ws, at(now), false)
}

fn draw(app: &App, width: u16, height: u16) -> Terminal<TestBackend> {
    let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
    terminal.draw(|frame| gavel::ui::render(app, frame)).unwrap();
    terminal
}

/// The March meeting run as the chair would: started at 10:00, items
/// moved on with `n`, the clock then read at `now`.
fn running_app(controls: &[(&str, Control)], now: &str) -> App {
    let mut app = sample_app("2022-03-03T09:58:00+00:00");
    let index = app.meeting.unwrap();
    for (time, control) in controls {
        timer::apply(&mut app.workspace.meetings[index], *control, at(time)).unwrap();
    }
    let workspace = app.workspace.clone();
    update(&mut app, Msg::Reloaded(Box::new(workspace)), at(now));
    app.notice = None;
    app
}

fn snapshot(name: &str, app: &App, width: u16, height: u16) {
    insta::assert_snapshot!(name, draw(app, width, height).backend());
}

/// Every state is looked at on the smallest screen and a roomy one.
fn snapshot_both(name: &str, app: &App) {
    snapshot(&format!("{name}_80x24"), app, 80, 24);
    snapshot(&format!("{name}_120x40"), app, 120, 40);
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let now = app.now;
        update(app, Msg::Key(Key::Char(c)), now);
    }
}

#[test]
fn planned_meeting_at_both_sizes() {
    let app = sample_app("2022-02-20T09:30:00+00:00");
    snapshot_both("planned", &app);
}

#[test]
fn too_small_says_so() {
    let app = sample_app("2022-02-20T09:30:00+00:00");
    snapshot("too_small_60x20", &app, 60, 20);
}

#[test]
fn help_lists_every_key() {
    let mut app = sample_app("2022-02-20T09:30:00+00:00");
    press(&mut app, "?");
    snapshot_both("help", &app);
}

#[test]
fn running_meeting_states() {
    let start = [("2022-03-03T10:00:00+00:00", Control::StartOrPause)];
    let on_time = running_app(&start, "2022-03-03T10:02:10+00:00");
    snapshot_both("running_on_time", &on_time);
    let steps = [
        ("2022-03-03T10:00:00+00:00", Control::StartOrPause),
        ("2022-03-03T10:06:00+00:00", Control::Next),
        ("2022-03-03T10:15:00+00:00", Control::Next),
        ("2022-03-03T10:31:00+00:00", Control::Next),
    ];
    let over = running_app(&steps, "2022-03-03T10:52:30+00:00");
    snapshot_both("running_over", &over);
}

#[test]
fn nearly_out_and_paused() {
    // Item 1 has 5 minutes: at 4:10 it is past 80%.
    let start = [("2022-03-03T10:00:00+00:00", Control::StartOrPause)];
    let nearly = running_app(&start, "2022-03-03T10:04:10+00:00");
    snapshot_both("running_nearly_out", &nearly);
    let paused =
        [("2022-03-03T10:00:00+00:00", Control::StartOrPause), ("2022-03-03T10:01:30+00:00", Control::StartOrPause)];
    let paused = running_app(&paused, "2022-03-03T10:20:00+00:00");
    snapshot_both("paused", &paused);
}

#[test]
fn closed_meeting_shows_actual_times() {
    let mut app = sample_app("2022-01-06T14:00:00+00:00");
    app.meeting = Some(0);
    snapshot_both("closed", &app);
}

#[test]
fn an_agenda_that_does_not_fit_says_so_before_the_start() {
    let mut app = sample_app("2022-02-20T09:30:00+00:00");
    let index = app.meeting.unwrap();
    app.workspace.meetings[index].agenda[4].planned_minutes += 15;
    let text = format!("{}", draw(&app, 80, 24).backend());
    assert!(text.contains("⚠ items 135 min, slot 120 min: 15 over"), "{text}");
}

/// Colour carries RAG: an overdue action's letter sits on red, and under
/// NO_COLOR the letter is still there with no colour at all.
#[test]
fn rag_colours_and_no_color() {
    let mut app = sample_app("2022-02-20T09:30:00+00:00");
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    let red_r = buffer.content().iter().filter(|c| c.symbol() == "R" && c.bg == Color::Red).count();
    assert!(red_r > 0, "overdue actions show R on red");
    app.color = false;
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    assert!(buffer.content().iter().all(|c| c.bg == Color::Reset && matches!(c.fg, Color::Reset)));
    let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains(" R  A2"), "the RAG letter stays without colour");
}

/// Every grid cell carries its band's colour and letter: extreme cells are
/// red with E, high ones light red with H; under NO_COLOR the letters stay.
#[test]
fn grid_bands_in_colour_and_without() {
    let mut app = sample_app("2022-02-20T09:30:00+00:00");
    let cell = |app: &App, symbol: &str| {
        let terminal = draw(app, 120, 40);
        let buffer = terminal.backend().buffer().clone();
        // The grid's first row (impact 5) is on screen row 2; its cells start at column 74.
        (74..118).map(|x| buffer[(x, 2)].clone()).find(|c| c.symbol() == symbol).expect(symbol)
    };
    assert_eq!(cell(&app, "E").bg, Color::Red);
    assert_eq!(cell(&app, "H").bg, Color::LightRed);
    assert_eq!(cell(&app, "M").bg, Color::Yellow);
    app.color = false;
    assert_eq!(cell(&app, "E").bg, Color::Reset);
    assert_eq!(cell(&app, "M").bg, Color::Reset);
}

/// Absurd numbers in a hand-edited file draw without a panic.
#[test]
fn absurd_numbers_draw_without_a_panic() {
    let mut app = sample_app("2022-03-03T09:58:00+00:00");
    let index = app.meeting.unwrap();
    let meeting = &mut app.workspace.meetings[index];
    for item in &mut meeting.agenda {
        item.planned_minutes = u32::MAX;
    }
    timer::apply(meeting, Control::StartOrPause, at("2022-03-03T10:00:00+00:00")).unwrap();
    // Extensions the controls refuse (past a day), written by hand.
    for _ in 0..3 {
        meeting.journal.push(gavel::model::TimerEvent {
            at: at("2022-03-03T10:01:00+00:00"),
            event: gavel::model::TimerEventKind::Extend,
            item: None,
            minutes: Some(i32::MAX),
        });
    }
    app.workspace.board.settings.amber_days = u32::MAX;
    app.workspace.board.settings.nearly_out_percent = u8::MAX;
    for (w, h) in [(80, 24), (120, 40)] {
        draw(&app, w, h);
    }
}

/// Hostile text from the workspace is drawn as visible stand-ins.
#[test]
fn escape_sequences_in_the_workspace_are_shown_not_sent() {
    let mut app = sample_app("2022-02-20T09:30:00+00:00");
    app.workspace.actions.actions[1].text = "\x1b]52;c;aGk=\x07\x1b[2J\u{202e}evil".into();
    let terminal = draw(&app, 120, 40);
    let buffer = terminal.backend().buffer();
    assert!(buffer.content().iter().all(|c| !c.symbol().chars().any(|ch| ch.is_control())));
    let text: String = buffer.content().iter().map(|c| c.symbol()).collect();
    assert!(text.contains("␛]52;c;aGk=␇␛[2J"), "{text}");
}

/// The action log focused: the filter in the title, RAG letters, the
/// status column at 120 wide, and the selected action in full below.
#[test]
fn action_log_focused_with_a_filter() {
    let mut app = sample_app("2022-02-20T09:30:00+00:00");
    press(&mut app, "2f");
    snapshot("actions_overdue_80x24", &app, 80, 24);
    press(&mut app, "ff");
    snapshot("actions_all_120x40", &app, 120, 40);
}

/// At 80x24 the help does not fit two columns; ↓ scrolls it to the end.
#[test]
fn help_scrolls_when_it_does_not_fit() {
    let mut app = sample_app("2022-02-20T09:30:00+00:00");
    press(&mut app, "?jjjjjjjjjj");
    let text = format!("{}", draw(&app, 80, 24).backend());
    assert!(text.contains("↑↓ scroll"), "{text}");
    assert!(text.contains("mark apologies"), "{text}");
    press(&mut app, "x");
    assert_eq!(app.overlay, gavel::app::Overlay::None, "any other key closes it");
}

/// The register kept through a meeting: late, left, deputising, remote, a
/// guest for one item, a declaration with withdrawal, and the quorum record.
#[test]
fn register_kept_through_the_meeting() {
    use gavel::model::AttendanceStatus::*;
    use gavel::model::attendance::{self, AttendanceEdit};
    use gavel::model::meeting::{AttendanceMode, Declaration};
    let mut app = sample_app("2022-03-03T09:55:00+00:00");
    let index = app.meeting.unwrap();
    let board = &mut app.workspace.board;
    let m = &mut app.workspace.meetings[index];
    let edit = |b: &gavel::model::Board, m: &mut gavel::model::Meeting, who: &str, e: AttendanceEdit, t: &str| {
        attendance::apply(b, m, who, &e, at(&format!("2022-03-03T{t}:00+00:00"))).unwrap()
    };
    for who in ["MM", "PD", "AW", "AK", "BM", "GB"] {
        edit(board, m, who, AttendanceEdit::Mark(Present), "09:55");
    }
    edit(board, m, "CJ", AttendanceEdit::Mark(Present), "09:55");
    edit(board, m, "LS", AttendanceEdit::Mark(Apologies), "09:55");
    edit(board, m, "CC", AttendanceEdit::Mark(Absent), "09:55");
    edit(board, m, "CM", AttendanceEdit::DeputyFor("KR".into()), "09:55");
    edit(board, m, "AW", AttendanceEdit::Mode(AttendanceMode::Remote), "09:56");
    timer::apply(m, Control::StartOrPause, at("2022-03-03T10:00:00+00:00")).unwrap();
    edit(board, m, "JM", AttendanceEdit::Arrived(at("2022-03-03T10:12:00+00:00")), "10:13");
    edit(board, m, "BM", AttendanceEdit::Left(at("2022-03-03T10:40:00+00:00")), "10:41");
    let guest = attendance::parse_guest("Jane Doe, Healthwatch, item 4").unwrap();
    let initials = attendance::register_guest(board, &guest);
    attendance::admit_guest(board, m, &initials, &guest.items, at("2022-03-03T10:20:00+00:00")).unwrap();
    let interest = Declaration {
        id: gavel::model::id::Id::fresh(),
        initials: "JM".into(),
        item: "5".into(),
        interest: "Head of SEN Trust".into(),
        withdrawn: true,
    };
    attendance::declare(board, m, interest).unwrap();
    let workspace = app.workspace.clone();
    update(&mut app, Msg::Reloaded(Box::new(workspace)), at("2022-03-03T10:45:00+00:00"));
    app.notice = None;
    press(&mut app, "4");
    snapshot_both("register_kept", &app);
}

/// Twenty minutes late, item 1 over by seven: every item re-planned with
/// its planned time beside, and the meeting line in its parts.
#[test]
fn late_start_re_plans_the_agenda() {
    let steps = [("2022-03-03T10:20:00+00:00", Control::StartOrPause), ("2022-03-03T10:32:00+00:00", Control::Next)];
    let late = running_app(&steps, "2022-03-03T10:33:00+00:00");
    let text = format!("{}", draw(&late, 120, 40).backend());
    assert!(text.contains("at this pace: 12:27, +27 on the 12:00 end"), "{text}");
    assert!(text.contains("started 20 min late · +7 on items"), "{text}");
    assert!(text.contains("10:42 (10:15)   3 Current perspective"), "{text}");
    snapshot_both("late_start", &late);
}

/// Item 2 deferred, then a jump to item 5: the items passed over and the
/// deferred one wait at the end, re-planned.
#[test]
fn out_of_order_items_are_re_planned() {
    let steps = [
        ("2022-03-03T10:00:00+00:00", Control::StartOrPause),
        ("2022-03-03T10:04:00+00:00", Control::Next),
        ("2022-03-03T10:10:00+00:00", Control::Skip),
        ("2022-03-03T10:12:00+00:00", Control::Jump(4)),
    ];
    let app = running_app(&steps, "2022-03-03T10:15:00+00:00");
    snapshot_both("out_of_order", &app);
}

/// E asks before it ends anything, naming who is not yet marked.
#[test]
fn ending_asks_first() {
    let start = [("2022-03-03T10:00:00+00:00", Control::StartOrPause)];
    let mut app = running_app(&start, "2022-03-03T11:58:00+00:00");
    press(&mut app, "E");
    assert!(app.question.is_some());
    snapshot_both("asks_to_end", &app);
}
