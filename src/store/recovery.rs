//! Changes that could not be saved (a full disk, a lock held for ever) are
//! kept in a recovery file the moment their save fails, so a hang-up, a
//! SIGTERM or a crash does not lose them; so is the line being typed when
//! a hang-up or SIGTERM ends gavel. The next gavel offers them back.
//!
//! The file sits beside the workspace, or, when even that cannot be
//! written (or another member's is there), in the user's data directory
//! under the workspace's identity (`.gavel.identity`, made on first need):
//! never under its path, which two boards could share once flattened. A
//! recovery file is the user's own: written 0600, and offered only if this
//! user owns it and no one else may write it; any other is reported and
//! left alone, never offered.

use super::open::{open_regular, read_at_most};
use super::save::sync_folder;
use crate::model::Timestamp;
use crate::model::change::{Change, Unsaved};
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};

pub const RECOVERY_FILE: &str = ".gavel.unsaved.json";
/// The workspace's identity, for its recovery file in the user's data directory.
pub const IDENTITY_FILE: &str = ".gavel.identity";

/// What an earlier gavel kept: changes not saved, the line being typed.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Kept {
    pub unsaved: Option<Unsaved>,
    /// The input line open when gavel was stopped, as the screen keeps it.
    pub typing: Option<serde_json::Value>,
    /// Recovery files found but not offered, and why: for the screen to say.
    pub refused: Vec<String>,
}

/// The recovery file's contents.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct File {
    /// The identity of the workspace it belongs to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    workspace: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    since: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    changes: Vec<Change>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    typing: Option<serde_json::Value>,
}

fn euid() -> u32 {
    // SAFETY: geteuid has no preconditions and cannot fail.
    unsafe { libc::geteuid() }
}

/// The workspace's identity, made (32 random hex digits) if `make` and none yet.
pub(crate) fn identity(root: &Path, make: bool) -> Option<String> {
    let path = root.join(IDENTITY_FILE);
    let read = || {
        let text = String::from_utf8(super::open::read_small(&path)?).ok()?;
        let id = text.trim();
        (id.len() == 32 && id.chars().all(|c| c.is_ascii_hexdigit())).then(|| id.to_string())
    };
    if let Some(id) = read() {
        return Some(id);
    }
    if !make || super::access::is_read_only() {
        return None;
    }
    let mut random = [0u8; 16];
    std::io::Read::read_exact(&mut std::fs::File::open("/dev/urandom").ok()?, &mut random).ok()?;
    let id: String = random.iter().map(|b| format!("{b:02x}")).collect();
    let mut tmp =
        tempfile::Builder::new().prefix(&format!("{IDENTITY_FILE}.")).suffix(".tmp").tempfile_in(root).ok()?;
    super::lock::share_like_workspace(tmp.as_file(), root);
    tmp.write_all(format!("{id}\n").as_bytes()).ok()?;
    // Another gavel may have made one meanwhile: theirs stands.
    match tmp.persist_noclobber(&path) {
        Ok(_) => Some(id),
        Err(_) => read(),
    }
}

/// The names a workspace's kept changes go by in the user's data
/// directory: its identity, and, for when none could be made (a full
/// disk), its whole path; the file holds the name it was kept under, which
/// must match, so two paths that hash alike are still told apart.
fn tags(root: &Path, make: bool) -> Vec<String> {
    use std::hash::{Hash, Hasher};
    let path = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    let mut hasher = std::hash::DefaultHasher::new();
    path.hash(&mut hasher);
    let by_path = format!("path-{:016x}:{}", hasher.finish(), path.display());
    identity(root, make).into_iter().chain([by_path]).collect()
}

/// Where a workspace's changes kept under `tag` go in `data`, the user's data directory.
fn fallback(data: &Path, tag: &str) -> PathBuf {
    let name = tag.split(':').next().unwrap_or(tag);
    data.join("unsaved").join(format!("{name}.json"))
}

fn data_dir() -> Option<PathBuf> {
    directories::ProjectDirs::from("", "", "gavel").map(|d| d.data_dir().to_path_buf())
}

