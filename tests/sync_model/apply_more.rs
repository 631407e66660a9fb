//! The steps on risks, people, meetings, agendas, attendance, notes and
//! approvals (see `apply` for actions).

use super::apply::{Failure, Outcome, fail};
use super::oracle::Oracle;
use super::steps::*;
use super::world::{World, laptop, said};
use gavel::model::change::RiskEdit;
use gavel::model::meeting::NoteKind;
use gavel::model::risk::{NewRisk, RiskStatus, Score};
use gavel::model::{AttendanceStatus, Change, Meeting, Workspace};

fn meeting<'a>(ws: &'a Workspace, date: &str) -> Option<&'a Meeting> {
    ws.meetings.iter().find(|m| m.date.to_string() == date)
}

fn risk<'a>(ws: &'a Workspace, tok: &str) -> Option<&'a gavel::model::Risk> {
    ws.risks.risks.iter().find(|r| r.title.contains(tok))
}

fn person<'a>(ws: &'a Workspace, tok: &str) -> Option<&'a gavel::model::Person> {
    ws.board.people.iter().find(|p| p.name == person_name(tok))
}

fn attendance(status: &str) -> AttendanceStatus {
    match status {
        "Present" => AttendanceStatus::Present,
        "Apologies" => AttendanceStatus::Apologies,
        _ => AttendanceStatus::Absent,
    }
}

fn cli(world: &World, c: usize, args: &[&str]) -> Result<String, Failure> {
    let out = world.gavel(c, args);
    if out.status.success() {
        Ok(said(&out))
    } else {
        Err(fail("a command is carried out", format!("{}: gavel {args:?}: {}", laptop(c), said(&out))))
    }
}

/// Makes the change on the laptop; None when the step's record is not there.
pub fn act(world: &World, c: usize, ws: &Workspace, op: &Op) -> Result<Option<Outcome>, Failure> {
    if let Op::HandRenameItem { date, tok, words } = op {
        return hand_rename(world, c, ws, date, tok, words);
    }
    match change(ws, op) {
        Some(Some(change)) => super::apply::save(world, c, change).map(Some),
        Some(None) => Ok(None),
        None if done(ws, op) => by_command(world, c, ws, op).map(|_| Some(Outcome::Done)),
        None => Ok(None),
    }
}

/// The change the TUI would save for `op`: Some(None) when its record is
/// not on this laptop, None when the step is one for the command line.
fn change(ws: &Workspace, op: &Op) -> Option<Option<Change>> {
    Some(change_of(ws, op)?.ok())
}

