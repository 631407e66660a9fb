//! `update` driven by keys with a fixed clock: state and effects.

use super::*;
use crate::model::change::Committed;
use crate::model::timer::Control;

fn at(text: &str) -> Timestamp {
    text.parse().unwrap()
}

fn sample_app() -> App {
    let ws = crate::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
    App::new(ws, at("2022-03-03T09:55:00+00:00"), false)
}

fn press(app: &mut App, keys: &str) -> Vec<Effect> {
    keys.chars().flat_map(|c| key(app, Key::Char(c))).collect()
}

fn key(app: &mut App, key: Key) -> Vec<Effect> {
    let now = app.now;
    update(app, Msg::Key(key), now)
}

/// Saves the effects' changes as the store would, on the app's own copy
/// of the documents (which stands for the disk), and tells the app.
fn save(app: &mut App, effects: Vec<Effect>) {
    for effect in effects {
        let Effect::Save(change) = effect else { continue };
        let committed = commit_in_memory(&mut app.workspace.clone(), &change);
        let now = app.now;
        let msg = match committed {
            Ok(committed) => Msg::Saved(change, Box::new(committed)),
            Err(refusal) => Msg::SaveFailed { error: refusal.to_string(), retry: None },
        };
        update(app, msg, now);
    }
}

fn commit_in_memory(ws: &mut Workspace, change: &Change) -> Result<Committed, crate::model::Refusal> {
    let needs = change.needs();
    let meeting = needs.meeting.and_then(|d| ws.meetings.iter().find(|m| m.date == d).cloned());
    let mut disk = crate::model::OnDisk {
        board: ws.board.clone(),
        actions: needs.actions.then(|| ws.actions.clone()),
        risks: needs.risks.then(|| ws.risks.clone()),
        meeting,
        live: vec![],
    };
    let applied = change.apply(&mut disk)?;
    Ok(Committed::new(applied, disk, needs))
}

mod archive;
mod cycle;
mod ending;
mod follow;
mod record;
mod screen;
mod settings;

#[test]
fn opens_on_the_next_planned_meeting() {
    let app = sample_app();
    let meeting = app.current_meeting().unwrap();
    assert_eq!(meeting.date.to_string(), "2022-03-03");
    assert_eq!(app.focus, Pane::Agenda);
}

#[test]
fn tab_and_numbers_move_focus() {
    let mut app = sample_app();
    key(&mut app, Key::Tab);
    assert_eq!(app.focus, Pane::Actions);
    key(&mut app, Key::BackTab);
    key(&mut app, Key::BackTab);
    assert_eq!(app.focus, Pane::Attendance);
    press(&mut app, "3");
    assert_eq!(app.focus, Pane::Risks);
}

#[test]
fn help_opens_and_any_key_closes_it() {
    let mut app = sample_app();
    press(&mut app, "?");
    assert_eq!(app.overlay, Overlay::Help);
    key(&mut app, Key::Esc);
    assert_eq!(app.overlay, Overlay::None);
    press(&mut app, "?");
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit], "q quits even from the help");
}

#[test]
fn lists_move_and_stop_at_their_ends() {
    let mut app = sample_app();
    press(&mut app, "2");
    press(&mut app, "kkk");
    assert_eq!(app.action_row, 0);
    press(&mut app, "jj");
    assert_eq!(app.action_row, 2);
    press(&mut app, "G");
    assert_eq!(app.action_row, app.action_order().len() - 1);
    press(&mut app, "3");
    press(&mut app, "kkkkkkhhhhhh");
    assert_eq!(app.risk_cell, (1, 5));
}

#[test]
fn space_asks_to_start_the_meeting_and_changes_nothing_until_saved() {
    let mut app = sample_app();
    let before = app.workspace.clone();
    let effects = press(&mut app, " ");
    let date = app.current_meeting().unwrap().date;
    assert_eq!(
        effects,
        vec![Effect::Save(Change::Timer { meeting: date, control: Control::StartOrPause, at: app.now })]
    );
    assert_eq!(app.workspace, before, "the screen changes only once the journal is on disk");
}

#[test]
fn refused_controls_give_a_notice_and_no_effect() {
    let mut app = sample_app();
    press(&mut app, "1");
    assert!(press(&mut app, "E").is_empty());
    assert!(app.notice.as_ref().unwrap().text.contains("not started"));
}

