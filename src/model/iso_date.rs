//! Dates as the workspace writes them, "2022-03-03", read and written by
//! hand: chrono's general parser and formatter are most of the cost of
//! loading ten years of actions.

use chrono::{Datelike, NaiveDate};
use serde::de::{Error, Visitor};
use serde::{Deserializer, Serializer};
use std::fmt;

/// Reads exactly "YYYY-MM-DD" as a real date.
pub fn parse(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |range: std::ops::Range<usize>| {
        b[range].iter().try_fold(0u32, |n, &d| d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0')))
    };
    NaiveDate::from_ymd_opt(number(0..4)? as i32, number(5..7)?, number(8..10)?)
}

/// "YYYY-MM-DD" into a small buffer, for years 0 to 9999.
pub fn format(date: NaiveDate) -> [u8; 10] {
    let (y, m, d) = (date.year().clamp(0, 9999) as u32, date.month(), date.day());
    let digit = |n: u32| b'0' + (n % 10) as u8;
    [
        digit(y / 1000),
        digit(y / 100),
        digit(y / 10),
        digit(y),
        b'-',
        digit(m / 10),
        digit(m),
        b'-',
        digit(d / 10),
        digit(d),
    ]
}

fn write<S: Serializer>(date: NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    let bytes = format(date);
    s.serialize_str(std::str::from_utf8(&bytes).expect("ASCII digits and dashes"))
}

struct DateVisitor;

impl Visitor<'_> for DateVisitor {
    type Value = NaiveDate;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a date like \"2022-03-03\"")
    }

    fn visit_str<E: Error>(self, text: &str) -> Result<NaiveDate, E> {
        parse(text).ok_or_else(|| E::custom(format!("expected a real date like \"2022-03-03\", found {text:?}")))
    }
}

pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
    write(*date, s)
}

pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
    d.deserialize_str(DateVisitor)
}

/// For `Option<NaiveDate>` fields.
pub mod option {
    use super::*;

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => write(*date, s),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        super::deserialize(d).map(Some)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_iso_dates_only() {
        let date = NaiveDate::from_ymd_opt(2022, 3, 3).unwrap();
        assert_eq!(parse("2022-03-03"), Some(date));
        assert_eq!(&format(date), b"2022-03-03");
        for bad in ["2022-02-30", "2022-3-3", "22-03-03", "2022/03/03", "2022-03-0x", "", "2022-03-03T"] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        assert_eq!(&format(NaiveDate::from_ymd_opt(987, 12, 1).unwrap()), b"0987-12-01");
    }
}
