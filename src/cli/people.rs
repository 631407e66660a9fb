//! `gavel people`: the register listed, a person added, edited, retired,
//! or a whole register read from a spreadsheet (all rows or none).

use super::{INVALID, USAGE_OR_IO, fail, saved};
use crate::model::change::people::probable_duplicate;
use crate::model::{Board, Change, Person, Role};
use crate::text::clean;
use clap::Subcommand;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum PeopleWhat {
    /// Add a person; initials are proposed (CF, then CFa…) unless given.
    Add {
        /// Their name, as the minutes give it: "Ruth Adeyemi".
        name: String,
        /// chair, deputy_chair, member, officer, guest, in_attendance or advisor.
        #[arg(long, default_value = "member")]
        role: String,
        #[arg(long)]
        initials: Option<String>,
        /// Job title: "Director of Children's Services".
        #[arg(long)]
        title: Option<String>,
        /// Organisation: "Riverside Borough Council".
        #[arg(long)]
        org: Option<String>,
    },
    /// Change a person's initials, name, role, job title or organisation;
    /// new initials are followed by every link (owners, leads, meetings not yet approved).
    Edit {
        initials: String,
        /// Their new initials: every action, group and open meeting follows.
        #[arg(long = "initials", value_name = "XX")]
        new_initials: Option<String>,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        role: Option<String>,
        #[arg(long)]
        title: Option<String>,
        #[arg(long)]
        org: Option<String>,
    },
    /// Someone has left the board: kept for the history, no longer offered as an owner.
    Retire { initials: String },
    /// Delete someone added by mistake and used nowhere (else: retire them).
    Remove { initials: String },
    /// Read people from a CSV: Name, Initials, Role, Job title, Organisation.
    Import {
        file: std::path::PathBuf,
        /// Add rows that look like someone already in the register (same name) too.
        #[arg(long)]
        duplicates: bool,
    },
}

pub fn run(root: &Path, board: &Board, what: Option<PeopleWhat>, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match what {
        None => list(board, out),
        Some(PeopleWhat::Add { name, role, initials, title, org }) => {
            let role = match Role::read(&role) {
                Ok(role) => role,
                Err(why) => return fail(err, USAGE_OR_IO, &why),
            };
            let person = Person {
                changes: vec![],
                id: crate::model::id::Id::fresh(),
                initials: initials.unwrap_or_default().trim().to_string(),
                name: name.trim().to_string(),
                job_title: title.unwrap_or_default().trim().to_string(),
                organisation: org.unwrap_or_default().trim().to_string(),
                role,
                retired: false,
            };
            if let Some(twin) = probable_duplicate(board, &person) {
                let _ = writeln!(
                    err,
                    "gavel: note: {} is probably {} already in the register",
                    clean(&person.name),
                    described(twin)
                );
            }
            saved(root, &Change::AddPerson { person }, out, err)
        }
        Some(PeopleWhat::Edit { initials, new_initials, name, role, title, org }) => {
            let was = match board.resolve_person(&initials) {
                Ok(p) => p.clone(),
                Err(why) => return fail(err, INVALID, &why),
            };
            let role = match role.as_deref().map(Role::read).transpose() {
                Ok(role) => role.unwrap_or(was.role),
                Err(why) => return fail(err, USAGE_OR_IO, &why),
            };
            let keep = |new: Option<String>, old: &str| new.map_or(old.to_string(), |n| n.trim().to_string());
            let renamed = new_initials.map(|i| i.trim().trim_start_matches('@').to_string());
            // After a rename the entry is found by its new initials.
            let seen = Person { initials: renamed.clone().unwrap_or(was.initials.clone()), ..was.clone() };
            let now = Person {
                name: keep(name, &was.name),
                job_title: keep(title, &was.job_title),
                organisation: keep(org, &was.organisation),
                role,
                ..seen.clone()
            };
            let initials = seen.initials.clone();
            let edit = (now != seen).then_some(Change::Person { initials, expect: Some(seen), restore: Some(now) });
            let what = "--initials, --name, --title, --org or --role";
            super::save_renamed_and_edited(root, (&was.initials, renamed.as_deref()), edit, what, out, err)
        }
        Some(PeopleWhat::Remove { initials }) => remove(root, board, &initials, out, err),
        Some(PeopleWhat::Retire { initials }) => match board.resolve_person(&initials) {
            Ok(p) if p.retired => fail(err, INVALID, &format!("{} has already retired", clean(&p.name))),
            Ok(p) => {
                let now = Person { retired: true, ..p.clone() };
                saved(
                    root,
                    &Change::Person { initials: p.initials.clone(), expect: Some(p.clone()), restore: Some(now) },
                    out,
                    err,
                )
            }
            Err(why) => fail(err, INVALID, &why),
        },
        Some(PeopleWhat::Import { file, duplicates }) => import(root, board, &file, duplicates, out, err),
    }
}

/// "DR (Dot Roberts, Oakfield ICB)".
fn described(p: &Person) -> String {
    let org = if p.organisation.is_empty() { String::new() } else { format!(", {}", p.organisation) };
    clean(&format!("{} ({}{org})", p.initials, p.name)).into_owned()
}