#[test]
fn marking_attendance_names_the_selected_person() {
    let mut app = sample_app();
    press(&mut app, "4");
    let effects = press(&mut app, "jp");
    let Effect::Save(Change::Attendance { initials, edit, .. }) = &effects[0] else { panic!("{effects:?}") };
    let present = crate::model::attendance::AttendanceEdit::Mark(crate::model::AttendanceStatus::Present);
    assert_eq!((initials.as_str(), edit), ("PD", &present));
}

/// Working down the register: a person marked with apologies moves to
/// that section, and the cursor stays on the row, so the next person
/// (who took it) is under it.
#[test]
fn after_marking_the_next_person_is_under_the_cursor() {
    let mut app = sample_app();
    press(&mut app, "4jj");
    let next = app.register()[app.attendance_row + 1].person;
    let next = app.workspace.board.people[next].initials.clone();
    let effects = press(&mut app, "o");
    save(&mut app, effects);
    assert_eq!((app.attendance_row, app.selected_person().unwrap()), (2, next.clone()), "the row, now {next}'s");
}

/// Another writer moves the action under the cursor (a later deadline):
/// the cursor goes with it, so `d` never closes the action that took its row.
#[test]
fn the_cursor_follows_an_action_another_writer_moved() {
    use crate::model::change::{ActionEdit, FieldEdit};
    let mut app = sample_app();
    press(&mut app, "2");
    let first = app.workspace.actions.actions[app.action_order()[0]].clone();
    let later = FieldEdit::Due { was: first.due, now: Some(crate::model::Deadline::On("2022-12-31".parse().unwrap())) };
    let elsewhere = Change::edit_action_named(&first.reference, ActionEdit::Fields(vec![later]));
    let mut disk = app.workspace.clone();
    let committed = commit_in_memory(&mut disk, &elsewhere).unwrap();
    let now = app.now;
    update(&mut app, Msg::Reloaded(Box::new(Workspace { actions: committed.actions.unwrap(), ..disk })), now);
    let shown = &app.workspace.actions.actions[app.action_order()[app.action_row]];
    assert_eq!(shown.reference, first.reference);
    assert!(app.action_row > 0, "it moved down the list, and the cursor with it");
}

#[test]
fn read_only_refuses_every_change_with_a_notice() {
    let mut app = sample_app();
    app.read_only = true;
    for keys in [" ", "n", "4p", "4x", "4o", "1+", "1E"] {
        assert!(press(&mut app, keys).is_empty(), "{keys:?} must not save");
        assert!(app.notice.as_ref().unwrap().text.starts_with("read-only"), "{keys:?}");
    }
}

#[test]
fn a_saved_meeting_replaces_the_shown_one() {
    let mut app = sample_app();
    let date = app.current_meeting().unwrap().date;
    let now = app.now;
    save(&mut app, vec![Effect::Save(Change::Timer { meeting: date, control: Control::StartOrPause, at: now })]);
    assert!(app.ticks_every_second());
}

#[test]
fn actions_are_ordered_by_rag_then_deadline() {
    let app = sample_app();
    let ctx = app.workspace.rag_context(app.today());
    let rags: Vec<_> = app.action_order().iter().map(|&i| app.workspace.actions.actions[i].rag(&ctx)).collect();
    let mut sorted = rags.clone();
    sorted.sort();
    assert_eq!(rags, sorted);
}

#[test]
fn quick_add_opens_types_and_saves_on_enter() {
    let mut app = sample_app();
    press(&mut app, "a");
    assert!(app.input.is_some());
    press(&mut app, "Send the risk log @cmc due 4.3.22");
    let effects = key(&mut app, Key::Enter);
    let Effect::Save(Change::AddAction { draft, raised }) = &effects[0] else { panic!("{effects:?}") };
    assert_eq!(draft.owners, vec!["CMc".to_string()]);
    assert_eq!(draft.due, Some(crate::model::Deadline::On("2022-03-04".parse().unwrap())));
    assert_eq!(*raised, None, "no meeting is running");
    assert!(app.input.is_some(), "the line stays until it is on disk");
}

