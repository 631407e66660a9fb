//! The one-line input at the bottom: quick-add, edit, a dated update, the
//! search and the owner filter. Every key edits it; Enter acts and Esc
//! backs out. A refused line keeps its text for the typist to mend.

use super::commands::Outcome;
use super::{App, Change, Effect, Key};
use super::{actions, attendance, risks};
use crate::model::action::Update;
use crate::model::change::{ActionEdit, RiskEdit};
use crate::model::id::Id;
use crate::model::meeting::{Attendance, NoteKind};
use crate::model::risk::Score;
use crate::model::{Action, Refusal, Timestamp, quickadd, riskline};
use chrono::NaiveDate;

/// What the line is for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Purpose {
    QuickAdd,
    /// Edit the action with this ref: text, owners, deadline.
    Edit(String),
    /// A dated update on the action with this ref.
    Update(String),
    /// Filter the action log as you type.
    Search,
    /// Show one owner's actions.
    Owner,
    /// A new risk: title @OWNER L4 I3 [review DATE].
    NewRisk,
    /// New likelihood and impact for the risk with this ref.
    Rescore(String),
    /// The next review date of the risk with this ref.
    Review(String),
    /// When this person arrived.
    Arrived(String),
    /// When this person left.
    Left(String),
    /// Whom this person deputises for.
    Deputy(String),
    /// A guest: name, organisation, item.
    Guest,
    /// A declaration of interest: @XX item N interest [withdraws].
    Declare,
    /// A note or decision under this item; Alt-Enter starts a new line.
    Record(NoteKind, String),
    /// The latest note or decision under this item, changed or (emptied) removed.
    Revise(NoteKind, String),
    /// An agenda item's line, put in at (or replacing) this index of a planned agenda.
    AgendaItem {
        at: usize,
        replaces: bool,
    },
    /// A person for the register: new (none), or the one with these initials.
    Person(Option<String>),
    /// One of the board's settings: "quorum 1/3 chair", "zone Europe/London".
    Settings,
}

/// What the record looked like when the input opened: an edit writes
/// only what the user changed, and is refused if that changed meanwhile.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub enum Seen {
    #[default]
    Nothing,
    Action(Box<Action>),
    Score(Score),
    Review(Option<NaiveDate>),
    Entry(Option<Attendance>),
    /// The agenda as it was when an item's line opened: the edit is made to it.
    Agenda(Vec<crate::model::AgendaItem>),
    Note {
        at: Option<Timestamp>,
        text: String,
    },
}

/// Text being typed, with a cursor counted in characters. It is kept, as
/// it is, when a hang-up or SIGTERM ends gavel, and given back next time.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Input {
    pub purpose: Purpose,
    pub text: String,
    pub cursor: usize,
    pub seen: Seen,
    /// The text was put there for the typist (a time, a date, the line
    /// being edited): the first character typed replaces it, as over a
    /// selection; a cursor key keeps it to edit.
    pub prefilled: bool,
    /// The text the warnings were last shown for: Enter again on the same
    /// text saves it anyway.
    pub warned: Option<String>,
    /// How many lines of a long preview are scrolled past (↑↓ PgUp PgDn).
    pub scroll: usize,
    /// The identity of the action or risk the input applies to: its label
    /// (A14, R3) is followed when a sync or another gavel renumbers it.
    pub follows: Option<Id>,
}

impl Input {
    pub fn with_text(purpose: Purpose, text: String) -> Input {
        let cursor = text.chars().count();
        let seen = Seen::Nothing;
        Input { purpose, prefilled: !text.is_empty(), text, cursor, warned: None, seen, scroll: 0, follows: None }
    }

    pub fn seeing(self, seen: Seen) -> Input {
        Input { seen, ..self }
    }

    /// The input applies to the record with this identity, whatever its label becomes.
    pub fn following(self, id: &Id) -> Input {
        Input { follows: (!id.is_unset()).then(|| id.clone()), ..self }
    }

