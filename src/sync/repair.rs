//! Mending what git merged as text in a clone without gavel's driver: a
//! merge stopped on conflicts (git keeps the ancestor and the two sides as
//! index stages 1, 2 and 3) or conflict markers committed as they were.
//! Either way the two sides are merged again by gavel's own merge, field by
//! field, and the sync goes on with valid files.

use super::files::own;
use crate::store;
use std::path::Path;

/// Both kinds of mending, in turn; what was mended, line by line.
pub(super) fn repair(workspace: &Path, now: crate::model::Timestamp) -> Result<Vec<String>, String> {
    let mut said = unmerged(workspace, now)?;
    said.extend(committed_markers(workspace, now)?);
    Ok(said)
}

/// Files a merge left unmerged, merged from git's stages and staged.
pub(super) fn unmerged(workspace: &Path, now: crate::model::Timestamp) -> Result<Vec<String>, String> {
    let listing = super::ok(workspace, &["ls-files", "-u", "-z"])?;
    let mut paths: Vec<&str> = listing.split('\0').filter_map(|entry| entry.split_once('\t').map(|(_, p)| p)).collect();
    paths.dedup();
    let mut said = Vec::new();
    for path in paths {
        if !own(path) {
            return Err(format!(
                "the merge left {} unmerged, and it is not one of gavel's files: mend it, `git add` it, then sync again",
                crate::text::clean(path)
            ));
        }
        let stage = |n: u8| {
            let out = super::git(workspace, &["show", &format!(":{n}:./{path}")]).ok()?;
            out.status.success().then_some(out.stdout)
        };
        let (base, ours, theirs) = (stage(1).unwrap_or_default(), stage(2), stage(3));
        let merged = match (ours, theirs) {
            (Some(ours), Some(theirs)) => store::merge_file(Path::new(path), &base, &ours, &theirs, now),
            // Removed on one side, changed on the other: the change is kept.
            (Some(kept), None) | (None, Some(kept)) => Ok(store::MergedFile { bytes: kept, report: vec![] }),
            (None, None) => continue,
        }
        .map_err(|why| format!("{}: {why}", crate::text::clean(path)))?;
        write(workspace, path, &merged.bytes)?;
        super::ok(workspace, &["--literal-pathspecs", "add", "--", path])?;
        said.push(format!("{path}: a git conflict, merged field by field by gavel"));
        said.extend(merged.report.into_iter().map(|line| format!("{path}: {line}")));
    }
    Ok(said)
}

/// gavel's files that hold conflict markers committed as they were, each
/// merged from its two halves (from the ancestor of the merge that made them).
fn committed_markers(workspace: &Path, now: crate::model::Timestamp) -> Result<Vec<String>, String> {
    let pattern = "^(<<<<<<<|>>>>>>>)( |$)";
    // git grep finds nothing: it exits 1, which is no file to mend.
    let found = super::ok(workspace, &["grep", "-l", "-z", "-E", pattern]).unwrap_or_default();
    let mut said = Vec::new();
    for path in found.split('\0').filter(|p| own(p)) {
        let bytes = std::fs::read(workspace.join(path)).map_err(|e| format!("cannot read {path}: {e}"))?;
        let base = ancestor(workspace, path).unwrap_or_default();
        let Some(merged) = store::merge_conflict(Path::new(path), &base, &bytes, now).map_err(|why| {
            format!("{} holds a git conflict that gavel cannot merge: {why}", crate::text::clean(path))
        })?
        else {
            continue;
        };
        write(workspace, path, &merged.bytes)?;
        said.push(format!(
            "{path} held a git conflict from a merge made without gavel's driver: merged field by field"
        ));
        said.extend(merged.report.into_iter().map(|line| format!("{path}: {line}")));
    }
    Ok(said)
}

/// The file as it was at the common ancestor of the last commit's two
/// parents, when the last commit is a merge.
fn ancestor(workspace: &Path, path: &str) -> Option<Vec<u8>> {
    let base = super::ok(workspace, &["merge-base", "HEAD^1", "HEAD^2"]).ok()?;
    let out = super::git(workspace, &["show", &format!("{base}:./{path}")]).ok()?;
    out.status.success().then_some(out.stdout)
}

fn write(workspace: &Path, path: &str, bytes: &[u8]) -> Result<(), String> {
    store::write_atomic(&workspace.join(path), bytes).map_err(|e| format!("cannot write {path}: {e}"))
}
