//! Opening the workspace's files for reading, safely against what a
//! hostile or mistaken hand can put in their place: a named pipe (opened
//! with `O_NONBLOCK`, so opening never waits for a writer), a device such
//! as `/dev/zero` behind a link, a file larger than gavel reads. The kind
//! of file is checked on the open descriptor, so it cannot change between
//! the check and the read, and every read stops at the limit whatever the
//! file says its size is. The workspace's folders (meetings/, archive/)
//! must be real folders: one that is a link is refused, never read or
//! written through.

use super::error::{FileProblem, LoadError};
use super::{MAX_FILE_MIB, MEETINGS_DIR};
use std::fs::File;
use std::io::Read;
use std::os::unix::fs::{FileTypeExt, OpenOptionsExt};
use std::path::Path;

/// Why a path is not a file gavel reads.
#[derive(Debug)]
pub(crate) struct NotRegular(&'static str);

impl std::fmt::Display for NotRegular {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "it is {}, not a regular file: gavel reads only regular files, so that nothing can make it wait or fill the memory; put the file itself there",
            self.0
        )
    }
}

impl std::error::Error for NotRegular {}

/// Opens `path` for reading if it is a regular file (a link to one is
/// followed); `None` if there is nothing there.
pub(crate) fn open_regular(path: &Path) -> std::io::Result<Option<File>> {
    let file = match std::fs::OpenOptions::new().read(true).custom_flags(libc::O_NONBLOCK).open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let kind = file.metadata()?.file_type();
    let what = match () {
        _ if kind.is_file() => return Ok(Some(file)),
        _ if kind.is_fifo() => "a named pipe (FIFO)",
        _ if kind.is_char_device() || kind.is_block_device() => "a device",
        _ if kind.is_socket() => "a socket",
        _ if kind.is_dir() => "a folder",
        _ => "something else",
    };
    Err(std::io::Error::new(std::io::ErrorKind::InvalidInput, NotRegular(what)))
}

/// Reads at most `limit` bytes of a regular file; `Err` with the size
/// limit's words if there are more.
pub(crate) fn read_at_most(file: File, limit: u64) -> std::io::Result<Result<Vec<u8>, u64>> {
    let len = file.metadata()?.len();
    if len > limit {
        return Ok(Err(len));
    }
    let mut bytes = Vec::with_capacity(len as usize);
    file.take(limit + 1).read_to_end(&mut bytes)?;
    match bytes.len() as u64 > limit {
        true => Ok(Err(bytes.len() as u64)),
        false => Ok(Ok(bytes)),
    }
}

/// A small bookkeeping file of gavel's, read if it is a regular file of at
/// most 1 MiB; anything else is as if it were not there.
pub(crate) fn read_small(path: &Path) -> Option<Vec<u8>> {
    read_at_most(open_regular(path).ok()??, 1024 * 1024).ok()?.ok()
}

fn problem(path: &Path, message: String) -> LoadError {
    LoadError::Invalid(vec![FileProblem { file: path.to_path_buf(), position: None, path: String::new(), message }])
}

/// A workspace document's bytes; `None` if it is not there. A pipe, a
/// device or a file over the limit is a problem with the file, named.
pub(crate) fn read_document(path: &Path) -> Result<Option<Vec<u8>>, LoadError> {
    let limit = MAX_FILE_MIB * 1024 * 1024;
    let io = |source| LoadError::Io { path: path.to_path_buf(), source };
    let file = match open_regular(path) {
        Ok(Some(file)) => file,
        Ok(None) => return Ok(None),
        Err(e) if e.get_ref().is_some_and(|e| e.is::<NotRegular>()) => return Err(problem(path, e.to_string())),
        // Named as a problem with the file, so that `validate` fails on it
        // and a listing says what it could not include.
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            return Err(problem(
                path,
                format!(
                    "gavel cannot read it ({e}); in a shared workspace its owner can give it the group's modes (chmod 660)"
                ),
            ));
        }
        Err(e) => return Err(io(e)),
    };
    match read_at_most(file, limit).map_err(io)? {
        Ok(bytes) => Ok(Some(bytes)),
        Err(len) => {
            // A file that grew past the limit while read says only "more".
            let size = match len > limit + 1 {
                true => format!("{} MiB", len.div_ceil(1024 * 1024)),
                false => format!("more than {MAX_FILE_MIB} MiB"),
            };
            Err(problem(
                path,
                format!(
                    "the file is {size}, and gavel reads files of at most {MAX_FILE_MIB} MiB, so that a wrong file (a disk image, a backup) cannot fill the memory: is it the right file?"
                ),
            ))
        }
    }
}

/// The workspace's folders are its own: a link in their place would let
/// whoever made it choose where gavel reads and writes.
pub(crate) fn real_folders(root: &Path) -> Result<(), LoadError> {
    for name in [MEETINGS_DIR, super::ARCHIVE_DIR] {
        let path = root.join(name);
        match std::fs::symlink_metadata(&path) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let target = std::fs::read_link(&path).map(|t| t.display().to_string()).unwrap_or_default();
                return Err(problem(
                    &path,
                    format!(
                        "the folder is a symbolic link (to {target}): gavel reads and writes only the workspace's own folders; put the folder itself there"
                    ),
                ));
            }
            _ => {}
        }
    }
    Ok(())
}