    /// Its record's label as the workspace has it now: an edit open while
    /// a sync renumbered its action is saved onto that action, by identity.
    pub fn follow(&mut self, workspace: &crate::model::Workspace) {
        let Some(id) = &self.follows else { return };
        let action = workspace.actions.actions.iter().find(|a| a.id == *id).map(|a| &a.reference);
        let Some(now) = action.or_else(|| workspace.risks.risks.iter().find(|r| r.id == *id).map(|r| &r.reference))
        else {
            return;
        };
        if let Purpose::Edit(r) | Purpose::Update(r) | Purpose::Rescore(r) | Purpose::Review(r) = &mut self.purpose {
            r.clone_from(now);
        }
        if let Seen::Action(shown) = &mut self.seen {
            shown.reference.clone_from(now);
        }
    }

    fn clear(&mut self) {
        self.text.clear();
        self.cursor = 0;
    }

    /// Text at the cursor, replacing a prefill.
    pub fn insert_str(&mut self, text: &str) {
        if std::mem::take(&mut self.prefilled) {
            self.clear();
        }
        for c in text.chars() {
            self.insert(c);
        }
    }

    /// Ctrl-W: the word before the cursor, and the spaces after it.
    fn delete_word(&mut self) {
        let chars: Vec<char> = self.text.chars().collect();
        let mut start = self.cursor;
        while start > 0 && chars[start - 1].is_whitespace() {
            start -= 1;
        }
        while start > 0 && !chars[start - 1].is_whitespace() {
            start -= 1;
        }
        self.delete_before(start);
    }

    /// Deletes from character `start` up to the cursor.
    fn delete_before(&mut self, start: usize) {
        let (from, to) = (self.byte_at(start), self.byte_at(self.cursor));
        self.text.replace_range(from..to, "");
        self.cursor = start;
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text.char_indices().nth(chars).map_or(self.text.len(), |(i, _)| i)
    }

    pub fn insert(&mut self, c: char) {
        let at = self.byte_at(self.cursor);
        self.text.insert(at, c);
        self.cursor += 1;
    }

