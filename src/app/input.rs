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
    /// The text was put there for the typist (a time, a date, the line
    /// being edited): the first character typed replaces it, as over a
    /// selection; a cursor key keeps it to edit.
    pub prefilled: bool,
    /// The text the warnings were last shown for: Enter again on the same
    /// text saves it anyway.
    pub warned: Option<String>,
}

impl Input {
    pub fn with_text(purpose: Purpose, text: String) -> Input {
        let cursor = text.chars().count();
        Input { purpose, prefilled: !text.is_empty(), text, cursor, warned: None }
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
        if !super::commands::writable(app) {
            return vec![];
        }
        app.overlay = super::Overlay::None;
        app.input = Some(Input::with_text(Purpose::QuickAdd, String::new()));
    }
    let input = app.input.as_mut().expect("input is open");
    let keeps_lines = matches!(input.purpose, Purpose::QuickAdd | Purpose::Record(..));
    let text = if keeps_lines {
        pasted.trim_matches('\n').to_string()
    } else {
        pasted.split_whitespace().collect::<Vec<_>>().join(" ")
    };
    // Tabs and other controls from a spreadsheet or PDF are spaces here.
    let text: String = text.chars().map(|c| if c != '\n' && c.is_control() { ' ' } else { c }).collect();
    input.insert_str(&text);
    input.warned = None;
    let (searching, typed) = (input.purpose == Purpose::Search, input.text.clone());
    if searching {
        app.action_filter.search = typed.clone();
        app.action_row = 0;
        app.refresh();
    }
    let lines = typed.lines().filter(|l| !l.trim().is_empty()).count();
    if lines > 1 {
        app.tell(format!(
            "pasted {lines} lines: one action a line, each previewed; Enter adds them all, Esc adds none"
        ));
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
        Key::AltEnter if matches!(input.purpose, Purpose::Record(..)) => input.insert_str("\n"),
        Key::Enter => return enter(app),
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

fn enter(app: &mut App) -> Vec<Effect> {
    let input = app.input.clone().expect("input is open");
    let line = input.text.trim();
    match input.purpose {
        Purpose::QuickAdd => {
            if let Some(drafts) = confirmed(app, &input) {
                let raised = app.workspace.raised_now(app.now);
                let add = |draft| Effect::Save(Change::AddAction { draft, raised: raised.clone() });
                return drafts.into_iter().map(add).collect();
            }
        }
        Purpose::Edit(ref reference) => {
            if let Some(draft) = confirmed(app, &input).and_then(|mut d| d.pop()) {
                return actions::edit(app, reference.clone(), ActionEdit::Replace(draft));
            }
        }
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

/// The actions of the quick-add text, one a line, when Enter may save
/// them: every line reads, and any warnings were shown once already (this
/// Enter is the second on the same text). Otherwise says why not.
fn confirmed(app: &mut App, input: &Input) -> Option<Vec<crate::model::quickadd::QuickAdd>> {
    let lines: Vec<&str> = input.text.lines().map(str::trim).filter(|l| !l.is_empty()).collect();
    let numbered = lines.len() > 1;
    let mut drafts = Vec::new();
    let mut warnings = Vec::new();
    for (n, line) in lines.iter().enumerate() {
        let at = if numbered { format!("line {}: ", n + 1) } else { String::new() };
        match app.read_quick_add(line) {
            Ok(reading) => {
                warnings.extend(reading.warnings.iter().map(|w| format!("{at}{w}")));
                drafts.push(reading.draft);
            }
            Err(why) => {
                app.refuse(format!("{at}{why}: nothing was saved"));
                return None;
            }
        }
    }
    if drafts.is_empty() {
        app.refuse("an action needs some words saying what is to be done: nothing was saved");
        return None;
    }
    if !warnings.is_empty() && input.warned.as_deref() != Some(input.text.as_str()) {
        let first = warnings[0].clone();
        let more = if warnings.len() > 1 { format!(" (and {} more)", warnings.len() - 1) } else { String::new() };
        app.refuse(format!("⚠ {first}{more}: Enter again saves as shown, or edit the line"));
        if let Some(open) = app.input.as_mut() {
            open.warned = Some(input.text.clone());
        }
        return None;
    }
    Some(drafts)
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

#[cfg(test)]
mod line_tests;
