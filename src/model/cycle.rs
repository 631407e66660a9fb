//! The next meeting, made from the last one: standing items kept with their
//! leads and minutes, one-off items dropped, items deferred or not reached
//! brought back, and matters arising when actions are still open.

use super::ActionLog;
use super::change::cycle::renumber;
use super::meeting::{AgendaItem, Meeting, Purpose};
use super::timer::TimerState;
use chrono::{NaiveDate, NaiveTime};

pub const MATTERS_ARISING: &str = "Matters arising";

/// What the secretary gives for the new meeting; the rest comes from the last.
#[derive(Debug, Clone, Default)]
pub struct Plan {
    pub date: Option<NaiveDate>,
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
    pub location: Option<String>,
    pub title: Option<String>,
}

/// The new meeting, and one line for each thing carried forward.
pub fn next_meeting(
    last: Option<&Meeting>,
    actions: &ActionLog,
    date: NaiveDate,
    plan: &Plan,
) -> (Meeting, Vec<String>) {
    let time = |h| NaiveTime::from_hms_opt(h, 0, 0).expect("a time of day");
    let mut meeting = Meeting::planned(
        date,
        plan.title.clone().or(last.map(|m| m.title.clone())).unwrap_or_else(|| "Board meeting".into()),
        plan.location.clone().or(last.map(|m| m.location.clone())).unwrap_or_default(),
        plan.start.or(last.map(|m| m.planned_start)).unwrap_or(time(10)),
        plan.end.or(last.map(|m| m.planned_end)).unwrap_or(time(12)),
    );
    let mut said = vec![];
    if let Some(last) = last {
        meeting.agenda = carried(last, &mut said);
    }
    // Every action still open, wherever it was raised (or typed up between meetings).
    let open = actions.actions.iter().filter(|a| !a.status.is_closed() && a.arising_at(date)).count();
    let has_item = meeting.agenda.iter().any(|i| i.title.to_lowercase().contains("matters arising"));
    if open > 0 && !has_item {
        let at = meeting
            .agenda
            .iter()
            .position(|i| i.title.to_lowercase().contains("minutes"))
            .map_or(meeting.agenda.len().min(1), |i| i + 1);
        let item = AgendaItem {
            id: crate::model::id::Id::fresh(),
            number: String::new(),
            title: MATTERS_ARISING.into(),
            leads: vec![],
            planned_minutes: 10,
            papers: vec![],
            purpose: Purpose::Discussion,
        };
        meeting.agenda.insert(at, item);
    }
    if open > 0 {
        said.push(format!("{MATTERS_ARISING}: {open} action{} still open", if open == 1 { "" } else { "s" }));
    }
    renumber(&mut meeting.agenda);
    (meeting, said)
}

/// The last agenda's standing items and the items it did not deal with, in
/// its order; papers belong to the meeting they were for.
fn carried(last: &Meeting, said: &mut Vec<String>) -> Vec<AgendaItem> {
    let timer = TimerState::replay(last).ok();
    let held = timer.as_ref().is_some_and(|t| t.started.is_some());
    let mut agenda = vec![];
    for (i, item) in last.agenda.iter().enumerate() {
        let clock = timer.as_ref().map(|t| &t.items[i]);
        let deferred = clock.is_some_and(|c| c.skipped && !c.done);
        let not_reached = held && clock.is_some_and(|c| c.started.is_none());
        if item.purpose == Purpose::Standing {
            agenda.push(AgendaItem { id: crate::model::id::Id::fresh(), papers: vec![], ..item.clone() });
        } else if deferred || not_reached {
            let why = if deferred { "deferred" } else { "not reached" };
            said.push(format!("brought back ({why} last time): {}", item.title));
            agenda.push(AgendaItem { id: crate::model::id::Id::fresh(), papers: vec![], ..item.clone() });
        }
    }
    agenda
}

/// How many of the last meetings held a standing item's minutes are proposed from.
pub const HISTORY_MEETINGS: usize = 6;

/// Each standing item of the new agenda that has been running long at the
/// meetings given (the last held, oldest first) is proposed at the minutes
/// it took, and said: "Matters arising: planned 10, ran 18 on average over
/// the last 6 meetings; planned at 18". The secretary can change it back.
pub fn plan_from_history(meeting: &mut Meeting, past: &[Meeting]) -> Vec<String> {
    let past = &past[past.len().saturating_sub(HISTORY_MEETINGS)..];
    let mut said = vec![];
    for item in &mut meeting.agenda {
        if let Some((minutes, line)) = super::report::timing::runs_long(past, item) {
            item.planned_minutes = minutes;
            said.push(format!("{line}; planned at {minutes}"));
        }
    }
    said
}
