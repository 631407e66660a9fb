//! Reports across meetings, for the chair and the secretary between
//! meetings: who came (attendance, quorum) and how the time went (timing).
//! Each is a tally fed one held meeting at a time, so a hundred years of
//! meetings are read in turn, never held at once.

pub mod attendance;
pub mod remind;
pub mod timing;

use super::{Meeting, MeetingState};

/// A meeting a report counts: held (running or closed), within the dates.
pub fn counts(meeting: &Meeting, from: Option<chrono::NaiveDate>, to: Option<chrono::NaiveDate>) -> bool {
    from.is_none_or(|f| meeting.date >= f)
        && to.is_none_or(|t| meeting.date <= t)
        && MeetingState::of(meeting) != MeetingState::Planned
}

/// A share as a whole percentage, rounded half up; none of none is 0.
pub fn percent(part: u32, whole: u32) -> u32 {
    if whole == 0 { 0 } else { (part * 200 + whole) / (whole * 2) }
}
