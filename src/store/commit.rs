//! Saving a `Change`: under the workspace lock, read the documents it
//! needs as they are on disk now, apply it, and write back what it
//! changed, each file atomically. One path for the TUI, `gavel add` and
//! `gavel import`, so no path can overwrite what another wrote.

use super::append::append_locked;
use super::error::{LoadError, SaveError};
use super::held::{Daily, check_daily};
use super::lock::lock_for_save;
use super::save::{clean_leftovers_once, to_json, write_atomic};
use super::{ACTIONS_FILE, BOARD_FILE, RISKS_FILE, load_document, meeting_file};
use crate::model::change::{Added, Committed, Needs};
use crate::model::history::Stamp;
use crate::model::link::{self, Directory};
use crate::model::migrate;
use crate::model::raised;
use crate::model::record::Document;
use crate::model::validate::validate_actions;
use crate::model::{ActionLog, Applied, Board, Change, OnDisk, Refusal, RiskRegister};
use std::path::Path;

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> SaveError + '_ {
    move |source| SaveError::io(path, source)
}

/// Applies `change` to the workspace at `root` and saves it durably, in
/// the name gavel knows the user by, now, with no reason given.
pub fn commit(root: &Path, change: &Change) -> Result<Committed, SaveError> {
    commit_as(root, change, &super::author::stamp(root, change.reason().map(String::from)))
}

/// `commit`, noted in the history of every record it changes as `stamp` says.
pub fn commit_as(root: &Path, change: &Change, stamp: &Stamp) -> Result<Committed, SaveError> {
    let _lock = lock_for_save(root)?;
    super::open::real_folders(root)?;
    clean_leftovers_once(root);
    let board: Board = load_document(&root.join(BOARD_FILE))?.ok_or_else(|| LoadError::NotAWorkspace(root.into()))?;
    let _register = link::in_force(Some(Directory::of(&board)));
    if let Change::AddAction { draft, raised } = change {
        // The common case, kept fast on a long log: spliced in, not rewritten.
        let action = append_locked(root, &board, draft.clone(), raised.clone(), stamp)?;
        let applied = Applied {
            summary: format!("{} added: {}", action.reference, action.text),
            undo: Some(Change::DeleteAction { was: action.clone() }),
            added: Some(Added::Action(Box::new(action))),
        };
        return Ok(Committed { applied, board: None, actions: None, risks: None, meeting: None, live: vec![] });
    }
    let prepared = super::freeze::prepare(root, change, stamp)?;
    let change = prepared.as_ref().unwrap_or(change);
    let needs = change.needs();
    // The daily documents it does not read are checked all the same, before
    // anything (a long file's tidy) is written.
    let unread: Vec<Daily> =
        [(Daily::Actions, needs.actions), (Daily::Risks, needs.risks)].iter().filter(|d| !d.1).map(|d| d.0).collect();
    check_daily(root, &board, &unread)?;
    // A long log of an older workspace is tidied a record at a time before
    // it is read whole (`store::sift`).
    let long_kept_from = super::archive::kept_from(root, &board);
    if needs.actions {
        super::sift::tidy_long_file::<ActionLog>(root, &board, &root.join(ACTIONS_FILE), long_kept_from)?;
    }
    if needs.actions || needs.risks {
        super::sift::tidy_long_file::<RiskRegister>(root, &board, &root.join(RISKS_FILE), long_kept_from)?;
    }
    let as_read = board.clone();
    let mut disk = read(root, board, needs)?;
    upgrade(&mut disk);
    let before = disk.clone();
    let applied = change.apply(&mut disk).map_err(SaveError::Refused)?;
    note_changes(&before, &mut disk, stamp);
    follow_raised_items(&before, &mut disk, stamp);
    if let Some(log) = disk.actions.as_ref().filter(|_| needs.actions)
        && let Some(problem) = validate_actions(&disk.board, log).into_iter().next()
    {
        return Err(SaveError::Refused(Refusal::rule(format!("{}: {}", problem.path, problem.message))));
    }
    // Closed records of past years move to the archive as the change is saved.
    let kept_from = super::archive::kept_from(root, &disk.board);
    if let Some(log) = disk.actions.as_mut().filter(|_| needs.actions)
        && super::archive::needs_tidying::<ActionLog>(&log.actions, kept_from)
    {
        super::archive::tidy(root, kept_from, log)?;
        if !needs.risks {
            super::archive::tidy_risks_too(root, &disk.board, kept_from)?;
        }
    }
    if let Some(register) = disk.risks.as_mut().filter(|_| needs.risks) {
        super::archive::tidy(root, kept_from, register)?;
    }
    write(root, &as_read, &before, &disk)?;
    // A log or register the change read and left as it was (an agenda
    // edit reads the log) is not given back: the screen's copy is the
    // disk's, whereas this one holds identities an older file was given in
    // memory as it was read here, and never written.
    if before.actions == disk.actions {
        disk.actions = None;
    }
    if before.risks == disk.risks {
        disk.risks = None;
    }
    Ok(Committed::new(applied, disk, needs))
}

