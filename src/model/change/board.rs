//! Changes to the board itself in gavel.json: its settings (name, quorum,
//! time zone, RAG amber days, start grace, date order) and its groups,
//! each field by field against the file as it is on disk.

use super::fields;
use super::{Applied, Change};
use crate::model::board::{Board, DateOrder, Fraction, Group, Role};
use crate::model::refusal::Refusal;
use crate::model::validate::{already_taken, valid_initials};
use serde::{Deserialize, Serialize};

/// The board's settings as one flat record, so that an edit of one setting
/// is checked and written as that one field, whatever else changed meanwhile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BoardSettings {
    pub name: String,
    pub quorum_minimum: u32,
    pub quorum_fraction: Option<Fraction>,
    pub counting_roles: Vec<Role>,
    pub chair_or_deputy: bool,
    pub time_zone: String,
    pub amber_days: u32,
    pub start_grace_minutes: u32,
    pub date_order: DateOrder,
}

impl BoardSettings {
    pub fn of(board: &Board) -> BoardSettings {
        BoardSettings {
            name: board.name.clone(),
            quorum_minimum: board.quorum.minimum,
            quorum_fraction: board.quorum.fraction,
            counting_roles: board.quorum.counting_roles.clone(),
            chair_or_deputy: board.quorum.requires_chair_or_deputy,
            time_zone: board.settings.time_zone.clone(),
            amber_days: board.settings.amber_days,
            start_grace_minutes: board.settings.start_grace_minutes,
            date_order: board.settings.date_order,
        }
    }

    fn put(self, board: &mut Board) {
        let BoardSettings {
            name,
            quorum_minimum,
            quorum_fraction,
            counting_roles,
            chair_or_deputy,
            time_zone,
            amber_days,
            start_grace_minutes,
            date_order,
        } = self;
        board.name = name;
        board.quorum.minimum = quorum_minimum;
        board.quorum.fraction = quorum_fraction;
        board.quorum.counting_roles = counting_roles;
        board.quorum.requires_chair_or_deputy = chair_or_deputy;
        board.settings.time_zone = time_zone;
        board.settings.amber_days = amber_days;
        board.settings.start_grace_minutes = start_grace_minutes;
        board.settings.date_order = date_order;
    }

    fn check(&self) -> Result<(), Refusal> {
        if self.name.trim().is_empty() {
            return Err(Refusal::rule("the board needs a name, such as \"Riverside SEND Improvement Board\""));
        }
        if self.counting_roles.is_empty() {
            return Err(Refusal::rule("at least one role must count toward the quorum"));
        }
        crate::model::zone::Zone::named(&self.time_zone).map_err(Refusal::Rule)?;
        Ok(())
    }
}

pub(super) fn settings(board: &mut Board, expect: &BoardSettings, restore: &BoardSettings) -> Result<Applied, Refusal> {
    let disk = BoardSettings::of(board);
    let after = fields::restore("the board's settings", Some(&disk), Some(expect), Some(restore))?
        .expect("settings are never removed");
    after.check()?;
    let summary = describe(board, &disk, &after);
    after.clone().put(board);
    let undo = Change::Settings { expect: after, restore: disk };
    Ok(Applied { summary, added: None, undo: Some(undo) })
}

/// "quorum: 7 of 20 (one third), the chair or deputy among them · saved".
fn describe(board: &Board, was: &BoardSettings, now: &BoardSettings) -> String {
    let mut after = board.clone();
    now.clone().put(&mut after);
    let mut parts = Vec::new();
    if was.name != now.name {
        parts.push(format!("name: {}", now.name));
    }
    let quorum_changed = (was.quorum_minimum, was.quorum_fraction, &was.counting_roles, was.chair_or_deputy)
        != (now.quorum_minimum, now.quorum_fraction, &now.counting_roles, now.chair_or_deputy);
    if quorum_changed {
        parts.push(format!("quorum: {}", quorum_words(&after)));
    }
    if was.time_zone != now.time_zone {
        parts.push(format!("time zone: {}", now.time_zone));
    }
    if was.amber_days != now.amber_days {
        parts.push(format!("amber: due within {} days", now.amber_days));
    }
    if was.start_grace_minutes != now.start_grace_minutes {
        parts.push(format!("start grace: {} min", now.start_grace_minutes));
    }
    if was.date_order != now.date_order {
        parts.push(format!("dates: {}", date_order_word(now.date_order)));
    }
    if parts.is_empty() {
        return "the board's settings are already so: nothing changed".into();
    }
    format!("{} · saved", parts.join(" · "))
}

