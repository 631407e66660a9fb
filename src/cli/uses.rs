//! Where a person's initials are used: the record that keeps someone from
//! being deleted (`gavel people remove`), said in the board's words.

use crate::model::change::people::named_in;
use crate::model::{Board, Workspace};
use crate::store::{self, LoadError, Years};
use std::path::Path;

/// Every use of `initials` in the workspace at `root` (the whole history:
/// every meeting, the action log, the archive, the risks, the groups),
/// in a few words each: "owner of A4, A7", "in the register of 3 March 2022".
pub(super) fn uses(root: &Path, board: &Board, initials: &str) -> Result<Vec<String>, LoadError> {
    let ws: Workspace = store::load(root)?;
    let mut found = Vec::new();
    let groups: Vec<&str> =
        board.groups.iter().filter(|g| g.members.iter().any(|m| m == initials)).map(|g| g.name.as_str()).collect();
    if !groups.is_empty() {
        found.push(format!("a member of {}", groups.join(", ")));
    }
    let mut owned: Vec<String> = Vec::new();
    let owns = |a: &crate::model::Action| a.owners.iter().any(|o| o == initials);
    owned.extend(ws.actions.actions.iter().filter(|a| owns(a)).map(|a| a.reference.clone()));
    for year in store::archived_actions(root, board, Years::NewestFirst) {
        let (_, actions) = year?;
        owned.extend(actions.iter().filter(|a| owns(a)).map(|a| a.reference.clone()));
    }
    if !owned.is_empty() {
        found.push(format!("owner of {}", shortened(&owned)));
    }
    let risks: Vec<String> =
        ws.risks.risks.iter().filter(|r| r.owner == initials).map(|r| r.reference.clone()).collect();
    if !risks.is_empty() {
        found.push(format!("owner of risk {}", shortened(&risks)));
    }
    let mut meetings = Vec::new();
    for m in ws.meetings.iter().filter(|m| named_in(m, initials)) {
        meetings.push(m.date.format("%-d %B %Y").to_string());
    }
    if !meetings.is_empty() {
        found.push(format!("named in the meeting of {}", shortened(&meetings)));
    }
    Ok(found)
}

/// "A4, A7, A9 and 12 more".
fn shortened(all: &[String]) -> String {
    const SHOWN: usize = 4;
    match all.len() {
        n if n <= SHOWN => all.join(", "),
        n => format!("{} and {} more", all[..SHOWN].join(", "), n - SHOWN),
    }
}
