//! A minutes' action table pasted or imported: read by its columns.

use super::columns::{self, Column, map_header};
use super::*;
use crate::model::{Group, Person, Role};

const TABLE: &str = include_str!("../../../tests/data/action-table.tsv");

fn board() -> Board {
    let mut board = crate::model::test_board();
    for (initials, name) in [("LM", "Lucy Marsh"), ("TR", "Tom Reed")] {
        board.people.push(Person {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            initials: initials.into(),
            name: name.into(),
            job_title: String::new(),
            organisation: String::new(),
            role: Role::Officer,
            retired: false,
        });
    }
    for (initials, name) in [("SROs", "Senior Responsible Owners"), ("All", "All members")] {
        board.groups.push(Group::new(initials, name, vec![]));
    }
    board
}

fn ctx() -> DateContext {
    DateContext {
        today: "2024-03-07".parse().unwrap(),
        order: DateOrder::DayFirst,
        next_meeting: Some("2024-05-09".parse().unwrap()),
        meeting_today: MeetingToday::None,
    }
}

fn on(date: &str) -> Option<Deadline> {
    Some(Deadline::On(date.parse().unwrap()))
}

/// A row as checked: ref, text, owners, deadline, how many warnings.
type Want<'a> = (&'a str, &'a str, &'a [&'a str], Option<Deadline>, usize);

#[test]
fn the_pasted_table_gives_exactly_its_cells() {
    let table = columns::split(TABLE).expect("a table");
    assert!(table.headed);
    let rows = table.read(&board(), &ctx());
    let want: &[Want] = &[
        ("a", "Circulate the revised terms of reference to members", &["CJ"], on("2024-05-01"), 0),
        ("b", "Invite the DfE advisors to the next meeting", &["GB", "PD"], on("2024-04-30"), 1),
        (
            "c",
            "Refresh the SEND scorecard and share it with partners before the workshop",
            &["SROs"],
            on("2024-05-31"),
            0,
        ),
        ("d", "Update the risk log with the new scores", &["Scrum"], on("2024-06-14"), 0),
        ("e", "Report on the EHCP timeliness audit", &["All"], Some(Deadline::Tbc), 0),
        ("f", "Arrange a separate meeting on the capacity review", &["MM", "CMc"], on("2024-05-01"), 0),
        (
            "g",
            "Write to the DfE about the written statement of action and copy in the NHSE lead",
            &["LM", "TR"],
            on("2024-05-17"),
            0,
        ),
        ("h", "Share the peer review findings with schools", &["KR"], on("2024-05-09"), 0),
        ("i", "Review the QA handbook and report back on the changes", &["KB"], on("2024-06-28"), 0),
        ("j", "Confirm the SENDIASS review date", &["BM"], None, 1),
        ("k", "Agree the communications plan", &[], on("2024-04-30"), 1),
        ("l", "Chair the review panel", &["CJ"], on("2024-07-15"), 1),
    ];
    assert_eq!(rows.len(), want.len(), "{rows:#?}");
    for (row, (reference, text, owners, due, warnings)) in rows.iter().zip(want) {
        let reading = row.reading.as_ref().unwrap_or_else(|e| panic!("row {reference}: {e}"));
        assert_eq!(row.reference.as_deref(), Some(*reference));
        assert_eq!(reading.draft.text, *text, "row {reference}");
        assert_eq!(reading.draft.owners, *owners, "row {reference}");
        assert_eq!(reading.draft.due, *due, "row {reference}");
        assert_eq!(reading.warnings.len(), *warnings, "row {reference}: {:?}", reading.warnings);
    }
}

#[test]
fn headers_go_by_their_usual_names() {
    let cells = |s: &str| s.split(',').map(str::to_string).collect::<Vec<_>>();
    let rows: &[(&str, &[Option<Column>])] = &[
        ("No,Item,Action,Deadline", &[Some(Column::Ref), None, Some(Column::Action), Some(Column::Deadline)]),
        (
            "#,Description,Who,By when",
            &[Some(Column::Ref), Some(Column::Action), Some(Column::Owner), Some(Column::Deadline)],
        ),
        (
            "Ref.,Item,Responsible,Due date,Progress",
            &[
                Some(Column::Ref),
                Some(Column::Action),
                Some(Column::Owner),
                Some(Column::Deadline),
                Some(Column::Updates),
            ],
        ),
        (
            "\u{feff}Ref,Action,Lead,Date,Status,Comments",
            &[
                Some(Column::Ref),
                Some(Column::Action),
                Some(Column::Owner),
                Some(Column::Deadline),
                Some(Column::Status),
                Some(Column::Updates),
            ],
        ),
    ];
    for (header, want) in rows {
        assert_eq!(map_header(&cells(header)), *want, "{header}");
    }
}

#[test]
fn a_table_without_a_header_is_told_by_its_cells() {
    let text = "1.\tSend the papers to members\tGB\t01.05.24\n2.\tBook the room for the workshop\tCJ/PD\tApril 2024\n";
    let table = columns::split(text).expect("a table");
    assert!(!table.headed);
    assert_eq!(table.columns, [Some(Column::Ref), Some(Column::Action), Some(Column::Owner), Some(Column::Deadline)]);
    let rows = table.read(&board(), &ctx());
    assert_eq!(rows[1].reading.as_ref().unwrap().draft.owners, ["CJ", "PD"]);
}

#[test]
fn lines_with_no_table_shape_are_not_a_table() {
    assert_eq!(columns::split("Send the papers @GB due Friday\nBook the room @CJ"), None);
    assert_eq!(columns::split("Action: GB, PD and BM to agree the lines, by Friday"), None);
}

#[test]
fn an_owner_the_register_lacks_is_named() {
    let text = "No\tAction\tOwner\tDeadline\na.\tSend the papers\tGB/ZZ\t1.5.24\n";
    let rows = columns::split(text).unwrap().read(&board(), &ctx());
    let why = rows[0].reading.as_ref().unwrap_err();
    assert!(why.starts_with("Owner: \"ZZ\" is not in the people register"), "{why}");
}

#[test]
fn a_subject_the_owner_cell_names_leaves_the_text() {
    let text = "No\tAction\tOwner\tDeadline\na.\tGB to circulate the tracker\tGB\t1.5.24\nb.\tPD to book the room\tCJ\t1.5.24\n";
    let rows = columns::split(text).unwrap().read(&board(), &ctx());
    let texts: Vec<&str> = rows.iter().map(|r| r.reading.as_ref().unwrap().draft.text.as_str()).collect();
    assert_eq!(texts, ["Circulate the tracker", "PD to book the room"]);
}
