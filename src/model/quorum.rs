//! Quorum: enough quorum-counting members present, by the board's rule.

use super::{AttendanceStatus, Board, Meeting, Role};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    pub present: u32,
    pub minimum: u32,
    /// False only when the rule requires the chair or deputy and neither is here.
    pub chair_or_deputy: bool,
}

impl Quorum {
    pub fn is_quorate(&self) -> bool {
        self.present >= self.minimum && self.chair_or_deputy
    }

    pub fn shortfall(&self) -> u32 {
        self.minimum.saturating_sub(self.present)
    }
}

/// Quorum as the register stands: present and not yet left. A deputy counts
/// for the member they stand in for.
pub fn evaluate(board: &Board, meeting: &Meeting) -> Quorum {
    let rule = &board.quorum;
    let role_of = |initials: &str| board.person(initials).map(|p| p.role);
    let mut present = 0;
    let mut chair_here = false;
    for entry in &meeting.attendance {
        if entry.status != AttendanceStatus::Present || entry.left.is_some() {
            continue;
        }
        let role = role_of(entry.deputy_for.as_deref().unwrap_or(&entry.initials));
        let Some(role) = role else { continue };
        if rule.counting_roles.contains(&role) {
            present += 1;
        }
        chair_here |= matches!(role, Role::Chair | Role::DeputyChair);
    }
    Quorum {
        present,
        minimum: rule.minimum,
        chair_or_deputy: chair_here || !rule.requires_chair_or_deputy,
    }
}
