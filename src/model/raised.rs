//! Where an action was raised: the meeting, by its date (the meeting's file
//! name, which never changes), and the agenda item under discussion, by
//! the item's identity. An item's number is a label: a planned agenda is
//! numbered again when reordered, and a sync renumbers an item whose number
//! the other laptop gave too. So the link is the identity (`item_id`); the
//! number beside it (`item`) is what the file's readers see and what is
//! shown when the meeting is not read (an old archived action, `add`'s fast
//! path). Wherever the meeting is read, the number shown is the one its
//! item bears now (`Meeting::raised_item`, `Workspace::raised_number`), and
//! a change that numbers its agenda anew stores each action's new number,
//! and gives a number alone its item's identity, as it is saved (`renumbered`).

use super::history::{Entry, FieldChange, Stamp};
use super::id::Id;
use super::meeting::AgendaItem;
use super::validate::{Problem, WorkspaceFile};
use super::{Action, Meeting, Timestamp, Workspace};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Where an action was raised: the meeting, the item under discussion, when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Raised {
    #[serde(with = "super::iso_date")]
    pub meeting: NaiveDate,
    /// The item's number when the log was last written with the meeting
    /// read: a label. Typed alone (a version-2 file, a hand edit), it is
    /// the link until the item's identity is added on the next write.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item: Option<String>,
    /// The item's identity: the link, which renumbering leaves alone.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub item_id: Option<Id>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub at: Option<Timestamp>,
}

impl Raised {
    /// Raised at `meeting` under `item`, linked by the item's identity.
    pub fn under(meeting: NaiveDate, item: &AgendaItem, at: Option<Timestamp>) -> Raised {
        let item_id = (!item.id.is_unset()).then(|| item.id.clone());
        Raised { meeting, item: Some(item.number.clone()), item_id, at }
    }

    /// Raised at `meeting` under the item numbered `number` there, if it
    /// has one (an imported "Raised at" column, a number typed); with the
    /// meeting not read, or no such item, the number is kept as typed.
    pub fn numbered(meeting: NaiveDate, number: Option<String>, read: Option<&Meeting>) -> Raised {
        let found = read.filter(|m| m.date == meeting).and_then(|m| {
            let number = number.as_deref()?;
            m.agenda.iter().find(|i| i.number == number)
        });
        match found {
            Some(item) => Raised::under(meeting, item, None),
            None => Raised { meeting, item: number, item_id: None, at: None },
        }
    }

    /// Takes the item's number and identity from `meeting`, the one it
    /// was raised at: the number its item bears now, the identity of the
    /// item a number alone names. What changed, as it was before: `None`
    /// if nothing did.
    fn follow(&mut self, meeting: &Meeting) -> Option<Raised> {
        let item = meeting.raised_item(self)?;
        let (number, id) = (Some(item.number.clone()), (!item.id.is_unset()).then(|| item.id.clone()));
        if self.item == number && (self.item_id == id || id.is_none()) {
            return None;
        }
        let was = self.clone();
        self.item = number;
        self.item_id = id.or(self.item_id.take());
        Some(was)
    }

    /// Whether two links name one place: the same meeting and time, and the
    /// same item by identity (whatever number each bears); where only one
    /// has the identity yet, it was given it as it was followed: the same.
    pub fn same_place(&self, other: &Raised) -> bool {
        let item = match (&self.item_id, &other.item_id) {
            (Some(a), Some(b)) => a == b,
            (None, None) => self.item == other.item,
            _ => true,
        };
        self.meeting == other.meeting && self.at == other.at && item
    }

    /// Whether the item it names by identity is gone from `meeting` (the
    /// one it was raised at): taken off a planned agenda, or never there.
    pub fn item_gone(&self, meeting: &Meeting) -> bool {
        self.linked_id().is_some() && meeting.date == self.meeting && meeting.raised_item(self).is_none()
    }

    /// The item's identity, if it has one (`"item_id": ""` typed by hand is none).
    fn linked_id(&self) -> Option<&Id> {
        self.item_id.as_ref().filter(|id| !id.is_unset())
    }
}

impl Meeting {
    /// The item an action was raised under, if it was raised at this
    /// meeting: found by its identity; by its number only when the link
    /// has no identity yet.
    pub fn raised_item(&self, raised: &Raised) -> Option<&AgendaItem> {
        if raised.meeting != self.date {
            return None;
        }
        match raised.linked_id() {
            Some(id) => self.agenda.iter().find(|i| i.id == *id),
            None => {
                let number = raised.item.as_deref()?;
                self.agenda.iter().find(|i| i.number == number)
            }
        }
    }
}

impl Workspace {
    /// The item an action was raised under, if its meeting is read.
    pub fn raised_item(&self, raised: &Raised) -> Option<&AgendaItem> {
        self.meetings.iter().find(|m| m.date == raised.meeting)?.raised_item(raised)
    }