/// Deletes a person used nowhere in the board's record; else names the uses.
fn remove(root: &Path, board: &Board, typed: &str, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let person = match board.resolve_person(typed) {
        Ok(p) => p.clone(),
        Err(why) => return fail(err, INVALID, &why),
    };
    match super::uses::uses(root, board, &person.initials) {
        Ok(uses) if uses.is_empty() => {
            let change = Change::Person { initials: person.initials.clone(), expect: Some(person), restore: None };
            saved(root, &change, out, err)
        }
        Ok(uses) => fail(
            err,
            INVALID,
            &format!(
                "{} is {}: kept, as the record names them; to stop offering them, gavel people retire {}",
                described(&person),
                uses.join("; "),
                person.initials
            ),
        ),
        Err(e) => super::load_failed(err, &e),
    }
}

fn list(board: &Board, out: &mut impl Write) -> u8 {
    if board.people.is_empty() {
        let _ = writeln!(out, "no one in the register yet: gavel people add \"Ruth Adeyemi\" --role chair");
        return 0;
    }
    let width = board.people.iter().map(|p| p.initials.chars().count()).max().unwrap_or(2);
    for p in &board.people {
        let mut line = format!("{:<width$}  {} · {}", p.initials, p.name, p.role.key());
        for extra in [&p.job_title, &p.organisation].into_iter().filter(|s| !s.is_empty()) {
            line += &format!(" · {extra}");
        }
        if p.retired {
            line += " · retired";
        }
        let _ = writeln!(out, "{}", clean(&line));
    }
    0
}

/// Where a CSV of people keeps each field.
struct Columns {
    name: usize,
    initials: Option<usize>,
    role: Option<usize>,
    title: Option<usize>,
    org: Option<usize>,
}

impl Columns {
    fn read(&self, row: &csv::StringRecord) -> Result<Person, String> {
        let cell = |at: Option<usize>| at.and_then(|i| row.get(i)).unwrap_or("").trim().to_string();
        let role = cell(self.role);
        let role = if role.is_empty() { Role::Member } else { Role::read(&role)? };
        Ok(Person {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            initials: cell(self.initials),
            name: cell(Some(self.name)),
            job_title: cell(self.title),
            organisation: cell(self.org),
            role,
            retired: false,
        })
    }
}

/// Every row read before anything is saved; the rows go in as one batch.
fn import(root: &Path, board: &Board, file: &Path, duplicates: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let mut reader = match csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_path(file) {
        Ok(r) => r,
        Err(e) => return fail(err, USAGE_OR_IO, &format!("cannot read {}: {e}", file.display())),
    };
    let headers: Vec<String> = match reader.headers() {
        Ok(h) => h.iter().map(|h| h.trim_start_matches('\u{feff}').to_lowercase()).collect(),
        Err(e) => return fail(err, INVALID, &format!("{}: {e}", file.display())),
    };
    let column = |names: &[&str]| headers.iter().position(|h| names.contains(&h.as_str()));
    let Some(name_at) = column(&["name"]) else {
        return fail(
            err,
            INVALID,
            "the first row must name the columns: Name, Initials, Role, Job title, Organisation",
        );
    };
    let columns = Columns {
        name: name_at,
        initials: column(&["initials"]),
        role: column(&["role"]),
        title: column(&["job title", "title"]),
        org: column(&["organisation", "organization", "org"]),
    };
    let mut planned = board.clone();
    let (mut changes, mut bad, mut skipped) = (vec![], vec![], vec![]);
    for (n, row) in reader.records().enumerate() {
        let number = n + 2;
        let row = match row {
            Ok(row) => row,
            Err(e) => {
                bad.push(format!("row {number}: {e}"));
                continue;
            }
        };
        let person = columns.read(&row);
        // A row that is someone already in (or earlier in the file) is skipped unless told.
        if let Ok(twin) = person.as_ref().map(|p| probable_duplicate(&planned, p))
            && let Some(twin) = twin
        {
            let name = person.as_ref().map(|p| p.name.clone()).unwrap_or_default();
            skipped.push(format!("row {number}: {} is probably {}", clean(&name), described(twin)));
            if !duplicates {
                continue;
            }
        }
        // Read against the register as it will be, so two rows cannot take the same initials.
        let change = person.map(|person| Change::AddPerson { person });
        let mut disk =
            crate::model::OnDisk { board: planned.clone(), actions: None, risks: None, meeting: None, live: vec![] };
        match change.and_then(|c| c.apply(&mut disk).map(|_| c).map_err(|r| r.to_string())) {
            Ok(Change::AddPerson { .. }) => {
                let added = disk.board.people.last().cloned().expect("a person was added");
                changes.push(Change::AddPerson { person: added });
                planned = disk.board;
            }
            Ok(_) => unreachable!("people are added"),
            Err(why) => bad.push(format!("row {number}: {why}")),
        }
    }
    if !bad.is_empty() {
        for why in &bad {
            let _ = writeln!(err, "gavel: {}", clean(why));
        }
        return fail(err, INVALID, &format!("{} row(s) need fixing: nobody was added", bad.len()));
    }
    let verb = if duplicates { "added anyway" } else { "skipped (--duplicates adds them)" };
    for why in &skipped {
        let _ = writeln!(err, "gavel: {why}: {verb}");
    }
    let count = changes.len();
    if count == 0 {
        let _ = writeln!(out, "nobody new to add");
        return 0;
    }
    let code = saved(root, &Change::Batch(changes), &mut std::io::sink(), err);
    if code == 0 {
        let added = &planned.people[board.people.len()..];
        for p in added {
            let _ = writeln!(out, "{} added: {} ({})", clean(&p.initials), clean(&p.name), p.role.key());
        }
        let _ = writeln!(out, "{count} people added to the register");
    }
    code
}
