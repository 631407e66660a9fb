//! Identities: what links records, as labels (A14, R3, "item 5", GB) are
//! only what people see and say. A label can clash on two laptops or be
//! corrected; an identity is made once, never reused and never shown
//! unless asked, so links that hold it survive both.

use serde::{Deserialize, Serialize};

/// The name of the identity field in every record, and of the history
/// field beside it: fields that say what a record *is* and how it came to
/// be, never a value the user sets. A change restoring a record as the
/// user saw it leaves both as they are on disk (see `change::fields`).
pub const BOOKKEEPING_FIELDS: [&str; 2] = [ID_FIELD, super::history::HISTORY_FIELD];
pub const ID_FIELD: &str = "id";

/// Twelve characters of Crockford base 32: 60 random bits. A hundred
/// years of a board (about 110,000 records) give two records the same
/// identity with a chance of about one in 200 million.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Default, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id(String);

const ALPHABET: &[u8; 32] = b"0123456789abcdefghjkmnpqrstvwxyz";
const LENGTH: usize = 12;

impl Id {
    /// A new identity. Its randomness is the standard library's: each
    /// thread's hasher keys come from the operating system's random source,
    /// and a counter makes every record made in one process differ. No
    /// clock is read (the model reads none).
    pub fn fresh() -> Id {
        use std::hash::{BuildHasher, Hasher};
        use std::sync::atomic::{AtomicU64, Ordering};
        static COUNTER: AtomicU64 = AtomicU64::new(0);
        let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
        hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
        let mut bits = hasher.finish();
        let text = (0..LENGTH)
            .map(|_| {
                let c = ALPHABET[(bits & 31) as usize] as char;
                bits >>= 5;
                c
            })
            .collect();
        Id(text)
    }

    /// Whether a text has an identity's shape (what a link in a file
    /// holds, `model::link`), rather than initials typed by hand.
    pub fn looks_like(text: &str) -> bool {
        text.len() == LENGTH && text.bytes().all(|b| ALPHABET.contains(&b))
    }

    /// Not yet given: a record typed into the file by hand, or from a
    /// version-1 workspace. It is given one on the next write.
    pub fn is_unset(&self) -> bool {
        self.0.is_empty()
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Gives this record an identity if it has none.
    pub fn give(&mut self) {
        if self.is_unset() {
            *self = Id::fresh();
        }
    }
}

impl std::fmt::Display for Id {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A document whose records carry identities.
pub trait Identified {
    /// Gives every record that has none its identity; says whether any was given.
    fn give_ids(&mut self) -> bool;
}

/// Gives each of `ids` one if it has none; whether any was given.
pub(crate) fn give_all<'a>(ids: impl Iterator<Item = &'a mut Id>) -> bool {
    let mut given = false;
    for id in ids {
        given |= id.is_unset();
        id.give();
    }
    given
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fresh_identities_differ_and_read_aloud_badly_on_purpose() {
        let ids: std::collections::HashSet<Id> = (0..10_000).map(|_| Id::fresh()).collect();
        assert_eq!(ids.len(), 10_000);
        assert!(ids.iter().all(|id| id.as_str().len() == LENGTH));
    }

    #[test]
    fn giving_keeps_an_identity_already_there() {
        let mut id = Id::fresh();
        let before = id.clone();
        id.give();
        assert_eq!(id, before);
        let mut unset = Id::default();
        assert!(unset.is_unset());
        unset.give();
        assert!(!unset.is_unset());
    }
}
