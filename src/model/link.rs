//! Links to people and groups: an action's owners, a risk's owner, an
//! item's leads, an attendance mark and the member a deputy stands in for,
//! a declaration, a group's members. In memory a link is the initials
//! people see and type, unique in the register at any moment; in the
//! files it is the person's identity, so that initials corrected on one
//! laptop, or given to two different people on two laptops, leave every
//! link on the person it was made to (issue: identity is not a label).
//!
//! The store translates as it reads and writes a file: with a register
//! `in_force` and within `reading_file`/`writing_file` (set only around a
//! file's parse or its serialization), the link fields marked
//! `#[serde(with = "link::…")]` turn an identity into the initials it
//! bears now, and initials into the identity. Outside them (a history entry, the recovery file, `--json`
//! output) a link is what it is in memory. A link typed in a file by hand
//! as initials is read as it is and stored as an identity on the next write.

use super::Board;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::cell::{Cell, RefCell};
use std::collections::HashMap;
use std::sync::Arc;

/// Initials to identities and back, for one register.
#[derive(Debug, Default)]
pub struct Directory {
    ids: HashMap<String, String>,
    labels: HashMap<String, String>,
    /// Initials a person bore before a correction, to those they bear now.
    former: HashMap<String, String>,
}

/// What a link field does as it is serialized or read now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// In memory, a history entry, `--json`: a link is its initials.
    AsIs,
    /// A workspace file being read: identities become initials.
    Reading,
    /// A workspace file being written: initials become identities.
    Writing,
}

thread_local! {
    /// The register the store works with now (`in_force`).
    static REGISTER: RefCell<Option<Arc<Directory>>> = const { RefCell::new(None) };
    static MODE: Cell<Mode> = const { Cell::new(Mode::AsIs) };
    /// The agenda of the meeting being written: item numbers to identities.
    static AGENDA: RefCell<Option<HashMap<String, String>>> = const { RefCell::new(None) };
}

/// Runs `write` with the item links of one meeting (a note's item, a
/// declaration's, a guest's items) stored as the identities of the items
/// its agenda numbers so; the agenda before is put back after.
pub fn with_agenda<R>(numbers: HashMap<String, String>, write: impl FnOnce() -> R) -> R {
    struct Back(Option<HashMap<String, String>>);
    impl Drop for Back {
        fn drop(&mut self) {
            let before = self.0.take();
            AGENDA.with(|a| *a.borrow_mut() = before);
        }
    }
    let _back = Back(AGENDA.with(|a| a.borrow_mut().replace(numbers)));
    write()
}

/// An item link as it goes into a file now: the item's identity when a
/// meeting file is written and its agenda knows the number.
fn stored_item(number: &str) -> String {
    if MODE.with(Cell::get) != Mode::Writing {
        return number.to_string();
    }
    AGENDA
        .with(|a| a.borrow().as_ref().and_then(|numbers| numbers.get(number).cloned()))
        .unwrap_or_else(|| number.to_string())
}

/// While held, the store's file reads and writes on this thread translate
/// links with this register; the one before is put back when dropped.
#[must_use = "the register is in force only while this is held"]
pub struct InForce(Option<Arc<Directory>>);

impl Drop for InForce {
    fn drop(&mut self) {
        let before = self.0.take();
        REGISTER.with(|r| *r.borrow_mut() = before);
    }
}

/// Puts the mode back when a parse or a write ends (or unwinds).
struct Back(Mode);

impl Drop for Back {
    fn drop(&mut self) {
        MODE.with(|m| m.set(self.0));
    }
}

fn in_mode<R>(mode: Mode, run: impl FnOnce() -> R) -> R {
    let _back = Back(MODE.with(|m| m.replace(mode)));
    run()
}

/// Runs a workspace file's parse: its links read as initials.
pub fn reading_file<R>(parse: impl FnOnce() -> R) -> R {
    in_mode(Mode::Reading, parse)
}

/// Runs a workspace file's serialization: its links stored as identities.
pub fn writing_file<R>(write: impl FnOnce() -> R) -> R {
    in_mode(Mode::Writing, write)
}

/// The register in force on this thread, to hand to another thread.
pub fn register() -> Option<Arc<Directory>> {
    REGISTER.with(|r| r.borrow().clone())
}

/// Puts `directory` in force on this thread until the result is dropped.
pub fn in_force(directory: Option<Arc<Directory>>) -> InForce {
    InForce(REGISTER.with(|r| std::mem::replace(&mut *r.borrow_mut(), directory)))
}

