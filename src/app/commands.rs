//! What each command does to the app: focus, selection, and the changes
//! it asks the loop to save.

use super::input::{Input, Purpose};
use super::{App, Change, Command, Effect, Overlay, Pane};
use super::{actions, attendance, confirm, risks};
use crate::model::action::ActionEdit;
use crate::model::attendance::AttendanceEdit;
use crate::model::meeting::{AttendanceMode, NoteKind};
use crate::model::risk::RiskEdit;
use crate::model::timer::Control;
use crate::model::{ActionStatus, AttendanceStatus, MeetingState};

pub(super) fn run(app: &mut App, command: Command) -> Vec<Effect> {
    if command != Command::Quit {
        app.quit_asked = false;
    }
    if matches!(command, Command::NextPane | Command::PreviousPane | Command::Focus(_)) {
        // A popup belongs to its pane.
        app.overlay = Overlay::None;
    }
    match command {
        Command::Quit => {
            // Quitting would lose changes that are not yet on disk: ask once more.
            if !app.unsaved.is_empty() && !std::mem::replace(&mut app.quit_asked, true) {
                app.refuse(format!(
                    "not saved yet: {} change(s) will be lost; press q again to quit anyway",
                    app.unsaved.len()
                ));
                return vec![];
            }
            app.quit = true;
            return vec![Effect::Quit];
        }
        Command::NextPane => app.focus = app.focus.step(1),
        Command::PreviousPane => app.focus = app.focus.step(Pane::ALL.len() - 1),
        Command::Focus(pane) => app.focus = pane,
        Command::Help => {
            app.overlay = Overlay::Help;
            app.help_scroll = 0;
        }
        Command::Back => back(app),
        Command::Up | Command::Down | Command::Left | Command::Right | Command::Top | Command::Bottom => {
            navigate(app, command)
        }
        Command::StartOrPause => return timer(app, Control::StartOrPause),
        Command::NextItem => return timer(app, Control::Next),
        Command::PreviousItem => return timer(app, Control::Previous),
        Command::Extend => return timer(app, Control::Extend(1)),
        Command::Shorten => return timer(app, Control::Extend(-1)),
        Command::SkipItem => return timer(app, Control::Skip),
        Command::EndMeeting => return timer(app, Control::End),
        Command::TakeItem => return timer(app, Control::Jump(app.agenda_row)),
        Command::MarkPresent => return attendance::edit(app, AttendanceEdit::Mark(AttendanceStatus::Present)),
        Command::MarkAbsent => return attendance::edit(app, AttendanceEdit::Mark(AttendanceStatus::Absent)),
        Command::MarkApologies => return attendance::edit(app, AttendanceEdit::Mark(AttendanceStatus::Apologies)),
        Command::ArrivedLate => attendance::open_for_person(app, Purpose::Arrived, attendance::now_text(app)),
        Command::LeftEarly => attendance::open_for_person(app, Purpose::Left, attendance::now_text(app)),
        Command::Deputise => attendance::open_for_person(app, Purpose::Deputy, String::new()),
        Command::ToggleRemote => return attendance::toggle_mode(app),
        Command::AddGuest => open(app, Purpose::Guest, String::new(), true),
        Command::TakeNote => record(app, NoteKind::Note),
        Command::RecordDecision => record(app, NoteKind::Decision),
        Command::Declare => {
            let start = attendance::declaration_start(app);
            open(app, Purpose::Declare, start, true);
        }
        Command::QuickAdd => open(app, Purpose::QuickAdd, String::new(), true),
        Command::CycleFilter => actions::cycle_show(app),
        Command::FilterOwner => open(app, Purpose::Owner, app.action_filter.owner.clone().unwrap_or_default(), false),
        Command::Search => open(app, Purpose::Search, app.action_filter.search.clone(), false),
        Command::MarkInProgress => return actions::set_status(app, ActionStatus::InProgress),
        Command::MarkDone => return actions::set_status(app, ActionStatus::Done),
        Command::MarkDropped => return actions::set_status(app, ActionStatus::Dropped),
        Command::Reopen => return actions::set_status(app, ActionStatus::Open),
        Command::AddUpdate => {
            if let Some(reference) = actions::selected(app).map(|a| a.reference.clone()) {
                open(app, Purpose::Update(reference), String::new(), true);
            }
        }
        Command::ListCell => risks::list_cell(app),
        Command::NewRisk => open(app, Purpose::NewRisk, String::new(), true),
        Command::Rescore => {
            risks::open_for_selected(app, Purpose::Rescore, |r| format!("{} {}", r.likelihood.get(), r.impact.get()))
        }
        Command::ReviewDate => risks::open_for_selected(app, Purpose::Review, |r| {
            r.review.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string())
        }),
        Command::CloseRisk => return risks::close_selected(app),
        Command::EditAction => {
            if let Some(action) = actions::selected(app) {
                let (reference, line) = (action.reference.clone(), action.as_line());
                open(app, Purpose::Edit(reference), line, true);
            }
        }
    }
    vec![]
}

