use super::*;
use crate::model::ActionStatus;
use crate::model::id::Id;
use crate::model::meeting::Purpose;

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn item(number: &str, title: &str) -> AgendaItem {
    AgendaItem {
        id: Id::fresh(),
        number: number.into(),
        title: title.into(),
        leads: vec![],
        planned_minutes: 10,
        papers: vec![],
        purpose: Purpose::Discussion,
    }
}

fn meeting(titles: &[&str]) -> Meeting {
    let at = |h| chrono::NaiveTime::from_hms_opt(h, 0, 0).unwrap();
    let mut m = Meeting::planned(date("2026-12-08"), "Board".into(), String::new(), at(10), at(12));
    m.agenda = titles.iter().enumerate().map(|(i, t)| item(&(i + 1).to_string(), t)).collect();
    m
}

fn action(raised: Raised) -> Action {
    let draft = crate::model::quickadd::QuickAdd { text: "Send the papers".into(), owners: vec![], due: None };
    let a = Action::new("A1".into(), draft, Some(raised));
    assert_eq!(a.status, ActionStatus::Open);
    a
}

fn raised_of(actions: &[Action], i: usize) -> Raised {
    actions[i].raised.clone().unwrap()
}

/// The agenda reordered, numbered again by its order (`change::cycle::renumber`).
fn reordered(mut m: Meeting) -> Meeting {
    m.agenda.reverse();
    crate::model::change::cycle::renumber(&mut m.agenda);
    m
}

#[test]
fn the_item_is_found_by_its_identity_whatever_number_it_bears_now() {
    let before = meeting(&["Welcome", "Budget", "AOB"]);
    let raised = Raised::under(before.date, &before.agenda[0], None);
    assert_eq!(raised.item.as_deref(), Some("1"));
    let after = reordered(before);
    let found = after.raised_item(&raised).unwrap();
    assert_eq!((found.title.as_str(), found.number.as_str()), ("Welcome", "3"), "item 1 is AOB now");
    let mut gone = after.clone();
    gone.agenda.retain(|i| i.title != "Welcome");
    assert_eq!(gone.raised_item(&raised), None, "never the item that took its number");
}

#[test]
fn a_number_alone_names_the_item_it_numbers_and_another_meeting_names_none() {
    let m = meeting(&["Welcome", "Budget"]);
    let typed = Raised { meeting: m.date, item: Some("2".into()), item_id: None, at: None };
    assert_eq!(m.raised_item(&typed).map(|i| i.title.as_str()), Some("Budget"));
    let elsewhere = Raised { meeting: date("2026-11-01"), ..typed.clone() };
    assert_eq!(m.raised_item(&elsewhere), None);
    let none = Raised { item: Some("9".into()), ..typed };
    assert_eq!(m.raised_item(&none), None);
}

#[test]
fn the_number_shown_is_the_items_own_when_its_meeting_is_read() {
    let before = meeting(&["Welcome", "Budget", "AOB"]);
    let raised = Raised::under(before.date, &before.agenda[0], None);
    let board = crate::model::test_board();
    let empty = crate::model::RiskRegister::empty();
    let mut ws = Workspace { board, actions: crate::model::ActionLog::empty(), risks: empty, meetings: vec![] };
    assert_eq!(ws.raised_number(&raised), Some("1"), "the meeting not read: the number stored");
    ws.meetings.push(reordered(before));
    assert_eq!(ws.raised_number(&raised), Some("3"));
    assert_eq!(ws.raised_item(&raised).map(|i| i.title.as_str()), Some("Welcome"));
    ws.meetings[0].agenda.remove(2);
    assert_eq!(ws.raised_number(&raised), None, "an identity its meeting no longer has names no item");
    let typed = Raised { item_id: None, item: Some("7".into()), ..raised };
    assert_eq!(ws.raised_number(&typed), Some("7"), "a number typed by hand is shown as typed");
}

