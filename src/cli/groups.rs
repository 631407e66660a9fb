//! `gavel groups`: bodies that own actions as people do ("SROs",
//! "Strategy Owners", "the SEND Scrum"), each change one `Change::Group`;
//! new initials go through `Change::Rename`, so every owner follows.

use super::{INVALID, fail, saved};
use crate::model::Change;
use crate::model::board::{ALL_MEMBERS, Board, Group};
use crate::text::clean;
use clap::Subcommand;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum GroupsWhat {
    /// Every group, "All members" (built in) included.
    List,
    /// A new group: "Senior Responsible Owners" --initials SROs --members GB,PD.
    Add {
        name: String,
        /// The key people type after @ (letters and digits).
        #[arg(long)]
        initials: String,
        /// Its members' initials, comma separated.
        #[arg(long, value_delimiter = ',')]
        members: Vec<String>,
    },
    /// Change a group's name, initials or members.
    Edit {
        group: String,
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        initials: Option<String>,
        /// The whole list of members, comma separated (replaces it).
        #[arg(long, value_delimiter = ',')]
        members: Option<Vec<String>>,
    },
    /// The group no longer meets: kept for the history, no longer offered as an owner.
    Retire { group: String },
}

pub fn run(root: &Path, board: &Board, what: Option<GroupsWhat>, out: &mut impl Write, err: &mut impl Write) -> u8 {
    match what.unwrap_or(GroupsWhat::List) {
        GroupsWhat::List => list(board, out),
        GroupsWhat::Add { name, initials, members } => {
            let members = match people(board, &members) {
                Ok(m) => m,
                Err(why) => return fail(err, INVALID, &why),
            };
            let group = Group::new(initials.trim().trim_start_matches('@'), name.trim(), members);
            saved(
                root,
                &Change::Group { initials: group.initials.clone(), expect: None, restore: Some(group) },
                out,
                err,
            )
        }
        GroupsWhat::Edit { group, name, initials, members } => {
            let was = match find(board, &group) {
                Ok(g) => g.clone(),
                Err(why) => return fail(err, INVALID, &why),
            };
            let members = match members.map(|m| people(board, &m)).transpose() {
                Ok(m) => m,
                Err(why) => return fail(err, INVALID, &why),
            };
            let renamed = initials.map(|i| i.trim().trim_start_matches('@').to_string());
            let key = renamed.clone().unwrap_or_else(|| was.initials.clone());
            // After a rename the group is found by its new initials.
            let seen = Group { initials: key.clone(), ..was.clone() };
            let now = Group {
                name: name.map_or(was.name.clone(), |n| n.trim().to_string()),
                members: members.unwrap_or(was.members.clone()),
                ..seen.clone()
            };
            let edit = (now != seen).then_some(Change::Group { initials: key, expect: Some(seen), restore: Some(now) });
            let what = "--name, --initials or --members";
            super::save_renamed_and_edited(root, (&was.initials, renamed.as_deref()), edit, what, out, err)
        }
        GroupsWhat::Retire { group } => match find(board, &group) {
            Ok(g) if g.retired => fail(err, INVALID, &format!("{} is already retired", clean(&g.name))),
            Ok(g) => {
                let now = Group { retired: true, ..g.clone() };
                saved(
                    root,
                    &Change::Group { initials: g.initials.clone(), expect: Some(g.clone()), restore: Some(now) },
                    out,
                    err,
                )
            }
            Err(why) => fail(err, INVALID, &why),
        },
    }
}

/// A group by its initials or its name, any case.
fn find<'a>(board: &'a Board, typed: &str) -> Result<&'a Group, String> {
    let typed = typed.trim().trim_start_matches('@');
    let by_initials = board.resolve(typed).and_then(|i| board.group(i));
    by_initials.or_else(|| board.groups.iter().find(|g| g.name.eq_ignore_ascii_case(typed))).ok_or_else(|| {
        if board.all_members_named(typed).is_some() {
            "\"All members\" is built in and always means every member: nothing to change".to_string()
        } else {
            format!("{} is not a group: gavel groups lists them", clean(typed))
        }
    })
}

/// Members as typed, as the register spells them.
fn people(board: &Board, typed: &[String]) -> Result<Vec<String>, String> {
    let typed = typed.iter().map(|t| t.trim()).filter(|t| !t.is_empty());
    typed.map(|t| board.resolve_person(t).map(|p| p.initials.clone())).collect()
}

fn list(board: &Board, out: &mut impl Write) -> u8 {
    let width = board.groups.iter().map(|g| g.initials.chars().count()).max().unwrap_or(0).max(ALL_MEMBERS.len());
    for g in &board.groups {
        let mut line = format!("{:<width$}  {}", g.initials, g.name);
        if !g.members.is_empty() {
            line += &format!(" · {}", g.members.join(", "));
        }
        if g.retired {
            line += " · retired";
        }
        let _ = writeln!(out, "{}", clean(&line));
    }
    if let Some(all) = board.all_members_named(ALL_MEMBERS) {
        let name = board.name_of(all).unwrap_or_default();
        let _ = writeln!(out, "{all:<width$}  {name} · built in: every member (@All, @\"All members\")");
    }
    0
}
