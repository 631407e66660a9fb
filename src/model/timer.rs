//! The agenda timer: what the clock shows is a pure function of the
//! meeting's journal and the time now, so a crash, a second viewer or a
//! reopened laptop all show the same thing.

use super::{Meeting, TimerEvent, TimerEventKind, Timestamp};
use chrono::TimeDelta;

mod control;
mod forecast;
pub use control::{Control, apply, event_for};
pub use forecast::{Forecast, Plan};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    NotStarted,
    Running,
    Paused,
    Ended,
}

/// What the journal says about one agenda item.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ItemClock {
    /// When the item was first taken.
    pub started: Option<Timestamp>,
    /// When it was last left.
    pub ended: Option<Timestamp>,
    /// Running time while current, pauses excluded, up to the last event.
    pub used: TimeDelta,
    /// Minutes added (or taken off) by extend events.
    pub extra_minutes: i32,
    /// Deferred: left without being dealt with, to come back to later.
    pub skipped: bool,
    /// Dealt with: left for the next item, another one, or the end. An
    /// item left by going back is not, so it is still to come.
    pub done: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TimerState {
    pub phase: Phase,
    pub started: Option<Timestamp>,
    pub ended: Option<Timestamp>,
    pub current: Option<usize>,
    pub items: Vec<ItemClock>,
    /// Start of the current uninterrupted stretch while running.
    running_since: Option<Timestamp>,
    /// The item under way when the meeting closed, for a reopen.
    closed_on: Option<usize>,
    /// The board's zone, once `shown_in`: the plan's wall times are read in it.
    zone: Option<crate::model::zone::Zone>,
}

/// A journal that does not replay: which event and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JournalError {
    pub index: usize,
    pub message: String,
}

/// How the current item stands against its allowance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ItemPace {
    OnTime,
    NearlyOut,
    Over,
}

/// How far a writer's clock may be behind the journal's last event. The
/// event is stored at the writer's real time and its place in the journal
/// keeps the order; a clock further behind is refused, not papered over.
pub const CLOCK_BEHIND_ALLOWED: TimeDelta = TimeDelta::minutes(15);

/// How far `now` is behind the meeting's latest journal event, if it is.
pub fn clock_behind(meeting: &Meeting, now: Timestamp) -> Option<TimeDelta> {
    let latest = meeting.journal.iter().map(|e| e.at).max()?;
    (latest > now).then(|| latest - now)
}

impl TimerState {
    /// The same state with its times as the board's clock shows them.
    pub fn shown_in(mut self, zone: crate::model::zone::Zone) -> TimerState {
        let at = |t: &mut Option<Timestamp>| *t = t.map(|t| zone.at(t));
        at(&mut self.started);
        at(&mut self.ended);
        at(&mut self.running_since);
        for item in &mut self.items {
            at(&mut item.started);
            at(&mut item.ended);
        }
        self.zone = Some(zone);
        self
    }

    fn new(items: usize) -> Self {
        TimerState {
            phase: Phase::NotStarted,
            started: None,
            ended: None,
            current: None,
            items: vec![ItemClock::default(); items],
            running_since: None,
            closed_on: None,
            zone: None,
        }
    }

    /// Replays the meeting's journal, checking that every event makes sense
    /// where it stands.
    pub fn replay(meeting: &Meeting) -> Result<TimerState, JournalError> {
        let mut state = TimerState::new(meeting.agenda.len());
        let mut last: Option<Timestamp> = None;
        let standing = standing(&meeting.journal)?;
        for (index, event) in meeting.journal.iter().enumerate() {
            let fail = |message: String| JournalError { index, message };
            if let Some(behind) = last.map(|l| l - event.at).filter(|b| *b > CLOCK_BEHIND_ALLOWED) {
                return Err(fail(format!(
                    "{} at {} is earlier than the event before it, by {} min (a clock may be up to {} min behind)",
                    kind_name(event.event),
                    event.at.to_rfc3339(),
                    behind.num_minutes(),
                    CLOCK_BEHIND_ALLOWED.num_minutes()
                )));
            }
            last = last.max(Some(event.at));
            if standing.binary_search(&index).is_ok() {
                state.apply(meeting, event).map_err(fail)?;
            }
        }
        Ok(state)
    }

