//! actions.json: the action log, carried from meeting to meeting until
//! each action is closed, and its RAG status.

use chrono::NaiveDate;
use serde::{Deserialize, Deserializer, Serialize, Serializer, de::Error};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionLog {
    pub schema_version: u32,
    /// Refs of actions deleted as added by mistake: never given again, since
    /// minutes or an email may already name them. Before `actions`, so the
    /// log still ends with its last action (see `store::append`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<String>,
    /// The highest ref of each style moved to the archive
    /// (`archive/actions-YYYY.json`), so a ref is never given twice though
    /// the actions that bore it are no longer in this file.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub archived: Vec<String>,
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Action {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    /// Stable and short enough to say aloud: "A12".
    #[serde(rename = "ref")]
    pub reference: String,
    pub text: String,
    /// Initials of people or groups; empty means unassigned.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "super::link::many")]
    pub owners: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<Deadline>,
    pub status: ActionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub raised: Option<Raised>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub updates: Vec<Update>,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::iso_date::option")]
    pub closed: Option<NaiveDate>,
    /// Every change saved to this record (see `model::history`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<super::history::Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ActionStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}

impl ActionStatus {
    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::Open => "open",
            ActionStatus::InProgress => "in progress",
            ActionStatus::Done => "done",
            ActionStatus::Dropped => "dropped",
        }
    }

    pub fn is_closed(self) -> bool {
        matches!(self, ActionStatus::Done | ActionStatus::Dropped)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    #[serde(with = "super::iso_date")]
    pub date: NaiveDate,
    pub text: String,
}

pub use super::rag::{Rag, RagContext};
pub use super::raised::Raised;
pub use super::refs::next_ref_after;

impl ActionLog {
    /// The next ref, in the log's own style ("A15" after "A14", "q" after "p").
    /// Allocated under the workspace lock, so two writers never share one.
    pub fn next_ref(&self) -> String {
        // Archived refs first: the style is the one of the last action here.
        let archived = self.archived.iter().map(String::as_str);
        next_ref_after(
            archived
                .chain(self.actions.iter().map(|a| a.reference.as_str()))
                .chain(self.retired.iter().map(String::as_str)),
        )
    }

    pub fn empty() -> ActionLog {
        ActionLog { schema_version: super::SCHEMA_VERSION, retired: vec![], archived: vec![], actions: vec![] }
    }

    /// Adds a quick-add line's action as open; returns it.
    pub fn add(&mut self, draft: super::quickadd::QuickAdd, raised: Option<Raised>) -> &Action {
        let action = Action::new(self.next_ref(), draft, raised);
        self.actions.push(action);
        self.actions.last().expect("just pushed")
    }
}

impl Action {
    /// Whether the minutes of a meeting held between `from` and `to` may
    /// name this action: raised by then, and not closed before. (Raised
    /// there, reviewed under matters arising, or closed at it.)
    pub fn open_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.raised.as_ref().is_none_or(|r| r.meeting <= to) && self.closed.is_none_or(|c| c >= from)
    }

    /// Whether a meeting on `date`, made or held now, reviews this action
    /// under matters arising if it is open: raised at an earlier meeting,
    /// or outside any (before the first, or typed up between meetings).
    pub fn arising_at(&self, date: NaiveDate) -> bool {
        self.raised.as_ref().is_none_or(|r| r.meeting < date)
    }
}

impl Action {
    /// A new open action from a quick-add line, with the ref it is given.
    pub fn new(reference: String, draft: super::quickadd::QuickAdd, raised: Option<Raised>) -> Action {
        Action {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            reference,
            text: draft.text,
            owners: draft.owners,
            due: draft.due,
            status: ActionStatus::Open,
            raised,
            updates: vec![],
            closed: None,
        }
    }
}

impl Action {
    /// The action as a quick-add line, for editing with the same grammar.
    pub fn as_line(&self) -> String {
        let mut line = self.text.clone();
        for owner in &self.owners {
            line.push_str(&format!(" @{owner}"));
        }
        match self.due {
            Some(Deadline::On(date)) => line.push_str(&format!(" due {}", date.format("%Y-%m-%d"))),
            Some(other) => line.push_str(&format!(" due {}", other.short())),
            None => {}
        }
        line
    }
}

