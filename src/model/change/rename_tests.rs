//! New initials for someone: every live link follows, approved minutes do not.

use super::*;
use crate::model::test_board;

fn disk() -> OnDisk {
    let root = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/southend-send/");
    let read = |name: &str| std::fs::read_to_string(format!("{root}{name}")).unwrap();
    let january: Meeting = serde_json::from_str(&read("meetings/2022-01-06.json")).unwrap();
    let mut approved = january.clone();
    approved.approved = Some("2022-03-03".parse().unwrap());
    OnDisk {
        board: test_board(),
        actions: Some(serde_json::from_str(&read("actions.json")).unwrap()),
        risks: Some(serde_json::from_str(&read("risks.json")).unwrap()),
        meeting: None,
        live: vec![january, approved, serde_json::from_str(&read("meetings/2022-03-03.json")).unwrap()],
    }
}

fn named(m: &Meeting, who: &str) -> bool {
    m.attendance.iter().any(|a| a.initials == who || a.deputy_for.as_deref() == Some(who))
        || m.agenda.iter().any(|i| i.leads.iter().any(|l| l == who))
        || m.declarations.iter().any(|d| d.initials == who)
}

#[test]
fn new_initials_are_followed_everywhere_live_and_undo() {
    let mut disk = disk();
    let before = disk.clone();
    let owned = |d: &OnDisk, who: &str| {
        d.actions.as_ref().unwrap().actions.iter().filter(|a| a.owners.iter().any(|o| o == who)).count()
    };
    let gb_actions = owned(&disk, "GB");
    assert!(gb_actions > 0 && named(&disk.live[0], "GB"), "the sample names GB");
    let applied = Change::Rename { from: "GB".into(), to: "GBl".into() }.apply(&mut disk).unwrap();
    assert!(applied.summary.starts_with("GB (Gary Bloom) is now GBl"), "{}", applied.summary);
    assert!(disk.board.person("GB").is_none() && disk.board.person("GBl").is_some());
    assert_eq!((owned(&disk, "GB"), owned(&disk, "GBl")), (0, gb_actions));
    assert!(!named(&disk.live[0], "GB") && named(&disk.live[0], "GBl"));
    assert_eq!(disk.live[1], before.live[1], "approved minutes keep the initials they were approved with");
    let problems = crate::model::validate::validate_actions(&disk.board, disk.actions.as_ref().unwrap());
    assert!(problems.is_empty(), "{problems:?}");
    applied.undo.unwrap().apply(&mut disk).unwrap();
    assert_eq!(disk, before, "undone whole");
}

#[test]
fn taken_or_bad_initials_are_refused() {
    let mut disk = disk();
    let taken = Change::Rename { from: "GB".into(), to: "pd".into() }.apply(&mut disk).unwrap_err();
    assert!(taken.to_string().contains("already"), "{taken}");
    assert!(Change::Rename { from: "GB".into(), to: "G B".into() }.apply(&mut disk).is_err());
    assert!(Change::Rename { from: "ZZ".into(), to: "ZY".into() }.apply(&mut disk).is_err());
}

#[test]
fn honorifics_are_not_initials() {
    let board = test_board();
    assert_eq!(people::propose_initials(&board, "Dr Rahul Patel"), "RP");
    assert_eq!(people::propose_initials(&board, "Prof. Sir Amara Okafor"), "AO");
    assert_eq!(people::untitled("Cllr Jane Doe"), "Jane Doe");
}

#[test]
fn someone_named_anywhere_live_stays_in_the_register() {
    let mut disk = disk();
    let gb = disk.board.person("GB").unwrap().clone();
    let out = Change::Person { initials: "GB".into(), expect: Some(gb), restore: None };
    assert!(out.needs().live_meetings, "checked under the lock against every live meeting");
    let why = out.apply(&mut disk).unwrap_err().to_string();
    assert!(why.starts_with("GB is owner of A"), "{why}");
    let mut board = disk.board.clone();
    let nobody = crate::model::Person { initials: "NB".into(), name: "No Body".into(), ..board.people[0].clone() };
    Change::AddPerson { person: nobody.clone() }.apply_to_board(&mut board).unwrap();
    disk.board = board;
    Change::Person { initials: "NB".into(), expect: Some(nobody), restore: None }.apply(&mut disk).unwrap();
    assert!(disk.board.person("NB").is_none());
}
