//! The one-line action grammar, shared by the TUI's quick-add, `gavel add`
//! and the CSV import's deadlines: free text; owners after `@` (`@GB`,
//! `@GB/PD`, `@MM & CMc`, `@Gary`, `@"SEND Scrum"`) or as the minutes name
//! them ("Action: GB to …", "MM asked JB to …", "… (GB)"); and a deadline
//! ("due 1 May", "by end of April", "w/c 12 May", "within two weeks",
//! "next meeting", "ongoing", "TBC", "ASAP"). What it reads, it says; what
//! looks wrong, it warns about: a line is never silently misread.

mod calendar;
pub mod columns;
mod dates;
mod owners;
pub(crate) use owners::distance;
mod words;
pub use words::split_actions;

use super::board::DateOrder;
use super::{Board, Deadline};
use chrono::NaiveDate;

/// A parsed line, ready to become an action.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct QuickAdd {
    pub text: String,
    /// Initials as the register spells them.
    pub owners: Vec<String>,
    pub due: Option<Deadline>,
}

/// A line as read: the action, and what looks wrong with it. A line with
/// warnings can still be saved, after a second Enter (or not at all with
/// `gavel add --strict`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reading {
    pub draft: QuickAdd,
    pub warnings: Vec<String>,
    /// What the reader should know but need not confirm: which meeting
    /// "next meeting" is ("due next meeting: Thu 5 May 2022, the one after today's").
    pub notes: Vec<String>,
}

/// What the parser needs to know about the calendar and the board.
#[derive(Debug, Clone, Copy)]
pub struct DateContext {
    pub today: NaiveDate,
    pub order: DateOrder,
    /// The next meeting after the one under way (or after today), for
    /// `next meeting`.
    pub next_meeting: Option<NaiveDate>,
    /// Whether a meeting is held today, and whether it has begun: "next
    /// meeting" typed from its planned start is the one after it.
    pub meeting_today: MeetingToday,
}

/// Today's meeting, as "next meeting" sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MeetingToday {
    #[default]
    None,
    /// Planned for later today: "next meeting" is this one.
    NotStarted(chrono::NaiveTime),
    /// Running, held, or past its planned start: "next meeting" is the one after.
    UnderWay,
}

impl DateContext {
    /// "due next meeting: Thu 5 May 2022, the one after today's": which
    /// meeting the words were read as.
    fn next_meeting_note(&self) -> String {
        let when = |d: NaiveDate| d.format("%a %-d %b %Y").to_string();
        match (self.meeting_today, self.next_meeting) {
            (MeetingToday::UnderWay, Some(d)) => format!("due next meeting: {}, the one after today's", when(d)),
            (MeetingToday::UnderWay, None) => {
                "due next meeting: none is made after today's yet, so it is dated when one is".into()
            }
            (MeetingToday::NotStarted(start), _) => {
                format!("due next meeting: today's, at {} (it has not started)", start.format("%H:%M"))
            }
            (MeetingToday::None, Some(d)) => format!("due next meeting: {}", when(d)),
            (MeetingToday::None, None) => "due next meeting: none is planned yet, so it is dated when one is".into(),
        }
    }
}

/// What a table's columns already say about an action, so its text is
/// not searched for it: owners from the Owner cell, the deadline from
/// the Deadline cell (`Some(None)`: the cell is empty).
#[derive(Debug, Default)]
pub(crate) struct Given {
    owners: Option<owners::Owners>,
    due: Option<Option<Deadline>>,
}

/// How far ahead a deadline may be before it is asked about.
const FAR_AHEAD_DAYS: i64 = 3 * 366;

pub fn parse(line: &str, board: &Board, ctx: &DateContext) -> Result<QuickAdd, String> {
    read(line, board, ctx).map(|reading| reading.draft)
}

/// Reads a line as an action, with its warnings.
pub fn read(line: &str, board: &Board, ctx: &DateContext) -> Result<Reading, String> {
    read_given(line, board, ctx, Given::default())
}

