//! `sync` itself, step by step, under the workspace lock.

use super::describe::{self, State};
use super::{Synced, files, git, ok, repair};
use crate::store::{self, Patience, WorkspaceLock};
use std::path::Path;

/// Commits, pulls and pushes the workspace's repository.
pub fn sync(workspace: &Path) -> Result<Synced, String> {
    crate::store::writable().map_err(|e| e.to_string())?;
    let workspace = &workspace.canonicalize().map_err(|e| format!("cannot open {}: {e}", workspace.display()))?;
    super::repository(workspace)
        .ok_or("this workspace is not in a git repository: `gavel init --git` (or `git init`) makes it one")?;
    // Held until the push is done: git replaces files as it checks them out,
    // and a save meanwhile would be lost or read half a workspace.
    let mut lock = lock(workspace)?;
    lock.sign_syncing();
    super::prepare(workspace)?;
    let now = crate::clock::running();
    let mut synced = Synced { repaired: repair::repair(workspace, now)?, ..Synced::default() };
    // Left by an earlier plain `git pull`, or a sync cut short.
    synced.merged = store::fold_archived_twice(workspace, now, None)?;
    valid(workspace)
        .map_err(|why| format!("not synced, nothing was committed or pushed: {why}; mend it, then sync again"))?;
    synced.untracked = files::stage(workspace)?;
    if merging(workspace) || staged(workspace)? {
        let message = describe::describe(workspace);
        commit(workspace, &message)?;
        synced.committed = Some(message);
    }
    let remotes = ok(workspace, &["remote"])?;
    let Some(remote) = remotes.lines().next() else {
        synced.offline = Some("no remote is set up".into());
        return Ok(synced);
    };
    if ok(workspace, &["rev-parse", "--abbrev-ref", "@{upstream}"]).is_err() {
        // The first sync of a new board: its branch goes up and is tracked from now on.
        match ok(workspace, &["push", "--quiet", "-u", remote, "HEAD"]) {
            Ok(_) => synced.pushed = true,
            Err(why) => synced.offline = Some(why.lines().last().unwrap_or("").to_string()),
        }
        return Ok(synced);
    }
    if !pull(workspace, now, &mut synced)? {
        return Ok(synced);
    }
    match git(workspace, &["push", "--quiet"]).map_err(|e| e.to_string())? {
        out if out.status.success() => synced.pushed = true,
        out => synced.offline = Some(last_line(&out.stderr)),
    }
    Ok(synced)
}

/// The workspace lock, waited for as long as a command waits.
fn lock(workspace: &Path) -> Result<WorkspaceLock, String> {
    let patience = store::patience();
    let patience = Patience { give_up: patience.give_up.max(store::CLI_PATIENCE), ..patience };
    WorkspaceLock::acquire_within(workspace, patience).map_err(|e| format!("cannot sync now: {e}"))
}

/// Pulls and merges, mends and checks what came in, and commits it with
/// a line saying what it was. False if the remote could not be reached.
fn pull(workspace: &Path, now: crate::model::Timestamp, synced: &mut Synced) -> Result<bool, String> {
    let before = ok(workspace, &["rev-parse", "HEAD"])?;
    let pull = git(workspace, &["pull", "--no-rebase", "--ff", "--no-commit", "--quiet"]).map_err(|e| e.to_string())?;
    synced.merged.extend(
        String::from_utf8_lossy(&pull.stderr)
            .lines()
            .filter_map(|l| l.strip_prefix("gavel merge: "))
            .map(|l| crate::text::clean(l).into_owned()),
    );
    if !pull.status.success() && !merging(workspace) {
        synced.offline = Some(last_line(&pull.stderr));
        return Ok(false);
    }
    let checked = repair::unmerged(workspace, now).and_then(|mended| {
        synced.repaired.extend(mended);
        synced.merged.extend(store::fold_archived_twice(workspace, now, Some(&|name| merge_base(workspace, name)))?);
        valid(workspace)
    });
    if let Err(why) = checked {
        undo(workspace, &before);
        return Err(format!(
            "the pull could not be merged: {why}; your workspace is as it was before the pull: nothing is lost, nothing was pushed"
        ));
    }
    files::stage(workspace)?;
    let arrived = describe::between(workspace, &before, State::Staged);
    let from = senders(workspace, &before);
    if !arrived.is_empty() {
        let line = crate::text::clean(&format!("from {from}: {}", arrived.join(", "))).into_owned();
        log(workspace, &line)?;
        synced.arrived = Some(line);
    }
    if merging(workspace) || staged(workspace)? {
        commit(workspace, synced.arrived.as_deref().unwrap_or(&format!("gavel: merged the work of {from}")))?;
    }
    synced.pulled = true;
    Ok(true)
}

/// A file of the workspace as the merge's base had it: what both sides
/// started from, for a record one side archived and the other changed.
fn merge_base(workspace: &Path, name: &str) -> Option<Vec<u8>> {
    let base = ok(workspace, &["merge-base", "HEAD", "MERGE_HEAD"]).ok()?;
    let out = git(workspace, &["show", &format!("{}:./{name}", base.trim())]).ok()?;
    out.status.success().then_some(out.stdout)
}

/// Who made the commits that came in: "MM", "MM, GB".
fn senders(workspace: &Path, before: &str) -> String {
    let target = if merging(workspace) { "MERGE_HEAD" } else { "HEAD" };
    let names =
        ok(workspace, &["log", "--no-merges", "--format=%an", &format!("{before}..{target}")]).unwrap_or_default();
    let mut unique: Vec<&str> = Vec::new();
    for name in names.lines().filter(|n| !n.trim().is_empty()) {
        if !unique.contains(&name) {
            unique.push(name);
        }
    }
    if unique.is_empty() { "the other machines".into() } else { crate::text::clean(&unique.join(", ")).into_owned() }
}

/// Adds the line to the sync log, dated, and stages it.
fn log(workspace: &Path, line: &str) -> Result<(), String> {
    let path = workspace.join(super::LOG_FILE);
    let mut text = std::fs::read_to_string(&path).unwrap_or_default();
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&format!("{} {line}\n", crate::clock::running().format("%Y-%m-%d %H:%M")));
    store::write_atomic(&path, text.as_bytes()).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    ok(workspace, &["add", "--", super::LOG_FILE]).map(|_| ())
}

/// Puts the workspace back as it was before the pull.
fn undo(workspace: &Path, before: &str) {
    if merging(workspace) {
        let _ = ok(workspace, &["merge", "--abort"]);
    } else {
        let _ = ok(workspace, &["reset", "--quiet", "--keep", before]);
    }
}

/// Every document read and checked, as `gavel validate` does.
fn valid(workspace: &Path) -> Result<(), String> {
    store::check_all(workspace).map(|_| ()).map_err(|e| crate::text::clean(&e.to_string()).into_owned())
}

fn merging(workspace: &Path) -> bool {
    ok(workspace, &["rev-parse", "--quiet", "--verify", "MERGE_HEAD"]).is_ok()
}

fn staged(workspace: &Path) -> Result<bool, String> {
    Ok(!git(workspace, &["diff", "--cached", "--quiet"]).map_err(|e| e.to_string())?.status.success())
}

fn commit(workspace: &Path, message: &str) -> Result<(), String> {
    ok(workspace, &["commit", "--quiet", "--no-verify", "-m", message])
        .map(|_| ())
        .map_err(|e| format!("cannot commit: {e}"))
}

fn last_line(stderr: &[u8]) -> String {
    let text = String::from_utf8_lossy(stderr);
    crate::text::clean(text.lines().last().unwrap_or("").trim()).into_owned()
}
