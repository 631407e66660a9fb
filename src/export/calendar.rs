//! Deadlines and meetings as iCalendar (RFC 5545), for the calendar people
//! already look at: an event per planned meeting, with its agenda, and each
//! open action's deadline as an all-day event (or, asked for, a to-do).
//! UIDs come from the board and the ref or the meeting's date, so importing
//! a newer export updates the same entries instead of adding copies. Every
//! value of workspace text goes through `text::ics` (controls shown, never
//! raw) and is escaped as RFC 5545 TEXT by the calendar writer: a name
//! holding CR LF cannot start an event.
//!
//! Meetings are written in UTC (`DTSTART:20220303T100000Z`), not with a
//! VTIMEZONE: the instant is exact in every client, which shows it in the
//! reader's own zone, and gavel need not write the zone's rules out of its
//! database (a hand-made VTIMEZONE that is wrong for one year is worse than
//! none). Floating times, as before, showed 10:00 to a member abroad.

use crate::model::{Action, Meeting, MeetingState, Timestamp, Workspace};
use crate::text::ics;
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, EventLike, Property, Todo, TodoStatus};

/// How action deadlines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Deadlines {
    /// All-day events, which Outlook and Google Calendar show.
    #[default]
    Events,
    /// To-dos (VTODO) with a DUE date, for task lists that read them.
    Todos,
}

/// Which actions go in, and how.
pub struct CalendarFilter<'a> {
    /// Initials as the register has them (resolved by the caller).
    pub owner: Option<&'a str>,
    pub deadlines: Deadlines,
}

/// The calendar as bytes (CRLF lines, as RFC 5545 wants). `now` is the
/// DTSTAMP of every entry: the moment this copy was made.
pub fn to_ics(ws: &Workspace, filter: &CalendarFilter, now: Timestamp) -> Vec<u8> {
    let stamp = now.to_utc();
    let domain = uid_domain(&ws.board.name);
    let ctx = ws.rag_context(now.date_naive());
    let mut calendar = Calendar::empty();
    calendar.append_property(("VERSION", "2.0"));
    calendar.append_property(("PRODID", concat!("-//gavel//gavel ", env!("CARGO_PKG_VERSION"), "//EN")));
    calendar.append_property(("CALSCALE", "GREGORIAN"));
    // NAME (RFC 7986) is TEXT; said so, the writer escapes it as it does SUMMARY.
    let name = ics(&ws.board.name);
    calendar.append_property(Property::new("NAME", &name).add_parameter("VALUE", "TEXT").done());
    calendar.append_property(Property::new("X-WR-CALNAME", &name).done());
    for meeting in ws.meetings.iter().filter(|m| MeetingState::of(m) == MeetingState::Planned) {
        calendar.push(meeting_event(ws, meeting, &domain, stamp));
    }
    let owned = |a: &&Action| filter.owner.is_none_or(|o| a.owners.iter().any(|x| x == o));
    for action in ws.actions.actions.iter().filter(|a| !a.status.is_closed()).filter(owned) {
        // "Next meeting" takes the date of the meeting after the one that
        // raised it; with none made yet it has no date.
        let due = action.due_date(&ctx);
        // The same UID in both forms: an action is one entry in one calendar.
        let entry = Entry {
            uid: ics(&format!("action-{}@{domain}", action.reference)),
            summary: ics(&format!("{}: {}", action.reference, action.text)),
            description: ics(&describe(ws, action)),
            stamp,
        };
        match (filter.deadlines, due) {
            (Deadlines::Events, Some(due)) => calendar.push(entry.all_day(due)),
            // An event needs a day: an action with no date has none to show on.
            (Deadlines::Events, None) => continue,
            (Deadlines::Todos, due) => calendar.push(entry.todo(action, due)),
        };
    }
    calendar.to_string().into_bytes()
}

/// A planned meeting: its instant in UTC, its place, its agenda.
fn meeting_event(ws: &Workspace, meeting: &Meeting, domain: &str, stamp: DateTime<Utc>) -> icalendar::Event {
    let zone = ws.board.zone();
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("meeting-{}@{domain}", meeting.date))
        .timestamp(stamp)
        .summary(&ics(&meeting.title))
        .starts(zone.local(meeting.date.and_time(meeting.planned_start)).to_utc())
        .ends(zone.local(meeting.date.and_time(meeting.planned_end)).to_utc())
        .location(&ics(&meeting.location))
        .description(&ics(&agenda(ws, meeting)));
    event.done()
}

