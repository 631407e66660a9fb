//! A step applied on its laptop, and to the oracle once it is saved: the
//! command line where gavel has a command for it, otherwise the same
//! `Change` the TUI saves (through `store::commit`), or a hand edit of the
//! JSON committed with plain git.

use super::oracle::Oracle;
use super::steps::*;
use super::world::{NOW, World, laptop, said};
use gavel::model::change::{ActionEdit, Closure, FieldEdit};
use gavel::model::history::Stamp;
use gavel::model::{Action, ActionStatus, Change, Deadline, Workspace};

/// A property the run broke, and how.
#[derive(Debug, Clone)]
pub struct Failure {
    pub property: &'static str,
    pub detail: String,
}

pub fn fail(property: &'static str, detail: impl Into<String>) -> Failure {
    Failure { property, detail: detail.into() }
}

/// How a step went: done (and in the oracle), or not applicable here.
pub enum Outcome {
    Done,
    Skipped,
}

pub fn status_of(name: &str) -> ActionStatus {
    match name {
        "Done" => ActionStatus::Done,
        "Dropped" => ActionStatus::Dropped,
        "InProgress" => ActionStatus::InProgress,
        _ => ActionStatus::Open,
    }
}

fn day(text: &str) -> chrono::NaiveDate {
    text.parse().unwrap()
}

/// The laptop's workspace as gavel reads it.
/// What the TUI shows and changes: the daily files and the recent
/// meetings, never a record in the archive.
pub fn read_live(world: &World, c: usize) -> Result<Workspace, Failure> {
    gavel::store::load_recent(world.root(c))
        .map_err(|e| fail("a laptop's workspace reads", format!("{}: {e}", laptop(c))))
}

pub fn read(world: &World, c: usize) -> Result<Workspace, Failure> {
    gavel::store::load(world.root(c)).map_err(|e| fail("a laptop's workspace reads", format!("{}: {e}", laptop(c))))
}

fn action<'a>(ws: &'a Workspace, tok: &str) -> Option<&'a Action> {
    ws.actions.actions.iter().find(|a| a.text.contains(tok))
}

fn initials_of(ws: &Workspace, name: &str) -> Option<String> {
    ws.board.people.iter().find(|p| p.name == name).map(|p| p.initials.clone())
}

/// Saves `change` as the TUI would on laptop `c`.
pub fn save(world: &World, c: usize, change: Change) -> Result<Outcome, Failure> {
    let stamp = Stamp { at: NOW.parse().unwrap(), by: laptop(c), reason: None };
    gavel::store::commit_as(world.root(c), &change, &stamp)
        .map(|_| Outcome::Done)
        .map_err(|e| fail("a change is saved", format!("{}: {change:?}: {e}", laptop(c))))
}

/// Runs gavel on laptop `c`; a refusal is a failure of the run.
fn cli(world: &World, c: usize, args: &[&str]) -> Result<String, Failure> {
    let out = world.gavel(c, args);
    if out.status.success() {
        Ok(said(&out))
    } else {
        Err(fail("a command is carried out", format!("{}: gavel {args:?}: {}", laptop(c), said(&out))))
    }
}

/// `gavel sync` on laptop `c`: it must go through, pull and push.
pub fn sync(world: &World, oracle: &mut Oracle, c: usize) -> Result<(), Failure> {
    let out = world.gavel(c, &["sync"]);
    if !out.status.success() || !said(&out).contains("pushed") {
        let property = if said(&out).contains("the pull could not be merged") {
            "a pull merges into a valid workspace"
        } else {
            "every sync goes through"
        };
        return Err(fail(property, format!("{}: {}", laptop(c), said(&out))));
    }
    oracle.synced(c);
    Ok(())
}

/// Plain pulls that stopped: on a conflict git left in the files, and on files not yet committed.
pub static STOPPED: [std::sync::atomic::AtomicUsize; 2] =
    [std::sync::atomic::AtomicUsize::new(0), std::sync::atomic::AtomicUsize::new(0)];

/// A plain `git pull` on laptop `c`; if git stops, `gavel sync` mends it.
fn git_pull(world: &World, oracle: &mut Oracle, c: usize) -> Result<(), Failure> {
    let out = world.git(c, &["pull", "--no-rebase", "--no-edit", "--quiet"]);
    if out.status.success() {
        oracle.pulled(c);
        return Ok(());
    }
    let conflict = world.git(c, &["rev-parse", "--quiet", "--verify", "MERGE_HEAD"]).status.success();
    STOPPED[usize::from(!conflict)].fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mended = world.gavel(c, &["sync"]);
    let said_it = said(&mended);
    if !mended.status.success() || !said_it.contains("pushed") || (conflict && !said_it.contains("repaired")) {
        let why = format!("{}: git pull: {}\ngavel sync: {said_it}", laptop(c), said(&out));
        return Err(fail("gavel sync mends what a plain git pull left", why));
    }
    oracle.synced(c);
    Ok(())
}

/// Applies `op` on laptop `c`, then to the oracle.
pub fn apply(world: &World, oracle: &mut Oracle, initial: &Workspace, c: usize, op: &Op) -> Result<Outcome, Failure> {
    match op {
        Op::Sync => return sync(world, oracle, c).map(|_| Outcome::Done),
        Op::GitPull => return git_pull(world, oracle, c).map(|_| Outcome::Done),
        _ => {}
    }
    let ws = read_live(world, c)?;
    let Some(outcome) = act(world, c, &ws, op)? else { return Ok(Outcome::Skipped) };
    let id = oracle.begin(c);
    record(oracle, initial, id, op);
    if let Op::Approve { date } = op {
        // The minutes as approved: every export of them, anywhere, forever.
        let minutes = world.minutes(c, date);
        oracle.approvals.entry(date.clone()).or_default().push((id, minutes));
    }
    Ok(outcome)
}

