//! A list of records merged by identity: each record matched across the
//! three versions by its `id` (by its label only when a version has none,
//! as a version-1 file), then taken whole from the side that changed it, or
//! merged field by field when both did. Records are seen through `Rec`, a
//! key, a label and a digest of the whole record, so that a long list whose
//! records are mostly the same on every side is merged without reading
//! them: the store streams a long log this way (see `store::merge`). The
//! indexes are hash maps: the merge is linear in the length of the list.

use super::order;
use super::{Merger, Rank, Side};
use serde_json::Value;
use std::collections::{HashMap, HashSet};
use std::hash::{DefaultHasher, Hasher};

/// One record of a list as the merge sees it.
#[derive(Debug, Clone)]
pub struct Rec {
    /// A hash of its identity; zero when it has none (typed in by hand).
    pub id: u64,
    /// What people call it: "A14", "CF", "5".
    pub label: Label,
    /// A hash of the whole record as canonical JSON: equal records, equal digests.
    pub digest: u64,
}

impl Rec {
    pub fn new(id: &str, label: &str, canonical: &[u8]) -> Rec {
        let id = if id.is_empty() { 0 } else { hash(b"id", id.as_bytes()) | 1 };
        Rec { id, label: Label::new(label), digest: hash(b"", canonical) }
    }

    fn label_key(&self) -> u64 {
        hash(b"label", self.label.as_bytes()) & !1
    }
}

/// A label, held without an allocation when short (a ref, initials, a
/// number): a long log's index is mostly labels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    Short(u8, [u8; 22]),
    Long(Box<str>),
}

impl Label {
    pub fn new(text: &str) -> Label {
        match text.len() {
            n if n <= 22 => {
                let mut bytes = [0; 22];
                bytes[..n].copy_from_slice(text.as_bytes());
                Label::Short(n as u8, bytes)
            }
            _ => Label::Long(text.into()),
        }
    }
}

impl std::ops::Deref for Label {
    type Target = str;
    fn deref(&self) -> &str {
        match self {
            // Made from a whole `str` of this length: a UTF-8 boundary.
            Label::Short(n, bytes) => std::str::from_utf8(&bytes[..usize::from(*n)]).unwrap_or(""),
            Label::Long(text) => text,
        }
    }
}

/// The same for the same bytes in every process (SipHash with fixed keys).
fn hash(tag: &[u8], bytes: &[u8]) -> u64 {
    let mut hasher = DefaultHasher::new();
    hasher.write(tag);
    hasher.write(bytes);
    hasher.finish()
}

/// Where a merged record comes from: one side's record as it is, or a new
/// value made by the merge.
#[derive(Debug, Clone)]
pub enum Out {
    Kept(Side, usize),
    Made(Value),
}

/// A record of the merged list, with its label and whose label it bears.
#[derive(Debug, Clone)]
pub struct Placed {
    pub out: Out,
    pub label: Label,
    pub rank: Rank,
    /// New on one side only since the base: the other side never had it.
    pub alone: bool,
}

/// How the records of a list are matched and named.
#[derive(Clone, Copy)]
pub(super) struct Spec<'a> {
    /// "item", "attendance of": said before a label in the report.
    pub what: &'a str,
    /// The field holding the label.
    pub label: &'a str,
    /// Matched by the label alone (attendance: one entry a person).
    pub by_label: bool,
}

/// Each record's key: its identity; its label when it has none, or when it
/// gained one on a side since the base (the base's record had none).
fn keys(recs: &[Rec], base_unnamed: &HashSet<u64>, base_ids: &HashSet<u64>, by_label: bool) -> Vec<u64> {
    let mut seen = HashSet::with_capacity(recs.len());
    recs.iter()
        .enumerate()
        .map(|(i, r)| {
            let label = r.label_key();
            let key = match r.id {
                _ if by_label => label,
                0 => label,
                id if !base_ids.contains(&id) && base_unnamed.contains(&label) => label,
                id => id,
            };
            // Two records with one key on a side (a hand edit) stay two.
            if seen.insert(key) { key } else { hash(b"twice", &(key ^ i as u64).to_le_bytes()) }
        })
        .collect()
}

/// Reads one side's record, when the merge needs its fields.
pub type Load<'a> = dyn FnMut(Side, usize) -> Value + 'a;

