//! What the loop tells the app (`Msg`) and what the app asks of the loop
//! (`Effect`): the app's whole conversation with the world, as data.

use super::Key;
use super::archive;
use super::pointer::Pointer;
use crate::model::change::{Committed, Unsaved};
use crate::model::{Change, Workspace};

// A handful of effects live for a moment per key: boxing the change would buy nothing.
#[allow(clippy::large_enum_variant)]
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    Save(Change),
    /// Keep these changes, whose save failed, where a crash or a hang-up
    /// cannot lose them (none: forget the kept ones).
    KeepUnsaved(Option<Unsaved>),
    /// Commit, pull and push the workspace's git repository, in the background.
    Sync,
    /// Search the archive, in the background; the answer is `Msg::ArchiveFound`.
    SearchArchive(archive::ArchiveQuery),
    Quit,
}

/// What the loop tells the app.
#[derive(Debug, Clone, PartialEq)]
pub enum Msg {
    Key(Key),
    /// Text pasted into the terminal (bracketed paste): always text, never keys.
    Paste(String),
    /// A click or the wheel, over what the last frame drew there.
    Pointer(Pointer),
    /// Time passed; nothing else happened.
    Tick,
    /// The terminal is this many columns and rows (at the start, and on a resize).
    Resize(u16, u16),
    /// Another process changed the workspace; here it is as it is now.
    Reloaded(Box<Workspace>),
    /// A change is on disk; here is what it did and the files as saved.
    Saved(Change, Box<Committed>),
    /// A save did not happen. `retry` holds the change when trying again
    /// may work (a full disk, a write error), not when it was refused.
    SaveFailed {
        error: String,
        retry: Option<Change>,
    },
    /// A change is on disk, but whether it would survive a power cut is in
    /// doubt (the folder could not be flushed): said, never made again.
    SavedUnsure(Change, String),
    /// A reload found a file broken (hand-edited mid-way, say).
    ReloadFailed(String),
    /// A sync with git ended: what it did, or why it could not.
    Synced(Result<String, String>),
    /// The archive's answer to a search: the newest matches, and whether
    /// there were more; or why it could not be read.
    ArchiveFound(archive::ArchiveQuery, Result<(Vec<crate::model::Action>, bool), String>),
}
