//! The end of a sequence: every laptop synced twice, in order, then checked
//! against the oracle. Every property has a name; a failure says which.

use super::apply::{Failure, fail, read};
use super::oracle::Oracle;
use super::steps::*;
use super::world::{World, laptop, said};
use gavel::model::{Deadline, Workspace};

/// Every laptop synced twice, in order: each must go through.
pub fn settle(world: &World, oracle: &mut Oracle) -> Vec<Failure> {
    let mut failures = Vec::new();
    for _ in 0..2 {
        for c in 0..world.clones.len() {
            failures.extend(super::apply::sync(world, oracle, c).err());
        }
    }
    failures
}

/// Checks the settled laptops against the oracle.
pub fn check(world: &World, oracle: &Oracle) -> Vec<Failure> {
    let mut failures = Vec::new();
    for c in 0..world.clones.len() {
        let out = world.gavel(c, &["validate"]);
        if !out.status.success() {
            failures.push(fail("every laptop's workspace validates", format!("{}: {}", laptop(c), said(&out))));
        }
    }
    let first = documents(world, 0);
    for c in 1..world.clones.len() {
        let other = documents(world, c);
        let names = |f: &[(String, Vec<u8>)]| f.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
        if names(&first) != names(&other) {
            failures.push(fail(
                "every laptop ends byte-identical",
                format!("files: {:?} / {:?}", names(&first), names(&other)),
            ));
        }
        for ((name, a), (_, b)) in first.iter().zip(&other) {
            if a != b {
                failures.push(fail("every laptop ends byte-identical", format!("{name} differs on {}", laptop(c))));
            }
        }
    }
    failures.extend(archived_twice(world));
    let ws = match read(world, 0) {
        Ok(ws) => ws,
        Err(f) => return [failures, vec![f]].concat(),
    };
    for (kind, tok) in &oracle.records {
        let found = match *kind {
            "action" => actions(&ws, oracle, tok),
            "person" => person(&ws, oracle, tok),
            "risk" => risk(&ws, oracle, tok),
            "meeting" => meeting_of(&ws, tok).map(|_| ()).ok_or_else(|| fail("no meeting lost", tok.clone())),
            "item" => item(&ws, oracle, tok),
            "note" | "decision" => note(&ws, oracle, kind, tok),
            "update" => update(&ws, oracle, tok),
            _ => attendance(&ws, oracle, tok),
        };
        failures.extend(found.err());
    }
    for (date, approvals) in &oracle.approvals {
        let now = world.minutes(0, date);
        if !approvals.iter().any(|(_, minutes)| *minutes == now) {
            let was = &approvals[0].1;
            failures.push(fail("approved minutes stay as approved", format!("{date}:\n{}", diff(was, &now))));
        }
    }
    failures
}

/// Once a meeting of the next year is planned, what closed this year goes
/// to the archive. `store::load` reads the archive as well and lets a daily
/// file's copy of a record stand for the archive's (a tidy cut short leaves
/// both), so a record a merge left in both is looked for in the files.
fn archived_twice(world: &World) -> Vec<Failure> {
    use gavel::model::link::{Directory, in_force};
    use gavel::store::load_document;
    let root = world.root(0);
    let Ok(Some(board)) = load_document::<gavel::model::Board>(&root.join("gavel.json")) else { return vec![] };
    let _register = in_force(Some(Directory::of(&board)));
    let refs = |log: Option<gavel::model::ActionLog>| log.map(|l| l.actions.into_iter().map(|a| a.reference).collect());
    let risk_refs =
        |r: Option<gavel::model::RiskRegister>| r.map(|r| r.risks.into_iter().map(|r| r.reference).collect());
    let daily: (Vec<String>, Vec<String>) = (
        refs(load_document(&root.join("actions.json")).ok().flatten()).unwrap_or_default(),
        risk_refs(load_document(&root.join("risks.json")).ok().flatten()).unwrap_or_default(),
    );
    let mut failures = Vec::new();
    for path in std::fs::read_dir(root.join("archive")).into_iter().flatten().flatten().map(|f| f.path()) {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_string();
        let (archived, live): (Vec<String>, &Vec<String>) = if name.starts_with("actions-") {
            (refs(load_document(&path).ok().flatten()).unwrap_or_default(), &daily.0)
        } else {
            (risk_refs(load_document(&path).ok().flatten()).unwrap_or_default(), &daily.1)
        };
        ARCHIVED.fetch_add(archived.len(), std::sync::atomic::Ordering::Relaxed);
        for reference in archived.iter().filter(|r| live.contains(r)) {
            failures.push(fail("no record both in a daily file and in the archive", format!("{reference} in {name}")));
        }
    }
    failures
}

/// How many records the checks found in an archive, over every sequence.
pub static ARCHIVED: std::sync::atomic::AtomicUsize = std::sync::atomic::AtomicUsize::new(0);

