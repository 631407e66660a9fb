//! The whole workspace in memory and the questions every view asks of it.

use super::action::{RagContext, Raised};
use super::quickadd::DateContext;
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

    /// What the quick-add grammar needs to read dates on this board. "Next
    /// meeting" typed during a meeting is the one after it, never itself.
    pub fn date_context(&self, today: NaiveDate) -> DateContext {
        DateContext {
            today,
            order: self.board.settings.date_order,
            next_meeting: self.meeting_after_the_one_under_way(today),
        }
    }

    /// The first planned meeting from today that is later than the meeting
    /// under way (running, or held today), if any.
    fn meeting_after_the_one_under_way(&self, today: NaiveDate) -> Option<NaiveDate> {
        let under_way = self
            .meetings
            .iter()
            .filter(|m| m.date == today || MeetingState::of(m) == MeetingState::Running)
            .filter(|m| MeetingState::of(m) != MeetingState::Planned)
            .map(|m| m.date)
            .max();
        self.meetings
            .iter()
            .filter(|m| m.date >= today && MeetingState::of(m) == MeetingState::Planned)
            .map(|m| m.date)
            .find(|&date| under_way.is_none_or(|held| date > held))
    }

    /// Where an action raised at `now` belongs: the running meeting's
    /// current item, timestamped; none when no meeting is running.
    pub fn raised_now(&self, now: super::Timestamp) -> Option<Raised> {
        self.meetings.iter().find_map(|m| {
            let timer = TimerState::replay(m).ok()?;
            let item = timer.current?;
            Some(Raised { meeting: m.date, item: Some(m.agenda[item].number.clone()), at: Some(now) })
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
