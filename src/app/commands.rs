//! What each command does to the app: focus, selection, and the changes
//! it asks the loop to save.

use super::input::{Input, Purpose, Seen};
use super::{App, Change, Command, Effect, Overlay, Pane};
use super::{actions, attendance, confirm, risks};
use crate::model::attendance::AttendanceEdit;
use crate::model::meeting::NoteKind;
use crate::model::timer::Control;
use crate::model::{ActionStatus, AttendanceStatus, MeetingState, Refusal};

/// What a command did: effects to run, or why it was refused.
pub(super) type Outcome = Result<Vec<Effect>, Refusal>;

pub(super) fn run(app: &mut App, command: Command) -> Outcome {
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
                return Err(Refusal::rule(format!(
                    "not saved yet: {} change(s) will be lost; press q again to quit anyway",
                    app.unsaved.len()
                )));
            }
            app.quit = true;
            return Ok(vec![Effect::Quit]);
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
        Command::ArrivedLate => attendance::open_for_person(app, Purpose::Arrived, attendance::now_text(app))?,
        Command::LeftEarly => attendance::open_for_person(app, Purpose::Left, attendance::now_text(app))?,
        Command::Deputise => attendance::open_for_person(app, Purpose::Deputy, String::new())?,
        Command::ToggleRemote => return attendance::toggle_mode(app),
        Command::ClearMark => return attendance::clear(app),
        Command::AddGuest => open(app, Purpose::Guest, String::new(), true)?,
        Command::TakeNote => record(app, NoteKind::Note)?,
        Command::RecordDecision => record(app, NoteKind::Decision)?,
        Command::ReviseNote => revise(app)?,
        Command::Declare => {
            let start = attendance::declaration_start(app);
            open(app, Purpose::Declare, start, true)?;
        }
        Command::QuickAdd => open(app, Purpose::QuickAdd, String::new(), true)?,
        Command::CycleFilter => actions::cycle_show(app),
        Command::FilterOwner => open(app, Purpose::Owner, app.action_filter.owner.clone().unwrap_or_default(), false)?,
        Command::Search => open(app, Purpose::Search, app.action_filter.search.clone(), false)?,
        Command::MarkInProgress => return actions::set_status(app, ActionStatus::InProgress),
        Command::MarkDone => return actions::set_status(app, ActionStatus::Done),
        Command::MarkDropped => return actions::set_status(app, ActionStatus::Dropped),
        Command::Reopen => return actions::set_status(app, ActionStatus::Open),
        Command::DeleteAction => return actions::delete(app),
        Command::AddUpdate => {
            let action = actions::selected(app, "no action is selected: u adds an update to the selected action")?;
            let (reference, id) = (action.reference.clone(), action.id.clone());
            open(app, Purpose::Update(reference), String::new(), true)?;
            app.input = app.input.take().map(|i| i.following(&id));
        }
        Command::ListCell => risks::list_cell(app)?,
        Command::NewRisk => open(app, Purpose::NewRisk, String::new(), true)?,
        Command::Rescore => risks::open_for_selected(app, Purpose::Rescore)?,
        Command::ReviewDate => risks::open_for_selected(app, Purpose::Review)?,
        Command::CloseRisk => return risks::close_selected(app),
        Command::ReopenRisk => return risks::reopen_in_cell(app),
        Command::EditAction => {
            let action = actions::selected(app, "no action is selected: e edits the selected action")?;
            let (reference, line, seen) =
                (action.reference.clone(), action.as_line(), Seen::Action(Box::new(action.clone())));
            let id = action.id.clone();
            open(app, Purpose::Edit(reference), line, true)?;
            app.input = app.input.take().map(|i| i.seeing(seen).following(&id));
        }
        Command::AddItem => super::editors::open_item(app, false)?,
        Command::EditItem => super::editors::open_item(app, true)?,
        Command::RemoveItem => return super::editors::remove_item(app),
        Command::ItemDown => return super::editors::move_item(app, true),
        Command::ItemUp => return super::editors::move_item(app, false),
        Command::AddPerson => super::editors::open_person(app, false)?,
        Command::EditPerson => super::editors::open_person(app, true)?,
        Command::PickMeeting => super::picker::open(app),
        Command::BoardSettings => open(app, Purpose::Settings, String::new(), true)?,
        Command::ApproveMinutes => return super::editors::approve_last(app),
        Command::History => super::record::open(app)?,
        Command::Undo => return undo(app),
        Command::Sync => {
            writable(app)?;
            app.tell("sync: committing, pulling and pushing…");
            return Ok(vec![Effect::Sync]);
        }
    }
    Ok(vec![])
}