/// Documents of an older schema are upgraded as they are read for a
/// change: the upgrade is written with it, never noted as a change.
fn upgrade(disk: &mut OnDisk) {
    migrate::upgrade(&mut disk.board);
    disk.actions.as_mut().map(migrate::upgrade);
    disk.risks.as_mut().map(migrate::upgrade);
    disk.meeting.as_mut().map(migrate::upgrade);
    for meeting in &mut disk.live {
        migrate::upgrade(meeting);
    }
}

/// Gives identities to records the change made without one, and notes
/// what it did in the history of each record it touched.
fn note_changes(before: &OnDisk, after: &mut OnDisk, stamp: &Stamp) {
    after.board.give_ids();
    after.board.note_changes(&before.board, stamp);
    // Records are compared as they will be stored: a link that only
    // followed corrected initials is no change of its record.
    let _register = link::in_force(Some(Directory::of(&after.board)));
    if let (Some(was), Some(now)) = (&before.actions, &mut after.actions) {
        now.give_ids();
        now.note_changes(was, stamp);
    }
    if let (Some(was), Some(now)) = (&before.risks, &mut after.risks) {
        now.give_ids();
        now.note_changes(was, stamp);
    }
    if let Some(now) = &mut after.meeting {
        now.give_ids();
        crate::model::history::note_one(before.meeting.as_ref(), now, stamp);
    }
    // The meetings a change through every live document rewrote (a rename).
    for now in &mut after.live {
        now.give_ids();
        let was = before.live.iter().find(|m| m.date == now.date);
        crate::model::history::note_one(was, now, stamp);
    }
}

/// Actions raised at a meeting whose agenda this change numbered anew
/// follow their items (`model::raised`): one taken off the agenda is
/// unlinked, in the action's history; every other stores the number its
/// item bears now, and a number alone is given its item's identity (labels:
/// no change of the action's, noted nowhere). Only those: a change that
/// reads a meeting for another reason (a correction of initials) leaves
/// the log's bytes alone, so it stays a small diff.
fn follow_raised_items(before: &OnDisk, disk: &mut OnDisk, stamp: &Stamp) {
    use crate::model::Meeting;
    let Some(log) = disk.actions.as_mut() else { return };
    let numbering = |m: &Meeting| m.agenda.iter().map(|i| (i.id.clone(), i.number.clone())).collect::<Vec<_>>();
    let was: Vec<&Meeting> = before.meeting.iter().chain(&before.live).collect();
    for now in disk.meeting.iter().chain(&disk.live) {
        if let Some(was) = was.iter().find(|m| m.date == now.date).filter(|m| numbering(m) != numbering(now)) {
            raised::renumbered(&mut log.actions, was, now, stamp);
        }
    }
}

/// A daily document, which every workspace holds (`held`).
fn daily<T: serde::de::DeserializeOwned + super::Versioned>(path: &Path) -> Result<T, SaveError> {
    Ok(load_document(path)?.ok_or_else(|| super::held::vanished(path))?)
}

/// The documents the change needs, as they are on disk; a missing action
/// log, risk register or meeting is refused.
fn read(root: &Path, board: Board, needs: Needs) -> Result<OnDisk, SaveError> {
    let actions = match needs.actions {
        true => Some(daily(&root.join(ACTIONS_FILE))?),
        false => None,
    };
    let risks = match needs.risks {
        true => Some(daily(&root.join(RISKS_FILE))?),
        false => None,
    };
    if let Some(date) = needs.creates {
        // The file must not exist: a meeting is made once, never over another.
        return match load_document::<crate::model::Meeting>(&meeting_file(root, date))? {
            Some(_) => Err(SaveError::Refused(Refusal::rule(format!(
                "there is already a meeting on {}",
                date.format("%-d %B %Y")
            )))),
            None => Ok(OnDisk { board, actions, risks, meeting: None, live: vec![] }),
        };
    }
    let meeting = match needs.meeting {
        Some(date) => Some(load_document(&meeting_file(root, date))?.ok_or_else(|| {
            SaveError::Refused(Refusal::rule(format!("there is no meeting on {} any more", date.format("%-d %B %Y"))))
        })?),
        None => None,
    };
    let live = if needs.live_meetings { live_meetings(root)? } else { vec![] };
    Ok(OnDisk { board, actions, risks, meeting, live })
}

