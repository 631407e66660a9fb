//! Moving a document from the schema version it was written in to this
//! build's, one step per version. A file is read as it is and upgraded when
//! it is next written; a version newer than this build's is refused (see
//! `store::parse`). To add version N+1: add a step to `steps`, bump
//! `SCHEMA_VERSION`, keep a version-N fixture and a test of its step.

use super::SCHEMA_VERSION;
use super::record::Document;
use super::{ActionLog, Board, Meeting, RiskRegister};

/// A document that knows its schema version.
pub trait Versioned: Document {
    fn version_mut(&mut self) -> &mut u32;
}

macro_rules! versioned {
    ($($document:ty),*) => {$(
        impl Versioned for $document {
            fn version_mut(&mut self) -> &mut u32 {
                &mut self.schema_version
            }
        }
    )*};
}

versioned!(Board, ActionLog, RiskRegister, Meeting);

type Step<T> = fn(&mut T);

/// The step from version `n` is at index `n - 1`.
fn steps<T: Versioned>() -> [Step<T>; SCHEMA_VERSION as usize - 1] {
    [identities_and_history, links_as_identities]
}

/// 1 → 2: every record gets its identity; each history begins empty (the
/// field is absent until the first change is noted).
fn identities_and_history<T: Versioned>(document: &mut T) {
    document.give_ids();
}

/// 2 → 3: links to people and groups are stored as their identities
/// (`model::link`). In memory a link is its initials in both versions, so
/// the step has nothing to change: the store writes the identities as it
/// writes the file with the register in force, and reads version-2 links
/// (initials) as they are.
fn links_as_identities<T: Versioned>(_document: &mut T) {}

/// Brings `document` to this build's version; says whether it was older.
pub fn upgrade<T: Versioned>(document: &mut T) -> bool {
    let from = *document.version_mut();
    for step in steps::<T>().iter().skip((from.max(1) - 1) as usize) {
        step(document);
    }
    *document.version_mut() = SCHEMA_VERSION;
    from < SCHEMA_VERSION
}