/// Reads a line as an action, taking from `given` what a table's cells said.
pub(crate) fn read_given(line: &str, board: &Board, ctx: &DateContext, given: Given) -> Result<Reading, String> {
    let mut words = words::split(line);
    drop_action_label(&mut words);
    let owners_given = given.owners.is_some();
    let owners_first = !owners_given && words.first().is_some_and(|w| w.starts_with('@'));
    let mut owners = match given.owners {
        Some(cell) => cell,
        None => owners::take_at(board, &mut words)?,
    };
    let mut warnings = std::mem::take(&mut owners.notes);
    let mut notes = Vec::new();
    let mut kept = None;
    let due = match given.due {
        Some(cell) => cell,
        None => match dates::find(&words, ctx)? {
            Some(found) => {
                let phrase = &words[found.start..found.start + found.len];
                within_bounds(found.reading.deadline, &phrase.join(" "))?;
                let lower: Vec<String> = phrase.iter().map(|w| dates::normal(w)).collect();
                let lower: Vec<&str> = lower.iter().map(String::as_str).collect();
                if (0..lower.len()).any(|i| dates::names_next_meeting(&lower[i..])) {
                    notes.push(ctx.next_meeting_note());
                }
                if found.keep_in_text {
                    kept = Some(phrase[1..].join(" ").to_lowercase());
                } else {
                    words.drain(found.start..found.start + found.len);
                }
                warnings.extend(found.reading.note);
                Some(found.reading.deadline)
            }
            None => None,
        },
    };
    let from_subject = if owners_given {
        subject_of_the_cell(board, &mut words, &owners.initials)
    } else {
        owners_from_text(board, &mut words, &mut owners, owners_first)?
    };
    warnings.append(&mut owners.notes);
    let text = tidy(&words, from_subject, &mut warnings);
    if text.is_empty() {
        return Err("an action needs some words saying what is to be done".into());
    }
    let draft = QuickAdd { text, owners: owners.initials, due };
    let said = warn(&draft, ctx);
    // "to the next meeting" was read as the deadline and left in the text on purpose.
    warnings.extend(
        said.into_iter().filter(|w| kept.as_ref().is_none_or(|k| !w.to_lowercase().contains(&format!("{k:?}")))),
    );
    Ok(Reading { draft, warnings, notes })
}

/// The owners a line's words name: its subject ("GB to …"), or at its end
/// ("… – GB"); whether the text now starts where the subject was.
fn owners_from_text(
    board: &Board,
    words: &mut Vec<&str>,
    owners: &mut owners::Owners,
    owners_first: bool,
) -> Result<bool, String> {
    let subject = owners::take_subject(board, words)?;
    // "@MM & CMc to agree the plan": the owners came first, so their verb goes too.
    let verb_left = owners_first && words.len() > 1 && owners::is_owning_verb(words[0]);
    if verb_left {
        words.remove(0);
    }
    let from_subject = subject.is_some() || verb_left;
    for found in [subject, owners::take_trailing(board, words)?].into_iter().flatten() {
        owners.extend(found);
    }
    Ok(from_subject)
}

/// "GB to circulate the tracker" in a row whose Owner cell says GB: the
/// subject goes from the text, as in a typed line. One that names someone
/// else stays (the cell rules, and the text says what was written).
fn subject_of_the_cell(board: &Board, words: &mut Vec<&str>, owners: &[String]) -> bool {
    let mut trial = words.clone();
    match owners::take_subject(board, &mut trial) {
        Ok(Some(found)) if !owners.is_empty() && found.initials.iter().all(|i| owners.contains(i)) => {
            *words = trial;
            true
        }
        _ => false,
    }
}

/// "Action:" (or "Action -") opens a line in the minutes; it is not part
/// of what is to be done.
fn drop_action_label(words: &mut Vec<&str>) {
    let label = |w: &str| ["action:", "actions:", "action", "actions"].contains(&w.to_lowercase().as_str());
    let Some(first) = words.first() else { return };
    if first.ends_with(':') && label(first) {
        words.remove(0);
    } else if label(first) && words.get(1).is_some_and(|w| ["-", "–", "—", ":"].contains(w)) {
        words.drain(..2);
    }
}

/// The words left as the action's text: look-alike letters made Latin
/// (with a note), dangling dashes and a closing full stop taken off, and
/// a capital first letter when the owner's name was taken from the front.
fn tidy(words: &[&str], capitalise: bool, warnings: &mut Vec<String>) -> String {
    let mut out: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        match words::unconfuse(word) {
            Some((latin, letters)) => {
                let which = words::name_look_alikes(&letters);
                warnings.push(format!("{word:?} has look-alike letters ({which}): read as {latin:?}"));
                out.push(latin);
            }
            None => out.push(word.to_string()),
        }
    }
    let mut text = out.join(" ");
    let dangling = |c: char| matches!(c, '-' | '–' | '—' | ',' | ';' | ':') || c.is_whitespace();
    text = text.trim_matches(dangling).to_string();
    if text.ends_with('.') && !text.ends_with("..") && !text.ends_with("etc.") {
        text.pop();
    }
    if capitalise && let Some(first) = text.chars().next() {
        text = first.to_uppercase().chain(text.chars().skip(1)).collect();
    }
    text
}

/// What looks wrong with an action that reads: the warnings the preview
/// and `gavel add` show.
fn warn(draft: &QuickAdd, ctx: &DateContext) -> Vec<String> {
    warnings_for_edit(draft, ctx, false, false)
}

/// The warnings of an edited action's line, about what the edit changed
/// only: an overdue action whose deadline was kept is not news.
pub fn warnings_for_edit(draft: &QuickAdd, ctx: &DateContext, owners_kept: bool, due_kept: bool) -> Vec<String> {
    let mut out = Vec::new();
    if draft.owners.is_empty() && !owners_kept {
        out.push(no_owner(&draft.text));
    }
    match draft.due {
        _ if due_kept => {}
        None => out.push("no deadline: add due DATE, or ongoing, TBC or ASAP".to_string()),
        Some(Deadline::On(date)) if date < ctx.today => {
            out.push(format!("the deadline, {}, is in the past", date.format("%a %-d %b %Y")))
        }
        Some(Deadline::On(date)) if (date - ctx.today).num_days() > FAR_AHEAD_DAYS => {
            out.push(format!("the deadline, {}, is more than three years away", date.format("%a %-d %b %Y")))
        }
        _ => {}
    }
    let text: Vec<&str> = draft.text.split_whitespace().collect();
    for phrase in dates::date_like(&text, ctx) {
        out.push(format!("{phrase:?} looks like a date and is left in the text"));
    }
    out
}