#[test]
fn following_stores_the_number_now_and_gives_a_number_alone_its_identity() {
    let before = meeting(&["Welcome", "Budget", "AOB"]);
    let typed = Raised { meeting: before.date, item: Some("3".into()), item_id: None, at: None };
    let mut actions = vec![action(Raised::under(before.date, &before.agenda[0], None)), action(typed)];
    let after = reordered(before.clone());
    assert_eq!(follow_items(&mut actions, [&after]), 2);
    let first = actions[0].raised.as_ref().unwrap();
    assert_eq!((first.item.as_deref(), first.item_id.as_ref()), (Some("3"), Some(&before.agenda[0].id)));
    let second = actions[1].raised.as_ref().unwrap();
    assert_eq!(second.item.as_deref(), Some("3"));
    assert_eq!(second.item_id.as_ref(), Some(&after.agenda[2].id), "item 3 as it was read: AOB");
    assert_eq!(follow_items(&mut actions, [&after]), 0, "followed once, nothing more to do");
    let other = Meeting { date: date("2026-11-01"), ..after };
    assert_eq!(follow_items(&mut actions, [&other]), 0, "another meeting's items are not theirs");
}

#[test]
fn a_renumbered_agenda_takes_each_action_to_the_item_it_named_before() {
    let before = meeting(&["Welcome", "Budget", "AOB"]);
    let by_id = Raised::under(before.date, &before.agenda[0], None);
    let typed = Raised { meeting: before.date, item: Some("2".into()), item_id: None, at: None };
    let nothing = Raised { item: Some("9".into()), ..typed.clone() };
    let elsewhere = Raised { meeting: date("2026-11-01"), ..typed.clone() };
    let mut actions: Vec<Action> = [&by_id, &typed, &nothing, &elsewhere].map(|r| action(r.clone())).into();
    let stamp = Stamp { at: "2026-12-01T09:00:00+00:00".parse().unwrap(), by: "Zoe Fearon".into(), reason: None };
    // Reversed: Welcome is 3, Budget stays 2, AOB is 1.
    let after = reordered(before.clone());
    assert_eq!(renumbered(&mut actions, &before, &after, &stamp), 2);
    assert_eq!(
        (raised_of(&actions, 0).item.as_deref(), raised_of(&actions, 0).item_id),
        (Some("3"), Some(before.agenda[0].id.clone()))
    );
    assert_eq!(
        raised_of(&actions, 1).item_id,
        Some(before.agenda[1].id.clone()),
        "a number alone: the item it named before"
    );
    assert_eq!(
        (raised_of(&actions, 2), raised_of(&actions, 3)),
        (nothing, elsewhere),
        "naming nothing there, or another meeting: as they were"
    );
    assert!(actions.iter().all(|a| a.changes.is_empty()), "a label that followed its item is noted nowhere");

    // Budget taken off: its action keeps the meeting, loses the item, says why.
    let mut cut = after.clone();
    cut.agenda.retain(|i| i.title != "Budget");
    crate::model::change::cycle::renumber(&mut cut.agenda);
    assert_eq!(renumbered(&mut actions, &after, &cut, &stamp), 2, "Welcome is 2 now; Budget is gone");
    assert_eq!(raised_of(&actions, 0).item.as_deref(), Some("2"));
    assert_eq!(
        (raised_of(&actions, 1).meeting, raised_of(&actions, 1).item, raised_of(&actions, 1).item_id),
        (after.date, None, None)
    );
    let entry = actions[1].changes.last().unwrap();
    assert_eq!((entry.fields[0].field.as_str(), entry.by.as_str()), ("raised.item", "Zoe Fearon"));
    assert!(entry.reason.as_deref().unwrap().contains("taken off the agenda of 8 December 2026"), "{entry:?}");
}

