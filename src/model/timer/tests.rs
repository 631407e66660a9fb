use super::*;
use crate::model::meeting::{AgendaItem, Purpose};

fn at(hhmmss: &str) -> Timestamp {
    format!("2022-01-06T{hhmmss}+00:00").parse().unwrap()
}

fn meeting(minutes: &[u32], journal: &[(&str, TimerEventKind, Option<&str>, Option<i32>)]) -> Meeting {
    Meeting {
        changes: vec![],
        id: crate::model::id::Id::fresh(),
        minutes: None,
        schema_version: 1,
        date: "2022-01-06".parse().unwrap(),
        title: "Board".into(),
        location: String::new(),
        planned_start: "10:00:00".parse().unwrap(),
        planned_end: "12:00:00".parse().unwrap(),
        agenda: minutes
            .iter()
            .enumerate()
            .map(|(i, &m)| AgendaItem {
                id: crate::model::id::Id::fresh(),
                number: (i + 1).to_string(),
                title: format!("Item {}", i + 1),
                leads: vec![],
                planned_minutes: m,
                papers: vec![],
                purpose: Purpose::Discussion,
            })
            .collect(),
        attendance: vec![],
        declarations: vec![],
        notes: vec![],
        decisions: vec![],
        journal: journal
            .iter()
            .map(|&(t, event, item, minutes)| TimerEvent { at: at(t), event, item: item.map(str::to_string), minutes })
            .collect(),
        approved: None,
    }
}

use TimerEventKind::*;

#[test]
fn not_started_has_no_current_item() {
    let m = meeting(&[10, 20], &[]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.phase, Phase::NotStarted);
    assert_eq!(t.current, None);
    assert_eq!(t.forecast_finish(&m, at("10:00:00")), None);
}

#[test]
fn running_item_counts_up_from_start() {
    let m = meeting(&[10, 20], &[("10:00:00", Start, Some("1"), None)]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.phase, Phase::Running);
    assert_eq!(t.used(0, at("10:04:30")), TimeDelta::seconds(270));
    assert_eq!(t.pace(&m, 0, at("10:04:30"), 80), ItemPace::OnTime);
    assert_eq!(t.pace(&m, 0, at("10:08:00"), 80), ItemPace::NearlyOut);
    assert_eq!(t.pace(&m, 0, at("10:10:01"), 80), ItemPace::Over);
}

#[test]
fn pause_stops_the_clock_and_resume_restarts_it() {
    let m = meeting(
        &[10],
        &[("10:00:00", Start, None, None), ("10:03:00", Pause, None, None), ("10:13:00", Resume, None, None)],
    );
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.used(0, at("10:14:00")), TimeDelta::minutes(4));
    let paused = meeting(&[10], &[("10:00:00", Start, None, None), ("10:03:00", Pause, None, None)]);
    let t = TimerState::replay(&paused).unwrap();
    assert_eq!(t.phase, Phase::Paused);
    assert_eq!(t.used(0, at("11:00:00")), TimeDelta::minutes(3));
}

#[test]
fn next_records_end_of_one_item_and_start_of_the_next() {
    let m = meeting(&[10, 20], &[("10:00:00", Start, Some("1"), None), ("10:12:00", Next, Some("2"), None)]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.current, Some(1));
    assert_eq!(t.items[0].ended, Some(at("10:12:00")));
    assert_eq!(t.items[0].used, TimeDelta::minutes(12));
    assert_eq!(t.items[1].started, Some(at("10:12:00")));
}

#[test]
fn previous_returns_and_keeps_the_first_start() {
    let m = meeting(
        &[10, 20],
        &[
            ("10:00:00", Start, Some("1"), None),
            ("10:05:00", Next, Some("2"), None),
            ("10:07:00", Previous, Some("1"), None),
        ],
    );
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.current, Some(0));
    assert_eq!(t.items[0].started, Some(at("10:00:00")));
    assert_eq!(t.used(0, at("10:08:00")), TimeDelta::minutes(6));
}

