//! Interactive state and the one place it changes: `update(app, msg, now)`
//! returns effects as data (save this, quit) for the terminal loop to run.
//! No terminal and no filesystem here.

mod input;
mod keymap;

pub use input::Input;
pub use keymap::{Binding, Command, KEYMAP, Key, Scope, command_for, hints};

use crate::model::action::Raised;
use crate::model::quickadd::{self, QuickAdd};
use crate::model::register::{self, RegisterRow};
use crate::model::timer::{Control, Phase, TimerState};
use crate::model::{ActionLog, AttendanceStatus, Meeting, MeetingState, Timestamp, Workspace};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Agenda,
    Actions,
    Risks,
    Attendance,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Agenda, Pane::Actions, Pane::Risks, Pane::Attendance];

    fn index(self) -> usize {
        Pane::ALL.iter().position(|&p| p == self).expect("listed")
    }

    fn step(self, by: usize) -> Pane {
        Pane::ALL[(self.index() + by) % Pane::ALL.len()]
    }

    pub fn number(self) -> usize {
        self.index() + 1
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

/// A change for the terminal loop to make on disk, under the lock, applied
/// to the file as it is then. The screen changes only once it is saved.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    Timer {
        meeting: NaiveDate,
        control: Control,
        at: Timestamp,
    },
    Attendance {
        meeting: NaiveDate,
        initials: String,
        status: AttendanceStatus,
        at: Timestamp,
    },
    /// A quick-add line, parsed; the ref is given under the lock.
    AddAction { draft: QuickAdd, raised: Option<Raised> },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(Change),
    Quit,
}

/// What the loop tells the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(Key),
    /// Time passed; nothing else happened.
    Tick,
    /// Another process changed the workspace; here it is as it is now.
    Reloaded(Box<Workspace>),
    /// A change is on disk; here is the file as saved.
    Saved(Change, Saved),
    SaveFailed(String),
}

/// A document as it was written by a save.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Meeting(Box<Meeting>),
    /// The action log with the action just added, by its ref.
    ActionAdded(Box<ActionLog>, String),
}

impl Change {
    /// What the footer says once the change is on disk.
    fn done(&self) -> String {
        match self {
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
                }
            }
            Change::Attendance { initials, status, .. } => format!("{initials} marked {}", status.label()),
            Change::AddAction { draft, .. } => format!("action added: {}", draft.text),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
}

#[derive(Debug, Clone)]
pub struct App {
    pub workspace: Workspace,
    pub read_only: bool,
    /// False under NO_COLOR: symbols and letters carry the meaning alone.
    pub color: bool,
    pub focus: Pane,
    pub overlay: Overlay,
    pub notice: Option<Notice>,
    pub now: Timestamp,
    /// The meeting shown, an index into `workspace.meetings`.
    pub meeting: Option<usize>,
    pub agenda_row: usize,
    pub action_row: usize,
    /// Grid cursor: (likelihood, impact), 1-5 each.
    pub risk_cell: (u8, u8),
    pub attendance_row: usize,
    /// The quick-add line while it is open.
    pub input: Option<Input>,
    pub quit: bool,
    /// Actions in display order: RAG, then deadline.
    action_order: Vec<usize>,
    refreshed_on: NaiveDate,
}

impl App {
    pub fn new(workspace: Workspace, now: Timestamp, read_only: bool) -> App {
        let mut app = App {
            workspace,
            read_only,
            color: true,
            focus: Pane::Agenda,
            overlay: Overlay::None,
            notice: None,
            now,
            meeting: None,
            agenda_row: 0,
            action_row: 0,
            risk_cell: (3, 3),
            attendance_row: 0,
            input: None,
            quit: false,
            action_order: Vec::new(),
            refreshed_on: now.date_naive(),
        };
        app.refresh();
        if let Some(current) = app.timer().and_then(|t| t.current) {
            app.agenda_row = current;
        }
        app
    }

    pub fn today(&self) -> NaiveDate {
        self.now.date_naive()
    }

    pub fn current_meeting(&self) -> Option<&Meeting> {
        self.meeting.map(|i| &self.workspace.meetings[i])
    }

