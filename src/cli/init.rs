//! `gavel init`: a new workspace, the sample board or an empty one, and
//! what it says about the zone it chose.

use super::{INVALID, USAGE_OR_IO, fail};
use crate::store;
use crate::text::{clean, clean_path};
use std::io::Write;
use std::path::Path;

pub(super) fn init(
    root: &Path,
    sample: bool,
    shared: bool,
    named: Option<&str>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    if named.is_some_and(|n| n.trim().is_empty()) {
        return fail(err, USAGE_OR_IO, "--name needs the board's name, such as \"Riverside SEND Improvement Board\"");
    }
    let from_dir = || root.canonicalize().ok().and_then(|p| p.file_name().map(|n| n.to_string_lossy().into_owned()));
    let name = named.map(|n| n.trim().to_string()).or_else(from_dir);
    let sharing = if shared { store::Sharing::Group } else { store::Sharing::Private };
    match store::init_workspace(root, sample, name.as_deref(), sharing) {
        Ok(()) => {
            let what = if sample { "the sample board" } else { "an empty board" };
            let _ = writeln!(out, "made a gavel workspace with {what} at {}", clean_path(root));
            say_zone(root, out);
            0
        }
        Err(e) => init_failed(root, &e, err),
    }
}

/// `init --sample --today`: the sample with its meeting moved to today.
pub(super) fn init_today(
    root: &Path,
    now: crate::model::Timestamp,
    shared: bool,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let sharing = if shared { store::Sharing::Group } else { store::Sharing::Private };
    match store::init_sample_today(root, now, sharing) {
        Ok(()) => {
            let _ = writeln!(
                out,
                "made a gavel workspace with the sample board, its meeting today, at {}",
                clean_path(root)
            );
            say_zone(root, out);
            0
        }
        Err(e) => init_failed(root, &e, err),
    }
}

/// A workspace there already, or review mode, is a refusal (1); the rest is I/O (2).
pub(super) fn init_failed(root: &Path, e: &std::io::Error, err: &mut impl Write) -> u8 {
    match e.kind() {
        std::io::ErrorKind::AlreadyExists => fail(err, INVALID, &e.to_string()),
        _ if store::refused_read_only(e) => fail(err, INVALID, &e.to_string()),
        _ => fail(err, USAGE_OR_IO, &format!("cannot make a workspace at {}: {e}", root.display())),
    }
}

/// A new board's zone is the computer's, which may not be the board's:
/// said once, with how to change it.
pub(super) fn say_zone(root: &Path, out: &mut impl Write) {
    let board = store::load_calendar(root).map(|ws| ws.board);
    let line = match board.as_ref().map(|b| b.settings.time_zone.as_str()) {
        Ok("") | Err(_) => "time zone: none found on this computer, so times show in its own; set the board's with `gavel board zone Europe/London`".to_string(),
        Ok(zone) => format!("time zone: {zone} (this computer's); if the board meets in another, `gavel board zone Europe/London`"),
    };
    let _ = writeln!(out, "{}", clean(&line));
}