#[test]
fn extend_adds_to_the_allowance() {
    let m = meeting(&[10], &[("10:00:00", Start, None, None), ("10:09:00", Extend, None, Some(5))]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.allowed(&m, 0), TimeDelta::minutes(15));
    assert_eq!(t.pace(&m, 0, at("10:11:00"), 80), ItemPace::OnTime);
}

#[test]
fn forecast_is_now_plus_what_is_left() {
    // Item 1 overruns by 17 minutes: 10 + 20 planned, finish at 10:47 not 10:30.
    let m = meeting(&[10, 20], &[("10:00:00", Start, None, None)]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.forecast_finish(&m, at("10:27:00")), Some(at("10:47:00")));
    assert_eq!(t.forecast_finish(&m, at("10:05:00")), Some(at("10:30:00")));
}

#[test]
fn end_closes_the_meeting() {
    let m = meeting(&[10], &[("10:00:00", Start, None, None), ("10:15:00", End, None, None)]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.phase, Phase::Ended);
    assert_eq!(t.forecast_finish(&m, at("13:00:00")), Some(at("10:15:00")));
    assert_eq!(t.used(0, at("13:00:00")), TimeDelta::minutes(15));
}

#[test]
fn bad_journals_name_the_event() {
    type Journal<'a> = &'a [(&'a str, TimerEventKind, Option<&'a str>, Option<i32>)];
    let cases: &[(Journal, usize, &str)] = &[
        (&[("10:00:00", Start, Some("9"), None)], 0, "no agenda item \"9\""),
        (&[("10:00:00", Start, None, None), ("09:44:00", Pause, None, None)], 1, "earlier"),
        (&[("10:00:00", Pause, None, None)], 0, "not started"),
        (&[("10:00:00", Start, None, None), ("10:01:00", End, None, None), ("10:02:00", End, None, None)], 2, "ended"),
        (&[("10:00:00", Start, None, None), ("10:01:00", Next, None, None)], 1, "name the item"),
        (&[("10:00:00", Start, None, None), ("10:01:00", Jump, Some("1"), None)], 1, "already under way"),
        (&[("10:00:00", Start, None, None), ("10:01:00", Reopen, Some("1"), None)], 1, "running"),
        (&[("10:00:00", Jump, Some("2"), None)], 0, "not started"),
    ];
    for (journal, index, words) in cases {
        let err = TimerState::replay(&meeting(&[10, 10], journal)).unwrap_err();
        assert_eq!(err.index, *index, "{err:?}");
        assert!(err.message.contains(words), "{err:?}");
    }
}

#[test]
fn a_long_journal_replays() {
    let mut journal = vec![("10:00:00".to_string(), Start, Some("1".to_string()))];
    for i in 0..200 {
        let t = format!("10:{:02}:{:02}", i / 60 + 1, i % 60);
        journal.push((t, if i % 2 == 0 { Pause } else { Resume }, None));
    }
    let borrowed: Vec<_> = journal.iter().map(|(t, k, i)| (t.as_str(), *k, i.as_deref(), None)).collect();
    let t = TimerState::replay(&meeting(&[10], &borrowed)).unwrap();
    assert_eq!(t.phase, Phase::Running);
}

#[test]
fn controls_walk_a_meeting_from_start_to_end() {
    let mut m = meeting(&[10, 20], &[]);
    let t = |s: &str| at(s);
    assert_eq!(apply(&mut m, Control::StartOrPause, t("10:00:00")).unwrap().event, Start);
    assert_eq!(apply(&mut m, Control::StartOrPause, t("10:01:00")).unwrap().event, Pause);
    assert_eq!(apply(&mut m, Control::StartOrPause, t("10:02:00")).unwrap().event, Resume);
    assert_eq!(apply(&mut m, Control::Extend(1), t("10:03:00")).unwrap().minutes, Some(1));
    assert!(apply(&mut m, Control::Previous, t("10:04:00")).unwrap_err().contains("first item"));
    let next = apply(&mut m, Control::Next, t("10:05:00")).unwrap();
    assert_eq!((next.event, next.item.as_deref()), (Next, Some("2")));
    assert!(apply(&mut m, Control::Next, t("10:06:00")).unwrap_err().contains("last item"));
    assert_eq!(apply(&mut m, Control::End, t("10:30:00")).unwrap().event, End);
    assert!(apply(&mut m, Control::End, t("10:31:00")).unwrap_err().contains("already ended at 10:30"));
    let state = TimerState::replay(&m).unwrap();
    assert_eq!(state.items[0].used, TimeDelta::minutes(4));
    assert_eq!(state.items[0].extra_minutes, 1);
}