/// Every meeting whose minutes are not yet approved, oldest first.
fn live_meetings(root: &Path) -> Result<Vec<crate::model::Meeting>, SaveError> {
    let paths = super::listing::meeting_paths(root).map_err(io(&root.join(super::MEETINGS_DIR)))?;
    let mut live = Vec::new();
    for path in paths {
        if let Some(meeting) = load_document::<crate::model::Meeting>(&path)?
            && meeting.approved.is_none()
        {
            live.push(meeting);
        }
    }
    Ok(live)
}

/// The board as it will be, with every person and group it no longer has
/// kept (retired) while the other files still name them; the same as
/// `after` unless the change took initials away.
fn interim_board(before: &Board, after: &Board) -> Board {
    let mut board = after.clone();
    for gone in before.people.iter().filter(|p| after.person(&p.initials).is_none()) {
        board.people.push(crate::model::Person { retired: true, ..gone.clone() });
    }
    for gone in before.groups.iter().filter(|g| after.group(&g.initials).is_none()) {
        board.groups.push(crate::model::Group { retired: true, ..gone.clone() });
    }
    board
}

/// Writes the documents that changed. A guest joins the register before
/// the meeting, so a crash between leaves a registered guest not yet marked in.
/// The board is written whenever it differs from the file `as_read`: links
/// are stored as the identities of the register as the change leaves it
/// (a person added and named an owner at once, identities given by an
/// upgrade), so those must be on disk too.
fn write(root: &Path, as_read: &Board, before: &OnDisk, after: &OnDisk) -> Result<(), SaveError> {
    let _register = link::in_force(Some(Directory::of(&after.board)));
    // A file saved but not surely flushed is reported once the rest of the
    // change is written too: "the change is made" must be true when said.
    let mut unsure = None;
    let mut save = |path: &Path, bytes: Vec<u8>| match write_atomic(path, &bytes).map_err(io(path)) {
        Err(e @ SaveError::Unsure { .. }) => {
            unsure.get_or_insert(e);
            Ok(())
        }
        done => done,
    };
    // New initials (a rename) reach several files: the board goes first
    // with the old entries kept beside the new (retired), so a crash
    // between files leaves every link, old or new, in the register; the
    // board as it ends up goes last.
    let links_elsewhere = before.actions != after.actions || before.risks != after.risks || before.live != after.live;
    let changed = after.board != *as_read;
    let interim = match links_elsewhere {
        true => changed.then(|| interim_board(&before.board, &after.board)),
        false => changed.then(|| after.board.clone()),
    };
    if let Some(board) = interim.as_ref().filter(|b| *b != as_read) {
        save(&root.join(BOARD_FILE), to_json(board))?;
    }
    if let Some(log) = after.actions.as_ref().filter(|log| before.actions.as_ref() != Some(log)) {
        save(&root.join(ACTIONS_FILE), to_json(log))?;
    }
    if let Some(register) = after.risks.as_ref().filter(|r| before.risks.as_ref() != Some(r)) {
        save(&root.join(RISKS_FILE), to_json(register))?;
    }
    if let Some(meeting) = after.meeting.as_ref().filter(|m| before.meeting.as_ref() != Some(m)) {
        save(&meeting_file(root, meeting.date), to_json(meeting))?;
    }
    for (meeting, was) in after.live.iter().zip(&before.live).filter(|(now, was)| now != was) {
        save(&meeting_file(root, was.date), to_json(meeting))?;
    }
    if interim.is_some_and(|board| board != after.board) {
        save(&root.join(BOARD_FILE), to_json(&after.board))?;
    }
    unsure.map_or(Ok(()), Err)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Between the files of a rename, links old and new are both in the register.
    #[test]
    fn the_board_between_a_renames_files_knows_both_initials() {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/southend-send");
        let ws = crate::store::load(Path::new(dir)).unwrap();
        let mut disk = OnDisk { board: ws.board.clone(), actions: None, risks: None, meeting: None, live: vec![] };
        Change::Rename { from: "GB".into(), to: "GBl".into() }.apply(&mut disk).unwrap();
        let interim = interim_board(&ws.board, &disk.board);
        assert!(interim.person("GB").is_some_and(|p| p.retired) && interim.person("GBl").is_some_and(|p| !p.retired));
        assert!(validate_actions(&interim, &ws.actions).is_empty(), "the old links still resolve");
        assert_eq!(interim_board(&ws.board, &ws.board), ws.board, "nothing taken away: the board as it is");
    }
}
