//! Where each kind of change goes. `Change::route` matches every variant,
//! with no catch-all, into the one document enum that applies it, and each
//! document's `apply` matches every variant of its own enum: a new kind of
//! change does not compile until it has a document and is applied there.

use super::Change;
use super::actions::ActionEdit;
use super::board::BoardSettings;
use super::meeting::EntryRestore;
use super::risks::RiskEdit;
use crate::model::action::Raised;
use crate::model::attendance::{AttendanceEdit, Guest};
use crate::model::board::{Group, Person};
use crate::model::id::Id;
use crate::model::meeting::{AgendaItem, Attendance, Declaration, NoteKind, TimerEvent};
use crate::model::minutes::Minutes;
use crate::model::quickadd::QuickAdd;
use crate::model::risk::NewRisk;
use crate::model::timer::Control;
use crate::model::{Action, Meeting, Risk, Timestamp};
use chrono::NaiveDate;

/// A change, by the document it applies to.
pub(crate) enum Route<'a> {
    Actions(ActionChange<'a>),
    Risks(RiskChange<'a>),
    People(PeopleChange<'a>),
    /// The board's settings and groups.
    Board(BoardChange<'a>),
    /// A person's or group's initials, with every live link that holds them.
    Rename {
        from: &'a String,
        to: &'a String,
    },
    /// A change to one meeting's file while it is not approved.
    Meeting(NaiveDate, MeetingChange<'a>),
    /// The board's cycle: an agenda planned, minutes approved or not.
    Cycle(NaiveDate, CycleChange<'a>),
    NewMeeting(&'a Meeting),
    Undo(&'a Change),
    Batch(&'a [Change]),
    Because(&'a Change, &'a str),
}

pub(crate) enum ActionChange<'a> {
    Add { draft: &'a QuickAdd, raised: &'a Option<Raised> },
    Put { action: &'a Action },
    Delete { was: &'a Action },
    Edit { reference: &'a String, id: &'a Id, edit: &'a ActionEdit },
}

pub(crate) enum RiskChange<'a> {
    Add { new: &'a NewRisk, today: &'a NaiveDate },
    Put { risk: &'a Risk },
    Delete { was: &'a Risk },
    Edit { reference: &'a String, id: &'a Id, edit: &'a RiskEdit },
}

pub(crate) enum PeopleChange<'a> {
    Add { person: &'a Person },
    Entry { initials: &'a String, expect: &'a Option<Person>, restore: &'a Option<Person> },
}

pub(crate) enum BoardChange<'a> {
    Settings { expect: &'a BoardSettings, restore: &'a BoardSettings },
    Group { initials: &'a String, expect: &'a Option<Group>, restore: &'a Option<Group> },
}

pub(crate) enum MeetingChange<'a> {
    Timer {
        control: &'a Control,
        at: &'a Timestamp,
    },
    TimerRevoke {
        event: &'a TimerEvent,
        at: &'a Timestamp,
    },
    Attendance {
        initials: &'a String,
        edit: &'a AttendanceEdit,
        at: &'a Timestamp,
        was: &'a Option<Attendance>,
    },
    RestoreAttendance {
        entries: &'a [EntryRestore],
    },
    Declare {
        declaration: &'a Declaration,
    },
    RestoreDeclaration {
        initials: &'a String,
        item: &'a String,
        expect: &'a Option<Declaration>,
        restore: &'a Option<Declaration>,
    },
    Record {
        kind: &'a NoteKind,
        item: &'a String,
        text: &'a String,
        at: &'a Timestamp,
    },
    EditRecord {
        kind: &'a NoteKind,
        item: &'a String,
        at: &'a Option<Timestamp>,
        was: &'a Option<String>,
        now: &'a Option<String>,
    },
    AddGuest {
        guest: &'a Guest,
        at: &'a Timestamp,
    },
}

pub(crate) enum CycleChange<'a> {
    Agenda { was: &'a Vec<AgendaItem>, now: &'a Vec<AgendaItem>, summary: &'a String },
    Approve { on: &'a NaiveDate, minutes: &'a Option<Box<Minutes>> },
    Unapprove,
}

impl Change {
    pub(crate) fn route(&self) -> Route<'_> {
        use Change as C;
        use MeetingChange as M;
        match self {
            C::Timer { meeting, control, at } => Route::Meeting(*meeting, M::Timer { control, at }),
            C::TimerRevoke { meeting, event, at } => Route::Meeting(*meeting, M::TimerRevoke { event, at }),
            C::Attendance { meeting, initials, edit, at, was } => {
                Route::Meeting(*meeting, M::Attendance { initials, edit, at, was })
            }
            C::RestoreAttendance { meeting, entries } => Route::Meeting(*meeting, M::RestoreAttendance { entries }),
            C::Declare { meeting, declaration } => Route::Meeting(*meeting, M::Declare { declaration }),
            C::RestoreDeclaration { meeting, initials, item, expect, restore } => {
                Route::Meeting(*meeting, M::RestoreDeclaration { initials, item, expect, restore })
            }
            C::Record { meeting, kind, item, text, at } => Route::Meeting(*meeting, M::Record { kind, item, text, at }),
            C::EditRecord { meeting, kind, item, at, was, now } => {
                Route::Meeting(*meeting, M::EditRecord { kind, item, at, was, now })
            }
            C::AddGuest { meeting, guest, at } => Route::Meeting(*meeting, M::AddGuest { guest, at }),
            C::AddAction { draft, raised } => Route::Actions(ActionChange::Add { draft, raised }),
            C::PutAction { action } => Route::Actions(ActionChange::Put { action }),
            C::DeleteAction { was } => Route::Actions(ActionChange::Delete { was }),
            C::EditAction { reference, id, edit } => Route::Actions(ActionChange::Edit { reference, id, edit }),
            C::AddRisk { new, today } => Route::Risks(RiskChange::Add { new, today }),
            C::PutRisk { risk } => Route::Risks(RiskChange::Put { risk }),
            C::DeleteRisk { was } => Route::Risks(RiskChange::Delete { was }),
            C::EditRisk { reference, id, edit } => Route::Risks(RiskChange::Edit { reference, id, edit }),
            C::AddPerson { person } => Route::People(PeopleChange::Add { person }),
            C::Person { initials, expect, restore } => Route::People(PeopleChange::Entry { initials, expect, restore }),
            C::Rename { from, to } => Route::Rename { from, to },
            C::Settings { expect, restore } => Route::Board(BoardChange::Settings { expect, restore }),
            C::Group { initials, expect, restore } => Route::Board(BoardChange::Group { initials, expect, restore }),
            C::NewMeeting { meeting } => Route::NewMeeting(meeting),
            C::Agenda { meeting, was, now, summary } => {
                Route::Cycle(*meeting, CycleChange::Agenda { was, now, summary })
            }
            C::Approve { meeting, on, minutes } => Route::Cycle(*meeting, CycleChange::Approve { on, minutes }),
            C::Unapprove { meeting } => Route::Cycle(*meeting, CycleChange::Unapprove),
            C::Undo(inner) => Route::Undo(inner),
            C::Batch(changes) => Route::Batch(changes),
            C::Because { change, reason } => Route::Because(change, reason),
        }
    }
}
