//! Domain types and pure logic. No I/O, no terminal, and no clock: every
//! function that depends on the time takes it as an argument.

pub mod action;
pub mod agendaline;
pub mod arising;
pub mod attendance;
pub mod board;
pub mod change;
pub mod cycle;
pub mod grid;
pub mod history;
pub mod id;
pub mod iso_date;
pub mod link;
pub mod meeting;
pub mod merge;
pub mod migrate;
pub mod minutes;
pub mod quickadd;
pub mod quorum;
pub mod rag;
pub mod raised;
pub mod record;
pub mod refs;
pub mod refusal;
pub mod register;
pub mod report;
pub mod risk;
pub mod riskline;
pub mod timer;
pub mod validate;
mod workspace;
pub mod zone;

pub use action::{Action, ActionLog, ActionStatus, Deadline, Rag};
pub use board::{Board, Group, Person, QuorumRule, RiskBand, Role, Settings};
pub use change::{Applied, Change, OnDisk};
pub use meeting::{AgendaItem, Attendance, AttendanceStatus, Meeting, TimerEvent, TimerEventKind};
pub use refusal::Refusal;
pub use risk::{Risk, RiskRegister, Trend};
pub use workspace::{MeetingState, Workspace};

/// The one schema version this build reads and writes, for every file.
pub const SCHEMA_VERSION: u32 = 3;

/// Date and time as stored in the workspace: wall clock with its UTC offset,
/// so every viewer of a journal agrees on the instant.
pub type Timestamp = chrono::DateTime<chrono::FixedOffset>;

/// The sample board's register, for unit tests of the model.
#[cfg(test)]
pub(crate) fn test_board() -> Board {
    serde_json::from_str(include_str!("../../sample-data/southend-send/gavel.json")).expect("the sample board parses")
}

/// Serde helpers for times of day written as "10:00".
pub mod hhmm {
    use chrono::NaiveTime;
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(t: &NaiveTime, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&t.format("%H:%M"))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveTime, D::Error> {
        let text = String::deserialize(d)?;
        NaiveTime::parse_from_str(&text, "%H:%M")
            .map_err(|_| D::Error::custom(format!("expected a time like \"10:00\", found {text:?}")))
    }
}
