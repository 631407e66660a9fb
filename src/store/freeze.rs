//! What a change to a meeting's approval needs from beyond that meeting:
//! the minutes to freeze (built from the actions, the archive and the next
//! meeting) and, to take an approval back, whether the next meeting has
//! been held. Worked out under the workspace lock, as the change is saved.

use super::error::SaveError;
use crate::model::change::cycle::day;
use crate::model::history::Stamp;
use crate::model::minutes::Minutes;
use crate::model::{Change, MeetingState, Refusal};
use std::path::Path;

/// The change as it will be applied: an approval with its minutes built.
pub(super) fn prepare(root: &Path, change: &Change, stamp: &Stamp) -> Result<Option<Change>, SaveError> {
    match change {
        Change::Approve { meeting, on, minutes: None } => {
            let ws = super::load_minutes(root, Some(*meeting))?;
            let held = ws.meetings.iter().find(|m| m.date == *meeting);
            let held = held.ok_or_else(|| refused(format!("there is no meeting on {}", day(*meeting))))?;
            let mut minutes = Minutes::of(&ws, held, stamp.at);
            minutes.approved = Some(Minutes::approved_on(*on));
            Ok(Some(Change::Approve { meeting: *meeting, on: *on, minutes: Some(Box::new(minutes)) }))
        }
        Change::Unapprove { meeting } => {
            if let Some(held) = next_held(root, *meeting)? {
                return Err(refused(format!(
                    "the meeting of {} has been held since: the approved minutes of {} stay as approved, and a correction is an amendment noted at a later meeting",
                    day(held),
                    day(*meeting)
                )));
            }
            Ok(None)
        }
        _ => Ok(None),
    }
}

/// The first meeting after `date` that has started, if any.
fn next_held(root: &Path, date: chrono::NaiveDate) -> Result<Option<chrono::NaiveDate>, SaveError> {
    for later in super::meeting_dates(root).iter().filter(|d| **d > date) {
        let file = super::meeting_file(root, *later);
        if let Some(meeting) = super::load_document::<crate::model::Meeting>(&file)?
            && MeetingState::of(&meeting) != MeetingState::Planned
        {
            return Ok(Some(*later));
        }
    }
    Ok(None)
}

fn refused(why: String) -> SaveError {
    SaveError::Refused(Refusal::rule(why))
}
