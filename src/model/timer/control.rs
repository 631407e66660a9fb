//! The chair's timer controls, turned into journal events. The same check
//! runs on the screen's copy (for an instant notice) and again under the
//! lock on the file as it is on disk.

use super::{Phase, TimerState};
use crate::model::{Meeting, TimerEvent, TimerEventKind, Timestamp};

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Control {
    /// `space`: start the meeting, or pause / resume.
    StartOrPause,
    /// `n`: next item, starting the meeting if needed.
    Next,
    Previous,
    /// Defer the current item and move to the next.
    Skip,
    /// Take this item (by agenda index) now: out of order, or a deferred one back.
    Jump(usize),
    /// Put this item (by agenda index) off to the next meeting without
    /// moving on: the last one under way, or one not taken, as the meeting ends.
    Defer(usize),
    /// Add (or, negative, take off) minutes on the current item.
    Extend(i32),
    End,
    /// Open a closed meeting again, on the item it closed on.
    Reopen,
}

/// The event this control adds to the journal, or why it cannot.
pub fn event_for(meeting: &Meeting, control: Control, at: Timestamp) -> Result<TimerEvent, String> {
    let state = TimerState::replay(meeting).map_err(|e| e.message)?;
    // Stored at the real time: the journal's order keeps the sequence, and a
    // clock far behind is refused rather than given the journal's time.
    if let Some(behind) = super::clock_behind(meeting, at).filter(|b| *b > super::CLOCK_BEHIND_ALLOWED) {
        return Err(format!(
            "this computer's clock is {} min behind the meeting's journal: set the clock right, then try again",
            behind.num_minutes()
        ));
    }
    let event = |event, item: Option<usize>, minutes| TimerEvent {
        at,
        event,
        item: item.map(|i| meeting.agenda[i].number.clone()),
        minutes,
    };
    if state.phase == Phase::Ended {
        let at_time = state.ended.map(|t| t.format(" at %H:%M").to_string()).unwrap_or_default();
        return match (control, state.closed_on) {
            (Control::Reopen, Some(item)) => Ok(event(TimerEventKind::Reopen, Some(item), None)),
            _ => Err(format!("the meeting has already ended{at_time}: E in the agenda reopens it")),
        };
    }
    if meeting.agenda.is_empty() {
        return Err("the agenda has no items".into());
    }
    let current = state.current;
    let next = state.still_to_come().first().copied();
    let last_item = "this is the last item: press E in the agenda to end the meeting";
    Ok(match (control, state.phase, current) {
        (Control::Reopen, ..) => return Err("the meeting is not closed, so there is nothing to reopen".into()),
        (Control::Jump(item) | Control::Defer(item), _, _) if item >= meeting.agenda.len() => {
            return Err(format!("the agenda has {} items", meeting.agenda.len()));
        }
        (Control::Jump(item), Phase::NotStarted, _) => event(TimerEventKind::Start, Some(item), None),
        (Control::StartOrPause | Control::Next, Phase::NotStarted, _) => event(TimerEventKind::Start, Some(0), None),
        (Control::StartOrPause, Phase::Running, _) => event(TimerEventKind::Pause, None, None),
        (Control::StartOrPause, Phase::Paused, _) => event(TimerEventKind::Resume, None, None),
        (_, Phase::NotStarted, _) => return Err("the meeting has not started: press space to start it".into()),
        (Control::Jump(item), _, Some(now)) if item == now => {
            return Err(format!("item {} is already under way", meeting.agenda[item].number));
        }
        (Control::Jump(item), _, _) => event(TimerEventKind::Jump, Some(item), None),
        (Control::Defer(item), _, _) if state.items[item].done && Some(item) != current => {
            return Err(format!("item {} has been taken, so cannot be deferred", meeting.agenda[item].number));
        }
        (Control::Defer(item), _, _) => event(TimerEventKind::Defer, Some(item), None),
        (Control::Next | Control::Skip, _, _) if next.is_none() => return Err(last_item.into()),
        (Control::Next, _, _) => event(TimerEventKind::Next, next, None),
        (Control::Skip, _, _) => event(TimerEventKind::Skip, next, None),
        (Control::Previous, _, Some(0)) => return Err("this is the first item".into()),
        (Control::Previous, _, Some(item)) => event(TimerEventKind::Previous, Some(item - 1), None),
        (Control::Extend(minutes), _, Some(item)) => {
            let allowed = i64::from(meeting.agenda[item].planned_minutes) + i64::from(state.items[item].extra_minutes);
            if allowed + i64::from(minutes) < 1 {
                return Err("an item cannot have less than one minute".into());
            }
            if allowed + i64::from(minutes) > crate::model::meeting::MAX_ITEM_MINUTES {
                return Err("an item cannot run past 24 hours".into());
            }
            event(TimerEventKind::Extend, Some(item), Some(minutes))
        }
        (Control::End, _, _) => event(TimerEventKind::End, None, None),
        (_, Phase::Ended, _) | (_, _, None) => return Err("no item is current".into()),
    })
}

/// Adds the control's event to the meeting's journal.
pub fn apply(meeting: &mut Meeting, control: Control, at: Timestamp) -> Result<TimerEvent, String> {
    let event = event_for(meeting, control, at)?;
    meeting.journal.push(event.clone());
    Ok(event)
}