/// gavel's documents on a laptop, with their bytes: every file but the
/// sync log, which each laptop appends to as it pulls, so the laptop that
/// synced last has a line the first gets only at the next sync (see `log`).
fn documents(world: &World, c: usize) -> Vec<(String, Vec<u8>)> {
    world.files(c).into_iter().filter(|(name, _)| name != LOG).collect()
}

const LOG: &str = "sync.log";

/// The sync log the same on every laptop after one more round of syncs.
pub fn log(world: &World, oracle: &mut Oracle) -> Vec<Failure> {
    let read = |c: usize| std::fs::read(world.root(c).join(LOG)).unwrap_or_default();
    if (1..world.clones.len()).all(|c| read(c) == read(0)) {
        return vec![];
    }
    let mut failures: Vec<Failure> =
        (0..world.clones.len()).filter_map(|c| super::apply::sync(world, oracle, c).err()).collect();
    for c in 1..world.clones.len() {
        if read(c) != read(0) {
            failures.push(fail(
                "every laptop's sync log the same after a third round",
                format!("{LOG} differs on {}", laptop(c)),
            ));
        }
    }
    failures
}

/// The first lines that differ.
fn diff(was: &str, now: &str) -> String {
    let (a, b): (Vec<&str>, Vec<&str>) = (was.lines().collect(), now.lines().collect());
    let at = a.iter().zip(&b).position(|(x, y)| x != y).unwrap_or(a.len().min(b.len()));
    format!("line {}: approved {:?}, now {:?}", at + 1, a.get(at), b.get(at))
}

fn meeting_of<'a>(ws: &'a Workspace, date: &str) -> Option<&'a gavel::model::Meeting> {
    ws.meetings.iter().find(|m| m.date.to_string() == date)
}

/// The field's value is one the oracle allows.
fn field(oracle: &Oracle, key: &str, name: &'static str, value: String) -> Result<(), Failure> {
    match oracle.expected(key, name) {
        Some(allowed) if !allowed.contains(&value) => {
            Err(fail(field_property(key, name), format!("{key} {name}: {value:?}, expected one of {allowed:?}")))
        }
        _ => Ok(()),
    }
}

/// The property a field's value keeps, by the record's kind and the field.
fn field_property(key: &str, name: &str) -> &'static str {
    match (key.split(':').next(), name) {
        (Some("R"), "score") => "a risk's score ends as a laptop last scored it",
        (Some("I"), "title") => "an agenda item's title ends as its last change set it",
        _ => "every field ends as its last change set it",
    }
}

/// Found `count` times where the oracle says it exists (or not).
fn once(oracle: &Oracle, key: &str, what: &'static str, count: usize) -> Result<bool, Failure> {
    let allowed = oracle.expected(key, "exists").unwrap_or_default();
    match count {
        0 if allowed.iter().any(|v| v == "no") => Ok(false),
        0 => Err(fail(lost(what), key.to_string())),
        // Deleted on one laptop and edited on another: kept, as the merge
        // may choose, but as the edit left it, not as the delete's side did.
        1 if oracle.delete_contested(key) => Ok(false),
        1 if allowed.iter().any(|v| v == "yes") => Ok(true),
        1 => Err(fail("a deleted record stays deleted", key.to_string())),
        n => Err(fail(twice(what), format!("{key}: {n} times"))),
    }
}

