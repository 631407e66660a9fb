//! The oracle: a plain model of what every change should do, applied once
//! per change, with what each laptop knew when it made it. A laptop knows
//! the changes it made and those it has pulled; a sync shares all it knows.
//! A field's expected value is the value of a write no later write knew of
//! (with two such writes, made apart, either may be kept), so the merge's
//! choice between concurrent edits is left to it, and nothing else is.

use std::collections::{BTreeMap, BTreeSet};

pub type Id = usize;

/// The records the changes made, by their unique tokens, and their fields.
#[derive(Default)]
pub struct Oracle {
    known: Vec<BTreeSet<Id>>,
    remote: BTreeSet<Id>,
    /// For each change, what its laptop knew when it made it.
    seen: Vec<BTreeSet<Id>>,
    writes: BTreeMap<(String, &'static str), Vec<(Id, String)>>,
    /// Per meeting date, each approval and its minutes as exported then.
    pub approvals: BTreeMap<String, Vec<(Id, String)>>,
    /// Every record made, by kind: ("action", token), ("note", "DATE token")…
    pub records: BTreeSet<(&'static str, String)>,
}

impl Oracle {
    pub fn new(laptops: usize) -> Oracle {
        // Change 0 is the board as every laptop cloned it.
        let all: BTreeSet<Id> = [0].into();
        Oracle {
            known: vec![all.clone(); laptops],
            remote: all.clone(),
            seen: vec![BTreeSet::new()],
            ..Oracle::default()
        }
    }

    /// A change made on laptop `c`, knowing what `c` knows.
    pub fn begin(&mut self, c: usize) -> Id {
        let id = self.seen.len();
        self.seen.push(self.known[c].clone());
        self.known[c].insert(id);
        id
    }

    /// Laptop `c` synced: it has everything the server had, and the server all it had.
    pub fn synced(&mut self, c: usize) {
        self.known[c].extend(self.remote.iter().copied());
        self.remote = self.known[c].clone();
    }

    /// Laptop `c` pulled (and pushed nothing): it has all the server had.
    pub fn pulled(&mut self, c: usize) {
        self.known[c].extend(self.remote.iter().copied());
    }

    pub fn write(&mut self, id: Id, key: &str, field: &'static str, value: impl Into<String>) {
        self.writes.entry((key.to_string(), field)).or_default().push((id, value.into()));
    }

    pub fn has_writes(&self, key: &str, field: &'static str) -> bool {
        self.writes.contains_key(&(key.to_string(), field))
    }

    /// The values the field may end with: those of the writes that count
    /// (`counts`) and that no other counting write knew of. None if never written.
    pub fn expected_if(&self, key: &str, field: &'static str, counts: impl Fn(Id) -> bool) -> Option<Vec<String>> {
        let writes: Vec<&(Id, String)> =
            self.writes.get(&(key.to_string(), field))?.iter().filter(|(id, _)| counts(*id)).collect();
        let latest = writes.iter().filter(|(id, _)| !writes.iter().any(|(later, _)| self.seen[*later].contains(id)));
        let mut values: Vec<String> = latest.map(|(_, v)| v.clone()).collect();
        values.sort();
        values.dedup();
        Some(values)
    }

    pub fn expected(&self, key: &str, field: &'static str) -> Option<Vec<String>> {
        self.expected_if(key, field, |_| true)
    }

    /// Whether a change to the meeting of `date` belongs in its minutes:
    /// yes when the meeting is not approved or every approval knew of it, no
    /// when none did (it is kept aside), None when approvals made apart differ.
    pub fn in_minutes(&self, date: &str, id: Id) -> Option<bool> {
        let Some(approvals) = self.approvals.get(date) else { return Some(true) };
        let knew = approvals.iter().filter(|(approval, _)| self.seen[*approval].contains(&id)).count();
        match knew {
            0 => Some(false),
            n if n == approvals.len() => Some(true),
            _ => None,
        }
    }
}

impl Oracle {
    /// The change that first wrote the field (a note's add).
    pub fn writer(&self, key: &str, field: &'static str) -> Id {
        self.writes.get(&(key.to_string(), field)).and_then(|w| w.first()).map_or(0, |w| w.0)
    }

    /// Whether approvals made apart disagree on one of the field's writes.
    pub fn mixed_minutes(&self, date: &str, key: &str, field: &'static str) -> bool {
        let writes = self.writes.get(&(key.to_string(), field));
        writes.is_some_and(|w| w.iter().any(|(id, _)| *id != 0 && self.in_minutes(date, *id).is_none()))
    }
}

impl Oracle {
    /// Whether the record was deleted on one laptop while another changed
    /// it: if the merge brings it back, the edits the deleting laptop made
    /// before the delete and never shared went with the delete (no
    /// three-way merge can see them), so its fields are the merge's choice.
    pub fn delete_contested(&self, key: &str) -> bool {
        let Some(writes) = self.writes.get(&(key.to_string(), "exists")) else { return false };
        let apart = |a: Id, b: Id| !self.seen[a].contains(&b) && !self.seen[b].contains(&a);
        writes.iter().any(|(d, v)| v == "no" && writes.iter().any(|(y, w)| w == "yes" && apart(*d, *y)))
    }
}
