//! The spare: the action log as it was before the last `gavel add`, kept
//! under a second name (`.gavel.spare`, a hard link made as the add
//! replaced it) instead of being freed. The next add writes into the spare
//! only what differs at its end (the action added since, then its own)
//! and renames it over the log, which becomes the next spare. So a durable
//! add flushes a page or two, not a copy of the whole log: on a ten-year
//! board's 600 KB log that is a millisecond less on every add.
//!
//! Safe because nothing but this is ever written in place, and only past
//! the part the spare shares with the log, which is the log as recorded
//! (size, times and inode; byte for byte where times are whole seconds,
//! see `whole_seconds`); because
//! the spare is used only when it is exactly the file recorded in
//! `.gavel.checked` (inode, size, modification time), gavel's own plain
//! file with no other name, with the log's mode and group; and because it
//! is written only under a write lease. A reader that opened the log just
//! before an add replaced it may still be reading it as the spare; the
//! kernel grants the lease only to a file's sole opener, and holds back
//! anyone who opens it meanwhile until the write is flushed. (Leases see
//! the openers on this machine only: a workspace shared over a network file
//! system is read by others through their own copies, never this file.)

use super::save::{rename_keeping, sync_folder};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::os::unix::fs::{FileExt, MetadataExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

pub(super) const SPARE_FILE: &str = ".gavel.spare";
/// How every canonical action log ends, and the part of it a new action
/// goes before (see `append`).
const LAST_ACTION_END: &[u8] = b"\n    }";
const CLOSING: &[u8] = b"\n  ]\n}\n";
/// More than this between the spare and the log means something other
/// than a few adds happened: copy the log instead.
const MOST_TO_CATCH_UP: u64 = 1 << 20;

pub(super) fn spare_path(root: &Path) -> PathBuf {
    root.join(SPARE_FILE)
}

/// The spare as `.gavel.checked` records it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub(super) struct Spare {
    ino: u64,
    len: u64,
    modified_ns: i128,
}

impl Spare {
    /// The spare just kept by an add.
    pub(super) fn on_disk(root: &Path) -> Option<Spare> {
        let meta = std::fs::symlink_metadata(spare_path(root)).ok()?;
        meta.is_file().then(|| Spare { ino: meta.ino(), len: meta.len(), modified_ns: modified_ns(&meta) })
    }

    /// How much of the log the spare holds unchanged: all of it but its
    /// closing bracket.
    fn shared(&self) -> Option<u64> {
        self.len.checked_sub(CLOSING.len() as u64)
    }
}

pub(super) fn modified_ns(meta: &std::fs::Metadata) -> i128 {
    i128::from(meta.mtime()) * 1_000_000_000 + i128::from(meta.mtime_nsec())
}

/// A spare that can no longer be used is removed, not left to take room.
pub(super) fn forget(root: &Path) {
    let _ = std::fs::remove_file(spare_path(root));
}

/// Writes the log with `piece` (an action and the closing bracket) added
/// into the spare, and renames it over the log, whose file is kept as the
/// next spare. `None` if the spare cannot be used (nothing was written);
/// else whether the next spare was kept. The log must be the one last
/// checked (`seen`: its size and modification time); the caller holds the
/// workspace lock.
pub(super) fn refill(
    root: &Path,
    log: &Path,
    seen: (u64, i128, u64),
    changed: i128,
    spare: &Spare,
    piece: &[u8],
) -> std::io::Result<Option<bool>> {
    // Never through a link: the copy path refuses a linked log, saying so.
    let Ok(current) =
        std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(log)
    else {
        return Ok(None);
    };
    let now = current.metadata()?;
    if !now.is_file() {
        return Ok(None);
    }
    let Some(file) = open_own(&spare_path(root))? else { return Ok(None) };
    let meta = file.metadata()?;
    let as_recorded = Spare { ino: meta.ino(), len: meta.len(), modified_ns: modified_ns(&meta) } == *spare;
    let like_the_log = (meta.mode(), meta.gid()) == (now.mode(), now.gid());
    let Some(shared) = spare.shared() else { return Ok(None) };
    let Some(caught_up) = now.len().checked_sub(CLOSING.len() as u64) else { return Ok(None) };
    if !now.is_file()
        || (now.len(), modified_ns(&now), now.ino()) != seen
        || !as_recorded
        || !like_the_log
        || caught_up < shared
        || caught_up - shared > MOST_TO_CATCH_UP
        || !ends_an_action(&file, shared)?
        || !ends_an_action(&current, caught_up)?
    {
        return Ok(None);
    }
    let Some(lease) = Lease::sole(&file) else { return Ok(None) };
    // Size, times and inode as recorded show the log untouched since the
    // last add, but where times are whole seconds (or the record is an
    // older gavel's) only its bytes can tell.
    let untouched = changed_ns(&now) == changed && !whole_seconds(changed);
    if !untouched && !same_start(&file, &current, shared)? {
        return Ok(None);
    }
    // What the log gained since the spare was the log, then the new action.
    let mut tail = vec![0; (caught_up - shared) as usize];
    current.read_exact_at(&mut tail, shared)?;
    tail.extend_from_slice(piece);
    file.write_all_at(&tail, shared)?;
    let len = shared + tail.len() as u64;
    if meta.len() > len {
        file.set_len(len)?;
    }
    file.sync_data()?;
    drop(lease);
    let spare = spare_path(root);
    let kept = rename_keeping(log, &spare, &spare)?;
    sync_folder(root)?;
    Ok(Some(kept))
}

