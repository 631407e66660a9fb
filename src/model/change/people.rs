//! Changes to the people register in gavel.json: a person added (their
//! initials proposed under the lock when none are given), edited, retired
//! or put back, each checked against the register as it is on disk.

use super::fields;
use super::route::PeopleChange;
use super::{Applied, Change, OnDisk};
use crate::model::board::{Board, Person};
use crate::model::meeting::Meeting;
use crate::model::refusal::Refusal;
use crate::model::validate::{already_taken, valid_initials};

pub(super) fn apply(change: PeopleChange, board: &mut Board) -> Result<Applied, Refusal> {
    match change {
        PeopleChange::Add { person } => add(board, person.clone()),
        PeopleChange::Entry { initials, expect, restore } => {
            let record = format!("{initials} in the people register");
            let at = board.people.iter().position(|p| p.initials == *initials);
            let disk = at.map(|i| board.people[i].clone());
            let after = fields::restore(&record, disk.as_ref(), expect.as_ref(), restore.as_ref())?;
            if let Some(person) = &after {
                check(person)?;
            }
            match (at, after.clone()) {
                (Some(i), Some(person)) => board.people[i] = person,
                (Some(i), None) => drop(board.people.remove(i)),
                (None, Some(person)) => board.people.push(person),
                (None, None) => {}
            }
            let summary = match (&disk, &after) {
                (Some(_), Some(p)) if p.retired && !disk.as_ref().is_some_and(|d| d.retired) => {
                    format!("{} ({}) retired: kept for the record, no longer offered as an owner", p.initials, p.name)
                }
                (_, Some(p)) => format!("{} ({}) saved", p.initials, p.name),
                (_, None) => format!("{initials} taken out of the register"),
            };
            let undo = Change::Person { initials: initials.clone(), expect: after, restore: disk };
            Ok(Applied { summary, added: None, undo: Some(undo) })
        }
    }
}

/// New initials for a person or a group, and every link that holds them
/// follows: group members, action and risk owners, and in every meeting
/// not yet approved its leads, register and declarations. Approved
/// minutes keep the initials they were approved with.
pub(super) fn rename(disk: &mut OnDisk, from: &str, to: &str) -> Result<Applied, Refusal> {
    let board = &mut disk.board;
    let to = to.trim().trim_start_matches('@');
    if !valid_initials(to) {
        return Err(Refusal::rule(format!(
            "initials {:?} will not do: letters and digits only, such as \"CMc\"",
            crate::text::clean(to)
        )));
    }
    if from == to {
        return Err(Refusal::AlreadySo(format!("{from} already has those initials")));
    }
    let name = board.name_of(from).map(str::to_string);
    let (Some(name), false) = (name, board.person(from).is_none() && board.group(from).is_none()) else {
        return Err(Refusal::Gone(format!("{from} in the people register")));
    };
    // A change of case only ("Cmc" to "CMc") is the same person's.
    if board.resolve(to).is_some_and(|taken| taken != from) {
        return Err(Refusal::rule(already_taken(board, to)));
    }
    let swap = |initials: &mut String| {
        if initials == from {
            *initials = to.to_string();
        }
    };
    board.people.iter_mut().for_each(|p| swap(&mut p.initials));
    for group in &mut board.groups {
        swap(&mut group.initials);
        group.members.iter_mut().for_each(swap);
    }
    let mut actions = 0;
    for action in disk.actions.iter_mut().flat_map(|log| log.actions.iter_mut()) {
        actions += usize::from(action.owners.iter().any(|o| o == from));
        action.owners.iter_mut().for_each(swap);
    }
    disk.risks.iter_mut().flat_map(|r| r.risks.iter_mut()).for_each(|r| swap(&mut r.owner));
    let meetings = disk.live.iter_mut().chain(disk.meeting.as_mut()).filter(|m| m.approved.is_none());
    let meetings = meetings.map(|m| relink(m, &swap)).filter(|&touched| touched).count();
    let summary = format!(
        "{from} ({name}) is now {to}: {actions} action{} and {meetings} meeting{} follow",
        if actions == 1 { "" } else { "s" },
        if meetings == 1 { "" } else { "s" }
    );
    let undo = Change::Rename { from: to.to_string(), to: from.to_string() };
    Ok(Applied { summary, added: None, undo: Some(undo) })
}

