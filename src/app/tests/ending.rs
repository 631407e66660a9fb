//! Ending a meeting with items left: the last one can be deferred, and `E`
//! offers to defer every item not taken; the minutes then say so.

use super::*;
use crate::model::timer::TimerState;

/// The sample meeting, every item taken in turn, now on its last.
fn on_the_last_item() -> App {
    let mut app = started_app();
    let index = app.meeting.unwrap();
    let m = &mut app.workspace.meetings[index];
    for item in 1..m.agenda.len() {
        crate::model::timer::apply(m, Control::Jump(item), app.now).unwrap();
    }
    app
}

fn skipped(app: &App) -> Vec<usize> {
    let timer = TimerState::replay(app.current_meeting().unwrap()).unwrap();
    (0..timer.items.len()).filter(|&i| timer.items[i].skipped && !timer.items[i].done).collect()
}

#[test]
fn the_last_item_can_be_deferred_and_the_meeting_ends() {
    let mut app = on_the_last_item();
    let last = app.current_meeting().unwrap().agenda.len() - 1;
    assert!(press(&mut app, "1s").is_empty(), "it asks first");
    let question = app.question.clone().expect("s on the last item asks");
    assert!(question.ask.contains("is the last: defer it to the next meeting"), "{question:?}");
    let effects = key(&mut app, Key::Enter);
    save(&mut app, effects);
    assert_eq!(skipped(&app), vec![last], "{:?}", app.notice);
    let timer = TimerState::replay(app.current_meeting().unwrap()).unwrap();
    assert!(timer.ended.is_some(), "the meeting has ended");
}

#[test]
fn e_with_items_not_taken_offers_to_defer_them() {
    let mut app = started_app();
    press(&mut app, "E");
    let question = app.question.clone().expect("E asks");
    assert_eq!(question.yes, "end anyway");
    assert!(question.detail.as_deref().unwrap().contains("Not taken: items 2, 3"), "{question:?}");
    let other = question.other.as_ref().expect("a third answer");
    assert_eq!((other.key, other.label), ('d', "defer them to the next meeting"));
    let effects = press(&mut app, "d");
    save(&mut app, effects);
    let count = app.current_meeting().unwrap().agenda.len();
    assert_eq!(skipped(&app), (1..count).collect::<Vec<_>>(), "{:?}", app.notice);
    let meeting = app.current_meeting().unwrap();
    let minutes = crate::export::minutes_markdown(&crate::export::Minutes::of(&app.workspace, meeting, app.now));
    assert!(minutes.contains("deferred to the next meeting"), "{minutes}");
    assert!(!minutes.contains("not taken"), "{minutes}");
}
