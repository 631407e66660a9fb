//! The TUI's editors for the board's cycle: a planned meeting's agenda
//! (add, edit, remove, reorder, one line an item as `gavel agenda add`
//! reads it) and the people register (a person added or edited in one
//! line). Each saves one `Change`, as the command line does.

use super::commands::{Outcome, writable};
use super::input::{Input, Purpose, Seen};
use super::{App, Change, Effect};
use crate::model::agendaline;
use crate::model::change::cycle::renumber;
use crate::model::{AgendaItem, Board, MeetingState, Person, Refusal, Role};

/// The meeting whose agenda may be edited: the one shown, while planned.
fn planned(app: &App) -> Result<&crate::model::Meeting, Refusal> {
    writable(app)?;
    let meeting = app.current_meeting().ok_or("there is no meeting: make one with gavel meeting new DATE")?;
    if MeetingState::of(meeting) != MeetingState::Planned || meeting.approved.is_some() {
        return Err(Refusal::rule("the agenda can be edited before the meeting starts, not after"));
    }
    Ok(meeting)
}

/// `I` opens an empty line for a new item after the selected one; `R` the
/// selected item's own line, to edit.
pub(super) fn open_item(app: &mut App, replace: bool) -> Result<(), Refusal> {
    let meeting = planned(app)?;
    let row = app.agenda_row.min(meeting.agenda.len());
    let (at, text) = match (replace, meeting.agenda.get(row)) {
        (true, Some(item)) => (row, line_of(item)),
        (true, None) => return Err(Refusal::rule("no item is selected: I adds one")),
        (false, _) => ((row + 1).min(meeting.agenda.len()), String::new()),
    };
    let seen = Seen::Agenda(meeting.agenda.clone());
    app.input = Some(Input::with_text(Purpose::AgendaItem { at, replaces: replace }, text).seeing(seen));
    Ok(())
}

/// An item as its line: "Budget @CFa 30m paper 5a decision".
pub fn line_of(item: &AgendaItem) -> String {
    let mut line = item.title.clone();
    for lead in &item.leads {
        line += &format!(" @{lead}");
    }
    line += &format!(" {}m", item.planned_minutes);
    if !item.papers.is_empty() {
        line += &format!(" paper {}", item.papers.join(","));
    }
    line + " " + item.purpose.word()
}

/// The agenda seen when the line opened, with the typed line in place, or
/// why not: what Enter saves and the preview shows. Made to the agenda as
/// seen, so a change from another gavel meanwhile is refused, not misplaced.
pub fn agenda_with(app: &App, input: &Input, at: usize, replaces: bool) -> Result<Vec<AgendaItem>, String> {
    let Seen::Agenda(seen) = &input.seen else {
        return Err("the editor lost the agenda it opened on: press Esc and try again".into());
    };
    let item = agendaline::read(&app.workspace.board, input.text.trim())?.item;
    let mut agenda = seen.clone();
    match replaces {
        true if at < agenda.len() => agenda[at] = item,
        _ => agenda.insert(at.min(agenda.len()), item),
    }
    renumber(&mut agenda);
    Ok(agenda)
}

pub(super) fn save_item(app: &mut App, input: &Input, at: usize, replaces: bool) -> Outcome {
    let date = planned(app)?.date;
    let Seen::Agenda(was) = input.seen.clone() else {
        return Err(Refusal::rule("the editor lost the agenda it opened on: press Esc and try again"));
    };
    let now = agenda_with(app, input, at, replaces)?;
    let summary = format!("item {} {}: {}", at + 1, if replaces { "changed" } else { "added" }, now[at].title);
    app.agenda_row = at;
    Ok(vec![Effect::Save(Change::Agenda { meeting: date, was, now, summary })])
}

/// `D` takes the selected item off; `J`/`K` move it down or up.
pub(super) fn remove_item(app: &mut App) -> Outcome {
    let meeting = planned(app)?;
    let row = app.agenda_row;
    let Some(item) = meeting.agenda.get(row) else { return Err(Refusal::rule("no item is selected")) };
    let (date, was, title) = (meeting.date, meeting.agenda.clone(), item.title.clone());
    let mut now = was.clone();
    now.remove(row);
    renumber(&mut now);
    let summary = format!("item {} removed: {title}", row + 1);
    Ok(vec![Effect::Save(Change::Agenda { meeting: date, was, now, summary })])
}

pub(super) fn move_item(app: &mut App, down: bool) -> Outcome {
    let meeting = planned(app)?;
    let row = app.agenda_row;
    let to = if down { row + 1 } else { row.wrapping_sub(1) };
    if row >= meeting.agenda.len() || to >= meeting.agenda.len() {
        return Err(Refusal::AlreadySo("it is already at that end of the agenda".into()));
    }
    let (date, was) = (meeting.date, meeting.agenda.clone());
    let mut now = was.clone();
    now.swap(row, to);
    renumber(&mut now);
    let summary = format!("{} is now item {}", now[to].title, to + 1);
    app.agenda_row = to;
    Ok(vec![Effect::Save(Change::Agenda { meeting: date, was, now, summary })])
}

