//! The minutes of one meeting as facts in order, for every format to
//! render (md, html, docx). Built from the workspace by `export::minutes`;
//! kept in the meeting's file when the board approves them, so approved
//! minutes render the same bytes forever, whatever happens to the actions
//! and people they name.

use serde::{Deserialize, Serialize};

/// The minutes of one meeting, ready to render.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Minutes {
    pub board: String,
    pub title: String,
    /// "Thursday 6 January 2022, 10:00–12:00".
    pub when: String,
    pub location: String,
    /// True once the meeting has ended; otherwise the minutes are a draft in progress.
    pub closed: bool,
    /// "Approved on 20 June 2024"; none while they are a draft.
    pub approved: Option<String>,
    /// "Thursday 20 June 2024, 10:30, Boardroom", once the next meeting is made.
    pub next_meeting: Option<String>,
    /// Actions from earlier meetings still open when this one met.
    pub matters_arising: Vec<ActionRow>,
    /// Actions from earlier meetings closed on the day of this one.
    pub closed_here: Vec<ActionRow>,
    pub attendance: Vec<(String, Vec<Attendee>)>,
    pub declarations: Vec<String>,
    pub items: Vec<ItemMinutes>,
    /// "12.10", when the meeting has ended.
    pub close: Option<String>,
    /// "The meeting was quorate throughout."
    pub quorum: Option<String>,
    pub actions: Vec<ActionRow>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendee {
    pub name: String,
    pub job_title: String,
    pub organisation: String,
    pub initials: String,
    /// "deputising for KR", "arrived 10.12", "left 11.40", "item 4 only".
    pub note: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemMinutes {
    /// The actual start, "10.24"; none for an item not taken.
    pub time: Option<String>,
    pub number: String,
    pub title: String,
    /// Leads by name, or "All".
    pub lead: String,
    /// "deferred" or "not taken", when so.
    pub status: Option<String>,
    pub notes: Vec<String>,
    pub decisions: Vec<String>,
    /// "The SEND Scrum will finalise … — SEND Scrum, due Mon 28 Feb 2022 (A5)".
    pub actions: Vec<ActionLine>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionLine {
    pub text: String,
    pub owners: String,
    pub due: String,
    pub reference: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ActionRow {
    pub reference: String,
    pub text: String,
    pub owners: String,
    pub due: String,
    pub status: String,
}

impl Minutes {
    /// What the Matters arising table is, said under its heading in every format.
    pub const ARISING: &str = "Actions from earlier meetings, open when the board met:";

    /// "Approved on 20 June 2024", as every format says it.
    pub fn approved_on(on: chrono::NaiveDate) -> String {
        format!("Approved on {}", on.format("%-d %B %Y"))
    }

    /// The minutes of `meeting`: as frozen when the board approved them,
    /// else as the workspace has them at `now`.
    pub fn for_meeting(
        ws: &crate::model::Workspace,
        meeting: &crate::model::Meeting,
        now: crate::model::Timestamp,
    ) -> Minutes {
        match &meeting.minutes {
            Some(frozen) => frozen.as_ref().clone(),
            None => Minutes::of(ws, meeting, now),
        }
    }
    /// The meeting's day, read back from `when` (made in one place, by
    /// `Minutes::of`): frozen minutes carry no other date, and a Word
    /// document of record is dated by it so that its bytes never change.
    pub fn date(&self) -> Option<chrono::NaiveDate> {
        let day = self.when.split(',').next()?;
        chrono::NaiveDate::parse_from_str(day, "%A %-d %B %Y").ok()
    }

    /// "The meeting closed at 12.10.", once it has.
    pub fn closing(&self) -> Option<String> {
        self.close.as_ref().map(|close| format!("The meeting closed at {close}."))
    }

    /// The lines the chair signs under approved minutes; none under a draft.
    pub fn signature(&self) -> &'static [&'static str] {
        const LINES: [&str; 2] =
            ["Signed: ______________________________ Chair", "Date: ______________________________"];
        if self.approved.is_some() { &LINES } else { &[] }
    }

    /// "Draft minutes", "Draft minutes: the meeting has not closed" or "Approved on 20 June 2024".
    pub fn status(&self) -> String {
        match (&self.approved, self.closed) {
            (Some(approved), _) => approved.clone(),
            (None, true) => "Draft minutes".into(),
            (None, false) => "Draft minutes: the meeting has not closed".into(),
        }
    }
}

mod build;