#[test]
fn the_file_keeps_the_number_beside_the_identity_and_reads_a_number_alone() {
    let m = meeting(&["Welcome"]);
    let raised = Raised::under(m.date, &m.agenda[0], None);
    let text = serde_json::to_string(&raised).unwrap();
    assert_eq!(text, format!(r#"{{"meeting":"2026-12-08","item":"1","item_id":"{}"}}"#, m.agenda[0].id));
    let old: Raised = serde_json::from_str(r#"{"meeting":"2026-12-08","item":"4"}"#).unwrap();
    assert_eq!((old.item.as_deref(), old.item_id), (Some("4"), None));
    let err = serde_json::from_str::<Raised>(r#"{"meeting":"2026-12-08","item_ref":"4"}"#).unwrap_err();
    assert!(err.to_string().contains("unknown field"), "{err}");
}

#[test]
fn a_merge_takes_an_items_number_and_identity_from_one_side_never_one_of_each() {
    use crate::model::merge::{Document, merge};
    use serde_json::json;
    let log = |item: &str, id: &str| {
        let raised = json!({"meeting": "2026-12-08", "item": item, "item_id": id});
        json!({"schema_version": 3, "actions": [{"id": "a1", "ref": "A1", "text": "x", "status": "open", "raised": raised}]})
    };
    let now = "2026-12-09T10:00:00+00:00".parse().unwrap();
    let raised = |v: &serde_json::Value| v["actions"][0]["raised"].clone();
    // This laptop stored item 4's new number; the other linked it to another item.
    let (base, ours, theirs) = (log("4", "item4"), log("5", "item4"), log("4", "item9"));
    let out = merge(Document::Actions, &base, &ours, &theirs, now);
    assert_eq!(raised(&out.value), raised(&theirs), "the other machine's link, whole");
    assert_eq!(out.report.len(), 1, "{:?}", out.report);
    let out = merge(Document::Actions, &base, &ours, &base, now);
    assert_eq!(raised(&out.value), raised(&ours), "changed on one side only: that side's, whole");
}

#[test]
fn a_link_that_followed_its_item_is_the_same_place() {
    let m = meeting(&["Welcome", "Budget"]);
    let stored = Raised { meeting: m.date, item: Some("2".into()), item_id: None, at: None };
    let followed = Raised::under(m.date, &m.agenda[1], None);
    assert!(followed.same_place(&stored) && stored.same_place(&followed));
    let renumbered = Raised { item: Some("1".into()), ..followed.clone() };
    assert!(renumbered.same_place(&followed));
    let other = Raised::under(m.date, &m.agenda[0], None);
    assert!(!other.same_place(&followed), "another item");
    let typed = Raised { item: Some("1".into()), ..stored.clone() };
    assert!(!typed.same_place(&stored), "numbers alone, differing");
}

#[test]
fn an_action_raised_while_the_meeting_runs_is_linked_to_the_current_item_by_identity() {
    let mut m = meeting(&["Welcome", "Budget"]);
    let at = |t: &str| -> Timestamp { format!("2026-12-08T{t}:00+00:00").parse().unwrap() };
    let board = crate::model::test_board();
    let (actions, risks) = (crate::model::ActionLog::empty(), crate::model::RiskRegister::empty());
    let mut ws = Workspace { board, actions, risks, meetings: vec![m.clone()] };
    assert_eq!(ws.raised_now(at("10:00")), None, "no meeting running");
    crate::model::timer::apply(&mut m, crate::model::timer::Control::StartOrPause, at("10:00")).unwrap();
    crate::model::timer::apply(&mut m, crate::model::timer::Control::Next, at("10:05")).unwrap();
    ws.meetings = vec![m.clone()];
    let raised = ws.raised_now(at("10:06")).unwrap();
    assert_eq!((raised.item.as_deref(), raised.item_id.as_ref()), (Some("2"), Some(&m.agenda[1].id)));
    assert_eq!(raised.at, Some(at("10:06")));
}

#[test]
fn an_empty_identity_typed_by_hand_is_no_identity() {
    let mut m = meeting(&["Welcome", "Budget"]);
    m.agenda[0].id = Id::default();
    let typed = Raised { meeting: m.date, item: Some("2".into()), item_id: Some(Id::default()), at: None };
    assert_eq!(m.raised_item(&typed).map(|i| i.title.as_str()), Some("Budget"), "by its number, not the unset one");
    assert!(!typed.item_gone(&m));
}
