//! The one-line action grammar, shared by the TUI's quick-add and
//! `gavel add`: free text, owners as `@INITIALS` (`@LM @TR`, `@LM/TR`),
//! and a deadline after `due` or `by`.

use super::board::DateOrder;
use super::{Board, Deadline};
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A parsed line, ready to become an action.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuickAdd {
    pub text: String,
    /// Initials as the register spells them.
    pub owners: Vec<String>,
    pub due: Option<Deadline>,
}

/// What the parser needs to know about the calendar and the board.
#[derive(Debug, Clone, Copy)]
pub struct DateContext {
    pub today: NaiveDate,
    pub order: DateOrder,
    /// The next planned meeting, for `next meeting`.
    pub next_meeting: Option<NaiveDate>,
}

pub fn parse(line: &str, board: &Board, ctx: &DateContext) -> Result<QuickAdd, String> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let due = take_date(&mut words, "due", Some("by"), ctx)?;
    let (owners, text) = take_owners(board, words)?;
    let text = text.join(" ");
    if text.is_empty() {
        return Err("an action needs some words saying what is to be done".into());
    }
    Ok(QuickAdd { text, owners, due })
}

/// Splits `@OWNER` words (`@GB`, `@GB/PD`) from the rest, matching each
/// against the register.
pub(crate) fn take_owners<'a>(board: &Board, words: Vec<&'a str>) -> Result<(Vec<String>, Vec<&'a str>), String> {
    let mut owners = Vec::new();
    let mut rest = Vec::new();
    for word in words {
        match word.strip_prefix('@') {
            Some(names) => {
                for name in names.split('/').filter(|n| !n.is_empty()) {
                    let initials = owner(board, name.trim_end_matches([',', ';', '.']))?;
                    if !owners.contains(&initials) {
                        owners.push(initials);
                    }
                }
            }
            None => rest.push(word),
        }
    }
    Ok((owners, rest))
}

/// Finds `KEYWORD DATE`, takes it out of the words and reads it. After
/// `strict` a date must follow; after `lenient` only when what follows
/// looks like one ("by the end of term" stays text).
pub(crate) fn take_date(
    words: &mut Vec<&str>,
    strict: &str,
    lenient: Option<&str>,
    ctx: &DateContext,
) -> Result<Option<Deadline>, String> {
    for at in (0..words.len()).rev() {
        let keyword = words[at].to_lowercase();
        if keyword != strict && Some(keyword.as_str()) != lenient {
            continue;
        }
        let after = &words[at + 1..];
        for len in (1..=after.len().min(3)).rev() {
            if let Some(deadline) = read_date(&after[..len], ctx)? {
                words.drain(at..at + 1 + len);
                return Ok(Some(deadline));
            }
        }
        if keyword == strict {
            let what = after.first().map_or("nothing".to_string(), |w| format!("{w:?}"));
            return Err(format!(
                "cannot read the date after \"{strict}\" ({what}): write it like 2024-05-01, 1.5.24, 1 May, Friday, +2w or next meeting"
            ));
        }
    }
    Ok(None)
}

const MONTHS: [&str; 12] = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

