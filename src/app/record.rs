//! `H`: the history of the record under the cursor, in a popup: the
//! action or risk selected, the person in the register, or, from the
//! agenda, the meeting shown.

use super::commands::Outcome;
use super::input::{Input, Seen};
use super::{App, Change, Effect, Overlay, Pane};
use crate::model::Refusal;
use crate::model::change::{ActionEdit, FieldEdit};
use crate::model::history::{Entry, entry_line};
use crate::model::id::Id;

/// What the popup shows: the record, and one line a change, oldest first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordHistory {
    /// "A5 · Finalise the Capacity Review".
    pub title: String,
    pub lines: Vec<String>,
}

pub(super) fn open(app: &mut App) -> Result<(), Refusal> {
    let (title, entries) = selected(app)?;
    let zone = app.workspace.board.zone();
    let mut lines: Vec<String> = entries.iter().map(|e| entry_line(e, &zone)).collect();
    if lines.is_empty() {
        lines.push("No change kept yet: gavel keeps changes from schema version 2 on.".into());
    }
    app.record_history = Some(RecordHistory { title, lines });
    app.overlay = Overlay::History;
    Ok(())
}

fn selected(app: &App) -> Result<(String, Vec<Entry>), Refusal> {
    let ws = &app.workspace;
    match app.focus {
        Pane::Actions => {
            let action = super::actions::selected(app, "H shows the history of the selected action: select one")?;
            Ok((format!("{} · {}", action.reference, action.text), action.changes.clone()))
        }
        Pane::Risks => {
            let risk = app.selected_risk().ok_or("H shows the history of the selected risk: select one")?;
            Ok((format!("{} · {}", risk.reference, risk.title), risk.changes.clone()))
        }
        Pane::Attendance => {
            let initials = app.selected_person().ok_or("H shows the history of the selected person")?;
            let person = ws.board.person(&initials).ok_or("that person is no longer in the register")?;
            Ok((format!("{} · {}", person.initials, person.name), person.changes.clone()))
        }
        Pane::Agenda => {
            let meeting = app.current_meeting().ok_or("there is no meeting to show the history of")?;
            Ok((
                format!("Meeting of {} · {}", meeting.date.format("%-d %B %Y"), meeting.title),
                meeting.changes.clone(),
            ))
        }
    }
}

/// The edit of an action saved: only the fields changed, and the reason
/// if the line ends "… because …" after the action's own, unchanged text
/// (a text being edited keeps its words).
pub(super) fn save_edit(app: &mut App, input: &Input, (reference, id): (String, Id)) -> Outcome {
    let capture = app.read_capture(&input.text);
    super::capture::confirm(app, input, &capture)?;
    let entry = capture.entries.into_iter().next().ok_or("the edit needs the action's text")?;
    let draft = entry.reading.map_err(Refusal::rule)?.draft;
    let Seen::Action(shown) = &input.seen else {
        return Err(Refusal::rule("the edit lost what it was editing: press Esc and e again"));
    };
    // "… because the data is not ready" after the action's own text,
    // unchanged, is the reason; a text being edited keeps its words.
    let (text, reason) = match draft.text.strip_prefix(shown.text.as_str()) {
        Some(rest) if rest.trim_start().to_lowercase().starts_with("because ") => {
            (shown.text.clone(), crate::model::history::split_reason(rest).1)
        }
        _ => (draft.text.clone(), None),
    };
    let fields = FieldEdit::between(shown, &text, &draft.owners, draft.due);
    if fields.is_empty() {
        app.input = None;
        return Err(Refusal::AlreadySo(format!("{} is unchanged", shown.reference)));
    }
    let edit = Change::EditAction { reference, id, edit: ActionEdit::Fields(fields) };
    Ok(vec![Effect::Save(Change::because(edit, reason))])
}