/// What a deadline's entry says, whichever form it takes.
struct Entry {
    uid: String,
    summary: String,
    description: String,
    stamp: DateTime<Utc>,
}

impl Entry {
    /// An all-day event: DTEND is the day after (RFC 5545 3.6.1: a DATE end
    /// is exclusive); transparent, so a deadline does not mark the day busy.
    fn all_day(&self, due: NaiveDate) -> icalendar::Event {
        let mut event = icalendar::Event::new();
        event
            .uid(&self.uid)
            .timestamp(self.stamp)
            .summary(&self.summary)
            .description(&self.description)
            .starts(due)
            .ends(due.succ_opt().unwrap_or(due))
            .append_property(("TRANSP", "TRANSPARENT"));
        event.done()
    }

    /// A to-do, due on the deadline when it has a date.
    fn todo(&self, action: &Action, due: Option<NaiveDate>) -> Todo {
        let mut todo = Todo::new();
        let status = match action.status {
            crate::model::ActionStatus::InProgress => TodoStatus::InProcess,
            _ => TodoStatus::NeedsAction,
        };
        todo.uid(&self.uid).timestamp(self.stamp).summary(&self.summary).description(&self.description).status(status);
        if let Some(due) = due {
            todo.due(due);
        }
        todo.done()
    }
}

/// The agenda, an item a line: "4. Update from Peer Review — BM, 25 min, paper 5a".
fn agenda(ws: &Workspace, meeting: &Meeting) -> String {
    let mut lines = vec!["Agenda".to_string()];
    for item in &meeting.agenda {
        let mut line = format!("{}. {}", item.number, item.title);
        let mut facts = vec![];
        if !item.leads.is_empty() {
            facts.push(item.leads.join(", "));
        }
        facts.push(format!("{} min", item.planned_minutes));
        if !item.papers.is_empty() {
            facts.push(format!("paper {}", item.papers.join(", ")));
        }
        line.push_str(&format!(" — {}", facts.join(", ")));
        lines.push(line);
    }
    if meeting.agenda.is_empty() {
        lines.push("(no items yet)".into());
    }
    let zone = ws.board.settings.time_zone.as_str();
    if !zone.is_empty() {
        lines.push(format!(
            "Times: {} to {}, {zone}.",
            meeting.planned_start.format("%H:%M"),
            meeting.planned_end.format("%H:%M")
        ));
    }
    lines.join("\n")
}

/// "Owner: GB (Gary Bloom). Raised at the meeting of 6 January 2022, item 4."
fn describe(ws: &Workspace, action: &Action) -> String {
    let mut text = format!("Owner: {}.", ws.board.owners_named(&action.owners));
    if let Some(raised) = &action.raised {
        text.push_str(&format!(" Raised at the meeting of {}", raised.meeting.format("%-d %B %Y")));
        if let Some(item) = ws.raised_number(raised) {
            text.push_str(&format!(", item {item}"));
        }
        text.push('.');
    }
    text
}

/// The board's name as a host-like label: "Southend SEND Board" →
/// "southend-send-board.gavel", so two boards' refs never share a UID.
fn uid_domain(board: &str) -> String {
    let mut label = String::new();
    for c in board.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            label.push(c);
        } else if !label.is_empty() && !label.ends_with('-') {
            label.push('-');
        }
    }
    let label = label.trim_end_matches('-');
    format!("{}.gavel", if label.is_empty() { "board" } else { label })
}

#[cfg(test)]
mod tests {
    use super::uid_domain;

    #[test]
    fn the_uid_domain_is_the_board_name_made_safe() {
        assert_eq!(
            uid_domain("Southend SEND Strategic Partnership Board"),
            "southend-send-strategic-partnership-board.gavel"
        );
        assert_eq!(uid_domain("  Café & Co. "), "caf-co.gavel");
        assert_eq!(uid_domain("—"), "board.gavel");
    }
}
