//! Records a git merge left both in a daily file and in the archive,
//! different in each: one machine closed a record and moved it to the
//! archive while the other changed it (see `model::merge::fold_archived`).
//! Made one again by `gavel sync`, under its lock: closed, with the change,
//! in the archive; or, reopened on the other machine, open in the daily file.

use super::archive::{Archived, archivable, archive_file, kept_from, listed_years, tidy, year_of};
use super::save::{to_json, write_atomic};
use super::{ACTIONS_FILE, BOARD_FILE, RISKS_FILE, load_document};
use crate::model::id::Id;
use crate::model::link::{self, Directory};
use crate::model::merge::{Document, fold_archived};
use crate::model::{ActionLog, Board, RiskRegister, Timestamp};
use std::collections::HashMap;
use std::path::Path;

/// A daily file as the merge's base had it (read from git), when known.
pub type Base<'a> = &'a dyn Fn(&str) -> Option<Vec<u8>>;

/// Folds every record held twice in the action log and the risk register;
/// one line each for the sync to say. `base` gives a daily file as the
/// merge's base had it. The caller holds the workspace lock.
pub fn fold_archived_twice(root: &Path, now: Timestamp, base: Option<Base>) -> Result<Vec<String>, String> {
    let Ok(Some(board)) = load_document::<Board>(&root.join(BOARD_FILE)) else { return Ok(vec![]) };
    let _register = link::in_force(Some(Directory::of(&board)));
    let mut said = fold::<ActionLog>(root, &board, ACTIONS_FILE, Document::Actions, (now, base))?;
    said.extend(fold::<RiskRegister>(root, &board, RISKS_FILE, Document::Risks, (now, base))?);
    Ok(said)
}

/// The records of a daily file as the merge's base had it, by key.
fn base_records<D: Named>(name: &str, base: Option<Base>) -> HashMap<Key, serde_json::Value> {
    let Some(bytes) = base.and_then(|read| read(name)) else { return HashMap::new() };
    let Ok(mut document) = super::parse::parse::<D>(Path::new(name), &bytes) else { return HashMap::new() };
    let records = std::mem::take(document.records());
    records.iter().filter_map(|r| Some((key::<D>(r), serde_json::to_value(r).ok()?))).collect()
}

/// The record's identity and ref, which the fold matches by.
trait Named: Archived {
    fn id(record: &Self::Record) -> &Id;
}

impl Named for ActionLog {
    fn id(action: &crate::model::Action) -> &Id {
        &action.id
    }
}

impl Named for RiskRegister {
    fn id(risk: &crate::model::Risk) -> &Id {
        &risk.id
    }
}

fn fold<D: Named>(
    root: &Path,
    board: &Board,
    name: &str,
    doc: Document,
    (now, base): (Timestamp, Option<Base>),
) -> Result<Vec<String>, String> {
    let path = root.join(name);
    let Ok(years) = listed_years(root, D::KIND) else { return Ok(vec![]) };
    let Some(mut daily) = load::<D>(&path) else { return Ok(vec![]) };
    let at: HashMap<Key, usize> = daily.records().iter().enumerate().map(|(i, r)| (key::<D>(r), i)).collect();
    let (mut said, mut found_in) = (Vec::new(), Vec::new());
    let mut base_of: Option<HashMap<Key, serde_json::Value>> = None;
    for year in years {
        let Some(mut archive) = load::<D>(&archive_file(root, D::KIND, year)) else { continue };
        for record in std::mem::take(archive.records()) {
            let Some(&i) = at.get(&key::<D>(&record)) else { continue };
            let (archived, own) = (to_value(&record)?, to_value(&daily.records()[i])?);
            if archived != own {
                let base = base_of.get_or_insert_with(|| base_records::<D>(name, base)).get(&key::<D>(&record));
                let (folded, line) = fold_archived(doc, D::reference(&record), base, &archived, &own, now);
                daily.records()[i] = serde_json::from_value(folded).map_err(|e| e.to_string())?;
                said.push(line);
                found_in.push((year, key::<D>(&record)));
            }
        }
    }
    if said.is_empty() {
        return Ok(said);
    }
    // Filed as any tidy files them (the archive's copy replaced), then the
    // daily file written: a crash between leaves both copies, never neither.
    let from = kept_from(root, board);
    let filed: HashMap<Key, i32> = daily
        .records()
        .iter()
        .filter(|r| from.is_some_and(|k| archivable::<D>(r, k)))
        .map(|r| (key::<D>(r), year_of::<D>(r)))
        .collect();
    tidy(root, from, &mut daily).map_err(|e| e.to_string())?;
    write_atomic(&path, &to_json(&daily)).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
    // A copy left in another year's file, or of a record reopened on the other machine, goes.
    for (year, folded) in found_in.into_iter().filter(|(year, folded)| filed.get(folded) != Some(year)) {
        let file = archive_file(root, D::KIND, year);
        let Some(mut archive) = load::<D>(&file) else { continue };
        archive.records().retain(|r| key::<D>(r) != folded);
        write_atomic(&file, &to_json(&archive)).map_err(|e| format!("cannot write {}: {e}", file.display()))?;
    }
    Ok(said)
}

/// A record as the fold matches it: its identity and its ref (records
/// without an identity yet are matched by ref alone).
type Key = (Id, String);

fn key<D: Named>(record: &D::Record) -> Key {
    (D::id(record).clone(), D::reference(record).to_string())
}

/// A document, or none if it is missing or does not read: `validate`,
/// which the sync runs next, says what is wrong with it.
fn load<D: Named>(path: &Path) -> Option<D> {
    load_document::<D>(path).ok().flatten()
}

fn to_value<T: serde::Serialize>(record: &T) -> Result<serde_json::Value, String> {
    serde_json::to_value(record).map_err(|e| e.to_string())
}
