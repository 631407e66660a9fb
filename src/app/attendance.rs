//! The attendance register as the secretary keeps it: the person under the
//! cursor, and the changes to their entry, checked at once on a copy and
//! again under the lock.

use super::commands::{Outcome, writable};
use super::input::{Input, Purpose, Seen};
use super::{App, Change, Effect};
use crate::model::Refusal;
use crate::model::attendance::{self as model_attendance, AttendanceEdit};
use crate::model::change::EntryRestore;
use crate::model::meeting::{AttendanceMode, Declaration};
use crate::model::timer::TimerState;

const NO_ONE: &str = "no one is selected in the register";

impl App {
    /// Initials of the person under the cursor in the register.
    pub fn selected_person(&self) -> Option<String> {
        let rows = self.register();
        let row = rows.get(self.attendance_row)?;
        Some(self.workspace.board.people[row.person].initials.clone())
    }
}

/// Checks the change on a copy of the meeting (for an instant notice),
/// then asks to save it with the entry as the user sees it now.
pub(super) fn edit(app: &mut App, edit: AttendanceEdit) -> Outcome {
    let initials = app.selected_person().ok_or(NO_ONE)?;
    let was = app.current_meeting().and_then(|m| m.attendance_of(&initials)).cloned();
    edit_seen(app, initials, edit, was)
}

fn edit_seen(
    app: &mut App,
    initials: String,
    edit: AttendanceEdit,
    was: Option<crate::model::meeting::Attendance>,
) -> Outcome {
    writable(app)?;
    let meeting = app.current_meeting().ok_or(NO_ONE)?;
    model_attendance::apply(&app.workspace.board, &mut meeting.clone(), &initials, &edit, app.now)?;
    Ok(vec![Effect::Save(Change::Attendance { meeting: meeting.date, initials, edit, at: app.now, was })])
}

/// Remote, or in the room: the other of what the entry says now.
pub(super) fn toggle_mode(app: &mut App) -> Outcome {
    let remote = app
        .selected_person()
        .and_then(|i| app.current_meeting()?.attendance_of(&i)?.mode)
        .is_some_and(|m| m == AttendanceMode::Remote);
    edit(app, AttendanceEdit::Mode(if remote { AttendanceMode::InRoom } else { AttendanceMode::Remote }))
}

/// Back to "expected", as if never marked: a mark made by mistake.
pub(super) fn clear(app: &mut App) -> Outcome {
    writable(app)?;
    let initials = app.selected_person().ok_or(NO_ONE)?;
    let meeting = app.current_meeting().ok_or(NO_ONE)?;
    let entry = meeting
        .attendance_of(&initials)
        .cloned()
        .ok_or_else(|| Refusal::AlreadySo(format!("{initials} is already expected (not marked)")))?;
    let entries = vec![EntryRestore { initials, expect: Some(entry), restore: None }];
    Ok(vec![Effect::Save(Change::RestoreAttendance { meeting: meeting.date, entries })])
}

/// Opens the input about the selected person, prefilled with `text`.
pub(super) fn open_for_person(app: &mut App, purpose: fn(String) -> Purpose, text: String) -> Result<(), Refusal> {
    writable(app)?;
    let initials = app.selected_person().ok_or(NO_ONE)?;
    let was = app.current_meeting().and_then(|m| m.attendance_of(&initials)).cloned();
    app.input = Some(Input::with_text(purpose(initials), text).seeing(Seen::Entry(was)));
    Ok(())
}

/// The time now as the input's starting text, "10:12".
pub(super) fn now_text(app: &App) -> String {
    app.now.format("%H:%M").to_string()
}

/// "@JM item 4 " for the selected person and the item under way.
pub(super) fn declaration_start(app: &App) -> String {
    let person = app.selected_person().map_or(String::new(), |i| format!("@{i} "));
    let item = app
        .current_meeting()
        .and_then(|m| Some(m.agenda[TimerState::replay(m).ok()?.current?].number.clone()))
        .map_or(String::new(), |n| format!("item {n} "));
    format!("{person}{item}")
}

/// Enter on the register's inputs: a time, a deputy, a guest, a declaration.
pub(super) fn enter(app: &mut App, input: &Input, line: &str) -> Outcome {
    let meeting = app.current_meeting().ok_or("there is no meeting to keep a register for")?;
    let date = meeting.date;
    match &input.purpose {
        Purpose::Arrived(who) | Purpose::Left(who) | Purpose::Deputy(who) => {
            let edit = match &input.purpose {
                Purpose::Arrived(_) => AttendanceEdit::Arrived(model_attendance::parse_time(line, meeting, app.now)?),
                Purpose::Left(_) => AttendanceEdit::Left(model_attendance::parse_time(line, meeting, app.now)?),
                _ => AttendanceEdit::DeputyFor(app.workspace.board.resolve_person(line)?.initials.clone()),
            };
            let was = match &input.seen {
                Seen::Entry(was) => was.clone(),
                _ => meeting.attendance_of(who).cloned(),
            };
            edit_seen(app, who.clone(), edit, was)
        }
        Purpose::Guest => {
            let guest = model_attendance::parse_guest(line)?;
            if let Some(item) = guest.items.iter().find(|i| meeting.item_index(i).is_none()) {
                return Err(Refusal::rule(format!("there is no agenda item {item:?}")));
            }
            Ok(vec![Effect::Save(Change::AddGuest { meeting: date, guest, at: app.now })])
        }
        Purpose::Declare => {
            let declaration: Declaration = model_attendance::parse_declaration(line, &app.workspace.board)?;
            model_attendance::declare(&app.workspace.board, &mut meeting.clone(), declaration.clone())?;
            Ok(vec![Effect::Save(Change::Declare { meeting: date, declaration })])
        }
        _ => Ok(vec![]),
    }
}
