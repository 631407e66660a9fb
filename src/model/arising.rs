//! Which open actions a meeting reviews under matters arising, and
//! whether a new action repeats an open one.

use super::action::in_ref_order;
use super::{Action, ActionLog};
use chrono::NaiveDate;

/// For the actions raised at no meeting, the latest meeting at which an
/// action with a lower ref was raised: refs are given in turn, so each was
/// made after that meeting, and is no matter arising at it or before.
/// (An action made before any meeting has none.)
pub fn made_after(actions: &[Action]) -> std::collections::HashMap<&str, NaiveDate> {
    let mut by_ref: Vec<&Action> = actions.iter().collect();
    by_ref.sort_by(|a, b| in_ref_order(a, b));
    let mut latest: Option<NaiveDate> = None;
    let mut out = std::collections::HashMap::new();
    for action in by_ref {
        match &action.raised {
            Some(raised) => latest = latest.max(Some(raised.meeting)),
            None => {
                if let Some(date) = latest {
                    out.insert(action.reference.as_str(), date);
                }
            }
        }
    }
    out
}

/// "repeats A5, still open: …": an open action with the same words (any
/// case and spacing), other than the one being edited.
pub fn repeats(log: &ActionLog, text: &str, besides: Option<&str>) -> Option<String> {
    let words = |t: &str| t.split_whitespace().map(str::to_lowercase).collect::<Vec<_>>();
    let wanted = words(text);
    let same = |a: &&Action| !a.status.is_closed() && Some(a.reference.as_str()) != besides && words(&a.text) == wanted;
    log.actions.iter().find(same).map(|a| format!("repeats {}, still open: {}", a.reference, a.text))
}