/// Opens the input line; changes need a writable workspace, filters do not.
fn open(app: &mut App, purpose: Purpose, text: String, changes: bool) {
    if changes && !writable(app) {
        return;
    }
    app.input = Some(Input::with_text(purpose, text));
}

/// Opens the input for a note or decision under the item under way, or
/// the item selected in the agenda when the meeting is not running.
fn record(app: &mut App, kind: NoteKind) {
    let Some(meeting) = app.current_meeting() else {
        app.refuse("there is no meeting to take notes in");
        return;
    };
    let current = app.timer().and_then(|t| t.current).unwrap_or(app.agenda_row);
    let Some(item) = meeting.agenda.get(current).map(|i| i.number.clone()) else {
        app.refuse("the agenda has no items");
        return;
    };
    open(app, Purpose::Record(kind, item), String::new(), true);
}

/// Esc outside an input: close the help, else clear the action filters.
fn back(app: &mut App) {
    if app.overlay != Overlay::None {
        app.overlay = Overlay::None;
    } else if app.focus == Pane::Actions && app.action_filter != super::ActionFilter::default() {
        app.action_filter = super::ActionFilter::default();
        app.refresh();
    }
}

/// What the footer says once a change is on disk.
pub(super) fn done(change: &Change, added: Option<&str>) -> String {
    match change {
        Change::Timer { control, at, .. } => {
            let time = at.format("%H:%M:%S");
            match control {
                Control::StartOrPause => format!("timer started, paused or resumed at {time}"),
                Control::Next => format!("next item at {time}"),
                Control::Previous => format!("back to the previous item at {time}"),
                Control::Skip => format!("item deferred at {time}"),
                Control::Extend(m) if *m > 0 => format!("{m} minute added"),
                Control::Extend(_) => "1 minute taken off".to_string(),
                Control::End => format!("meeting ended at {time}"),
                Control::Jump(_) => format!("on to the selected item at {time}"),
                Control::Reopen => format!("meeting reopened at {time}"),
            }
        }
        Change::Attendance { initials, edit, .. } => match edit {
            AttendanceEdit::Mark(status) => format!("{initials} marked {}", status.label()),
            AttendanceEdit::Arrived(at) => format!("{initials} arrived at {}", at.format("%H:%M")),
            AttendanceEdit::Left(at) => format!("{initials} left at {}", at.format("%H:%M")),
            AttendanceEdit::DeputyFor(member) => format!("{initials} deputising for {member}"),
            AttendanceEdit::Mode(AttendanceMode::Remote) => format!("{initials} joining remotely"),
            AttendanceEdit::Mode(AttendanceMode::InRoom) => format!("{initials} in the room"),
        },
        Change::Declare { declaration: d, .. } => {
            let out = if d.withdrawn { ", withdrawing" } else { "" };
            format!("{} declared an interest in item {}{out}", d.initials, d.item)
        }
        Change::Record { kind: NoteKind::Note, item, .. } => format!("note added under item {item}"),
        Change::Record { kind: NoteKind::Decision, item, .. } => format!("decision recorded under item {item}"),
        Change::AddGuest { guest, .. } => format!("{} in attendance as {}", guest.name, added.unwrap_or("a guest")),
        Change::AddAction { draft, .. } => format!("{} added: {}", added.unwrap_or("action"), draft.text),
        Change::EditAction { reference, edit, .. } => match edit {
            ActionEdit::Status(status) => format!("{reference} marked {}", status.label()),
            ActionEdit::AddUpdate(_) => format!("{reference}: update added"),
            ActionEdit::Replace(_) => format!("{reference} edited"),
        },
        Change::AddRisk { new, .. } => format!("{} added: {}", added.unwrap_or("risk"), new.title),
        Change::EditRisk { reference, edit, today } => match edit {
            RiskEdit::Rescore(score) => format!(
                "{reference} rescored L{} × I{} = {} on {}",
                score.likelihood.get(),
                score.impact.get(),
                score.value(),
                today.format("%-d %b %Y")
            ),
            RiskEdit::Close => format!("{reference} closed"),
            RiskEdit::Review(date) => format!("{reference} to be reviewed by {}", date.format("%-d %b %Y")),
        },
    }
}

