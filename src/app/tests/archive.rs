//! The archive in the pane's search: asked of the loop when the words or
//! the filter change, listed after the log's own rows, read-only.

use super::*;
use crate::app::archive::ArchiveQuery;

fn archived(reference: &str, text: &str) -> crate::model::Action {
    let mut action = crate::model::Action::new(
        reference.into(),
        crate::model::quickadd::QuickAdd { text: text.into(), owners: vec!["GB".into()], due: None },
        None,
    );
    action.status = crate::model::ActionStatus::Done;
    action.closed = Some("2019-05-02".parse().unwrap());
    action
}

fn asked(effects: &[Effect]) -> Option<&ArchiveQuery> {
    effects.iter().rev().find_map(|e| if let Effect::SearchArchive(q) = e { Some(q) } else { None })
}

#[test]
fn a_search_of_every_action_asks_the_archive_and_lists_what_it_found_read_only() {
    let mut app = sample_app();
    press(&mut app, "2");
    let effects = press(&mut app, "/tracker");
    assert!(asked(&effects).is_none(), "open actions only: the archive holds closed ones");
    key(&mut app, Key::Esc);
    assert!(app.input.is_none(), "{:?}", app.notice);
    let effects: Vec<Effect> = press(&mut app, "fff");
    assert_eq!(app.action_filter.show, Show::All);
    assert!(asked(&effects).is_none(), "no words yet");
    let mut effects = press(&mut app, "/tr");
    let query = asked(&effects).cloned().expect("every action and words: the archive is asked");
    assert_eq!(query.words, "tr");
    effects = press(&mut app, "acker");
    let query = asked(&effects).cloned().unwrap();
    assert_eq!(query.words, "tracker", "asked again for each change");
    assert!(app.archive.searching());
    let here = app.action_order().len();

    // An answer to an earlier search is dropped; the one wanted is listed.
    let now = app.now;
    let stale = ArchiveQuery { words: "tr".into(), owner: None };
    update(&mut app, Msg::ArchiveFound(stale, Ok((vec![archived("A900", "tr")], false))), now);
    assert!(app.archive.searching());
    let found = vec![archived("A901", "Circulate the tracker"), archived("A902", "Tracker refresh")];
    update(&mut app, Msg::ArchiveFound(query, Ok((found, false))), now);
    assert_eq!(app.action_rows(), here + 2);
    key(&mut app, Key::Enter);

    // The cursor goes onto them; they cannot be changed.
    for _ in 0..here {
        key(&mut app, Key::Down);
    }
    assert_eq!(crate::app::archive::archived_at(&app, app.action_row).unwrap().reference, "A901");
    let refused = press(&mut app, "d");
    assert!(refused.is_empty());
    let told = &app.notice.as_ref().unwrap().text;
    assert!(told.contains("A901 is in the archive, closed 2 May 2019"), "{told}");

    // Clearing the filters forgets them, and the cursor goes to the top, not
    // onto whichever live action now has the archived row's number.
    key(&mut app, Key::Esc);
    assert_eq!(app.action_row, 0);
    press(&mut app, "/");
    key(&mut app, Key::Esc);
    assert_eq!(app.action_rows(), app.action_order().len());
}
