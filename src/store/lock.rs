//! The workspace lock: a sidecar file, `.gavel.lock`, locked with flock(2)
//! only for a read-modify-write. It takes the workspace's sharing (0660 and
//! the folder's group in a shared workspace, 0600 otherwise) whatever the
//! umask, is never opened through a symbolic link, and holds who has it
//! ("gavel pid 4242 since 10:31:02") so a waiter can say what it waits for.
//! A waiter reports within a second and gives up after the stated patience.

use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::os::unix::fs::{MetadataExt, OpenOptionsExt, PermissionsExt};
use std::path::Path;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The lock file beside the workspace's documents.
pub const LOCK_FILE: &str = ".gavel.lock";

/// How long a writer waits for the lock, and whom it tells while it waits.
#[derive(Debug, Clone, Copy)]
pub struct Patience {
    /// Give up after this long: the change is not made.
    pub give_up: Duration,
    /// Called once, within a second of starting to wait, with the holder.
    pub report: Option<fn(&str)>,
}

/// The command line's patience: 10 s, then exit 2 with nothing written.
pub const CLI_PATIENCE: Duration = Duration::from_secs(10);

static PATIENCE: Mutex<Patience> = Mutex::new(Patience { give_up: CLI_PATIENCE, report: None });

/// Sets how every later lock in this process waits (the CLI reports on
/// stderr; the TUI waits briefly and keeps the change to retry).
pub fn set_patience(patience: Patience) {
    *PATIENCE.lock().unwrap_or_else(|e| e.into_inner()) = patience;
}

/// How this process waits for the lock.
pub fn patience() -> Patience {
    *PATIENCE.lock().unwrap_or_else(|e| e.into_inner())
}

/// Who may read and write gavel's own files in `root`: a setgid,
/// group-writable folder (made by `init --shared`) is shared with its group.
pub(super) fn sharing_of(root: &Path) -> (u32, Option<u32>) {
    match std::fs::metadata(root) {
        Ok(meta) if meta.mode() & 0o2020 == 0o2020 => (0o660, Some(meta.gid())),
        _ => (0o600, None),
    }
}

/// Gives an open file of gavel's the workspace's mode and group. A file
/// another member made cannot be changed by us, and need not be.
pub(super) fn share_like_workspace(file: &File, root: &Path) {
    let (mode, gid) = sharing_of(root);
    if let Some(gid) = gid {
        let _ = std::os::unix::fs::fchown(file, None, Some(gid));
    }
    let _ = file.set_permissions(std::fs::Permissions::from_mode(mode));
}

/// An exclusive lock on the workspace, held only for a read-modify-write.
#[derive(Debug)]
pub struct WorkspaceLock {
    file: File,
}

impl WorkspaceLock {
    /// Waits for the lock as patiently as this process was told to.
    pub fn acquire(root: &Path) -> std::io::Result<WorkspaceLock> {
        Self::acquire_within(root, patience())
    }

