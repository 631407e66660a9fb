//! Which records of each document carry an identity and a history. The
//! compiler holds the list: a document is a `Document`, and each must say
//! how its identities are given and its history noted.

use super::board::{Group, Person};
use super::history::{self, Entry, Recorded, Stamp};
use super::id::{Id, give_all};
use super::{Action, ActionLog, Board, Meeting, Risk, RiskRegister};

/// A workspace document: the records it holds get identities, and what a
/// change did to them is noted in their histories.
pub trait Document {
    /// Gives every record without an identity one (a record typed in by
    /// hand, or read from a version-1 file); says whether any was given.
    fn give_ids(&mut self) -> bool;
    /// Notes in each changed record's history what changed since `before`.
    fn note_changes(&mut self, before: &Self, stamp: &Stamp);
}

macro_rules! recorded {
    ($($record:ty $(, quiet $quiet:expr)?);* $(;)?) => {$(
        impl Recorded for $record {
            fn id(&self) -> &Id {
                &self.id
            }
            fn history(&self) -> &[Entry] {
                &self.changes
            }
            fn history_mut(&mut self) -> &mut Vec<Entry> {
                &mut self.changes
            }
            $(const QUIET: &'static [&'static str] = $quiet;)?
        }
    )*};
}

recorded! {
    Action;
    Risk;
    Person;
    Group;
    // The journal is the timer's own record; the frozen minutes are noted
    // as the approval they come with.
    Meeting, quiet &["journal", "minutes"];
}

impl Document for Board {
    fn give_ids(&mut self) -> bool {
        let people = give_all(self.people.iter_mut().map(|p| &mut p.id));
        give_all(self.groups.iter_mut().map(|g| &mut g.id)) | people
    }
    fn note_changes(&mut self, before: &Self, stamp: &Stamp) {
        history::note(&before.people, &mut self.people, stamp);
        history::note(&before.groups, &mut self.groups, stamp);
    }
}

impl Document for ActionLog {
    fn give_ids(&mut self) -> bool {
        give_all(self.actions.iter_mut().map(|a| &mut a.id))
    }
    fn note_changes(&mut self, before: &Self, stamp: &Stamp) {
        history::note(&before.actions, &mut self.actions, stamp);
    }
}

impl Document for RiskRegister {
    fn give_ids(&mut self) -> bool {
        give_all(self.risks.iter_mut().map(|r| &mut r.id))
    }
    fn note_changes(&mut self, before: &Self, stamp: &Stamp) {
        history::note(&before.risks, &mut self.risks, stamp);
    }
}

impl Document for Meeting {
    fn give_ids(&mut self) -> bool {
        let ids = std::iter::once(&mut self.id)
            .chain(self.agenda.iter_mut().map(|i| &mut i.id))
            .chain(self.attendance.iter_mut().map(|a| &mut a.id))
            .chain(self.declarations.iter_mut().map(|d| &mut d.id))
            .chain(self.notes.iter_mut().map(|n| &mut n.id))
            .chain(self.decisions.iter_mut().map(|n| &mut n.id));
        give_all(ids)
    }
    fn note_changes(&mut self, before: &Self, stamp: &Stamp) {
        history::note_one(Some(before), self, stamp);
    }
}
