//! Planned against actual minutes across meetings, from the timer journals
//! replayed: by item (a standing item by its title, as it comes back every
//! time), by lead and by purpose, and each meeting's overrun. And, for the
//! next agenda, the standing items that keep running long.

use crate::model::Meeting;
use crate::model::meeting::{AgendaItem, Purpose};
use crate::model::timer::TimerState;
use chrono::NaiveDate;

/// Planned and actual time summed over the times something was taken.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Row {
    /// The item's title (or "date N. title" for a one-off), initials, or purpose.
    pub key: String,
    pub times: u32,
    pub planned_minutes: i64,
    /// Seconds are kept while summing; shown as minutes, rounded.
    #[serde(skip)]
    pub actual_seconds: i64,
    pub actual_minutes: i64,
}

impl Row {
    fn add(&mut self, planned: u32, actual_seconds: i64) {
        self.times += 1;
        self.planned_minutes += i64::from(planned);
        self.actual_seconds += actual_seconds;
        self.actual_minutes = (self.actual_seconds + 30) / 60;
    }

    /// Actual less planned, in minutes: positive is over.
    pub fn over(&self) -> i64 {
        self.actual_minutes - self.planned_minutes
    }
}

/// One held meeting: its planned slot against its length start to end.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct MeetingTiming {
    pub date: NaiveDate,
    pub title: String,
    pub planned_minutes: i64,
    /// None while it is still running.
    pub actual_minutes: Option<i64>,
    pub overrun_minutes: Option<i64>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Timing {
    pub items: Vec<Row>,
    pub leads: Vec<Row>,
    pub purposes: Vec<Row>,
    pub meetings: Vec<MeetingTiming>,
}

fn row<'a>(rows: &'a mut Vec<Row>, key: &str) -> &'a mut Row {
    match rows.iter().position(|r| r.key == key) {
        Some(i) => &mut rows[i],
        None => {
            rows.push(Row { key: key.to_string(), ..Row::default() });
            rows.last_mut().expect("just pushed")
        }
    }
}

/// Standing items come back every time: the same title is the same item.
fn item_key(meeting: &Meeting, item: &AgendaItem) -> String {
    match item.purpose {
        Purpose::Standing => item.title.trim().to_string(),
        _ => format!("{} {}. {}", meeting.date, item.number, item.title.trim()),
    }
}

impl Timing {
    /// Counts one held meeting's items that were taken (deferred ones were not).
    pub fn add(&mut self, meeting: &Meeting) {
        let Ok(timer) = TimerState::replay(meeting) else { return };
        let Some(started) = timer.started else { return };
        for (item, clock) in meeting.agenda.iter().zip(&timer.items) {
            if clock.started.is_none() {
                continue;
            }
            let (planned, used) = (item.planned_minutes, clock.used.num_seconds());
            row(&mut self.items, &item_key(meeting, item)).add(planned, used);
            for lead in &item.leads {
                row(&mut self.leads, lead).add(planned, used);
            }
            row(&mut self.purposes, item.purpose.word()).add(planned, used);
        }
        let actual = timer.ended.map(|end| ((end - started).num_seconds() + 30) / 60);
        let planned = meeting.slot_minutes();
        self.meetings.push(MeetingTiming {
            date: meeting.date,
            title: meeting.title.clone(),
            planned_minutes: planned,
            actual_minutes: actual,
            overrun_minutes: actual.map(|a| a - planned),
        });
    }
}

/// Minutes an item must run over its plan, on average, to be called long.
const RUNS_LONG_BY: i64 = 3;

/// "Matters arising: planned 10, ran 18 on average over the last 6
/// meetings": for a standing item of the new agenda, when the meetings
/// given (the last few held, oldest first) took it and it ran long.
/// With the line, the average minutes it ran, to plan it at.
pub fn runs_long(past: &[Meeting], item: &AgendaItem) -> Option<(u32, String)> {
    if item.purpose != Purpose::Standing {
        return None;
    }
    let title = item.title.trim();
    let mut taken = Row::default();
    for meeting in past {
        let Ok(timer) = TimerState::replay(meeting) else { continue };
        let same = meeting.agenda.iter().zip(&timer.items).find(|(i, _)| i.title.trim().eq_ignore_ascii_case(title));
        if let Some((was, clock)) = same.filter(|(_, c)| c.started.is_some()) {
            taken.add(was.planned_minutes, clock.used.num_seconds());
        }
    }
    let times = i64::from(taken.times);
    if times == 0 {
        return None;
    }
    let average = (taken.actual_seconds / times + 30) / 60;
    if average - i64::from(item.planned_minutes) < RUNS_LONG_BY {
        return None;
    }
    let over = match times {
        1 => "at the last meeting".to_string(),
        n => format!("on average over the last {n} meetings"),
    };
    let average = u32::try_from(average).ok()?;
    Some((average, format!("{title}: planned {}, ran {average} {over}", item.planned_minutes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn held() -> Meeting {
        serde_json::from_str(include_str!("../../../sample-data/southend-send/meetings/2022-01-06.json")).unwrap()
    }

    #[test]
    fn a_standing_item_that_ran_long_is_proposed_at_what_it_took() {
        let mut past = held();
        // "Update from Peer Review": planned 25, taken in 66 minutes.
        past.agenda[3].purpose = Purpose::Standing;
        let mut next = past.agenda[3].clone();
        assert_eq!(
            runs_long(std::slice::from_ref(&past), &next),
            Some((66, "Update from Peer Review: planned 25, ran 66 at the last meeting".into()))
        );
        next.purpose = Purpose::Discussion;
        assert_eq!(runs_long(std::slice::from_ref(&past), &next), None, "only standing items come back");
        // Items that ran short are left as planned.
        assert_eq!(runs_long(&[past.clone(), past.clone()], &past.agenda[0]), None);
        let twice = runs_long(&[past.clone(), past], &next_standing()).unwrap().1;
        assert!(twice.ends_with("on average over the last 2 meetings"), "{twice}");
    }

    fn next_standing() -> AgendaItem {
        let mut item = held().agenda[3].clone();
        item.purpose = Purpose::Standing;
        item
    }

    #[test]
    fn timing_sums_by_item_lead_and_purpose() {
        let mut timing = Timing::default();
        timing.add(&held());
        let item = |key: &str| timing.items.iter().find(|r| r.key == key).unwrap().clone();
        assert_eq!(item("2022-01-06 4. Update from Peer Review").actual_minutes, 66);
        assert_eq!(item("Welcome and introductions").times, 1);
        let bm = timing.leads.iter().find(|r| r.key == "BM").unwrap();
        assert_eq!((bm.times, bm.planned_minutes), (2, 35));
        assert_eq!(timing.meetings[0].overrun_minutes, Some(7));
        assert_eq!(timing.purposes.iter().map(|r| r.times).sum::<u32>(), 11);
    }
}
