//! `gavel board`: the board's settings (name, quorum, time zone, amber
//! days, start grace, date order), each saved as one `Change::Settings`.

use super::{INVALID, USAGE_OR_IO, fail, saved};
use crate::model::Change;
use crate::model::board::{Board, DateOrder, Role};
use crate::model::change::board::{BoardSettings, date_order_word, quorum_words};
use crate::text::clean;
use clap::Subcommand;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum BoardWhat {
    /// The board's name, as its papers give it.
    Name { name: String },
    /// The quorum: a number of counting members ("6") or a share of them
    /// ("1/3", "one third", "half", "40%"), rounded up.
    Quorum {
        /// 6, or 1/3, "one third", "half", "40%".
        rule: Option<String>,
        /// With a share: never fewer than this many.
        #[arg(long, value_name = "N")]
        at_least: Option<u32>,
        /// The chair or the deputy chair must be among those present.
        #[arg(long, conflicts_with = "no_chair_or_deputy")]
        chair_or_deputy: bool,
        /// The chair or deputy need not be there.
        #[arg(long)]
        no_chair_or_deputy: bool,
        /// The roles that count toward the quorum: chair,deputy_chair,member.
        #[arg(long, value_name = "ROLES", value_delimiter = ',')]
        counting: Option<Vec<String>>,
    },
    /// The board's time zone, an IANA name (Europe/London): every time is shown in it.
    Zone { zone: String },
    /// With no next meeting planned, actions due within this many days are amber.
    Amber { days: u32 },
    /// Anyone marked present within this many minutes of the start was there from the start.
    Grace { minutes: u32 },
    /// How a date like 3/4 reads: day-first (3 April) or month-first (4 March).
    Dates {
        #[arg(value_enum)]
        order: Order,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum Order {
    DayFirst,
    MonthFirst,
}

pub fn run(root: &Path, board: &Board, what: Option<BoardWhat>, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let Some(what) = what else { return show(board, out) };
    let was = BoardSettings::of(board);
    let mut now = was.clone();
    match what {
        BoardWhat::Name { name } => now.name = name.trim().to_string(),
        BoardWhat::Quorum { rule, at_least, chair_or_deputy, no_chair_or_deputy, counting } => {
            if let Err(why) = quorum(&mut now, rule.as_deref(), at_least, counting) {
                return fail(err, USAGE_OR_IO, &why);
            }
            if chair_or_deputy || no_chair_or_deputy {
                now.chair_or_deputy = chair_or_deputy;
            }
        }
        BoardWhat::Zone { zone } => {
            if let Err(why) = now.set_zone(&zone) {
                return fail(err, INVALID, &why);
            }
        }
        BoardWhat::Amber { days } => now.amber_days = days,
        BoardWhat::Grace { minutes } => now.start_grace_minutes = minutes,
        BoardWhat::Dates { order } => {
            now.date_order = match order {
                Order::DayFirst => DateOrder::DayFirst,
                Order::MonthFirst => DateOrder::MonthFirst,
            }
        }
    }
    saved(root, &Change::Settings { expect: was, restore: now }, out, err)
}

/// The quorum rule as typed: a number, or a share with a floor.
fn quorum(
    now: &mut BoardSettings,
    rule: Option<&str>,
    at_least: Option<u32>,
    counting: Option<Vec<String>>,
) -> Result<(), String> {
    match rule {
        Some(rule) => now.set_quorum(rule, at_least)?,
        None => now.quorum_minimum = at_least.unwrap_or(now.quorum_minimum).max(1),
    }
    if let Some(roles) = counting {
        now.counting_roles = roles.iter().map(|r| Role::read(r)).collect::<Result<_, _>>()?;
    }
    Ok(())
}

fn show(board: &Board, out: &mut impl Write) -> u8 {
    let zone = match board.settings.time_zone.as_str() {
        "" => "the computer's own (none set: gavel board zone Europe/London)".to_string(),
        zone => zone.to_string(),
    };
    let lines = [
        ("name", board.name.clone()),
        ("quorum", quorum_words(board)),
        ("time zone", zone),
        ("amber", format!("due within {} days, when no next meeting is planned", board.settings.amber_days)),
        ("start grace", format!("{} minutes", board.settings.start_grace_minutes)),
        ("dates", date_order_word(board.settings.date_order).to_string()),
    ];
    for (what, value) in lines {
        let _ = writeln!(out, "{what:<12} {}", clean(&value));
    }
    0
}
