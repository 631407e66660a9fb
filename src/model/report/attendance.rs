//! Attendance across meetings: for each member, how often they were
//! present, sent apologies, were absent, stood in for someone or were
//! stood in for, came late; and each meeting's quorum, kept throughout or
//! lost from when. Boards report this yearly and review their terms of
//! reference by it.

use crate::model::quorum::{inquorate_spans, statement};
use crate::model::timer::TimerState;
use crate::model::{AttendanceStatus, Board, Meeting, Role, Timestamp};
use chrono::NaiveDate;

/// One member's record over the meetings counted.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct Tally {
    pub initials: String,
    pub name: String,
    /// Meetings at which they were on the register (or stood in for).
    pub meetings: u32,
    pub present: u32,
    pub apologies: u32,
    pub absent: u32,
    /// On the register but never marked present, apologies or absent.
    pub not_marked: u32,
    /// Meetings where they stood in for another member.
    pub stood_in: u32,
    /// Meetings where someone stood in for them.
    pub stood_in_for: u32,
    /// Present, but arrived after the meeting started.
    pub late: u32,
    /// `present` of `meetings` in whole per cent; none when there were none.
    pub present_percent: Option<u32>,
}

impl Tally {
    /// Present as a share of their meetings, in whole per cent.
    fn percent_present(&self) -> Option<u32> {
        (self.meetings > 0).then(|| super::percent(self.present, self.meetings))
    }
}

/// One meeting's quorum over its whole length.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MeetingQuorum {
    pub date: NaiveDate,
    pub title: String,
    /// "quorate throughout", "inquorate from 11:42 to 11:50".
    pub quorum: String,
    pub quorate_throughout: bool,
    /// When quorum was first lost, in the board's zone.
    pub lost_from: Option<Timestamp>,
}

#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Attendance {
    pub members: Vec<Tally>,
    pub meetings: Vec<MeetingQuorum>,
}

/// Guests and those in attendance for an item are not members: they are
/// not counted, unless they stood in for one.
fn is_member(board: &Board, initials: &str) -> bool {
    board.person(initials).is_none_or(|p| !matches!(p.role, Role::Guest | Role::InAttendance))
}

impl Attendance {
    /// Every member on the register, in its order, so one who never came still shows.
    pub fn new(board: &Board) -> Attendance {
        let members = board
            .people
            .iter()
            .filter(|p| !p.retired && is_member(board, &p.initials))
            .map(|p| Tally { initials: p.initials.clone(), name: p.name.clone(), ..Tally::default() })
            .collect();
        Attendance { members, meetings: vec![] }
    }

    fn tally(&mut self, board: &Board, initials: &str) -> &mut Tally {
        if let Some(i) = self.members.iter().position(|t| t.initials == initials) {
            return &mut self.members[i];
        }
        let name = board.person(initials).map_or_else(|| initials.to_string(), |p| p.name.clone());
        self.members.push(Tally { initials: initials.to_string(), name, ..Tally::default() });
        self.members.last_mut().expect("just pushed")
    }

    /// Counts one held meeting; `until` ends a meeting still running.
    pub fn add(&mut self, board: &Board, meeting: &Meeting, until: Timestamp) {
        let zone = board.zone();
        let started = TimerState::replay(meeting).ok().and_then(|t| t.started);
        let start = started.unwrap_or_else(|| zone.local(meeting.date.and_time(meeting.planned_start)));
        let mut counted: Vec<&str> = vec![];
        for entry in &meeting.attendance {
            if let Some(member) = entry.deputy_for.as_deref() {
                let deputy = self.tally(board, &entry.initials);
                deputy.meetings += 1;
                deputy.stood_in += 1;
                if !counted.contains(&member) {
                    counted.push(member);
                    self.tally(board, member).meetings += 1;
                }
                self.tally(board, member).stood_in_for += 1;
                continue;
            }
            if !is_member(board, &entry.initials) || counted.contains(&entry.initials.as_str()) {
                continue;
            }
            counted.push(&entry.initials);
            let tally = self.tally(board, &entry.initials);
            tally.meetings += 1;
            match entry.status {
                AttendanceStatus::Present => {
                    tally.present += 1;
                    // Within the minute of the start is on time.
                    tally.late += u32::from(entry.arrived.is_some_and(|a| (a - start).num_minutes() >= 1));
                }
                AttendanceStatus::Apologies => tally.apologies += 1,
                AttendanceStatus::Absent => tally.absent += 1,
                AttendanceStatus::Expected => tally.not_marked += 1,
            }
        }
        for tally in &mut self.members {
            tally.present_percent = tally.percent_present();
        }
        let spans = inquorate_spans(board, meeting, until).unwrap_or_default();
        let quorum = statement(board, meeting, until).unwrap_or_else(|| "not recorded".into());
        self.meetings.push(MeetingQuorum {
            date: meeting.date,
            title: meeting.title.clone(),
            quorate_throughout: quorum == "quorate throughout",
            lost_from: spans.first().map(|(from, _)| zone.at(*from)),
            quorum,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Attendance as Entry;

    fn entry(initials: &str, status: AttendanceStatus) -> Entry {
        Entry {
            id: crate::model::id::Id::fresh(),
            initials: initials.into(),
            status,
            mode: None,
            deputy_for: None,
            arrived: None,
            left: None,
            items: vec![],
        }
    }

    #[test]
    fn each_member_is_counted_once_a_meeting_and_deputies_both_ways() {
        let board: &Board =
            &serde_json::from_str(include_str!("../../../sample-data/southend-send/gavel.json")).unwrap();
        let held: &Meeting =
            &serde_json::from_str(include_str!("../../../sample-data/southend-send/meetings/2022-01-06.json")).unwrap();
        let mut meeting = held.clone();
        let (a, b) = (board.people[0].initials.clone(), board.people[1].initials.clone());
        let start = TimerState::replay(&meeting).unwrap().started.unwrap();
        meeting.attendance = vec![entry(&a, AttendanceStatus::Apologies), entry(&b, AttendanceStatus::Present)];
        meeting.attendance[1].arrived = Some(start + chrono::TimeDelta::minutes(20));
        let mut deputy = entry("ZZ", AttendanceStatus::Present);
        deputy.deputy_for = Some(a.clone());
        meeting.attendance.push(deputy);
        let mut report = Attendance::new(board);
        report.add(board, &meeting, start);
        report.add(board, held, start);
        let of = |i: &str| report.members.iter().find(|t| t.initials == i).unwrap().clone();
        let (ta, tb, tz) = (of(&a), of(&b), of("ZZ"));
        assert_eq!((ta.meetings, ta.apologies, ta.stood_in_for, ta.present), (2, 1, 1, 1));
        assert_eq!((tb.meetings, tb.present, tb.late), (2, 2, 1));
        assert_eq!((tz.meetings, tz.stood_in), (1, 1));
        assert_eq!(ta.present_percent, Some(50));
        assert_eq!(report.meetings.len(), 2);
    }
}