#[test]
fn n_before_the_start_starts_the_meeting_and_a_clock_behind_is_stored_as_it_is() {
    let mut m = meeting(&[10, 20], &[]);
    assert_eq!(apply(&mut m, Control::Next, at("10:00:00")).unwrap().event, Start);
    // A minute behind: stored at the real time, after the start in the journal.
    let e = apply(&mut m, Control::StartOrPause, at("09:59:00")).unwrap();
    assert_eq!((e.at, e.event), (at("09:59:00"), Pause));
    assert_eq!(super::clock_behind(&m, at("09:59:30")), Some(TimeDelta::seconds(30)));
    let state = TimerState::replay(&m).unwrap();
    assert_eq!((state.phase, state.items[0].used), (Phase::Paused, TimeDelta::zero()));
    // Far behind: refused, and the journal is left as it was.
    assert!(apply(&mut m, Control::StartOrPause, at("09:00:00")).unwrap_err().contains("60 min behind"));
    assert_eq!(m.journal.len(), 2);
    assert!(apply(&mut m, Control::Extend(-10), at("10:01:00")).unwrap_err().contains("less than one minute"));
}

#[test]
fn an_item_is_given_at_most_a_day() {
    let mut m = meeting(&[10], &[]);
    apply(&mut m, Control::StartOrPause, at("10:00:00")).unwrap();
    assert!(apply(&mut m, Control::Extend(1430), at("10:01:00")).is_ok());
    assert!(apply(&mut m, Control::Extend(1), at("10:02:00")).unwrap_err().contains("24 hours"));
    // A hand-edited journal past the bound does not replay, and i32 overflow is caught, not wrapped.
    m.journal.push(TimerEvent { at: at("10:03:00"), event: Extend, item: None, minutes: Some(i32::MAX) });
    assert!(TimerState::replay(&m).unwrap_err().message.contains("24 hours"));
}

#[test]
fn held_on_another_day_the_plan_runs_from_the_start() {
    // Planned for 6 January 10:00-12:00, held on 10 January from 21:31: no day-sized lateness.
    let mut m = meeting(&[60, 60], &[]);
    let held: Timestamp = "2022-01-10T21:31:00+00:00".parse().unwrap();
    apply(&mut m, Control::StartOrPause, held).unwrap();
    let t = TimerState::replay(&m).unwrap();
    let f = t.forecast(&m, held + TimeDelta::seconds(1)).unwrap();
    assert!(f.plan.moved);
    assert_eq!((f.plan.start, f.plan.end), (held, "2022-01-10T23:31:00+00:00".parse().unwrap()));
    assert_eq!(f.late_start, TimeDelta::zero());
    assert!(f.against_plan.num_seconds().abs() <= 1, "{f:?}");
    let not_started = TimerState::replay(&meeting(&[60], &[])).unwrap();
    assert_eq!(not_started.plan(&m, *held.offset()).end, at("12:00:00"));
}

fn minutes(m: i64) -> TimeDelta {
    TimeDelta::minutes(m)
}

#[test]
fn a_late_start_and_items_over_add_up_to_the_finish() {
    // 20 minutes late; item 1 takes 12 of its 5: finish 12:27, late 20, +7 on items.
    let m = meeting(&[5, 10, 105], &[("10:20:00", Start, Some("1"), None), ("10:32:00", Next, Some("2"), None)]);
    let t = TimerState::replay(&m).unwrap();
    let f = t.forecast(&m, at("10:33:00")).unwrap();
    assert_eq!(f.finish, at("12:27:00"));
    assert_eq!(
        (f.late_start, f.on_items, f.paused, f.against_plan),
        (minutes(20), minutes(7), minutes(0), minutes(27))
    );
    // Item 3 re-planned after what is left of item 2.
    assert_eq!(f.starts, vec![None, None, Some(at("10:42:00"))]);
    assert!(!f.plan.moved);
}

