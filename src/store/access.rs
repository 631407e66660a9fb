//! Review mode (`--read-only`): one rule, where changes are committed.
//! Every write to a workspace takes its lock (`store::lock`), a new
//! workspace is made by `init`, and unsaved changes are kept by
//! `recovery`: those three refuse in review mode, and so does the atomic
//! write under them all for any file in the workspace (an export's `-o`
//! pointed into it), so no command, key or path can write under it,
//! including ones added later.

use std::sync::atomic::{AtomicBool, Ordering};

static READ_ONLY: AtomicBool = AtomicBool::new(false);
/// The workspace opened in review mode, once known: a file outside it (an
/// export's `-o`) may still be written.
static REVIEWED: std::sync::Mutex<Option<std::path::PathBuf>> = std::sync::Mutex::new(None);

/// Puts this whole process in review mode (or out of it).
pub fn set_read_only(read_only: bool) {
    READ_ONLY.store(read_only, Ordering::Relaxed);
}

/// The workspace this process reviews: in review mode nothing under it is
/// written, whatever writes it (an export's `-o` pointed into it included).
pub fn review(root: &std::path::Path) {
    let root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    *REVIEWED.lock().unwrap_or_else(|e| e.into_inner()) = Some(root);
}

/// Ok unless review mode forbids writing `path`: anything under the
/// workspace reviewed, or anything at all before it is known.
pub(crate) fn may_write(path: &std::path::Path) -> std::io::Result<()> {
    if !is_read_only() {
        return Ok(());
    }
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty()).unwrap_or(std::path::Path::new("."));
    let dir = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    match &*REVIEWED.lock().unwrap_or_else(|e| e.into_inner()) {
        Some(root) if !dir.starts_with(root) => Ok(()),
        _ => writable(),
    }
}

/// Whether this process was started with `--read-only`.
pub fn is_read_only() -> bool {
    READ_ONLY.load(Ordering::Relaxed)
}

/// The error of a write tried in review mode: `SaveError::from_io` and the
/// command line tell it from a real I/O error by this type.
#[derive(Debug)]
pub struct ReadOnly;

impl std::fmt::Display for ReadOnly {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(crate::model::refusal::READ_ONLY)
    }
}

impl std::error::Error for ReadOnly {}

/// Ok unless this process is in review mode.
pub(crate) fn writable() -> std::io::Result<()> {
    match is_read_only() {
        true => Err(std::io::Error::new(std::io::ErrorKind::PermissionDenied, ReadOnly)),
        false => Ok(()),
    }
}

/// Whether an I/O error is review mode's refusal.
pub(crate) fn is_refusal(e: &std::io::Error) -> bool {
    e.get_ref().is_some_and(|inner| inner.is::<ReadOnly>())
}
