//! The meeting picker (`M`): every meeting the screen has, today's marked;
//! Enter shows the one selected, and it stays shown until another is picked.

use super::{App, Key, Overlay};

pub(super) fn open(app: &mut App) {
    app.overlay = Overlay::Meetings;
    app.meeting_pick = app.meeting.unwrap_or(0);
}

/// ↑↓ (k j) select, Enter shows, Esc closes, q still quits.
pub(super) fn on_key(app: &mut App, key: Key) -> bool {
    let last = app.workspace.meetings.len().saturating_sub(1);
    match key {
        Key::Down | Key::Char('j') => app.meeting_pick = (app.meeting_pick + 1).min(last),
        Key::Up | Key::Char('k') => app.meeting_pick = app.meeting_pick.saturating_sub(1),
        Key::Enter => {
            if let Some(meeting) = app.workspace.meetings.get(app.meeting_pick) {
                app.chosen = Some(meeting.date);
                app.agenda_row = 0;
                app.attendance_row = 0;
                app.overlay = Overlay::None;
                app.refresh();
                let date = meeting_words(app);
                app.tell(format!("showing the meeting of {date}"));
            }
        }
        Key::Char('q') => return false,
        _ => app.overlay = Overlay::None,
    }
    true
}

fn meeting_words(app: &App) -> String {
    app.current_meeting().map_or(String::new(), |m| m.date.format("%a %-d %b %Y").to_string())
}
