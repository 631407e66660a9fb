//! Every edit a user can make, as a value. A `Change` applies itself to the
//! documents as they are on disk now (re-read under the lock), field by
//! field: it carries only the fields the user changed, each with the value
//! they saw, so it never writes over what another gavel, the command line
//! or an import changed meanwhile. Applying returns the change that undoes
//! it. The TUI, `gavel add` and `gavel import` all save through here.

mod actions;
pub mod board;
pub mod cycle;
pub(crate) mod fields;
mod intent;
mod meeting;
pub mod people;
mod risks;
mod route;

pub use actions::{ActionEdit, Closure, FieldEdit};
pub use meeting::EntryRestore;
pub use risks::RiskEdit;

use super::action::Raised;
use super::attendance::{AttendanceEdit, Guest};
use super::board::{Group, Person};
use super::id::Id;
use super::meeting::{AgendaItem, Attendance, Declaration, NoteKind, TimerEvent};
use super::quickadd::QuickAdd;
use super::refusal::{Refusal, Since};
use super::risk::NewRisk;
use super::timer::Control;
use super::{Action, ActionLog, Board, Meeting, Risk, RiskRegister, Timestamp};
use Change::Batch;
use chrono::NaiveDate;
use route::{BoardChange, CycleChange, MeetingChange, PeopleChange, Route};

/// Serialised only to keep changes that could not be saved (see `store::recovery`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    /// A control of the chair's timer, as a journal event.
    Timer {
        meeting: NaiveDate,
        control: Control,
        at: Timestamp,
    },
    /// Takes back the journal's last event (`event`), with an undo event at `at`.
    TimerRevoke {
        meeting: NaiveDate,
        event: TimerEvent,
        at: Timestamp,
    },
    /// One person's entry in the register; `was` is the entry as the user saw it.
    Attendance {
        meeting: NaiveDate,
        initials: String,
        edit: AttendanceEdit,
        at: Timestamp,
        was: Option<Attendance>,
    },
    /// Entries put back as they were (undo; back to "expected").
    RestoreAttendance {
        meeting: NaiveDate,
        entries: Vec<EntryRestore>,
    },
    Declare {
        meeting: NaiveDate,
        declaration: Declaration,
    },
    /// One person's declaration for one item, from `expect` back to `restore`.
    RestoreDeclaration {
        meeting: NaiveDate,
        initials: String,
        item: String,
        expect: Option<Declaration>,
        restore: Option<Declaration>,
    },
    /// A note or decision under an item.
    Record {
        meeting: NaiveDate,
        kind: NoteKind,
        item: String,
        text: String,
        at: Timestamp,
    },
    /// A note or decision changed (`now`), removed (`now: None`) or put back (`was: None`).
    EditRecord {
        meeting: NaiveDate,
        kind: NoteKind,
        item: String,
        at: Option<Timestamp>,
        was: Option<String>,
        now: Option<String>,
    },
    /// A guest joins the people register and this meeting.
    AddGuest {
        meeting: NaiveDate,
        guest: Guest,
        at: Timestamp,
    },
    /// A quick-add line, parsed; the ref is given under the lock.
    AddAction {
        draft: QuickAdd,
        raised: Option<Raised>,
    },
    /// A whole action put in with its own ref (an import's new row, an undone delete).
    PutAction {
        action: Action,
    },
    /// An action added by mistake, as it was seen; its ref is never given again.
    DeleteAction {
        was: Action,
    },
    /// An edit of the action the user saw: found by its identity when the
    /// change has it (a sync may have renumbered the action since), else by
    /// the ref typed. The ref is still what every message says.
    EditAction {
        reference: String,
        #[serde(default, skip_serializing_if = "Id::is_unset")]
        id: Id,
        edit: ActionEdit,
    },
    /// A new risk; the ref is given under the lock.
    AddRisk {
        new: NewRisk,
        today: NaiveDate,
    },
    PutRisk {
        risk: Risk,
    },
    DeleteRisk {
        was: Risk,
    },
    /// An edit of the risk the user saw, found as `EditAction`'s action is.
    EditRisk {
        reference: String,
        #[serde(default, skip_serializing_if = "Id::is_unset")]
        id: Id,
        edit: RiskEdit,
    },
    /// A person joins the register; empty initials are proposed under the lock.
    AddPerson {
        person: Person,
    },
    /// One person's entry in the register from `expect` to `restore`: an
    /// edit, a retirement, an undo (absent: not in the register).
    Person {
        initials: String,
        expect: Option<Person>,
        restore: Option<Person>,
    },
    /// A person's or a group's initials changed, and every link that holds
    /// them with it (meetings not yet approved; see `people::rename`).
    Rename {
        from: String,
        to: String,
    },
    /// The board's settings from `expect`, as the user saw them, to `restore`.
    Settings {
        expect: board::BoardSettings,
        restore: board::BoardSettings,
    },
    /// One group from `expect` to `restore` (absent: no such group).
    Group {
        initials: String,
        expect: Option<Group>,
        restore: Option<Group>,
    },
    /// A new meeting's file, made from the last meeting (see `model::cycle`).
    NewMeeting {
        meeting: Box<Meeting>,
    },
    /// A planned meeting's agenda from `was`, as the user saw it, to `now`.
    Agenda {
        meeting: NaiveDate,
        was: Vec<AgendaItem>,
        now: Vec<AgendaItem>,
        /// "item 3 added: …", said once it is saved.
        summary: String,
    },
    /// The board approved the minutes of `meeting` on `on`: they are
    /// locked, and frozen as `minutes` (built under the lock as the change
    /// is saved: see `store::commit`).
    Approve {
        meeting: NaiveDate,
        on: NaiveDate,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        minutes: Option<Box<super::minutes::Minutes>>,
    },
    /// An approval taken back, until the next meeting is held (checked
    /// where the meetings are known: `store::commit`). The reason is the
    /// history's.
    Unapprove {
        meeting: NaiveDate,
    },
    /// The inverse of an earlier change, refused if that change's fields
    /// have changed since.
    Undo(Box<Change>),
    /// Several changes saved together, all or none (a spreadsheet import).
    Batch(Vec<Change>),
    /// A change with the reason the user gave ("because the data is not
    /// ready"), kept in the history of each record it changes.
    Because {
        change: Box<Change>,
        reason: String,
    },
}

