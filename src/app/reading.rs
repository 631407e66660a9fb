//! How the app reads what is typed in quick-add and the edit line, with
//! the board's date rules as of now.

use super::App;
use super::input::{Input, Seen};
use crate::model::quickadd::{self, QuickAdd};

impl App {
    /// The quick-add line as it would be saved now, or why it would not.
    pub fn parse_quick_add(&self, line: &str) -> Result<QuickAdd, String> {
        quickadd::parse(line, &self.workspace.board, &self.date_context())
    }

    /// The quick-add line as read now, with what looks wrong about it.
    pub fn read_quick_add(&self, line: &str) -> Result<quickadd::Reading, String> {
        quickadd::read(line, &self.workspace.board, &self.date_context())
    }

    /// A line of the open quick-add or edit input as Enter would read it:
    /// for an edit, the warnings are about what it changes only (an overdue
    /// action whose deadline was kept is not news). The preview shows this.
    pub fn read_line(&self, line: &str) -> Result<quickadd::Reading, String> {
        let mut reading = self.read_quick_add(line)?;
        if let Some(Input { seen: Seen::Action(shown), .. }) = &self.input {
            let draft = &reading.draft;
            let (owners_kept, due_kept) = (draft.owners == shown.owners, draft.due == shown.due);
            reading.warnings = quickadd::warnings_for_edit(draft, &self.date_context(), owners_kept, due_kept);
        }
        Ok(reading)
    }

    /// How dates typed today read on this board.
    pub fn date_context(&self) -> quickadd::DateContext {
        self.workspace.date_context_at(self.now)
    }
}
