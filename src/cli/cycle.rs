//! `gavel meeting`, `gavel agenda` and `gavel minutes approve`: the
//! meetings of the board's cycle, each made, edited and locked through a `Change`.

use super::{INVALID, USAGE_OR_IO, fail, saved};
use crate::model::agendaline::{self, AgendaLine};
use crate::model::change::cycle::{day, renumber};
use crate::model::cycle::{HISTORY_MEETINGS, Plan, next_meeting};
use crate::model::{AgendaItem, Change, Meeting, MeetingState, Workspace};
use crate::text::clean;
use chrono::{NaiveDate, NaiveTime};
use clap::Subcommand;
use clap_complete::engine::ArgValueCandidates;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum MeetingWhat {
    /// Make the next meeting from the last one: standing items, items
    /// deferred last time, and matters arising when actions are open.
    New {
        /// Its date: 2024-06-20, 20.6.24, 20 June.
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
        /// Planned start, HH:MM (default: the last meeting's).
        #[arg(long, value_parser = hhmm)]
        start: Option<NaiveTime>,
        /// Planned end, HH:MM.
        #[arg(long, value_parser = hhmm)]
        end: Option<NaiveTime>,
        /// "Boardroom, Municipal Building", "Via MS Teams".
        #[arg(long)]
        location: Option<String>,
        #[arg(long)]
        title: Option<String>,
    },
    /// Every meeting, with its state: planned, running, closed, approved.
    List,
}

#[derive(Debug, Subcommand)]
pub enum AgendaWhat {
    /// Show a meeting's agenda.
    Show {
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
    },
    /// Add an item: "Title @LEAD [@LEAD2] 15m [paper 5a] [standing|decision|discussion|noting]".
    Add {
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
        /// Put it at this number (default: the end).
        #[arg(long, value_name = "N")]
        at: Option<usize>,
        line: Vec<String>,
    },
    /// Add every item of a list (plain text or Markdown, numbered or not).
    Import {
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
        file: std::path::PathBuf,
    },
    /// Move item NUMBER to be item TO.
    Move {
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
        number: String,
        to: usize,
    },
    /// Take item NUMBER off the agenda.
    Remove {
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
        number: String,
    },
}

#[derive(Debug, Subcommand)]
pub enum MinutesWhat {
    /// The board approved these minutes: lock them.
    Approve {
        /// The meeting whose minutes were approved.
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
        /// The day they were approved (default: today).
        #[arg(long, value_name = "DATE", value_parser = super::dates::quick)]
        on: Option<NaiveDate>,
        /// Approve without asking (needed when not on a terminal).
        #[arg(long)]
        yes: bool,
    },
    /// Take an approval back, until the next meeting is held.
    Unapprove {
        /// The meeting whose approval is withdrawn.
        #[arg(value_parser = super::dates::quick, add = ArgValueCandidates::new(super::complete::meeting_dates))]
        date: NaiveDate,
        /// Why, for the meeting's history ("approved by mistake").
        #[arg(long)]
        reason: String,
    },
}

fn hhmm(text: &str) -> Result<NaiveTime, String> {
    NaiveTime::parse_from_str(text.trim(), "%H:%M")
        .or_else(|_| NaiveTime::parse_from_str(text.trim(), "%H.%M"))
        .map_err(|_| format!("expected a time like 10:30, not {text:?}"))
}

pub fn meeting(root: &Path, ws: &Workspace, what: MeetingWhat, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match what {
        MeetingWhat::List => list_meetings(root, &ws.board, out, err),
        MeetingWhat::New { date, start, end, location, title } => {
            let last = ws.meetings.iter().filter(|m| m.date < date).max_by_key(|m| m.date);
            let plan = Plan { date: Some(date), start, end, location, title };
            let (mut meeting, mut said) = next_meeting(last, &ws.actions, date, &plan);
            said.extend(plan_from_history(root, ws, &mut meeting));
            if meeting.planned_end <= meeting.planned_start {
                return fail(err, USAGE_OR_IO, "the meeting must end after it starts: give --start and --end");
            }
            let code = saved(root, &Change::NewMeeting { meeting: Box::new(meeting.clone()) }, out, err);
            if code == 0 {
                for line in said {
                    let _ = writeln!(out, "  {}", clean(&line));
                }
                show(&meeting, out);
            }
            code
        }
    }
}

