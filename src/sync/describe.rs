//! A commit message in the board's words: "A14 added; MM present; R3 rescored".

use crate::model::{ActionLog, Meeting, RiskRegister};
use crate::store::{self, ACTIONS_FILE, RISKS_FILE};
use std::path::Path;

/// What changed in the workspace since the last commit, in a few phrases.
pub fn describe(repo: &Path, workspace: &Path) -> String {
    let old = |name: &str| -> Option<Vec<u8>> {
        let relative = workspace.join(name).strip_prefix(repo).ok()?.to_string_lossy().into_owned();
        let out = std::process::Command::new("git")
            .args(["show", &format!("HEAD:{relative}")])
            .current_dir(repo)
            .output()
            .ok()?;
        out.status.success().then_some(out.stdout)
    };
    let first = !std::process::Command::new("git")
        .args(["rev-parse", "--verify", "--quiet", "HEAD"])
        .current_dir(repo)
        .output()
        .is_ok_and(|o| o.status.success());
    if first {
        return "the board's workspace, as gavel made it".into();
    }
    let mut phrases = Vec::new();
    if let Some(now) = read::<ActionLog>(&workspace.join(ACTIONS_FILE)) {
        let before =
            old(ACTIONS_FILE).and_then(|b| store::parse_document::<ActionLog>(Path::new(ACTIONS_FILE), &b).ok());
        phrases.extend(actions(before.as_ref(), &now));
    }
    if let Some(now) = read::<RiskRegister>(&workspace.join(RISKS_FILE)) {
        let before =
            old(RISKS_FILE).and_then(|b| store::parse_document::<RiskRegister>(Path::new(RISKS_FILE), &b).ok());
        phrases.extend(risks(before.as_ref(), &now));
    }
    if let Ok(entries) = std::fs::read_dir(workspace.join(store::MEETINGS_DIR)) {
        let mut files: Vec<_> =
            entries.flatten().map(|e| e.path()).filter(|p| p.extension().is_some_and(|e| e == "json")).collect();
        files.sort();
        for path in files {
            let Some(now) = read::<Meeting>(&path) else { continue };
            let name = format!("{}/{}", store::MEETINGS_DIR, path.file_name().unwrap_or_default().to_string_lossy());
            let before = old(&name).and_then(|b| store::parse_document::<Meeting>(&path, &b).ok());
            phrases.extend(meeting(before.as_ref(), &now));
        }
    }
    if old(store::BOARD_FILE).is_some_and(|b| std::fs::read(workspace.join(store::BOARD_FILE)).ok() != Some(b)) {
        phrases.push("the register changed".into());
    }
    let more = phrases.len().saturating_sub(8);
    phrases.truncate(8);
    if more > 0 {
        phrases.push(format!("and {more} more"));
    }
    if phrases.is_empty() {
        "gavel: workspace tidied".into()
    } else {
        crate::text::clean(&phrases.join("; ")).into_owned()
    }
}

fn read<T: serde::de::DeserializeOwned + store::Versioned>(path: &Path) -> Option<T> {
    store::load_document(path).ok().flatten()
}

fn actions(before: Option<&ActionLog>, now: &ActionLog) -> Vec<String> {
    let find = |r: &str| before.and_then(|b| b.actions.iter().find(|a| a.reference == r));
    let mut out: Vec<String> = now
        .actions
        .iter()
        .filter_map(|a| match find(&a.reference) {
            None => Some(format!("{} added", a.reference)),
            Some(old) if old.status != a.status => Some(format!("{} {}", a.reference, a.status.label())),
            Some(old) if old != a => Some(format!("{} updated", a.reference)),
            Some(_) => None,
        })
        .collect();
    if let Some(before) = before {
        let kept: std::collections::HashSet<&str> = now.actions.iter().map(|a| a.reference.as_str()).collect();
        let gone = before.actions.iter().filter(|a| !kept.contains(a.reference.as_str()));
        // A closed action gone as the archive moved on went to the archive, not the bin.
        let tidied = now.archived != before.archived;
        let (archived, deleted): (Vec<_>, Vec<_>) = gone.partition(|a| tidied && a.status.is_closed());
        out.extend(deleted.into_iter().map(|a| format!("{} deleted", a.reference)));
        if !archived.is_empty() {
            out.push(format!("{} closed action(s) archived", archived.len()));
        }
    }
    out
}

fn risks(before: Option<&RiskRegister>, now: &RiskRegister) -> Vec<String> {
    let find = |r: &str| before.and_then(|b| b.risks.iter().find(|x| x.reference == r));
    now.risks
        .iter()
        .filter_map(|r| match find(&r.reference) {
            None => Some(format!("{} added", r.reference)),
            Some(old) if old.current() != r.current() => Some(format!("{} rescored", r.reference)),
            Some(old) if old.status != r.status => Some(format!("{} {:?}", r.reference, r.status).to_lowercase()),
            Some(old) if old != r => Some(format!("{} updated", r.reference)),
            Some(_) => None,
        })
        .collect()
}

fn meeting(before: Option<&Meeting>, now: &Meeting) -> Vec<String> {
    let when = now.date.format("%-d %b").to_string();
    let Some(before) = before else { return vec![format!("the {when} meeting added")] };
    let mut out: Vec<String> = now
        .attendance
        .iter()
        .filter(|a| before.attendance_of(&a.initials) != Some(*a))
        .map(|a| format!("{} {}", a.initials, a.status.label()))
        .collect();
    let added = |n: usize, m: usize, what: &str| (n > m).then(|| format!("{} {what}", n - m));
    out.extend(added(now.notes.len(), before.notes.len(), "note(s)"));
    out.extend(added(now.decisions.len(), before.decisions.len(), "decision(s)"));
    out.extend(added(now.declarations.len(), before.declarations.len(), "declaration(s)"));
    if now.journal.len() > before.journal.len() {
        out.push(format!("the {when} meeting's timer"));
    }
    if out.is_empty() && now != before {
        out.push(format!("the {when} meeting updated"));
    }
    out
}