fn change_of(ws: &Workspace, op: &Op) -> Option<Result<Change, ()>> {
    let today = TODAY.parse().unwrap();
    let at = super::world::NOW.parse().unwrap();
    let change = match op {
        Op::AddRisk { tok, owner, score } => {
            let Some(owner) = ws.board.people.iter().find(|p| &p.name == owner) else { return Some(Err(())) };
            let new = NewRisk {
                title: risk_title(tok),
                owner: owner.initials.clone(),
                score: Score::new(score.0, score.1).unwrap(),
                review: None,
            };
            Change::AddRisk { new, today }
        }
        Op::Rescore { tok, score } => {
            let now = Score::new(score.0, score.1).unwrap();
            let open = |r: &&gavel::model::Risk| r.status == RiskStatus::Open && r.current() != now;
            let Some(r) = risk(ws, tok).filter(open) else { return Some(Err(())) };
            let edit = RiskEdit::Rescore { was: r.current(), now, on: today };
            Change::edit_risk_named(&r.reference, edit)
        }
        Op::CloseRisk { tok } => {
            let Some(r) = risk(ws, tok).filter(|r| r.status == RiskStatus::Open) else { return Some(Err(())) };
            let edit = RiskEdit::Status { was: r.status, now: RiskStatus::Closed };
            Change::edit_risk_named(&r.reference, edit)
        }
        Op::AgendaRename { date, tok, words } => {
            let Some(m) = meeting(ws, date) else { return Some(Err(())) };
            let mut now = m.agenda.clone();
            let Some(item) = now.iter_mut().find(|i| i.title.contains(tok)) else { return Some(Err(())) };
            item.title = item_title(tok, words);
            let summary = format!("item {} renamed", item.number);
            Change::Agenda { meeting: m.date, was: m.agenda.clone(), now, summary }
        }
        Op::Mark { date, who, status } => {
            let Some(m) = meeting(ws, date).filter(|m| m.approved.is_none()) else { return Some(Err(())) };
            let was = m.attendance_of(who).cloned();
            if was.as_ref().is_some_and(|a| a.status == attendance(status)) {
                return Some(Err(()));
            }
            let edit = gavel::model::attendance::AttendanceEdit::Mark(attendance(status));
            Change::Attendance { meeting: m.date, initials: who.clone(), edit, at, was }
        }
        Op::Note { date, tok, decision } => {
            let Some(m) = meeting(ws, date).filter(|m| m.approved.is_none()) else { return Some(Err(())) };
            let Some(item) = m.agenda.first() else { return Some(Err(())) };
            let kind = if *decision { NoteKind::Decision } else { NoteKind::Note };
            Change::Record { meeting: m.date, kind, item: item.number.clone(), text: note_text(tok), at }
        }
        _ => return None,
    };
    Some(Ok(change))
}

/// The item's title changed in the meeting's file by hand.
fn hand_rename(
    world: &World,
    c: usize,
    ws: &Workspace,
    date: &str,
    tok: &str,
    words: &str,
) -> Result<Option<Outcome>, Failure> {
    let Some(item) = meeting(ws, date).and_then(|m| m.agenda.iter().find(|i| i.title.contains(tok))) else {
        return Ok(None);
    };
    let file = format!("meetings/{date}.json");
    super::apply::by_hand(world, c, &file, ("title", &item.title, &item_title(tok, words)))
}

/// Whether a step done by command can be done on this laptop now.
pub fn done(ws: &Workspace, op: &Op) -> bool {
    match op {
        Op::AddPerson { initials, .. } => !ws.board.people.iter().any(|p| &p.initials == initials),
        Op::EditPerson { tok, org } => person(ws, tok).is_some_and(|p| &p.organisation != org),
        Op::Reinitial { tok, initials } => {
            person(ws, tok).is_some() && !ws.board.people.iter().any(|p| &p.initials == initials)
        }
        Op::NewMeeting { date } => meeting(ws, date).is_none(),
        Op::AgendaAdd { date, .. } => planned(ws).contains(date),
        Op::AgendaMove { date, tok, .. } | Op::AgendaRemove { date, tok } => {
            planned(ws).contains(date)
                && meeting(ws, date).is_some_and(|m| m.agenda.iter().any(|i| i.title.contains(tok)))
        }
        Op::Approve { date } => meeting(ws, date).is_some_and(|m| m.approved.is_none()),
        _ => true,
    }
}

