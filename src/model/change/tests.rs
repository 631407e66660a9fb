//! Changes applied to documents as another writer left them: no change of
//! either side is reverted, a true conflict is refused naming both values,
//! and every undo puts back exactly what its change did.

use super::*;
use crate::model::action::Update;
use crate::model::meeting::AttendanceStatus;
use crate::model::risk::{RiskStatus, Score};
use crate::model::{ActionStatus, Deadline, test_board};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn at(s: &str) -> Timestamp {
    chrono::DateTime::parse_from_rfc3339(s).unwrap()
}

fn disk() -> OnDisk {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/southend-send/");
    let read = |name: &str| std::fs::read_to_string(format!("{root}{name}")).unwrap();
    OnDisk {
        board: test_board(),
        actions: Some(serde_json::from_str(&read("actions.json")).unwrap()),
        risks: Some(serde_json::from_str(&read("risks.json")).unwrap()),
        meeting: Some(serde_json::from_str(&read("meetings/2022-03-03.json")).unwrap()),
        live: vec![],
    }
}

fn action<'a>(disk: &'a OnDisk, reference: &str) -> &'a Action {
    disk.actions.as_ref().unwrap().actions.iter().find(|a| a.reference == reference).unwrap()
}

fn owners(of: &[&str]) -> Vec<String> {
    of.iter().map(|s| s.to_string()).collect()
}

#[test]
fn an_edit_writes_only_the_fields_the_user_changed() {
    let mut disk = disk();
    let shown = action(&disk, "A2").clone();
    // Meanwhile an import sets the owner and the deadline.
    let elsewhere = Change::edit_action_named(
        "A2",
        ActionEdit::Fields(vec![
            FieldEdit::Owners { was: shown.owners.clone(), now: owners(&["PD"]) },
            FieldEdit::Due { was: shown.due, now: Some(Deadline::On(date("2022-06-30"))) },
        ]),
    );
    elsewhere.apply(&mut disk).unwrap();
    // The user, on the old screen, rewrote only the text.
    let fields = FieldEdit::between(&shown, "Invite the advisors by email", &shown.owners, shown.due);
    assert_eq!(fields.len(), 1);
    Change::edit_action_named("A2", ActionEdit::Fields(fields)).apply(&mut disk).unwrap();
    let a2 = action(&disk, "A2");
    assert_eq!(
        (a2.text.as_str(), a2.owners.clone(), a2.due),
        ("Invite the advisors by email", owners(&["PD"]), Some(Deadline::On(date("2022-06-30"))))
    );
}

/// Text and owner both changed elsewhere: both are named, and a text as
/// long as real minutes write it is cut so the message fits a footer.
#[test]
fn every_field_changed_elsewhere_is_named_and_long_texts_are_cut() {
    let mut disk = disk();
    let shown = action(&disk, "A13").clone();
    let edit = |text: &str, to: &[&str]| {
        Change::edit_action_named("A13", ActionEdit::Fields(FieldEdit::between(&shown, text, &owners(to), shown.due)))
    };
    let theirs = "Arrange a separate meeting with CMc, GB and BM to review the capacity paper";
    edit(theirs, &["BM"]).apply(&mut disk).unwrap();
    let before = disk.clone();
    let refused = edit("Arrange a meeting on capacity", &["GB", "PD"]).apply(&mut disk).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "A13 text and owner were changed to \"Arrange a separate meeting with CMc, GB…\" and BM in another \
         gavel since you opened the edit; yours: \"Arrange a meeting on capacity\" and GB/PD"
    );
    assert!(refused.is_conflict());
    assert_eq!(disk, before);
}

#[test]
fn the_same_field_changed_twice_is_refused_naming_both_values() {
    let mut disk = disk();
    let shown = action(&disk, "A13").clone();
    let set_owner = |to: &[&str]| {
        Change::edit_action_named(
            "A13",
            ActionEdit::Fields(vec![FieldEdit::Owners { was: shown.owners.clone(), now: owners(to) }]),
        )
    };
    set_owner(&["PD"]).apply(&mut disk).unwrap();
    let before = disk.clone();
    let refused = set_owner(&["MM"]).apply(&mut disk).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "A13 owner was changed to PD in another gavel since you opened the edit; yours: MM"
    );
    assert_eq!(disk, before);
    // The same value from both sides is no conflict.
    set_owner(&["PD"]).apply(&mut disk).unwrap();
}

#[test]
fn undo_of_an_add_deletes_it_and_its_ref_is_never_given_again() {
    let mut disk = disk();
    let draft =
        crate::model::quickadd::QuickAdd { text: "Circulate the tracker".into(), owners: owners(&["GB"]), due: None };
    let added = Change::AddAction { draft: draft.clone(), raised: None }.apply(&mut disk).unwrap();
    let Some(Added::Action(new)) = &added.added else { panic!("an action was added") };
    assert_eq!(new.reference, "A14");
    Change::Undo(Box::new(added.undo.unwrap())).apply(&mut disk).unwrap();
    assert!(disk.actions.as_ref().unwrap().actions.iter().all(|a| a.reference != "A14"));
    let again = Change::AddAction { draft, raised: None }.apply(&mut disk).unwrap();
    assert!(again.summary.starts_with("A15 added"), "{}", again.summary);
}

#[test]
fn undo_is_refused_when_someone_changed_the_field_since() {
    let mut disk = disk();
    let shown = action(&disk, "A2").clone();
    let done = Change::edit_action_named(
        "A2",
        ActionEdit::Status { was: Closure::of(&shown), now: Closure::set(ActionStatus::Done, date("2022-03-03")) },
    );
    let undo = done.apply(&mut disk).unwrap().undo.unwrap();
    // Another gavel drops it meanwhile.
    let now_done = Closure::of(action(&disk, "A2"));
    Change::edit_action_named(
        "A2",
        ActionEdit::Status { was: now_done, now: Closure::set(ActionStatus::Dropped, date("2022-03-03")) },
    )
    .apply(&mut disk)
    .unwrap();
    let refused = Change::Undo(Box::new(undo)).apply(&mut disk).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "A2 status was changed to dropped in another gavel since your change, so it was not undone; yours: open"
    );
}