#[test]
fn a_refused_line_keeps_its_text_and_esc_cancels() {
    let mut app = sample_app();
    press(&mut app, "a");
    press(&mut app, "Papers @XX due 1 May");
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(app.notice.as_ref().unwrap().text.contains("@XX is not in the people register"));
    assert_eq!(app.input.as_ref().unwrap().text, "Papers @XX due 1 May");
    press(&mut app, "q");
    assert!(!app.quit, "q is typed, not quit, while the line is open");
    key(&mut app, Key::Esc);
    assert!(app.input.is_none());
}

#[test]
fn the_filter_cycles_through_open_overdue_matters_arising_and_all() {
    let mut app = sample_app();
    press(&mut app, "2");
    assert_eq!(app.action_order().len(), 10, "open actions");
    press(&mut app, "f");
    assert_eq!(app.action_filter.show, Show::Overdue);
    assert_eq!(app.action_order().len(), 4, "overdue on 3 March 2022");
    press(&mut app, "f");
    assert_eq!(app.action_filter.show, Show::MattersArising);
    assert_eq!(app.action_order().len(), 10, "every open action was raised on 6 January");
    press(&mut app, "f");
    assert_eq!(app.action_order().len(), 13);
    key(&mut app, Key::Esc);
    assert_eq!(app.action_filter, ActionFilter::default(), "Esc clears the filters");
}

#[test]
fn search_filters_as_you_type_and_owner_narrows_to_one_person() {
    let mut app = sample_app();
    press(&mut app, "2/");
    press(&mut app, "risk log");
    assert_eq!(app.action_order().len(), 1, "only A9 is open and mentions the risk log");
    key(&mut app, Key::Enter);
    assert!(app.input.is_none());
    assert_eq!(app.action_filter.search, "risk log");
    key(&mut app, Key::Esc);
    press(&mut app, "w");
    press(&mut app, "gb");
    key(&mut app, Key::Enter);
    assert_eq!(app.action_filter.owner.as_deref(), Some("GB"));
    let actions = &app.workspace.actions.actions;
    assert!(app.action_order().iter().all(|&i| actions[i].owners.contains(&"GB".to_string())));
}

#[test]
fn status_update_and_edit_keys_ask_to_save_the_selected_action() {
    use crate::model::change::{ActionEdit, Closure, FieldEdit};
    let mut app = sample_app();
    press(&mut app, "2");
    let first = app.workspace.actions.actions[app.action_order()[0]].clone();
    let effects = press(&mut app, "d");
    let Effect::Save(Change::EditAction { reference, edit, .. }) = &effects[0] else { panic!("{effects:?}") };
    let done = Closure::set(crate::model::ActionStatus::Done, app.today());
    assert_eq!((reference, edit), (&first.reference, &ActionEdit::Status { was: Closure::of(&first), now: done }));
    press(&mut app, "u");
    press(&mut app, "Chased by email");
    let effects = key(&mut app, Key::Enter);
    assert!(
        matches!(&effects[0], Effect::Save(Change::EditAction { edit: ActionEdit::AddUpdate(u), .. }) if u.text == "Chased by email")
    );
    key(&mut app, Key::Esc);
    press(&mut app, "e");
    assert!(app.input.as_ref().unwrap().text.ends_with("@GB due 2022-02-17"), "the action as a quick-add line");
    // A cursor key keeps the prefilled line to edit it.
    key(&mut app, Key::End);
    for _ in 0..10 {
        key(&mut app, Key::Backspace);
    }
    press(&mut app, "3.3.22");
    let effects = key(&mut app, Key::Enter);
    let Effect::Save(Change::EditAction { edit: ActionEdit::Fields(fields), .. }) = &effects[0] else {
        panic!("{effects:?}")
    };
    let due = Some(crate::model::Deadline::On("2022-03-03".parse().unwrap()));
    assert_eq!(fields, &vec![FieldEdit::Due { was: first.due, now: due }], "only the deadline, as it was seen");
}

