//! Keeping the register during the meeting: present, apologies, absent,
//! late arrivals and early departures with their times, deputies,
//! remote or in the room, guests, and declarations of interest. Each
//! change is checked here, on the screen's copy and again under the lock.

use super::meeting::{Attendance, AttendanceMode, AttendanceStatus, Declaration};
use super::timer::{Phase, TimerState};
use super::{Board, Meeting, Person, Role, Timestamp};

#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AttendanceEdit {
    /// Present, apologies or absent. Present while the meeting runs is an
    /// arrival now, once the first item and the start grace are over.
    Mark(AttendanceStatus),
    /// Arrived late, at this time.
    Arrived(Timestamp),
    /// Left before the end, at this time.
    Left(Timestamp),
    /// Stands in for this absent member, and is present.
    DeputyFor(String),
    Mode(AttendanceMode),
}

/// When the meeting started, and whether it is under way now.
fn started(meeting: &Meeting) -> (Option<Timestamp>, bool) {
    match TimerState::replay(meeting) {
        Ok(t) => (t.started, matches!(t.phase, Phase::Running | Phase::Paused)),
        Err(_) => (None, false),
    }
}

/// When someone marked present at `now` arrived: none (here from the
/// start) before the meeting starts, until its first item ends, or within
/// the board's grace after the start; else at `now`, late.
fn arrival(board: &Board, meeting: &Meeting, now: Timestamp) -> Option<Timestamp> {
    let timer = TimerState::replay(meeting).ok()?;
    if !matches!(timer.phase, Phase::Running | Phase::Paused) {
        return None;
    }
    let grace = chrono::TimeDelta::minutes(i64::from(board.settings.start_grace_minutes));
    let first_item_over = timer.items.iter().any(|c| c.ended.is_some());
    let in_grace = timer.started.is_some_and(|start| now - start <= grace);
    (first_item_over && !in_grace).then_some(now)
}

fn entry<'a>(meeting: &'a mut Meeting, initials: &str) -> &'a mut Attendance {
    let index = match meeting.attendance.iter().position(|a| a.initials == initials) {
        Some(i) => i,
        None => {
            meeting.attendance.push(Attendance {
                id: crate::model::id::Id::fresh(),
                initials: initials.to_string(),
                status: AttendanceStatus::Expected,
                mode: None,
                deputy_for: None,
                arrived: None,
                left: None,
                items: vec![],
            });
            meeting.attendance.len() - 1
        }
    };
    &mut meeting.attendance[index]
}

/// A time typed to the minute, held no earlier than `floor`: "10:03" for a
/// meeting that started at 10:03:20 means 10:03:20, not before it.
fn not_before(at: Timestamp, floor: Timestamp) -> Option<Timestamp> {
    use chrono::Timelike;
    let floor_minute = floor.with_second(0).and_then(|t| t.with_nanosecond(0)).unwrap_or(floor);
    (at >= floor_minute).then_some(at.max(floor))
}

/// The register records what happened: a time still to come is refused
/// (it would take the person out of the quorum count before they go).
fn not_after_now(at: Timestamp, now: Timestamp) -> Result<(), String> {
    match at > now {
        true => Err(format!(
            "{} is still to come (it is {}): mark it when it happens",
            at.format("%H:%M"),
            now.format("%H:%M")
        )),
        false => Ok(()),
    }
}

fn known<'a>(board: &'a Board, initials: &str) -> Result<&'a Person, String> {
    board.person(initials).ok_or_else(|| format!("{initials} is not in the people register (gavel.json)"))
}