/// Makes the change on the laptop; None when the step's record is not there.
fn act(world: &World, c: usize, ws: &Workspace, op: &Op) -> Result<Option<Outcome>, Failure> {
    let edit = |tok: &str, edit: ActionEdit| action(ws, tok).map(|a| Change::edit_action_named(&a.reference, edit));
    let change = match op {
        Op::Sync | Op::GitPull => None,
        Op::AddAction { tok, owner, due } => {
            let Some(initials) = initials_of(ws, owner) else { return Ok(None) };
            let line = format!("{} @{initials} due {due}", action_text(tok, "papers"));
            cli(world, c, &["add", &line])?;
            return Ok(Some(Outcome::Done));
        }
        Op::EditText { tok, words } => action(ws, tok).and_then(|a| {
            edit(tok, ActionEdit::Fields(vec![FieldEdit::Text { was: a.text.clone(), now: action_text(tok, words) }]))
        }),
        Op::HandEditText { tok, words } => return hand_edit(world, c, ws, tok, words),
        Op::EditOwner { tok, owner } => {
            let (Some(a), Some(initials)) = (action(ws, tok), initials_of(ws, owner)) else { return Ok(None) };
            edit(tok, ActionEdit::Fields(vec![FieldEdit::Owners { was: a.owners.clone(), now: vec![initials] }]))
        }
        Op::EditDue { tok, due } => action(ws, tok).and_then(|a| {
            edit(tok, ActionEdit::Fields(vec![FieldEdit::Due { was: a.due, now: Some(Deadline::On(day(due))) }]))
        }),
        Op::SetStatus { tok, status } => action(ws, tok).filter(|a| a.status != status_of(status)).and_then(|a| {
            let now = Closure::set(status_of(status), day(TODAY));
            edit(tok, ActionEdit::Status { was: Closure::of(a), now })
        }),
        Op::DeleteAction { tok } => action(ws, tok).map(|a| Change::DeleteAction { was: a.clone() }),
        Op::AddUpdate { tok, update } => {
            let update = gavel::model::action::Update { date: day(TODAY), text: update_text(update) };
            edit(tok, ActionEdit::AddUpdate(update))
        }
        _ => return super::apply_more::act(world, c, ws, op),
    };
    match change {
        Some(change) => save(world, c, change).map(Some),
        None => Ok(None),
    }
}

/// The action's text changed in actions.json with an editor, and committed with plain git.
fn hand_edit(world: &World, c: usize, ws: &Workspace, tok: &str, words: &str) -> Result<Option<Outcome>, Failure> {
    let Some(a) = action(ws, tok) else { return Ok(None) };
    by_hand(world, c, "actions.json", ("text", &a.text, &action_text(tok, words)))
}

/// In `file`, the one `"field": was` becomes `"field": now`, as in an
/// editor, and the file is committed with `git commit -a`. None if `was`
/// is not there once.
pub fn by_hand(
    world: &World,
    c: usize,
    file: &str,
    (field, was, now): (&str, &str, &str),
) -> Result<Option<Outcome>, Failure> {
    let path = world.root(c).join(file);
    let text = std::fs::read_to_string(&path).unwrap();
    let json = |v: &str| format!("\"{field}\": {}", serde_json::to_string(v).unwrap());
    if was == now || text.matches(&json(was)).count() != 1 {
        return Ok(None);
    }
    std::fs::write(&path, text.replacen(&json(was), &json(now), 1)).unwrap();
    let out = world.git(c, &["commit", "--quiet", "-am", "Edited by hand"]);
    if !out.status.success() {
        return Err(fail("a hand edit is committed with git", said(&out)));
    }
    Ok(Some(Outcome::Done))
}

/// What the oracle expects of a change once it is saved.
fn record(oracle: &mut Oracle, initial: &Workspace, id: usize, op: &Op) {
    let yes = |o: &mut Oracle, key: &str| o.write(id, key, "exists", "yes");
    match op {
        Op::Sync | Op::GitPull => {}
        Op::AddAction { tok, owner, due } => {
            let key = format!("A:{tok}");
            oracle.records.insert(("action", tok.clone()));
            yes(oracle, &key);
            oracle.write(id, &key, "text", action_text(tok, "papers"));
            oracle.write(id, &key, "owner", owner.clone());
            oracle.write(id, &key, "due", due.clone());
            oracle.write(id, &key, "status", "Open");
        }
        Op::EditText { tok, words } | Op::HandEditText { tok, words } => {
            yes(oracle, &format!("A:{tok}"));
            oracle.write(id, &format!("A:{tok}"), "text", action_text(tok, words));
        }
        Op::EditOwner { tok, owner } => {
            yes(oracle, &format!("A:{tok}"));
            oracle.write(id, &format!("A:{tok}"), "owner", owner.clone());
        }
        Op::EditDue { tok, due } => {
            yes(oracle, &format!("A:{tok}"));
            oracle.write(id, &format!("A:{tok}"), "due", due.clone());
        }
        Op::SetStatus { tok, status } => {
            yes(oracle, &format!("A:{tok}"));
            oracle.write(id, &format!("A:{tok}"), "status", *status);
        }
        Op::DeleteAction { tok } => oracle.write(id, &format!("A:{tok}"), "exists", "no"),
        Op::AddUpdate { tok, update } => {
            yes(oracle, &format!("A:{tok}"));
            oracle.records.insert(("update", format!("{tok} {update}")));
        }
        _ => super::apply_more::record(oracle, initial, id, op),
    }
}