impl Directory {
    /// The register's people and groups, retired ones too (old records
    /// still name them). Initials a person bore before a correction still
    /// find them, so an older file's links are stored on the right person.
    pub fn of(board: &Board) -> Arc<Directory> {
        let mut directory = Directory::default();
        for person in board.people.iter().filter(|p| !p.id.is_unset()) {
            let former = person.changes.iter().flat_map(|e| &e.fields).filter(|f| f.field == "initials");
            for was in former.filter_map(|f| f.from.as_ref()?.as_str()) {
                directory.ids.insert(was.to_string(), person.id.as_str().to_string());
                directory.former.insert(was.to_string(), person.initials.clone());
            }
        }
        let people = board.people.iter().map(|p| (&p.id, &p.initials, p.retired));
        let groups = board.groups.iter().map(|g| (&g.id, &g.initials, g.retired));
        // Retired entries first, so that a current one bearing the same
        // identity (mid-rename) is the name it resolves to.
        let (retired, current): (Vec<_>, Vec<_>) = people.chain(groups).partition(|e| e.2);
        for (id, initials, _) in retired.into_iter().chain(current).filter(|e| !e.0.is_unset()) {
            directory.ids.insert(initials.clone(), id.as_str().to_string());
            directory.labels.insert(id.as_str().to_string(), initials.clone());
        }
        Arc::new(directory)
    }

    /// The initials an identity bears now, or initials typed by hand that
    /// a person bore before a correction; anything else (current initials,
    /// a name not in the register) as it is.
    pub fn label_of(&self, stored: &str) -> String {
        if let Some(label) = self.labels.get(stored) {
            return label.clone();
        }
        let current = self.ids.get(stored).is_some_and(|id| self.labels.get(id).is_some_and(|l| l == stored));
        match self.former.get(stored).filter(|_| !current) {
            Some(now) => now.clone(),
            None => stored.to_string(),
        }
    }

    /// The identity of whoever bears `initials`; initials the register
    /// does not know (yet) as they are.
    pub fn id_of(&self, initials: &str) -> String {
        self.ids.get(initials).cloned().unwrap_or_else(|| initials.to_string())
    }
}

impl Directory {
    /// A sentence with every identity it names said as initials: what a
    /// merge, which works on the files' identities, reports or notes.
    pub fn relabel(&self, text: &str) -> String {
        let mut out = text.to_string();
        for (id, label) in &self.labels {
            if out.contains(id.as_str()) {
                out = out.replace(id.as_str(), label);
            }
        }
        out
    }

    /// `relabel` through a JSON value: every string in it.
    pub fn relabel_value(&self, value: &mut serde_json::Value) {
        use serde_json::Value;
        match value {
            Value::String(text) => *text = self.relabel(text),
            Value::Array(items) => items.iter_mut().for_each(|v| self.relabel_value(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.relabel_value(v)),
            _ => {}
        }
    }
}

/// Translates with the register in force, if the mode asks for it.
fn translate(link: &str, mode: Mode) -> Option<String> {
    if MODE.with(Cell::get) != mode {
        return None;
    }
    REGISTER.with(|r| {
        let register = r.borrow();
        let directory = register.as_ref()?;
        Some(match mode {
            Mode::Writing => directory.id_of(link),
            _ => directory.label_of(link),
        })
    })
}

/// A link as it goes into a file now.
fn stored(link: &str) -> String {
    translate(link, Mode::Writing).unwrap_or_else(|| link.to_string())
}

/// A link as read from a file now.
fn read(stored: String) -> String {
    translate(&stored, Mode::Reading).unwrap_or(stored)
}

/// One link: `#[serde(with = "link::one")]`.
pub mod one {
    use super::*;

    pub fn serialize<S: Serializer>(link: &str, s: S) -> Result<S::Ok, S::Error> {
        stored(link).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        String::deserialize(d).map(read)
    }
}

/// A list of links: `#[serde(with = "link::many")]`.
pub mod many {
    use super::*;

    pub fn serialize<S: Serializer>(links: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(links.iter().map(|l| stored(l)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Vec::<String>::deserialize(d).map(|links| links.into_iter().map(read).collect())
    }
}

/// A link that may be absent: `#[serde(with = "link::maybe")]`.
pub mod maybe {
    use super::*;

    pub fn serialize<S: Serializer>(link: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        link.as_deref().map(stored).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Option::<String>::deserialize(d).map(|link| link.map(read))
    }
}

/// An agenda item named by a record of the same meeting:
/// `#[serde(with = "link::item")]`. Read back to the item's number once
/// the whole meeting is read (its agenda is then known).
pub mod item {
    use super::*;

    pub fn serialize<S: Serializer>(number: &str, s: S) -> Result<S::Ok, S::Error> {
        stored_item(number).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
        String::deserialize(d)
    }
}

/// An agenda item a record of the same meeting may name (a timer event's):
/// `#[serde(with = "link::maybe_item")]`.
pub mod maybe_item {
    use super::*;

    pub fn serialize<S: Serializer>(number: &Option<String>, s: S) -> Result<S::Ok, S::Error> {
        number.as_deref().map(stored_item).serialize(s)
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
        Option::<String>::deserialize(d)
    }
}

/// Agenda items named by a record of the same meeting: `#[serde(with = "link::items")]`.
pub mod items {
    use super::*;

    pub fn serialize<S: Serializer>(numbers: &[String], s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq(numbers.iter().map(|n| stored_item(n)))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
        Vec::<String>::deserialize(d)
    }
}

#[cfg(test)]
mod tests;
