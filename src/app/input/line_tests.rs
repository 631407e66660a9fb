//! The input line as a shell's, warnings that take a second Enter, and
//! pastes that are text, never keys.

use super::super::{App, Change, Effect, Key, Msg, update};
use crate::model::Timestamp;

fn app_at(now: &str) -> App {
    let ws = crate::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
    App::new(ws, now.parse::<Timestamp>().unwrap(), false)
}

fn app() -> App {
    app_at("2022-03-03T09:55:00+00:00")
}

fn keys(app: &mut App, keys: &[Key]) -> Vec<Effect> {
    let now = app.now;
    keys.iter().flat_map(|k| update(app, Msg::Key(*k), now)).collect()
}

fn typed(app: &mut App, text: &str) -> Vec<Effect> {
    keys(app, &text.chars().map(Key::Char).collect::<Vec<_>>())
}

fn paste(app: &mut App, text: &str) -> Vec<Effect> {
    let now = app.now;
    update(app, Msg::Paste(text.into()), now)
}

fn text(app: &App) -> &str {
    &app.input.as_ref().unwrap().text
}

fn added(effects: &[Effect]) -> Vec<String> {
    effects
        .iter()
        .map(|e| match e {
            Effect::Save(Change::AddAction { draft, .. }) => draft.text.clone(),
            other => panic!("only additions, not {other:?}"),
        })
        .collect()
}

#[test]
fn typing_over_a_prefill_replaces_it_and_a_cursor_key_keeps_it() {
    let mut app = app();
    typed(&mut app, "4");
    typed(&mut app, "l");
    assert!(app.input.as_ref().unwrap().prefilled, "the arrival time is offered");
    typed(&mut app, "10:20");
    assert_eq!(text(&app), "10:20");
    keys(&mut app, &[Key::Esc]);
    typed(&mut app, "l");
    let offered = text(&app).to_string();
    keys(&mut app, &[Key::End, Key::Backspace]);
    assert_eq!(text(&app), &offered[..offered.len() - 1]);
}

#[test]
fn ctrl_u_ctrl_w_home_and_end_edit_as_in_a_shell() {
    let mut app = app();
    typed(&mut app, "a");
    typed(&mut app, "Send the risk log @CMc");
    keys(&mut app, &[Key::Ctrl('w')]);
    assert_eq!(text(&app), "Send the risk log ");
    keys(&mut app, &[Key::Home]);
    typed(&mut app, ">");
    keys(&mut app, &[Key::End, Key::Left, Key::Left, Key::Ctrl('u')]);
    assert_eq!(text(&app), "g ");
    keys(&mut app, &[Key::Ctrl('a'), Key::Ctrl('k')]);
    assert_eq!(text(&app), "");
}

#[test]
fn a_line_with_a_warning_takes_a_second_enter() {
    let mut app = app();
    typed(&mut app, "a");
    typed(&mut app, "Circulate the tracker @GB");
    assert!(keys(&mut app, &[Key::Enter]).is_empty(), "warned, not saved");
    assert!(app.notice.as_ref().unwrap().text.contains("no deadline"), "{:?}", app.notice);
    assert_eq!(added(&keys(&mut app, &[Key::Enter])), ["Circulate the tracker"]);
    // A change to the line after the warning warns again.
    let mut app = self::app();
    typed(&mut app, "a");
    typed(&mut app, "Circulate the tracker @GB");
    keys(&mut app, &[Key::Enter]);
    typed(&mut app, "!");
    assert!(keys(&mut app, &[Key::Enter]).is_empty());
}

#[test]
fn a_multi_line_paste_into_quick_add_is_one_action_a_line_confirmed_once() {
    let mut app = app();
    typed(&mut app, "a");
    let effects = paste(
        &mut app,
        "Action: GB to circulate the tracker by end of April\r\nAction: MM asked JB to bring the paper to the next meeting\n",
    );
    assert!(effects.is_empty(), "a paste saves nothing by itself");
    assert!(app.notice.as_ref().unwrap().text.contains("pasted 2 lines"));
    let saved = keys(&mut app, &[Key::Enter]);
    assert_eq!(added(&saved), ["Circulate the tracker", "Bring the paper to the next meeting"]);
}