#[test]
fn an_early_start_and_a_quick_item_show_ahead() {
    let m = meeting(&[10, 110], &[("09:55:00", Start, Some("1"), None), ("10:00:00", Next, Some("2"), None)]);
    let f = TimerState::replay(&m).unwrap().forecast(&m, at("10:00:00")).unwrap();
    assert_eq!((f.late_start, f.on_items, f.against_plan), (minutes(-5), minutes(-5), minutes(-10)));
}

#[test]
fn a_deferred_item_still_counts_and_comes_back_at_the_end() {
    let m = meeting(&[10, 20, 30], &[("10:00:00", Start, Some("1"), None), ("10:10:00", Skip, Some("2"), None)]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.still_to_come(), vec![2, 0]);
    let f = t.forecast(&m, at("10:10:00")).unwrap();
    // 20 left of item 2, then item 3's 30; item 1 used its 10 before it was deferred.
    assert_eq!(f.starts, vec![Some(at("11:00:00")), None, Some(at("10:30:00"))]);
    assert_eq!(f.finish, at("11:00:00"));
    let mut m = m;
    // Brought back with a jump, from item 2: what is left of it is counted, not dropped.
    m.journal.push(TimerEvent { at: at("10:15:00"), event: Jump, item: Some("1".into()), minutes: None });
    let t = TimerState::replay(&m).unwrap();
    assert_eq!((t.current, t.items[0].skipped, t.items[1].done), (Some(0), false, true));
    assert_eq!(t.still_to_come(), vec![2]);
    assert_eq!(t.forecast_finish(&m, at("10:15:00")), Some(at("10:45:00")));
}

#[test]
fn going_back_keeps_the_item_left_still_to_come() {
    // n pressed too early on item 1, then b: item 2 keeps its 20 minutes in the forecast.
    let m = meeting(
        &[10, 20],
        &[
            ("10:00:00", Start, Some("1"), None),
            ("10:02:00", Next, Some("2"), None),
            ("10:03:00", Previous, Some("1"), None),
        ],
    );
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.still_to_come(), vec![1]);
    let f = t.forecast(&m, at("10:03:00")).unwrap();
    // 8 left of item 1 (2 used), then 19 left of item 2 (1 used).
    assert_eq!(f.finish, at("10:30:00"));
    assert_eq!(f.starts[1], Some(at("10:11:00")));
    assert_eq!(f.on_items, minutes(0));
}

#[test]
fn a_jump_ahead_leaves_the_passed_items_to_come_after() {
    let m = meeting(&[10, 10, 10, 10], &[("10:00:00", Start, Some("1"), None), ("10:10:00", Jump, Some("4"), None)]);
    let t = TimerState::replay(&m).unwrap();
    assert_eq!(t.still_to_come(), vec![1, 2]);
    let f = t.forecast(&m, at("10:10:00")).unwrap();
    assert_eq!(f.starts, vec![None, Some(at("10:20:00")), Some(at("10:30:00")), None]);
    let mut m = m;
    let next = apply(&mut m, Control::Next, at("10:20:00")).unwrap();
    assert_eq!(next.item.as_deref(), Some("2"), "n takes the first passed over item");
}

#[test]
fn end_then_reopen_runs_on_the_item_it_closed_on() {
    let mut m = meeting(&[10, 10], &[("10:00:00", Start, Some("1"), None), ("10:10:00", Next, Some("2"), None)]);
    apply(&mut m, Control::End, at("10:15:00")).unwrap();
    assert!(apply(&mut m, Control::Next, at("10:16:00")).unwrap_err().contains("E in the agenda reopens it"));
    let reopen = apply(&mut m, Control::Reopen, at("10:20:00")).unwrap();
    assert_eq!((reopen.event, reopen.item.as_deref()), (Reopen, Some("2")));
    let t = TimerState::replay(&m).unwrap();
    assert_eq!((t.phase, t.current, t.ended), (Phase::Running, Some(1), None));
    assert_eq!(t.used(1, at("10:21:00")), minutes(6));
    let f = t.forecast(&m, at("10:21:00")).unwrap();
    assert_eq!(f.paused, minutes(5), "closed for five minutes");
    assert!(apply(&mut m, Control::Reopen, at("10:22:00")).unwrap_err().contains("not closed"));
}

