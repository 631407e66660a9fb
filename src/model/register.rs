//! The attendance register grouped as minutes print it: Chair, Deputy
//! Chair, Members, In attendance, Apologies, Absent, Administration.

use super::meeting::{Attendance, AttendanceStatus};
use super::{Board, Meeting, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Heading {
    Chair,
    DeputyChair,
    Members,
    InAttendance,
    Apologies,
    Absent,
    Administration,
}

impl Heading {
    pub fn label(self) -> &'static str {
        match self {
            Heading::Chair => "Chair",
            Heading::DeputyChair => "Deputy Chair",
            Heading::Members => "Members",
            Heading::InAttendance => "In attendance",
            Heading::Apologies => "Apologies",
            Heading::Absent => "Absent",
            Heading::Administration => "Administration",
        }
    }
}

/// One person in the register of one meeting.
#[derive(Debug, Clone, PartialEq)]
pub struct RegisterRow<'a> {
    pub heading: Heading,
    /// Index into `board.people`.
    pub person: usize,
    pub entry: Option<&'a Attendance>,
}

impl RegisterRow<'_> {
    pub fn status(&self) -> AttendanceStatus {
        self.entry.map_or(AttendanceStatus::Expected, |e| e.status)
    }
}

/// The register in minutes order: everyone, unmarked people as expected,
/// so the secretary can mark any of them, guests included.
pub fn register<'a>(board: &Board, meeting: &'a Meeting) -> Vec<RegisterRow<'a>> {
    let mut rows: Vec<RegisterRow<'a>> = board
        .people
        .iter()
        .enumerate()
        // Someone who has retired is in the register only where they were marked.
        .filter(|(_, p)| !p.retired || meeting.attendance_of(&p.initials).is_some())
        .map(|(person, p)| {
            let entry = meeting.attendance_of(&p.initials);
            let status = entry.map_or(AttendanceStatus::Expected, |e| e.status);
            // Apologies are apologies whatever the role, an officer's too.
            let heading = match (p.role, status) {
                (_, AttendanceStatus::Apologies) => Heading::Apologies,
                (_, AttendanceStatus::Absent) => Heading::Absent,
                (Role::Officer, _) => Heading::Administration,
                (Role::Chair, _) => Heading::Chair,
                (Role::DeputyChair, _) => Heading::DeputyChair,
                (Role::Member, _) => Heading::Members,
                (Role::Guest | Role::InAttendance | Role::Advisor, _) => Heading::InAttendance,
            };
            RegisterRow { heading, person, entry }
        })
        .collect();
    rows.sort_by_key(|r| r.heading);
    rows
}