/// Whether the file system keeps whole seconds only: there an edit made
/// in place within the second of the last add would keep every time the
/// add recorded, and only the bytes tell. Elsewhere a status-change time
/// is finer than two writes (Linux 6.13 and later give a file changed
/// after its times were read a later one, and `.gavel.checked` read them;
/// before, a clock tick of a few milliseconds), so the log is not read
/// again on every add.
fn whole_seconds(changed_ns: i128) -> bool {
    changed_ns % 1_000_000_000 == 0
}

/// A file's status-change time, in nanoseconds.
pub(super) fn changed_ns(meta: &std::fs::Metadata) -> i128 {
    i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec())
}

/// Whether two files hold the same first `len` bytes, read a piece at a
/// time (both are in the page cache: a tenth of a millisecond for 600 KB).
fn same_start(a: &File, b: &File, len: u64) -> std::io::Result<bool> {
    const PIECE: u64 = 64 * 1024;
    let (mut x, mut y) = (vec![0u8; PIECE as usize], vec![0u8; PIECE as usize]);
    let mut at = 0;
    while at < len {
        let n = PIECE.min(len - at) as usize;
        a.read_exact_at(&mut x[..n], at)?;
        b.read_exact_at(&mut y[..n], at)?;
        if x[..n] != y[..n] {
            return Ok(false);
        }
        at += n as u64;
    }
    Ok(true)
}

/// Opens the spare for writing only if it is this user's own plain file
/// with no other name: never through a planted link, never a pipe.
fn open_own(path: &Path) -> std::io::Result<Option<File>> {
    let opened =
        std::fs::OpenOptions::new().read(true).write(true).custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK).open(path);
    let file = match opened {
        Ok(file) => file,
        Err(_) => return Ok(None),
    };
    let meta = file.metadata()?;
    // SAFETY: geteuid has no preconditions and cannot fail.
    let mine = meta.uid() == unsafe { libc::geteuid() };
    Ok((meta.is_file() && meta.nlink() == 1 && mine).then_some(file))
}

/// Whether the bytes before `at` end an action, as a canonical log's
/// last action ends: a check that the record and the file agree.
fn ends_an_action(file: &File, at: u64) -> std::io::Result<bool> {
    let Some(from) = at.checked_sub(LAST_ACTION_END.len() as u64) else { return Ok(false) };
    let mut end = [0u8; LAST_ACTION_END.len()];
    file.read_exact_at(&mut end, from)?;
    Ok(end == LAST_ACTION_END)
}

/// A write lease on the spare while it is written: the kernel grants it
/// only to a file's sole opener, so no one is reading it now, and anyone
/// who opens it by name meanwhile waits until the lease is let go (after
/// the write is flushed), then reads it whole.
struct Lease<'a>(&'a File);

impl<'a> Lease<'a> {
    fn sole(file: &'a File) -> Option<Lease<'a>> {
        use std::os::fd::AsRawFd;
        // Someone opening a leased file sends its holder SIGIO, whose
        // default is to end the process; gavel has no use for SIGIO.
        static QUIET: std::sync::Once = std::sync::Once::new();
        // SAFETY: setting a signal to be ignored touches no memory of ours.
        QUIET.call_once(|| unsafe {
            libc::signal(libc::SIGIO, libc::SIG_IGN);
        });
        // SAFETY: fcntl with F_SETLEASE takes an int argument and no
        // pointers; the descriptor is open for the call's whole length.
        let leased = unsafe { libc::fcntl(file.as_raw_fd(), libc::F_SETLEASE, libc::F_WRLCK) } == 0;
        leased.then_some(Lease(file))
    }
}

impl Drop for Lease<'_> {
    fn drop(&mut self) {
        use std::os::fd::AsRawFd;
        // SAFETY: as above.
        unsafe { libc::fcntl(self.0.as_raw_fd(), libc::F_SETLEASE, libc::F_UNLCK) };
    }
}