/// Why no owner was read. "GB to send it", with GB not in the register,
/// leaves "GB to" in the text: the hint names them, rather than suggest
/// the very form that was typed.
fn no_owner(text: &str) -> String {
    let mut words = text.split_whitespace();
    let (first, second) = (words.next().unwrap_or(""), words.next().unwrap_or(""));
    let initials = (2..=5).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_alphanumeric())
        && first.chars().next().is_some_and(|c| c.is_ascii_uppercase())
        && first.chars().filter(|c| c.is_ascii_uppercase()).count() >= 2;
    if initials && (second == "to" || owners::is_owning_verb(second)) {
        return format!(
            "no owner: {first:?} is not in the people register, so it stays in the text: add them (gavel people add) or use initials the register has"
        );
    }
    "no owner: add @INITIALS, or start with who does it (\"GB to …\")".to_string()
}

/// Splits `@OWNER` words (`@GB`, `@GB/PD`, `@MM & CMc`) from the rest,
/// matching each against the register.
pub(crate) fn take_owners<'a>(board: &Board, words: Vec<&'a str>) -> Result<(Vec<String>, Vec<&'a str>), String> {
    let mut words = words;
    let found = owners::take_at(board, &mut words)?;
    if let Some(note) = found.notes.first() {
        // The one-line forms other than quick-add have no warnings to show: a look-alike is refused.
        return Err(format!("{note}: retype it in Latin letters"));
    }
    Ok((found.initials, words))
}

/// Finds `KEYWORD DATE`, takes it out of the words and reads it; after
/// the keyword a date must follow.
pub(crate) fn take_date(words: &mut Vec<&str>, keyword: &str, ctx: &DateContext) -> Result<Option<Deadline>, String> {
    let Some(at) = words.iter().rposition(|w| w.eq_ignore_ascii_case(keyword)) else { return Ok(None) };
    let after: Vec<String> = words[at + 1..].iter().map(|w| dates::normal(w)).collect();
    for len in (1..=after.len().min(5)).rev() {
        if let Some(reading) = dates::exact(&after[..len], ctx)? {
            words.drain(at..at + 1 + len);
            return Ok(Some(reading.deadline));
        }
    }
    let what = words.get(at + 1).map_or("nothing".to_string(), |w| format!("{w:?}"));
    Err(format!("cannot read the date after \"{keyword}\" ({what}): write it like 2024-05-01, 1.5.24, 1 May or Friday"))
}

/// A whole text that must be one deadline, as a spreadsheet cell holds it:
/// any form the grammar reads ("01.05.24", "April 2024", "w/c 12 May",
/// "TBC"); `Ok(None)` when empty.
pub fn read_deadline(text: &str, ctx: &DateContext) -> Result<Option<Deadline>, String> {
    let words: Vec<String> = words::split(text).iter().map(|w| dates::normal(w)).collect();
    if words.is_empty() {
        return Ok(None);
    }
    match dates::exact(&words, ctx)? {
        Some(reading) => within_bounds(reading.deadline, text).map(Some),
        None => Err(format!(
            "cannot read {text:?} as a deadline: write it like 2024-05-01, 1.5.24, 1 May 2024, April 2024, next meeting or TBC"
        )),
    }
}

/// The last date a workspace file can hold ("YYYY-MM-DD" has four digits
/// of year): later ones are refused as typed, never clamped.
pub const LAST_DATE: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a real date");

/// Refuses a deadline past `LAST_DATE`, naming what was typed.
fn within_bounds(deadline: Deadline, written: &str) -> Result<Deadline, String> {
    match deadline {
        Deadline::On(date) if date > LAST_DATE => {
            Err(format!("{written} would be {date}, after 9999-12-31: give a nearer date"))
        }
        deadline => Ok(deadline),
    }
}

/// A whole line that must be one date ("1 May", "friday", "2024-05-01").
pub fn read_one_date(line: &str, ctx: &DateContext) -> Result<NaiveDate, String> {
    match read_deadline(line, ctx) {
        Ok(Some(Deadline::On(date))) => Ok(date),
        Ok(Some(Deadline::NextMeeting)) => Err("no next meeting is planned: give a date".into()),
        Ok(Some(other)) => Err(format!("{} is not a date: give one", other.short())),
        Ok(None) | Err(_) => Err(format!(
            "cannot read {line:?} as a date: write it like 2024-05-01, 1.5.24, 1 May, Friday, +2w or next meeting"
        )),
    }
}

#[cfg(test)]
mod columns_tests;
#[cfg(test)]
mod table;
#[cfg(test)]
mod tests;