#[test]
fn a_paste_with_no_input_open_opens_quick_add_and_runs_no_keys() {
    let mut app = app();
    let before = (app.focus, app.workspace.clone());
    let effects = paste(&mut app, "d n e q\nx");
    assert!(effects.is_empty());
    assert_eq!(text(&app), "d n e q\nx");
    assert_eq!((app.focus, &app.workspace), (before.0, &before.1));
    assert!(!app.quit);
}

#[test]
fn a_paste_into_a_note_keeps_its_lines_and_elsewhere_is_one_line() {
    let mut app = app();
    typed(&mut app, "t");
    paste(&mut app, "Advisors confirmed by email.\nDate to follow.");
    assert_eq!(text(&app), "Advisors confirmed by email.\nDate to follow.");
    keys(&mut app, &[Key::Esc]);
    typed(&mut app, "2/");
    paste(&mut app, "risk\nlog");
    assert_eq!(text(&app), "risk log");
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let mut app = app();
    typed(&mut app, "Z");
    let notice = app.notice.clone().expect("a notice");
    assert!(notice.text.contains("Z does nothing here"), "{notice:?}");
    typed(&mut app, "2");
    app.action_filter.search = "no such action".into();
    app.refresh();
    typed(&mut app, "u");
    assert!(app.notice.as_ref().unwrap().text.contains("no action is selected"));
}

#[test]
fn next_meeting_typed_during_a_meeting_is_the_one_after_it() {
    use crate::model::timer::{Control, apply};
    let mut ws = crate::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
    let now: Timestamp = "2022-03-03T10:05:00+00:00".parse().unwrap();
    let running = ws.meetings.iter().position(|m| m.date.to_string() == "2022-03-03").unwrap();
    apply(&mut ws.meetings[running], Control::StartOrPause, now).unwrap();
    assert_eq!(ws.date_context(now.date_naive()).next_meeting, None, "no later meeting: it stays symbolic");
    let mut later = ws.meetings[running].clone();
    later.date = "2022-04-28".parse().unwrap();
    later.journal.clear();
    ws.meetings.push(later);
    assert_eq!(ws.date_context(now.date_naive()).next_meeting, Some("2022-04-28".parse().unwrap()));
}

#[test]
fn action_after_a_sentence_in_a_paste_is_an_action_and_the_sentence_is_said_to_be_left_out() {
    let mut app = app();
    paste(
        &mut app,
        "The Board discussed the tracker. Action: GB to circulate it by Friday. Action: PD to book the room by Friday\nx",
    );
    let refused = keys(&mut app, &[Key::Enter]);
    assert!(refused.is_empty());
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(
        notice.contains("the words before \"Action:\" are left out: \"The Board discussed the tracker.\""),
        "{notice}"
    );
    let saved = keys(&mut app, &[Key::Enter]);
    assert_eq!(added(&saved), ["Circulate it", "Book the room", "x"]);
}

#[test]
fn a_repeat_of_an_open_action_is_warned() {
    let mut app = app();
    let open = app.workspace.actions.actions.iter().find(|a| !a.status.is_closed()).unwrap().clone();
    keys(&mut app, &[Key::Char('a')]);
    typed(&mut app, &format!("{} @GB due Friday", open.text));
    keys(&mut app, &[Key::Enter]);
    let notice = &app.notice.as_ref().unwrap().text;
    assert!(notice.contains(&format!("repeats {}, still open", open.reference)), "{notice}");
}

#[test]
fn the_preview_scrolls_with_the_arrow_and_page_keys() {
    let mut app = app();
    paste(&mut app, "Send it @GB due Friday\nBook it @PD due Friday");
    keys(&mut app, &[Key::Down, Key::Down, Key::PageDown, Key::Up]);
    assert_eq!(app.input.as_ref().unwrap().scroll, 11);
    keys(&mut app, &[Key::PageUp, Key::PageUp]);
    assert_eq!(app.input.as_ref().unwrap().scroll, 0);
}