    fn apply(&mut self, meeting: &Meeting, event: &TimerEvent) -> Result<(), String> {
        if event.event == TimerEventKind::Undo {
            return Ok(()); // taken out by `standing`
        }
        let target = match &event.item {
            Some(number) => {
                Some(meeting.item_index(number).ok_or_else(|| format!("there is no agenda item {number:?}"))?)
            }
            None => None,
        };
        let at = event.at;
        match (event.event, self.phase) {
            (TimerEventKind::Start, Phase::NotStarted) => {
                let item = target.unwrap_or(0);
                if item >= self.items.len() {
                    return Err("the agenda has no items to start".into());
                }
                self.started = Some(at);
                self.enter(item, at);
            }
            (TimerEventKind::Pause, Phase::Running) => {
                self.stop_stretch(at);
                self.phase = Phase::Paused;
            }
            (TimerEventKind::Resume, Phase::Paused) => {
                self.phase = Phase::Running;
                self.running_since = Some(at);
            }
            (
                kind @ (TimerEventKind::Next | TimerEventKind::Previous | TimerEventKind::Skip | TimerEventKind::Jump),
                Phase::Running | Phase::Paused,
            ) => {
                let item = target.ok_or("a move to another item must name the item")?;
                if Some(item) == self.current {
                    return Err(format!("item {} is already under way", meeting.agenda[item].number));
                }
                let left = self.leave(at);
                match kind {
                    TimerEventKind::Skip => self.items[left].skipped = true,
                    TimerEventKind::Previous => {}
                    _ => self.items[left].done = true,
                }
                self.enter(item, at);
            }
            (TimerEventKind::Extend, phase) if phase != Phase::Ended => {
                let item = target.or(self.current).ok_or("an extend before the meeting starts must name the item")?;
                let minutes = event.minutes.ok_or("an extend must say how many minutes")?;
                let extra = self.items[item].extra_minutes.checked_add(minutes);
                let allowed = extra.map(|e| i64::from(meeting.agenda[item].planned_minutes) + i64::from(e));
                if allowed.is_none_or(|a| a > crate::model::meeting::MAX_ITEM_MINUTES) {
                    return Err("an item cannot be extended past 24 hours".into());
                }
                self.items[item].extra_minutes = extra.expect("checked");
            }
            (TimerEventKind::Defer, Phase::Running | Phase::Paused) => {
                let item = target.ok_or("a deferral must name the item")?;
                if self.items[item].done && Some(item) != self.current {
                    return Err(format!("item {} has been taken, so cannot be deferred", meeting.agenda[item].number));
                }
                self.items[item].skipped = true;
            }
            (TimerEventKind::End, Phase::Running | Phase::Paused) => {
                let left = self.leave(at);
                // The last item deferred as the meeting ends stays deferred.
                self.items[left].done = !self.items[left].skipped;
                self.closed_on = Some(left);
                self.phase = Phase::Ended;
                self.ended = Some(at);
            }
            (TimerEventKind::Reopen, Phase::Ended) => {
                let item = target.or(self.closed_on).ok_or("a reopen must name the item")?;
                self.ended = None;
                self.enter(item, at);
            }
            (kind, phase) => {
                return Err(format!("{} cannot happen when the meeting is {}", kind_name(kind), phase_name(phase)));
            }
        }
        Ok(())
    }

    fn enter(&mut self, item: usize, at: Timestamp) {
        let clock = &mut self.items[item];
        clock.started.get_or_insert(at);
        clock.skipped = false;
        clock.done = false;
        self.current = Some(item);
        self.phase = Phase::Running;
        self.running_since = Some(at);
    }

    /// Leaves the current item; returns its index.
    fn leave(&mut self, at: Timestamp) -> usize {
        self.stop_stretch(at);
        let item = self.current.take().expect("running or paused has a current item");
        self.items[item].ended = Some(at);
        item
    }

    /// A stretch that ends "before" it began (the clock was behind) counts as none.
    fn stop_stretch(&mut self, at: Timestamp) {
        if let (Some(since), Some(item)) = (self.running_since.take(), self.current) {
            self.items[item].used += (at - since).max(TimeDelta::zero());
        }
    }

