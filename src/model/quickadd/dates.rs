//! Deadlines as minutes and secretaries write them: dates in every common
//! form, relative ones ("within two weeks", "w/c 12 May", "end of April"),
//! the next meeting, and the no-date kinds (ongoing, TBC, ASAP).

use super::calendar::{date, last_day_of, month, plus_days, weekday, year};
use super::words::{bare, unconfuse};
use super::{DateContext, DateOrder};
use crate::model::Deadline;
use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

/// A deadline read from some words, and a note when the words disagree
/// with themselves ("Friday 26 April" when 26 April is a Tuesday).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Reading {
    pub deadline: Deadline,
    pub note: Option<String>,
    pub bare: Bare,
}

/// Where a form counts as a deadline without "due" or "by" before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Bare {
    /// "w/c 12 May", "within two weeks", "end of April", "the next meeting".
    Anywhere,
    /// "ongoing", "TBC", "ASAP": only as the line's last words.
    AtEnd,
    /// "Friday", "1 May": a date in running text is not taken without "due" or "by".
    Never,
}

/// A deadline phrase found in a line: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Found {
    pub start: usize,
    pub len: usize,
    pub reading: Reading,
    /// "Invite the advisors to the next meeting": the meeting is where
    /// they are invited as well as when, so the words stay in the text.
    pub keep_in_text: bool,
}

/// Words that put a deadline after them.
const KEYWORDS: [&str; 8] = ["due", "by", "before", "until", "till", "deadline", "for", "at"];
/// Keywords after which a date must follow ("due soonish" is refused).
const STRICT: [&str; 2] = ["due", "deadline"];

fn reading(deadline: Deadline, bare: Bare) -> Reading {
    Reading { deadline, note: None, bare }
}

/// The deadline phrase of a line: the last one led by a keyword, else the
/// last one that stands alone. An impossible date after a keyword is an
/// error, and so is "due" with no date after it when the line has no
/// other deadline ("due diligence … by 1 May" is fine).
pub(super) fn find(words: &[&str], ctx: &DateContext) -> Result<Option<Found>, String> {
    let lower: Vec<String> = words.iter().map(|w| normal(w)).collect();
    let (mut led, mut alone, mut unread) = (None, None, None);
    let mut at = 0;
    while at < words.len() {
        match led_at(words, &lower, at, ctx)? {
            Led::Found(found) => {
                at = found.start + found.len;
                led = Some(found);
                continue;
            }
            Led::Unread(why) => unread = unread.or(Some(why)),
            Led::Not => {}
        }
        if let Some((reading, len)) = longest(&lower[at..], &words[at..], ctx, true).ok().flatten() {
            let fits = match reading.bare {
                Bare::Anywhere => !is_meeting(&lower[at..at + len], ctx) || ends_phrase(words, at + len),
                Bare::AtEnd => at + len == words.len(),
                Bare::Never => false,
            };
            if fits {
                let before = leading_words(&lower[..at], &lower[at..at + len], ctx);
                let keep_in_text = before == 1 && lower[at - 1] == "to";
                alone = Some(Found { start: at - before, len: len + before, reading, keep_in_text });
                at += len;
                continue;
            }
        }
        at += 1;
    }
    match (led.or(alone), unread) {
        (None, Some(why)) => Err(why),
        (found, _) => Ok(found),
    }
}

/// Words after which a meeting phrase still ends: "for the next meeting
/// with a paper" has a deadline, "the next Board agenda" has none.
const AFTER_A_PHRASE: [&str; 12] = ["with", "and", "on", "to", "for", "in", "at", "where", "when", "so", "if", "or"];

fn ends_phrase(words: &[&str], after: usize) -> bool {
    let closed = after > 0 && words[after - 1].ends_with(['.', ',', ';', ':', ')']);
    match words.get(after) {
        None => true,
        Some(next) => {
            closed || next.starts_with(['@', '(', '-', '–', '—']) || AFTER_A_PHRASE.contains(&bare(next).as_str())
        }
    }
}

