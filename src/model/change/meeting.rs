//! Changes to one meeting's file: the timer journal, the register,
//! declarations, notes and decisions, guests.

use super::fields;
use super::route::MeetingChange;
use super::{Added, Applied, Change};
use crate::model::attendance::{self, AttendanceEdit};
use crate::model::meeting::{Attendance, AttendanceMode, Declaration, Note, NoteKind};
use crate::model::refusal::Refusal;
use crate::model::timer::{self, Control};
use crate::model::{Board, Meeting};

/// One person's entry moved from `expect` back to `restore` (absent: "expected").
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct EntryRestore {
    pub initials: String,
    pub expect: Option<Attendance>,
    pub restore: Option<Attendance>,
}

pub(super) fn apply(change: MeetingChange, board: &mut Board, meeting: &mut Meeting) -> Result<Applied, Refusal> {
    let applied = |summary: String, undo: Change| Ok(Applied { summary, added: None, undo: Some(undo) });
    let date = meeting.date;
    match change {
        MeetingChange::Timer { control, at, .. } => {
            let event = timer::apply(meeting, *control, *at)?;
            let summary = timer_words(*control, &event.at);
            applied(summary, Change::TimerRevoke { meeting: date, event, at: *at })
        }
        MeetingChange::TimerRevoke { event, at, .. } => {
            if timer::last_effective(meeting) != Some(event) {
                return Err(Refusal::rule("the timer was moved in another gavel since: that step was not undone"));
            }
            timer::revoke(meeting, *at)?;
            Ok(Applied { summary: "timer step taken back".into(), added: None, undo: None })
        }
        MeetingChange::Attendance { initials, edit, at, was, .. } => {
            let before = meeting.attendance.clone();
            check_entry(board, meeting, initials, edit, *at, was.as_ref())?;
            attendance::apply(board, meeting, initials, edit, *at)?;
            applied(attendance_words(initials, edit), restore_of(&before, meeting))
        }
        MeetingChange::RestoreAttendance { entries, .. } => {
            let before = meeting.attendance.clone();
            for entry in entries {
                let record = format!("{}'s attendance", entry.initials);
                let disk = meeting.attendance_of(&entry.initials).cloned();
                let after = fields::restore(&record, disk.as_ref(), entry.expect.as_ref(), entry.restore.as_ref())?;
                meeting.attendance.retain(|a| a.initials != entry.initials);
                meeting.attendance.extend(after);
            }
            let words: Vec<String> = entries
                .iter()
                .map(|e| match &e.restore {
                    None => format!("{} back to expected", e.initials),
                    Some(entry) => format!("{} back to {}", e.initials, entry.status.label()),
                })
                .collect();
            applied(words.join(", "), restore_of(&before, meeting))
        }
        MeetingChange::Declare { declaration, .. } => {
            let expect = declaration_of(meeting, &declaration.initials, &declaration.item);
            attendance::declare(board, meeting, declaration.clone())?;
            let out = if declaration.withdrawn { ", withdrawing" } else { "" };
            let words = format!("{} declared an interest in item {}{out}", declaration.initials, declaration.item);
            applied(
                words,
                Change::RestoreDeclaration {
                    meeting: date,
                    initials: declaration.initials.clone(),
                    item: declaration.item.clone(),
                    expect: Some(declaration.clone()),
                    restore: expect,
                },
            )
        }
        MeetingChange::RestoreDeclaration { initials, item, expect, restore, .. } => {
            let disk = declaration_of(meeting, initials, item);
            let record = format!("{initials}'s declaration for item {item}");
            let after = fields::restore(&record, disk.as_ref(), expect.as_ref(), restore.as_ref())?;
            meeting.declarations.retain(|d| !(d.initials == *initials && d.item == *item));
            meeting.declarations.extend(after);
            applied(
                format!("{record} put back as before"),
                Change::RestoreDeclaration {
                    meeting: date,
                    initials: initials.clone(),
                    item: item.clone(),
                    expect: restore.clone(),
                    restore: expect.clone(),
                },
            )
        }
        MeetingChange::Record { kind, item, text, at, .. } => {
            meeting.record(*kind, item, *at, text)?;
            let words = match kind {
                NoteKind::Note => format!("note added under item {item}"),
                NoteKind::Decision => format!("decision recorded under item {item}"),
            };
            let (item, at, was) = (item.clone(), Some(*at), Some(text.trim().to_string()));
            applied(words, Change::EditRecord { meeting: date, kind: *kind, item, at, was, now: None })
        }
        MeetingChange::EditRecord { kind, item, at, was, now, .. } => {
            let words = edit_record(meeting, *kind, item, *at, was.as_deref(), now.as_deref())?;
            let (item, at) = (item.clone(), *at);
            applied(
                words,
                Change::EditRecord { meeting: date, kind: *kind, item, at, was: now.clone(), now: was.clone() },
            )
        }
        MeetingChange::AddGuest { guest, at, .. } => {
            let before = meeting.attendance.clone();
            let initials = attendance::register_guest(board, guest);
            attendance::admit_guest(board, meeting, &initials, &guest.items, *at)?;
            Ok(Applied {
                summary: format!("{} in attendance as {initials}", guest.name),
                undo: Some(restore_of(&before, meeting)),
                added: Some(Added::Guest(initials)),
            })
        }
    }
}

