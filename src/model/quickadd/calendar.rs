//! Calendar dates as people write them: ISO, day-first or month-first
//! numbers with dots, slashes or dashes, day and month names, a month
//! alone (its last day), two-digit and apostrophe years.

use super::{DateContext, DateOrder};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A calendar date in any of the written forms, or a month (its last day).
pub(super) fn date(w: &[&str], ctx: &DateContext) -> Result<Option<NaiveDate>, String> {
    let today = ctx.today;
    let written = w.join(" ");
    let w: Vec<&str> = w.iter().copied().filter(|x| *x != "of").collect();
    Ok(match w.as_slice() {
        [one] if one.len() == 10 && one.as_bytes()[4] == b'-' => Some(iso(one)?),
        [one] if one.chars().next().is_some_and(|c| c.is_ascii_digit()) && one.contains(['.', '/', '-']) => {
            Some(numeric(one, ctx)?)
        }
        // "Apr-24", "April-2024": a spreadsheet's month.
        [one] if one.contains('-') => match one.split_once('-') {
            Some((m, y)) => month(m).zip(year(y)).map(|(m, y)| last_day_of(y, m)),
            None => None,
        },
        [d, m] if day(d).is_some() && month(m).is_some() => {
            Some(next_occurrence(today, month(m).unwrap(), day(d).unwrap(), &written)?)
        }
        [m, d] if ctx.order == DateOrder::MonthFirst && month(m).is_some() && day(d).is_some() => {
            Some(next_occurrence(today, month(m).unwrap(), day(d).unwrap(), &written)?)
        }
        [m, y] if month(m).is_some() && year(y).is_some() => Some(last_day_of(year(y).unwrap(), month(m).unwrap())),
        [d, m, y] if day(d).is_some() && month(m).is_some() && year(y).is_some() => {
            Some(real(year(y).unwrap(), month(m).unwrap(), day(d).unwrap(), &written)?)
        }
        [m, d, y] if month(m).is_some() && day(d).is_some() && year(y).is_some() => {
            Some(real(year(y).unwrap(), month(m).unwrap(), day(d).unwrap(), &written)?)
        }
        _ => None,
    })
}

fn iso(word: &str) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = word.split('-').collect();
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    match (n(0), n(1), n(2)) {
        (Some(y), Some(m), Some(d)) => real(y as i32, m, d, word),
        _ => Err(format!("{word} is not a date like 2024-05-01")),
    }
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const FULL_MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

pub(super) fn month(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let word = word.trim_end_matches([',', '.']);
    if word.len() < 3 {
        return None;
    }
    (0..12)
        .find(|&i| FULL_MONTHS[i].starts_with(word) && word.starts_with(MONTHS[i]) || word == "sept" && i == 8)
        .map(|i| i as u32 + 1)
}

pub(super) fn weekday(word: &str) -> Option<Weekday> {
    let word = word.to_lowercase();
    let word = word.trim_end_matches([',', '.']);
    let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let days = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
    (0..7).find(|&i| word.len() >= 3 && names[i].starts_with(word)).map(|i| days[i])
}

/// A day of the month, with or without "st", "nd", "rd", "th".
pub(super) fn day(word: &str) -> Option<u32> {
    let word = word.trim_end_matches(',');
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = word[digits.len()..].to_lowercase();
    if !["", "st", "nd", "rd", "th"].contains(&suffix.as_str()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// "2024", "24", "'24".
pub(super) fn year(word: &str) -> Option<i32> {
    let word = word.trim_end_matches([',', '.']).trim_start_matches(['\'', '’']);
    let y: i32 = word.parse().ok()?;
    match word.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

fn real(y: i32, m: u32, d: u32, written: &str) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("{written} is not a real date"))
}

/// The first date on or after `today` with this month and day: "29 Feb"
/// is the next 29 February, up to eight years on (2096 to 2104 skips 2100).
fn next_occurrence(today: NaiveDate, m: u32, d: u32, written: &str) -> Result<NaiveDate, String> {
    (today.year()..=today.year() + 8)
        .filter_map(|y| NaiveDate::from_ymd_opt(y, m, d))
        .find(|date| *date >= today)
        .ok_or_else(|| format!("{written} is not a real date"))
}

pub(super) fn last_day_of(y: i32, m: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(NaiveDate::MAX);
    first.checked_add_months(Months::new(1)).map_or(NaiveDate::MAX, |next| next - Days::new(1))
}

/// `+3d`, `+2w`.
pub(super) fn plus_days(word: &str, today: NaiveDate) -> Result<NaiveDate, String> {
    let bad = || format!("{word} is not like +3d or +2w");
    let body = word.strip_prefix('+').ok_or_else(bad)?;
    // Split off the last character, not the last byte: the unit may be any letter typed.
    let unit = body.chars().last().ok_or_else(bad)?;
    let count: u64 = body[..body.len() - unit.len_utf8()].parse().map_err(|_| bad())?;
    let days = match unit {
        'd' | 'D' => count,
        'w' | 'W' => count.checked_mul(7).ok_or_else(bad)?,
        _ => return Err(bad()),
    };
    today.checked_add_days(Days::new(days)).ok_or_else(|| format!("{word} is too far ahead"))
}

/// `01.05.24`, `1/5/2024`, `20-06-24`, `1.5`: day first unless the board
/// says month first.
fn numeric(word: &str, ctx: &DateContext) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = word.trim_end_matches(['.', ',']).split(['.', '/', '-']).collect();
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let bad = || format!("{word} is not a date like 1.5.24 or 1/5/2024");
    let first = n(0).ok_or_else(bad)?;
    // "1-May-24": a month written as a word between the numbers.
    let (d, m) = match (n(1), parts.get(1).and_then(|p| month(p))) {
        (None, Some(m)) => (first, m),
        (Some(second), _) => match ctx.order {
            DateOrder::DayFirst => (first, second),
            DateOrder::MonthFirst => (second, first),
        },
        (None, None) => return Err(bad()),
    };
    match parts.len() {
        2 => {
            if !(1..=12).contains(&m) {
                return Err(format!("{word} is not a real date"));
            }
            next_occurrence(ctx.today, m, d, word)
        }
        3 => real(year(parts[2]).ok_or_else(bad)?, m, d, word),
        _ => Err(bad()),
    }
}
