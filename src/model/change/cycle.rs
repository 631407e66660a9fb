//! Changes that move a board from one meeting to the next: a meeting's file
//! made, its agenda edited while it is planned, its minutes approved.

use super::route::CycleChange;
use super::{Applied, Change};
use crate::model::meeting::AgendaItem;
use crate::model::refusal::Refusal;
use crate::model::workspace::MeetingState;
use crate::model::{Board, Meeting};

/// "20 June 2024", as a meeting is named in the board's sentences.
pub fn day(date: chrono::NaiveDate) -> String {
    date.format("%-d %B %Y").to_string()
}

/// The refusal every change to approved minutes meets: checked in one place,
/// `Change::apply`, before any change touches a meeting's file.
pub fn locked(meeting: &Meeting) -> Result<(), Refusal> {
    match meeting.approved {
        Some(on) => Err(Refusal::rule(format!(
            "the minutes of {} were approved on {}: they are locked, and nothing was changed",
            day(meeting.date),
            day(on)
        ))),
        None => Ok(()),
    }
}

pub(super) fn make(meeting: &Meeting, slot: &mut Option<Meeting>) -> Result<Applied, Refusal> {
    if slot.is_some() {
        return Err(Refusal::rule(format!("there is already a meeting on {}", day(meeting.date))));
    }
    *slot = Some(meeting.clone());
    let items = meeting.agenda.len();
    let summary = format!(
        "meeting of {} made: {} item{} on its agenda",
        day(meeting.date),
        items,
        if items == 1 { "" } else { "s" }
    );
    // A made meeting is taken back by hand (its file removed), not by undo.
    Ok(Applied { summary, added: None, undo: None })
}

pub(super) fn apply(change: CycleChange, board: &Board, meeting: &mut Meeting) -> Result<Applied, Refusal> {
    match change {
        CycleChange::Unapprove => unapprove(meeting),
        CycleChange::Agenda { was, now, summary, .. } => {
            locked(meeting)?;
            if MeetingState::of(meeting) != MeetingState::Planned {
                return Err(Refusal::rule(format!(
                    "the meeting of {} has started: its agenda stays as it ran",
                    day(meeting.date)
                )));
            }
            let read_before_identities = was_before_identities(was, &meeting.agenda);
            if meeting.agenda != *was && meeting.agenda != *now && !read_before_identities {
                return Err(Refusal::rule(
                    "the agenda was changed in another gavel since you read it: look again and retry",
                ));
            }
            for lead in now.iter().flat_map(|i| &i.leads) {
                if !board.is_known(lead) {
                    return Err(Refusal::rule(format!("{lead} is not in the people register")));
                }
            }
            let mut now = now.clone();
            if read_before_identities {
                keep_identities(&mut now, was, &meeting.agenda);
            }
            meeting.agenda = now.clone();
            let undo = Change::Agenda {
                meeting: meeting.date,
                was: now.clone(),
                now: was.clone(),
                summary: "agenda put back as it was".into(),
            };
            Ok(Applied { summary: summary.clone(), added: None, undo: Some(undo) })
        }
        CycleChange::Approve { on, minutes, .. } => {
            locked(meeting)?;
            if MeetingState::of(meeting) != MeetingState::Closed {
                return Err(Refusal::rule(format!(
                    "the meeting of {} has not been closed: minutes are approved once it is over",
                    day(meeting.date)
                )));
            }
            if *on < meeting.date {
                return Err(Refusal::rule("minutes cannot be approved before the meeting was held"));
            }
            let Some(minutes) = minutes else {
                return Err(Refusal::rule("the minutes to approve were not built: nothing was changed"));
            };
            meeting.approved = Some(*on);
            meeting.minutes = Some(minutes.clone());
            let summary = format!("minutes of {} approved on {}: locked", day(meeting.date), day(*on));
            // Taken back by `gavel minutes unapprove`, with a reason, not by undo.
            Ok(Applied { summary, added: None, undo: None })
        }
    }
}

/// An approval withdrawn: the minutes are a draft again, rendered from
/// the workspace, and can be corrected before they are approved anew.
fn unapprove(meeting: &mut Meeting) -> Result<Applied, Refusal> {
    let Some(on) = meeting.approved.take() else {
        return Err(Refusal::AlreadySo(format!("the minutes of {} are not approved", day(meeting.date))));
    };
    meeting.minutes = None;
    let summary =
        format!("approval of the minutes of {} (given {}) withdrawn: a draft again", day(meeting.date), day(on));
    Ok(Applied { summary, added: None, undo: None })
}

/// Numbers the agenda 1, 2, 3… in its order: a planned meeting's numbers
/// are only its order, nothing refers to them yet.
pub fn renumber(agenda: &mut [AgendaItem]) {
    for (i, item) in agenda.iter_mut().enumerate() {
        item.number = (i + 1).to_string();
    }
}

/// Whether `was` is the agenda on disk as read before the file had
/// identities (a version-1 file, upgraded by this very save): the same
/// items, in order, but for the identities the upgrade just gave.
fn was_before_identities(was: &[AgendaItem], disk: &[AgendaItem]) -> bool {
    was.len() == disk.len()
        && was
            .iter()
            .zip(disk)
            .all(|(w, d)| w.id.is_unset() && *w == AgendaItem { id: Default::default(), ..d.clone() })
}

/// Each item of the new agenda read without its identity takes the one
/// the file gave the item it came from (the same item, renumbered or not):
/// links to it, which hold that identity, keep to it.
fn keep_identities(now: &mut [AgendaItem], was: &[AgendaItem], disk: &[AgendaItem]) {
    let unnumbered = |item: &AgendaItem| AgendaItem { id: Default::default(), number: String::new(), ..item.clone() };
    for item in now.iter_mut().filter(|i| i.id.is_unset()) {
        if let Some(at) = was.iter().position(|w| unnumbered(w) == unnumbered(item)) {
            item.id = disk[at].id.clone();
        }
    }
}