/// Opens the input line; changes need a writable workspace, filters do not.
fn open(app: &mut App, purpose: Purpose, text: String, changes: bool) -> Result<(), Refusal> {
    if changes {
        writable(app)?;
    }
    // Every prefill, a declaration's "@XX item N " too, is replaced by the
    // first character typed; a cursor key (End, →) keeps it to type on.
    app.input = Some(Input::with_text(purpose, text));
    Ok(())
}

/// The item notes go under: the one under way, else the one selected in the agenda.
fn item_in_hand(app: &App) -> Result<String, Refusal> {
    let meeting = app.current_meeting().ok_or("there is no meeting to take notes in")?;
    let current = app.timer().and_then(|t| t.current).unwrap_or(app.agenda_row);
    Ok(meeting.agenda.get(current).ok_or("the agenda has no items")?.number.clone())
}

/// Opens the input for a note or decision under the item in hand.
fn record(app: &mut App, kind: NoteKind) -> Result<(), Refusal> {
    let item = item_in_hand(app)?;
    open(app, Purpose::Record(kind, item), String::new(), true)
}

/// Opens the latest note or decision under the item in hand, to change
/// it or (emptied) remove it.
fn revise(app: &mut App) -> Result<(), Refusal> {
    let item = item_in_hand(app)?;
    let meeting = app.current_meeting().ok_or("there is no meeting")?;
    let latest = |kind: NoteKind, list: &[crate::model::meeting::Note]| {
        list.iter().rfind(|n| n.item == item).map(|n| (kind, n.at, n.text.clone()))
    };
    let (kind, at, text) = [latest(NoteKind::Note, &meeting.notes), latest(NoteKind::Decision, &meeting.decisions)]
        .into_iter()
        .flatten()
        .max_by_key(|(_, at, _)| *at)
        .ok_or_else(|| Refusal::rule(format!("item {item} has no notes or decisions yet: t takes one")))?;
    open(app, Purpose::Revise(kind, item), text.clone(), true)?;
    app.input = app.input.take().map(|i| i.seeing(Seen::Note { at, text }));
    Ok(())
}

/// Takes back this user's last change, as a change on disk of its own.
fn undo(app: &mut App) -> Outcome {
    writable(app)?;
    let change = app.undo.pop().ok_or("nothing to undo: no change of yours in this gavel yet")?;
    Ok(vec![Effect::Save(Change::Undo(Box::new(change.stamped(app.now))))])
}

/// Esc outside an input: close the help, else clear the action filters.
fn back(app: &mut App) {
    if app.overlay != Overlay::None {
        app.overlay = Overlay::None;
    } else if app.focus == Pane::Actions && app.action_filter != super::ActionFilter::default() {
        // The cursor stays on the action it was on, if still listed, else goes
        // to the top: never onto whichever action now has its row number.
        let was = actions::selected(app, "").ok().map(|a| a.reference.clone());
        app.action_filter = super::ActionFilter::default();
        app.action_row = 0;
        app.refresh();
        if let Some(reference) = was {
            actions::select(app, &reference);
        }
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
        Pane::Actions => app.action_row = step(app.action_row, app.action_rows()),
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
pub(super) fn writable(app: &App) -> Result<(), Refusal> {
    match app.read_only {
        true => Err(Refusal::read_only()),
        false => Ok(()),
    }
}

fn timer(app: &mut App, control: Control) -> Outcome {
    writable(app)?;
    let meeting = app.current_meeting().ok_or("there is no meeting to run: gavel meeting new DATE makes one")?;
    // Approved minutes are locked: said before any question (the save would refuse it too).
    crate::model::change::cycle::locked(meeting)?;
    let closed = MeetingState::of(meeting) == MeetingState::Closed;
    if closed && control == Control::StartOrPause {
        return Err(Refusal::rule(format!(
            "the meeting of {} is closed: E in the agenda reopens it",
            meeting.date.format("%-d %B %Y")
        )));
    }
    // E on a closed meeting reopens it; both ask first.
    let control = if closed && control == Control::End { Control::Reopen } else { control };
    // The last item left can be deferred too: it ends the meeting, so it asks.
    if control == Control::Skip
        && let Some(question) = confirm::defer_last(app, meeting)
    {
        app.question = Some(question);
        return Ok(vec![]);
    }
    // Checked here for an instant notice, and again under the lock.
    crate::model::timer::event_for(meeting, control, app.now)?;
    if let Some(question) = confirm::question_for(app, meeting, control) {
        app.question = Some(question);
        return Ok(vec![]);
    }
    Ok(vec![Effect::Save(Change::Timer { meeting: meeting.date, control, at: app.now })])
}