#[test]
fn an_update_and_a_status_change_from_two_paths_both_stay() {
    let mut disk = disk();
    let shown = action(&disk, "A3").clone();
    let update = Update { date: date("2022-03-03"), text: "Chased by email".into() };
    Change::edit_action_named("A3", ActionEdit::AddUpdate(update.clone())).apply(&mut disk).unwrap();
    Change::edit_action_named(
        "A3",
        ActionEdit::Status { was: Closure::of(&shown), now: Closure::set(ActionStatus::Done, date("2022-03-03")) },
    )
    .apply(&mut disk)
    .unwrap();
    let a3 = action(&disk, "A3");
    assert_eq!(a3.status, ActionStatus::Done);
    assert_eq!(a3.updates.last(), Some(&update));
}

#[test]
fn rescoring_keeps_history_and_its_undo_takes_it_back() {
    let mut disk = disk();
    let risk = |d: &OnDisk| d.risks.as_ref().unwrap().risks.iter().find(|r| r.reference == "R2").unwrap().clone();
    let before = risk(&disk);
    let rescore = Change::edit_risk_named(
        "R2",
        RiskEdit::Rescore { was: before.current(), now: Score::new(4, 3).unwrap(), on: date("2022-03-03") },
    );
    let undo = rescore.apply(&mut disk).unwrap().undo.unwrap();
    let after = risk(&disk);
    assert_eq!((after.score(), after.history.len()), (12, before.history.len() + 1));
    Change::Undo(Box::new(undo)).apply(&mut disk).unwrap();
    assert_eq!(risk(&disk), before);
}

#[test]
fn a_closed_risk_reopens() {
    let mut disk = disk();
    let close = Change::edit_risk_named("R1", RiskEdit::Status { was: RiskStatus::Open, now: RiskStatus::Closed });
    let undo = close.apply(&mut disk).unwrap().undo.unwrap();
    assert!(close.apply(&mut disk).unwrap_err().to_string().contains("already closed"));
    assert_eq!(undo.apply(&mut disk).unwrap().summary, "R1 reopened");
}

fn mark(initials: &str, status: AttendanceStatus, was: Option<crate::model::Attendance>) -> Change {
    Change::Attendance {
        meeting: date("2022-03-03"),
        initials: initials.into(),
        edit: crate::model::attendance::AttendanceEdit::Mark(status),
        at: at("2022-03-03T09:55:00+00:00"),
        was,
    }
}

#[test]
fn two_people_marked_from_two_gavels_both_stay_and_one_person_twice_conflicts() {
    let mut disk = disk();
    mark("MM", AttendanceStatus::Present, None).apply(&mut disk).unwrap();
    mark("PD", AttendanceStatus::Present, None).apply(&mut disk).unwrap();
    let meeting = disk.meeting.as_ref().unwrap();
    assert!(["MM", "PD"].iter().all(|i| meeting.attendance_of(i).unwrap().status == AttendanceStatus::Present));
    let refused = mark("MM", AttendanceStatus::Apologies, None).apply(&mut disk).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "MM's attendance status was changed to present in another gavel since you opened the edit; yours: apologies"
    );
}

#[test]
fn undo_of_a_mark_puts_the_person_back_to_expected() {
    let mut disk = disk();
    let undo = mark("GB", AttendanceStatus::Present, None).apply(&mut disk).unwrap().undo.unwrap();
    Change::Undo(Box::new(undo)).apply(&mut disk).unwrap();
    assert_eq!(disk.meeting.as_ref().unwrap().attendance_of("GB"), None);
}

#[test]
fn a_timer_step_is_undone_by_a_journal_event() {
    let mut disk = disk();
    let step = |control, t| Change::Timer { meeting: date("2022-03-03"), control, at: at(t) };
    step(Control::StartOrPause, "2022-03-03T10:00:00+00:00").apply(&mut disk).unwrap();
    let undo = step(Control::Next, "2022-03-03T10:03:00+00:00").apply(&mut disk).unwrap().undo.unwrap();
    Change::Undo(Box::new(undo.stamped(at("2022-03-03T10:03:20+00:00")))).apply(&mut disk).unwrap();
    let meeting = disk.meeting.as_ref().unwrap();
    assert_eq!(meeting.journal.len(), 3, "the journal keeps the step and its undo");
    assert_eq!(crate::model::timer::TimerState::replay(meeting).unwrap().current, Some(0));
}

#[test]
fn a_note_is_edited_and_removed() {
    let mut disk = disk();
    let record = Change::Record {
        meeting: date("2022-03-03"),
        kind: NoteKind::Note,
        item: "2".into(),
        text: "Advisors confirmed".into(),
        at: at("2022-03-03T10:06:00+00:00"),
    };
    let remove = record.apply(&mut disk).unwrap().undo.unwrap();
    let Change::EditRecord { meeting, kind, item, at, was, .. } = remove.clone() else { panic!() };
    let edit =
        Change::EditRecord { meeting, kind, item, at, was, now: Some("Advisors confirmed for 19 January".into()) };
    edit.apply(&mut disk).unwrap();
    assert_eq!(disk.meeting.as_ref().unwrap().notes.last().unwrap().text, "Advisors confirmed for 19 January");
    // The remove was made for the old text: refused, naming the new one.
    assert!(remove.apply(&mut disk).unwrap_err().is_conflict());
}
