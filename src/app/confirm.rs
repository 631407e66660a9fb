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
    /// A third answer, on its own key: "d defer them to the next meeting".
    pub other: Option<Other>,
}

/// What a question saves on Enter.
#[derive(Debug, Clone, PartialEq)]
pub enum Answer {
    /// Timer controls, in order, stamped when answered.
    Timer(Vec<Control>),
    /// A change to the record (approving minutes).
    Save(Box<Change>),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Other {
    pub key: char,
    pub label: &'static str,
    pub controls: Vec<Control>,
}

/// `s` on the last item left: put it off to the next meeting, and end.
pub(super) fn defer_last(app: &App, meeting: &Meeting) -> Option<Question> {
    let timer = TimerState::replay(meeting).ok()?;
    let current = timer.current.filter(|_| timer.still_to_come().is_empty())?;
    Some(Question {
        ask: format!(
            "Item {} is the last: defer it to the next meeting and end this one at {}?",
            meeting.agenda[current].number,
            app.now.format("%H:%M")
        ),
        detail: unmarked(app, meeting),
        yes: "defer it and end",
        no: "keep it running",
        kept: "the meeting runs on",
        answer: Answer::Timer(vec![Control::Defer(current), Control::End]),
        other: None,
    })
}

/// The items not taken when the meeting ends ("items 7, 8"), and the
/// answer that defers them.
fn not_taken(meeting: &Meeting, timer: &TimerState) -> Option<(String, Other)> {
    let left = timer.still_to_come();
    if left.is_empty() {
        return None;
    }
    let numbers: Vec<&str> = left.iter().take(8).map(|&i| meeting.agenda[i].number.as_str()).collect();
    let more = if left.len() > 8 { format!(" and {} more", left.len() - 8) } else { String::new() };
    let mut controls: Vec<Control> = left.iter().map(|&i| Control::Defer(i)).collect();
    controls.push(Control::End);
    let label = "defer them to the next meeting";
    let said = format!("Not taken: item{} {}{more}.", if left.len() == 1 { "" } else { "s" }, numbers.join(", "));
    Some((said, Other { key: 'd', label, controls }))
}

/// The question a control asks before it is saved, if it asks one.
pub(super) fn question_for(app: &App, meeting: &Meeting, control: Control) -> Option<Question> {
    let timer = TimerState::replay(meeting).ok()?;
    let time = app.now.format("%H:%M");
    match (control, timer.phase) {
        (Control::End, Phase::Running | Phase::Paused) => {
            let left = not_taken(meeting, &timer);
            let detail = [left.as_ref().map(|(said, _)| said.clone()), unmarked(app, meeting)];
            let detail: Vec<String> = detail.into_iter().flatten().collect();
            Some(Question {
                ask: format!("End the meeting at {time}?"),
                detail: (!detail.is_empty()).then(|| detail.join("\n")),
                yes: if left.is_some() { "end anyway" } else { "end it" },
                no: "keep it running",
                kept: "the meeting runs on",
                answer: Answer::Timer(vec![control]),
                other: left.map(|(_, other)| other),
            })
        }
        (Control::Reopen, Phase::Ended) => Some(Question {
            ask: format!(
                "Reopen the meeting closed at {}?",
                timer.ended.map(|t| t.format("%H:%M").to_string()).unwrap_or_default()
            ),
            detail: Some("The clock runs on from now on the item it closed on.".into()),
            yes: "reopen it",
            no: "keep it closed",
            kept: "the meeting stays closed",
            answer: Answer::Timer(vec![control]),
            other: None,
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
                answer: Answer::Timer(vec![control]),
                other: None,
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
        other: None,
    }
}

/// A key while the question is up: yes, no, or quit; anything else waits.
pub(super) fn on_key(app: &mut App, key: Key) -> Vec<Effect> {
    let Some(question) = app.question.take() else {
        return vec![];
    };
    let save = |controls: Vec<Control>| match app.current_meeting() {
        Some(meeting) => {
            let (date, at) = (meeting.date, app.now);
            let mut changes: Vec<Change> =
                controls.into_iter().map(|control| Change::Timer { meeting: date, control, at }).collect();
            match changes.len() {
                1 => vec![Effect::Save(changes.remove(0))],
                _ => vec![Effect::Save(Change::Batch(changes))],
            }
        }
        None => vec![],
    };
    match key {
        Key::Enter | Key::Char('y') => match question.answer {
            Answer::Save(change) => vec![Effect::Save(*change)],
            Answer::Timer(controls) => save(controls),
        },
        Key::Char(c) if question.other.as_ref().is_some_and(|o| o.key == c) => {
            save(question.other.map(|o| o.controls).unwrap_or_default())
        }
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
