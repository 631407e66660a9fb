//! What changed between two states of the workspace in git, in the board's
//! words: "A15–A17 added; A4 done; R3 rescored 12 → 16; 2 marked present".
//! Records are matched by identity (by ref for one typed in without one),
//! across the daily files and the archive, so an action done and archived
//! reads "done", never "deleted". The same words serve a commit's message
//! and the line saying what a pull brought in.

use crate::model::{ActionLog, Meeting, RiskRegister};
use crate::store::{self, ACTIONS_FILE, ARCHIVE_DIR, BOARD_FILE, MEETINGS_DIR, RISKS_FILE};
use std::path::Path;

/// A state to compare with an earlier commit: a later commit, or what is staged.
#[derive(Clone, Copy)]
pub(super) enum State<'a> {
    Commit(&'a str),
    Staged,
}

/// The phrases saying what changed from commit `from` to `to`, at most eight and a count.
pub(super) fn between(workspace: &Path, from: &str, to: State) -> Vec<String> {
    let changed = match to {
        State::Commit(to) => super::ok(workspace, &["diff", "--name-only", "--relative", "-z", from, to]),
        State::Staged => super::ok(workspace, &["diff", "--cached", "--name-only", "--relative", "-z", from]),
    };
    let changed: Vec<String> =
        changed.unwrap_or_default().split('\0').filter(|p| !p.is_empty()).map(String::from).collect();
    let read = |state: State, name: &str| -> Option<Vec<u8>> {
        let spec = match state {
            State::Commit(rev) => format!("{rev}:./{name}"),
            State::Staged => format!(":./{name}"),
        };
        let out = super::git(workspace, &["show", &spec]).ok()?;
        out.status.success().then_some(out.stdout)
    };
    let both = |name: &str| (read(State::Commit(from), name), read(to, name));
    let in_archive = |name: &str, kind: &str| {
        name.strip_prefix(&format!("{ARCHIVE_DIR}/")).and_then(store::archive_year).is_some_and(|(k, _)| k == kind)
    };
    let files = |kind: &str, daily: &str| -> Vec<String> {
        changed.iter().filter(|n| n.as_str() == daily || in_archive(n, kind)).cloned().collect()
    };
    // Links said as the initials they bear in the register as it is now.
    let board = store::load_document::<crate::model::Board>(&workspace.join(store::BOARD_FILE)).ok().flatten();
    let _register = crate::model::link::in_force(board.as_ref().map(crate::model::link::Directory::of));
    let mut phrases = Vec::new();
    let actions = records::<ActionLog, _>(&files("actions", ACTIONS_FILE), &both, |log| log.actions);
    phrases.extend(words::actions(&actions.0, &actions.1));
    let risks = records::<RiskRegister, _>(&files("risks", RISKS_FILE), &both, |register| register.risks);
    phrases.extend(words::risks(&risks.0, &risks.1));
    let meetings = changed.iter().filter(|n| n.starts_with(&format!("{MEETINGS_DIR}/")) && n.ends_with(".json"));
    let mut marked = words::Marked::default();
    for name in meetings {
        let (old, new) = both(name);
        let parse =
            |bytes: Option<Vec<u8>>| bytes.and_then(|b| store::parse_document::<Meeting>(Path::new(name), &b).ok());
        phrases.extend(words::meeting(parse(old).as_ref(), parse(new).as_ref(), &mut marked));
    }
    phrases.extend(marked.phrases());
    if changed.iter().any(|n| n == BOARD_FILE) {
        phrases.push("the register changed".into());
    }
    let more = phrases.len().saturating_sub(8);
    phrases.truncate(8);
    if more > 0 {
        phrases.push(format!("and {more} more"));
    }
    phrases.into_iter().map(|p| crate::text::clean(&p).into_owned()).collect()
}

/// The records of the named files before and after, each side read whole.
fn records<D, R>(
    names: &[String],
    both: &impl Fn(&str) -> (Option<Vec<u8>>, Option<Vec<u8>>),
    take: impl Fn(D) -> Vec<R>,
) -> (Vec<R>, Vec<R>)
where
    D: serde::de::DeserializeOwned + store::Versioned,
{
    let (mut before, mut after) = (Vec::new(), Vec::new());
    for name in names {
        let (old, new) = both(name);
        let parse = |bytes: Option<Vec<u8>>| bytes.and_then(|b| store::parse_document::<D>(Path::new(name), &b).ok());
        before.extend(parse(old).map(&take).unwrap_or_default());
        after.extend(parse(new).map(&take).unwrap_or_default());
    }
    (before, after)
}

/// A commit message for what is staged: what changed since the last commit.
pub fn describe(workspace: &Path) -> String {
    if super::ok(workspace, &["rev-parse", "--verify", "--quiet", "HEAD"]).is_err() {
        return "the board's workspace, as gavel made it".into();
    }
    let phrases = between(workspace, "HEAD", State::Staged);
    if phrases.is_empty() { "gavel: workspace tidied".into() } else { phrases.join("; ") }
}

mod words;
