//! Interactive state and the one place it changes: `update(app, msg, now)`
//! returns effects as data (save this, quit) for the terminal loop to run.
//! No terminal and no filesystem here.

mod actions;
pub mod archive;
mod attendance;
pub mod capture;
mod commands;
mod confirm;
pub mod editors;
mod input;
mod keymap;
mod msg;
mod pane;
mod picker;
mod pointer;
mod reading;
pub mod record;
mod risks;
mod saved;
pub mod screen;

pub use actions::{ActionFilter, Show};
pub use confirm::Question;
pub use input::{Input, Purpose, Seen};
pub use keymap::{Binding, Command, KEYMAP, Key, Scope, command_for, hints};
pub use msg::{Effect, Msg};
pub use pointer::Pointer;

pub use crate::model::Change;
use crate::model::change::Unsaved;
use crate::model::register::{self, RegisterRow};
use crate::model::timer::{Phase, TimerState};
use crate::model::{Meeting, Timestamp, Workspace};
use chrono::NaiveDate;
pub use pane::Pane;
use saved::{changed_elsewhere, on_recovered, on_saved};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub text: String,
    pub error: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Overlay {
    None,
    Help,
    /// The risks of the grid cell under the cursor.
    RiskList,
    /// The meeting picker (`M`).
    Meetings,
    /// The selected record's history (`H`).
    History,
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
    /// Said once in the header, until the first key: that this is the
    /// sample board and where it is kept, or that the board's clock is in
    /// another zone than the computer's.
    pub heads_up: Option<String>,
    pub now: Timestamp,
    /// The terminal's columns and rows, once the loop has said (`Msg::Resize`).
    pub screen: Option<(u16, u16)>,
    /// The meeting shown, an index into `workspace.meetings`.
    pub meeting: Option<usize>,
    /// The meeting picked with `M`, kept across reloads; none: the day's own choice.
    pub chosen: Option<NaiveDate>,
    /// The picker's selection, an index into `workspace.meetings`.
    pub meeting_pick: usize,
    pub agenda_row: usize,
    pub action_row: usize,
    pub action_filter: ActionFilter,
    /// The archive's part in the pane's search.
    pub archive: archive::ArchiveSearch,
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
    /// The record whose history is shown (`H`).
    pub record_history: Option<record::RecordHistory>,
    /// Changes whose save failed for a reason that may pass; retried on each tick.
    pub unsaved: Vec<Change>,
    /// When the first of `unsaved` failed to save.
    pub unsaved_since: Option<Timestamp>,
    /// Changes an earlier gavel could not save, offered when this one opens.
    pub recovered: Option<Unsaved>,
    /// What undoes this user's changes in this gavel, the latest last.
    pub undo: Vec<Change>,
    /// The user was told quitting would lose unsaved changes.
    quit_asked: bool,
    pub quit: bool,
    /// The actions the filter keeps, in display order: RAG, then deadline.
    action_order: Vec<usize>,
    refreshed_on: NaiveDate,
}