/// Every meeting, a line each, read one at a time.
fn list_meetings(root: &Path, board: &crate::model::Board, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let listed = crate::store::each_meeting(root, board, |m| {
        let _ = writeln!(
            out,
            "{}  {}–{}  {} · {} items · {}",
            m.date.format("%a %-d %b %Y"),
            m.planned_start.format("%H:%M"),
            m.planned_end.format("%H:%M"),
            clean(&m.title),
            m.agenda.len(),
            state_words(m)
        );
    });
    match listed {
        Ok(0) => {
            let _ = writeln!(out, "no meetings yet: gavel meeting new 2024-06-20 --start 10:30 --end 12:30");
            0
        }
        Ok(_) => 0,
        Err(e) => super::load_failed(err, &e),
    }
}

pub fn state_words(m: &Meeting) -> String {
    match m.approved {
        Some(on) => format!("approved on {}", day(on)),
        None => MeetingState::of(m).label().to_string(),
    }
}

fn show(m: &Meeting, out: &mut impl Write) {
    let starts = m.planned_starts();
    for (item, at) in m.agenda.iter().zip(starts) {
        let leads = if item.leads.is_empty() { String::new() } else { format!(" @{}", item.leads.join(" @")) };
        let papers = if item.papers.is_empty() { String::new() } else { format!(" paper {}", item.papers.join(",")) };
        let line = format!(
            "  {}  {:>3}. {}{leads} {}m{papers} {}",
            at.format("%H:%M"),
            item.number,
            item.title,
            item.planned_minutes,
            item.purpose.word()
        );
        let _ = writeln!(out, "{}", clean(&line));
    }
    if let Some(warning) = agendaline::overrun_warning(m.planned_minutes(), m.slot_minutes()) {
        let _ = writeln!(out, "warning: {warning}");
    }
}

pub fn agenda(root: &Path, ws: &Workspace, what: AgendaWhat, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let date = match &what {
        AgendaWhat::Show { date }
        | AgendaWhat::Add { date, .. }
        | AgendaWhat::Import { date, .. }
        | AgendaWhat::Move { date, .. }
        | AgendaWhat::Remove { date, .. } => *date,
    };
    let Some(meeting) = ws.meetings.iter().find(|m| m.date == date) else {
        return fail(err, INVALID, &format!("there is no meeting on {}: gavel meeting new {date}", day(date)));
    };
    let was = meeting.agenda.clone();
    let mut now = was.clone();
    let summary = match what {
        AgendaWhat::Show { .. } => {
            let _ = writeln!(out, "{} · {} · {}", clean(&meeting.title), day(date), state_words(meeting));
            show(meeting, out);
            return 0;
        }
        AgendaWhat::Add { at, line, .. } => add_line(ws, &mut now, at, &line.join(" "), err),
        AgendaWhat::Import { file, .. } => import_list(ws, &mut now, &file, err),
        AgendaWhat::Move { number, to, .. } => move_item(&mut now, &number, to),
        AgendaWhat::Remove { number, .. } => position(&now, &number)
            .map(|at| format!("item {number} removed: {}", now.remove(at).title))
            .ok_or_else(|| (INVALID, format!("there is no item {number} on that agenda"))),
    };
    let summary = match summary {
        Ok(summary) => summary,
        Err((code, why)) => return fail(err, code, &why),
    };
    renumber(&mut now);
    let code = saved(root, &Change::Agenda { meeting: date, was, now: now.clone(), summary }, out, err);
    if code == 0 {
        let shown = Meeting { agenda: now, ..meeting.clone() };
        show(&shown, out);
    }
    code
}

/// Why an agenda edit was not made: the exit code and the sentence.
type Refused = (u8, String);

fn add_line(
    ws: &Workspace,
    now: &mut Vec<AgendaItem>,
    at: Option<usize>,
    line: &str,
    err: &mut impl Write,
) -> Result<String, Refused> {
    let AgendaLine { item, notes } =
        agendaline::read(&ws.board, line).map_err(|why| (INVALID, format!("{why}: nothing was saved")))?;
    let at = at.map_or(now.len(), |n| n.saturating_sub(1).min(now.len()));
    let title = item.title.clone();
    now.insert(at, item);
    for note in notes {
        let _ = writeln!(err, "gavel: note: {}", clean(&note));
    }
    Ok(format!("item {} added: {title}", at + 1))
}

