//! `gavel sync`, `gavel init --git` and git's merge driver, `gavel merge-driver`.

use super::{INVALID, USAGE_OR_IO, fail};
use crate::text::clean;
use std::io::Write;
use std::path::Path;

/// `gavel merge-driver %O %A %B %P`: merges the three versions into %A.
/// On failure %A is left as this machine's version and git reports a conflict.
pub fn merge_driver(
    base: &Path,
    ours: &Path,
    theirs: &Path,
    path: &Path,
    now: crate::model::Timestamp,
    err: &mut impl Write,
) -> u8 {
    let read = |p: &Path| std::fs::read(p).map_err(|e| format!("cannot read {}: {e}", p.display()));
    let result = (|| {
        // Review mode writes nothing, git's files included.
        crate::store::writable().map_err(|e| e.to_string())?;
        // A long log or register a record at a time; the rest, whole.
        if let Some(report) = crate::store::merge_long_file(path, [base, ours, theirs], now) {
            return Ok(report);
        }
        let merged = crate::store::merge_file(path, &read(base)?, &read(ours)?, &read(theirs)?, now)?;
        crate::store::write_atomic(ours, &merged.bytes).map_err(|e| format!("cannot write {}: {e}", ours.display()))?;
        Ok::<_, String>(merged.report)
    })();
    match result {
        Ok(report) => {
            for line in report {
                let _ = writeln!(err, "gavel merge: {}: {}", clean(&path.display().to_string()), clean(&line));
            }
            0
        }
        Err(why) => fail(
            err,
            INVALID,
            &format!(
                "{}; git leaves {} for you to mend, nothing is lost",
                clean(&why),
                clean(&path.display().to_string())
            ),
        ),
    }
}

pub fn sync(root: &Path, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match crate::sync::sync(root) {
        Ok(synced) => {
            for line in &synced.repaired {
                let _ = writeln!(out, "repaired: {}", clean(line));
            }
            for line in &synced.merged {
                let _ = writeln!(out, "merged: {line}");
            }
            let _ = writeln!(out, "{}", synced.summary());
            0
        }
        Err(why) => fail(err, if why.contains("not in a git repository") { USAGE_OR_IO } else { INVALID }, &why),
    }
}

/// After `init`: the new workspace in git, with gavel's driver.
pub fn init(root: &Path, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match crate::sync::init(root) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "in git, with gavel's merge driver; add a remote (git remote add origin URL) and run gavel sync"
            );
            0
        }
        Err(why) => fail(err, USAGE_OR_IO, &why),
    }
}