/// The documents a change reads, as they are on disk under the lock. The
/// board is always there (owners and people are checked against it).
#[derive(Debug, Clone, PartialEq)]
pub struct OnDisk {
    pub board: Board,
    pub actions: Option<ActionLog>,
    pub risks: Option<RiskRegister>,
    pub meeting: Option<Meeting>,
    /// Every meeting not yet approved, for a change that follows a link
    /// through all of them (`Needs::live_meetings`); otherwise empty.
    pub live: Vec<Meeting>,
}

/// Which documents a change needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Needs {
    pub actions: bool,
    pub risks: bool,
    pub meeting: Option<NaiveDate>,
    /// The change writes gavel.json too.
    pub board: bool,
    /// The change makes this meeting's file, which must not exist yet.
    pub creates: Option<NaiveDate>,
    /// Every meeting not yet approved (`OnDisk::live`).
    pub live_meetings: bool,
}

/// What applying did.
#[derive(Debug, Clone, PartialEq)]
pub struct Applied {
    /// In the board's words, for the footer and the command line: "A14 added: …".
    pub summary: String,
    pub added: Option<Added>,
    /// The change that takes this one back, if it can be.
    pub undo: Option<Change>,
}

/// A change on disk: what it did, and the documents as written. A
/// document the change did not need is `None`; so is the action log when a
/// new action was appended without reading it in full, and a log or
/// register the change read but left as it was.
#[derive(Debug, Clone, PartialEq)]
pub struct Committed {
    pub applied: Applied,
    pub board: Option<Board>,
    pub actions: Option<ActionLog>,
    pub risks: Option<RiskRegister>,
    pub meeting: Option<Meeting>,
    /// The meetings a change through all of them rewrote.
    pub live: Vec<Meeting>,
}

