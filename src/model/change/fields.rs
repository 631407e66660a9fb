//! The field-by-field rule every change follows: a field is written only
//! if it still holds the value the user saw (or already holds theirs);
//! otherwise the change is refused, naming the field and both values.

use crate::model::id::BOOKKEEPING_FIELDS;
use crate::model::refusal::{Refusal, Since};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::{Map, Value};

/// One field: `Ok(true)` when `now` is to be written, `Ok(false)` when the
/// disk already holds it.
pub(super) fn check<T: PartialEq>(
    record: &str,
    field: &str,
    (disk, was, now): (&T, &T, &T),
    show: impl Fn(&T) -> String,
) -> Result<bool, Refusal> {
    if disk == now {
        return Ok(false);
    }
    if disk == was {
        return Ok(true);
    }
    Err(Refusal::Conflict {
        record: record.to_string(),
        field: field.to_string(),
        theirs: show(disk),
        yours: show(now),
        since: Since::Opened,
    })
}

fn object<T: Serialize>(record: Option<&T>) -> Map<String, Value> {
    match record.map(serde_json::to_value) {
        Some(Ok(Value::Object(map))) => map,
        _ => Map::new(),
    }
}

/// A JSON value in words: "PD", "GB/PD", "none".
pub(crate) fn show(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => "none".into(),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Array(items)) if items.is_empty() => "none".into(),
        Some(Value::Array(items)) => items.iter().map(|v| show(Some(v))).collect::<Vec<_>>().join("/"),
        Some(Value::Bool(b)) => if *b { "yes" } else { "no" }.into(),
        Some(Value::Object(map)) => map.values().map(|v| show(Some(v))).collect::<Vec<_>>().join(" "),
        Some(other) => other.to_string(),
    }
}

/// Moves a record from `expect` to `restore` (either may be absent: a
/// record removed or put back), key by key on what is on disk: keys the
/// change does not touch keep the disk's value; a touched key must still
/// hold `expect`'s value (or already `restore`'s).
pub(super) fn restore<T: Serialize + DeserializeOwned>(
    record: &str,
    disk: Option<&T>,
    expect: Option<&T>,
    restore: Option<&T>,
) -> Result<Option<T>, Refusal> {
    if disk.is_none() && expect.is_some() {
        return Err(Refusal::Gone(record.to_string()));
    }
    let (disk_map, expect_map, restore_map) = (object(disk), object(expect), object(restore));
    let keys: std::collections::BTreeSet<&String> =
        disk_map.keys().chain(expect_map.keys()).chain(restore_map.keys()).collect();
    let mut merged = Map::new();
    for key in keys {
        let (d, e, r) = (disk_map.get(key), expect_map.get(key), restore_map.get(key));
        // A record's identity and history are not the user's to set: they
        // stay as on disk (or as put back), and never make a conflict.
        let bookkeeping = BOOKKEEPING_FIELDS.contains(&key.as_str());
        // A removed record must be removed as the user saw it, every field.
        let touched = !bookkeeping && (e != r || restore.is_none());
        let value = if bookkeeping {
            d.or(r)
        } else if !touched {
            d
        } else if d == e || d == r {
            r
        } else {
            return Err(Refusal::Conflict {
                record: record.to_string(),
                field: key.replace('_', " "),
                theirs: show(d),
                yours: show(r),
                since: Since::Opened,
            });
        };
        if let Some(value) = value {
            merged.insert(key.clone(), value.clone());
        }
    }
    if restore.is_none() {
        return Ok(None);
    }
    serde_json::from_value(Value::Object(merged))
        .map(Some)
        .map_err(|e| Refusal::rule(format!("{record} cannot be put back: {e}")))
}
