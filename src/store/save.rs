//! Durable saves: a temporary file in the same directory, fsync, rename
//! over the old file, fsync the directory. The old file's mode and group
//! are kept. Read-modify-write happens under a sidecar lock.

use super::lock::{refuse_link, sharing_of};
use serde::Serialize;
use std::fs::File;
use std::io::Write;
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::Path;

/// Pretty JSON with a final newline: stable key and record order, so a
/// one-field change is a one-line diff.
/// Links are stored as identities with the register in force, and the
/// document's links within itself by its own records (`model::link`).
pub fn to_json<T: Serialize + super::Versioned>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 * 1024);
    value
        .writing_own_links(|| crate::model::link::writing_file(|| serde_json::to_writer_pretty(&mut bytes, value)))
        .expect("workspace types always serialize");
    bytes.push(b'\n');
    bytes
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old file or the new one, never a mix. The temporary file has an
/// unpredictable name and is made with O_CREAT|O_EXCL (the `tempfile`
/// crate), which never follows a link: one planted in the folder is harmless.
/// A `path` that is a symbolic link is refused: writing through it would let
/// whoever made the link choose which file gets replaced. New files are
/// owner-only, or 0660 in the folder's group in a shared folder.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_atomic_by(path, |file| file.write_all(bytes))
}

/// `write_atomic` with the new file's contents written by `fill`: so that
/// most of a long file can be copied by the kernel from the old one.
pub fn write_atomic_by(path: &Path, fill: impl FnOnce(&mut File) -> std::io::Result<()>) -> std::io::Result<()> {
    write_atomic_keeping(path, None, fill).map(|_| ())
}

/// `write_atomic_by`, the replaced file kept under `keep` (a hard link
/// made before the rename, so its bytes are never copied): what
/// `store::spare` writes the next add into. Returns whether it was kept.
pub(super) fn write_atomic_keeping(
    path: &Path,
    keep: Option<&Path>,
    fill: impl FnOnce(&mut File) -> std::io::Result<()>,
) -> std::io::Result<bool> {
    // Review mode's rule, at the last step of every write.
    super::access::may_write(path)?;
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let old = match std::fs::symlink_metadata(path) {
        Ok(meta) if meta.file_type().is_symlink() => {
            return Err(refuse_link(path, std::io::Error::from_raw_os_error(libc::ELOOP)));
        }
        Ok(meta) => Some(meta),
        Err(_) => None,
    };
    let (new_mode, new_gid) = sharing_of(dir);
    let mode = old.as_ref().map_or(new_mode, |m| m.mode() & 0o7777);
    let gid = old.as_ref().map(|m| m.gid()).or(new_gid);
    let mut file = tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(".tmp")
        .permissions(std::fs::Permissions::from_mode(0o600))
        .tempfile_in(dir)?;
    if let Some(gid) = gid {
        // Keep a shared folder shared; only the owner's own groups are allowed.
        let _ = std::os::unix::fs::fchown(file.as_file(), None, Some(gid));
    }
    // The umask may have narrowed the mode; set it exactly, after the group.
    file.as_file().set_permissions(std::fs::Permissions::from_mode(mode))?;
    fill(file.as_file_mut())?;
    file.as_file().sync_all()?;
    let kept = match keep {
        Some(keep) => {
            let (_file, new) = file.keep().map_err(|e| e.error)?;
            rename_keeping(path, &new, keep).inspect_err(|_| {
                let _ = std::fs::remove_file(&new);
            })?
        }
        // On failure the temporary file is removed as it drops.
        None => file.persist(path).map(|_| false).map_err(|e| e.error)?,
    };
    sync_folder(dir)?;
    Ok(kept)
}

/// An error after the new file took the old one's place: the change is
/// made, and must not be reported as "unchanged" (or made again).
#[derive(Debug)]
pub(super) struct AfterReplacing(std::io::Error);

impl std::fmt::Display for AfterReplacing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for AfterReplacing {}

/// Flushes a folder whose file was just replaced: the rename durable.
pub(super) fn sync_folder(dir: &Path) -> std::io::Result<()> {
    File::open(dir).and_then(|d| d.sync_all()).map_err(|e| std::io::Error::new(e.kind(), AfterReplacing(e)))
}

/// Renames `new` over `path`, the file it replaces linked as `keep` first.
/// The link goes by a `.tmp` name (a crash leaves a leftover that the next
/// save removes), renamed onto `keep` once `path` is the new file. Whoever
/// calls this flushes the folder after (`sync_folder`). Returns whether the old file was
/// kept: not when `path` was missing or not a plain file.
pub(super) fn rename_keeping(path: &Path, new: &Path, keep: &Path) -> std::io::Result<bool> {
    let mut linking = keep.as_os_str().to_owned();
    linking.push(".next.tmp");
    let linking = std::path::PathBuf::from(linking);
    let _ = std::fs::remove_file(&linking);
    let plain = std::fs::symlink_metadata(path).is_ok_and(|m| m.is_file());
    let linked = plain && std::fs::hard_link(path, &linking).is_ok();
    std::fs::rename(new, path)?;
    // The save is made: a link that cannot take its name is a leftover for
    // the next save to remove, and no spare this time.
    Ok(linked && std::fs::rename(&linking, keep).is_ok())
}

/// Removes the temporary files of saves that never finished (a crash, a
/// `kill -9`). Call it holding the lock: then no save is under way, so every
/// temporary file is a leftover. Returns how many it removed.
pub fn clean_leftovers(root: &Path) -> std::io::Result<usize> {
    let Ok(entries) = std::fs::read_dir(root) else { return Ok(0) };
    let here = entries.flatten().filter(|e| {
        let name = e.file_name();
        let name = name.to_string_lossy();
        name.starts_with('.') && name.ends_with(".tmp")
    });
    let leftovers: Vec<_> = here.map(|e| e.path()).chain(super::listing::meeting_leftovers(root)).collect();
    let mut removed = 0;
    for path in leftovers {
        match std::fs::remove_file(&path) {
            Ok(()) => removed += 1,
            // Listed a moment ago, gone since: nothing to do.
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok(removed)
}

/// Cleans up once per process, at its first save.
pub(super) fn clean_leftovers_once(root: &Path) {
    static DONE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);
    if !DONE.swap(true, std::sync::atomic::Ordering::Relaxed) {
        let _ = clean_leftovers(root);
    }
}

#[cfg(test)]
mod tests {
    use super::super::SaveError;

    /// After the rename the change is made: never "unchanged", never to be
    /// made again. A full disk says what to do.
    #[test]
    fn an_error_after_replacing_says_the_change_is_made() {
        let gone = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let after = std::io::Error::new(gone.kind(), super::AfterReplacing(gone));
        let said = SaveError::io("w/actions.json", after).to_string();
        assert!(said.starts_with("w/actions.json is saved, but gavel could not make sure it is on the disk"), "{said}");
        assert!(said.contains("do not make it again") && !said.contains("unchanged"), "{said}");
        let full = SaveError::io("w/actions.json", std::io::ErrorKind::StorageFull.into()).to_string();
        assert!(full.contains("the file on disk is unchanged; free some space on that disk"), "{full}");
    }
}