/// A recovery file read if it is this user's own and no one else may
/// write it; `Err` says why one that is there is not offered.
fn read_own(path: &Path) -> Result<Option<File>, String> {
    let shown = crate::text::clean(&path.display().to_string()).into_owned();
    let Some(file) = open_regular(path).map_err(|e| format!("{shown}: {e}"))? else { return Ok(None) };
    let meta = file.metadata().map_err(|e| format!("{shown}: {e}"))?;
    if meta.uid() != euid() {
        return Err(format!(
            "{shown} is another user's (uid {}), so its changes are not offered to you; it is left as it is",
            meta.uid()
        ));
    }
    if meta.mode() & 0o022 != 0 {
        return Err(format!(
            "{shown} may be written by others (mode {:o}), so its changes are not offered; look at it, then remove it",
            meta.mode() & 0o777
        ));
    }
    let bytes = read_at_most(file, 16 * 1024 * 1024).map_err(|e| format!("{shown}: {e}"))?;
    let bytes = bytes.map_err(|_| format!("{shown} is too large to be a recovery file; it is left as it is"))?;
    serde_json::from_slice(&bytes).map(Some).map_err(|e| format!("{shown} cannot be read ({e}); it is left as it is"))
}

/// Keeps these changes (none: forgets them). Returns where, or why nowhere.
pub fn keep(root: &Path, unsaved: Option<&Unsaved>) -> Result<Option<PathBuf>, String> {
    keep_in(root, data_dir().as_deref(), unsaved, None)
}

/// Keeps the changes and the line being typed, as gavel is stopped.
pub fn keep_all(
    root: &Path,
    unsaved: Option<&Unsaved>,
    typing: Option<serde_json::Value>,
) -> Result<Option<PathBuf>, String> {
    keep_in(root, data_dir().as_deref(), unsaved, typing)
}

fn keep_in(
    root: &Path,
    data: Option<&Path>,
    unsaved: Option<&Unsaved>,
    typing: Option<serde_json::Value>,
) -> Result<Option<PathBuf>, String> {
    let unsaved = unsaved.filter(|u| !u.changes.is_empty());
    let fallbacks: Vec<(PathBuf, String)> =
        data.map(|data| tags(root, false).into_iter().map(|t| (fallback(data, &t), t)).collect()).unwrap_or_default();
    if unsaved.is_none() && typing.is_none() {
        // Forgotten: only this user's own files are removed.
        let places = std::iter::once(root.join(RECOVERY_FILE)).chain(fallbacks.into_iter().map(|(p, _)| p));
        for place in places {
            if std::fs::symlink_metadata(&place).is_ok_and(|m| m.uid() == euid()) {
                let _ = std::fs::remove_file(place);
            }
        }
        return Ok(None);
    }
    super::access::writable().map_err(|e| e.to_string())?;
    let tag = tags(root, true).into_iter().next().expect("a tag by path at least");
    let file = File {
        workspace: Some(tag.clone()),
        since: unsaved.map(|u| u.since),
        changes: unsaved.map(|u| u.changes.clone()).unwrap_or_default(),
        typing,
    };
    // Changes as they are in memory: a link is its initials here, read
    // back as it was (`model::link`), not translated as a document's are.
    let mut bytes = serde_json::to_vec_pretty(&file).expect("changes always serialize");
    bytes.push(b'\n');
    let mut why = Vec::new();
    let local = root.join(RECOVERY_FILE);
    // Another member's file beside the workspace is theirs: never replaced.
    let taken = std::fs::symlink_metadata(&local).is_ok_and(|m| m.uid() != euid());
    let places = [(!taken).then_some(local), data.map(|data| fallback(data, &tag))];
    for place in places.into_iter().flatten() {
        match write_private(&place, &bytes) {
            Ok(()) => return Ok(Some(place)),
            Err(e) => why.push(format!("{}: {e}", place.display())),
        }
    }
    if why.is_empty() {
        why.push("no place to keep them: the workspace's is another user's, and there is no data directory".into());
    }
    Err(why.join("; "))
}

/// Replaces `path` with `bytes`, readable and writable by this user only,
/// whatever the workspace's sharing or the umask.
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::os::unix::fs::DirBuilderExt;
    let dir = path.parent().unwrap_or(Path::new("."));
    if !dir.exists() {
        std::fs::DirBuilder::new().recursive(true).mode(0o700).create(dir)?;
    }
    if std::fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(super::lock::refuse_link(path, std::io::Error::from_raw_os_error(libc::ELOOP)));
    }
    let mut tmp = tempfile::Builder::new()
        .prefix(".gavel.unsaved.")
        .suffix(".tmp")
        .permissions(std::os::unix::fs::PermissionsExt::from_mode(0o600))
        .tempfile_in(dir)?;
    std::fs::set_permissions(tmp.path(), std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_folder(dir)
}

/// What an earlier gavel kept for this workspace and this user, if anything.
pub fn kept(root: &Path) -> Kept {
    kept_in(root, data_dir().as_deref())
}