/// A date; "next meeting" while no next meeting is planned; or one of the
/// minutes' own no-date deadlines: ongoing, TBC, ASAP.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deadline {
    On(NaiveDate),
    NextMeeting,
    /// Standing work with no end date ("ongoing"): green while open.
    Ongoing,
    /// A date is still to be set ("TBC"): amber, so it comes back to be dated.
    Tbc,
    /// "ASAP": amber, due now but with no date to be late against.
    Asap,
}

/// The words each symbolic deadline is written with, on disk and on screen.
const SYMBOLIC: [(Deadline, &str); 4] = [
    (Deadline::NextMeeting, "next meeting"),
    (Deadline::Ongoing, "ongoing"),
    (Deadline::Tbc, "TBC"),
    (Deadline::Asap, "ASAP"),
];

impl Deadline {
    /// "25 Feb 2022", "next meeting", "ongoing", "TBC" or "ASAP".
    pub fn short(self) -> String {
        match self {
            Deadline::On(date) => date.format("%-d %b %Y").to_string(),
            symbolic => symbolic.word().to_string(),
        }
    }

    /// The word of a symbolic deadline; a date has none.
    fn word(self) -> &'static str {
        SYMBOLIC.iter().find(|(d, _)| *d == self).map_or("", |(_, w)| w)
    }

    /// A symbolic deadline from its word, ignoring case.
    pub fn from_word(text: &str) -> Option<Deadline> {
        SYMBOLIC.iter().find(|(_, w)| w.eq_ignore_ascii_case(text)).map(|(d, _)| *d)
    }
}

/// "25 Feb 2022", "next meeting", or "—" for none: the deadline in a column.
pub fn due_column(due: Option<Deadline>) -> String {
    due.map_or("—".to_string(), Deadline::short)
}

/// The one order of the action log, on the screen and from the command
/// line alike: RAG (red first), then deadline (none last), then ref ("A2"
/// before "A10").
pub fn review_key(action: &Action, ctx: &RagContext) -> (Rag, NaiveDate, u64) {
    let due = action.due_date(ctx).unwrap_or(NaiveDate::MAX);
    (action.rag(ctx), due, ref_number(&action.reference))
}

/// Closed actions as a history reads back from today: the most recently
/// closed first, then the higher ref (`gavel actions --all`, the archive
/// in the pane's search).
pub fn recently_closed_first(a: &Action, b: &Action) -> std::cmp::Ordering {
    let key = |x: &Action| (x.closed, ref_number(&x.reference));
    key(b).cmp(&key(a)).then_with(|| b.reference.cmp(&a.reference))
}

/// Actions in the order they were raised, by the number in their refs
/// ("A2" before "A10"): how minutes list them, wherever each is filed.
pub fn in_ref_order(a: &Action, b: &Action) -> std::cmp::Ordering {
    (ref_number(&a.reference), &a.reference).cmp(&(ref_number(&b.reference), &b.reference))
}

/// The number in a ref, so "A2" sorts before "A10".
fn ref_number(reference: &str) -> u64 {
    let digits: String = reference.chars().filter(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(u64::MAX)
}

/// "due Fri 25 Feb 2022", "due next meeting", "ongoing", "date TBC", "due
/// ASAP" or "no deadline": how a deadline reads in a sentence, on screen
/// and from the command line.
pub fn due_words(due: Option<Deadline>) -> String {
    match due {
        Some(Deadline::On(date)) => format!("due {}", date.format("%a %-d %b %Y")),
        Some(Deadline::Ongoing) => "ongoing (no end date)".to_string(),
        Some(Deadline::Tbc) => "date TBC".to_string(),
        Some(symbolic) => format!("due {}", symbolic.word()),
        None => "no deadline".to_string(),
    }
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Deadline::On(date) => s.serialize_str(std::str::from_utf8(&super::iso_date::format(*date)).expect("ASCII")),
            symbolic => s.serialize_str(symbolic.word()),
        }
    }
}

