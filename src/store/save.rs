//! Durable saves: a temporary file in the same directory, fsync, rename
//! over the old file, fsync the directory. The old file's mode and group
//! are kept. Read-modify-write happens under a sidecar lock.

use serde::Serialize;
use std::fs::{File, OpenOptions};
use std::io::Write;
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;

/// The lock file beside the workspace's documents.
pub const LOCK_FILE: &str = ".gavel.lock";

/// Pretty JSON with a final newline: stable key and record order, so a
/// one-field change is a one-line diff.
pub fn to_json<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(64 * 1024);
    serde_json::to_writer_pretty(&mut bytes, value).expect("workspace types always serialize");
    bytes.push(b'\n');
    bytes
}

/// Replaces `path` with `bytes` so that a crash at any moment leaves either
/// the old file or the new one, never a mix. New files are owner-only.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("file");
    let old = std::fs::metadata(path).ok();
    let mode = old.as_ref().map_or(0o600, |m| m.mode() & 0o7777);
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = OpenOptions::new().write(true).create(true).truncate(true).mode(mode).open(&tmp)?;
        // The umask may have narrowed the mode; set it exactly.
        file.set_permissions(std::fs::Permissions::from_mode(mode))?;
        if let Some(gid) = old.as_ref().map(|m| m.gid()) {
            // Keep a shared folder shared; only the owner's own groups are allowed.
            let _ = std::os::unix::fs::fchown(&file, None, Some(gid));
        }
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)?;
        File::open(dir)?.sync_all()
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

/// Removes the temporary files of saves that never finished (a crash, a
/// `kill -9`). Call it holding the lock: then no save is under way, so every
/// temporary file is a leftover. Returns how many it removed.
pub fn clean_leftovers(root: &Path) -> std::io::Result<usize> {
    let mut removed = 0;
    for dir in [root.to_path_buf(), root.join(super::MEETINGS_DIR)] {
        let Ok(entries) = std::fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with('.') && name.ends_with(".tmp") {
                std::fs::remove_file(entry.path())?;
                removed += 1;
            }
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

/// An exclusive lock on the workspace, held only for a read-modify-write.
#[derive(Debug)]
pub struct WorkspaceLock {
    _file: File,
}

impl WorkspaceLock {
    /// Waits for the lock.
    pub fn acquire(root: &Path) -> std::io::Result<WorkspaceLock> {
        let file = Self::open(root)?;
        file.lock()?;
        Ok(WorkspaceLock { _file: file })
    }

    /// Takes the lock only if no one holds it.
    pub fn try_acquire(root: &Path) -> std::io::Result<Option<WorkspaceLock>> {
        let file = Self::open(root)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(WorkspaceLock { _file: file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    fn open(root: &Path) -> std::io::Result<File> {
        OpenOptions::new().read(true).write(true).create(true).truncate(false).open(root.join(LOCK_FILE))
    }
}