fn kept_in(root: &Path, data: Option<&Path>) -> Kept {
    let mut out = Kept::default();
    let tags = tags(root, false);
    // Beside the workspace the place binds it, unless the file names another;
    // in the data directory it must name this workspace.
    let local = (root.join(RECOVERY_FILE), None);
    let fallbacks = data.into_iter().flat_map(|data| tags.iter().map(move |t| (fallback(data, t), Some(t))));
    for (place, tag) in std::iter::once(local).chain(fallbacks) {
        let file = match read_own(&place) {
            Ok(None) => continue,
            Err(why) => {
                out.refused.push(why);
                continue;
            }
            Ok(Some(file)) => file,
        };
        let ours = match (tag, &file.workspace) {
            (Some(tag), named) => named.as_ref() == Some(tag),
            (None, Some(named)) => tags.contains(named),
            (None, None) => true,
        };
        if !ours {
            // Kept for another workspace (a copied folder, a moved file).
            out.refused.push(format!(
                "{} was kept for another workspace, so its changes are not offered here",
                crate::text::clean(&place.display().to_string())
            ));
            continue;
        }
        let unsaved = file.since.filter(|_| !file.changes.is_empty());
        let unsaved = unsaved.map(|since| Unsaved { since, changes: file.changes });
        out.unsaved = out.unsaved.or(unsaved);
        out.typing = out.typing.or(file.typing);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::change::Change;
    use std::os::unix::fs::PermissionsExt;

    fn unsaved(text: &str) -> Unsaved {
        let draft = crate::model::quickadd::QuickAdd { text: text.into(), owners: vec!["GB".into()], due: None };
        let since = "2022-03-03T10:40:00+00:00".parse().unwrap();
        Unsaved { since, changes: vec![Change::AddAction { draft, raised: None }] }
    }

    /// Two boards whose paths flatten alike (`C/tfs/ws`, `C/tfs_ws`) keep
    /// their changes apart: the user's data directory names them by identity.
    #[test]
    fn boards_whose_paths_flatten_alike_never_share_kept_changes() {
        let dir = tempfile::tempdir().unwrap();
        let data = dir.path().join("data");
        let (one, two) = (dir.path().join("C/tfs/ws"), dir.path().join("C/tfs_ws"));
        for root in [&one, &two] {
            std::fs::create_dir_all(root).unwrap();
        }
        // The workspace's own folder will not take the file: a folder is in its place.
        std::fs::create_dir(one.join(RECOVERY_FILE)).unwrap();
        let place = keep_in(&one, Some(&data), Some(&unsaved("Book the room")), None).unwrap().unwrap();
        assert!(place.starts_with(&data), "{}", place.display());
        assert_eq!(kept_in(&one, Some(&data)).unsaved, Some(unsaved("Book the room")));
        assert_eq!(kept_in(&two, Some(&data)), Kept::default(), "offered to the other board");
        // And a copy of the first board's file under the second's name is refused.
        let id_two = identity(&two, true).unwrap();
        std::fs::copy(&place, data.join("unsaved").join(format!("{id_two}.json"))).unwrap();
        let other = kept_in(&two, Some(&data));
        assert_eq!(other.unsaved, None);
        assert!(other.refused[0].contains("kept for another workspace"), "{:?}", other.refused);
    }

    /// The file is the user's alone (0600, even in a shared folder), and one
    /// that others may write is reported, not offered.
    #[test]
    fn the_recovery_file_is_the_users_own() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::set_permissions(root, std::fs::Permissions::from_mode(0o2770)).unwrap();
        let place = keep_in(root, None, Some(&unsaved("Book the room")), None).unwrap().unwrap();
        assert_eq!(place, root.join(RECOVERY_FILE));
        assert_eq!(std::fs::metadata(&place).unwrap().mode() & 0o777, 0o600);
        assert!(kept_in(root, None).unsaved.is_some());
        std::fs::set_permissions(&place, std::fs::Permissions::from_mode(0o660)).unwrap();
        let planted = kept_in(root, None);
        assert_eq!(planted.unsaved, None);
        assert!(planted.refused[0].contains("may be written by others"), "{:?}", planted.refused);
    }

    #[test]
    fn the_line_being_typed_is_kept_with_the_changes_and_forgotten_with_them() {
        let dir = tempfile::tempdir().unwrap();
        let typing = serde_json::json!({"text": "Typed but not saved @GB"});
        keep_in(dir.path(), None, None, Some(typing.clone())).unwrap();
        assert_eq!(kept_in(dir.path(), None).typing, Some(typing));
        keep_in(dir.path(), None, None, None).unwrap();
        assert!(!dir.path().join(RECOVERY_FILE).exists());
    }
}
