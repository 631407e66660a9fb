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
    let (disk, renumbered) = renumbered_on_disk(&app, &shown);
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

/// The disk as a sync left it, which this gavel has not read yet: the
/// action `shown` renumbered, and its old ref given to another.
fn renumbered_on_disk(app: &App, shown: &crate::model::Action) -> (Workspace, String) {
    let mut disk = app.workspace.clone();
    let renumbered = disk.actions.next_ref();
    let mut other = shown.clone();
    other.id = crate::model::id::Id::fresh();
    other.text = "Another action, from the other laptop".into();
    let mine = disk.actions.actions.iter_mut().find(|a| a.id == shown.id).unwrap();
    mine.reference = renumbered.clone();
    disk.actions.actions.push(other);
    (disk, renumbered)
}

/// `change` applied to `disk` as the store applies it under the lock.
fn apply_on(disk: &mut Workspace, change: &Change) {
    let mut on_disk = crate::model::OnDisk {
        board: disk.board.clone(),
        actions: Some(disk.actions.clone()),
        risks: Some(disk.risks.clone()),
        meeting: None,
        live: vec![],
    };
    change.apply(&mut on_disk).unwrap();
    (disk.actions, disk.risks) = (on_disk.actions.unwrap(), on_disk.risks.unwrap());
}

/// The change the first action's edit saves, typed and saved before the
/// screen has read the disk again.
fn saved_before_reload(
    keys: &str,
    typed: impl Fn(&mut Input, &crate::model::Action),
) -> (Change, Workspace, crate::model::Action, String) {
    let mut app = sample_app();
    app.workspace.actions.actions.iter_mut().for_each(|a| a.id.give());
    press(&mut app, "2");
    let shown = app.workspace.actions.actions[app.action_order()[0]].clone();
    let (disk, renumbered) = renumbered_on_disk(&app, &shown);
    let mut effects = press(&mut app, keys);
    if let Some(input) = app.input.as_mut() {
        typed(input, &shown);
        effects = key(&mut app, Key::Enter);
    }
    let change = effects.iter().find_map(|e| if let Effect::Save(c) = e { Some(c.clone()) } else { None });
    (change.unwrap_or_else(|| panic!("{keys}: {effects:?} {:?}", app.notice)), disk, shown, renumbered)
}

#[test]
fn an_edit_saved_before_the_screen_reloads_lands_on_its_action_by_identity() {
    let edited = |input: &mut Input, shown: &crate::model::Action| {
        input.text = input.text.replacen(&shown.text, "Edited before the reload", 1);
    };
    for (keys, check) in [("e", "text"), ("d", "status")] {
        let (change, mut disk, shown, renumbered) = saved_before_reload(keys, edited);
        apply_on(&mut disk, &change);
        let mine = disk.actions.actions.iter().find(|a| a.id == shown.id).unwrap();
        let other = disk.actions.actions.iter().find(|a| a.reference == shown.reference).unwrap();
        assert_eq!(mine.reference, renumbered);
        assert_eq!(other.text, "Another action, from the other laptop", "the action now bearing the old ref");
        match check {
            "text" => assert_eq!((mine.text.as_str(), other.text == shown.text), ("Edited before the reload", false)),
            _ => assert_eq!((mine.status.is_closed(), other.status.is_closed()), (true, false)),
        }
    }
}

#[test]
fn a_review_date_saved_before_the_screen_reloads_lands_on_its_risk_by_identity() {
    let app = sample_app();
    let mut shown = app.workspace.risks.risks.iter().find(|r| r.reference == "R1").unwrap().clone();
    shown.id.give();
    let mut disk = app.workspace.clone();
    disk.risks.risks.iter_mut().find(|r| r.reference == "R1").unwrap().id = shown.id.clone();
    let renumbered = disk.risks.next_ref();
    let mut other = shown.clone();
    other.id = crate::model::id::Id::fresh();
    other.title = "Another risk, from the other laptop".into();
    disk.risks.risks.iter_mut().find(|r| r.id == shown.id).unwrap().reference = renumbered.clone();
    disk.risks.risks.push(other);
    let on = "2031-01-01".parse().unwrap();
    apply_on(
        &mut disk,
        &Change::edit_risk(&shown, crate::model::change::RiskEdit::Review { was: shown.review, now: Some(on) }),
    );
    let mine = disk.risks.risks.iter().find(|r| r.id == shown.id).unwrap();
    assert_eq!((mine.reference.as_str(), mine.review), (renumbered.as_str(), Some(on)));
    let other = disk.risks.risks.iter().find(|r| r.reference == "R1").unwrap();
    assert_eq!(other.review, shown.review, "the risk now bearing R1 is untouched");
}
