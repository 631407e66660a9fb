//! Checks across records and files that serde alone cannot make: unique
//! keys, known people, replayable journals. Each problem names the file and
//! the JSON path so the store can point at the line.

use super::timer::TimerState;
use super::{Board, Meeting, Workspace};
use std::collections::HashSet;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WorkspaceFile {
    Board,
    Actions,
    Risks,
    /// Index into `Workspace::meetings`.
    Meeting(usize),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: WorkspaceFile,
    /// JSON path, such as `actions[3].owners[0]`.
    pub path: String,
    pub message: String,
}

pub fn validate(ws: &Workspace) -> Vec<Problem> {
    let mut problems = validate_actions(&ws.board, &ws.actions);
    problems.extend(validate_all_but_actions(ws));
    problems
}

/// Everything `validate` checks but the action log, which the store checks
/// on its own thread as it parses it.
pub fn validate_all_but_actions(ws: &Workspace) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_board(&ws.board, &mut problems);
    problems.extend(validate_risks(&ws.board, &ws.risks));
    for (index, meeting) in ws.meetings.iter().enumerate() {
        check_meeting(&ws.board, index, meeting, &mut problems);
    }
    problems.extend(super::raised::gone_items(&ws.actions.actions, &ws.meetings));
    problems
}

/// The board's own checks: unique initials, known group members, bands.
pub fn validate_board(board: &Board) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_board(board, &mut problems);
    problems
}

/// One meeting's own checks, against the board: for a file read on its own.
pub fn validate_meeting(board: &Board, meeting: &Meeting) -> Vec<Problem> {
    let mut problems = Vec::new();
    check_meeting(board, 0, meeting, &mut problems);
    problems
}

/// Whether any key comes twice, compared as the checks here compare refs:
/// for records read a few at a time, their refs gathered.
pub fn any_twice<'a>(mut keys: impl Iterator<Item = &'a str>) -> bool {
    let mut seen = HashSet::new();
    keys.any(|k| !seen.insert(Folded(k)))
}

/// Reports the second and later occurrences of each key.
fn duplicates<'a>(keys: impl Iterator<Item = &'a str>) -> Vec<(usize, &'a str)> {
    let mut seen = HashSet::new();
    keys.enumerate().filter(|(_, k)| !seen.insert(Folded(k))).collect()
}

/// Identities given to two records (a record copied whole, by hand).
fn same_ids<'a>(ids: impl Iterator<Item = &'a crate::model::id::Id>) -> Vec<(usize, &'a str)> {
    let mut seen = HashSet::new();
    ids.enumerate()
        .filter(|(_, id)| !id.is_unset() && !seen.insert(id.as_str()))
        .map(|(i, id)| (i, id.as_str()))
        .collect()
}

fn copied_id(id: &str) -> String {
    format!(
        "id {id:?} is used twice (a record copied whole?): take the \"id\" line out of the copy, and gavel gives it its own"
    )
}

/// A key compared without regard to case, hashed without allocating.
struct Folded<'a>(&'a str);

impl PartialEq for Folded<'_> {
    fn eq(&self, other: &Self) -> bool {
        if self.0.is_ascii() && other.0.is_ascii() {
            return self.0.eq_ignore_ascii_case(other.0);
        }
        self.0.chars().flat_map(char::to_lowercase).eq(other.0.chars().flat_map(char::to_lowercase))
    }
}

impl Eq for Folded<'_> {}

impl std::hash::Hash for Folded<'_> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        // The same sequence either way, so equal keys hash alike.
        if self.0.is_ascii() {
            self.0.bytes().for_each(|b| state.write_u32(u32::from(b.to_ascii_lowercase())));
        } else {
            self.0.chars().flat_map(char::to_lowercase).for_each(|c| state.write_u32(c as u32));
        }
    }
}

fn problem(file: WorkspaceFile, path: String, message: String) -> Problem {
    Problem { file, path, message }
}

/// `"GBX" is not in the people register`, naming the nearest initials (by
/// edit distance, ignoring case), not all of them: a register of sixty
/// people, once in each of ten thousand messages, buried the answer.
fn unknown(board: &Board, who: &str) -> String {
    Nearest::new(board).unknown(who)
}

/// `unknown`'s message, worked out once for each unknown initials and
/// register, per thread: a workspace whose every owner is unknown costs
/// one search of the register per distinct initials, not one per reference
/// in each of thousands of files, so `validate` stays linear in the size of
/// the files however many problems they hold.
struct Nearest<'a> {
    board: &'a Board,
}

thread_local! {
    /// The register the messages were worked out for (its initials, in
    /// order), and the messages.
    static SAID: std::cell::RefCell<(String, std::collections::HashMap<String, String>)> =
        std::cell::RefCell::default();
}

