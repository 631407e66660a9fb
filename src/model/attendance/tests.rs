//! The register's refusals: unknown people, a deputy for someone present,
//! a late arrival before the start, leaving before arriving.

use super::*;
use crate::model::timer::{self, Control};

fn at(hm: &str) -> Timestamp {
    format!("2024-04-10T{hm}:00+00:00").parse().unwrap()
}

fn setup() -> (Board, Meeting) {
    let board: Board = serde_json::from_str(include_str!("../../../sample-data/small-board/gavel.json")).unwrap();
    let meeting =
        serde_json::from_str(include_str!("../../../sample-data/small-board/meetings/2024-04-10.json")).unwrap();
    (board, meeting)
}

#[test]
fn refusals_name_what_is_wrong() {
    let (board, mut m) = setup();
    let present = AttendanceEdit::Mark(AttendanceStatus::Present);
    assert!(
        apply(&board, &mut m, "ZZ", &present, at("18:50")).unwrap_err().contains("ZZ is not in the people register")
    );
    assert!(
        apply(&board, &mut m, "MA", &AttendanceEdit::Arrived(at("19:10")), at("19:10"))
            .unwrap_err()
            .contains("meeting to have started")
    );
    apply(&board, &mut m, "AC", &present, at("18:50")).unwrap();
    assert!(
        apply(&board, &mut m, "DD", &AttendanceEdit::DeputyFor("AC".into()), at("18:50"))
            .unwrap_err()
            .contains("AC is present")
    );
    assert!(apply(&board, &mut m, "AC", &present, at("18:51")).unwrap_err().contains("already marked present"));
    timer::apply(&mut m, Control::StartOrPause, at("19:00")).unwrap();
    assert!(
        apply(&board, &mut m, "MA", &AttendanceEdit::Arrived(at("18:30")), at("19:10"))
            .unwrap_err()
            .contains("before the meeting started at 19:00")
    );
    assert!(
        apply(&board, &mut m, "MA", &AttendanceEdit::Left(at("19:20")), at("19:20"))
            .unwrap_err()
            .contains("not marked present")
    );
    apply(&board, &mut m, "MA", &AttendanceEdit::Arrived(at("19:10")), at("19:10")).unwrap();
    assert!(
        apply(&board, &mut m, "MA", &AttendanceEdit::Left(at("19:05")), at("19:20"))
            .unwrap_err()
            .contains("before MA was here (19:10)")
    );
}

/// The register records what has happened: a departure (or arrival)
/// still to come is refused, so no one leaves the quorum count early.
#[test]
fn a_time_still_to_come_is_refused() {
    let (board, mut m) = setup();
    timer::apply(&mut m, Control::StartOrPause, at("19:00")).unwrap();
    apply(&board, &mut m, "MA", &AttendanceEdit::Arrived(at("19:10")), at("19:10")).unwrap();
    let refused = apply(&board, &mut m, "MA", &AttendanceEdit::Left(at("19:40")), at("19:35")).unwrap_err();
    assert_eq!(refused, "19:40 is still to come (it is 19:35): mark it when it happens");
    assert_eq!(m.attendance_of("MA").unwrap().left, None);
    assert!(apply(&board, &mut m, "AC", &AttendanceEdit::Arrived(at("19:50")), at("19:35")).is_err());
    apply(&board, &mut m, "MA", &AttendanceEdit::Left(at("19:35")), at("19:35")).unwrap();
}

#[test]
fn a_time_typed_in_the_minute_the_meeting_started_is_not_before_it() {
    let (board, mut m) = setup();
    let started: Timestamp = "2024-04-10T19:00:20+00:00".parse().unwrap();
    timer::apply(&mut m, Control::StartOrPause, started).unwrap();
    apply(&board, &mut m, "MA", &AttendanceEdit::Arrived(at("19:00")), at("19:01")).unwrap();
    assert_eq!(m.attendance_of("MA").unwrap().arrived, Some(started));
    apply(&board, &mut m, "MA", &AttendanceEdit::Left(at("19:00")), at("19:01")).unwrap();
    assert_eq!(m.attendance_of("MA").unwrap().left, Some(started));
}

#[test]
fn present_after_the_first_item_and_the_grace_is_an_arrival_now() {
    let (board, mut m) = setup();
    timer::apply(&mut m, Control::StartOrPause, at("19:00")).unwrap();
    timer::apply(&mut m, Control::Next, at("19:05")).unwrap();
    apply(&board, &mut m, "MA", &AttendanceEdit::Mark(AttendanceStatus::Present), at("19:07")).unwrap();
    assert_eq!(m.attendance_of("MA").unwrap().arrived, None, "within the 10 minutes' grace");
    apply(&board, &mut m, "AC", &AttendanceEdit::Mark(AttendanceStatus::Present), at("19:11")).unwrap();
    assert_eq!(m.attendance_of("AC").unwrap().arrived, Some(at("19:11")));
    apply(&board, &mut m, "MA", &AttendanceEdit::Mode(AttendanceMode::Remote), at("19:08")).unwrap();
    assert_eq!(m.attendance_of("MA").unwrap().mode, Some(AttendanceMode::Remote));
}

