//! Interactive state and the one place it changes: `update(app, msg, now)`
//! returns effects as data (save this, quit) for the terminal loop to run.
//! No terminal and no filesystem here.

mod actions;
mod attendance;
mod commands;
mod confirm;
mod input;
mod keymap;
mod risks;

pub use actions::{ActionFilter, Show};
pub use confirm::Question;
pub use input::{Input, Purpose};
pub use keymap::{Binding, Command, KEYMAP, Key, Scope, command_for, hints};

use crate::model::action::{ActionEdit, Raised};
use crate::model::attendance::{AttendanceEdit, Guest};
use crate::model::meeting::{Declaration, NoteKind};
use crate::model::quickadd::{self, QuickAdd};
use crate::model::register::{self, RegisterRow};
use crate::model::risk::{NewRisk, RiskEdit};
use crate::model::timer::{Control, Phase, TimerState};
use crate::model::{ActionLog, Board, Meeting, RiskRegister, Timestamp, Workspace};
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
        edit: AttendanceEdit,
        at: Timestamp,
    },
    Declare {
        meeting: NaiveDate,
        declaration: Declaration,
    },
    /// A note or decision under an item.
    Record {
        meeting: NaiveDate,
        kind: NoteKind,
        item: String,
        text: String,
        at: Timestamp,
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
    EditAction {
        reference: String,
        edit: ActionEdit,
        today: NaiveDate,
    },
    /// A new risk; the ref is given under the lock.
    AddRisk {
        new: NewRisk,
        today: NaiveDate,
    },
    EditRisk {
        reference: String,
        edit: RiskEdit,
        today: NaiveDate,
    },
}

#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(Change),
    Quit,
}

/// A document as a save wrote it.
#[derive(Debug, Clone, PartialEq)]
pub enum Saved {
    Meeting(Box<Meeting>),
    /// The action log, and the ref of an action just added.
    Actions(Box<ActionLog>, Option<String>),
    /// The risk register, and the ref of a risk just added.
    Risks(Box<RiskRegister>, Option<String>),
    /// A guest's entry in the register and in the meeting.
    Guest(Box<Board>, Box<Meeting>, String),
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
    /// A save did not happen. `retry` holds the change when trying again
    /// may work (a full disk, a write error), not when it was refused.
    SaveFailed {
        error: String,
        retry: Option<Change>,
    },
    /// A reload found a file broken (hand-edited mid-way, say).
    ReloadFailed(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    /// The risks of the grid cell under the cursor.
    RiskList,
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
    pub action_filter: ActionFilter,
    /// Grid cursor: (likelihood, impact), 1-5 each.
    pub risk_cell: (u8, u8),
    /// Which of the cell's risks is selected.
    pub risk_pick: usize,
    /// Lines the help is scrolled by, when it does not fit.
    pub help_scroll: u16,
    pub attendance_row: usize,
    /// The one-line input while it is open.
    pub input: Option<Input>,
    /// A question waiting for Enter or Esc (end the meeting?).
    pub question: Option<Question>,
    /// Changes whose save failed for a reason that may pass; retried on each tick.
    pub unsaved: Vec<Change>,
    /// The user was told quitting would lose unsaved changes.
    quit_asked: bool,
    pub quit: bool,
    /// The actions the filter keeps, in display order: RAG, then deadline.
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
            action_filter: ActionFilter::default(),
            risk_cell: (3, 3),
            risk_pick: 0,
            help_scroll: 0,
            attendance_row: 0,
            input: None,
            question: None,
            unsaved: Vec::new(),
            quit_asked: false,
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
        quickadd::parse(line, &self.workspace.board, &self.date_context())
    }

    /// How dates typed today read on this board.
    pub fn date_context(&self) -> quickadd::DateContext {
        self.workspace.date_context(self.today())
    }

    pub fn action_order(&self) -> &[usize] {
        &self.action_order
    }

    pub fn register(&self) -> Vec<RegisterRow<'_>> {
        self.current_meeting().map(|m| register::register(&self.workspace.board, m)).unwrap_or_default()
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
        let meeting_date = self.current_meeting().map(|m| m.date);
        self.action_order = self.action_filter.order(&self.workspace, today, meeting_date);
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
        self.notice = Some(Notice { text: text.into(), error: false });
    }

    fn refuse(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), error: true });
    }
}

