//! meetings/DATE.json: one meeting with its agenda, attendance,
//! declarations, notes, decisions and timer journal.

use super::{Timestamp, hhmm};
use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Meeting {
    pub schema_version: u32,
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    #[serde(with = "super::iso_date")]
    pub date: NaiveDate,
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub location: String,
    #[serde(with = "hhmm")]
    pub planned_start: NaiveTime,
    #[serde(with = "hhmm")]
    pub planned_end: NaiveTime,
    pub agenda: Vec<AgendaItem>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attendance: Vec<Attendance>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub declarations: Vec<Declaration>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<Note>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub decisions: Vec<Note>,
    /// Every timer control as it happened; the clock shown is replayed from it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journal: Vec<TimerEvent>,
    /// The day the board approved these minutes; from then on they are locked.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::iso_date::option")]
    pub approved: Option<NaiveDate>,
    /// The minutes as the board approved them, frozen at approval: every
    /// export of an approved meeting renders these, whatever happens after.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<Box<super::minutes::Minutes>>,
    /// Every change saved to this record (see `model::history`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<super::history::Entry>,
}

/// The most an agenda item can be given, planned plus extensions: a day.
/// Validation holds files to it, so the timer's sums stay in range.
pub const MAX_ITEM_MINUTES: i64 = 24 * 60;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AgendaItem {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    /// "4", or "4a": unique within the meeting.
    pub number: String,
    pub title: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "super::link::many")]
    pub leads: Vec<String>,
    pub planned_minutes: u32,
    /// Paper references such as "5a".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub papers: Vec<String>,
    #[serde(default)]
    pub purpose: Purpose,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    Decision,
    #[default]
    Discussion,
    Noting,
    Standing,
}

