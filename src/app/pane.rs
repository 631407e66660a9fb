//! The four panes, in the order `Tab` and `1`–`4` go through them.

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Pane {
    Agenda,
    Actions,
    Risks,
    Attendance,
}

impl Pane {
    pub const ALL: [Pane; 4] = [Pane::Agenda, Pane::Actions, Pane::Risks, Pane::Attendance];

    pub(super) fn index(self) -> usize {
        Pane::ALL.iter().position(|&p| p == self).expect("listed")
    }

    pub(super) fn step(self, by: usize) -> Pane {
        Pane::ALL[(self.index() + by) % Pane::ALL.len()]
    }

    pub fn number(self) -> usize {
        self.index() + 1
    }
}
