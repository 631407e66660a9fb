//! The attendance register as the secretary keeps it: the person under the
//! cursor, and the changes to their entry, checked at once on a copy and
//! again under the lock.

use super::commands::writable;
use super::input::{Input, Purpose};
use super::{App, Change, Effect};
use crate::model::attendance::{self as model_attendance, AttendanceEdit};
use crate::model::meeting::{AttendanceMode, Declaration};
use crate::model::timer::TimerState;

impl App {
    /// Initials of the person under the cursor in the register.
    pub fn selected_person(&self) -> Option<String> {
        let rows = self.register();
        let row = rows.get(self.attendance_row)?;
        Some(self.workspace.board.people[row.person].initials.clone())
    }
}

/// Checks the change on a copy of the meeting, then asks to save it.
pub(super) fn edit(app: &mut App, edit: AttendanceEdit) -> Vec<Effect> {
    if !writable(app) {
        return vec![];
    }
    let (Some(initials), Some(meeting)) = (app.selected_person(), app.current_meeting()) else {
        app.refuse("no one is selected in the register");
        return vec![];
    };
    let mut copy = meeting.clone();
    match model_attendance::apply(&app.workspace.board, &mut copy, &initials, &edit, app.now) {
        Ok(()) => vec![Effect::Save(Change::Attendance { meeting: meeting.date, initials, edit, at: app.now })],
        Err(why) => {
            app.refuse(why);
            vec![]
        }
    }
}

/// Remote, or in the room: the other of what the entry says now.
pub(super) fn toggle_mode(app: &mut App) -> Vec<Effect> {
    let remote = app
        .selected_person()
        .and_then(|i| app.current_meeting()?.attendance_of(&i)?.mode)
        .is_some_and(|m| m == AttendanceMode::Remote);
    edit(app, AttendanceEdit::Mode(if remote { AttendanceMode::InRoom } else { AttendanceMode::Remote }))
}

/// Opens the input about the selected person, prefilled with `text`.
pub(super) fn open_for_person(app: &mut App, purpose: fn(String) -> Purpose, text: String) {
    if !writable(app) {
        return;
    }
    match app.selected_person() {
        Some(initials) => app.input = Some(Input::with_text(purpose(initials), text)),
        None => app.refuse("no one is selected in the register"),
    }
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
pub(super) fn enter(app: &mut App, purpose: &Purpose, line: &str) -> Result<Vec<Effect>, String> {
    let meeting = app.current_meeting().ok_or("there is no meeting to keep a register for")?;
    let date = meeting.date;
    match purpose {
        Purpose::Arrived(_) | Purpose::Left(_) | Purpose::Deputy(_) => {
            let edit = match purpose {
                Purpose::Arrived(_) => AttendanceEdit::Arrived(model_attendance::parse_time(line, meeting, app.now)?),
                Purpose::Left(_) => AttendanceEdit::Left(model_attendance::parse_time(line, meeting, app.now)?),
                _ => AttendanceEdit::DeputyFor(known_initials(app, line)?),
            };
            let effects = self::edit(app, edit);
            match app.notice.as_ref().filter(|n| n.error) {
                Some(notice) => Err(notice.text.clone()),
                None => Ok(effects),
            }
        }
        Purpose::Guest => {
            let guest = model_attendance::parse_guest(line)?;
            let mut copy = meeting.clone();
            model_attendance::admit_guest(&mut copy, "check", &guest.items, app.now)?;
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

fn known_initials(app: &App, typed: &str) -> Result<String, String> {
    let typed = typed.trim().trim_start_matches('@');
    app.workspace
        .board
        .people
        .iter()
        .find(|p| p.initials.eq_ignore_ascii_case(typed))
        .map(|p| p.initials.clone())
        .ok_or_else(|| format!("{typed} is not in the people register"))
}