pub fn date_order_word(order: DateOrder) -> &'static str {
    match order {
        DateOrder::DayFirst => "day first (3/4 is 3 April)",
        DateOrder::MonthFirst => "month first (3/4 is 4 March)",
    }
}

/// "7 of 20 counting members (1/3, at least 1), the chair or deputy among them".
pub fn quorum_words(board: &Board) -> String {
    let rule = &board.quorum;
    let mut text = format!("{} of {} counting members", board.quorum_required(), board.counting_members());
    if let Some(share) = rule.fraction {
        text += &format!(" ({share}, at least {})", rule.minimum);
    }
    if rule.requires_chair_or_deputy {
        text += ", the chair or deputy among them";
    }
    let roles: Vec<&str> = rule.counting_roles.iter().map(|r| r.key()).collect();
    text + &format!("; counting {}", roles.join(", "))
}

/// A group made, edited, retired or put back, from `expect` to `restore`.
pub(super) fn group(
    board: &mut Board,
    initials: &str,
    expect: Option<&Group>,
    restore: Option<&Group>,
) -> Result<Applied, Refusal> {
    let record = format!("group {initials}");
    let at = board.groups.iter().position(|g| g.initials == initials);
    let disk = at.map(|i| board.groups[i].clone());
    if disk.is_none() && expect.is_none() && board.resolve(initials).is_some() {
        return Err(Refusal::rule(already_taken(board, initials)));
    }
    let after = fields::restore(&record, disk.as_ref(), expect, restore)?;
    if let Some(group) = &after {
        check(board, group)?;
    }
    match (at, after.clone()) {
        (Some(i), Some(group)) => board.groups[i] = group,
        (Some(i), None) => drop(board.groups.remove(i)),
        (None, Some(group)) => board.groups.push(group),
        (None, None) => {}
    }
    let summary = match (&disk, &after) {
        (None, Some(g)) => format!("group {} ({}) added{}", g.initials, g.name, members(g)),
        (Some(d), Some(g)) if g.retired && !d.retired => {
            format!("group {} ({}) retired: kept for the record, no longer offered as an owner", g.initials, g.name)
        }
        (_, Some(g)) => format!("group {} ({}) saved{}", g.initials, g.name, members(g)),
        (_, None) => format!("group {initials} taken out"),
    };
    let undo = Change::Group { initials: initials.to_string(), expect: after, restore: disk };
    Ok(Applied { summary, added: None, undo: Some(undo) })
}

fn members(group: &Group) -> String {
    match group.members.len() {
        0 => String::new(),
        n => format!(": {n} member{} ({})", if n == 1 { "" } else { "s" }, group.members.join(", ")),
    }
}

fn check(board: &Board, group: &Group) -> Result<(), Refusal> {
    if group.name.trim().is_empty() {
        return Err(Refusal::rule("a group needs a name, such as \"Strategy Owners\""));
    }
    if !valid_initials(&group.initials) {
        return Err(Refusal::rule(format!(
            "initials {:?} will not do: letters and digits only, such as \"SROs\"",
            crate::text::clean(&group.initials)
        )));
    }
    if let Some(stranger) = group.members.iter().find(|m| board.person(m).is_none()) {
        return Err(Refusal::rule(format!("{} is not in the people register", crate::text::clean(stranger))));
    }
    let named = |other: &Group| other.initials != group.initials && other.name.eq_ignore_ascii_case(&group.name);
    if board.groups.iter().any(named) || board.all_members_named(&group.name).is_some() {
        return Err(Refusal::rule(format!("there is already a group called {}", crate::text::clean(&group.name))));
    }
    Ok(())
}
