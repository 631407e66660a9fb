//! The one-line input at the bottom: quick-add, edit, a dated update, the
//! search and the owner filter. Every key edits it; Enter acts and Esc
//! backs out. A refused line keeps its text for the typist to mend.

use super::{App, Change, Effect, Key};
use super::{actions, attendance, risks};
use crate::model::action::ActionEdit;
use crate::model::meeting::NoteKind;
use crate::model::risk::RiskEdit;
use crate::model::{quickadd, riskline};

/// What the line is for.
#[derive(Debug, Clone, PartialEq, Eq)]
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
}

/// Text being typed, with a cursor counted in characters.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Input {
    pub purpose: Purpose,
    pub text: String,
    pub cursor: usize,
}

impl Input {
    pub fn with_text(purpose: Purpose, text: String) -> Input {
        let cursor = text.chars().count();
        Input { purpose, text, cursor }
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

    /// Applies an editing key; false if the key is not an editing key.
    fn edit(&mut self, key: Key) -> bool {
        match key {
            Key::Char(c) => self.insert(c),
            Key::Backspace => self.backspace(),
            Key::Delete => self.delete(),
            Key::Left => self.cursor = self.cursor.saturating_sub(1),
            Key::Right => self.cursor = (self.cursor + 1).min(self.text.chars().count()),
            Key::Home | Key::Ctrl('a') => self.cursor = 0,
            Key::End | Key::Ctrl('e') => self.cursor = self.text.chars().count(),
            _ => return false,
        }
        true
    }
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
        Key::AltEnter if matches!(input.purpose, Purpose::Record(..)) => input.insert('\n'),
        Key::Enter => return enter(app),
        key => {
            if input.edit(key) && input.purpose == Purpose::Search {
                app.action_filter.search = input.text.clone();
                app.action_row = 0;
                app.refresh();
            }
        }
    }
    vec![]
}

fn enter(app: &mut App) -> Vec<Effect> {
    let input = app.input.clone().expect("input is open");
    let line = input.text.trim();
    match input.purpose {
        Purpose::QuickAdd => match app.parse_quick_add(line) {
            Ok(draft) => {
                let raised = app.workspace.raised_now(app.now);
                return vec![Effect::Save(Change::AddAction { draft, raised })];
            }
            Err(why) => app.refuse(format!("{why}: nothing was saved")),
        },
        Purpose::Edit(reference) => match app.parse_quick_add(line) {
            Ok(draft) => return actions::edit(app, reference, ActionEdit::Replace(draft)),
            Err(why) => app.refuse(format!("{why}: nothing was saved")),
        },
        Purpose::Update(reference) => {
            if line.is_empty() {
                app.refuse("an update needs some words: nothing was saved");
            } else {
                return actions::edit(app, reference, ActionEdit::AddUpdate(line.to_string()));
            }
        }
        Purpose::Search => app.input = None,
        Purpose::Record(kind, item) => {
            let Some(meeting) = app.current_meeting() else {
                return vec![];
            };
            let mut copy = meeting.clone();
            match copy.record(kind, &item, app.now, &input.text) {
                Ok(()) => {
                    let (meeting, at, text) = (meeting.date, app.now, input.text.trim().to_string());
                    return vec![Effect::Save(Change::Record { meeting, kind, item, text, at })];
                }
                Err(why) => app.refuse(format!("{why}: nothing was saved")),
            }
        }
        Purpose::NewRisk => match riskline::parse_new(line, &app.workspace.board, &app.date_context()) {
            Ok(new) => {
                return vec![Effect::Save(Change::AddRisk { new, today: app.today() })];
            }
            Err(why) => app.refuse(format!("{why}: nothing was saved")),
        },
        Purpose::Rescore(reference) => match riskline::parse_score(line) {
            Ok(score) => return risks::edit(app, reference, RiskEdit::Rescore(score)),
            Err(why) => app.refuse(format!("{why}: nothing was saved")),
        },
        Purpose::Arrived(_) | Purpose::Left(_) | Purpose::Deputy(_) | Purpose::Guest | Purpose::Declare => {
            match attendance::enter(app, &input.purpose, line) {
                Ok(effects) => return effects,
                Err(why) => app.refuse(format!("{why}: nothing was saved")),
            }
        }
        Purpose::Review(reference) => match quickadd::read_one_date(line, &app.date_context()) {
            Ok(date) => return risks::edit(app, reference, RiskEdit::Review(date)),
            Err(why) => app.refuse(format!("{why}: nothing was saved")),
        },
        Purpose::Owner => {
            let board = &app.workspace.board;
            let known = board.people.iter().map(|p| &p.initials).chain(board.groups.iter().map(|g| &g.initials));
            let owner = known.clone().find(|i| i.eq_ignore_ascii_case(line.trim_start_matches('@'))).cloned();
            match owner {
                Some(owner) => app.action_filter.owner = Some(owner),
                None if line.is_empty() => app.action_filter.owner = None,
                None => {
                    app.refuse(format!("{line} is not in the people register"));
                    return vec![];
                }
            }
            app.input = None;
            app.action_row = 0;
            app.refresh();
        }
    }
    vec![]
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
}
