//! RAG: red, amber, green, complete or unplanned, derived from an
//! action's deadline and the board's calendar, never stored.

use super::action::{Action, Deadline, due_column, due_words};
use chrono::NaiveDate;

/// Red, amber, green, or complete: derived, never stored. An action with
/// no owner or no deadline is never green: it is `Unplanned` ("?"), and
/// comes back to be given one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rag {
    Red,
    Amber,
    Unplanned,
    Green,
    Complete,
}

impl Rag {
    /// "red", "amber", "green", "complete": how RAG reads in a sentence or a cell.
    pub fn word(self) -> &'static str {
        match self {
            Rag::Red => "red",
            Rag::Amber => "amber",
            Rag::Unplanned => "unplanned",
            Rag::Green => "green",
            Rag::Complete => "complete",
        }
    }

    /// The letter shown with the colour, so RAG reads without it.
    pub fn letter(self) -> &'static str {
        match self {
            Rag::Red => "R",
            Rag::Amber => "A",
            Rag::Unplanned => "?",
            Rag::Green => "G",
            Rag::Complete => "✓",
        }
    }
}

/// What RAG needs to know about the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RagContext {
    pub today: NaiveDate,
    /// The date of the next planned meeting, if one is planned.
    pub next_meeting: Option<NaiveDate>,
    /// With no next meeting planned, due within this many days is amber.
    pub amber_days: u32,
    /// Every meeting's date, oldest first: "next meeting" is the one after
    /// the meeting where the action was raised.
    pub meetings: std::sync::Arc<[NaiveDate]>,
}

impl RagContext {
    /// The meeting an action due "next meeting" is due at: the first after
    /// the one where it was raised (or, raised outside a meeting, the next
    /// planned from today), once that meeting exists.
    pub fn next_meeting_for(&self, action: &Action) -> Option<NaiveDate> {
        match &action.raised {
            Some(raised) => self.meetings.iter().copied().find(|&d| d > raised.meeting),
            None => self.next_meeting,
        }
    }

    /// "25 Feb 2022", "next meeting (20 Jun)", "next meeting", "—": the deadline in a column.
    pub fn due_column(&self, action: &Action) -> String {
        match (action.due, self.next_meeting_for(action)) {
            (Some(Deadline::NextMeeting), Some(date)) => format!("next meeting ({})", date.format("%-d %b")),
            (due, _) => due_column(due),
        }
    }

    /// `due_words`, with the next meeting's date once it exists.
    pub fn due_words(&self, action: &Action) -> String {
        match (action.due, self.next_meeting_for(action)) {
            (Some(Deadline::NextMeeting), Some(date)) => format!("due next meeting ({})", date.format("%a %-d %b %Y")),
            (due, _) => due_words(due),
        }
    }
}

impl Action {
    /// The deadline as a date, "next meeting" resolved once that meeting exists.
    pub fn due_date(&self, ctx: &RagContext) -> Option<NaiveDate> {
        match self.due? {
            Deadline::On(date) => Some(date),
            Deadline::NextMeeting => ctx.next_meeting_for(self),
            Deadline::Ongoing | Deadline::Tbc | Deadline::Asap => None,
        }
    }

    /// "no owner", "no date", "no owner, no date": what an open action
    /// lacks to be planned; `None` when it has both.
    pub fn missing(&self) -> Option<&'static str> {
        match (self.owners.is_empty(), self.due.is_none()) {
            (true, true) => Some("no owner, no date"),
            (true, false) => Some("no owner"),
            (false, true) => Some("no date"),
            (false, false) => None,
        }
    }

    /// "? no date" for an unplanned action, else the RAG's word: the mark in a cell.
    pub fn rag_mark(&self, rag: Rag) -> String {
        match (rag, self.missing()) {
            (Rag::Unplanned, Some(what)) => format!("? {what}"),
            _ => rag.word().to_string(),
        }
    }

    /// Overdue red, due by the next meeting amber, later green, closed
    /// complete; what would be green with no owner or no deadline is unplanned.
    pub fn rag(&self, ctx: &RagContext) -> Rag {
        match self.dated_rag(ctx) {
            Rag::Green if self.missing().is_some() => Rag::Unplanned,
            rag => rag,
        }
    }

    fn dated_rag(&self, ctx: &RagContext) -> Rag {
        if self.status.is_closed() {
            return Rag::Complete;
        }
        let Some(due) = self.due_date(ctx) else {
            // Symbolic "next meeting" with none planned, TBC and ASAP are due
            // soon; ongoing work and no deadline are not.
            return match self.due {
                Some(Deadline::NextMeeting | Deadline::Tbc | Deadline::Asap) => Rag::Amber,
                _ => Rag::Green,
            };
        };
        if due < ctx.today {
            return Rag::Red;
        }
        let amber_until = ctx.next_meeting.unwrap_or_else(|| {
            ctx.today.checked_add_days(chrono::Days::new(u64::from(ctx.amber_days))).unwrap_or(NaiveDate::MAX)
        });
        if due <= amber_until { Rag::Amber } else { Rag::Green }
    }
}