fn navigate(app: &mut App, command: Command) {
    let step = |row: usize, len: usize| -> usize {
        let last = len.saturating_sub(1);
        match command {
            Command::Up => row.saturating_sub(1),
            Command::Down => (row + 1).min(last),
            Command::Top => 0,
            Command::Bottom => last,
            _ => row,
        }
    };
    match app.focus {
        Pane::Agenda => {
            let len = app.current_meeting().map_or(0, |m| m.agenda.len());
            app.agenda_row = step(app.agenda_row, len);
        }
        Pane::Actions => app.action_row = step(app.action_row, app.action_order.len()),
        Pane::Attendance => app.attendance_row = step(app.attendance_row, app.register().len()),
        Pane::Risks if app.overlay == Overlay::RiskList => {
            app.risk_pick = step(app.risk_pick, app.cell_risks().len());
        }
        Pane::Risks => {
            let (l, i) = app.risk_cell;
            let to = match command {
                Command::Up => (l, (i + 1).min(5)),
                Command::Down => (l, (i - 1).max(1)),
                Command::Left => ((l - 1).max(1), i),
                Command::Right => ((l + 1).min(5), i),
                Command::Top => (l, 5),
                Command::Bottom => (l, 1),
                _ => (l, i),
            };
            risks::move_cursor(app, to);
        }
    }
}

/// Refuses any change in review mode, saying why.
pub(super) fn writable(app: &mut App) -> bool {
    if app.read_only {
        app.refuse("read-only: this gavel was opened with --read-only, so nothing can be changed");
    }
    !app.read_only
}

fn timer(app: &mut App, control: Control) -> Vec<Effect> {
    if !writable(app) {
        return vec![];
    }
    let Some(meeting) = app.current_meeting() else {
        app.refuse("there is no meeting to run: add one under meetings/");
        return vec![];
    };
    let closed = MeetingState::of(meeting) == MeetingState::Closed;
    if closed && control == Control::StartOrPause {
        app.refuse(format!(
            "the meeting of {} is closed: E in the agenda reopens it",
            meeting.date.format("%-d %B %Y")
        ));
        return vec![];
    }
    // E on a closed meeting reopens it; both ask first.
    let control = if closed && control == Control::End { Control::Reopen } else { control };
    // Checked here for an instant notice, and again under the lock.
    match crate::model::timer::event_for(meeting, control, app.now) {
        Ok(_) if let Some(question) = confirm::question_for(app, meeting, control) => {
            app.question = Some(question);
            vec![]
        }
        Ok(_) => vec![Effect::Save(Change::Timer { meeting: meeting.date, control, at: app.now })],
        Err(why) => {
            app.refuse(why);
            vec![]
        }
    }
}