fn lost(what: &'static str) -> &'static str {
    match what {
        "action" => "no action lost",
        "person" => "no person lost (nor fused with another)",
        "risk" => "no risk lost (nor fused with another)",
        "item" => "no agenda item lost (nor fused with another)",
        _ => "no note or decision lost",
    }
}

fn twice(what: &'static str) -> &'static str {
    match what {
        "action" => "no action duplicated",
        "person" => "no person duplicated",
        "risk" => "no risk duplicated",
        "item" => "no agenda item duplicated",
        _ => "no note or decision duplicated",
    }
}

fn name_of(ws: &Workspace, initials: Option<&String>) -> String {
    let initials = initials.cloned().unwrap_or_default();
    ws.board.people.iter().find(|p| p.initials == initials).map(|p| p.name.clone()).unwrap_or(format!("?{initials}"))
}

fn actions(ws: &Workspace, oracle: &Oracle, tok: &str) -> Result<(), Failure> {
    let key = format!("A:{tok}");
    let found: Vec<_> = ws.actions.actions.iter().filter(|a| a.text.contains(tok)).collect();
    if !once(oracle, &key, "action", found.len())? {
        return Ok(());
    }
    let a = found[0];
    field(oracle, &key, "text", a.text.clone())?;
    field(oracle, &key, "status", format!("{:?}", a.status))?;
    let due = match a.due {
        Some(Deadline::On(d)) => d.to_string(),
        other => format!("{other:?}"),
    };
    field(oracle, &key, "due", due)?;
    if a.owners.len() != 1 {
        return Err(fail("every field ends as its last change set it", format!("{key} owners {:?}", a.owners)));
    }
    field(oracle, &key, "owner", name_of(ws, a.owners.first()))
        .map_err(|f| fail("an action's owner is still its owner", f.detail))
}

/// An update is on its action once, if the action is still there.
fn update(ws: &Workspace, oracle: &Oracle, tok: &str) -> Result<(), Failure> {
    let (action, update) = split(tok);
    let found: Vec<_> = ws.actions.actions.iter().filter(|a| a.text.contains(action)).collect();
    let [a] = found.as_slice() else { return Ok(()) };
    if oracle.delete_contested(&format!("A:{action}")) {
        return Ok(());
    }
    match a.updates.iter().filter(|u| u.text == update_text(update)).count() {
        1 => Ok(()),
        0 => Err(fail("no update lost", format!("{action}: {update}"))),
        n => Err(fail("no update duplicated", format!("{action}: {update} {n} times"))),
    }
}

fn person(ws: &Workspace, oracle: &Oracle, tok: &str) -> Result<(), Failure> {
    let key = format!("P:{tok}");
    let found: Vec<_> = ws.board.people.iter().filter(|p| p.name == person_name(tok)).collect();
    if once(oracle, &key, "person", found.len())? {
        field(oracle, &key, "org", found[0].organisation.clone())?;
    }
    Ok(())
}

fn risk(ws: &Workspace, oracle: &Oracle, tok: &str) -> Result<(), Failure> {
    let key = format!("R:{tok}");
    let found: Vec<_> = ws.risks.risks.iter().filter(|r| r.title.contains(tok)).collect();
    if once(oracle, &key, "risk", found.len())? {
        let r = found[0];
        field(oracle, &key, "status", format!("{:?}", r.status))?;
        field(oracle, &key, "score", format!("{}x{}", r.current().likelihood.get(), r.current().impact.get()))?;
        field(oracle, &key, "owner", name_of(ws, Some(&r.owner)))
            .map_err(|f| fail("a risk's owner is still its owner", f.detail))?;
    }
    Ok(())
}

fn split(tok: &str) -> (&str, &str) {
    tok.split_once(' ').unwrap()
}

fn item(ws: &Workspace, oracle: &Oracle, tok: &str) -> Result<(), Failure> {
    let (date, tok) = split(tok);
    let key = format!("I:{date}:{tok}");
    let found: Vec<_> =
        meeting_of(ws, date).map(|m| m.agenda.iter().filter(|i| i.title.contains(tok)).collect()).unwrap_or_default();
    if once(oracle, &key, "item", found.len())? {
        field(oracle, &key, "title", found[0].title.clone())?;
    }
    Ok(())
}

fn note(ws: &Workspace, oracle: &Oracle, kind: &str, tok: &str) -> Result<(), Failure> {
    let (date, tok) = split(tok);
    let Some(m) = meeting_of(ws, date) else { return Err(fail("no meeting lost", date.to_string())) };
    let list = if kind == "note" { &m.notes } else { &m.decisions };
    let count = list.iter().filter(|n| n.text.contains(tok)).count();
    let key = format!("N:{date}:{tok}");
    let id = oracle.writer(&key, "exists");
    match oracle.in_minutes(date, id) {
        Some(false) if count > 0 => {
            Err(fail("an approved meeting is never changed by a merge", format!("{key} in the minutes")))
        }
        Some(false) => {
            let history = serde_json::to_string(&m.changes).unwrap();
            let aside = history.contains(tok);
            aside.then_some(()).ok_or_else(|| fail("a change to approved minutes is kept aside", key))
        }
        Some(true) => once(oracle, &key, "note", count).map(|_| ()),
        None => Ok(()),
    }
}

fn attendance(ws: &Workspace, oracle: &Oracle, tok: &str) -> Result<(), Failure> {
    let (date, who) = split(tok);
    let key = format!("T:{date}:{who}");
    if oracle.mixed_minutes(date, &key, "status") {
        return Ok(());
    }
    let Some(m) = meeting_of(ws, date) else { return Err(fail("no meeting lost", date.to_string())) };
    let now = m.attendance_of(who).map_or(gavel::model::AttendanceStatus::Expected, |a| a.status);
    let allowed = oracle.expected_if(&key, "status", |id| id == 0 || oracle.in_minutes(date, id) == Some(true));
    match allowed {
        Some(allowed) if !allowed.contains(&format!("{now:?}")) => Err(fail(
            "every attendance mark ends as its last change set it",
            format!("{key}: {now:?}, expected one of {allowed:?}"),
        )),
        _ => Ok(()),
    }
}
