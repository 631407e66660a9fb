use super::*;
use crate::model::meeting::{AgendaItem, Purpose};

fn at(hhmmss: &str) -> Timestamp {
    format!("2022-01-06T{hhmmss}+00:00").parse().unwrap()
}

fn meeting(minutes: &[u32], journal: &[(&str, TimerEventKind, Option<&str>, Option<i32>)]) -> Meeting {
    Meeting {
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
        (&[("10:00:00", Start, None, None), ("09:59:00", Pause, None, None)], 1, "earlier"),
        (&[("10:00:00", Pause, None, None)], 0, "not started"),
        (&[("10:00:00", Start, None, None), ("10:01:00", End, None, None), ("10:02:00", End, None, None)], 2, "ended"),
        (&[("10:00:00", Start, None, None), ("10:01:00", Next, None, None)], 1, "name the item"),
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
fn n_before_the_start_starts_the_meeting_and_a_stepped_back_clock_is_held() {
    let mut m = meeting(&[10, 20], &[]);
    assert_eq!(apply(&mut m, Control::Next, at("10:00:00")).unwrap().event, Start);
    let e = apply(&mut m, Control::StartOrPause, at("09:59:00")).unwrap();
    assert_eq!(e.at, at("10:00:00"));
    assert!(TimerState::replay(&m).is_ok());
    assert!(apply(&mut m, Control::Extend(-10), at("10:01:00")).unwrap_err().contains("less than one minute"));
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