fn month(word: &str) -> Option<u32> {
    let word = word.to_lowercase();
    let word = word.trim_end_matches([',', '.']);
    if word.len() < 3 {
        return None;
    }
    let full = [
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
    (0..12)
        .find(|&i| full[i].starts_with(word) && word.starts_with(MONTHS[i]) || word == "sept" && i == 8)
        .map(|i| i as u32 + 1)
}

fn weekday(word: &str) -> Option<Weekday> {
    let word = word.to_lowercase();
    let names = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"];
    let days = [Weekday::Mon, Weekday::Tue, Weekday::Wed, Weekday::Thu, Weekday::Fri, Weekday::Sat, Weekday::Sun];
    (0..7).find(|&i| word.len() >= 3 && names[i].starts_with(&word)).map(|i| days[i])
}

/// A day of the month, with or without "st", "nd", "rd", "th".
fn day(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic() || c == ',');
    let suffix = &word[digits.len()..].trim_end_matches(',').to_lowercase();
    if !["", "st", "nd", "rd", "th"].contains(&suffix.as_str()) {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn year(word: &str) -> Option<i32> {
    let y: i32 = word.trim_end_matches([',', '.']).parse().ok()?;
    match word.len() {
        2 => Some(2000 + y),
        4 => Some(y),
        _ => None,
    }
}

fn real(y: i32, m: u32, d: u32, written: &str) -> Result<NaiveDate, String> {
    NaiveDate::from_ymd_opt(y, m, d).ok_or_else(|| format!("{written} is not a real date"))
}

/// The first date on or after `today` with this month and day.
fn next_occurrence(today: NaiveDate, m: u32, d: u32, written: &str) -> Result<NaiveDate, String> {
    let this_year = NaiveDate::from_ymd_opt(today.year(), m, d);
    match this_year {
        Some(date) if date >= today => Ok(date),
        _ => real(today.year() + 1, m, d, written),
    }
}

fn last_day_of(y: i32, m: u32) -> NaiveDate {
    let first = NaiveDate::from_ymd_opt(y, m, 1).expect("month from 1 to 12");
    first + Months::new(1) - Days::new(1)
}

/// Reads these words as a date: `Ok(None)` when they are not meant as one,
/// an error when they are but cannot be a real date (31.02.22).
fn read_date(words: &[&str], ctx: &DateContext) -> Result<Option<Deadline>, String> {
    let written = words.join(" ");
    let lower = written.to_lowercase();
    let today = ctx.today;
    let on = |d: NaiveDate| Ok(Some(Deadline::On(d)));
    let found = match words {
        [_, _] if lower == "next meeting" => Ok(Some(ctx.next_meeting.map_or(Deadline::NextMeeting, Deadline::On))),
        [_] if lower == "today" => on(today),
        [_] if lower == "tomorrow" => on(today + Days::new(1)),
        [w] if weekday(w).is_some() => {
            let target = weekday(w).expect("checked");
            let ahead = (7 + target.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
            on(today + Days::new(u64::from(if ahead == 0 { 7 } else { ahead })))
        }
        [w] if w.starts_with('+') => relative(w, today).map(|d| Some(Deadline::On(d))),
        [w] if w.len() == 10 && w.as_bytes()[4] == b'-' => {
            let parts: Vec<&str> = w.split('-').collect();
            let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
            match (n(0), n(1), n(2)) {
                (Some(y), Some(m), Some(d)) => on(real(y as i32, m, d, w)?),
                _ => Err(format!("{w} is not a date like 2024-05-01")),
            }
        }
        [w] if w.chars().next().is_some_and(|c| c.is_ascii_digit()) && w.contains(['.', '/']) => {
            numeric(w, ctx).map(|d| Some(Deadline::On(d)))
        }
        [d, m] if day(d).is_some() && month(m).is_some() => {
            on(next_occurrence(today, month(m).expect("checked"), day(d).expect("checked"), &written)?)
        }
        [m, d] if ctx.order == DateOrder::MonthFirst && month(m).is_some() && day(d).is_some() => {
            on(next_occurrence(today, month(m).expect("checked"), day(d).expect("checked"), &written)?)
        }
        [m, y] if month(m).is_some() && year(y).is_some() => {
            on(last_day_of(year(y).expect("checked"), month(m).expect("checked")))
        }
        [d, m, y] if day(d).is_some() && month(m).is_some() && year(y).is_some() => {
            on(real(year(y).expect("checked"), month(m).expect("checked"), day(d).expect("checked"), &written)?)
        }
        _ => Ok(None),
    };
    match found {
        Ok(Some(Deadline::On(date))) if date > LAST_DATE => {
            Err(format!("{written} would be {date}, after 9999-12-31: give a nearer date"))
        }
        found => found,
    }
}

/// The last date a workspace file can hold ("YYYY-MM-DD" has four digits
/// of year): later ones are refused as typed, never clamped.
pub const LAST_DATE: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a real date");

/// A whole line that must be one date ("1 May", "friday", "2024-05-01").
pub fn read_one_date(line: &str, ctx: &DateContext) -> Result<NaiveDate, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    match read_date(&words, ctx)? {
        Some(Deadline::On(date)) => Ok(date),
        Some(Deadline::NextMeeting) => Err("no next meeting is planned: give a date".into()),
        None => Err(format!(
            "cannot read {line:?} as a date: write it like 2024-05-01, 1.5.24, 1 May, Friday, +2w or next meeting"
        )),
    }
}

/// `+3d`, `+2w`.
fn relative(word: &str, today: NaiveDate) -> Result<NaiveDate, String> {
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

/// `01.05.24`, `1/5/2024`, `1.5`: day first unless the board says month first.
fn numeric(word: &str, ctx: &DateContext) -> Result<NaiveDate, String> {
    let parts: Vec<&str> = word.trim_end_matches(['.', ',']).split(['.', '/']).collect();
    let n = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let bad = || format!("{word} is not a date like 1.5.24 or 1/5/2024");
    let (first, second) = (n(0).ok_or_else(bad)?, n(1).ok_or_else(bad)?);
    let (d, m) = match ctx.order {
        DateOrder::DayFirst => (first, second),
        DateOrder::MonthFirst => (second, first),
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

/// Matches `@name` against people and groups, ignoring case.
fn owner(board: &Board, name: &str) -> Result<String, String> {
    let all = || board.people.iter().map(|p| &p.initials).chain(board.groups.iter().map(|g| &g.initials));
    if let Some(found) = all().find(|i| i.eq_ignore_ascii_case(name)) {
        return Ok(found.clone());
    }
    let nearest = all().min_by_key(|i| distance(&i.to_lowercase(), &name.to_lowercase()));
    let hint = nearest.map_or(String::new(), |n| format!(" (did you mean @{n}?)"));
    Err(format!("@{name} is not in the people register{hint}"))
}

/// Edit distance, for suggesting the initials someone meant.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests;
