//! An edit open while a sync (or another gavel) renumbers its record
//! follows the record's identity, not its label (issue 26, point 5).

use super::*;

#[test]
fn an_edit_open_while_its_action_is_renumbered_is_saved_onto_that_action() {
    let mut app = sample_app();
    // As every record is once written (the sample on disk is read as typed).
    app.workspace.actions.actions.iter_mut().for_each(|a| a.id.give());
    press(&mut app, "2");
    let shown = app.workspace.actions.actions[app.action_order()[0]].clone();
    press(&mut app, "e");
    // A sync renumbers it (the other laptop had given its ref to another
    // action, which now bears it) while the edit is open.
    let mut disk = app.workspace.clone();
    let renumbered = disk.actions.next_ref();
    let mut other = shown.clone();
    other.id = crate::model::id::Id::fresh();
    other.text = "Another action, from the other laptop".into();
    let mine = disk.actions.actions.iter_mut().find(|a| a.id == shown.id).unwrap();
    mine.reference = renumbered.clone();
    disk.actions.actions.push(other);
    let now = app.now;
    update(&mut app, Msg::Reloaded(Box::new(disk)), now);
    let input = app.input.as_mut().unwrap();
    input.text = input.text.replacen(&shown.text, "Edited after the sync", 1);
    let effects = key(&mut app, Key::Enter);
    let Some(Effect::Save(Change::EditAction { reference, .. })) =
        effects.iter().find(|e| matches!(e, Effect::Save(_)))
    else {
        panic!("Enter saves: {effects:?}")
    };
    assert_eq!(reference, &renumbered, "the same action, by identity, under its new ref");
    save(&mut app, effects);
    let edited = app.workspace.actions.actions.iter().find(|a| a.id == shown.id).unwrap();
    assert_eq!((edited.reference.as_str(), edited.text.as_str()), (renumbered.as_str(), "Edited after the sync"));
    let other = app.workspace.actions.actions.iter().find(|a| a.reference == shown.reference).unwrap();
    assert_eq!(other.text, "Another action, from the other laptop", "the action now bearing the old ref is untouched");
}