#[test]
fn jump_controls_check_the_item() {
    let mut m = meeting(&[10, 10], &[]);
    assert!(apply(&mut m, Control::Jump(5), at("10:00:00")).unwrap_err().contains("has 2 items"));
    let start = apply(&mut m, Control::Jump(1), at("10:00:00")).unwrap();
    assert_eq!((start.event, start.item.as_deref()), (Start, Some("2")));
    assert!(apply(&mut m, Control::Jump(1), at("10:01:00")).unwrap_err().contains("already under way"));
    assert!(apply(&mut m, Control::Skip, at("10:02:00")).is_ok(), "item 1 is still to come");
    let back = apply(&mut m, Control::Next, at("10:03:00")).unwrap();
    assert_eq!(back.item.as_deref(), Some("2"), "the deferred item comes back last");
    assert!(apply(&mut m, Control::Next, at("10:04:00")).unwrap_err().contains("last item"));
}

#[test]
fn old_journals_without_the_new_events_still_load() {
    let json = r#"{"at": "2022-01-06T10:00:00+00:00", "event": "skip", "item": "2"}"#;
    let e: TimerEvent = serde_json::from_str(json).unwrap();
    assert_eq!(e.event, Skip);
    let jump: TimerEvent =
        serde_json::from_str(r#"{"at": "2022-01-06T10:00:00+00:00", "event": "jump", "item": "2"}"#).unwrap();
    assert_eq!(jump.event, Jump);
}

/// A meeting 00:30-03:30 on the night the clocks change, on a London board:
/// its plan is read in the board's zone, not at the offset of the moment.
fn night_of(day: &str, started: &str) -> (Meeting, TimerState) {
    let mut m = meeting(&[60, 60, 60], &[]);
    m.date = day.parse().unwrap();
    (m.planned_start, m.planned_end) = ("00:30:00".parse().unwrap(), "03:30:00".parse().unwrap());
    apply(&mut m, Control::StartOrPause, started.parse().unwrap()).unwrap();
    let london = crate::model::zone::Zone::named("Europe/London").unwrap();
    let t = TimerState::replay(&m).unwrap().shown_in(london);
    (m, t)
}

#[test]
fn lateness_and_item_times_hold_on_both_nights_the_clocks_change() {
    // 29 March: 01:00 GMT becomes 02:00 BST. Started on time at 00:30Z, seen again at 01:40Z.
    let (m, t) = night_of("2026-03-29", "2026-03-29T00:30:00Z");
    for now in ["2026-03-29T00:30:00+00:00", "2026-03-29T02:40:00+01:00"] {
        let f = t.forecast(&m, now.parse().unwrap()).unwrap();
        assert_eq!(f.late_start, TimeDelta::zero(), "at {now}");
        assert!(!f.plan.moved);
    }
    let times = |t: &TimerState, offset: &str| {
        let planned = t.planned_starts(&m, offset.parse().unwrap());
        planned.iter().map(|s| s.format("%H:%M").to_string()).collect::<Vec<_>>()
    };
    assert_eq!(times(&t, "+01:00"), ["00:30", "02:30", "03:30"], "01:30 GMT is 02:30 BST");
    // 25 October: 02:00 BST becomes 01:00 GMT. 00:30 BST is 23:30Z the day before.
    let (m, t) = night_of("2026-10-25", "2026-10-24T23:30:00Z");
    for now in ["2026-10-25T00:30:00+01:00", "2026-10-25T02:40:00+00:00"] {
        let f = t.forecast(&m, now.parse().unwrap()).unwrap();
        assert_eq!(f.late_start, TimeDelta::zero(), "at {now}");
        assert_eq!(f.plan.end.to_rfc3339(), "2026-10-25T03:30:00+00:00");
    }
    assert_eq!(times(&t, "+00:00"), ["00:30", "01:30", "01:30"], "the hour lived twice");
}
