//! What a sync commits: gavel's own documents, named one by one. Temporary
//! files of a save, the lock and gavel's other bookkeeping never; anything
//! else in the folder is the user's, left alone and, if git does not track
//! it, mentioned.

use crate::store::{ACTIONS_FILE, ARCHIVE_DIR, BOARD_FILE, MEETINGS_DIR, RISKS_FILE};
use std::path::Path;

/// The log of what each sync brought in, one line a pull, kept in git
/// (merged as a union of lines: two laptops' lines both stay).
pub(crate) const LOG_FILE: &str = "sync.log";

/// The files at the workspace's top that sync commits.
const TOP: [&str; 6] = [BOARD_FILE, ACTIONS_FILE, RISKS_FILE, ".gitignore", ".gitattributes", LOG_FILE];

/// Whether `path` (relative to the workspace, with `/`) is one of gavel's documents.
pub(super) fn own(path: &str) -> bool {
    match path.split_once('/') {
        None => TOP.contains(&path),
        Some((folder, name)) => {
            (folder == MEETINGS_DIR || folder == ARCHIVE_DIR)
                && !name.contains('/')
                && !name.starts_with('.')
                && name.ends_with(".json")
                && crate::store::document_of(Path::new(path)).is_some()
        }
    }
}

/// Paths git lists under the workspace (relative to it), NUL-separated.
fn listed(workspace: &Path, args: &[&str]) -> Result<Vec<String>, String> {
    let mut all = vec!["ls-files", "-z"];
    all.extend_from_slice(args);
    let out = super::ok(workspace, &all)?;
    Ok(out.split('\0').filter(|p| !p.is_empty()).map(String::from).collect())
}

/// Stages gavel's documents (new, changed or removed) and returns the
/// other files git does not track, to mention.
pub(super) fn stage(workspace: &Path) -> Result<Vec<String>, String> {
    let tracked = listed(workspace, &[])?;
    let untracked = listed(workspace, &["--others", "--exclude-standard"])?;
    let mut ours: Vec<&str> = tracked.iter().chain(&untracked).map(String::as_str).filter(|p| own(p)).collect();
    ours.sort_unstable();
    ours.dedup();
    if !ours.is_empty() {
        // Each path literally: a name with `*` in it is that file only.
        let mut args = vec!["--literal-pathspecs", "add", "--all", "--"];
        args.extend(ours);
        super::ok(workspace, &args).map_err(|e| format!("cannot stage gavel's files: {e}"))?;
    }
    let bookkeeping = |p: &str| {
        let name = p.rsplit('/').next().unwrap_or(p);
        name.starts_with(".gavel") || (name.starts_with('.') && name.ends_with(".tmp"))
    };
    let others: Vec<String> = untracked.into_iter().filter(|p| !own(p) && !bookkeeping(p)).collect();
    Ok(not_yet_mentioned(workspace, others))
}

/// The files among `others` not mentioned by an earlier sync: each is
/// said once, not at every sync (the TUI may sync each minute). Those
/// mentioned are listed in the repository's own folder, never in git.
fn not_yet_mentioned(workspace: &Path, others: Vec<String>) -> Vec<String> {
    let Ok(list) = super::ok(workspace, &["rev-parse", "--git-path", "gavel-mentioned"]) else { return others };
    let list = workspace.join(list);
    let before = std::fs::read_to_string(&list).unwrap_or_default();
    let said: Vec<&str> = before.lines().collect();
    let new: Vec<String> = others.iter().filter(|p| !said.contains(&p.as_str())).cloned().collect();
    if !new.is_empty() || said.len() != others.len() {
        let _ = std::fs::write(&list, others.iter().map(|p| format!("{p}\n")).collect::<String>());
    }
    new
}

#[cfg(test)]
mod tests {
    use super::own;

    #[test]
    fn only_gavel_s_documents_are_its_own() {
        for path in ["gavel.json", "actions.json", "meetings/2022-03-03.json", "archive/actions-2019.json", "sync.log"]
        {
            assert!(own(path), "{path}");
        }
        for path in [
            ".gavel.lock",
            ".gavel.spare",
            ".actions.json.x1gij0.tmp",
            "meetings/.2022-03-03.json.abc.tmp",
            "notes.txt",
            "archive/private.json",
            "meetings/old/2022-03-03.json",
        ] {
            assert!(!own(path), "{path}");
        }
    }
}