impl Purpose {
    /// As the agenda line and the file spell it.
    pub fn word(self) -> &'static str {
        match self {
            Purpose::Decision => "decision",
            Purpose::Discussion => "discussion",
            Purpose::Noting => "noting",
            Purpose::Standing => "standing",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Attendance {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    #[serde(with = "super::link::one")]
    pub initials: String,
    pub status: AttendanceStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<AttendanceMode>,
    /// The absent member this person stands in for.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::link::maybe")]
    pub deputy_for: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub arrived: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub left: Option<Timestamp>,
    /// For guests in attendance for particular items only.
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "super::link::items")]
    pub items: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceStatus {
    /// Not yet marked: the meeting has not started or they are awaited.
    Expected,
    Present,
    Apologies,
    Absent,
}

impl AttendanceStatus {
    pub fn label(self) -> &'static str {
        match self {
            AttendanceStatus::Expected => "expected",
            AttendanceStatus::Present => "present",
            AttendanceStatus::Apologies => "apologies",
            AttendanceStatus::Absent => "absent",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AttendanceMode {
    InRoom,
    Remote,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Declaration {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    #[serde(with = "super::link::one")]
    pub initials: String,
    #[serde(with = "super::link::item")]
    pub item: String,
    pub interest: String,
    #[serde(default)]
    pub withdrawn: bool,
}

/// A note or a decision ("Agreed: ...") under an agenda item.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Note {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    #[serde(with = "super::link::item")]
    pub item: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
    pub text: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TimerEvent {
    pub at: Timestamp,
    pub event: TimerEventKind,
    /// The item this event moved to (start, next, previous, skip, jump,
    /// reopen) or changed (extend). Stored as the item's identity: a merge
    /// that renumbers a running meeting's items keeps each event on its item.
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::link::maybe_item")]
    pub item: Option<String>,
    /// Minutes added (or, negative, taken off) by an extend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub minutes: Option<i32>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TimerEventKind {
    Start,
    Pause,
    Resume,
    Next,
    Previous,
    Skip,
    /// Take another item now, out of the agenda's order (or bring a deferred one back).
    Jump,
    Extend,
    End,
    /// A closed meeting opened again, on the item it closed on.
    Reopen,
    /// Takes back the last event still standing before it (the chair's undo).
    Undo,
    /// An item put off to the next meeting where it stands: one not taken,
    /// or the last one under way as the meeting ends.
    Defer,
}

/// A note of the discussion, or a decision ("Agreed: ...").
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum NoteKind {
    Note,
    Decision,
}

impl Meeting {
    /// A meeting planned on `date`, with nothing on its agenda or in its register yet.
    pub fn planned(date: NaiveDate, title: String, location: String, start: NaiveTime, end: NaiveTime) -> Meeting {
        Meeting {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            minutes: None,
            schema_version: super::SCHEMA_VERSION,
            date,
            title,
            location,
            planned_start: start,
            planned_end: end,
            agenda: vec![],
            attendance: vec![],
            declarations: vec![],
            notes: vec![],
            decisions: vec![],
            journal: vec![],
            approved: None,
        }
    }

    /// Records a note or a decision under an item, time-stamped.
    pub fn record(&mut self, kind: NoteKind, item: &str, at: Timestamp, text: &str) -> Result<(), String> {
        if self.item_index(item).is_none() {
            return Err(format!("there is no agenda item {item:?}"));
        }
        let text = text.trim();
        if text.is_empty() {
            return Err("there is nothing to record: type the note first".into());
        }
        let note =
            Note { id: crate::model::id::Id::fresh(), item: item.to_string(), at: Some(at), text: text.to_string() };
        match kind {
            NoteKind::Note => self.notes.push(note),
            NoteKind::Decision => self.decisions.push(note),
        }
        Ok(())
    }

    pub fn item_index(&self, number: &str) -> Option<usize> {
        self.agenda.iter().position(|i| i.number == number)
    }

    /// The agenda's planned minutes; no sum of `u32`s can overflow an `i64`.
    pub fn planned_minutes(&self) -> i64 {
        self.agenda.iter().map(|i| i64::from(i.planned_minutes)).sum()
    }

    /// Minutes between planned start and planned end.
    pub fn slot_minutes(&self) -> i64 {
        (self.planned_end - self.planned_start).num_minutes()
    }

    /// Planned start of each item, back to back from the meeting's planned start.
    pub fn planned_starts(&self) -> Vec<NaiveTime> {
        let mut at = self.planned_start;
        self.agenda
            .iter()
            .map(|item| {
                let start = at;
                at += chrono::Duration::minutes(i64::from(item.planned_minutes));
                start
            })
            .collect()
    }

    /// "Thursday 6 January 2022, 10:00–12:00": when the meeting is called
    /// for, as its agenda and its minutes head it.
    pub fn planned_when(&self) -> String {
        let (date, from, to) = (self.date.format("%A %-d %B %Y"), self.planned_start, self.planned_end);
        format!("{date}, {}–{}", from.format("%H:%M"), to.format("%H:%M"))
    }

    /// The agenda's item numbers and the identities they stand for: how
    /// the meeting's own records link to its items in the file (`model::link`).
    pub fn item_identities(&self) -> std::collections::HashMap<String, String> {
        let given = self.agenda.iter().filter(|i| !i.id.is_unset());
        given.map(|i| (i.number.clone(), i.id.as_str().to_string())).collect()
    }

    /// The meeting's links to its own items read back from identities to
    /// the numbers they bear now; a number typed by hand stays as it is.
    pub fn read_item_links(&mut self) {
        let numbers: std::collections::HashMap<String, String> =
            self.item_identities().into_iter().map(|(number, id)| (id, number)).collect();
        let mut number = |link: &mut String| {
            if let Some(n) = numbers.get(link.as_str()) {
                *link = n.clone();
            }
        };
        self.notes.iter_mut().chain(&mut self.decisions).for_each(|n| number(&mut n.item));
        self.declarations.iter_mut().for_each(|d| number(&mut d.item));
        self.attendance.iter_mut().flat_map(|a| &mut a.items).for_each(&mut number);
        self.journal.iter_mut().filter_map(|e| e.item.as_mut()).for_each(number);
    }

    pub fn attendance_of(&self, initials: &str) -> Option<&Attendance> {
        self.attendance.iter().find(|a| a.initials == initials)
    }
}