/// Whether the meeting names these initials: a lead, the register, a
/// deputy's member, a declaration.
pub fn named_in(meeting: &Meeting, initials: &str) -> bool {
    meeting.agenda.iter().any(|i| i.leads.iter().any(|l| l == initials))
        || meeting.attendance.iter().any(|e| e.initials == initials || e.deputy_for.as_deref() == Some(initials))
        || meeting.declarations.iter().any(|d| d.initials == initials)
}

/// Someone leaves the register only if nothing live names them (checked
/// under the lock; approved minutes and the archive are checked before,
/// as they no longer change).
pub(super) fn unlinked(disk: &OnDisk, initials: &str) -> Result<(), Refusal> {
    let owns = |owners: &[String]| owners.iter().any(|o| o == initials);
    let action = disk.actions.iter().flat_map(|l| &l.actions).find(|a| owns(&a.owners)).map(|a| a.reference.clone());
    let risk = disk.risks.iter().flat_map(|r| &r.risks).find(|r| r.owner == initials).map(|r| r.reference.clone());
    let group = disk.board.groups.iter().find(|g| owns(&g.members)).map(|g| format!("a member of {}", g.name));
    let meeting = disk.live.iter().chain(&disk.meeting).find(|m| named_in(m, initials));
    let meeting = meeting.map(|m| format!("named in the meeting of {}", m.date.format("%-d %B %Y")));
    let first =
        action.map(|a| format!("owner of {a}")).or(risk.map(|r| format!("owner of risk {r}"))).or(group).or(meeting);
    match first {
        Some(use_) => Err(Refusal::rule(format!(
            "{initials} is {use_}: kept, as the record names them; to stop offering them, retire them"
        ))),
        None => Ok(()),
    }
}

/// The meeting's links renamed by `swap`; whether any was.
fn relink(meeting: &mut Meeting, swap: &impl Fn(&mut String)) -> bool {
    let before = meeting.clone();
    meeting.agenda.iter_mut().flat_map(|i| i.leads.iter_mut()).for_each(swap);
    for entry in &mut meeting.attendance {
        swap(&mut entry.initials);
        entry.deputy_for.iter_mut().for_each(swap);
    }
    meeting.declarations.iter_mut().for_each(|d| swap(&mut d.initials));
    *meeting != before
}

fn add(board: &mut Board, mut person: Person) -> Result<Applied, Refusal> {
    if person.initials.trim().is_empty() {
        person.initials = propose_initials(board, &person.name);
    }
    check(&person)?;
    if board.resolve(&person.initials).is_some() {
        return Err(Refusal::rule(already_taken(board, &person.initials)));
    }
    let summary = format!("{} added: {} ({})", person.initials, person.name, person.role.key());
    let undo = Change::Person { initials: person.initials.clone(), expect: Some(person.clone()), restore: None };
    board.people.push(person);
    Ok(Applied { summary, added: None, undo: Some(undo) })
}

fn check(person: &Person) -> Result<(), Refusal> {
    if person.name.trim().is_empty() {
        return Err(Refusal::rule("a person needs a name"));
    }
    if !valid_initials(&person.initials) {
        return Err(Refusal::rule(format!(
            "initials {:?} will not do: letters and digits only, such as \"CMc\"",
            crate::text::clean(&person.initials)
        )));
    }
    Ok(())
}

/// Titles that are not part of anyone's initials: "Dr Rahul Patel" is RP.
pub const HONORIFICS: [&str; 14] =
    ["dr", "prof", "cllr", "mr", "mrs", "ms", "miss", "mx", "rev", "revd", "sir", "dame", "lord", "lady"];

