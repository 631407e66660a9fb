//! Labels that clash once two laptops' work is merged: two records with one
//! ref (A14, R14), one person's initials, one agenda item number. Both
//! records stay; the other machine's keeps its label (it was shared first)
//! and this machine's is given the next free one (a ref never given before,
//! retired or archived; "CF2" for initials), in its history and the
//! report. Links hold identities, so nothing else needs rewriting. A
//! planned meeting's agenda is numbered by its order, and numbered again.

use super::records::{Load, Placed};
use super::{FieldChange, Merger, Out, Rank, Side};
use serde_json::Map;
use serde_json::Value;
use std::collections::{HashMap, HashSet};

/// How a list's labels are given.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Clash {
    /// Refs in the log's own style, never one retired or archived.
    Ref,
    /// A person's or group's initials: "CF2" after "CF".
    Initials,
    /// An item number of a meeting under way: after the highest.
    Number,
}

/// One merged list whose labels share a namespace with the others given.
pub(crate) struct Labelled<'a, 'b> {
    pub list: &'a mut Vec<Placed>,
    pub load: &'a mut Load<'b>,
    /// The field holding the label, and whether the record keeps a history.
    pub field: &'static str,
    pub history: bool,
}

impl Merger {
    /// Renumbers this machine's records whose label another record bears,
    /// and any new record bearing a retired ref.
    pub(crate) fn clashes(
        &mut self,
        clash: Clash,
        lists: &mut [Labelled],
        retired: &HashSet<String>,
        archived: &[String],
    ) {
        let mut by_label: HashMap<&str, Vec<(Rank, usize, usize)>> = HashMap::new();
        let mut alone: HashSet<(usize, usize)> = HashSet::new();
        for (g, labelled) in lists.iter().enumerate() {
            for (at, placed) in labelled.list.iter().enumerate() {
                by_label.entry(&*placed.label).or_default().push((placed.rank, g, at));
                if placed.alone {
                    alone.insert((g, at));
                }
            }
        }
        let mut moved: Vec<(usize, usize)> = Vec::new();
        for (label, mut bearers) in by_label {
            bearers.sort();
            let keep =
                if retired.contains(label) { bearers.iter().take_while(|b| b.0 == Rank::Base).count() } else { 1 };
            let (kept, clashed) = bearers.split_at(keep.min(bearers.len()));
            moved.extend(clashed.iter().map(|&(_, g, at)| (g, at)));
            // Given on one machine while the other gave it too and has since archived its record.
            let archived_there = |&&(rank, g, at): &&(Rank, usize, usize)| {
                clash == Clash::Ref && alone.contains(&(g, at)) && self.archived_elsewhere(label, rank)
            };
            moved.extend(kept.iter().filter(archived_there).map(|&(_, g, at)| (g, at)));
        }
        if moved.is_empty() {
            return;
        }
        moved.sort();
        // The list's own refs last: the next ref is in the style of its last record.
        let mut taken: Vec<String> = archived.to_vec();
        taken.extend(retired.iter().cloned());
        taken.extend(lists.iter().flat_map(|l| l.list.iter().map(|p| p.label.to_string())));
        let mut in_use: HashSet<String> = taken.iter().cloned().collect();
        for (g, at) in moved {
            let old = lists[g].list[at].label.to_string();
            let new = match clash {
                Clash::Ref => crate::model::refs::next_ref_after(taken.iter().map(String::as_str)),
                Clash::Initials => (2..).map(|n| format!("{old}{n}")).find(|l| !in_use.contains(l)).expect("unbounded"),
                Clash::Number => next_number(&in_use),
            };
            taken.push(new.clone());
            in_use.insert(new.clone());
            let retired_ref = retired.contains(&old);
            let value = self.relabel(&mut lists[g], at, &new);
            self.report.push(said(clash, &old, &new, &value, retired_ref));
        }
    }

    /// Whether a record new on one side bears a ref the other side gave to
    /// a record of its own, since archived: the archive keeps that ref, so
    /// this one is renumbered as any clash is.
    fn archived_elsewhere(&self, label: &str, rank: Rank) -> bool {
        let other = match rank {
            Rank::Base => return false,
            Rank::Theirs => Side::Ours,
            Rank::Ours => Side::Theirs,
        };
        let archived = |side: Side| &self.archived[side as usize];
        crate::model::refs::given_by(label, archived(other))
            && !crate::model::refs::given_by(label, archived(Side::Base))
    }