impl<'de> Deserialize<'de> for Deadline {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        // Exactly as written: the file is gavel's, so "Tbc" is a hand edit to point at.
        if let Some((deadline, _)) = SYMBOLIC.iter().find(|(_, w)| *w == text) {
            return Ok(*deadline);
        }
        super::iso_date::parse(&text).map(Deadline::On).ok_or(()).map_err(|_| {
            D::Error::custom(format!(
                "expected a date like \"2022-03-03\", \"next meeting\", \"ongoing\", \"TBC\" or \"ASAP\", found {text:?}"
            ))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn action(due: Option<Deadline>, status: ActionStatus) -> Action {
        Action {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            reference: "A1".into(),
            text: "x".into(),
            owners: vec!["GB".into()],
            due,
            status,
            raised: None,
            updates: vec![],
            closed: None,
        }
    }

    fn date(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn rag_table() {
        let with_meeting = RagContext {
            today: date("2022-02-01"),
            next_meeting: Some(date("2022-03-03")),
            amber_days: 14,
            meetings: vec![date("2022-01-06"), date("2022-03-03")].into(),
        };
        let without =
            RagContext { next_meeting: None, meetings: vec![date("2022-01-06")].into(), ..with_meeting.clone() };
        let on = |s| Some(Deadline::On(date(s)));
        let rows = [
            (on("2022-01-31"), ActionStatus::Open, &with_meeting, Rag::Red),
            (on("2022-02-01"), ActionStatus::Open, &with_meeting, Rag::Amber),
            (on("2022-03-03"), ActionStatus::InProgress, &with_meeting, Rag::Amber),
            (on("2022-03-04"), ActionStatus::Open, &with_meeting, Rag::Green),
            (on("2022-01-01"), ActionStatus::Done, &with_meeting, Rag::Complete),
            (on("2022-01-01"), ActionStatus::Dropped, &with_meeting, Rag::Complete),
            (Some(Deadline::NextMeeting), ActionStatus::Open, &with_meeting, Rag::Amber),
            (Some(Deadline::NextMeeting), ActionStatus::Open, &without, Rag::Amber),
            (None, ActionStatus::Open, &with_meeting, Rag::Unplanned),
            (Some(Deadline::Ongoing), ActionStatus::Open, &with_meeting, Rag::Green),
            (Some(Deadline::Tbc), ActionStatus::Open, &with_meeting, Rag::Amber),
            (Some(Deadline::Asap), ActionStatus::Open, &without, Rag::Amber),
            (Some(Deadline::Asap), ActionStatus::Done, &without, Rag::Complete),
            (on("2022-02-15"), ActionStatus::Open, &without, Rag::Amber),
            (on("2022-02-16"), ActionStatus::Open, &without, Rag::Green),
        ];
        for (i, (due, status, ctx, want)) in rows.into_iter().enumerate() {
            assert_eq!(action(due, status).rag(ctx), want, "row {i}");
        }
    }

    #[test]
    fn next_meeting_is_the_one_after_the_meeting_that_raised_it() {
        let ctx = RagContext {
            today: date("2024-06-21"),
            next_meeting: None,
            amber_days: 14,
            meetings: vec![date("2024-05-16"), date("2024-06-20")].into(),
        };
        let raised = |d: &str| Raised { meeting: date(d), item: None, item_id: None, at: None };
        let mut a = action(Some(Deadline::NextMeeting), ActionStatus::Open);
        a.raised = Some(raised("2024-05-16"));
        assert_eq!(ctx.due_column(&a), "next meeting (20 Jun)");
        assert_eq!(a.rag(&ctx), Rag::Red, "the next meeting has been and gone");
        a.raised = Some(raised("2024-06-20"));
        assert_eq!(ctx.due_column(&a), "next meeting", "none made after it yet");
        assert_eq!(a.rag(&ctx), Rag::Amber);
    }

    #[test]
    fn deadline_round_trips_through_json() {
        for text in ["\"2022-03-03\"", "\"next meeting\"", "\"ongoing\"", "\"TBC\"", "\"ASAP\""] {
            let d: Deadline = serde_json::from_str(text).unwrap();
            assert_eq!(serde_json::to_string(&d).unwrap(), text);
        }
        let err = serde_json::from_str::<Deadline>("\"2022-02-31\"").unwrap_err();
        assert!(err.to_string().contains("expected a date"), "{err}");
    }
}
