//! The record in the screen: a reason given with an edit or a rescore,
//! and `H`, the history of the selected record.

use super::*;
use crate::model::change::{ActionEdit, FieldEdit};

#[test]
fn an_edit_ending_because_keeps_the_text_and_gives_the_reason() {
    let mut app = sample_app();
    press(&mut app, "2");
    let first = app.workspace.actions.actions[app.action_order()[0]].clone();
    press(&mut app, "e");
    key(&mut app, Key::End);
    for _ in 0..10 {
        key(&mut app, Key::Backspace);
    }
    press(&mut app, "3.3.22 because the data is not ready");
    let effects = key(&mut app, Key::Enter);
    let [Effect::Save(Change::Because { change, reason })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(reason, "the data is not ready");
    let Change::EditAction { edit: ActionEdit::Fields(fields), .. } = change.as_ref() else { panic!("{change:?}") };
    let due = Some(crate::model::Deadline::On("2022-03-03".parse().unwrap()));
    assert_eq!(fields, &vec![FieldEdit::Due { was: first.due, now: due }], "the text is unchanged");
}

#[test]
fn a_text_edited_to_say_because_is_the_text() {
    let mut app = sample_app();
    press(&mut app, "2");
    press(&mut app, "e");
    key(&mut app, Key::Home);
    press(&mut app, "Because of the audit, ");
    let effects = key(&mut app, Key::Enter);
    let effects = if effects.is_empty() { key(&mut app, Key::Enter) } else { effects };
    assert!(matches!(effects.as_slice(), [Effect::Save(Change::EditAction { .. })]), "{effects:?}");
}

#[test]
fn a_rescore_takes_a_reason_too() {
    let mut app = sample_app();
    press(&mut app, "3lk");
    key(&mut app, Key::Enter);
    press(&mut app, "s");
    let input = app.input.as_mut().expect("s opens the rescore");
    input.text.clear();
    press(&mut app, "L3 I4 because the contract was signed");
    let effects = key(&mut app, Key::Enter);
    let [Effect::Save(Change::Because { change, reason })] = effects.as_slice() else { panic!("{effects:?}") };
    assert_eq!(reason, "the contract was signed");
    assert!(matches!(change.as_ref(), Change::EditRisk { .. }), "{change:?}");
}

#[test]
fn h_shows_the_selected_actions_history_and_any_key_closes_it() {
    let mut app = sample_app();
    press(&mut app, "2");
    let row = app.action_order()[0];
    let at = app.now;
    let entry = crate::model::history::Entry {
        at,
        by: "Zoe Fearon".into(),
        added: false,
        fields: vec![crate::model::history::FieldChange {
            field: "owners".into(),
            from: Some(serde_json::json!(["GB"])),
            to: Some(serde_json::json!(["PD"])),
        }],
        reason: Some("GB is on leave".into()),
    };
    app.workspace.actions.actions[row].changes.push(entry);
    press(&mut app, "H");
    assert_eq!(app.overlay, Overlay::History);
    let shown = app.record_history.as_ref().unwrap();
    assert!(shown.lines[0].ends_with("Zoe Fearon  owners GB → PD · because GB is on leave"), "{:?}", shown.lines);
    press(&mut app, "j");
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, "4H");
    assert!(app.record_history.as_ref().unwrap().lines[0].starts_with("No change kept yet"));
}