    /// Gives a merged record a new label, noted in its history if it keeps one.
    fn relabel(&self, labelled: &mut Labelled, at: usize, new: &str) -> Value {
        let placed = &mut labelled.list[at];
        let mut value = match std::mem::replace(&mut placed.out, Out::Made(Value::Null)) {
            Out::Kept(side, i) => (labelled.load)(side, i),
            Out::Made(value) => value,
        };
        let old = std::mem::replace(&mut placed.label, super::records::Label::new(new)).to_string();
        value[labelled.field] = Value::String(new.to_string());
        if labelled.history {
            let field = labelled.field.replace('_', " ");
            let fields =
                vec![FieldChange { field, from: Some(Value::String(old)), to: Some(Value::String(new.into())) }];
            self.noted(
                &mut value,
                fields,
                "renumbered in a merge: the other machine had given this label to another record",
            );
        }
        placed.out = Out::Made(value.clone());
        value
    }

    /// A planned meeting's agenda numbered 1, 2, 3… in its merged order;
    /// what moved is reported.
    pub(crate) fn consecutive(&mut self, labelled: &mut Labelled) {
        for at in 0..labelled.list.len() {
            let number = (at + 1).to_string();
            if *labelled.list[at].label != *number {
                let old = labelled.list[at].label.to_string();
                let value = self.relabel(labelled, at, &number);
                let title = value.get("title").and_then(Value::as_str).unwrap_or("");
                self.report.push(format!("item {old} “{title}” is now item {number}, in the merged agenda's order"));
            }
        }
    }
}

impl Merger {
    /// The labels of a document read whole made unique: `lists` are its
    /// merged lists named `names`, each from its three `sides`.
    pub(super) fn labels(
        &mut self,
        out: &Map<String, Value>,
        names: &[String],
        lists: &mut [Vec<Placed>],
        sides: &[[Vec<Value>; 3]],
    ) {
        use super::Document::{Board, Meeting};
        let strings = |key: &str| -> Vec<String> {
            let values = out.get(key).and_then(Value::as_array).into_iter().flatten();
            values.filter_map(Value::as_str).map(str::to_string).collect()
        };
        let (retired, archived): (HashSet<String>, _) = (strings("retired").into_iter().collect(), strings("archived"));
        let doc = self.doc;
        let chosen = |name: &str| name == doc.records_field() || (doc == Board && name == "groups");
        let mut loads: Vec<Box<Load>> = Vec::new();
        for (name, sides) in names.iter().zip(sides) {
            if chosen(name) {
                loads.push(Box::new(move |s: Side, i: usize| sides[s as usize][i].clone()));
            }
        }
        let field = match doc {
            Meeting => "number",
            Board => "initials",
            _ => "ref",
        };
        let history = doc != Meeting;
        let mut labelled: Vec<Labelled> = (names.iter().zip(lists.iter_mut()))
            .filter(|(name, _)| chosen(name))
            .zip(loads.iter_mut())
            .map(|((_, list), load)| Labelled { list, load: &mut **load, field, history })
            .collect();
        let planned = out.get("journal").and_then(Value::as_array).is_none_or(Vec::is_empty)
            && out.get("approved").is_none_or(Value::is_null);
        match doc {
            Meeting if planned => labelled.iter_mut().for_each(|l| self.consecutive(l)),
            Meeting => self.clashes(Clash::Number, &mut labelled, &retired, &archived),
            Board => self.clashes(Clash::Initials, &mut labelled, &retired, &archived),
            _ => self.clashes(Clash::Ref, &mut labelled, &retired, &archived),
        }
    }
}

/// One more than the highest item number in use.
fn next_number(in_use: &HashSet<String>) -> String {
    let highest =
        in_use.iter().filter_map(|l| l.trim_end_matches(|c: char| c.is_alphabetic()).parse::<u64>().ok()).max();
    (highest.unwrap_or(0) + 1).to_string()
}

/// The report's line for one record renumbered.
fn said(clash: Clash, old: &str, new: &str, value: &Value, retired: bool) -> String {
    let name = value.get("name").or(value.get("title")).and_then(Value::as_str).unwrap_or("");
    match clash {
        Clash::Ref if retired => {
            format!(
                "{old} had been retired on one machine (deleted as added by mistake): the new record given it is now {new}"
            )
        }
        Clash::Ref => format!("{old} was given on both machines: this machine's is now {new}"),
        Clash::Initials => {
            let command = if value.get("members").is_some() { "groups" } else { "people" };
            format!(
                "{old} was given to two on two machines: this machine's {name} is now {new}; change it with `gavel {command} edit {new} --initials …`"
            )
        }
        Clash::Number => format!("item {old} was given on both machines: this machine's “{name}” is now item {new}"),
    }
}