/// `N` in the register: a new person; `P`: the selected person, to edit.
pub(super) fn open_person(app: &mut App, edit: bool) -> Result<(), Refusal> {
    writable(app)?;
    if !edit {
        app.input = Some(Input::with_text(Purpose::Person(None), String::new()));
        return Ok(());
    }
    let rows = app.register();
    let row = rows.get(app.attendance_row).ok_or("no one is selected")?;
    let person = app.workspace.board.people[row.person].clone();
    let text = person_line(&person);
    app.input = Some(Input::with_text(Purpose::Person(Some(person.initials.clone())), text));
    Ok(())
}

/// "Ruth Adeyemi @RA, chair, Independent Chair, Riverside Council".
pub fn person_line(p: &Person) -> String {
    let mut line = format!("{} @{}, {}", p.name, p.initials, p.role.key());
    for extra in [&p.job_title, &p.organisation] {
        line += &format!(", {extra}");
    }
    line.trim_end_matches([',', ' ']).to_string()
}

/// Reads "Name [@XX], role, job title, organisation" (all but the name optional).
pub fn read_person(board: &Board, line: &str) -> Result<Person, String> {
    let mut parts = line.split(',').map(str::trim);
    let first = parts.next().unwrap_or_default();
    let (name, initials) = match first.rsplit_once('@') {
        Some((name, initials)) => (name.trim(), initials.trim()),
        None => (first, ""),
    };
    if name.is_empty() {
        return Err("type the person's name first, then , role, job title, organisation".into());
    }
    let role = match parts.next().filter(|r| !r.is_empty()) {
        Some(role) => Role::read(role)?,
        None => Role::Member,
    };
    let mut initials = initials.to_string();
    if initials.is_empty() {
        initials = crate::model::change::people::propose_initials(board, name);
    }
    Ok(Person {
        changes: vec![],
        id: crate::model::id::Id::fresh(),
        initials,
        name: name.to_string(),
        job_title: parts.next().unwrap_or_default().to_string(),
        organisation: parts.next().unwrap_or_default().to_string(),
        role,
        retired: false,
    })
}

pub(super) fn save_person(app: &mut App, line: &str, editing: Option<&str>) -> Outcome {
    let board = &app.workspace.board;
    let mut person = read_person(board, line)?;
    let Some(initials) = editing else {
        return Ok(vec![Effect::Save(Change::AddPerson { person })]);
    };
    let was = board.person(initials).ok_or("that person is no longer in the register")?.clone();
    // "@ra" for RA is the same initials; others are new ones, which every
    // link follows (a rename), saved with the edit as one change.
    if person.initials.eq_ignore_ascii_case(&was.initials) {
        person.initials = was.initials.clone();
    }
    person.retired = was.retired;
    let seen = Person { initials: person.initials.clone(), ..was.clone() };
    let rename = (seen.initials != was.initials)
        .then(|| Change::Rename { from: was.initials.clone(), to: seen.initials.clone() });
    let edit = (person != seen).then(|| Change::Person {
        initials: person.initials.clone(),
        expect: Some(seen),
        restore: Some(person),
    });
    match (rename, edit) {
        (None, None) => {
            app.input = None;
            Err(Refusal::AlreadySo(format!("{} is unchanged", was.initials)))
        }
        (Some(one), None) | (None, Some(one)) => Ok(vec![Effect::Save(one)]),
        (Some(rename), Some(edit)) => Ok(vec![Effect::Save(Change::Batch(vec![rename, edit]))]),
    }
}

/// `V` on the "Minutes of the last meeting" item: the board approves the
/// last meeting's minutes today, and they are locked.
pub(super) fn approve_last(app: &mut App) -> Outcome {
    writable(app)?;
    let meeting = app.current_meeting().ok_or("there is no meeting")?;
    let on_minutes = meeting.agenda.get(app.agenda_row).is_some_and(|i| i.title.to_lowercase().contains("minutes"));
    if !on_minutes {
        return Err(Refusal::rule(
            "V approves the last meeting's minutes: select the item \"Minutes of the last meeting\"",
        ));
    }
    let last = app.workspace.meetings.iter().filter(|m| m.date < meeting.date).max_by_key(|m| m.date);
    let last = last.ok_or("there is no earlier meeting whose minutes to approve")?;
    if let Some(on) = last.approved {
        return Err(Refusal::AlreadySo(format!("those minutes were approved on {}", on.format("%-d %B %Y"))));
    }
    app.question = Some(super::confirm::approval(last.date, app.today()));
    Ok(vec![])
}

/// One of the board's settings in words ("quorum 1/3 chair"), as the
/// board was seen: only that setting is written.
pub(super) fn save_setting(app: &App, line: &str) -> Outcome {
    let expect = crate::model::change::board::BoardSettings::of(&app.workspace.board);
    let mut restore = expect.clone();
    restore.read_line(line)?;
    Ok(vec![Effect::Save(Change::Settings { expect, restore })])
}