fn is_meeting(words: &[String], ctx: &DateContext) -> bool {
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    meeting(&words, ctx).is_some()
}

/// What a keyword at some place leads to.
enum Led {
    Found(Found),
    /// "due" with no date after it: an error unless the line has another deadline.
    Unread(String),
    Not,
}

/// How many words before a meeting phrase belong to it: "to the next
/// meeting", "ahead of the next Board" leave nothing dangling in the text.
fn leading_words(before: &[String], phrase: &[String], ctx: &DateContext) -> usize {
    let phrase: Vec<&str> = phrase.iter().map(String::as_str).collect();
    if meeting(&phrase, ctx).is_none() {
        return 0;
    }
    let last_two = before.len().checked_sub(2).map(|i| (before[i].as_str(), before[i + 1].as_str()));
    if matches!(last_two, Some(("ahead" | "prior", "of" | "to"))) {
        return 2;
    }
    usize::from(before.last().is_some_and(|w| ["to", "at", "for", "by", "before", "until", "in"].contains(&w.as_str())))
}

/// A keyword and the deadline after it, starting at `at`.
fn led_at(words: &[&str], lower: &[String], at: usize, ctx: &DateContext) -> Result<Led, String> {
    let keyword = lower[at].as_str();
    if !KEYWORDS.contains(&keyword) {
        return Ok(Led::Not);
    }
    // "due by 1 May", "due on Friday", "by the end of April".
    let mut from = at + 1;
    if lower.get(from).is_some_and(|w| ["by", "on", "before"].contains(&w.as_str())) {
        from += 1;
    }
    // "for" and "at" lead only to a meeting: "at 10:00" and "for 2 weeks" are not deadlines.
    let meeting_only = ["for", "at"].contains(&keyword);
    match longest(&lower[from..], &words[from..], ctx, false) {
        Ok(Some((reading, len))) => {
            if meeting_only && !(is_meeting(&lower[from..from + len], ctx) && ends_phrase(words, from + len)) {
                return Ok(Led::Not);
            }
            Ok(Led::Found(Found { start: at, len: from + len - at, reading, keep_in_text: false }))
        }
        Err(why) if !meeting_only => Err(why),
        _ if STRICT.contains(&keyword) && !matches!(lower.get(at + 1).map(String::as_str), Some("to" | "for")) => {
            let what = words.get(at + 1).map_or("nothing".to_string(), |w| format!("{w:?}"));
            Ok(Led::Unread(format!(
                "cannot read the date after \"{}\" ({what}): write it like 2024-05-01, 1.5.24, 1 May, Friday, +2w, w/c 12 May, end of April, next meeting or TBC",
                words[at]
            )))
        }
        _ => Ok(Led::Not),
    }
}

/// A word as dates compare it: bare, lower case, look-alike letters made Latin.
pub(super) fn normal(word: &str) -> String {
    let word = bare(word);
    unconfuse(&word).map_or(word, |(latin, _)| latin)
}

/// The longest reading of the first words (up to seven). Errors only for
/// words meant as a date that cannot be one.
fn longest(
    words: &[String],
    typed: &[&str],
    ctx: &DateContext,
    alone: bool,
) -> Result<Option<(Reading, usize)>, String> {
    let mut first_error = None;
    for len in (1..=words.len().min(7)).rev() {
        match exact(&words[..len], ctx) {
            Ok(Some(reading)) => return Ok(Some((reading, len))),
            Ok(None) => {}
            // The message quotes the words as typed, not as compared.
            Err(why) => {
                first_error = first_error.or(Some(why.replace(&words[..len].join(" "), &typed[..len].join(" "))))
            }
        }
    }
    match first_error {
        Some(why) if !alone => Err(why),
        _ => Ok(None),
    }
}