#[test]
fn enter_lists_the_cell_and_keys_change_the_selected_risk() {
    use crate::model::change::RiskEdit;
    use crate::model::risk::{RiskStatus, Score};
    let mut app = sample_app();
    press(&mut app, "3lk");
    assert_eq!(app.risk_cell, (4, 4));
    key(&mut app, Key::Enter);
    assert_eq!(app.overlay, Overlay::RiskList);
    press(&mut app, "j");
    assert_eq!(app.selected_risk().unwrap().reference, "R8");
    press(&mut app, "s");
    assert_eq!(app.input.as_ref().unwrap().text, "4 4", "prefilled with the current score");
    for _ in 0..3 {
        key(&mut app, Key::Backspace);
    }
    press(&mut app, "3 4");
    let effects = key(&mut app, Key::Enter);
    let Effect::Save(Change::EditRisk { reference, edit, .. }) = &effects[0] else { panic!("{effects:?}") };
    let rescore = RiskEdit::Rescore { was: Score::new(4, 4).unwrap(), now: Score::new(3, 4).unwrap(), on: app.today() };
    assert_eq!((reference.as_str(), *edit), ("R8", rescore));
    key(&mut app, Key::Esc);
    let effects = press(&mut app, "c");
    let close = RiskEdit::Status { was: RiskStatus::Open, now: RiskStatus::Closed };
    assert!(matches!(&effects[0], Effect::Save(Change::EditRisk { edit, .. }) if *edit == close));
    key(&mut app, Key::Esc);
    assert_eq!(app.overlay, Overlay::None, "Esc closes the list");
}

#[test]
fn a_new_risk_in_one_line() {
    let mut app = sample_app();
    press(&mut app, "3N");
    press(&mut app, "Livewell contract lapses @CMc L3 I4 review 31.3.22");
    let effects = key(&mut app, Key::Enter);
    let Effect::Save(Change::AddRisk { new, .. }) = &effects[0] else { panic!("{effects:?}") };
    assert_eq!((new.owner.as_str(), new.score.value()), ("CMc", 12));
    assert_eq!(new.review, Some("2022-03-31".parse().unwrap()));
}

#[test]
fn read_only_refuses_risk_and_action_changes_too() {
    let mut app = sample_app();
    app.read_only = true;
    for keys in ["3N", "3lks", "3lkc", "3lkv", "2d", "2u", "2e", "a"] {
        assert!(press(&mut app, keys).is_empty(), "{keys:?} must not save");
        assert!(app.input.is_none(), "{keys:?} must not open an input");
        assert!(app.notice.as_ref().unwrap().text.starts_with("read-only"), "{keys:?}");
    }
}

#[test]
fn register_keys_open_their_inputs_and_save_edits() {
    use crate::model::attendance::AttendanceEdit;
    let mut app = sample_app();
    press(&mut app, "4");
    // Row 0 is MM. Deputise: asks whom for, refuses someone unknown, saves a real one.
    press(&mut app, "d");
    assert!(matches!(app.input.as_ref().unwrap().purpose, Purpose::Deputy(ref who) if who == "MM"));
    press(&mut app, "ZZ");
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(app.notice.as_ref().unwrap().text.contains("ZZ is not in the people register"));
    key(&mut app, Key::Esc);
    // A late arrival before the meeting has started is refused, nothing saved.
    press(&mut app, "l");
    assert_eq!(app.input.as_ref().unwrap().text, "09:55", "prefilled with the time now");
    assert!(key(&mut app, Key::Enter).is_empty());
    assert!(app.notice.as_ref().unwrap().text.contains("meeting to have started"));
    key(&mut app, Key::Esc);
    let effects = press(&mut app, "r");
    assert!(matches!(&effects[0], Effect::Save(Change::Attendance { edit: AttendanceEdit::Mode(_), .. })));
    press(&mut app, "v");
    press(&mut app, "Jane Doe, Healthwatch, item 4");
    let effects = key(&mut app, Key::Enter);
    assert!(matches!(&effects[0], Effect::Save(Change::AddGuest { guest, .. }) if guest.items == ["4"]));
    key(&mut app, Key::Esc);
    press(&mut app, "i");
    assert_eq!(app.input.as_ref().unwrap().text, "@MM ", "starts with the selected person");
    // End keeps the prefill to type on; typing at once replaces it, as every prefill.
    key(&mut app, Key::End);
    press(&mut app, "item 8 Chairs the review group, withdraws");
    let effects = key(&mut app, Key::Enter);
    assert!(
        matches!(&effects[0], Effect::Save(Change::Declare { declaration, .. }) if declaration.withdrawn && declaration.item == "8")
    );
    key(&mut app, Key::Esc);
    press(&mut app, "i");
    press(&mut app, "@JB item 7 Director of ABSS");
    assert_eq!(app.input.as_ref().unwrap().text, "@JB item 7 Director of ABSS", "typed over, not after");
}

