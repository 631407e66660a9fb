use super::*;
use crate::model::action::Update;
use crate::model::quickadd::QuickAdd;
use crate::model::record::Document;
use crate::model::{Action, ActionLog, ActionStatus, Deadline};
use chrono::NaiveDate;

fn stamp(reason: Option<&str>) -> Stamp {
    let at = chrono::DateTime::parse_from_rfc3339("2027-01-05T10:00:00+00:00").unwrap();
    Stamp { at, by: "Zoe Fearon".into(), reason: reason.map(String::from) }
}

fn log() -> ActionLog {
    let draft = QuickAdd { text: "Circulate the tracker".into(), owners: vec!["GB".into()], due: None };
    let mut log = ActionLog::empty();
    log.actions.push(Action::new("A1".into(), draft.clone(), None));
    log.actions.push(Action::new("A2".into(), draft, None));
    log
}

fn day(d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
}

#[test]
fn an_edit_is_noted_field_by_field_with_who_when_and_why() {
    let before = log();
    let mut after = before.clone();
    after.actions[1].owners = vec!["PD".into()];
    after.actions[1].due = Some(Deadline::On(day(20)));
    after.note_changes(&before, &stamp(Some("data not ready")));
    assert!(after.actions[0].changes.is_empty(), "an action not changed keeps no entry");
    let [entry] = after.actions[1].changes.as_slice() else { panic!("one entry: {:?}", after.actions[1].changes) };
    assert_eq!(entry.by, "Zoe Fearon");
    assert_eq!(entry.reason.as_deref(), Some("data not ready"));
    let words: Vec<String> = entry.fields.iter().map(words).collect();
    assert_eq!(words, ["due none → 2027-01-20", "owners GB → PD"]);
}

#[test]
fn a_new_record_is_noted_as_added_once() {
    let before = log();
    let mut after = before.clone();
    let draft = QuickAdd { text: "New".into(), owners: vec![], due: None };
    after.actions.push(Action::new("A3".into(), draft, None));
    after.note_changes(&before, &stamp(None));
    assert!(after.actions[2].changes[0].added);
    let again = after.clone();
    after.note_changes(&again, &stamp(None));
    assert_eq!(after.actions[2].changes.len(), 1);
}

#[test]
fn an_update_added_is_noted_as_the_update_not_the_whole_list() {
    let before = log();
    let mut after = before.clone();
    after.actions[0].updates.push(Update { date: day(6), text: "Draft shared".into() });
    after.actions[0].status = ActionStatus::InProgress;
    after.note_changes(&before, &stamp(None));
    let words: Vec<String> = after.actions[0].changes[0].fields.iter().map(words).collect();
    assert_eq!(words, ["status open → in_progress", "updates added: 2027-01-06 Draft shared"]);
}

#[test]
fn records_in_a_list_are_matched_by_identity_not_by_place() {
    let mut board = crate::model::test_board();
    board.give_ids();
    let mut meeting = crate::model::Meeting::planned(day(8), "Board".into(), String::new(), hm(10), hm(12));
    for (i, title) in ["Welcome", "Minutes"].iter().enumerate() {
        let item = crate::model::AgendaItem {
            id: crate::model::id::Id::fresh(),
            number: (i + 1).to_string(),
            title: title.to_string(),
            leads: vec![],
            planned_minutes: 10,
            papers: vec![],
            purpose: Default::default(),
        };
        meeting.agenda.push(item);
    }
    let before = meeting.clone();
    meeting.agenda.reverse();
    meeting.agenda[0].title = "Minutes and matters arising".into();
    crate::model::change::cycle::renumber(&mut meeting.agenda);
    note_one(Some(&before), &mut meeting, &stamp(None));
    let words: Vec<String> = meeting.changes[0].fields.iter().map(words).collect();
    assert_eq!(
        words,
        ["agenda[1].number 2 → 1", "agenda[1].title Minutes → Minutes and matters arising", "agenda[2].number 1 → 2"]
    );
}

fn hm(h: u32) -> chrono::NaiveTime {
    chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap()
}

#[test]
fn a_record_as_it_stood_at_an_instant_takes_back_later_changes_only() {
    let before = log();
    let mut after = before.clone();
    after.actions[0].owners = vec!["PD".into()];
    after.actions[0].updates.push(Update { date: day(6), text: "Chased".into() });
    let mut later = stamp(None);
    later.at += chrono::Duration::hours(2);
    after.note_changes(&before, &later);
    let earlier_stamp = stamp(None).at + chrono::Duration::hours(1);
    let then = as_at(&after.actions[0], earlier_stamp);
    assert_eq!(then.owners, ["GB"]);
    assert!(then.updates.is_empty());
    assert_eq!(as_at(&after.actions[0], later.at), after.actions[0], "nothing after the last change");
}