    pub fn backspace(&mut self) {
        if self.cursor > 0 {
            self.cursor -= 1;
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    pub fn delete(&mut self) {
        if self.cursor < self.text.chars().count() {
            let at = self.byte_at(self.cursor);
            self.text.remove(at);
        }
    }

    /// Applies an editing key, as a shell's line editor does; false if
    /// the key is not an editing key.
    fn edit(&mut self, key: Key) -> bool {
        let prefilled = std::mem::take(&mut self.prefilled);
        match key {
            Key::Char(c) => {
                if prefilled {
                    self.clear();
                }
                self.insert(c)
            }
            Key::Backspace | Key::Delete if prefilled => self.clear(),
            Key::Backspace => self.backspace(),
            Key::Delete => self.delete(),
            Key::Ctrl('u') => self.delete_before(0),
            Key::Ctrl('w') => self.delete_word(),
            Key::Ctrl('k') => {
                let at = self.byte_at(self.cursor);
                self.text.truncate(at);
            }
            Key::Left => self.cursor = self.cursor.saturating_sub(1),
            Key::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            Key::Home | Key::Ctrl('a') => self.cursor = 0,
            Key::End | Key::Ctrl('e') => self.cursor = self.text.chars().count(),
            _ => {
                self.prefilled = prefilled;
                return false;
            }
        }
        true
    }
}

/// Pasted text is text: into the open input (a note keeps its lines, a
/// quick-add becomes one action a line, other inputs take one line); with
/// no input open it opens quick-add with it. Never run as keys.
pub(super) fn on_paste(app: &mut App, pasted: &str) -> Vec<Effect> {
    let pasted = pasted.replace("\r\n", "\n").replace('\r', "\n");
    if app.input.is_none() {
        if let Err(refusal) = super::commands::writable(app) {
            app.refuse(refusal.to_string());
            return vec![];
        }
        app.overlay = super::Overlay::None;
        app.input = Some(Input::with_text(Purpose::QuickAdd, String::new()));
    }
    let input = app.input.as_mut().expect("input is open");
    let keeps_lines = matches!(input.purpose, Purpose::QuickAdd | Purpose::Record(..) | Purpose::Revise(..));
    let text = if keeps_lines {
        pasted.trim_matches('\n').to_string()
    } else {
        pasted.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    // Controls from a spreadsheet or PDF are spaces here; a quick-add keeps
    // its tabs, which separate a pasted table's cells.
    let kept = |c: char| c == '\n' || (c == '\t' && input.purpose == Purpose::QuickAdd);
    let text: String = text.chars().map(|c| if !kept(c) && c.is_control() { ' ' } else { c }).collect();
    input.insert_str(&text);
    input.warned = None;
    input.scroll = 0;
    let (searching, typed) = (input.purpose == Purpose::Search, input.text.clone());
    if searching {
        app.action_filter.search = typed.clone();
        app.action_row = 0;
        app.refresh();
    }
    let lines = typed.lines().filter(|l| !l.trim().is_empty()).count();
    let quick_add = app.input.as_ref().is_some_and(|i| i.purpose == Purpose::QuickAdd);
    if quick_add && lines > 1 {
        let capture = app.read_capture(&typed);
        let what = match &capture.table {
            Some(_) => format!("pasted a table: {}", capture.summary()),
            None => format!("pasted {lines} lines: one action a line, {}", capture.summary()),
        };
        app.tell(format!("{what}; ↑↓ PgUp PgDn scroll the preview, Enter adds them all, Esc adds none"));
    }
    vec![]
}

pub(super) fn on_key(app: &mut App, key: Key) -> Vec<Effect> {
    let input = app.input.as_mut().expect("input is open");
    match key {
        Key::Esc | Key::Ctrl('c') => {
            if input.purpose == Purpose::Search {
                app.action_filter.search.clear();
                app.refresh();
            }
            app.input = None;
        }
        Key::AltEnter if matches!(input.purpose, Purpose::Record(..) | Purpose::Revise(..)) => input.insert_str("\n"),
        // A long preview scrolls; the UI keeps the offset within it.
        Key::Up | Key::Down | Key::PageUp | Key::PageDown if input.purpose == Purpose::QuickAdd => {
            input.scroll = match key {
                Key::Up => input.scroll.saturating_sub(1),
                Key::Down => input.scroll + 1,
                Key::PageUp => input.scroll.saturating_sub(10),
                _ => input.scroll + 10,
            };
        }
        Key::Enter => {
            let input = input.clone();
            return match enter(app, &input) {
                Ok(effects) => effects,
                // The input keeps its text to be mended.
                Err(Refusal::Confirm(why)) => {
                    app.refuse(why);
                    vec![]
                }
                Err(why) => {
                    app.refuse(format!("{why}: nothing was saved"));
                    vec![]
                }
            };
        }
        key => {
            let edited = input.edit(key);
            if edited {
                input.warned = None;
            }
            if edited && input.purpose == Purpose::Search {
                app.action_filter.search = input.text.clone();
                app.action_row = 0;
                app.refresh();
            }
        }
    }
    vec![]
}

fn enter(app: &mut App, input: &Input) -> Outcome {
    let line = input.text.trim();
    // The record an edit, an update, a rescore or a review is for: its ref
    // now, and its identity, which the save goes by.
    let reference = || match &input.purpose {
        Purpose::Edit(r) | Purpose::Update(r) | Purpose::Rescore(r) | Purpose::Review(r) => {
            (r.clone(), input.follows.clone().unwrap_or_default())
        }
        _ => (String::new(), Id::default()),
    };
    match &input.purpose {
        Purpose::QuickAdd => {
            let capture = app.read_capture(&input.text);
            super::capture::confirm(app, input, &capture)?;
            Ok(capture.effects(app.workspace.raised_now(app.now)))
        }
        Purpose::Edit(_) => super::record::save_edit(app, input, reference()),
        Purpose::Update(_) => {
            if line.is_empty() {
                return Err(Refusal::rule("an update needs some words"));
            }
            let update = Update { date: app.today(), text: line.to_string() };
            Ok(actions::edit_effect(reference(), ActionEdit::AddUpdate(update)))
        }
        Purpose::Search => {
            app.input = None;
            Ok(vec![])
        }
        Purpose::Record(kind, item) => {
            let meeting = app.current_meeting().ok_or("there is no meeting to take notes in")?;
            meeting.clone().record(*kind, item, app.now, &input.text)?;
            let (meeting, at, text) = (meeting.date, app.now, input.text.trim().to_string());
            Ok(vec![Effect::Save(Change::Record { meeting, kind: *kind, item: item.clone(), text, at })])
        }
        Purpose::Revise(kind, item) => {
            let meeting = app.current_meeting().ok_or("there is no meeting")?.date;
            let Seen::Note { at, text } = &input.seen else {
                return Err(Refusal::rule("the edit lost the note it was editing: press Esc and T again"));
            };
            let now = (!line.is_empty()).then(|| input.text.trim().to_string());
            if now.as_ref() == Some(text) {
                app.input = None;
                return Err(Refusal::AlreadySo("the note is unchanged".into()));
            }
            let (kind, item, at, was) = (*kind, item.clone(), *at, Some(text.clone()));
            Ok(vec![Effect::Save(Change::EditRecord { meeting, kind, item, at, was, now })])
        }
        Purpose::NewRisk => {
            let new = riskline::parse_new(line, &app.workspace.board, &app.date_context())?;
            Ok(vec![Effect::Save(Change::AddRisk { new, today: app.today() })])
        }
        Purpose::Rescore(_) => {
            let (line, reason) = crate::model::history::split_reason(line);
            let now = riskline::parse_score(line)?;
            let Seen::Score(was) = input.seen else {
                return Err(Refusal::rule("the rescore lost the score it started from: press Esc and s again"));
            };
            let (reference, id) = reference();
            let rescore = Change::EditRisk { reference, id, edit: RiskEdit::Rescore { was, now, on: app.today() } };
            Ok(vec![Effect::Save(Change::because(rescore, reason))])
        }
        Purpose::Review(_) => {
            let date = quickadd::read_one_date(line, &app.date_context())?;
            let Seen::Review(was) = input.seen else {
                return Err(Refusal::rule("the review date lost what it started from: press Esc and v again"));
            };
            Ok(risks::edit(reference(), RiskEdit::Review { was, now: Some(date) }))
        }
        Purpose::Arrived(_) | Purpose::Left(_) | Purpose::Deputy(_) | Purpose::Guest | Purpose::Declare => {
            attendance::enter(app, input, line)
        }
        Purpose::AgendaItem { at, replaces } => super::editors::save_item(app, input, *at, *replaces),
        Purpose::Person(editing) => super::editors::save_person(app, line, editing.as_deref()),
        Purpose::Settings => super::editors::save_setting(app, line),
        Purpose::Owner => {
            match app.workspace.board.resolve_owner(line).ok().map(str::to_string) {
                Some(owner) => app.action_filter.owner = Some(owner),
                None if line.is_empty() => app.action_filter.owner = None,
                None => {
                    return Err(Refusal::rule(format!("{} is not in the people register", crate::text::clean(line))));
                }
            }
            app.input = None;
            app.action_row = 0;
            app.refresh();
            Ok(vec![])
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_with_wide_characters() {
        let mut input = Input::with_text(Purpose::QuickAdd, String::new());
        for c in "Rév @GB".chars() {
            input.insert(c);
        }
        for key in [Key::Home, Key::Right, Key::Right, Key::Backspace] {
            input.edit(key);
        }
        assert_eq!(input.text, "Rv @GB");
        input.edit(Key::Delete);
        input.edit(Key::End);
        input.insert('!');
        assert_eq!((input.text.as_str(), input.cursor), ("R @GB!", 6));
    }

    /// A hang-up keeps any open line as it is (`tui::kept`): a note under
    /// its item, an edit with what it was editing, and gets it back whole.
    #[test]
    fn an_open_line_is_kept_and_given_back_whole() {
        let note = Input::with_text(Purpose::Record(NoteKind::Decision, "4".into()), "Agreed: the plan".into());
        let revise = Input::with_text(Purpose::Revise(NoteKind::Note, "2".into()), "Apologies from JB".into())
            .seeing(Seen::Note { at: Some("2022-03-03T10:20:00+00:00".parse().unwrap()), text: "Apologies".into() });
        for input in [note, revise, Input::with_text(Purpose::Person(Some("GB".into())), "Gary Bloom".into())] {
            let kept = serde_json::to_value(&input).unwrap();
            assert_eq!(serde_json::from_value::<Input>(kept).unwrap(), input);
        }
    }
}

#[cfg(test)]
mod line_tests;