/// A name without its titles: "Dr Kate Barusya" is "Kate Barusya",
/// "Prof Sir Ian Gray" is "Ian Gray" (a name of titles only stays whole).
pub fn untitled(name: &str) -> &str {
    let mut rest = name.trim();
    while let Some((first, after)) = rest.split_once(char::is_whitespace) {
        // The titles are ASCII: compared without a lowercase copy (every person, every quick-add).
        let word = first.trim_end_matches('.');
        if !HONORIFICS.iter().any(|h| h.eq_ignore_ascii_case(word)) {
            break;
        }
        rest = after.trim_start();
    }
    rest
}

/// Someone already in the register who is probably `person` again: the
/// same name (titles aside, any case), unless both organisations are
/// given and differ.
pub fn probable_duplicate<'a>(board: &'a Board, person: &Person) -> Option<&'a Person> {
    let key = |name: &str| untitled(name).split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    let name = key(&person.name);
    board.people.iter().find(|p| {
        let elsewhere = !p.organisation.is_empty()
            && !person.organisation.is_empty()
            && !p.organisation.eq_ignore_ascii_case(&person.organisation);
        key(&p.name) == name && !elsewhere
    })
}

/// The first letters of the first and last names ("Clare Finnegan": CF;
/// titles left out: "Dr Rahul Patel" is RP); if those are taken, CFa, CFb
/// and so on.
pub fn propose_initials(board: &Board, name: &str) -> String {
    let words: Vec<&str> =
        untitled(name).split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    let first = |w: &&str| w.chars().next().map(|c| c.to_uppercase().collect::<String>()).unwrap_or_default();
    let base: String = match (words.first(), words.last()) {
        (Some(a), Some(b)) if words.len() > 1 => first(a) + &first(b),
        (Some(a), _) => first(a),
        _ => "P".into(),
    };
    let free = |candidate: &str| board.resolve(candidate).is_none();
    if free(&base) {
        return base;
    }
    let suffixes = ('a'..='z').map(String::from).chain((2..).map(|n: u32| n.to_string()));
    suffixes.map(|s| format!("{base}{s}")).find(|c| free(c)).expect("an endless supply of suffixes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::board::Role;

    fn person(name: &str) -> Person {
        Person {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            initials: String::new(),
            name: name.into(),
            job_title: String::new(),
            organisation: String::new(),
            role: Role::Member,
            retired: false,
        }
    }

    fn board() -> Board {
        serde_json::from_str(r#"{"schema_version":1,"name":"B","people":[],"quorum":{"minimum":1}}"#).unwrap()
    }

    #[test]
    fn initials_are_proposed_and_kept_unique() {
        let mut b = board();
        for _ in 0..3 {
            Change::AddPerson { person: person("Clare Finnegan") }.apply_to_board(&mut b).unwrap();
        }
        let got: Vec<&str> = b.people.iter().map(|p| p.initials.as_str()).collect();
        assert_eq!(got, ["CF", "CFa", "CFb"]);
    }

    #[test]
    fn taken_initials_name_their_owner() {
        let mut b = board();
        Change::AddPerson { person: person("Clare Finnegan") }.apply_to_board(&mut b).unwrap();
        let again = Person { initials: "cf".into(), ..person("Colin Fry") };
        let why = Change::AddPerson { person: again }.apply_to_board(&mut b).unwrap_err();
        assert_eq!(why.to_string(), "initials cf are already Clare Finnegan's");
    }

    #[test]
    fn retiring_keeps_the_person_and_undoes() {
        let mut b = board();
        Change::AddPerson { person: person("Ruth Adeyemi") }.apply_to_board(&mut b).unwrap();
        let was = b.people[0].clone();
        let retire = Change::Person {
            initials: "RA".into(),
            expect: Some(was.clone()),
            restore: Some(Person { retired: true, ..was.clone() }),
        };
        let applied = retire.apply_to_board(&mut b).unwrap();
        assert!(b.people[0].retired);
        applied.undo.unwrap().apply_to_board(&mut b).unwrap();
        assert_eq!(b.people[0], was);
    }
}
