//! The board's cycle in the screen: approving the last minutes from their
//! item, and what an approved meeting then refuses.

use super::*;

#[test]
fn v_on_the_minutes_item_approves_the_last_meeting_and_locks_it() {
    let mut app = sample_app();
    let refused = press(&mut app, "V");
    assert!(refused.is_empty(), "item 1 is not the minutes item");
    assert!(app.notice.as_ref().unwrap().text.contains("select the item \"Minutes of the last meeting\""));
    press(&mut app, "j");
    // V asks first, naming the meeting; Esc approves nothing.
    assert!(press(&mut app, "V").is_empty());
    let asked = app.question.as_ref().expect("V asks first");
    assert_eq!(asked.ask, "Approve the minutes of Thursday 6 January 2022 as the board's record?");
    assert!(key(&mut app, Key::Esc).is_empty());
    assert!(app.question.is_none());
    assert!(app.workspace.meetings.iter().all(|m| m.approved.is_none()));
    assert!(press(&mut app, "V").is_empty());
    let effects = key(&mut app, Key::Enter);
    let january: NaiveDate = "2022-01-06".parse().unwrap();
    let today = app.today();
    let [Effect::Save(Change::Approve { meeting, on, minutes: None })] = effects.as_slice() else {
        panic!("Enter approves: {effects:?}")
    };
    assert_eq!((*meeting, *on), (january, today));
    // The store builds the minutes to freeze as it saves; here, in memory.
    let held = app.workspace.meetings.iter().find(|m| m.date == january).unwrap();
    let minutes = crate::model::minutes::Minutes::of(&app.workspace, held, app.now);
    save(
        &mut app,
        vec![Effect::Save(Change::Approve { meeting: january, on: today, minutes: Some(Box::new(minutes)) })],
    );
    let held = app.workspace.meetings.iter().find(|m| m.date == january).unwrap();
    assert_eq!(held.approved, Some(today));
    // Reopening it, or noting anything in it, is refused in the board's words.
    let reopen = Change::Timer { meeting: january, control: Control::Reopen, at: app.now };
    let why = commit_in_memory(&mut app.workspace.clone(), &reopen).unwrap_err().to_string();
    assert_eq!(
        why,
        "the minutes of 6 January 2022 were approved on 3 March 2022: they are locked, and nothing was changed"
    );
    let note = Change::Record {
        meeting: january,
        kind: crate::model::meeting::NoteKind::Note,
        item: "1".into(),
        text: "late".into(),
        at: app.now,
    };
    assert!(commit_in_memory(&mut app.workspace.clone(), &note).is_err());
    // Shown in the screen, E on it refuses at once rather than asking to reopen.
    app.chosen = Some(january);
    app.refresh();
    press(&mut app, "1E");
    assert_eq!(app.question, None);
    assert!(app.notice.as_ref().unwrap().text.contains("they are locked"), "{:?}", app.notice);
}

#[test]
fn an_item_edited_while_another_gavel_changed_the_agenda_is_refused_not_misplaced() {
    let mut app = sample_app();
    press(&mut app, "jjR");
    assert!(app.input.as_ref().unwrap().text.starts_with("Current perspective from partners"));
    // Words after the time would be taken as title: refused, and said.
    key(&mut app, Key::End);
    press(&mut app, " (revised)");
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(app.notice.as_ref().unwrap().text.contains("15m sits inside the title"), "{:?}", app.notice);
    for _ in 0..10 {
        key(&mut app, Key::Backspace);
    }
    // Another gavel takes item 1 off meanwhile; the screen reloads.
    let index = app.meeting.unwrap();
    app.workspace.meetings[index].agenda.remove(0);
    let effects = key(&mut app, Key::Enter);
    let [Effect::Save(change)] = effects.as_slice() else { panic!("{effects:?}") };
    let why = commit_in_memory(&mut app.workspace.clone(), change).unwrap_err().to_string();
    assert!(why.contains("the agenda was changed in another gavel"), "{why}");
}