impl Committed {
    /// What a commit gives back: what the change did, and the documents it
    /// needed as they now are (the board only if the change wrote it).
    pub fn new(applied: Applied, disk: OnDisk, needs: Needs) -> Committed {
        let OnDisk { board, actions, risks, meeting, live } = disk;
        Committed { applied, board: needs.board.then_some(board), actions, risks, meeting, live }
    }
}

/// Changes whose save failed, kept until they are saved (see `store::recovery`).
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Unsaved {
    /// When the first of them failed to save.
    pub since: Timestamp,
    pub changes: Vec<Change>,
}

impl Unsaved {
    /// "A14 added; MM present", for the offer to apply them.
    pub fn summary(&self) -> String {
        let intents: Vec<String> = self.changes.iter().map(Change::intent).collect();
        crate::text::clean(&intents.join("; ")).into_owned()
    }
}

/// A record a change created, with what it was given under the lock.
#[derive(Debug, Clone, PartialEq)]
pub enum Added {
    Action(Box<Action>),
    Risk(String),
    Guest(String),
}

impl Change {
    pub fn needs(&self) -> Needs {
        let meeting = |date: NaiveDate| Needs { meeting: Some(date), ..Needs::default() };
        // A change through every live document: the log, the register and meetings not approved.
        let everywhere = Needs { board: true, actions: true, risks: true, live_meetings: true, ..Needs::default() };
        match self.route() {
            Route::Meeting(date, MeetingChange::AddGuest { .. }) => Needs { board: true, ..meeting(date) },
            // Actions raised under its items store their numbers: a reorder moves them.
            Route::Cycle(date, CycleChange::Agenda { .. }) => Needs { actions: true, ..meeting(date) },
            Route::Meeting(date, _) | Route::Cycle(date, _) => meeting(date),
            // Out of the register: nothing live may name them.
            Route::People(PeopleChange::Entry { restore: None, .. }) | Route::Rename { .. } => everywhere,
            Route::People(_) | Route::Board(_) => Needs { board: true, ..Needs::default() },
            Route::NewMeeting(made) => Needs { creates: Some(made.date), ..Needs::default() },
            Route::Actions(_) => Needs { actions: true, ..Needs::default() },
            Route::Risks(_) => Needs { risks: true, ..Needs::default() },
            Route::Undo(inner) | Route::Because(inner, _) => inner.needs(),
            Route::Batch(changes) => changes.iter().map(Change::needs).fold(Needs::default(), |a, b| Needs {
                actions: a.actions || b.actions,
                risks: a.risks || b.risks,
                // One meeting a batch: the first named.
                meeting: a.meeting.or(b.meeting),
                board: a.board || b.board,
                creates: a.creates.or(b.creates),
                live_meetings: a.live_meetings || b.live_meetings,
            }),
        }
    }