/// The one place the app changes.
pub fn update(app: &mut App, msg: Msg, now: Timestamp) -> Vec<Effect> {
    app.now = now;
    if app.today() != app.refreshed_on {
        app.refresh();
    }
    match msg {
        Msg::Key(key) => on_key(app, key),
        // Unsaved changes are tried again once a second, in order.
        Msg::Tick => std::mem::take(&mut app.unsaved).into_iter().map(Effect::Save).collect(),
        Msg::Reloaded(workspace) => {
            let changed = changed_elsewhere(&app.workspace, &workspace);
            app.workspace = *workspace;
            app.refresh();
            if !changed.is_empty() {
                app.tell(format!("changed in another gavel: {changed}"));
            }
            vec![]
        }
        Msg::Saved(change, saved) => {
            on_saved(app, change, saved);
            vec![]
        }
        Msg::SaveFailed { error, retry } => {
            match retry {
                // The change is kept to retry, so the input it came from can close.
                Some(change) => {
                    app.input = None;
                    app.unsaved.push(change);
                    let n = app.unsaved.len();
                    // The quit warning stays up while the retries go on failing.
                    if !app.quit_asked {
                        app.refuse(format!("{error} · {n} unsaved change(s) kept, retrying every second"));
                    }
                }
                // Refused: the input, if open, keeps its text to be mended.
                None => app.refuse(error),
            }
            vec![]
        }
        Msg::ReloadFailed(error) => {
            app.refuse(format!("{error} (showing the last good copy)"));
            vec![]
        }
    }
}

/// What another process changed, in a few words: "A5, A14, R3, the 3 Mar meeting".
fn changed_elsewhere(old: &Workspace, new: &Workspace) -> String {
    let mut changed: Vec<String> = Vec::new();
    let by_ref = |list: &[crate::model::Action], r: &str| list.iter().position(|a| a.reference == r);
    for action in &new.actions.actions {
        if by_ref(&old.actions.actions, &action.reference).is_none_or(|i| old.actions.actions[i] != *action) {
            changed.push(action.reference.clone());
        }
    }
    for risk in &new.risks.risks {
        if old.risks.risks.iter().find(|r| r.reference == risk.reference).is_none_or(|r| r != risk) {
            changed.push(risk.reference.clone());
        }
    }
    // Only the recent meetings are loaded: one older than all of them came
    // into view (a meeting reopened moves the window), it did not change.
    let oldest = old.meetings.iter().map(|m| m.date).min();
    for meeting in new.meetings.iter().filter(|m| oldest.is_none_or(|d| m.date >= d)) {
        if old.meetings.iter().find(|m| m.date == meeting.date).is_none_or(|m| m != meeting) {
            changed.push(format!("the {} meeting", meeting.date.format("%-d %b")));
        }
    }
    if old.board != new.board {
        changed.push("the register".into());
    }
    let more = changed.len().saturating_sub(4);
    changed.truncate(4);
    if more > 0 {
        changed.push(format!("{more} more"));
    }
    changed.join(", ")
}

fn on_saved(app: &mut App, change: Change, saved: Saved) {
    let added = match saved {
        Saved::Meeting(meeting) => {
            if let Some(slot) = app.workspace.meetings.iter_mut().find(|m| m.date == meeting.date) {
                *slot = *meeting;
            }
            None
        }
        Saved::Actions(log, added) => {
            app.workspace.actions = *log;
            added
        }
        Saved::Risks(register, added) => {
            app.workspace.risks = *register;
            added
        }
        Saved::Guest(board, meeting, initials) => {
            app.workspace.board = *board;
            if let Some(slot) = app.workspace.meetings.iter_mut().find(|m| m.date == meeting.date) {
                *slot = *meeting;
            }
            Some(initials)
        }
    };
    if !matches!(app.input.as_ref().map(|i| &i.purpose), Some(Purpose::Search)) {
        app.input = None;
    }
    app.refresh();
    if let (Some(reference), Change::AddAction { .. }) = (&added, &change) {
        actions::select(app, reference);
    }
    let done = commands::done(&change, added.as_deref());
    app.tell(format!("{done} · saved"));
}

fn on_key(app: &mut App, key: Key) -> Vec<Effect> {
    app.notice = None;
    if app.question.is_some() {
        return confirm::on_key(app, key);
    }
    if app.input.is_some() {
        return input::on_key(app, key);
    }
    if app.overlay == Overlay::Help {
        // ↑↓ scroll the help, q still quits, any other key closes it.
        match command_for(key, app.focus) {
            Some(Command::Down) => app.help_scroll = app.help_scroll.saturating_add(1),
            Some(Command::Up) => app.help_scroll = app.help_scroll.saturating_sub(1),
            Some(Command::Quit) => return commands::run(app, Command::Quit),
            _ => app.overlay = Overlay::None,
        }
        return vec![];
    }
    let Some(command) = command_for(key, app.focus) else {
        return vec![];
    };
    commands::run(app, command)
}

#[cfg(test)]
mod tests;