/// Refuses an edit of a person's entry when the fields it changes were
/// changed on disk since the user saw the entry.
fn check_entry(
    board: &Board,
    meeting: &Meeting,
    initials: &str,
    edit: &AttendanceEdit,
    at: crate::model::Timestamp,
    was: Option<&Attendance>,
) -> Result<(), Refusal> {
    let disk = meeting.attendance_of(initials);
    if disk == was {
        return Ok(());
    }
    // What the edit would have made of the entry the user saw.
    let mut seen = meeting.clone();
    seen.attendance.retain(|a| a.initials != initials);
    seen.attendance.extend(was.cloned());
    if attendance::apply(board, &mut seen, initials, edit, at).is_err() {
        return Ok(()); // the rules will judge it on the disk's copy
    }
    let wanted = seen.attendance_of(initials);
    fields::restore(&format!("{initials}'s attendance"), disk, was, wanted).map(drop)
}

/// The change that puts every entry that differs back as it was.
fn restore_of(before: &[Attendance], meeting: &Meeting) -> Change {
    let mut people: Vec<&str> = before.iter().chain(&meeting.attendance).map(|a| a.initials.as_str()).collect();
    people.sort_unstable();
    people.dedup();
    let entries = people
        .into_iter()
        .filter_map(|initials| {
            let old = before.iter().find(|a| a.initials == initials).cloned();
            let new = meeting.attendance_of(initials).cloned();
            (old != new).then(|| EntryRestore { initials: initials.to_string(), expect: new, restore: old })
        })
        .collect();
    Change::RestoreAttendance { meeting: meeting.date, entries }
}

fn declaration_of(meeting: &Meeting, initials: &str, item: &str) -> Option<Declaration> {
    meeting.declarations.iter().find(|d| d.initials == initials && d.item == item).cloned()
}

/// Changes, removes (`now: None`) or puts back (`was: None`) a note or decision.
fn edit_record(
    meeting: &mut Meeting,
    kind: NoteKind,
    item: &str,
    at: Option<crate::model::Timestamp>,
    was: Option<&str>,
    now: Option<&str>,
) -> Result<String, Refusal> {
    let what = match kind {
        NoteKind::Note => "note",
        NoteKind::Decision => "decision",
    };
    let list = match kind {
        NoteKind::Note => &mut meeting.notes,
        NoteKind::Decision => &mut meeting.decisions,
    };
    let found = list.iter().position(|n| n.item == item && n.at == at && Some(n.text.as_str()) == was);
    match (was, now, found) {
        (None, Some(text), _) => {
            list.push(Note { id: crate::model::id::Id::fresh(), item: item.to_string(), at, text: text.to_string() });
            Ok(format!("{what} put back under item {item}"))
        }
        (Some(_), _, None) => {
            let record = format!("the {what} under item {item}");
            match list.iter().find(|n| n.item == item && n.at == at) {
                Some(other) => Err(Refusal::Conflict {
                    record,
                    field: "text".into(),
                    theirs: format!("{:?}", other.text),
                    yours: now.map_or("removed".into(), |t| format!("{t:?}")),
                    since: crate::model::refusal::Since::Opened,
                }),
                None => Err(Refusal::Gone(record)),
            }
        }
        (Some(_), None, Some(index)) => {
            list.remove(index);
            Ok(format!("{what} removed from item {item}"))
        }
        (Some(_), Some(text), Some(index)) => {
            if text.trim().is_empty() {
                return Err(Refusal::rule(format!("an empty {what} is removed with an empty line, not saved")));
            }
            list[index].text = text.trim().to_string();
            Ok(format!("{what} under item {item} changed"))
        }
        (None, None, _) => Err(Refusal::rule("nothing to change")),
    }
}

fn timer_words(control: Control, at: &crate::model::Timestamp) -> String {
    let time = at.format("%H:%M:%S");
    match control {
        Control::StartOrPause => format!("timer started, paused or resumed at {time}"),
        Control::Next => format!("next item at {time}"),
        Control::Previous => format!("back to the previous item at {time}"),
        Control::Skip => format!("item deferred at {time}"),
        Control::Extend(m) if m > 0 => format!("{m} minute added"),
        Control::Extend(_) => "1 minute taken off".to_string(),
        Control::End => format!("meeting ended at {time}"),
        Control::Jump(_) => format!("on to the selected item at {time}"),
        Control::Defer(_) => "item deferred to the next meeting".to_string(),
        Control::Reopen => format!("meeting reopened at {time}"),
    }
}

fn attendance_words(initials: &str, edit: &AttendanceEdit) -> String {
    match edit {
        AttendanceEdit::Mark(status) => format!("{initials} marked {}", status.label()),
        AttendanceEdit::Arrived(at) => format!("{initials} arrived at {}", at.format("%H:%M")),
        AttendanceEdit::Left(at) => format!("{initials} left at {}", at.format("%H:%M")),
        AttendanceEdit::DeputyFor(member) => format!("{initials} deputising for {member}"),
        AttendanceEdit::Mode(AttendanceMode::Remote) => format!("{initials} joining remotely"),
        AttendanceEdit::Mode(AttendanceMode::InRoom) => format!("{initials} in the room"),
    }
}