    /// Time used on an item as of `now`, counting the live stretch.
    pub fn used(&self, item: usize, now: Timestamp) -> TimeDelta {
        let clock = &self.items[item];
        let live = match (self.current, self.running_since) {
            (Some(current), Some(since)) if current == item && now > since => now - since,
            _ => TimeDelta::zero(),
        };
        clock.used + live
    }

    /// Planned minutes plus extensions.
    pub fn allowed(&self, meeting: &Meeting, item: usize) -> TimeDelta {
        let minutes = i64::from(meeting.agenda[item].planned_minutes) + i64::from(self.items[item].extra_minutes);
        TimeDelta::minutes(minutes.max(0))
    }

    pub fn pace(&self, meeting: &Meeting, item: usize, now: Timestamp, nearly_out: u8) -> ItemPace {
        let used = self.used(item, now).num_seconds();
        let allowed = self.allowed(meeting, item).num_seconds();
        if used > allowed {
            ItemPace::Over
        } else if used * 100 >= allowed * i64::from(nearly_out) {
            ItemPace::NearlyOut
        } else {
            ItemPace::OnTime
        }
    }

    /// What is left of an item's allowance as of `now`.
    pub fn remaining(&self, meeting: &Meeting, item: usize, now: Timestamp) -> TimeDelta {
        (self.allowed(meeting, item) - self.used(item, now)).max(TimeDelta::zero())
    }

    /// The items still to come, in the order they will be taken: those
    /// after the current one in agenda order, then those passed over
    /// before it, then the deferred ones. `n` takes the first.
    pub fn still_to_come(&self) -> Vec<usize> {
        if self.phase == Phase::Ended {
            return vec![];
        }
        let from = self.current.map_or(0, |c| c + 1);
        let n = self.items.len();
        let waiting = |i: &usize| Some(*i) != self.current && !self.items[*i].done;
        let in_order = (from..n).chain(0..from.min(n)).filter(waiting);
        let (mut deferred, rest): (Vec<usize>, Vec<usize>) = in_order.partition(|&i| self.items[i].skipped);
        deferred.sort_unstable();
        rest.into_iter().chain(deferred).collect()
    }
}

fn kind_name(kind: TimerEventKind) -> &'static str {
    match kind {
        TimerEventKind::Start => "start",
        TimerEventKind::Pause => "pause",
        TimerEventKind::Resume => "resume",
        TimerEventKind::Next => "next",
        TimerEventKind::Previous => "previous",
        TimerEventKind::Skip => "skip",
        TimerEventKind::Jump => "jump",
        TimerEventKind::Extend => "extend",
        TimerEventKind::End => "end",
        TimerEventKind::Reopen => "reopen",
        TimerEventKind::Undo => "undo",
        TimerEventKind::Defer => "defer",
    }
}

fn phase_name(phase: Phase) -> &'static str {
    match phase {
        Phase::NotStarted => "not started",
        Phase::Running => "running",
        Phase::Paused => "paused",
        Phase::Ended => "ended",
    }
}

#[cfg(test)]
mod tests;

/// The indices of the journal's events that stand: an undo event takes
/// back the last event still standing before it, and both stay on record.
pub fn standing(journal: &[TimerEvent]) -> Result<Vec<usize>, JournalError> {
    let mut kept: Vec<usize> = Vec::with_capacity(journal.len());
    for (index, event) in journal.iter().enumerate() {
        if event.event != TimerEventKind::Undo {
            kept.push(index);
        } else if kept.pop().is_none() {
            return Err(JournalError { index, message: "an undo with no event before it to take back".into() });
        }
    }
    Ok(kept)
}

/// The last event of the journal still standing.
pub fn last_effective(meeting: &Meeting) -> Option<&TimerEvent> {
    let standing = standing(&meeting.journal).ok()?;
    standing.last().map(|&i| &meeting.journal[i])
}

/// Takes back the last standing event, with an undo event at `at` (never
/// before the journal's last event, so its order holds).
pub fn revoke(meeting: &mut Meeting, at: Timestamp) -> Result<(), String> {
    if last_effective(meeting).is_none() {
        return Err("the timer has nothing to take back".into());
    }
    let at = meeting.journal.last().map_or(at, |last| at.max(last.at));
    meeting.journal.push(TimerEvent { at, event: TimerEventKind::Undo, item: None, minutes: None });
    Ok(())
}
