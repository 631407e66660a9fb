//! Where the meeting stands against its plan: when each item still to come
//! will start at this pace, when the meeting will finish, and why (a late
//! start, items over or under, pauses, minutes given), so the chair reads
//! one honest figure and its parts.

use super::{Phase, TimerState};
use crate::model::{Meeting, Timestamp};
use chrono::{FixedOffset, NaiveDate, NaiveDateTime, TimeDelta};

/// The plan on the day the meeting is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Plan {
    pub start: Timestamp,
    pub end: Timestamp,
    /// Held on another day than planned (the chair was asked): the plan
    /// runs from the actual start, so no day-sized lateness shows.
    pub moved: bool,
}

impl Plan {
    /// Each item's planned start, back to back from the plan's start.
    pub fn item_starts(&self, meeting: &Meeting) -> Vec<Timestamp> {
        let mut at = self.start;
        meeting
            .agenda
            .iter()
            .map(|item| {
                let start = at;
                at += TimeDelta::minutes(i64::from(item.planned_minutes));
                start
            })
            .collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Forecast {
    pub plan: Plan,
    /// When the meeting will finish at this pace (its end, once closed).
    pub finish: Timestamp,
    /// By agenda index: when each item still to come will start at this pace.
    pub starts: Vec<Option<Timestamp>>,
    /// Actual start against the planned one (negative: early).
    pub late_start: TimeDelta,
    /// Items over (positive) or under their minutes so far: the items dealt
    /// with by their whole difference, the others only once over.
    pub on_items: TimeDelta,
    /// Time the clock stood still: pauses, and a closed meeting reopened.
    pub paused: TimeDelta,
    /// Minutes added (or taken off) with `+` and `-`.
    pub given: i64,
    /// The forecast finish against the planned end.
    pub against_plan: TimeDelta,
}

impl TimerState {
    /// The instant the board's clock reads `local`: in the board's zone once
    /// the state is `shown_in` it (so a day the clocks change is read right),
    /// else at `offset`, the caller's own.
    fn wall(&self, local: NaiveDateTime, offset: FixedOffset) -> Timestamp {
        match &self.zone {
            Some(zone) => zone.local(local),
            None => local.and_local_timezone(offset).single().unwrap_or_else(|| local.and_utc().fixed_offset()),
        }
    }

    /// `t` as the board's clock shows it.
    fn shown(&self, t: Timestamp) -> Timestamp {
        self.zone.as_ref().map_or(t, |zone| zone.at(t))
    }

    fn day_of(&self, t: Timestamp, offset: FixedOffset) -> NaiveDate {
        match &self.zone {
            Some(zone) => zone.at(t).date_naive(),
            None => t.with_timezone(&offset).date_naive(),
        }
    }

    /// The planned start and end of `meeting` on `day`.
    fn on_day(&self, meeting: &Meeting, day: NaiveDate, offset: FixedOffset) -> (Timestamp, Timestamp) {
        let start = self.wall(day.and_time(meeting.planned_start), offset);
        let end = self.wall(day.and_time(meeting.planned_end), offset);
        // A meeting planned past midnight ends on the next day.
        let next = day.succ_opt().unwrap_or(day);
        (start, if end < start { self.wall(next.and_time(meeting.planned_end), offset) } else { end })
    }

    /// The plan: the meeting's own date and times, unless it was started on
    /// another day, when the same slot runs from the actual start.
    pub fn plan(&self, meeting: &Meeting, offset: FixedOffset) -> Plan {
        let (start, end) = self.on_day(meeting, meeting.date, offset);
        match self.started {
            Some(started) if self.day_of(started, offset) != meeting.date => {
                Plan { start: started, end: started + (end - start), moved: true }
            }
            _ => Plan { start, end, moved: false },
        }
    }

    /// Each item's planned start, as the board's clock shows it.
    pub fn planned_starts(&self, meeting: &Meeting, offset: FixedOffset) -> Vec<Timestamp> {
        self.plan(meeting, offset).item_starts(meeting).into_iter().map(|t| self.shown(t)).collect()
    }

    /// The forecast as of `now`; none before the start.
    pub fn forecast(&self, meeting: &Meeting, now: Timestamp) -> Option<Forecast> {
        let started = self.started?;
        let now = self.ended.unwrap_or(now);
        let plan = self.plan(meeting, *now.offset());
        let mut starts = vec![None; self.items.len()];
        // The walk: what is left of the current item, then each item to come.
        let mut at = match self.current {
            Some(current) => now.checked_add_signed(self.remaining(meeting, current, now))?,
            None => now,
        };
        for item in self.still_to_come() {
            starts[item] = Some(at);
            // Absurd planned minutes in a hand-edited file give no forecast rather than a panic.
            at = at.checked_add_signed(self.remaining(meeting, item, now))?;
        }
        let finish = self.shown(if self.phase == Phase::Ended { now } else { at });
        let starts = starts.into_iter().map(|t| t.map(|t| self.shown(t))).collect();
        let mut on_items = TimeDelta::zero();
        let mut used = TimeDelta::zero();
        for (item, clock) in self.items.iter().enumerate().filter(|(_, c)| c.started.is_some()) {
            let spent = self.used(item, now);
            used += spent;
            let over = spent - self.allowed(meeting, item);
            on_items += if clock.done { over } else { over.max(TimeDelta::zero()) };
        }
        Some(Forecast {
            plan,
            finish,
            starts,
            late_start: started - plan.start,
            on_items,
            paused: (now - started - used).max(TimeDelta::zero()),
            given: self.items.iter().map(|c| i64::from(c.extra_minutes)).sum(),
            against_plan: finish - plan.end,
        })
    }

    /// When the meeting will finish at this pace.
    pub fn forecast_finish(&self, meeting: &Meeting, now: Timestamp) -> Option<Timestamp> {
        self.forecast(meeting, now).map(|f| f.finish)
    }
}