    /// The number of the item an action was raised under, as it reads now:
    /// the item's own when its meeting is read, else the number stored. An
    /// identity its meeting no longer has names no number (`validate`
    /// reports it).
    pub fn raised_number<'a>(&'a self, raised: &'a Raised) -> Option<&'a str> {
        match self.meetings.iter().find(|m| m.date == raised.meeting) {
            Some(meeting) => match meeting.raised_item(raised) {
                Some(item) => Some(&item.number),
                None if raised.linked_id().is_none() => raised.item.as_deref(),
                None => None,
            },
            None => raised.item.as_deref(),
        }
    }
}

impl Workspace {
    /// Every action raised at a meeting read here bears its item's number
    /// now (`follow_items`): for a command that prints the log (a list, a
    /// sheet, `--json`). Not for the screen, which keeps the log as the disk
    /// has it (so that a reload is compared like with like) and shows each
    /// number through `raised_number`.
    pub fn follow_raised_items(&mut self) {
        follow_items(&mut self.actions.actions, &self.meetings);
    }
}

/// Actions raised under an item their meeting (one of `meetings`) does
/// not have: a link to nothing, said in words (`validate`).
pub fn gone_items<'a>(actions: &[Action], meetings: impl IntoIterator<Item = &'a Meeting>) -> Vec<Problem> {
    let by_date: HashMap<NaiveDate, &Meeting> = meetings.into_iter().map(|m| (m.date, m)).collect();
    let mut problems = Vec::new();
    for (i, action) in actions.iter().enumerate() {
        let Some(raised) = &action.raised else { continue };
        if !by_date.get(&raised.meeting).is_some_and(|m| raised.item_gone(m)) {
            continue;
        }
        let was = raised.item.as_deref().map_or(String::new(), |n| format!(" (item {n} when last saved)"));
        let message = format!(
            "{} was raised under an agenda item that the meeting of {} does not have{was}: put the item back on that agenda, or take \"item\" and \"item_id\" out of the action's \"raised\"",
            action.reference,
            raised.meeting.format("%-d %B %Y")
        );
        problems.push(Problem { file: WorkspaceFile::Actions, path: format!("actions[{i}].raised.item_id"), message });
    }
    problems
}

/// Every action raised at one of `meetings` takes its item's number and
/// identity from it (`Raised::follow`): a label that follows its item, so
/// no change of the action's, noted nowhere. Says how many changed.
pub fn follow_items<'a>(actions: &mut [Action], meetings: impl IntoIterator<Item = &'a Meeting>) -> usize {
    let by_date: HashMap<NaiveDate, &Meeting> = meetings.into_iter().map(|m| (m.date, m)).collect();
    if by_date.is_empty() {
        return 0;
    }
    let raised = actions.iter_mut().filter_map(|a| a.raised.as_mut());
    raised.filter_map(|r| by_date.get(&r.meeting).and_then(|m| r.follow(m))).count()
}

/// Actions raised at `before` follow their items into `after`, the same
/// meeting with its agenda numbered anew (reordered, an item taken off):
/// each link, by identity or by a number alone, names the item it named
/// before, and now stores its identity and the number it bears (a label:
/// noted nowhere). An action whose item was taken off keeps the meeting
/// and loses the item, noted in its history with `stamp`: a link to
/// nothing is not kept. Says how many changed.
pub fn renumbered(actions: &mut [Action], before: &Meeting, after: &Meeting, stamp: &Stamp) -> usize {
    let mut changed = 0;
    for action in actions.iter_mut() {
        let Some(raised) = action.raised.as_mut().filter(|r| r.meeting == before.date) else { continue };
        // A link that named nothing, or an item with no identity to follow, is left as it is.
        let Some(item) = before.raised_item(raised).filter(|i| !i.id.is_unset()) else { continue };
        match after.agenda.iter().find(|now| now.id == item.id) {
            Some(now) => {
                let linked = Raised::under(raised.meeting, now, raised.at);
                if *raised != linked {
                    *raised = linked;
                    changed += 1;
                }
            }
            None => {
                let number = raised.item.take().map_or(serde_json::Value::Null, serde_json::Value::String);
                raised.item_id = None;
                let fields = vec![FieldChange {
                    field: "raised.item".into(),
                    from: Some(number),
                    to: Some(serde_json::Value::Null),
                }];
                let why = format!("its item was taken off the agenda of {}", after.date.format("%-d %B %Y"));
                let reason = Some(stamp.reason.as_ref().map_or(why.clone(), |r| format!("{why}: {r}")));
                action.changes.push(Entry { at: stamp.at, by: stamp.by.clone(), added: false, fields, reason });
                changed += 1;
            }
        }
    }
    changed
}

#[cfg(test)]
mod tests;
