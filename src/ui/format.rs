//! How times, dates and durations read on screen.

use crate::model::Timestamp;
use chrono::{NaiveDate, TimeDelta};

/// "12:04" for a duration of twelve minutes four seconds.
pub fn mmss(d: TimeDelta) -> String {
    let s = d.num_seconds().max(0);
    format!("{:02}:{:02}", s / 60, s % 60)
}

/// Whole minutes, rounded down.
pub fn minutes(d: TimeDelta) -> i64 {
    d.num_minutes()
}

/// Time of day as minutes print it: "10.24".
pub fn minutes_time(t: Timestamp) -> String {
    t.format("%H.%M").to_string()
}

pub fn clock(t: Timestamp) -> String {
    t.format("%H:%M").to_string()
}

/// "Thu 3 Mar 2022".
pub fn long_date(d: NaiveDate) -> String {
    d.format("%a %-d %b %Y").to_string()
}

/// "03 Mar 22": fixed width for columns.
pub fn short_date(d: NaiveDate) -> String {
    d.format("%d %b %y").to_string()
}

/// "+17" or "−5" minutes.
pub fn signed_minutes(m: i64) -> String {
    if m >= 0 { format!("+{m}") } else { format!("−{}", -m) }
}

/// "+17 behind", "−5 ahead" or "on time", against the planned end.
pub fn behind_words(m: i64) -> String {
    match m {
        0 => "on time".into(),
        m if m > 0 => format!("{} behind", signed_minutes(m)),
        m => format!("{} ahead", signed_minutes(m)),
    }
}
