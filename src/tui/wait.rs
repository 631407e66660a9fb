//! Where the event loop sleeps: in one `poll` on the terminal, a window
//! resize, and (on Linux) inotify on the workspace's directories, so the
//! process wakes for a key, a resize, another writer, or the next change
//! of what the screen shows, and for nothing else. Paused and idle, that
//! is once a minute, for the header clock.

use crate::app::App;
use crate::model::Timestamp;
use ratatui::crossterm::event;
use std::io;
use std::os::fd::{AsRawFd, OwnedFd, RawFd};
use std::os::unix::net::UnixStream;
use std::path::Path;
use std::time::Duration;

pub struct Waiter {
    /// The terminal crossterm reads keys from.
    tty: Option<std::fs::File>,
    /// Written by SIGWINCH, so a resize wakes the loop as a key does, and
    /// by SIGTERM and SIGHUP, so the loop sees its stop flag at once.
    signalled: Option<UnixStream>,
    /// Changes to the workspace's files; none where inotify is not to be had.
    files: Option<OwnedFd>,
    /// The files may have changed since `files_changed` last said.
    files_woke: bool,
}

impl Waiter {
    pub fn new(root: &Path) -> Waiter {
        // The same terminal crossterm reads: stdin when it is one, else /dev/tty.
        use std::io::IsTerminal;
        let tty = if std::io::stdin().is_terminal() {
            std::fs::File::open("/dev/stdin").ok()
        } else {
            std::fs::File::open("/dev/tty").ok()
        };
        let signalled = UnixStream::pair().ok().and_then(|(read, write)| {
            read.set_nonblocking(true).ok()?;
            use signal_hook::consts::{SIGHUP, SIGTERM, SIGWINCH};
            for signal in [SIGWINCH, SIGTERM, SIGHUP] {
                signal_hook::low_level::pipe::register(signal, write.try_clone().ok()?).ok()?;
            }
            Some(read)
        });
        Waiter { tty, signalled, files: watch(root), files_woke: true }
    }

    /// Whether another writer can be noticed without looking once a second.
    pub fn sees_changes(&self) -> bool {
        self.files.is_some()
    }

    /// Whether the workspace's files are worth a look (a stat of each):
    /// only once the watch has seen a change, or always without a watch.
    /// The running timer's second ticks then cost no file system calls.
    pub fn files_changed(&mut self) -> bool {
        std::mem::take(&mut self.files_woke) || self.files.is_none()
    }

    /// Sleeps until the terminal has input, a signal comes (a resize), a
    /// workspace file changes, or `timeout` passes; true when crossterm
    /// may have an event waiting.
    pub fn wait(&mut self, timeout: Duration) -> io::Result<bool> {
        let Some(tty) = &self.tty else {
            // No terminal of our own to watch: crossterm's poll does it all,
            // and the files are looked at each time.
            self.files_woke = true;
            return event::poll(timeout);
        };
        let mut fds = vec![pollfd(tty.as_raw_fd())];
        fds.extend(self.signalled.as_ref().map(|r| pollfd(r.as_raw_fd())));
        fds.extend(self.files.as_ref().map(|f| pollfd(f.as_raw_fd())));
        let millis = i32::try_from(timeout.as_millis()).unwrap_or(i32::MAX);
        // SAFETY: valid pollfds and their count.
        let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, millis) };
        if ready < 0 {
            let e = io::Error::last_os_error();
            // A signal (a resize) cut the sleep short: look again.
            return if e.kind() == io::ErrorKind::Interrupted { Ok(true) } else { Err(e) };
        }
        let woke = |i: usize| fds.get(i).is_some_and(|f| f.revents != 0);
        // What woke us is read away, so it does not wake the next sleep.
        for (i, _) in fds.iter().enumerate().skip(1).filter(|(i, _)| woke(*i)) {
            drain(fds[i].fd);
        }
        let files_at = fds.len() - 1;
        self.files_woke |= self.files.is_some() && woke(files_at);
        let signalled = self.signalled.is_some() && woke(1);
        Ok(woke(0) || signalled)
    }
}

/// How long to sleep: to the next whole second while an item's clock
/// runs (or a failed save waits to be retried), else to the next minute,
/// when the header clock moves. Without a way to see other writers, no
/// more than a second, to look at the files.
pub fn timeout(app: &App, now: Timestamp, sees_changes: bool) -> Duration {
    let per_second = app.ticks_every_second() || !app.unsaved.is_empty() || !sees_changes;
    let into_second = u64::from(now.timestamp_subsec_millis().min(999));
    let to_second = Duration::from_millis(1000 - into_second);
    if per_second {
        return to_second;
    }
    let seconds_left = 59 - now.timestamp().rem_euclid(60) as u64;
    to_second + Duration::from_secs(seconds_left)
}

fn pollfd(fd: RawFd) -> libc::pollfd {
    libc::pollfd { fd, events: libc::POLLIN, revents: 0 }
}

/// Reads what is waiting on a non-blocking fd, so it does not wake the loop again.
fn drain(fd: RawFd) {
    let mut buf = [0u8; 4096];
    // SAFETY: a buffer of the length given; the fd is non-blocking.
    while unsafe { libc::read(fd, buf.as_mut_ptr().cast(), buf.len()) } > 0 {}
}

/// Watches the workspace and its meetings directory for files written,
/// renamed in (an atomic save), removed or touched.
#[cfg(target_os = "linux")]
fn watch(root: &Path) -> Option<OwnedFd> {
    use std::os::fd::FromRawFd;
    use std::os::unix::ffi::OsStrExt;
    // SAFETY: plain system calls; the fd is owned from here on.
    let fd = unsafe { libc::inotify_init1(libc::IN_NONBLOCK | libc::IN_CLOEXEC) };
    if fd < 0 {
        return None;
    }
    // SAFETY: fd is a new, valid descriptor that nothing else owns.
    let owned = unsafe { OwnedFd::from_raw_fd(fd) };
    let mask = libc::IN_CLOSE_WRITE
        | libc::IN_MOVED_TO
        | libc::IN_MOVED_FROM
        | libc::IN_CREATE
        | libc::IN_DELETE
        | libc::IN_ATTRIB;
    let mut watched = 0;
    for dir in [root.to_path_buf(), root.join(crate::store::MEETINGS_DIR)] {
        let Ok(path) = std::ffi::CString::new(dir.as_os_str().as_bytes()) else { continue };
        // SAFETY: a valid inotify fd and a NUL-terminated path.
        if unsafe { libc::inotify_add_watch(fd, path.as_ptr(), mask) } >= 0 {
            watched += 1;
        }
    }
    (watched > 0).then_some(owned)
}

#[cfg(not(target_os = "linux"))]
fn watch(_root: &Path) -> Option<OwnedFd> {
    None
}
