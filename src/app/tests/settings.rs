//! The board's settings from the screen: `B`, one setting in words, Enter.

use super::*;

#[test]
fn b_sets_the_quorum_as_a_share_with_the_chair_required() {
    let mut app = sample_app();
    press(&mut app, "B");
    assert_eq!(app.input.as_ref().unwrap().purpose, Purpose::Settings);
    press(&mut app, "quorum 1/3 chair");
    let effects = key(&mut app, Key::Enter);
    assert!(matches!(effects.as_slice(), [Effect::Save(Change::Settings { .. })]), "{effects:?}");
    save(&mut app, effects);
    let board = &app.workspace.board;
    assert_eq!(board.quorum.fraction.map(|f| f.to_string()).as_deref(), Some("1/3"));
    assert!(board.quorum.requires_chair_or_deputy);
    assert_eq!(board.quorum_required(), board.counting_members().div_ceil(3));
    assert!(app.notice.as_ref().unwrap().text.starts_with("quorum: "), "{:?}", app.notice);
}

#[test]
fn an_unknown_zone_is_refused_on_the_line() {
    let mut app = sample_app();
    press(&mut app, "B");
    press(&mut app, "zone Mars/Olympus");
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(app.notice.as_ref().unwrap().text.contains("not a time zone"), "{:?}", app.notice);
    key(&mut app, Key::Esc);
    press(&mut app, "B");
    press(&mut app, "zone Europe/London");
    let effects = key(&mut app, Key::Enter);
    save(&mut app, effects);
    assert_eq!(app.workspace.board.settings.time_zone, "Europe/London");
}

/// `P` with new initials renames the person: the actions follow, no twin is left.
#[test]
fn new_initials_in_the_person_line_are_followed_by_their_actions() {
    let mut app = sample_app();
    press(&mut app, "4");
    let who = app.selected_person().unwrap();
    let was = app.workspace.board.person(&who).unwrap().clone();
    let owned =
        |app: &App, i: &str| app.workspace.actions.actions.iter().filter(|a| a.owners.iter().any(|o| o == i)).count();
    let count = owned(&app, &who);
    press(&mut app, "P");
    press(&mut app, &format!("{} @{who}x, {}, Chair of the Board", was.name, was.role.key()));
    let effects = key(&mut app, Key::Enter);
    assert!(matches!(effects.as_slice(), [Effect::Save(Change::Batch(changes))] if changes.len() == 2), "{effects:?}");
    save(&mut app, effects);
    let board = &app.workspace.board;
    assert!(board.person(&who).is_none(), "no twin left under {who}: {:?}", app.notice);
    assert_eq!(board.person(&format!("{who}x")).unwrap().job_title, "Chair of the Board");
    assert_eq!(owned(&app, &format!("{who}x")), count);
}