#[test]
fn notes_and_decisions_go_under_the_item_in_hand() {
    use crate::model::meeting::NoteKind;
    let mut app = sample_app();
    press(&mut app, "1jjj");
    press(&mut app, "t");
    assert!(
        matches!(&app.input.as_ref().unwrap().purpose, Purpose::Record(NoteKind::Note, item) if item == "4"),
        "the selected item while not running"
    );
    press(&mut app, "Advisors to attend in March");
    key(&mut app, Key::AltEnter);
    press(&mut app, "GB to confirm");
    let effects = key(&mut app, Key::Enter);
    let Effect::Save(Change::Record { kind, item, text, .. }) = &effects[0] else { panic!("{effects:?}") };
    assert_eq!(
        (*kind, item.as_str(), text.as_str()),
        (NoteKind::Note, "4", "Advisors to attend in March\nGB to confirm")
    );
    key(&mut app, Key::Esc);
    press(&mut app, "A");
    assert!(key(&mut app, Key::Enter).is_empty(), "an empty decision is refused");
    assert!(app.notice.as_ref().unwrap().text.contains("nothing to record"));
}

#[test]
fn undo_takes_back_this_users_changes_in_turn() {
    let mut app = sample_app();
    let added = {
        press(&mut app, "a");
        press(&mut app, "Circulate the tracker @GB due +2w");
        let effects = key(&mut app, Key::Enter);
        save(&mut app, effects);
        app.workspace.actions.actions.last().unwrap().reference.clone()
    };
    assert_eq!(added, "A14");
    press(&mut app, "4");
    let effects = press(&mut app, "p");
    save(&mut app, effects);
    let date = app.current_meeting().unwrap().date;
    assert!(app.current_meeting().unwrap().attendance_of("MM").is_some());
    // The last change first: MM is expected again, then A15 is gone.
    let effects = key(&mut app, Key::Ctrl('z'));
    assert!(matches!(&effects[0], Effect::Save(Change::Undo(_))));
    save(&mut app, effects);
    assert!(app.workspace.meetings.iter().find(|m| m.date == date).unwrap().attendance_of("MM").is_none());
    assert!(app.notice.as_ref().unwrap().text.starts_with("undone: MM back to expected"), "{:?}", app.notice);
    let effects = key(&mut app, Key::Ctrl('z'));
    save(&mut app, effects);
    assert!(app.workspace.actions.actions.iter().all(|a| a.reference != "A15"));
    assert_eq!(app.workspace.actions.retired, vec!["A14".to_string()], "its ref is never given again");
    assert!(key(&mut app, Key::Ctrl('z')).is_empty());
    assert!(app.notice.as_ref().unwrap().text.starts_with("nothing to undo"));
}

/// The first action shown opened to edit, and the workspace as another
/// gavel leaves it meanwhile: that action given to PD.
fn editing_while_given_to_pd(app: &mut App) -> (crate::model::Action, Workspace) {
    use crate::model::change::{ActionEdit, FieldEdit};
    press(app, "2");
    let shown = app.workspace.actions.actions[app.action_order()[0]].clone();
    press(app, "e");
    let elsewhere = Change::edit_action_named(
        &shown.reference,
        ActionEdit::Fields(vec![FieldEdit::Owners { was: shown.owners.clone(), now: vec!["PD".into()] }]),
    );
    let mut disk = app.workspace.clone();
    let committed = commit_in_memory(&mut disk, &elsewhere).unwrap();
    (shown, Workspace { actions: committed.actions.unwrap(), ..disk })
}

/// The watcher brings `disk`; the user, on the edit line opened before,
/// types `to` over `from` and presses Enter; the save is made on `disk`.
fn saved_after_reload(app: &mut App, disk: Workspace, from: &str, to: &str) {
    let now = app.now;
    update(app, Msg::Reloaded(Box::new(disk)), now);
    let input = app.input.as_mut().unwrap();
    input.text = input.text.replacen(from, to, 1);
    let effects = key(app, Key::Enter);
    save(app, effects);
}