/// These words exactly as one deadline, or `None`.
pub(super) fn exact(words: &[String], ctx: &DateContext) -> Result<Option<Reading>, String> {
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    if let Some(found) = meeting(&w, ctx).or_else(|| kind(&w)) {
        return Ok(Some(found));
    }
    if let Some(deadline) = relative(&w, ctx.today)? {
        return Ok(Some(reading(Deadline::On(deadline), Bare::Anywhere)));
    }
    if let Some(date) = near(&w, ctx.today) {
        return Ok(Some(reading(Deadline::On(date), Bare::Never)));
    }
    with_weekday(&w, ctx)
}

/// "next meeting", "the next meeting", "next Board", "the next board meeting".
fn meeting(w: &[&str], ctx: &DateContext) -> Option<Reading> {
    names_next_meeting(w).then(|| reading(ctx.next_meeting.map_or(Deadline::NextMeeting, Deadline::On), Bare::Anywhere))
}

/// Whether these words (compared as `normal` makes them) are the next meeting's name.
pub(super) fn names_next_meeting(w: &[&str]) -> bool {
    let w = w.strip_prefix(&["the"]).unwrap_or(w);
    matches!(w, ["next", "meeting" | "mtg" | "board"] | ["next", "board", "meeting"])
}

/// "ongoing", "TBC", "ASAP" and their longer spellings.
fn kind(w: &[&str]) -> Option<Reading> {
    let deadline = match w {
        ["ongoing"] | ["on-going"] => Deadline::Ongoing,
        ["tbc"] | ["tba"] | ["tbd"] | ["to", "be", "confirmed"] => Deadline::Tbc,
        ["asap"] | ["as", "soon", "as", "possible"] => Deadline::Asap,
        _ => return None,
    };
    Some(reading(deadline, Bare::AtEnd))
}

/// A date with a weekday that should agree with it: the date wins, and a
/// weekday that does not agree is noted. Otherwise a plain date.
fn with_weekday(w: &[&str], ctx: &DateContext) -> Result<Option<Reading>, String> {
    if let [day_name, rest @ ..] = w
        && let Some(named) = weekday(day_name)
        && !rest.is_empty()
    {
        let rest = rest.strip_prefix(&["the"]).unwrap_or(rest);
        return Ok(date(rest, ctx)?.map(|date| {
            let note = (date.weekday() != named).then(|| {
                format!(
                    "{} is a {}, not a {}: the date is used",
                    date.format("%-d %B %Y"),
                    date.format("%A"),
                    day_full(named)
                )
            });
            Reading { deadline: Deadline::On(date), note, bare: Bare::Never }
        }));
    }
    Ok(date(w, ctx)?.map(|d| reading(Deadline::On(d), Bare::Never)))
}

fn day_full(day: Weekday) -> &'static str {
    ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"][day.num_days_from_monday() as usize]
}

/// today, tomorrow, Friday, next Friday, this week, next week.
fn near(w: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let next_week_monday = || today + Days::new(u64::from(7 - today.weekday().num_days_from_monday()));
    match w {
        ["today"] => Some(today),
        ["tomorrow"] => today.checked_add_days(Days::new(1)),
        [d] => weekday(d).map(|day| coming(today, day)),
        ["next", "week"] | ["end", "of", "next", "week"] => Some(next_week_monday() + Days::new(4)),
        ["this", "week"] | ["end", "of", "the" | "this", "week"] | ["end", "of", "week"] => {
            Some(coming_or_today(today, Weekday::Fri))
        }
        ["this", d] => weekday(d).map(|day| coming(today, day)),
        // The weekday of next week, Monday to Sunday, as UK offices say it.
        ["next", d] => weekday(d).map(|day| next_week_monday() + Days::new(u64::from(day.num_days_from_monday()))),
        _ => None,
    }
}

/// The next such weekday after today (a week today if it is today).
fn coming(today: NaiveDate, day: Weekday) -> NaiveDate {
    let ahead = (7 + day.num_days_from_monday() - today.weekday().num_days_from_monday()) % 7;
    today + Days::new(u64::from(if ahead == 0 { 7 } else { ahead }))
}