    pub fn timer(&self) -> Option<TimerState> {
        self.current_meeting().and_then(|m| TimerState::replay(m).ok())
    }

    /// The quick-add line as it would be saved now, or why it would not.
    pub fn parse_quick_add(&self, line: &str) -> Result<QuickAdd, String> {
        quickadd::parse(line, &self.workspace.board, &self.workspace.date_context(self.today()))
    }

    fn action_row_of(&self, reference: &str) -> Option<usize> {
        let actions = &self.workspace.actions.actions;
        self.action_order
            .iter()
            .position(|&i| actions[i].reference == reference)
    }

    pub fn action_order(&self) -> &[usize] {
        &self.action_order
    }

    pub fn register(&self) -> Vec<RegisterRow<'_>> {
        self.current_meeting()
            .map(|m| register::register(&self.workspace.board, m))
            .unwrap_or_default()
    }

    /// Whether the screen shows seconds that tick (a running item) or only
    /// the minute clock; the loop wakes accordingly.
    pub fn ticks_every_second(&self) -> bool {
        self.timer().is_some_and(|t| t.phase == Phase::Running)
    }

    /// Recomputes what is derived from the workspace and the date.
    fn refresh(&mut self) {
        let today = self.today();
        self.refreshed_on = today;
        self.meeting = self.workspace.current_meeting(today);
        let ctx = self.workspace.rag_context(today);
        let next = ctx.next_meeting;
        let actions = &self.workspace.actions.actions;
        let mut order: Vec<usize> = (0..actions.len()).collect();
        order.sort_by_cached_key(|&i| {
            let a = &actions[i];
            (
                a.rag(&ctx),
                a.due_date(next).unwrap_or(NaiveDate::MAX),
                ref_number(&a.reference),
            )
        });
        self.action_order = order;
        self.clamp_selection();
    }

    fn clamp_selection(&mut self) {
        let agenda = self.current_meeting().map_or(0, |m| m.agenda.len());
        self.agenda_row = self.agenda_row.min(agenda.saturating_sub(1));
        self.action_row = self.action_row.min(self.action_order.len().saturating_sub(1));
        let people = self.register().len();
        self.attendance_row = self.attendance_row.min(people.saturating_sub(1));
    }

    fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: false,
        });
    }

    fn refuse(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice {
            text: text.into(),
            error: true,
        });
    }
}

/// Sorts "A2" before "A10".
fn ref_number(reference: &str) -> (u64, String) {
    let digits: String = reference.chars().filter(char::is_ascii_digit).collect();
    (digits.parse().unwrap_or(u64::MAX), reference.to_string())
}

/// The one place the app changes.
pub fn update(app: &mut App, msg: Msg, now: Timestamp) -> Vec<Effect> {
    app.now = now;
    if app.today() != app.refreshed_on {
        app.refresh();
    }
    match msg {
        Msg::Key(key) => on_key(app, key),
        Msg::Tick => vec![],
        Msg::Reloaded(workspace) => {
            app.workspace = *workspace;
            app.refresh();
            vec![]
        }
        Msg::Saved(change, saved) => {
            match saved {
                Saved::Meeting(meeting) => {
                    if let Some(slot) = app.workspace.meetings.iter_mut().find(|m| m.date == meeting.date) {
                        *slot = *meeting;
                    }
                }
                Saved::ActionAdded(log, reference) => {
                    app.workspace.actions = *log;
                    app.input = None;
                    app.refresh();
                    if let Some(row) = app.action_row_of(&reference) {
                        app.action_row = row;
                    }
                    app.tell(format!(
                        "{reference} saved: {}",
                        change.done().trim_start_matches("action added: ")
                    ));
                    return vec![];
                }
            }
            app.refresh();
            app.tell(format!("{} · saved", change.done()));
            vec![]
        }
        Msg::SaveFailed(error) => {
            app.refuse(error);
            vec![]
        }
    }
}

