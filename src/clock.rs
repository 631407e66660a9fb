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