#[test]
fn an_edit_of_a_field_changed_meanwhile_is_refused_and_keeps_the_text() {
    let mut app = sample_app();
    let (shown, disk) = editing_while_given_to_pd(&mut app);
    // The user gave it to MM on the old screen.
    saved_after_reload(&mut app, disk, "@GB", "@MM");
    let notice = app.notice.as_ref().unwrap().text.clone();
    assert_eq!(
        notice,
        format!("{} owner was changed to PD in another gavel since you opened the edit; yours: MM", shown.reference)
    );
    assert!(app.input.as_ref().is_some_and(|i| i.text.contains("@MM")), "the user's text stays to mend");
}

/// The order CI met: the save reads the disk first and is refused; the
/// watcher's reload of the same change comes after. The refusal says what
/// to mend and stays up; "changed in another gavel" must not replace it.
#[test]
fn a_refusal_stays_up_when_the_reload_of_its_cause_arrives_after() {
    let mut app = sample_app();
    let (_, disk) = editing_while_given_to_pd(&mut app);
    let input = app.input.as_mut().unwrap();
    input.text = input.text.replace("@GB", "@MM");
    let Some(Effect::Save(mine)) = key(&mut app, Key::Enter).into_iter().find(|e| matches!(e, Effect::Save(_))) else {
        panic!("Enter saves")
    };
    let refusal = commit_in_memory(&mut disk.clone(), &mine).unwrap_err().to_string();
    let now = app.now;
    update(&mut app, Msg::SaveFailed { error: refusal.clone(), retry: None }, now);
    update(&mut app, Msg::Reloaded(Box::new(disk)), now);
    let notice = app.notice.as_ref().unwrap();
    assert!(notice.error && notice.text == refusal, "{}", notice.text);
    assert!(refusal.contains("owner was changed to PD in another gavel"), "{refusal}");
    // The next key clears it; a later reload tells as before.
    key(&mut app, Key::Esc);
    assert!(app.notice.is_none() || !app.notice.as_ref().unwrap().error);
}

/// Saved, but the folder could not be flushed: the input closes and the
/// change is not kept to retry, so nothing invites adding it twice.
#[test]
fn a_save_made_but_unsure_is_said_and_never_made_again() {
    let mut app = sample_app();
    press(&mut app, "2a");
    press(&mut app, "Book the room @MM due +2w");
    let Some(Effect::Save(change)) = key(&mut app, Key::Enter).into_iter().find(|e| matches!(e, Effect::Save(_)))
    else {
        panic!("Enter saves")
    };
    let said = "w/actions.json is saved, but gavel could not make sure it is on the disk (EIO)".to_string();
    let now = app.now;
    let effects = update(&mut app, Msg::SavedUnsure(change, said.clone()), now);
    assert!(app.input.is_none(), "the input closed");
    assert!(app.unsaved.is_empty() && !effects.iter().any(|e| matches!(e, Effect::Save(_))), "not retried");
    assert_eq!(app.notice.as_ref().map(|n| (n.text.clone(), n.error)), Some((said, true)));
}

/// Another gavel gave the action to PD while the user reworded it: both
/// are kept, and the notice says so rather than merge in silence.
#[test]
fn an_edit_merged_with_another_gavel_s_says_what_it_kept() {
    let mut app = sample_app();
    let (shown, disk) = editing_while_given_to_pd(&mut app);
    saved_after_reload(&mut app, disk, &shown.text, "Reworded by the secretary");
    let notice = app.notice.as_ref().unwrap();
    assert!(!notice.error, "{}", notice.text);
    assert!(notice.text.ends_with("· saved · also changed in another gavel, kept: owner"), "{}", notice.text);
}