fn on_key(app: &mut App, key: Key) -> Vec<Effect> {
    app.notice = None;
    if app.input.is_some() {
        return on_input_key(app, key);
    }
    if app.overlay == Overlay::Help {
        // Any key closes the help; q still quits.
        app.overlay = Overlay::None;
        if command_for(key, app.focus) != Some(Command::Quit) {
            return vec![];
        }
    }
    let Some(command) = command_for(key, app.focus) else {
        return vec![];
    };
    run(app, command)
}

fn run(app: &mut App, command: Command) -> Vec<Effect> {
    match command {
        Command::Quit => {
            app.quit = true;
            return vec![Effect::Quit];
        }
        Command::NextPane => app.focus = app.focus.step(1),
        Command::PreviousPane => app.focus = app.focus.step(Pane::ALL.len() - 1),
        Command::Focus(pane) => app.focus = pane,
        Command::Help => app.overlay = Overlay::Help,
        Command::Back => app.overlay = Overlay::None,
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
        Command::MarkPresent => return attendance(app, AttendanceStatus::Present),
        Command::MarkAbsent => return attendance(app, AttendanceStatus::Absent),
        Command::MarkApologies => return attendance(app, AttendanceStatus::Apologies),
        Command::QuickAdd => {
            if writable(app) {
                app.input = Some(Input::default());
            }
        }
    }
    vec![]
}

/// While the quick-add line is open every key edits it; Enter saves and
/// Esc cancels. A refused line keeps its text for the typist to mend.
fn on_input_key(app: &mut App, key: Key) -> Vec<Effect> {
    let input = app.input.as_mut().expect("input is open");
    match key {
        Key::Esc | Key::Ctrl('c') => app.input = None,
        Key::Enter => {
            let line = input.text.clone();
            match app.parse_quick_add(&line) {
                Ok(draft) => {
                    let raised = app.workspace.raised_now(app.now);
                    return vec![Effect::Save(Change::AddAction { draft, raised })];
                }
                Err(why) => app.refuse(format!("{why}: nothing was saved")),
            }
        }
        Key::Char(c) => input.insert(c),
        Key::Backspace => input.backspace(),
        Key::Delete => input.delete(),
        Key::Left => input.left(),
        Key::Right => input.right(),
        Key::Home | Key::Ctrl('a') => input.home(),
        Key::End | Key::Ctrl('e') => input.end(),
        _ => {}
    }
    vec![]
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
        Pane::Risks => {
            let (l, i) = app.risk_cell;
            app.risk_cell = match command {
                Command::Up => (l, (i + 1).min(5)),
                Command::Down => (l, (i - 1).max(1)),
                Command::Left => ((l - 1).max(1), i),
                Command::Right => ((l + 1).min(5), i),
                Command::Top => (l, 5),
                Command::Bottom => (l, 1),
                _ => (l, i),
            };
        }
    }
}

/// Refuses any change in review mode, saying why.
fn writable(app: &mut App) -> bool {
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
    if MeetingState::of(meeting) == MeetingState::Closed && control == Control::StartOrPause {
        app.refuse(format!("the meeting of {} is closed", meeting.date.format("%-d %B %Y")));
        return vec![];
    }
    // Checked here for an instant notice, and again under the lock.
    match crate::model::timer::event_for(meeting, control, app.now) {
        Ok(_) => vec![Effect::Save(Change::Timer {
            meeting: meeting.date,
            control,
            at: app.now,
        })],
        Err(why) => {
            app.refuse(why);
            vec![]
        }
    }
}

fn attendance(app: &mut App, status: AttendanceStatus) -> Vec<Effect> {
    if !writable(app) {
        return vec![];
    }
    let rows = app.register();
    let Some(row) = rows.get(app.attendance_row) else {
        return vec![];
    };
    let initials = app.workspace.board.people[row.person].initials.clone();
    let Some(meeting) = app.current_meeting() else {
        return vec![];
    };
    let date = meeting.date;
    let mut copy = meeting.clone();
    match register::mark(&app.workspace.board, &mut copy, &initials, status, None) {
        Ok(()) => vec![Effect::Save(Change::Attendance {
            meeting: date,
            initials,
            status,
            at: app.now,
        })],
        Err(why) => {
            app.refuse(why);
            vec![]
        }
    }
}

#[cfg(test)]
mod tests;