/// Every line of the list, or each bad one by number and nothing added.
fn import_list(
    ws: &Workspace,
    now: &mut Vec<AgendaItem>,
    file: &Path,
    err: &mut impl Write,
) -> Result<String, Refused> {
    let text =
        std::fs::read_to_string(file).map_err(|e| (USAGE_OR_IO, format!("cannot read {}: {e}", file.display())))?;
    let lines = agendaline::read_list(&ws.board, &text).map_err(|bad| {
        for why in &bad {
            let _ = writeln!(err, "gavel: {}", clean(why));
        }
        (INVALID, format!("{} line(s) need fixing: nothing was added", bad.len()))
    })?;
    if lines.is_empty() {
        return Err((INVALID, "the file lists no items".into()));
    }
    let count = lines.len();
    for line in lines {
        for note in line.notes {
            let _ = writeln!(err, "gavel: note: item {}: {}", now.len() + 1, clean(&note));
        }
        now.push(line.item);
    }
    Ok(format!("{count} items added"))
}

fn move_item(now: &mut Vec<AgendaItem>, number: &str, to: usize) -> Result<String, Refused> {
    let from = position(now, number).ok_or_else(|| (INVALID, format!("there is no item {number} on that agenda")))?;
    let item = now.remove(from);
    let to = to.saturating_sub(1).min(now.len());
    let title = item.title.clone();
    now.insert(to, item);
    Ok(format!("{title} is now item {}", to + 1))
}

fn position(agenda: &[AgendaItem], number: &str) -> Option<usize> {
    agenda.iter().position(|i| i.number.eq_ignore_ascii_case(number.trim().trim_end_matches('.')))
}

pub fn minutes(root: &Path, what: MinutesWhat, today: NaiveDate, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match what {
        MinutesWhat::Approve { date, on, yes } => {
            let on = on.unwrap_or(today);
            let question = format!(
                "Approve the minutes of {} as the board's record, on {}? They are then locked and frozen.",
                day(date),
                day(on)
            );
            if let Err(refused) = confirmed(yes, &question, out) {
                return fail(err, INVALID, &refused);
            }
            saved(root, &Change::Approve { meeting: date, on, minutes: None }, out, err)
        }
        MinutesWhat::Unapprove { date, reason } => {
            super::saved_because(root, &Change::Unapprove { meeting: date }, Some(reason), out, err)
        }
    }
}

/// `--yes`, or a "y" typed at the prompt on a terminal; never a guess
/// when nobody is there to answer.
fn confirmed(yes: bool, question: &str, out: &mut impl Write) -> Result<(), String> {
    use std::io::IsTerminal;
    if yes {
        return Ok(());
    }
    if !std::io::stdin().is_terminal() {
        return Err(
            "approving minutes asks first: add --yes to approve them without a question; nothing was changed".into()
        );
    }
    let _ = write!(out, "{question} [y/N] ");
    let _ = out.flush();
    let mut answer = String::new();
    let _ = std::io::stdin().read_line(&mut answer);
    match answer.trim().to_lowercase().as_str() {
        "y" | "yes" => Ok(()),
        _ => Err("not approved: nothing was changed".into()),
    }
}

/// The standing items that ran long at the last meetings held before this
/// one, planned at what they took; the meetings are read one at a time (a
/// broken older file only loses the proposal).
fn plan_from_history(root: &Path, ws: &Workspace, meeting: &mut Meeting) -> Vec<String> {
    let mut past: std::collections::VecDeque<Meeting> = std::collections::VecDeque::new();
    let _ = crate::store::each_meeting(root, &ws.board, |m| {
        if m.date < meeting.date && MeetingState::of(m) == MeetingState::Closed {
            if past.len() == HISTORY_MEETINGS {
                past.pop_front();
            }
            past.push_back(m.clone());
        }
    });
    crate::model::cycle::plan_from_history(meeting, past.make_contiguous())
}