#[test]
fn a_note_is_revised_and_a_mark_cleared() {
    let mut app = sample_app();
    press(&mut app, "1j");
    press(&mut app, "t");
    press(&mut app, "Advisors confirmed");
    let effects = key(&mut app, Key::Enter);
    save(&mut app, effects);
    press(&mut app, "T");
    assert_eq!(app.input.as_ref().unwrap().text, "Advisors confirmed");
    key(&mut app, Key::End);
    press(&mut app, " by email");
    let effects = key(&mut app, Key::Enter);
    save(&mut app, effects);
    let notes = &app.current_meeting().unwrap().notes;
    assert_eq!(notes.last().unwrap().text, "Advisors confirmed by email");
    press(&mut app, "T");
    app.input.as_mut().unwrap().text.clear();
    let effects = key(&mut app, Key::Enter);
    save(&mut app, effects);
    let notes = &app.current_meeting().unwrap().notes;
    assert!(notes.iter().all(|n| !n.text.starts_with("Advisors confirmed by")), "an emptied note is removed");
    press(&mut app, "4");
    let effects = press(&mut app, "o");
    save(&mut app, effects);
    assert!(app.current_meeting().unwrap().attendance_of("MM").is_some(), "{:?}", app.notice);
    // MM moved to the apologies group; the cursor goes to MM again.
    let board = &app.workspace.board;
    app.attendance_row = app.register().iter().position(|r| board.people[r.person].initials == "MM").unwrap();
    let effects = press(&mut app, "c");
    save(&mut app, effects);
    assert!(app.current_meeting().unwrap().attendance_of("MM").is_none(), "back to expected: {:?}", app.notice);
}

#[test]
fn a_key_that_does_nothing_says_so() {
    let mut app = sample_app();
    press(&mut app, "z");
    assert_eq!(app.notice.as_ref().unwrap().text, "z does nothing here: ? lists the keys, a adds an action");
}

fn started_app() -> App {
    let mut app = sample_app();
    let index = app.meeting.unwrap();
    crate::model::timer::apply(&mut app.workspace.meetings[index], Control::StartOrPause, app.now).unwrap();
    app
}

#[test]
fn e_asks_and_esc_leaves_the_meeting_running() {
    let mut app = started_app();
    assert!(press(&mut app, "E").is_empty(), "nothing saved before the answer");
    let question = app.question.clone().expect("E asks");
    assert!(question.ask.starts_with("End the meeting at 09:55?"), "{question:?}");
    assert!(question.detail.unwrap().contains("MM, PD"), "names who is not yet marked");
    assert!(press(&mut app, "x").is_empty(), "other keys wait for the answer");
    assert!(key(&mut app, Key::Esc).is_empty());
    assert_eq!(app.question, None);
    assert!(app.notice.as_ref().unwrap().text.contains("the meeting runs on"));
    press(&mut app, "E");
    let saved = key(&mut app, Key::Enter);
    assert!(matches!(saved.as_slice(), [Effect::Save(Change::Timer { control: Control::End, .. })]), "{saved:?}");
}

#[test]
fn e_on_a_closed_meeting_asks_to_reopen() {
    let mut app = started_app();
    let index = app.meeting.unwrap();
    crate::model::timer::apply(&mut app.workspace.meetings[index], Control::End, app.now).unwrap();
    press(&mut app, "E");
    assert!(app.question.as_ref().unwrap().ask.starts_with("Reopen the meeting closed at 09:55?"));
    let saved = press(&mut app, "y");
    assert!(matches!(saved.as_slice(), [Effect::Save(Change::Timer { control: Control::Reopen, .. })]), "{saved:?}");
}

#[test]
fn starting_on_another_day_asks_once() {
    let ws = crate::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
    let mut app = App::new(ws, at("2022-03-04T21:31:00+00:00"), false);
    assert!(press(&mut app, " ").is_empty());
    assert!(app.question.as_ref().unwrap().ask.contains("planned for Thu 3 Mar 2022: run it today"));
    let saved = key(&mut app, Key::Enter);
    assert!(matches!(saved.as_slice(), [Effect::Save(Change::Timer { control: Control::StartOrPause, .. })]));
    // On its own day it starts without a word.
    let mut on_the_day = sample_app();
    assert_eq!(press(&mut on_the_day, " ").len(), 1);
    assert_eq!(on_the_day.question, None);
}

#[test]
fn enter_in_the_agenda_takes_the_selected_item() {
    let mut app = started_app();
    press(&mut app, "jjj");
    let saved = key(&mut app, Key::Enter);
    assert!(matches!(saved.as_slice(), [Effect::Save(Change::Timer { control: Control::Jump(3), .. })]), "{saved:?}");
}