fn by_command(world: &World, c: usize, ws: &Workspace, op: &Op) -> Result<(), Failure> {
    let number = |date: &str, tok: &str| {
        meeting(ws, date).and_then(|m| m.agenda.iter().find(|i| i.title.contains(tok))).map(|i| i.number.clone())
    };
    match op {
        Op::AddPerson { tok, initials } => {
            cli(world, c, &["people", "add", &person_name(tok), "--initials", initials, "--org", "Org of the board"])?;
        }
        Op::EditPerson { tok, org } => {
            let initials = person(ws, tok).map(|p| p.initials.clone()).unwrap_or_default();
            cli(world, c, &["people", "edit", &initials, "--org", org])?;
        }
        Op::Reinitial { tok, initials } => {
            let was = person(ws, tok).map(|p| p.initials.clone()).unwrap_or_default();
            cli(world, c, &["people", "edit", &was, "--initials", initials])?;
        }
        Op::NewMeeting { date } => {
            cli(world, c, &["meeting", "new", date])?;
        }
        Op::AgendaAdd { date, tok } => {
            cli(world, c, &["agenda", "add", date, &format!("{} 10m", item_title(tok, "review"))])?;
        }
        Op::AgendaMove { date, tok, to } => {
            let n = number(date, tok).unwrap_or_default();
            cli(world, c, &["agenda", "move", date, &n, &to.to_string()])?;
        }
        Op::AgendaRemove { date, tok } => {
            cli(world, c, &["agenda", "remove", date, &number(date, tok).unwrap_or_default()])?;
        }
        Op::Approve { date } => {
            cli(world, c, &["minutes", "approve", date, "--on", TODAY, "--yes"])?;
        }
        _ => {}
    }
    Ok(())
}

/// What the oracle expects of the steps on risks, people and meetings.
pub fn record(oracle: &mut Oracle, initial: &Workspace, id: usize, op: &Op) {
    match op {
        Op::AddRisk { tok, owner, score } => {
            let key = format!("R:{tok}");
            oracle.records.insert(("risk", tok.clone()));
            oracle.write(id, &key, "exists", "yes");
            oracle.write(id, &key, "owner", owner.clone());
            oracle.write(id, &key, "score", format!("{}x{}", score.0, score.1));
            oracle.write(id, &key, "status", "Open");
        }
        Op::Rescore { tok, score } => {
            oracle.write(id, &format!("R:{tok}"), "score", format!("{}x{}", score.0, score.1))
        }
        Op::CloseRisk { tok } => oracle.write(id, &format!("R:{tok}"), "status", "Closed"),
        Op::AddPerson { tok, .. } => {
            oracle.records.insert(("person", tok.clone()));
            oracle.write(id, &format!("P:{tok}"), "exists", "yes");
            oracle.write(id, &format!("P:{tok}"), "org", "Org of the board");
        }
        Op::EditPerson { tok, org } => oracle.write(id, &format!("P:{tok}"), "org", org.clone()),
        Op::NewMeeting { date } => {
            oracle.records.insert(("meeting", date.clone()));
        }
        Op::AgendaAdd { date, tok } => {
            let key = format!("I:{date}:{tok}");
            oracle.records.insert(("item", format!("{date} {tok}")));
            oracle.write(id, &key, "exists", "yes");
            oracle.write(id, &key, "title", item_title(tok, "review"));
        }
        Op::AgendaMove { date, tok, .. } => oracle.write(id, &format!("I:{date}:{tok}"), "exists", "yes"),
        Op::AgendaRename { date, tok, words } | Op::HandRenameItem { date, tok, words } => {
            oracle.write(id, &format!("I:{date}:{tok}"), "exists", "yes");
            oracle.write(id, &format!("I:{date}:{tok}"), "title", item_title(tok, words));
        }
        Op::AgendaRemove { date, tok } => oracle.write(id, &format!("I:{date}:{tok}"), "exists", "no"),
        Op::Mark { date, who, status } => {
            let key = format!("T:{date}:{who}");
            if !oracle.has_writes(&key, "status") {
                let was = meeting(initial, date).and_then(|m| m.attendance_of(who)).map(|a| a.status);
                oracle.write(0, &key, "status", format!("{:?}", was.unwrap_or(AttendanceStatus::Expected)));
            }
            oracle.records.insert(("attendance", format!("{date} {who}")));
            oracle.write(id, &key, "status", *status);
        }
        Op::Note { date, tok, decision } => {
            oracle.records.insert((if *decision { "decision" } else { "note" }, format!("{date} {tok}")));
            oracle.write(id, &format!("N:{date}:{tok}"), "exists", "yes");
        }
        _ => {}
    }
}