impl App {
    pub fn new(workspace: Workspace, now: Timestamp, read_only: bool) -> App {
        let now = workspace.board.zone().at(now);
        let mut app = App {
            workspace,
            read_only,
            color: true,
            focus: Pane::Agenda,
            overlay: Overlay::None,
            notice: None,
            heads_up: None,
            now,
            screen: None,
            meeting: None,
            chosen: None,
            meeting_pick: 0,
            agenda_row: 0,
            action_row: 0,
            action_filter: ActionFilter::default(),
            archive: archive::ArchiveSearch::default(),
            risk_cell: (3, 3),
            risk_pick: 0,
            help_scroll: 0,
            attendance_row: 0,
            input: None,
            question: None,
            record_history: None,
            unsaved: Vec::new(),
            undo: Vec::new(),
            unsaved_since: None,
            recovered: None,
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
        let zone = self.workspace.board.zone();
        self.current_meeting().and_then(|m| TimerState::replay(m).ok()).map(|t| t.shown_in(zone))
    }

    pub fn action_order(&self) -> &[usize] {
        &self.action_order
    }

    /// The pane's rows: the log's actions the filter keeps, then any found
    /// in the archive.
    pub fn action_rows(&self) -> usize {
        self.action_order.len() + self.archive.rows().len()
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
        let chosen = self.chosen.and_then(|d| self.workspace.meetings.iter().position(|m| m.date == d));
        self.meeting = chosen.or_else(|| self.workspace.current_meeting(today));
        let meeting_date = self.current_meeting().map(|m| m.date);
        self.action_order = self.action_filter.order(&self.workspace, today, meeting_date);
        self.clamp_selection();
    }

    /// The records under the cursors: what they stay on when the files
    /// change under them (another writer's save, the user's own).
    fn under_cursor(&self) -> UnderCursor {
        let action = actions::live_under_cursor(self).map(|a| a.reference.clone());
        UnderCursor { action, person: self.selected_person() }
    }

    /// Puts the cursors back on those records where they are still shown
    /// (a row moved by a new deadline, a person moved to apologies); else
    /// they stay on their row.
    fn keep_cursor(&mut self, was: UnderCursor) {
        if let Some(reference) = was.action {
            actions::select(self, &reference);
        }
        if let Some(initials) = was.person
            && let Some(row) =
                self.register().iter().position(|r| self.workspace.board.people[r.person].initials == initials)
        {
            self.attendance_row = row;
        }
    }

    pub(super) fn clamp_selection(&mut self) {
        let agenda = self.current_meeting().map_or(0, |m| m.agenda.len());
        self.agenda_row = self.agenda_row.min(agenda.saturating_sub(1));
        self.action_row = self.action_row.min(self.action_rows().saturating_sub(1));
        let people = self.register().len();
        self.attendance_row = self.attendance_row.min(people.saturating_sub(1));
    }

    pub(crate) fn tell(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), error: false });
    }

    pub(crate) fn refuse(&mut self, text: impl Into<String>) {
        self.notice = Some(Notice { text: text.into(), error: true });
    }
}

struct UnderCursor {
    action: Option<String>,
    person: Option<String>,
}

/// The one place the app changes.
pub fn update(app: &mut App, msg: Msg, now: Timestamp) -> Vec<Effect> {
    // The board's clock: shown, and stored with new events, in its zone.
    app.now = app.workspace.board.zone().at(now);
    if app.today() != app.refreshed_on {
        app.refresh();
    }
    let unsaved_before = app.unsaved.clone();
    let mut effects = on_msg(app, msg);
    effects.extend(archive::follow(app));
    if app.unsaved != unsaved_before {
        if app.unsaved.is_empty() {
            app.unsaved_since = None;
        }
        let kept = app.unsaved_since.map(|since| Unsaved { since, changes: app.unsaved.clone() });
        effects.push(Effect::KeepUnsaved(kept));
    }
    effects
}