/// Applies one change to one person's entry; `now` stamps arrivals while
/// the meeting runs.
pub fn apply(
    board: &Board,
    meeting: &mut Meeting,
    initials: &str,
    edit: &AttendanceEdit,
    now: Timestamp,
) -> Result<(), String> {
    known(board, initials)?;
    let (start, _) = started(meeting);
    let deputy_of = |m: &Meeting| {
        m.attendance.iter().find(|a| a.deputy_for.as_deref() == Some(initials)).map(|a| a.initials.clone())
    };
    match edit {
        AttendanceEdit::Mark(status) => {
            if *status == AttendanceStatus::Present
                && let Some(deputy) = deputy_of(meeting)
            {
                return Err(format!("{deputy} is deputising for {initials}: mark {deputy} otherwise first"));
            }
            let arrived = arrival(board, meeting, now);
            let entry = entry(meeting, initials);
            if entry.status == *status {
                return Err(format!("{initials} is already marked {}", status.label()));
            }
            entry.status = *status;
            entry.arrived = if *status == AttendanceStatus::Present { arrived } else { None };
            entry.left = None;
            if *status != AttendanceStatus::Present {
                entry.deputy_for = None;
            }
        }
        AttendanceEdit::Arrived(at) => {
            let start = start.ok_or("a late arrival needs the meeting to have started (space starts it)")?;
            not_after_now(*at, now)?;
            let at = not_before(*at, start).ok_or_else(|| {
                format!("{} is before the meeting started at {}", at.format("%H:%M"), start.format("%H:%M"))
            })?;
            let entry = entry(meeting, initials);
            entry.status = AttendanceStatus::Present;
            entry.arrived = Some(at);
            entry.left = None;
        }
        AttendanceEdit::Left(at) => {
            let start = start.ok_or("leaving early needs the meeting to have started (space starts it)")?;
            not_after_now(*at, now)?;
            let entry = entry(meeting, initials);
            if entry.status != AttendanceStatus::Present {
                return Err(format!("{initials} is not marked present, so cannot leave"));
            }
            let since = entry.arrived.unwrap_or(start);
            let at = not_before(*at, since).ok_or_else(|| {
                format!("{} is before {initials} was here ({})", at.format("%H:%M"), since.format("%H:%M"))
            })?;
            entry.left = Some(at);
        }
        AttendanceEdit::DeputyFor(member) => {
            known(board, member)?;
            if member == initials {
                return Err(format!("{initials} cannot deputise for themselves"));
            }
            let member_entry = meeting.attendance_of(member);
            if member_entry.is_some_and(|a| a.status == AttendanceStatus::Present) {
                return Err(format!("{member} is present, so needs no deputy"));
            }
            if let Some(other) = meeting
                .attendance
                .iter()
                .find(|a| a.deputy_for.as_deref() == Some(member.as_str()) && a.initials != initials)
            {
                return Err(format!("{} is already deputising for {member}", other.initials));
            }
            if member_entry.is_none_or(|a| a.status == AttendanceStatus::Expected) {
                entry(meeting, member).status = AttendanceStatus::Apologies;
            }
            let arrived = arrival(board, meeting, now);
            let entry = entry(meeting, initials);
            // Within the start grace a deputy was there from the start, as
            // members are, whatever an earlier mark (a guest's) said.
            if entry.status != AttendanceStatus::Present || arrived.is_none() {
                entry.arrived = arrived;
            }
            entry.status = AttendanceStatus::Present;
            entry.deputy_for = Some(member.clone());
        }
        AttendanceEdit::Mode(mode) => entry(meeting, initials).mode = Some(*mode),
    }
    Ok(())
}

/// Records a declaration of interest, replacing the same person's for the same item.
pub fn declare(board: &Board, meeting: &mut Meeting, declaration: Declaration) -> Result<(), String> {
    known(board, &declaration.initials)?;
    if meeting.item_index(&declaration.item).is_none() {
        return Err(format!("there is no agenda item {:?}", declaration.item));
    }
    meeting.declarations.retain(|d| !(d.initials == declaration.initials && d.item == declaration.item));
    meeting.declarations.push(declaration);
    Ok(())
}

/// A guest in attendance: name, job title, organisation, and the items they are here for.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Guest {
    pub name: String,
    #[serde(default)]
    pub job_title: String,
    pub organisation: String,
    pub items: Vec<String>,
}

/// Adds the guest to the people register with initials of their own;
/// returns the initials.
pub fn register_guest(board: &mut Board, guest: &Guest) -> String {
    let untitled = super::change::people::untitled(&guest.name);
    let letters: String =
        untitled.split_whitespace().filter_map(|w| w.chars().next()).filter(|c| c.is_alphanumeric()).collect();
    let base = if letters.is_empty() { "G".to_string() } else { letters.to_uppercase() };
    let taken = |i: &str| board.resolve(i).is_some();
    let initials = std::iter::once(base.clone())
        .chain((2..).map(|n| format!("{base}{n}")))
        .find(|i| !taken(i))
        .expect("an endless supply");
    board.people.push(Person {
        changes: vec![],
        id: crate::model::id::Id::fresh(),
        initials: initials.clone(),
        name: guest.name.clone(),
        job_title: guest.job_title.clone(),
        organisation: guest.organisation.clone(),
        role: Role::Guest,
        retired: false,
    });
    initials
}

/// Marks a registered guest present in the meeting for their items; one
/// marked within the start grace was there from the start.
pub fn admit_guest(
    board: &Board,
    meeting: &mut Meeting,
    initials: &str,
    items: &[String],
    now: Timestamp,
) -> Result<(), String> {
    if let Some(item) = items.iter().find(|i| meeting.item_index(i).is_none()) {
        return Err(format!("there is no agenda item {item:?}"));
    }
    let arrived = arrival(board, meeting, now);
    let entry = entry(meeting, initials);
    entry.status = AttendanceStatus::Present;
    entry.arrived = arrived;
    entry.items = items.to_vec();
    Ok(())
}

mod lines;
pub use lines::{parse_declaration, parse_guest, parse_time};

#[cfg(test)]
mod tests;
