//! Work that takes longer than a frame, done on other threads while the
//! screen goes on: a git sync (seconds over a network), a search of the
//! archive (a hundred years of it is a fraction of a second). Each result
//! comes back to the loop as a message for the app.

use crate::app::archive::{ArchiveQuery, MOST_FOUND};
use crate::app::{App, Msg};
use crate::model::Board;
use crate::model::action::recently_closed_first;
use crate::store;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

#[derive(Default)]
pub struct Background {
    /// The sync under way, if one is.
    syncing: Option<Receiver<Result<String, String>>>,
    /// The archive searches under way; only the app knows which is wanted.
    searching: Vec<Receiver<Msg>>,
    /// The newest search asked for: an older one still reading stops at its
    /// next year (typing a word asks once a letter).
    newest: Arc<AtomicUsize>,
}

impl Background {
    /// How soon the loop should look for a result, if one is awaited.
    pub fn look_again(&self) -> Option<Duration> {
        if !self.searching.is_empty() {
            // A search answers within a second: its rows should not wait for the clock.
            Some(Duration::from_millis(40))
        } else {
            // A sync's result is looked for each second until it comes.
            self.syncing.as_ref().map(|_| Duration::from_secs(1))
        }
    }

    /// The results that have come, as messages for the app.
    pub fn ended(&mut self) -> Vec<Msg> {
        let mut done = Vec::new();
        if let Some(result) = self.syncing.as_ref().and_then(|s| s.try_recv().ok()) {
            self.syncing = None;
            done.push(Msg::Synced(result));
        }
        self.searching.retain(|search| match search.try_recv() {
            Ok(msg) => {
                done.push(msg);
                false
            }
            Err(std::sync::mpsc::TryRecvError::Empty) => true,
            Err(std::sync::mpsc::TryRecvError::Disconnected) => false,
        });
        done
    }

    /// git over a network can take seconds: the screen goes on meanwhile.
    pub fn sync(&mut self, root: &Path) {
        if self.syncing.is_some() {
            return;
        }
        let (tell, hear) = channel();
        let root = root.to_path_buf();
        std::thread::spawn(move || {
            let _ = tell.send(crate::sync::sync(&root).map(|s| s.summary()));
        });
        self.syncing = Some(hear);
    }

    /// Reads the archive, newest year first, for the actions the query
    /// matches: the newest `MOST_FOUND`, and whether there were more.
    pub fn search_archive(&mut self, root: &Path, board: &Board, query: ArchiveQuery) {
        let (tell, hear) = channel();
        let (root, board) = (root.to_path_buf(), board.clone());
        let mine = self.newest.fetch_add(1, Ordering::Relaxed) + 1;
        let newest = Arc::clone(&self.newest);
        let wanted = move || newest.load(Ordering::Relaxed) == mine;
        std::thread::spawn(move || {
            if let Some(found) = search(&root, &board, &query, wanted) {
                let _ = tell.send(Msg::ArchiveFound(query, found));
            }
        });
        self.searching.push(hear);
    }
}

/// None: a newer search was asked for meanwhile.
fn search(root: &Path, board: &Board, query: &ArchiveQuery, wanted: impl Fn() -> bool) -> Option<Found> {
    let mut found = Vec::new();
    for year in store::archived_actions(root, board, store::Years::NewestFirst) {
        if !wanted() {
            return None;
        }
        let actions = match year {
            Ok((_, actions)) => actions,
            Err(e) => return Some(Err(e.to_string())),
        };
        let mut matching: Vec<_> = actions.into_iter().filter(|a| query.matches(a)).collect();
        matching.sort_by(recently_closed_first);
        found.extend(matching);
        if found.len() > MOST_FOUND {
            found.truncate(MOST_FOUND);
            return Some(Ok((found, true)));
        }
    }
    Some(Ok((found, false)))
}

type Found = Result<(Vec<crate::model::Action>, bool), String>;

/// While a meeting runs, a board that asks for it syncs every so often.
pub fn sync_due(app: &App, last: &mut std::time::Instant) -> bool {
    let Some(every) = app.workspace.board.settings.sync_every_seconds.filter(|&s| s > 0) else { return false };
    if !app.ticks_every_second() || app.read_only || last.elapsed().as_secs() < u64::from(every) {
        return false;
    }
    *last = std::time::Instant::now();
    true
}