fn coming_or_today(today: NaiveDate, day: Weekday) -> NaiveDate {
    if today.weekday() == day { today } else { coming(today, day) }
}

/// +3d, +2w; within two weeks, in 10 days, within a month; w/c 12 May; end
/// of April, end of the month, end of next month, end of the year.
fn relative(w: &[&str], today: NaiveDate) -> Result<Option<NaiveDate>, String> {
    match w {
        [plus] if plus.starts_with('+') => plus_days(plus, today).map(Some),
        ["within" | "in", rest @ ..] => Ok(within(rest.strip_prefix(&["the", "next"]).unwrap_or(rest), today)),
        ["w/c" | "wc" | "w/b" | "w.c" | "w.b", rest @ ..] | ["week", "commencing" | "beginning", rest @ ..] => {
            let ctx = DateContext {
                today,
                order: DateOrder::DayFirst,
                next_meeting: None,
                meeting_today: Default::default(),
            };
            // The end of that working week: its Friday.
            Ok(date(rest, &ctx)?.map(|d| d - Days::new(u64::from(d.weekday().num_days_from_monday())) + Days::new(4)))
        }
        ["end", "of", rest @ ..] | ["the", "end", "of", rest @ ..] => Ok(end_of(rest, today)),
        _ => Ok(None),
    }
}

fn within(w: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    let (count, unit) = match w {
        ["a", "fortnight"] | ["fortnight"] => (2, "weeks"),
        [n, unit] => (count(n)?, *unit),
        ["a", "couple", "of", unit] => (2, *unit),
        _ => return None,
    };
    match unit.trim_end_matches('s') {
        "day" => today.checked_add_days(Days::new(count)),
        "week" | "wk" => today.checked_add_days(Days::new(count.checked_mul(7)?)),
        "month" => today.checked_add_months(Months::new(u32::try_from(count).ok()?)),
        _ => None,
    }
}

fn count(word: &str) -> Option<u64> {
    let words =
        ["a", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"];
    match words.iter().position(|n| *n == word) {
        Some(0) => Some(1),
        Some(n) => Some(n as u64),
        None => word.parse().ok().filter(|&n| n <= 3660),
    }
}

fn end_of(w: &[&str], today: NaiveDate) -> Option<NaiveDate> {
    match w {
        ["the" | "this", "month"] | ["month"] => Some(last_day_of(today.year(), today.month())),
        ["next", "month"] => {
            let next = today.checked_add_months(Months::new(1))?;
            Some(last_day_of(next.year(), next.month()))
        }
        ["the" | "this", "year"] | ["year"] => NaiveDate::from_ymd_opt(today.year(), 12, 31),
        [m] => {
            let m = month(m)?;
            let this_year = last_day_of(today.year(), m);
            Some(if this_year >= today { this_year } else { last_day_of(today.year() + 1, m) })
        }
        [m, y] => Some(last_day_of(year(y)?, month(m)?)),
        _ => None,
    }
}

/// Phrases left in the text that read as a date: "13th January", "Friday".
pub(super) fn date_like(words: &[&str], ctx: &DateContext) -> Vec<String> {
    let lower: Vec<String> = words.iter().map(|w| normal(w)).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        // One word alone reads as a date only with a figure in it ("14.01.22")
        // or as a weekday's name ("Friday", not "today" or "sat").
        let len = (1..=lower.len().saturating_sub(at).min(7)).rev().find(|&len| {
            let read = matches!(exact(&lower[at..at + len], ctx), Ok(Some(_)));
            let word = words[at];
            let one_word_date = word.contains(|c: char| c.is_ascii_digit())
                || word.starts_with(char::is_uppercase) && weekday(&lower[at]).is_some() && lower[at].len() > 3;
            read && (len > 1 || one_word_date)
        });
        match len {
            Some(len) => {
                found.push(words[at..at + len].join(" "));
                at += len;
            }
            None => at += 1,
        }
    }
    found
}
