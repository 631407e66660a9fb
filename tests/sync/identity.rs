//! Records made or changed on two laptops, merged by identity (issue 26,
//! "Records fused or lost"): each scenario two clones and `gavel sync`.

use super::{Board, action, add, board, commit, gavel};
use gavel::model::Change;
use gavel::model::change::{ActionEdit, Closure, FieldEdit, RiskEdit};
use gavel::model::risk::{NewRisk, RiskStatus, Score};
use gavel::store;
use std::path::Path;

fn w(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

/// Both clones hold the same bytes in this file too.
fn same(board: &Board, name: &str) {
    let read = |root: &Path| std::fs::read_to_string(root.join(name)).unwrap();
    assert!(read(&board.a) == read(&board.b), "{name} differs between the clones");
}

#[test]
fn two_people_added_with_one_set_of_initials_stay_two() {
    let board = board();
    gavel(&board.a, &["people", "add", "Carol Fisher", "--initials", "CF", "-w", &w(&board.a)]);
    gavel(&board.b, &["people", "add", "Colin Ford", "--initials", "CF", "-w", &w(&board.b)]);
    let report = board.sync_both();
    let people = store::load(&board.a).unwrap().board.people;
    let named = |initials: &str| people.iter().find(|p| p.initials == initials).map(|p| p.name.clone());
    assert_eq!((named("CF"), named("CF2")), (Some("Carol Fisher".into()), Some("Colin Ford".into())));
    assert!(report.contains("change it with `gavel people edit CF2 --initials …`"), "{report}");
}

fn new_risk(title: &str) -> Change {
    let new = NewRisk { title: title.into(), owner: "GB".into(), score: Score::new(3, 4).unwrap(), review: None };
    Change::AddRisk { new, today: "2022-03-03".parse().unwrap() }
}

fn risk(root: &Path, reference: &str) -> gavel::model::Risk {
    store::load(root).unwrap().risks.risks.into_iter().find(|r| r.reference == reference).unwrap()
}

#[test]
fn two_risks_added_with_one_ref_stay_two() {
    let board = board();
    let next = store::load(&board.a).unwrap().risks.next_ref();
    commit(&board.a, new_risk("Estates backlog"));
    commit(&board.b, new_risk("Staff turnover"));
    let report = board.sync_both();
    let after = store::load(&board.a).unwrap().risks.next_ref();
    assert_eq!(risk(&board.a, &next).title, "Estates backlog");
    let renumbered = store::load(&board.a).unwrap().risks.risks.into_iter().find(|r| r.title == "Staff turnover");
    assert!(renumbered.is_some_and(|r| r.reference != next && r.reference < after), "{report}");
}

#[test]
fn a_close_and_a_rescore_end_closed_with_the_rescore_in_every_file() {
    close_and_rescore(false);
}

#[test]
fn a_close_that_archives_and_a_rescore_end_closed_in_every_file() {
    close_and_rescore(true);
}

/// R4 closed on A (and, once the board has met the next year, moved to
/// the archive) while B rescores it.
fn close_and_rescore(archived: bool) {
    let board = board();
    if archived {
        // A meeting the next year: what closed in 2022 (R4 was last scored then) is archived.
        gavel(&board.a, &["meeting", "new", "2023-01-12", "-w", &w(&board.a)]);
        board.sync_both();
    }
    let r4 = risk(&board.a, "R4");
    let close = RiskEdit::Status { was: RiskStatus::Open, now: RiskStatus::Closed };
    commit(&board.a, Change::edit_risk_named("R4", close));
    let rescore =
        RiskEdit::Rescore { was: r4.current(), now: Score::new(5, 5).unwrap(), on: "2022-03-03".parse().unwrap() };
    commit(&board.b, Change::edit_risk_named("R4", rescore));
    if archived {
        assert!(std::fs::read_dir(board.a.join("archive")).unwrap().count() > 0, "R4 went to the archive on A");
        let daily: gavel::model::RiskRegister =
            serde_json::from_str(&std::fs::read_to_string(board.a.join("risks.json")).unwrap()).unwrap();
        assert!(daily.risks.iter().all(|r| r.reference != "R4"), "R4 left risks.json on A");
    }
    board.sync_both();
    for root in [&board.a, &board.b] {
        let r4 = risk(root, "R4");
        assert_eq!((r4.status, r4.score()), (RiskStatus::Closed, 25), "closed, with the rescore");
        for file in std::fs::read_dir(root.join("archive")).into_iter().flatten().flatten() {
            let text = std::fs::read_to_string(file.path()).unwrap();
            let register: gavel::model::RiskRegister =
                serde_json::from_str(&text).unwrap_or_else(|_| gavel::model::RiskRegister::empty());
            assert!(register.risks.iter().all(|r| r.reference != "R4" || r.status == RiskStatus::Closed));
        }
    }
    same(&board, "risks.json");
}

/// Every copy of the action `reference` in the workspace: the daily file's, then the archive's.
fn copies_of(root: &Path, reference: &str) -> Vec<gavel::model::Action> {
    let read = |path: &Path| -> gavel::model::ActionLog {
        let _register = gavel::model::link::in_force(Some(gavel::model::link::Directory::of(
            &store::load_document::<gavel::model::Board>(&root.join("gavel.json")).unwrap().unwrap(),
        )));
        store::load_document(path).unwrap().unwrap()
    };
    let mut files = vec![root.join("actions.json")];
    files.extend(std::fs::read_dir(root.join("archive")).into_iter().flatten().flatten().map(|e| e.path()));
    let named = files.iter().flat_map(|f| read(f).actions).filter(|a| a.reference == reference);
    named.collect()
}

#[test]
fn an_action_done_and_archived_on_one_laptop_and_updated_on_the_other_ends_done_with_the_update() {
    let board = board();
    // The January meeting is planned: what is done in 2022 goes to the archive at once.
    gavel(&board.a, &["meeting", "new", "2023-01-12", "-w", &w(&board.a)]);
    board.sync_both();
    let a3 = action(&board.a, "A3");
    let done = Closure::set(gavel::model::ActionStatus::Done, "2022-03-03".parse().unwrap());
    commit(&board.a, Change::edit_action_named("A3", ActionEdit::Status { was: Closure::of(&a3), now: done }));
    assert!(copies_of(&board.a, "A3").iter().all(|a| a.status.is_closed()), "A3 went to the archive on A");
    let update = gavel::model::action::Update { date: "2022-03-03".parse().unwrap(), text: "Chased by email".into() };
    commit(&board.b, Change::edit_action_named("A3", ActionEdit::AddUpdate(update)));
    let text = FieldEdit::Text { was: a3.text.clone(), now: "Book the hall for June".into() };
    commit(&board.b, Change::edit_action_named("A3", ActionEdit::Fields(vec![text])));
    let report = board.sync_both();
    assert!(report.contains("A3: closed and archived on one machine and changed on the other"), "{report}");
    for root in [&board.a, &board.b] {
        let copies = copies_of(root, "A3");
        assert_eq!(copies.len(), 1, "one A3, in the archive: {copies:?}");
        let a3 = &copies[0];
        assert_eq!(a3.status, gavel::model::ActionStatus::Done, "done, as A left it");
        assert_eq!(a3.text, "Book the hall for June", "with B's edit");
        assert!(a3.updates.iter().any(|u| u.text == "Chased by email"), "and B's update");
        gavel(root, &["validate", "-w", &w(root)]);
    }
    same(&board, "actions.json");
}

#[test]
fn a_ref_given_on_both_laptops_and_archived_on_one_stays_with_both_actions() {
    let board = board();
    gavel(&board.a, &["meeting", "new", "2023-01-12", "-w", &w(&board.a)]);
    board.sync_both();
    let next = store::load(&board.a).unwrap().actions.next_ref();
    add(&board.a, "Book the room for June @GB");
    add(&board.b, "Order the banners @MM");
    let mine = action(&board.a, &next);
    let done = Closure::set(gavel::model::ActionStatus::Done, "2022-03-03".parse().unwrap());
    commit(&board.a, Change::edit_action(&mine, ActionEdit::Status { was: Closure::of(&mine), now: done }));
    let report = board.sync_both();
    for root in [&board.a, &board.b] {
        let booked = copies_of(root, &next);
        assert_eq!(booked.len(), 1, "{next} is the archived action's alone: {booked:?}\n{report}");
        assert!(booked[0].text.starts_with("Book the room"), "{booked:?}");
        let all = store::load(root).unwrap().actions.actions;
        assert!(all.iter().any(|a| a.text == "Order the banners" && a.reference != next), "renumbered:\n{report}");
        gavel(root, &["validate", "-w", &w(root)]);
    }
    same(&board, "actions.json");
}

#[test]
fn a_retired_ref_is_never_given_to_another_action() {
    let board = board();
    add(&board.a, "Added by mistake @GB");
    let mistake = action(&board.a, "A14");
    commit(&board.a, Change::DeleteAction { was: mistake });
    add(&board.b, "Book the room for June @MM");
    board.sync_both();
    let log = store::load(&board.a).unwrap().actions;
    assert!(log.retired.contains(&"A14".to_string()));
    assert!(log.actions.iter().all(|a| a.reference != "A14"), "the retired A14 is given to no one");
    assert!(log.actions.iter().any(|a| a.text == "Book the room for June"));
}

#[test]
fn the_same_deadline_changed_on_both_is_said_and_kept_in_the_history() {
    let board = board();
    for (root, day) in [(&board.a, "2022-03-12"), (&board.b, "2022-03-05")] {
        let a2 = action(root, "A2");
        let due = FieldEdit::Due { was: a2.due, now: Some(gavel::model::Deadline::On(day.parse().unwrap())) };
        commit(root, Change::edit_action_named("A2", ActionEdit::Fields(vec![due])));
    }
    let report = board.sync_both();
    assert!(report.contains("1 field changed on both (A2 due: kept 12 Mar, yours 5 Mar in its history)"), "{report}");
    let a2 = action(&board.a, "A2");
    let entry = a2.changes.iter().find(|e| e.by == "gavel merge").expect("the merge's entry in the history");
    assert_eq!(entry.fields[0].from, Some(serde_json::json!("2022-03-05")));
}

fn planned(board: &Board) -> chrono::NaiveDate {
    gavel(&board.a, &["meeting", "new", "2022-04-07", "-w", &w(&board.a)]);
    board.sync_both();
    "2022-04-07".parse().unwrap()
}

fn agenda(root: &Path, date: chrono::NaiveDate) -> Vec<gavel::model::AgendaItem> {
    store::load(root).unwrap().meetings.into_iter().find(|m| m.date == date).unwrap().agenda
}

#[test]
fn two_items_added_to_one_meeting_stay_two() {
    let board = board();
    let date = planned(&board);
    let before = agenda(&board.a, date).len();
    gavel(&board.a, &["agenda", "add", "2022-04-07", "Budget @GB 10m", "-w", &w(&board.a)]);
    gavel(&board.b, &["agenda", "add", "2022-04-07", "SEND capacity review @MM 15m", "-w", &w(&board.b)]);
    board.sync_both();
    same(&board, "meetings/2022-04-07.json");
    let items = agenda(&board.a, date);
    assert_eq!(items.len(), before + 2);
    let numbers: Vec<String> = items.iter().map(|i| i.number.clone()).collect();
    assert_eq!(numbers, (1..=items.len()).map(|n| n.to_string()).collect::<Vec<_>>());
    assert!(items.iter().any(|i| i.title == "Budget") && items.iter().any(|i| i.title == "SEND capacity review"));
}

#[test]
fn a_reorder_and_a_rename_both_survive() {
    let board = board();
    let date = planned(&board);
    for line in ["Terms of Reference review @GB 10m", "SEND capacity @MM 15m"] {
        gavel(&board.a, &["agenda", "add", "2022-04-07", line, "-w", &w(&board.a)]);
    }
    board.sync_both();
    let items = agenda(&board.b, date);
    let at = |title: &str| items.iter().position(|i| i.title == title).unwrap();
    let (terms, send) = (at("Terms of Reference review"), at("SEND capacity"));
    gavel(&board.a, &["agenda", "move", "2022-04-07", &items[send].number, &items[terms].number, "-w", &w(&board.a)]);
    let mut renamed = items.clone();
    renamed[send].title = "SEND capacity review".into();
    let summary = "renamed".to_string();
    commit(&board.b, Change::Agenda { meeting: date, was: items.clone(), now: renamed, summary });
    board.sync_both();
    same(&board, "meetings/2022-04-07.json");
    let merged = agenda(&board.a, date);
    let titles: Vec<&str> = merged.iter().map(|i| i.title.as_str()).collect();
    assert_eq!(merged.len(), items.len(), "{titles:?}");
    let (send, terms) = (
        titles.iter().position(|t| *t == "SEND capacity review"),
        titles.iter().position(|t| *t == "Terms of Reference review"),
    );
    assert!(send.is_some() && terms.is_some() && send < terms, "moved and renamed: {titles:?}");
}
