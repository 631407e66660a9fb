//! Changes that could not be saved (a full disk, a lock held for ever) are
//! kept in a recovery file the moment their save fails, so a hang-up, a
//! SIGTERM or a crash does not lose them; the next gavel offers them. The
//! file sits beside the workspace, or, when even that cannot be written, in
//! the user's data directory.

use super::save::{to_json, write_atomic};
use crate::model::change::Unsaved;
use std::path::{Path, PathBuf};

pub const RECOVERY_FILE: &str = ".gavel.unsaved.json";

/// Where a workspace's changes are kept when its own directory will not take them.
fn fallback(root: &Path) -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("", "", "gavel")?;
    let name = root.canonicalize().unwrap_or_else(|_| root.to_path_buf()).display().to_string();
    // One file a workspace: the path, made safe as a file name.
    let safe: String = name.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '_' }).collect();
    Some(dirs.data_dir().join("unsaved").join(format!("{safe}.json")))
}

fn places(root: &Path) -> Vec<PathBuf> {
    std::iter::once(root.join(RECOVERY_FILE)).chain(fallback(root)).collect()
}

/// Keeps these changes (none: forgets them). Returns where, or why nowhere.
pub fn keep(root: &Path, unsaved: Option<&Unsaved>) -> Result<Option<PathBuf>, String> {
    let Some(unsaved) = unsaved.filter(|u| !u.changes.is_empty()) else {
        for place in places(root) {
            let _ = std::fs::remove_file(place);
        }
        return Ok(None);
    };
    super::access::writable().map_err(|e| e.to_string())?;
    let bytes = to_json(unsaved);
    let mut why = Vec::new();
    for place in places(root) {
        if let Some(dir) = place.parent() {
            let _ = std::fs::create_dir_all(dir);
        }
        match write_atomic(&place, &bytes) {
            Ok(()) => return Ok(Some(place)),
            Err(e) => why.push(format!("{}: {e}", place.display())),
        }
    }
    Err(why.join("; "))
}

/// The changes a earlier gavel kept, if any.
pub fn kept(root: &Path) -> Option<Unsaved> {
    places(root).into_iter().find_map(|place| serde_json::from_slice(&super::open::read_small(&place)?).ok())
}
