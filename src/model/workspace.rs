//! The whole workspace in memory and the questions every view asks of it.

use super::action::{RagContext, Raised};
use super::quickadd::{DateContext, MeetingToday};
use super::timer::{Phase, TimerState};
use super::{ActionLog, Board, Meeting, RiskRegister};
use chrono::NaiveDate;

#[derive(Debug, Clone, PartialEq)]
pub struct Workspace {
    pub board: Board,
    pub actions: ActionLog,
    pub risks: RiskRegister,
    /// Oldest first.
    pub meetings: Vec<Meeting>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MeetingState {
    Planned,
    Running,
    Closed,
}

impl MeetingState {
    pub fn of(meeting: &Meeting) -> MeetingState {
        match TimerState::replay(meeting).map(|t| t.phase) {
            Ok(Phase::NotStarted) | Err(_) => MeetingState::Planned,
            Ok(Phase::Running | Phase::Paused) => MeetingState::Running,
            Ok(Phase::Ended) => MeetingState::Closed,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            MeetingState::Planned => "planned",
            MeetingState::Running => "running",
            MeetingState::Closed => "closed",
        }
    }
}

impl Workspace {
    /// The meeting to show: a running one; else today's; else the next
    /// planned one; else the last held, unless a meeting after it was
    /// planned and never run (it can still be run today: see `app::confirm`).
    pub fn current_meeting(&self, today: NaiveDate) -> Option<usize> {
        let state = |i: &usize| MeetingState::of(&self.meetings[*i]);
        let all = || 0..self.meetings.len();
        all()
            .find(|i| state(i) == MeetingState::Running)
            .or_else(|| all().find(|&i| self.meetings[i].date == today))
            .or_else(|| self.next_meeting_index(today))
            .or_else(|| all().next_back())
    }

    fn next_meeting_index(&self, today: NaiveDate) -> Option<usize> {
        (0..self.meetings.len())
            .find(|&i| self.meetings[i].date >= today && MeetingState::of(&self.meetings[i]) == MeetingState::Planned)
    }

    /// The date of the next planned meeting on or after today.
    pub fn next_meeting_date(&self, today: NaiveDate) -> Option<NaiveDate> {
        self.next_meeting_index(today).map(|i| self.meetings[i].date)
    }

    /// What the quick-add grammar needs to read dates on this board, on a
    /// day with no time of day known: today's meeting is under way once it
    /// has started.
    pub fn date_context(&self, today: NaiveDate) -> DateContext {
        self.date_context_when(today, None)
    }

    /// What the quick-add grammar needs to read dates typed at `now`. "Next
    /// meeting" typed on a meeting's day, from its planned start on (or
    /// while it runs), is the one after it; before its start, it is that one.
    pub fn date_context_at(&self, now: super::Timestamp) -> DateContext {
        self.date_context_when(now.date_naive(), Some(now.time()))
    }

    fn date_context_when(&self, today: NaiveDate, time: Option<chrono::NaiveTime>) -> DateContext {
        let meeting_today = self.meeting_today(today, time);
        let under_way = meeting_today == MeetingToday::UnderWay;
        let held = self.meetings.iter().filter(|m| MeetingState::of(m) == MeetingState::Running).map(|m| m.date);
        let after = held.chain(under_way.then_some(today)).max();
        let next_meeting = self
            .meetings
            .iter()
            .filter(|m| m.date >= today && MeetingState::of(m) == MeetingState::Planned)
            .map(|m| m.date)
            .find(|&date| after.is_none_or(|held| date > held));
        DateContext { today, order: self.board.settings.date_order, next_meeting, meeting_today }
    }

    /// Today's meeting: running or held, past its planned start (`time`
    /// known), or still to start.
    fn meeting_today(&self, today: NaiveDate, time: Option<chrono::NaiveTime>) -> MeetingToday {
        let running = self.meetings.iter().any(|m| MeetingState::of(m) == MeetingState::Running);
        let Some(meeting) = self.meetings.iter().find(|m| m.date == today) else {
            return if running { MeetingToday::UnderWay } else { MeetingToday::None };
        };
        let begun = MeetingState::of(meeting) != MeetingState::Planned || running;
        if begun || time.is_some_and(|t| t >= meeting.planned_start) {
            MeetingToday::UnderWay
        } else {
            MeetingToday::NotStarted(meeting.planned_start)
        }
    }

    /// Where an action raised at `now` belongs: the running meeting's
    /// current item (linked by its identity), timestamped; none when no
    /// meeting is running.
    pub fn raised_now(&self, now: super::Timestamp) -> Option<Raised> {
        self.meetings.iter().find_map(|m| {
            let timer = TimerState::replay(m).ok()?;
            let item = timer.current?;
            Some(Raised::under(m.date, &m.agenda[item], Some(now)))
        })
    }

    pub fn rag_context(&self, today: NaiveDate) -> RagContext {
        let mut meetings: Vec<NaiveDate> = self.meetings.iter().map(|m| m.date).collect();
        meetings.sort_unstable();
        RagContext {
            today,
            next_meeting: self.next_meeting_date(today),
            amber_days: self.board.settings.amber_days,
            meetings: meetings.into(),
        }
    }
}