#[test]
fn present_during_the_first_item_is_present_from_the_start() {
    let (board, mut m) = setup();
    timer::apply(&mut m, Control::StartOrPause, at("19:00")).unwrap();
    apply(&board, &mut m, "MA", &AttendanceEdit::Mark(AttendanceStatus::Present), at("19:25")).unwrap();
    assert_eq!(m.attendance_of("MA").unwrap().arrived, None, "the first item is still under way");
    let mut strict = board.clone();
    strict.settings.start_grace_minutes = 0;
    timer::apply(&mut m, Control::Next, at("19:26")).unwrap();
    apply(&strict, &mut m, "AC", &AttendanceEdit::Mark(AttendanceStatus::Present), at("19:27")).unwrap();
    assert_eq!(m.attendance_of("AC").unwrap().arrived, Some(at("19:27")));
}

#[test]
fn a_deputy_marks_the_member_as_apologies_and_blocks_their_presence() {
    let (board, mut m) = setup();
    apply(&board, &mut m, "SS", &AttendanceEdit::DeputyFor("DD".into()), at("18:50")).unwrap();
    assert_eq!(m.attendance_of("DD").unwrap().status, AttendanceStatus::Apologies);
    let err = apply(&board, &mut m, "DD", &AttendanceEdit::Mark(AttendanceStatus::Present), at("18:51")).unwrap_err();
    assert!(err.contains("SS is deputising for DD"), "{err}");
    assert!(
        apply(&board, &mut m, "AC", &AttendanceEdit::DeputyFor("DD".into()), at("18:51"))
            .unwrap_err()
            .contains("SS is already deputising")
    );
}

#[test]
fn guests_get_their_own_initials_and_come_for_their_items() {
    let (mut board, mut m) = setup();
    let guest = Guest {
        name: "Sam Smith".into(),
        job_title: String::new(),
        organisation: "Healthwatch".into(),
        items: vec!["2".into()],
    };
    let initials = register_guest(&mut board, &guest);
    assert_eq!(initials, "SS2", "SS is taken by Sam Secretary");
    admit_guest(&board, &mut m, &initials, &guest.items, at("19:00")).unwrap();
    assert_eq!(m.attendance_of("SS2").unwrap().items, vec!["2".to_string()]);
    assert!(admit_guest(&board, &mut m, &initials, &["9".into()], at("19:00")).unwrap_err().contains("no agenda item"));
}

#[test]
fn declarations_need_a_known_person_and_item() {
    let (board, mut m) = setup();
    let declaration = |who: &str, item: &str| Declaration {
        id: crate::model::id::Id::fresh(),
        initials: who.into(),
        item: item.into(),
        interest: "x".into(),
        withdrawn: false,
    };
    declare(&board, &mut m, declaration("MA", "2")).unwrap();
    declare(&board, &mut m, declaration("MA", "2")).unwrap();
    assert_eq!(m.declarations.len(), 1, "the same person and item replace");
    assert!(declare(&board, &mut m, declaration("ZZ", "2")).is_err());
    assert!(declare(&board, &mut m, declaration("MA", "7")).unwrap_err().contains("no agenda item"));
}

/// A deputy from outside the register comes in as a guest, then is marked
/// deputising, all within the start grace: present from the start, as
/// members are, not "arrived" at the meeting's start.
#[test]
fn a_deputy_marked_within_the_grace_is_present_from_the_start() {
    let (mut board, mut m) = setup();
    timer::apply(&mut m, Control::StartOrPause, at("19:00")).unwrap();
    timer::apply(&mut m, Control::Next, at("19:01")).unwrap();
    let guest = parse_guest("Dee Puty, Assistant Director, Oakfield ICB").unwrap();
    let initials = register_guest(&mut board, &guest);
    admit_guest(&board, &mut m, &initials, &guest.items, at("19:02")).unwrap();
    assert_eq!(m.attendance_of(&initials).unwrap().arrived, None, "a guest within the grace too");
    apply(&board, &mut m, &initials, &AttendanceEdit::DeputyFor("MA".into()), at("19:03")).unwrap();
    let entry = m.attendance_of(&initials).unwrap();
    assert_eq!((entry.arrived, entry.deputy_for.as_deref()), (None, Some("MA")));
    let person = board.person(&initials).unwrap();
    assert_eq!((person.job_title.as_str(), person.organisation.as_str()), ("Assistant Director", "Oakfield ICB"));
    // After the grace and the first item, a deputy arrives at the time marked.
    apply(&board, &mut m, "SS", &AttendanceEdit::DeputyFor("AC".into()), at("19:15")).unwrap();
    assert_eq!(m.attendance_of("SS").unwrap().arrived, Some(at("19:15")));
}
