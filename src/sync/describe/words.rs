//! Records before and after, matched by identity, into phrases.

use crate::model::id::Id;
use crate::model::{Action, Meeting, Risk};
use std::collections::{BTreeMap, HashMap};

/// A record's identity, or its ref when it has none (typed in by hand).
fn key<'a>(id: &'a Id, reference: &'a str) -> (bool, &'a str) {
    if *id == Id::default() { (false, reference) } else { (true, id.as_str()) }
}

/// Phrases grouped by what happened: "A15–A17 added", "A4, A9 done".
#[derive(Default)]
struct Grouped(Vec<(String, Vec<String>)>);

impl Grouped {
    fn add(&mut self, reference: &str, what: String) {
        match self.0.iter_mut().find(|(w, _)| *w == what) {
            Some((_, refs)) => refs.push(reference.to_string()),
            None => self.0.push((what, vec![reference.to_string()])),
        }
    }

    fn phrases(self) -> Vec<String> {
        self.0.into_iter().map(|(what, refs)| format!("{} {what}", spans(refs))).collect()
    }
}

/// "A15–A17, A20": runs of three or more consecutive refs as a span.
fn spans(mut refs: Vec<String>) -> String {
    let split = |r: &str| {
        let digits = r.len() - r.bytes().rev().take_while(u8::is_ascii_digit).count();
        (r[..digits].to_string(), r[digits..].parse::<u64>().ok())
    };
    refs.sort_by_key(|r| split(r));
    refs.dedup();
    let mut out: Vec<String> = Vec::new();
    let mut run: Vec<&String> = Vec::new();
    let flush = |run: &mut Vec<&String>, out: &mut Vec<String>| {
        if run.len() >= 3 {
            out.push(format!("{}–{}", run[0], run[run.len() - 1]));
        } else {
            out.extend(run.iter().map(|r| r.to_string()));
        }
        run.clear();
    };
    for r in &refs {
        let follows = run.last().is_some_and(|last| {
            let ((p, n), (q, m)) = (split(last), split(r));
            p == q && n.zip(m).is_some_and(|(n, m)| m == n + 1)
        });
        if !follows {
            flush(&mut run, &mut out);
        }
        run.push(r);
    }
    flush(&mut run, &mut out);
    out.join(", ")
}

/// What changed in the action log, said once an action; an identity given
/// or a history entry added (an upgrade, a merge) is not "updated".
pub(super) fn actions(before: &[Action], after: &[Action]) -> Vec<String> {
    let old: HashMap<_, &Action> = before.iter().map(|a| (key(&a.id, &a.reference), a)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut said = Grouped::default();
    for a in after {
        let found = old.get(&key(&a.id, &a.reference)).or_else(|| old.get(&(false, a.reference.as_str())));
        let Some(was) = found else {
            said.add(&a.reference, "added".into());
            continue;
        };
        seen.insert(key(&was.id, &was.reference));
        if was.reference != a.reference {
            said.add(&a.reference, format!("renumbered from {}", was.reference));
        } else if was.status != a.status {
            said.add(&a.reference, a.status.label().into());
        } else if !crate::model::history::alike(*was, a) {
            said.add(&a.reference, "updated".into());
        }
    }
    for a in before.iter().filter(|a| !seen.contains(&key(&a.id, &a.reference))) {
        said.add(&a.reference, "deleted".into());
    }
    said.phrases()
}

pub(super) fn risks(before: &[Risk], after: &[Risk]) -> Vec<String> {
    let old: HashMap<_, &Risk> = before.iter().map(|r| (key(&r.id, &r.reference), r)).collect();
    let mut seen = std::collections::HashSet::new();
    let mut said = Grouped::default();
    for r in after {
        let found = old.get(&key(&r.id, &r.reference)).or_else(|| old.get(&(false, r.reference.as_str())));
        let Some(was) = found else {
            said.add(&r.reference, "added".into());
            continue;
        };
        seen.insert(key(&was.id, &was.reference));
        if was.reference != r.reference {
            said.add(&r.reference, format!("renumbered from {}", was.reference));
        } else if was.status != r.status {
            said.add(&r.reference, format!("{:?}", r.status).to_lowercase());
        } else if was.score() != r.score() {
            said.add(&r.reference, format!("rescored {} → {}", was.score(), r.score()));
        } else if !crate::model::history::alike(*was, r) {
            said.add(&r.reference, "updated".into());
        }
    }
    for r in before.iter().filter(|r| !seen.contains(&key(&r.id, &r.reference))) {
        said.add(&r.reference, "deleted".into());
    }
    said.phrases()
}

/// Attendance marked across the meetings, counted by what it says.
#[derive(Default)]
pub(super) struct Marked(BTreeMap<&'static str, Vec<String>>);

impl Marked {
    pub(super) fn phrases(self) -> Vec<String> {
        self.0
            .into_iter()
            .map(|(label, who)| match who.as_slice() {
                [one] => format!("{one} marked {label}"),
                _ => format!("{} marked {label}", who.len()),
            })
            .collect()
    }
}

pub(super) fn meeting(before: Option<&Meeting>, now: Option<&Meeting>, marked: &mut Marked) -> Vec<String> {
    let Some(now) = now else {
        return before.map(|b| format!("the {} meeting removed", b.date.format("%-d %b"))).into_iter().collect();
    };
    let when = now.date.format("%-d %b").to_string();
    let Some(before) = before else { return vec![format!("the {when} meeting added")] };
    let mut attendance = false;
    for a in now.attendance.iter().filter(|a| before.attendance_of(&a.initials) != Some(*a)) {
        attendance = true;
        if before.attendance_of(&a.initials).map(|b| b.status) != Some(a.status) {
            marked.0.entry(a.status.label()).or_default().push(a.initials.clone());
        }
    }
    let mut out = Vec::new();
    let added = |n: usize, m: usize, what: &str| (n > m).then(|| format!("{} {what}", n - m));
    out.extend(added(now.notes.len(), before.notes.len(), "note(s)"));
    out.extend(added(now.decisions.len(), before.decisions.len(), "decision(s)"));
    out.extend(added(now.declarations.len(), before.declarations.len(), "declaration(s)"));
    if now.journal.len() > before.journal.len() {
        out.push(format!("the {when} meeting's timer"));
    }
    if now.agenda != before.agenda {
        out.push(format!("the {when} agenda changed"));
    }
    if out.is_empty() && !attendance && now != before {
        out.push(format!("the {when} meeting updated"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::spans;

    #[test]
    fn consecutive_refs_read_as_a_span() {
        let refs = |r: &[&str]| r.iter().map(|s| s.to_string()).collect();
        assert_eq!(spans(refs(&["A17", "A15", "A16", "A20"])), "A15–A17, A20");
        assert_eq!(spans(refs(&["A9", "A10"])), "A9, A10");
    }
}