    /// Waits up to `patience.give_up`, reporting the holder within a second.
    pub fn acquire_within(root: &Path, patience: Patience) -> std::io::Result<WorkspaceLock> {
        let start = Instant::now();
        let mut reported = false;
        loop {
            if let Some(lock) = Self::try_acquire(root)? {
                return Ok(lock);
            }
            let waited = start.elapsed();
            if waited >= patience.give_up {
                return Err(std::io::Error::new(
                    std::io::ErrorKind::WouldBlock,
                    format!("the workspace lock is {}; gave up after {}", holder(root), spoken(patience.give_up)),
                ));
            }
            if !reported && waited >= Duration::from_millis(300) {
                reported = true;
                if let Some(report) = patience.report {
                    report(&format!("waiting for the workspace lock, {}", holder(root)));
                }
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Takes the lock only if no one holds it.
    pub fn try_acquire(root: &Path) -> std::io::Result<Option<WorkspaceLock>> {
        let file = Self::open(root)?;
        match file.try_lock() {
            Ok(()) => {
                let mut lock = WorkspaceLock { file };
                lock.sign();
                Ok(Some(lock))
            }
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    /// Never through a link: a planted `.gavel.lock` symlink is refused.
    fn open(root: &Path) -> std::io::Result<File> {
        // No write without the lock, and no lock in review mode.
        super::access::writable()?;
        let path = root.join(LOCK_FILE);
        let file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .mode(0o600)
            .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
            .open(&path)
            .map_err(|e| refuse_link(&path, e))?;
        if !file.metadata()?.is_file() {
            return Err(std::io::Error::other(format!("{} is not a regular file", path.display())));
        }
        share_like_workspace(&file, root);
        Ok(file)
    }

    /// Writes who holds the lock, for anyone who has to wait for it.
    fn sign(&mut self) {
        self.sign_as("");
    }

    fn sign_as(&mut self, doing: &str) {
        let now = chrono::Local::now().format("%H:%M:%S");
        let _ = self.file.set_len(0);
        let _ = self.file.rewind();
        let _ = writeln!(self.file, "gavel pid {} since {now}{doing}", std::process::id());
    }

    /// Signs the lock as held by a sync: git replaces files as it checks
    /// them out, and a reader that finds them half made waits for it.
    pub fn sign_syncing(&mut self) {
        self.sign_as(SYNCING);
    }
}

/// What a sync adds to its signature in the lock file.
const SYNCING: &str = ", syncing with git";

/// Whether a sync holds the workspace's lock now.
fn sync_under_way(root: &Path) -> bool {
    signature(root).is_ok_and(|text| text.contains(SYNCING)) && matches!(WorkspaceLock::try_acquire(root), Ok(None))
}

/// What the lock file says of its holder: its first 200 bytes, never
/// through a planted link or a pipe.
fn signature(root: &Path) -> std::io::Result<String> {
    let mut text = String::new();
    OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(root.join(LOCK_FILE))
        .and_then(|f| f.take(200).read_to_string(&mut text))?;
    Ok(text)
}

/// Reads with `load`; if that fails while a sync holds the lock (git may be
/// halfway through replacing the files), waits for the sync as a writer
/// waits, saying so, and reads again.
pub fn after_any_sync<T, E>(root: &Path, load: impl Fn() -> Result<T, E>) -> Result<T, E> {
    match load() {
        Err(_) if sync_under_way(root) => {
            drop(WorkspaceLock::acquire(root));
            load()
        }
        done => done,
    }
}

impl Drop for WorkspaceLock {
    /// A lock left unsigned names no one once it is free.
    fn drop(&mut self) {
        let _ = self.file.set_len(0);
    }
}

/// "10 s", or "500 ms" below a second.
fn spoken(wait: Duration) -> String {
    if wait < Duration::from_secs(1) { format!("{} ms", wait.as_millis()) } else { format!("{} s", wait.as_secs()) }
}

/// "held by gavel pid 4242 since 10:31:02", or by another program (flock(1), say).
fn holder(root: &Path) -> String {
    let signed = signature(root);
    let text = signed.as_deref().unwrap_or("");
    let line = text.lines().next().unwrap_or("").trim();
    let pid = line.strip_prefix("gavel pid ").and_then(|rest| rest.split(' ').next()?.parse::<i32>().ok());
    // SAFETY: signal 0 only asks whether the process exists.
    let alive = pid.is_some_and(|pid| unsafe { libc::kill(pid, 0) } == 0);
    match signed {
        Ok(_) if alive => format!("held by {}", crate::text::clean(line)),
        _ => "held by another program".to_string(),
    }
}

/// The lock for a save: a lock held too long is `Locked`, not an I/O error.
pub(super) fn lock_for_save(root: &Path) -> Result<WorkspaceLock, super::SaveError> {
    WorkspaceLock::acquire(root).map_err(|source| match source.kind() {
        _ if super::access::is_refusal(&source) => super::SaveError::Refused(crate::model::Refusal::read_only()),
        std::io::ErrorKind::WouldBlock => super::SaveError::Locked(source.to_string()),
        _ => super::SaveError::io(root.join(LOCK_FILE), source),
    })
}

/// The message for a path that is a symbolic link where gavel wants a file.
pub(super) fn refuse_link(path: &Path, e: std::io::Error) -> std::io::Error {
    if e.raw_os_error() == Some(libc::ELOOP) {
        let target = std::fs::read_link(path).map(|t| t.display().to_string()).unwrap_or_default();
        return std::io::Error::other(format!(
            "{} is a symbolic link (to {}): gavel writes only real files; replace the link with the file itself",
            path.display(),
            target
        ));
    }
    e
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicBool, Ordering};

    /// A read that fails while a sync holds the lock (files half checked
    /// out) is made again once the sync is over; a read that fails with no
    /// sync under way is not.
    #[test]
    fn a_read_that_fails_during_a_sync_is_made_again_after_it() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let mut lock = WorkspaceLock::try_acquire(&root).unwrap().unwrap();
        lock.sign_syncing();
        let released = std::sync::Arc::new(AtomicBool::new(false));
        let holder = std::thread::spawn({
            let released = released.clone();
            move || {
                // A sync's few hundred milliseconds of git.
                std::thread::sleep(Duration::from_millis(300));
                released.store(true, Ordering::SeqCst);
                drop(lock);
            }
        });
        let tries = std::sync::atomic::AtomicUsize::new(0);
        let read = after_any_sync(&root, || match tries.fetch_add(1, Ordering::SeqCst) {
            0 => Err("no gavel.json there"),
            _ => Ok(released.load(Ordering::SeqCst)),
        });
        assert_eq!(read, Ok(true), "read again once the sync let go");
        holder.join().unwrap();
        assert_eq!(after_any_sync(&root, || Err::<(), _>("broken")), Err("broken"), "no sync: the error stands");
    }
}
