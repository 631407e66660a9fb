//! A change in a few words before it is applied, for the changes kept when
//! a save failed: "A14 added" cannot be said yet, "action "Book the room"
//! to add" can.

use super::{ActionEdit, Change, RiskEdit};
use crate::model::attendance::AttendanceEdit;
use crate::model::meeting::NoteKind;

impl Change {
    pub fn intent(&self) -> String {
        use Change::*;
        let when = |d: &chrono::NaiveDate| d.format("%-d %b").to_string();
        match self {
            Timer { control, at, .. } => format!("timer: {control:?} at {}", at.format("%H:%M:%S")).to_lowercase(),
            TimerRevoke { .. } => "timer step taken back".into(),
            Attendance { initials, edit, .. } => match edit {
                AttendanceEdit::Mark(status) => format!("{initials} {}", status.label()),
                AttendanceEdit::Arrived(at) => format!("{initials} arrived {}", at.format("%H:%M")),
                AttendanceEdit::Left(at) => format!("{initials} left {}", at.format("%H:%M")),
                AttendanceEdit::DeputyFor(member) => format!("{initials} for {member}"),
                AttendanceEdit::Mode(_) => format!("{initials} remote / in the room"),
            },
            RestoreAttendance { entries, .. } => {
                let who: Vec<&str> = entries.iter().map(|e| e.initials.as_str()).collect();
                format!("{} as before", who.join(", "))
            }
            Declare { declaration, .. } => format!("{}'s interest in item {}", declaration.initials, declaration.item),
            RestoreDeclaration { initials, item, .. } => format!("{initials}'s declaration for item {item} as before"),
            Record { kind: NoteKind::Note, item, .. } => format!("a note under item {item}"),
            Record { kind: NoteKind::Decision, item, .. } => format!("a decision under item {item}"),
            EditRecord { item, now: None, .. } => format!("a note removed from item {item}"),
            EditRecord { item, .. } => format!("a note under item {item} changed"),
            AddGuest { guest, meeting, .. } => format!("{} in attendance on {}", guest.name, when(meeting)),
            AddAction { draft, .. } => format!("action {:?} added", draft.text),
            PutAction { action } => format!("{} put back", action.reference),
            DeleteAction { was } => format!("{} deleted", was.reference),
            EditAction { reference, edit, .. } => match edit {
                ActionEdit::Status { now, .. } => format!("{reference} {}", now.status.label()),
                ActionEdit::AddUpdate(_) => format!("{reference}: an update"),
                ActionEdit::RemoveUpdate(_) => format!("{reference}: an update removed"),
                ActionEdit::Fields(_) => format!("{reference} edited"),
            },
            AddRisk { new, .. } => format!("risk {:?} added", new.title),
            PutRisk { risk } => format!("{} put back", risk.reference),
            DeleteRisk { was } => format!("{} deleted", was.reference),
            EditRisk { reference, edit, .. } => match edit {
                RiskEdit::Rescore { .. } | RiskEdit::Unscore { .. } => format!("{reference} rescored"),
                RiskEdit::Status { .. } => format!("{reference} closed or reopened"),
                RiskEdit::Review { .. } => format!("{reference}'s review date"),
            },
            AddPerson { person } => format!("{} to join the register", person.name),
            Person { initials, restore: Some(p), .. } if p.retired => format!("{initials} retired"),
            Person { initials, restore: Some(_), .. } => format!("{initials} in the register changed"),
            Person { initials, restore: None, .. } => format!("{initials} out of the register"),
            Rename { from, to } => format!("{from} to become {to}"),
            Settings { .. } => "the board's settings changed".into(),
            Group { initials, restore: Some(g), .. } if g.retired => format!("group {initials} retired"),
            Group { initials, restore: Some(_), .. } => format!("group {initials} saved"),
            Group { initials, restore: None, .. } => format!("group {initials} taken out"),
            NewMeeting { meeting } => format!("the meeting of {} made", when(&meeting.date)),
            Agenda { meeting, summary, .. } => format!("agenda of {}: {summary}", when(meeting)),
            Approve { meeting, .. } => format!("minutes of {} approved", when(meeting)),
            Unapprove { meeting } => format!("approval of the minutes of {} withdrawn", when(meeting)),
            Undo(inner) => format!("undo of: {}", inner.intent()),
            Batch(changes) => format!("{} changes from an import", changes.len()),
            Because { change, reason } => format!("{} (because {reason})", change.intent()),
        }
    }
}
