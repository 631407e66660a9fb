//! What the app does once the loop reports on the disk: a change saved
//! (its undo kept, the screen on the files as written), another gavel's
//! changes named, and the offer of changes an earlier gavel could not save.

use super::{App, Change, Effect, Key, Purpose, actions};
use crate::model::Workspace;
use crate::model::change::{Added, Committed};

/// What another process changed, in a few words: "A5, A14, R3, the 3 Mar meeting".
pub(super) fn changed_elsewhere(old: &Workspace, new: &Workspace) -> String {
    use crate::model::history::alike;
    let mut changed: Vec<String> = Vec::new();
    let by_ref = |list: &[crate::model::Action], r: &str| list.iter().position(|a| a.reference == r);
    for action in &new.actions.actions {
        if by_ref(&old.actions.actions, &action.reference).is_none_or(|i| !alike(&old.actions.actions[i], action)) {
            changed.push(action.reference.clone());
        }
    }
    for risk in &new.risks.risks {
        if old.risks.risks.iter().find(|r| r.reference == risk.reference).is_none_or(|r| !alike(r, risk)) {
            changed.push(risk.reference.clone());
        }
    }
    // Only the recent meetings are loaded: one older than all of them came
    // into view (a meeting reopened moves the window), it did not change.
    let oldest = old.meetings.iter().map(|m| m.date).min();
    for meeting in new.meetings.iter().filter(|m| oldest.is_none_or(|d| m.date >= d)) {
        if old.meetings.iter().find(|m| m.date == meeting.date).is_none_or(|m| !alike(m, meeting)) {
            changed.push(format!("the {} meeting", meeting.date.format("%-d %b")));
        }
    }
    if !alike(&old.board, &new.board) {
        changed.push("the register".into());
    }
    let more = changed.len().saturating_sub(4);
    changed.truncate(4);
    if more > 0 {
        changed.push(format!("{more} more"));
    }
    changed.join(", ")
}

/// How many of this user's changes undo can take back.
const UNDO_DEPTH: usize = 50;

/// The offer of an earlier gavel's unsaved changes: Enter applies them, Esc drops them.
pub(super) fn on_recovered(app: &mut App, key: Key) -> Vec<Effect> {
    match key {
        Key::Enter => {
            let recovered = app.recovered.take().expect("checked by the caller");
            app.unsaved_since = Some(recovered.since);
            app.unsaved.extend(recovered.changes.iter().cloned());
            app.tell(format!("applying: {}", recovered.summary()));
            // In order, one after another (see `Msg::Saved`).
            recovered.changes.first().cloned().map(Effect::Save).into_iter().collect()
        }
        Key::Esc => {
            let dropped = app.recovered.take().map(|r| r.summary()).unwrap_or_default();
            app.tell(format!("dropped: {dropped}"));
            vec![Effect::KeepUnsaved(None)]
        }
        Key::Char('q') | Key::Ctrl('c') => {
            app.quit = true;
            vec![Effect::Quit]
        }
        _ => {
            app.refuse("first: Enter applies the unsaved changes, Esc drops them, q quits and keeps them");
            vec![]
        }
    }
}

pub(super) fn on_saved(app: &mut App, change: Change, saved: Committed) {
    if let Some(i) = app.unsaved.iter().position(|u| *u == change) {
        app.unsaved.remove(i);
    }
    let was = app.under_cursor();
    let Committed { applied, board, actions, risks, meeting, live } = saved;
    if let Some(board) = board {
        app.workspace.board = board;
    }
    if let Some(log) = actions {
        app.workspace.actions = log;
    }
    if let Some(register) = risks {
        app.workspace.risks = register;
    }
    for meeting in meeting.into_iter().chain(live) {
        if let Some(slot) = app.workspace.meetings.iter_mut().find(|m| m.date == meeting.date) {
            *slot = meeting;
        }
    }
    // An action appended to a long log without reading it all.
    if let Some(Added::Action(action)) = &applied.added
        && !app.workspace.actions.actions.iter().any(|a| a.reference == action.reference)
    {
        app.workspace.actions.actions.push(action.as_ref().clone());
    }
    let kept = kept_from_elsewhere(app, &change);
    if !matches!(app.input.as_ref().map(|i| &i.purpose), Some(Purpose::Search)) {
        app.input = None;
    }
    app.refresh();
    // The user's own mark keeps the register's row, so working down it the
    // next person is under the cursor (someone marked "o" moves to
    // Apologies); another writer's change keeps the person.
    let own_mark = matches!(change, Change::Attendance { .. }) && app.focus == super::Pane::Attendance;
    let row = app.attendance_row;
    app.keep_cursor(was);
    if own_mark {
        app.attendance_row = row;
        app.clamp_selection();
    }
    if let Some(Added::Action(action)) = &applied.added {
        actions::select(app, &action.reference);
    }
    if let (Some(undo), false) = (applied.undo, matches!(change, Change::Undo(_))) {
        app.undo.push(undo);
        let excess = app.undo.len().saturating_sub(UNDO_DEPTH);
        app.undo.drain(..excess);
    }
    app.tell(format!("{} · saved{kept}", applied.summary));
}

/// An edit saved onto an action another gavel changed meanwhile, in other
/// fields than the user's: the merge is said, not silent.
/// " · also changed in another gavel, kept: deadline, status", or nothing.
fn kept_from_elsewhere(app: &App, change: &Change) -> String {
    use crate::model::change::{ActionEdit, FieldEdit};
    let Change::EditAction { reference, edit: ActionEdit::Fields(edits), .. } = change else { return String::new() };
    let Some(super::input::Seen::Action(seen)) = app.input.as_ref().map(|i| &i.seen) else { return String::new() };
    let Some(now) = app.workspace.actions.actions.iter().find(|a| a.reference == *reference) else {
        return String::new();
    };
    let mine = |field: &str| {
        edits.iter().any(|e| match e {
            FieldEdit::Text { .. } => field == "text",
            FieldEdit::Owners { .. } => field == "owner",
            FieldEdit::Due { .. } => field == "deadline",
        })
    };
    let fields = [
        ("text", seen.text != now.text),
        ("owner", seen.owners != now.owners),
        ("deadline", seen.due != now.due),
        ("status", seen.status != now.status || seen.closed != now.closed),
        ("updates", seen.updates != now.updates),
    ];
    let theirs: Vec<&str> = fields.iter().filter(|(f, changed)| *changed && !mine(f)).map(|(f, _)| *f).collect();
    match theirs.is_empty() {
        true => String::new(),
        false => format!(" · also changed in another gavel, kept: {}", theirs.join(", ")),
    }
}