fn on_msg(app: &mut App, msg: Msg) -> Vec<Effect> {
    if let Some(effects) = screen::when_too_small(app, &msg) {
        return effects;
    }
    match msg {
        Msg::Resize(width, height) => {
            app.screen = Some((width, height));
            vec![]
        }
        Msg::Key(key) if app.recovered.is_some() => on_recovered(app, key),
        Msg::Key(key) => on_key(app, key),
        Msg::Paste(text) => input::on_paste(app, &text),
        Msg::Pointer(pointer) => pointer::on_pointer(app, pointer),
        // Unsaved changes are tried again once a second, in order, and
        // stay unsaved (and kept on disk) until each one's save is done.
        // The first only: the next goes once it is saved, so they land in
        // the order they were made even if the disk clears between two.
        Msg::Tick => app.unsaved.first().cloned().map(Effect::Save).into_iter().collect(),
        Msg::Reloaded(workspace) => {
            let changed = changed_elsewhere(&app.workspace, &workspace);
            let was = app.under_cursor();
            app.workspace = *workspace;
            if let Some(input) = app.input.as_mut() {
                input.follow(&app.workspace);
            }
            app.refresh();
            app.keep_cursor(was);
            // A refusal on screen (often caused by this very change, when
            // the save read the disk before the watcher did) says what to
            // mend; it stays until the next key rather than be replaced.
            let refusal_up = app.notice.as_ref().is_some_and(|n| n.error);
            if !changed.is_empty() && !refusal_up {
                app.tell(format!("changed in another gavel: {changed}"));
            }
            vec![]
        }
        Msg::Saved(change, saved) => {
            let was_unsaved = app.unsaved.contains(&change);
            on_saved(app, change, *saved);
            // A retry landed: the next unsaved change follows it at once.
            match (was_unsaved, app.unsaved.first()) {
                (true, Some(next)) => vec![Effect::Save(next.clone())],
                _ => vec![],
            }
        }
        Msg::SaveFailed { error, retry } => {
            match retry {
                // The change is kept to retry, so the input it came from can close.
                Some(change) => {
                    app.input = None;
                    if !app.unsaved.contains(&change) {
                        app.unsaved.push(change);
                    }
                    app.unsaved_since.get_or_insert(app.now);
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
        Msg::SavedUnsure(change, error) => {
            // Made: not kept to retry, and its input closes, so nothing
            // invites making it twice; the watcher's reload shows it.
            app.unsaved.retain(|u| *u != change);
            if !matches!(app.input.as_ref().map(|i| &i.purpose), Some(input::Purpose::Search)) {
                app.input = None;
            }
            app.refuse(error);
            vec![]
        }
        Msg::ArchiveFound(query, found) => {
            archive::on_found(app, query, found);
            vec![]
        }
        Msg::Synced(Ok(summary)) => {
            app.tell(format!("sync: {summary}"));
            vec![]
        }
        Msg::Synced(Err(why)) => {
            app.refuse(format!("sync: {why}"));
            vec![]
        }
        Msg::ReloadFailed(error) => {
            app.refuse(format!("{error} (showing the last good copy)"));
            vec![]
        }
    }
}

fn on_key(app: &mut App, key: Key) -> Vec<Effect> {
    app.notice = None;
    app.heads_up = None;
    if app.question.is_some() {
        return confirm::on_key(app, key);
    }
    if app.input.is_some() {
        return input::on_key(app, key);
    }
    if app.overlay == Overlay::History {
        // Any key closes it; q still quits.
        app.overlay = Overlay::None;
        if command_for(key, app.focus) == Some(Command::Quit) {
            return commands::run(app, Command::Quit).unwrap_or_default();
        }
        return vec![];
    }
    if app.overlay == Overlay::Help {
        // ↑↓ scroll the help, q still quits, any other key closes it.
        match command_for(key, app.focus) {
            Some(Command::Down) => app.help_scroll = app.help_scroll.saturating_add(1),
            Some(Command::Up) => app.help_scroll = app.help_scroll.saturating_sub(1),
            Some(Command::Quit) => return commands::run(app, Command::Quit).unwrap_or_default(),
            _ => app.overlay = Overlay::None,
        }
        return vec![];
    }
    if app.overlay == Overlay::Meetings && picker::on_key(app, key) {
        return vec![];
    }
    let Some(command) = command_for(key, app.focus) else {
        // Said, so that text typed with no input open is seen not to be taken.
        app.refuse(format!("{} does nothing here: ? lists the keys, a adds an action", keymap::key_name(key)));
        return vec![];
    };
    match commands::run(app, command) {
        Ok(effects) => effects,
        Err(refusal) => {
            app.refuse(refusal.to_string());
            vec![]
        }
    }
}

#[cfg(test)]
mod tests;