    /// Applies the change to the documents as they are on disk. On a
    /// refusal the documents may be half changed: the caller writes nothing.
    pub fn apply(&self, disk: &mut OnDisk) -> Result<Applied, Refusal> {
        match self.route() {
            Route::Undo(inner) => {
                let applied = inner.apply(disk).map_err(undone)?;
                Ok(Applied { summary: format!("undone: {}", applied.summary), added: None, undo: None })
            }
            // The reason is said back, so how the line was read is seen.
            Route::Because(change, reason) => change
                .apply(disk)
                .map(|applied| Applied { summary: format!("{} · because {reason}", applied.summary), ..applied }),
            Route::Batch(changes) => {
                if changes.iter().filter_map(|c| c.needs().meeting).any(|d| Some(d) != self.needs().meeting) {
                    return Err(Refusal::rule("one batch of changes can touch one meeting only"));
                }
                let (mut undo, mut said) = (Vec::with_capacity(changes.len()), Vec::new());
                for change in changes {
                    let applied = change.apply(disk)?;
                    undo.extend(applied.undo);
                    said.push(applied.summary);
                }
                undo.reverse();
                // A few changes made as one (new initials and a new title) are each said.
                let summary = match changes.len() {
                    2..=3 => said.join("; "),
                    n => format!("{n} change{}", if n == 1 { "" } else { "s" }),
                };
                Ok(Applied { summary, added: None, undo: Some(Batch(undo)) })
            }
            Route::Actions(change) => {
                actions::apply(change, disk.actions.as_mut().ok_or(Refusal::rule("the action log is not loaded"))?)
            }
            Route::Risks(change) => {
                risks::apply(change, disk.risks.as_mut().ok_or(Refusal::rule("the risk register is not loaded"))?)
            }
            Route::People(change) => {
                if let PeopleChange::Entry { initials, restore: None, .. } = &change {
                    people::unlinked(disk, initials)?;
                }
                people::apply(change, &mut disk.board)
            }
            Route::Rename { from, to } => people::rename(disk, from, to),
            Route::Board(BoardChange::Settings { expect, restore }) => {
                board::settings(&mut disk.board, expect, restore)
            }
            Route::Board(BoardChange::Group { initials, expect, restore }) => {
                board::group(&mut disk.board, initials, expect.as_ref(), restore.as_ref())
            }
            Route::NewMeeting(meeting) => cycle::make(meeting, &mut disk.meeting),
            // Approval's own changes check the lock themselves: taking an approval back passes it.
            Route::Cycle(_, change) => cycle::apply(change, &disk.board, held(&mut disk.meeting)?),
            Route::Meeting(_, change) => {
                let meeting = held(&mut disk.meeting)?;
                cycle::locked(meeting)?;
                meeting::apply(change, &mut disk.board, meeting)
            }
        }
    }

    /// The reason the user gave for this change, if any.
    pub fn reason(&self) -> Option<&str> {
        match self {
            Change::Because { reason, .. } => Some(reason),
            _ => None,
        }
    }

    /// `change`, with the reason given, if one was.
    pub fn because(change: Change, reason: Option<String>) -> Change {
        match reason {
            Some(reason) => Change::Because { change: Box::new(change), reason },
            None => change,
        }
    }

    /// The undo of a timer control is stamped when it is undone.
    pub fn stamped(mut self, now: Timestamp) -> Change {
        match &mut self {
            Change::TimerRevoke { at, .. } => *at = now,
            Change::Undo(inner) => return Change::Undo(Box::new(inner.as_ref().clone().stamped(now))),
            _ => {}
        }
        self
    }
}

/// The meeting a change is for, as on disk.
fn held(meeting: &mut Option<Meeting>) -> Result<&mut Meeting, Refusal> {
    meeting.as_mut().ok_or(Refusal::rule("that meeting's file no longer exists"))
}

/// A conflict met while undoing is worded as such.
fn undone(refusal: Refusal) -> Refusal {
    match refusal {
        Refusal::Conflict { record, field, theirs, yours, .. } => {
            Refusal::Conflict { record, field, theirs, yours, since: Since::Undone }
        }
        other => other,
    }
}

#[cfg(test)]
impl Change {
    /// Applies a change that needs only the board.
    pub(crate) fn apply_to_board(&self, board: &mut Board) -> Result<Applied, Refusal> {
        let mut disk = OnDisk { board: board.clone(), actions: None, risks: None, meeting: None, live: vec![] };
        let applied = self.apply(&mut disk)?;
        *board = disk.board;
        Ok(applied)
    }
}

#[cfg(test)]
mod rename_tests;
#[cfg(test)]
mod tests;