impl<'a> Nearest<'a> {
    fn new(board: &'a Board) -> Nearest<'a> {
        let register: String = board
            .people
            .iter()
            .map(|p| p.initials.as_str())
            .chain(board.groups.iter().map(|g| g.initials.as_str()))
            .flat_map(|i| [i, "\n"])
            .collect();
        SAID.with(|said| {
            let mut said = said.borrow_mut();
            if said.0 != register {
                *said = (register, std::collections::HashMap::new());
            }
        });
        Nearest { board }
    }

    fn unknown(&mut self, who: &str) -> String {
        SAID.with(|said| {
            let mut said = said.borrow_mut();
            if let Some(words) = said.1.get(who) {
                return words.clone();
            }
            let words = nearest_words(self.board, who);
            // Bounded: a file of random initials cannot fill the memory.
            if said.1.len() < 10_000 {
                said.1.insert(who.to_string(), words.clone());
            }
            words
        })
    }
}

fn nearest_words(board: &Board, who: &str) -> String {
    // A link stored as an identity no record in the register bears: a
    // person or group taken out of gavel.json by hand (`model::link`).
    if super::id::Id::looks_like(who) {
        return format!(
            "links to the identity {who:?}, which no one in the people register (gavel.json) bears: was a person or group taken out of it by hand?"
        );
    }
    let typed = who.to_lowercase();
    let known = board.owner_initials();
    let scored: Vec<(usize, &str)> = known.map(|k| (super::quickadd::distance(&k.to_lowercase(), &typed), k)).collect();
    let best = scored.iter().map(|(d, _)| *d).min();
    let nearest: Vec<&str> = scored.iter().filter(|(d, _)| Some(*d) == best).map(|(_, k)| *k).take(3).collect();
    let hint = match nearest.as_slice() {
        [] => "; the register is empty".to_string(),
        [one] => format!("; the nearest initials are {one}"),
        several => format!("; the nearest initials are {}", several.join(", ")),
    };
    format!("{who:?} is not in the people register (gavel.json){hint}")
}

fn check_board(board: &Board, out: &mut Vec<Problem>) {
    let file = WorkspaceFile::Board;
    if let Err(why) = super::zone::Zone::named(&board.settings.time_zone) {
        out.push(problem(file, "settings.time_zone".into(), why));
    }
    let people = board.people.iter().map(|p| p.initials.as_str());
    for (i, initials) in duplicates(people.clone()) {
        out.push(problem(file, format!("people[{i}].initials"), already_taken(board, initials)));
    }
    let groups = board.groups.iter().map(|g| g.initials.as_str());
    for (i, initials) in duplicates(people.chain(groups)) {
        if let Some(g) = i.checked_sub(board.people.len()) {
            out.push(problem(file, format!("groups[{g}].initials"), already_taken(board, initials)));
        }
    }
    for (i, person) in board.people.iter().enumerate() {
        if !valid_initials(&person.initials) {
            out.push(problem(
                file,
                format!("people[{i}].initials"),
                "expected initials of letters and digits, such as \"CMc\"".into(),
            ));
        }
    }
    for (g, group) in board.groups.iter().enumerate() {
        for (m, member) in group.members.iter().enumerate() {
            if board.person(member).is_none() {
                out.push(problem(file, format!("groups[{g}].members[{m}]"), unknown(board, member)));
            }
        }
    }
    check_bands(board, out);
}

/// "initials CF are already Clare Finnegan's": whoever has them first.
pub fn already_taken(board: &Board, initials: &str) -> String {
    let owner = board.resolve(initials).and_then(|i| board.name_of(i)).unwrap_or("someone else");
    format!("initials {} are already {}'s", crate::text::clean(initials), crate::text::clean(owner))
}

pub fn valid_initials(initials: &str) -> bool {
    !initials.is_empty() && initials.chars().all(|c| c.is_alphanumeric())
}

fn check_bands(board: &Board, out: &mut Vec<Problem>) {
    let mut covered = [false; 26];
    for (b, band) in board.risk_bands.iter().enumerate() {
        if band.min < 1 || band.max > 25 || band.min > band.max {
            out.push(problem(
                WorkspaceFile::Board,
                format!("risk_bands[{b}]"),
                "expected 1 <= min <= max <= 25".into(),
            ));
            continue;
        }
        for score in band.min..=band.max {
            if std::mem::replace(&mut covered[usize::from(score)], true) {
                out.push(problem(
                    WorkspaceFile::Board,
                    format!("risk_bands[{b}]"),
                    format!("score {score} is in two bands"),
                ));
                break;
            }
        }
    }
}

/// Everyone who may own or lead: people and groups, looked up by initials.
fn known(board: &Board) -> HashSet<&str> {
    // Initials a person bore before a correction still name them (archived
    // actions and approved minutes keep the labels they were made with).
    board.owner_initials().chain(board.former_initials()).collect()
}

/// The action log's own checks: unique refs, known owners, closing dates.
pub fn validate_actions(board: &Board, log: &crate::model::ActionLog) -> Vec<Problem> {
    let mut problems = Vec::new();
    let out = &mut problems;
    let known = known(board);
    let mut nearest = Nearest::new(board);
    let file = WorkspaceFile::Actions;
    let actions = &log.actions;
    for (i, reference) in duplicates(actions.iter().map(|a| a.reference.as_str())) {
        out.push(problem(file, format!("actions[{i}].ref"), format!("ref {reference:?} is used twice")));
    }
    for (i, id) in same_ids(actions.iter().map(|a| &a.id)) {
        out.push(problem(file, format!("actions[{i}].id"), copied_id(id)));
    }
    for (i, action) in actions.iter().enumerate() {
        for (o, owner) in action.owners.iter().enumerate() {
            if !known.contains(owner.as_str()) {
                out.push(problem(file, format!("actions[{i}].owners[{o}]"), nearest.unknown(owner)));
            }
        }
        if action.closed.is_some() && !action.status.is_closed() {
            out.push(problem(
                file,
                format!("actions[{i}].closed"),
                "only a done or dropped action has a date closed".into(),
            ));
        }
    }
    problems
}

/// The risk register's own checks: unique refs, known owners, history in order.
pub fn validate_risks(board: &Board, register: &crate::model::RiskRegister) -> Vec<Problem> {
    let mut problems = Vec::new();
    let out = &mut problems;
    let known = known(board);
    let mut nearest = Nearest::new(board);
    let file = WorkspaceFile::Risks;
    let risks = &register.risks;
    for (i, reference) in duplicates(risks.iter().map(|r| r.reference.as_str())) {
        out.push(problem(file, format!("risks[{i}].ref"), format!("ref {reference:?} is used twice")));
    }
    for (i, id) in same_ids(risks.iter().map(|r| &r.id)) {
        out.push(problem(file, format!("risks[{i}].id"), copied_id(id)));
    }
    for (i, risk) in risks.iter().enumerate() {
        if !known.contains(risk.owner.as_str()) {
            out.push(problem(file, format!("risks[{i}].owner"), nearest.unknown(&risk.owner)));
        }
        if let Some(h) = risk.history.iter().position(|h| h.date > risk.scored) {
            out.push(problem(
                file,
                format!("risks[{i}].history[{h}].date"),
                "a past scoring is dated after the current one (scored)".into(),
            ));
        }
    }
    problems
}

fn check_meeting(board: &Board, index: usize, meeting: &Meeting, out: &mut Vec<Problem>) {
    let file = WorkspaceFile::Meeting(index);
    let mut nearest = Nearest::new(board);
    let mut push = |path: String, message: String| out.push(problem(file, path, message));
    for (i, number) in duplicates(meeting.agenda.iter().map(|a| a.number.as_str())) {
        push(format!("agenda[{i}].number"), format!("item number {number:?} is used twice"));
    }
    for (i, item) in meeting.agenda.iter().enumerate() {
        if i64::from(item.planned_minutes) > crate::model::meeting::MAX_ITEM_MINUTES {
            push(
                format!("agenda[{i}].planned_minutes"),
                format!("{} minutes is more than a day: an item is planned for at most 1440", item.planned_minutes),
            );
        }
        for (l, lead) in item.leads.iter().enumerate() {
            if !board.is_known(lead) {
                push(format!("agenda[{i}].leads[{l}]"), nearest.unknown(lead));
            }
        }
    }
    for (i, initials) in duplicates(meeting.attendance.iter().map(|a| a.initials.as_str())) {
        push(format!("attendance[{i}].initials"), format!("{initials:?} is in the register twice"));
    }
    for (i, entry) in meeting.attendance.iter().enumerate() {
        let named =
            std::iter::once(("initials", &entry.initials)).chain(entry.deputy_for.iter().map(|d| ("deputy_for", d)));
        for (field, who) in named {
            if board.person(who).or_else(|| board.formerly(who)).is_none() {
                push(format!("attendance[{i}].{field}"), nearest.unknown(who));
            }
        }
    }
    let item_known = |number: &str| meeting.item_index(number).is_some();
    for (i, d) in meeting.declarations.iter().enumerate() {
        if board.person(&d.initials).or_else(|| board.formerly(&d.initials)).is_none() {
            push(format!("declarations[{i}].initials"), nearest.unknown(&d.initials));
        }
        if !item_known(&d.item) {
            push(format!("declarations[{i}].item"), format!("there is no agenda item {:?}", d.item));
        }
    }
    for (list, entries) in [("notes", &meeting.notes), ("decisions", &meeting.decisions)] {
        for (i, note) in entries.iter().enumerate() {
            if !item_known(&note.item) {
                push(format!("{list}[{i}].item"), format!("there is no agenda item {:?}", note.item));
            }
        }
    }
    if let Err(e) = TimerState::replay(meeting) {
        push(format!("journal[{}]", e.index), e.message);
    }
}
