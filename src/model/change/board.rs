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

    /// The quorum as typed: a number of counting members ("6"), or a share
    /// of them ("1/3", "one third") never below `at_least` (else 1).
    pub fn set_quorum(&mut self, rule: &str, at_least: Option<u32>) -> Result<(), String> {
        let rule = rule.trim();
        if let Ok(n) = rule.parse::<u32>() {
            if at_least.is_some() {
                return Err("\"at least\" goes with a share (1/3), not a number".into());
            }
            self.quorum_minimum = n;
            self.quorum_fraction = None;
        } else {
            self.quorum_fraction = Some(Fraction::read(rule)?);
            self.quorum_minimum = at_least.unwrap_or(1);
        }
        if self.quorum_minimum == 0 {
            return Err("a quorum of 0 would let a meeting decide with no one there: give 1 or more".into());
        }
        Ok(())
    }

    /// The zone as typed, if the time zone database knows it.
    pub fn set_zone(&mut self, zone: &str) -> Result<(), String> {
        let zone = zone.trim();
        if zone.is_empty() {
            return Err("name the zone, such as Europe/London".into());
        }
        crate::model::zone::Zone::named(zone)?;
        self.time_zone = zone.to_string();
        Ok(())
    }

    /// One setting in words, as the screen's settings line takes it:
    /// "quorum 1/3 chair", "quorum 6 any", "zone Europe/London",
    /// "amber 14", "grace 10", "dates month-first", "name Riverside Board".
    pub fn read_line(&mut self, line: &str) -> Result<(), String> {
        let line = line.trim();
        let (word, rest) = line.split_once(char::is_whitespace).unwrap_or((line, ""));
        let rest = rest.trim();
        let number =
            |what: &str| rest.parse::<u32>().map_err(|_| format!("{what} takes a number, such as \"{what} 10\""));
        match word.to_lowercase().as_str() {
            "name" if !rest.is_empty() => self.name = rest.to_string(),
            "zone" => self.set_zone(rest)?,
            "amber" => self.amber_days = number("amber")?,
            "grace" => self.start_grace_minutes = number("grace")?,
            "dates" => {
                self.date_order = match rest.to_lowercase().replace(' ', "-").as_str() {
                    "day-first" => DateOrder::DayFirst,
                    "month-first" => DateOrder::MonthFirst,
                    _ => return Err("dates are day-first (3/4 is 3 April) or month-first".into()),
                }
            }
            "quorum" => self.read_quorum(rest)?,
            _ => {
                return Err(format!(
                    "{:?} is not a setting: quorum, zone, amber, grace, dates or name",
                    crate::text::clean(word)
                ));
            }
        }
        Ok(())
    }

    /// "1/3 at least 3 chair", "6 any", "one third".
    fn read_quorum(&mut self, text: &str) -> Result<(), String> {
        let mut rule = text.to_lowercase();
        for (words, chair) in [(" no chair", false), (" any", false), (" chair or deputy", true), (" chair", true)] {
            if let Some(cut) = rule.strip_suffix(words).map(str::to_string) {
                self.chair_or_deputy = chair;
                rule = cut;
                break;
            }
        }
        let (rule, at_least) = match rule.split_once(" at least ") {
            Some((rule, n)) => (rule.to_string(), Some(n.trim().parse::<u32>().map_err(|_| "at least how many?")?)),
            None => (rule, None),
        };
        self.set_quorum(&rule, at_least)
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

/// The settings in one line, for the screen: "quorum 7 of 20 … · zone
/// Europe/London · amber 14 days · grace 10 min · dates day first".
pub fn settings_words(board: &Board) -> String {
    let zone = if board.settings.time_zone.is_empty() { "this computer's" } else { &board.settings.time_zone };
    let order = match board.settings.date_order {
        DateOrder::DayFirst => "day-first",
        DateOrder::MonthFirst => "month-first",
    };
    format!(
        "quorum {} · zone {zone} · amber {} days · grace {} min · dates {order}",
        quorum_words(board),
        board.settings.amber_days,
        board.settings.start_grace_minutes
    )
}

/// "quorum: 7 of 20 (one third), the chair or deputy among them · saved".
pub fn describe(board: &Board, was: &BoardSettings, now: &BoardSettings) -> String {
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
    parts.join(" · ")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_read_as_typed() {
        let board = crate::model::test_board();
        let mut s = BoardSettings::of(&board);
        s.read_line("quorum one third at least 3 chair").unwrap();
        assert_eq!(
            (s.quorum_fraction.unwrap().to_string(), s.quorum_minimum, s.chair_or_deputy),
            ("1/3".into(), 3, true)
        );
        s.read_line("quorum 6 any").unwrap();
        assert_eq!((s.quorum_fraction, s.quorum_minimum, s.chair_or_deputy), (None, 6, false));
        s.read_line("dates month first").unwrap();
        assert_eq!(s.date_order, DateOrder::MonthFirst);
        assert!(s.read_line("zone Mars/Olympus").unwrap_err().contains("not a time zone"));
        assert!(s.read_line("quorum 0").is_err());
        assert!(s.read_line("colour red").unwrap_err().contains("not a setting"));
    }

    #[test]
    fn a_third_of_twenty_is_seven() {
        assert_eq!(Fraction::read("1/3").unwrap().of(20), 7);
        assert_eq!(Fraction::read("half").unwrap().of(9), 5);
        assert_eq!(Fraction::read("40%").unwrap().of(10), 4);
        assert!(Fraction::read("4/3").is_err());
    }

    #[test]
    fn a_setting_changed_elsewhere_meanwhile_is_kept() {
        let mut board = crate::model::test_board();
        let seen = BoardSettings::of(&board);
        board.settings.amber_days = 21;
        let mut mine = seen.clone();
        mine.set_zone("Europe/London").unwrap();
        Change::Settings { expect: seen.clone(), restore: mine }.apply_to_board(&mut board).unwrap();
        assert_eq!((board.settings.amber_days, board.settings.time_zone.as_str()), (21, "Europe/London"));
        let mut stale = seen.clone();
        stale.amber_days = 7;
        let refused = Change::Settings { expect: seen, restore: stale }.apply_to_board(&mut board);
        assert!(refused.is_err(), "amber was changed elsewhere: {refused:?}");
    }
}
