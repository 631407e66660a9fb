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

/// "20 min", or "1 h 05" from an hour on: a size a person takes in.
pub fn duration_words(m: i64) -> String {
    let m = m.abs();
    if m < 60 { format!("{m} min") } else { format!("{} h {:02}", m / 60, m % 60) }
}

/// "+7", "−3" or, past an hour, "+1 h 05".
pub fn signed_duration(m: i64) -> String {
    let sign = if m < 0 { "−" } else { "+" };
    if m.abs() < 60 { format!("{sign}{}", m.abs()) } else { format!("{sign}{}", duration_words(m)) }
}

/// A Ref column as wide as the longest ref it lists, 4 to 8 characters: a
/// board of ten years has A10085 and R985, and "A98…" on every row tells
/// none of them apart.
pub fn ref_width<'a>(refs: impl Iterator<Item = &'a str>) -> usize {
    refs.map(|r| r.chars().count()).max().unwrap_or(0).clamp(4, 8)
}