impl Merger {
    /// The merged list, in order, each record with where it comes from.
    pub(super) fn records(&mut self, spec: Spec, sides: [&[Rec]; 3], load: &mut Load) -> Vec<Placed> {
        let [base, ours, theirs] = sides;
        let base_ids: HashSet<u64> = base.iter().map(|r| r.id).filter(|&id| id != 0).collect();
        let unnamed: HashSet<u64> = base.iter().filter(|r| r.id == 0).map(Rec::label_key).collect();
        let key = |recs: &[Rec]| keys(recs, &unnamed, &base_ids, spec.by_label);
        let (kb, ko, kt) = (key(base), key(ours), key(theirs));
        let index =
            |keys: &[u64]| -> HashMap<u64, u32> { keys.iter().enumerate().map(|(i, k)| (*k, i as u32)).collect() };
        let (ib, io, it) = (index(&kb), index(&ko), index(&kt));
        let mut out = Vec::with_capacity(ours.len().max(theirs.len()));
        for key in order::merged(&kb, &ko, &kt) {
            let get = |index: &HashMap<u64, u32>| index.get(&key).map(|&i| i as usize);
            let found = (get(&ib), get(&io), get(&it));
            out.extend(self.one(spec, sides, found, load));
        }
        out
    }

    /// One record, three ways; `None` when it is gone.
    fn one(&mut self, spec: Spec, sides: [&[Rec]; 3], found: Found, load: &mut Load) -> Option<Placed> {
        let [base, ours, theirs] = sides;
        let kept = |side: Side, i: usize, rank: Rank| {
            let label = [base, ours, theirs][side as usize][i].label.clone();
            Some(Placed { out: Out::Kept(side, i), label, rank, alone: false })
        };
        let rank_of = |label: &str, b: Option<usize>, t: Option<usize>| match (b, t) {
            (Some(b), _) if *base[b].label == *label => Rank::Base,
            (_, Some(t)) if *theirs[t].label == *label => Rank::Theirs,
            _ => Rank::Ours,
        };
        match found {
            (Some(b), Some(o), Some(t)) => {
                let (db, d_o, dt) = (base[b].digest, ours[o].digest, theirs[t].digest);
                if d_o == dt || dt == db {
                    return kept(Side::Ours, o, rank_of(&ours[o].label, Some(b), Some(t)));
                }
                if d_o == db {
                    return kept(Side::Theirs, t, rank_of(&theirs[t].label, Some(b), Some(t)));
                }
                let name = self.name(spec, &ours[o].label);
                let value = self.record(&name, &load(Side::Base, b), &load(Side::Ours, o), &load(Side::Theirs, t));
                let label = Label::new(&label_of(&value, spec.label));
                Some(Placed { rank: rank_of(&label, Some(b), Some(t)), out: Out::Made(value), label, alone: false })
            }
            (None, Some(o), Some(t)) if ours[o].digest == theirs[t].digest => kept(Side::Theirs, t, Rank::Theirs),
            (None, Some(o), Some(t)) => {
                let name = self.name(spec, &theirs[t].label);
                let empty = Value::Object(Default::default());
                let value = self.record(&name, &empty, &load(Side::Ours, o), &load(Side::Theirs, t));
                let label = Label::new(&label_of(&value, spec.label));
                Some(Placed { rank: rank_of(&label, None, Some(t)), out: Out::Made(value), label, alone: false })
            }
            (None, Some(o), None) => kept(Side::Ours, o, Rank::Ours).map(|p| Placed { alone: true, ..p }),
            (None, None, Some(t)) => kept(Side::Theirs, t, Rank::Theirs).map(|p| Placed { alone: true, ..p }),
            (Some(b), Some(i), None) | (Some(b), None, Some(i)) => {
                let side = if found.1.is_some() { Side::Ours } else { Side::Theirs };
                let rec = &[base, ours, theirs][side as usize][i];
                if rec.digest == base[b].digest || only_relabelled(&load(Side::Base, b), &load(side, i), spec.label) {
                    return None;
                }
                let rank = if *rec.label == *base[b].label { Rank::Base } else { Rank::Ours };
                let name = self.name(spec, &rec.label);
                let removed_by = if side == Side::Ours { Side::Theirs } else { Side::Ours };
                Some(match self.closed_elsewhere(&base[b].label, removed_by) {
                    true => self.kept_closed(&name, load(side, i), spec.label, rank),
                    false => {
                        self.report.push(format!("{name}: removed on one machine but changed on the other; kept"));
                        kept(side, i, rank)?
                    }
                })
            }
            (_, None, None) => None,
        }
    }

    fn name(&self, spec: Spec, label: &str) -> String {
        format!("{} {label}", spec.what).trim().to_string()
    }
}

type Found = (Option<usize>, Option<usize>, Option<usize>);

/// Whether a record differs from its base only by what an earlier merge
/// did to it (its label renumbered, noted in its history): no change of
/// anyone's, so its removal on the other machine stands.
fn only_relabelled(base: &Value, kept: &Value, label: &str) -> bool {
    let without = |v: &Value| {
        let mut v = v.clone();
        if let Some(map) = v.as_object_mut() {
            map.remove(label);
            map.remove(crate::model::history::HISTORY_FIELD);
        }
        v
    };
    without(base) == without(kept)
}

/// A record's label as its list names it.
pub(super) fn label_of(value: &Value, field: &str) -> String {
    match value.get(field) {
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
        None => value.to_string(),
    }
}
