//! Quorum as a table: sizes, the chair rule, deputies, withdrawals, late
//! arrivals and early departures.

use super::*;
use crate::model::attendance::{AttendanceEdit, apply};
use crate::model::meeting::Declaration;
use crate::model::timer::{self, Control};
use crate::model::{Board, Person};

fn at(hm: &str) -> Timestamp {
    format!("2024-04-10T{hm}:00+00:00").parse().unwrap()
}

/// A board of a chair, a deputy, six members and an officer; quorum `minimum`.
fn board(minimum: u32, chair_required: bool) -> Board {
    let mut board: Board = serde_json::from_str(include_str!("../../../sample-data/small-board/gavel.json")).unwrap();
    for n in 1..=5 {
        board.people.push(Person {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            initials: format!("M{n}"),
            name: format!("Member {n}"),
            job_title: String::new(),
            organisation: String::new(),
            role: Role::Member,
            retired: false,
        });
    }
    board.quorum.minimum = minimum;
    board.quorum.requires_chair_or_deputy = chair_required;
    board
}

fn meeting() -> Meeting {
    serde_json::from_str(include_str!("../../../sample-data/small-board/meetings/2024-04-10.json")).unwrap()
}

fn mark(board: &Board, m: &mut Meeting, who: &[&str], edit: AttendanceEdit, now: &str) {
    for initials in who {
        apply(board, m, initials, &edit, at(now)).unwrap();
    }
}

#[test]
fn table() {
    use AttendanceEdit::Mark;
    let present = || Mark(AttendanceStatus::Present);
    // (minimum, chair required, who is present, quorate?, counted)
    let rows: &[(u32, bool, &[&str], bool, u32)] = &[
        (2, true, &["AC", "MA"], true, 2),
        (2, true, &["MA", "M1"], false, 2),
        (2, false, &["MA", "M1"], true, 2),
        (3, true, &["DD", "MA"], false, 2),
        (3, true, &["DD", "MA", "M1"], true, 3),
        (2, true, &["AC", "SS"], false, 1),
        (0, false, &[], true, 0),
    ];
    for (i, (minimum, chair, who, quorate, counted)) in rows.iter().enumerate() {
        let board = board(*minimum, *chair);
        let mut m = meeting();
        mark(&board, &mut m, who, present(), "09:00");
        let q = evaluate(&board, &m);
        assert_eq!((q.is_quorate(), q.present), (*quorate, *counted), "row {i}: {q:?}");
    }
}

#[test]
fn a_deputy_counts_for_the_member_they_stand_for() {
    let board = board(2, true);
    let mut m = meeting();
    // SS (an officer, not counted) deputises for the chair: counts, and satisfies the chair rule.
    apply(&board, &mut m, "SS", &AttendanceEdit::DeputyFor("AC".into()), at("09:00")).unwrap();
    mark(&board, &mut m, &["MA"], AttendanceEdit::Mark(AttendanceStatus::Present), "09:00");
    let q = evaluate(&board, &m);
    assert!(q.is_quorate() && q.present == 2, "{q:?}");
    assert_eq!(m.attendance_of("AC").unwrap().status, AttendanceStatus::Apologies);
}

#[test]
fn a_withdrawal_counts_out_for_its_item_only() {
    let board = board(3, false);
    let mut m = meeting();
    mark(&board, &mut m, &["AC", "MA", "M1"], AttendanceEdit::Mark(AttendanceStatus::Present), "18:50");
    m.declarations.push(Declaration {
        id: crate::model::id::Id::fresh(),
        initials: "MA".into(),
        item: "2".into(),
        interest: "Treasurer of the supplier".into(),
        withdrawn: true,
    });
    timer::apply(&mut m, Control::StartOrPause, at("19:00")).unwrap();
    assert!(evaluate(&board, &m).is_quorate(), "item 1: MA is in the room");
    timer::apply(&mut m, Control::Next, at("19:05")).unwrap();
    let q = evaluate(&board, &m);
    assert_eq!((q.is_quorate(), q.present, q.withdrawn), (false, 2, 1), "item 2: MA withdrawn");
    timer::apply(&mut m, Control::Next, at("19:35")).unwrap();
    timer::apply(&mut m, Control::End, at("19:45")).unwrap();
    assert_eq!(statement(&board, &m, at("20:00")).unwrap(), "inquorate from 19:05 to 19:35");
}

#[test]
fn late_arrivals_and_early_departures_make_the_record() {
    let board = board(3, false);
    let mut m = meeting();
    mark(&board, &mut m, &["AC", "MA"], AttendanceEdit::Mark(AttendanceStatus::Present), "18:55");
    timer::apply(&mut m, Control::StartOrPause, at("19:00")).unwrap();
    assert_eq!(statement(&board, &m, at("19:01")).unwrap(), "inquorate from 19:00");
    mark(&board, &mut m, &["M1"], AttendanceEdit::Arrived(at("19:10")), "19:11");
    apply(&board, &mut m, "MA", &AttendanceEdit::Left(at("19:40")), at("19:41")).unwrap();
    timer::apply(&mut m, Control::End, at("19:50")).unwrap();
    assert_eq!(statement(&board, &m, at("20:00")).unwrap(), "inquorate from 19:00 to 19:10 and from 19:40 to 19:50");
    let mut all_there = meeting();
    mark(&board, &mut all_there, &["AC", "MA", "M1"], AttendanceEdit::Mark(AttendanceStatus::Present), "18:55");
    timer::apply(&mut all_there, Control::StartOrPause, at("19:00")).unwrap();
    timer::apply(&mut all_there, Control::End, at("19:50")).unwrap();
    assert_eq!(statement(&board, &all_there, at("20:00")).unwrap(), "quorate throughout");
}

#[test]
fn a_stretch_within_one_minute_is_not_printed() {
    // Started at 19:00:05; the arrivals typed as 19:00 are held at the start second
    // and one a few seconds on: inquorate for seconds, which the minutes cannot show.
    let b = board(2, false);
    let mut m = meeting();
    let start: Timestamp = "2024-04-10T19:00:05+00:00".parse().unwrap();
    timer::apply(&mut m, Control::StartOrPause, start).unwrap();
    let a_moment_later: Timestamp = "2024-04-10T19:00:40+00:00".parse().unwrap();
    for initials in ["M1", "M2"] {
        apply(&b, &mut m, initials, &AttendanceEdit::Arrived(a_moment_later), a_moment_later).unwrap();
    }
    let spans = inquorate_spans(&b, &m, at("19:30")).unwrap();
    assert_eq!(spans.len(), 1, "the record keeps the few seconds: {spans:?}");
    assert_eq!(statement(&b, &m, at("19:30")).unwrap(), "quorate throughout");
}
