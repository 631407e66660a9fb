//! Deadlines and meetings as iCalendar (RFC 5545), for the calendar people
//! already look at: a to-do per open action, due on its deadline, and an
//! event per planned meeting. UIDs come from the board and the ref or the
//! meeting's date, so importing a newer export updates the same entries
//! instead of adding copies. Every value of workspace text goes through
//! `text::ics` (controls shown, never raw) and is escaped as RFC 5545 TEXT
//! by the calendar writer: a name holding CR LF cannot start an event.

use crate::model::{Action, MeetingState, Timestamp, Workspace};
use crate::text::ics;
use icalendar::{Calendar, Component, EventLike, Property, Todo, TodoStatus};

/// Which actions go in: every open one, or one owner's.
pub struct CalendarFilter<'a> {
    /// Initials as the register has them (resolved by the caller).
    pub owner: Option<&'a str>,
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
        let mut event = icalendar::Event::new();
        event
            .uid(&format!("meeting-{}@{domain}", meeting.date))
            .timestamp(stamp)
            .summary(&ics(&meeting.title))
            // Floating times: the meeting is at 10:00 wherever the board sits.
            .starts(meeting.date.and_time(meeting.planned_start))
            .ends(meeting.date.and_time(meeting.planned_end))
            .location(&ics(&meeting.location));
        calendar.push(event.done());
    }
    let owned = |a: &&Action| filter.owner.is_none_or(|o| a.owners.iter().any(|x| x == o));
    for action in ws.actions.actions.iter().filter(|a| !a.status.is_closed()).filter(owned) {
        let mut todo = Todo::new();
        todo.uid(&ics(&format!("action-{}@{domain}", action.reference)))
            .timestamp(stamp)
            .summary(&ics(&format!("{}: {}", action.reference, action.text)))
            .description(&ics(&describe(ws, action)))
            .status(match action.status {
                crate::model::ActionStatus::InProgress => TodoStatus::InProcess,
                _ => TodoStatus::NeedsAction,
            });
        // "Next meeting" takes the date of the meeting after the one that raised
        // it; with none made yet it has no DUE.
        if let Some(due) = action.due_date(&ctx) {
            todo.due(due);
        }
        calendar.push(todo.done());
    }
    calendar.to_string().into_bytes()
}

/// "Owner: GB (Gary Bloom). Raised at the meeting of 6 January 2022, item 4."
fn describe(ws: &Workspace, action: &Action) -> String {
    let mut text = format!("Owner: {}.", ws.board.owners_named(&action.owners));
    if let Some(raised) = &action.raised {
        text.push_str(&format!(" Raised at the meeting of {}", raised.meeting.format("%-d %B %Y")));
        if let Some(item) = &raised.item {
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
