//! The wall clock, read here for the whole program and passed down as a
//! value, so the model, the app and every test run on a clock they are given.

use crate::model::Timestamp;

/// Now, to the whole second, with the local UTC offset. Whole seconds keep
/// the journal readable and make the shown seconds change exactly when the
/// loop wakes on the second.
pub fn wall() -> Timestamp {
    use chrono::Timelike;
    let now = chrono::Local::now().fixed_offset();
    now.with_nanosecond(0).unwrap_or(now)
}

/// The screen's clock: the wall clock, unless `GAVEL_NOW` (an RFC 3339
/// time) pins the instant it starts from; it then runs on from there, so a
/// meeting can be run, shown and tested at its planned time.
pub fn running() -> Timestamp {
    use chrono::Timelike;
    // The pin first: the wall clock read after it, so the first reading is
    // the pinned instant itself, not a moment before it (10:00 shown as 09:59).
    let pin = pinned();
    let real = chrono::Local::now().fixed_offset();
    let now = match pin {
        Some((offset, zone)) => (real + *offset).with_timezone(zone),
        None => real,
    };
    now.with_nanosecond(0).unwrap_or(now)
}

/// How far `GAVEL_NOW` is from the wall clock, taken once, and its offset.
fn pinned() -> Option<&'static (chrono::TimeDelta, chrono::FixedOffset)> {
    static PINNED: std::sync::OnceLock<Option<(chrono::TimeDelta, chrono::FixedOffset)>> = std::sync::OnceLock::new();
    PINNED
        .get_or_init(|| {
            let text = std::env::var("GAVEL_NOW").ok()?;
            let pinned = chrono::DateTime::parse_from_rfc3339(text.trim()).ok()?;
            Some((pinned - chrono::Local::now().fixed_offset(), *pinned.offset()))
        })
        .as_ref()
}
