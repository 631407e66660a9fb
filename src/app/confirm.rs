//! The timer controls that cannot be taken back by accident ask first:
//! ending the meeting (naming anyone not yet marked), reopening a closed
//! one, and starting a meeting on a day other than its own.

use super::{App, Change, Effect, Key};
use crate::model::register::{self, Heading};
use crate::model::timer::{Control, Phase, TimerState};
use crate::model::{AttendanceStatus, Meeting};

/// A question on screen; Enter (or y) does it, Esc (or n) leaves things as they are.
#[derive(Debug, Clone, PartialEq)]
pub struct Question {
    /// "End the meeting at 12:04?"
    pub ask: String,
    /// More to know before answering: who is not yet marked.
    pub detail: Option<String>,
    /// What Enter does: "end it".
    pub yes: &'static str,
    /// What Esc does: "keep it running".
    pub no: &'static str,
    /// What the footer says after Esc: "the meeting runs on".
    kept: &'static str,
    /// What a yes saves.
    pub answer: Answer,
}

/// What a question saves on Enter.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// A timer control, stamped when it is answered.
    Timer(Control),
    /// A change to the record (approving minutes).
    Save(Box<Change>),
}

/// The question a control asks before it is saved, if it asks one.
pub(super) fn question_for(app: &App, meeting: &Meeting, control: Control) -> Option<Question> {
    let timer = TimerState::replay(meeting).ok()?;
    let time = app.now.format("%H:%M");
    match (control, timer.phase) {
        (Control::End, Phase::Running | Phase::Paused) => Some(Question {
            ask: format!("End the meeting at {time}?"),
            detail: unmarked(app, meeting),
            yes: "end it",
            no: "keep it running",
            kept: "the meeting runs on",
            answer: Answer::Timer(control),
        }),
        (Control::Reopen, Phase::Ended) => Some(Question {
            ask: format!(
                "Reopen the meeting closed at {}?",
                timer.ended.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
            ),
            detail: Some("The clock runs on from now on the item it closed on.".into()),
            yes: "reopen it",
            no: "keep it closed",
            kept: "the meeting stays closed",
            answer: Answer::Timer(control),
        }),
        (Control::StartOrPause | Control::Next | Control::Jump(_), Phase::NotStarted)
            if meeting.date != app.today() =>
        {
            Some(Question {
                ask: format!(
                    "This meeting is planned for {}: run it today, from {time}?",
                    meeting.date.format("%a %-d %b %Y")
                ),
                detail: Some(format!(
                    "Its {}–{} plan then runs from {time}.",
                    meeting.planned_start.format("%H:%M"),
                    meeting.planned_end.format("%H:%M")
                )),
                yes: "run it today",
                no: "leave it planned",
                kept: "the meeting has not started",
                answer: Answer::Timer(control),
            })
        }
        _ => None,
    }
}

/// "Not yet marked: MM, PD and 9 more", for the people the minutes would
/// list as not recorded.
fn unmarked(app: &App, meeting: &Meeting) -> Option<String> {
    let board = &app.workspace.board;
    let names: Vec<&str> = register::register(board, meeting)
        .into_iter()
        .filter(|r| r.status() == AttendanceStatus::Expected && r.heading != Heading::InAttendance)
        .map(|r| board.people[r.person].initials.as_str())
        .collect();
    if names.is_empty() {
        return None;
    }
    let shown = names.iter().take(8).copied().collect::<Vec<_>>().join(", ");
    let more = names.len().saturating_sub(8);
    let more = if more > 0 { format!(" and {more} more") } else { String::new() };
    Some(format!("Not yet marked in the register: {shown}{more}."))
}

/// Approving minutes asks first, naming the meeting: they are then locked
/// and frozen as the board's record.
pub(super) fn approval(meeting: chrono::NaiveDate, on: chrono::NaiveDate) -> Question {
    Question {
        ask: format!("Approve the minutes of {} as the board's record?", meeting.format("%A %-d %B %Y")),
        detail: Some(format!(
            "Approved on {}: the minutes are then locked, and every export of them stays as approved.",
            on.format("%-d %B %Y")
        )),
        yes: "approve them",
        no: "leave them a draft",
        kept: "the minutes are still a draft",
        answer: Answer::Save(Box::new(Change::Approve { meeting, on, minutes: None })),
    }
}

/// A key while the question is up: yes, no, or quit; anything else waits.
pub(super) fn on_key(app: &mut App, key: Key) -> Vec<Effect> {
    let Some(question) = app.question.take() else {
        return vec![];
    };
    match key {
        Key::Enter | Key::Char('y') => match (question.answer, app.current_meeting()) {
            (Answer::Save(change), _) => vec![Effect::Save(*change)],
            (Answer::Timer(control), Some(meeting)) => {
                vec![Effect::Save(Change::Timer { meeting: meeting.date, control, at: app.now })]
            }
            (Answer::Timer(_), None) => vec![],
        },
        Key::Esc | Key::Char('n') => {
            app.tell(format!("nothing changed: {}", question.kept));
            vec![]
        }
        Key::Char('q') | Key::Ctrl('c') => super::commands::run(app, super::Command::Quit).unwrap_or_default(),
        _ => {
            app.question = Some(question);
            vec![]
        }
    }
}
