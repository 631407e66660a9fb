//! Every date argument reads as the quick-add line reads dates ("3.3.22",
//! "3 March", "friday", "+2w"), in the board's date order, as well as
//! 2022-03-03. clap reads arguments before the workspace is found, so the
//! parser finds the board's order itself: the workspace the line names
//! (`-w`), else $GAVEL_WORKSPACE, else the current directory's.

use crate::model::quickadd::{DateContext, MeetingToday, read_one_date};
use crate::model::{Board, board::DateOrder};
use chrono::NaiveDate;

/// A date argument: ISO as it is, anything else in the board's order.
pub fn quick(typed: &str) -> Result<NaiveDate, String> {
    if let Ok(date) = typed.trim().parse::<NaiveDate>() {
        return Ok(date);
    }
    read_one_date(typed, &context())
}

/// Today (GAVEL_NOW's day when set), the board's date order and its next
/// meeting after today; day first where no board is found.
fn context() -> DateContext {
    let now = std::env::var("GAVEL_NOW").ok().and_then(|t| chrono::DateTime::parse_from_rfc3339(&t).ok());
    let today = now.map_or_else(|| crate::clock::wall().date_naive(), |t| t.date_naive());
    let root = super::complete::workspace();
    let board = root
        .as_ref()
        .and_then(|root| crate::store::load_document::<Board>(&root.join(crate::store::BOARD_FILE)).ok().flatten());
    let next_meeting = root.and_then(|root| crate::store::meeting_dates(&root).iter().copied().find(|d| *d > today));
    DateContext {
        today,
        order: board.map_or(DateOrder::DayFirst, |b| b.settings.date_order),
        next_meeting,
        meeting_today: MeetingToday::None,
    }
}
