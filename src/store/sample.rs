//! The sample board, built into the binary so that `gavel init --sample`
//! and a newcomer's first run need nothing beside it.

macro_rules! sample {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../sample-data/southend-send/", $path)))),*]
    };
}

/// Relative path and contents of every file of the sample workspace.
pub const SAMPLE_FILES: &[(&str, &str)] =
    sample!["gavel.json", "actions.json", "risks.json", "meetings/2022-01-06.json", "meetings/2022-03-03.json",];

/// The sample board as it is kept (schema version 1, its records without
/// identities), written in this build's version: each workspace made from
/// it gets identities of its own.
pub fn sample_files() -> Vec<(String, Vec<u8>)> {
    let files = SAMPLE_FILES.iter().map(|(path, text)| (path.to_string(), serde_json::from_str(text)));
    upgraded_all(files.map(|(path, value)| (path, value.expect("the sample parses"))).collect())
}

/// Every sample document upgraded, the board first: its people's new
/// identities are what the other files' links are stored as.
fn upgraded_all(files: Vec<(String, serde_json::Value)>) -> Vec<(String, Vec<u8>)> {
    use crate::model::link::{Directory, in_force};
    let (board, rest): (Vec<_>, Vec<_>) = files.into_iter().partition(|(path, _)| path == "gavel.json");
    let mut out: Vec<(String, Vec<u8>)> =
        board.into_iter().map(|(path, v)| (path.clone(), upgraded(&path, v))).collect();
    let register =
        out.first().map(|(_, bytes)| Directory::of(&serde_json::from_slice(bytes).expect("the board parses")));
    let _register = in_force(register);
    out.extend(rest.into_iter().map(|(path, value)| (path.clone(), upgraded(&path, value))));
    out
}

/// One sample document, typed by its path, upgraded and written out.
fn upgraded(path: &str, value: serde_json::Value) -> Vec<u8> {
    use crate::model::migrate::upgrade;
    use crate::model::{ActionLog, Board, Meeting, RiskRegister};
    fn write<
        T: crate::model::migrate::Versioned + super::Versioned + serde::Serialize + serde::de::DeserializeOwned,
    >(
        value: serde_json::Value,
    ) -> Vec<u8> {
        let mut document: T = typed(value);
        upgrade(&mut document);
        super::to_json(&document)
    }
    match path {
        "gavel.json" => write::<Board>(value),
        "actions.json" => write::<ActionLog>(value),
        "risks.json" => write::<RiskRegister>(value),
        _ => write::<Meeting>(value),
    }
}

/// The sample's meeting still to be held: a newcomer's first run puts it
/// on today, at the next half hour.
const PLANNED: &str = "meetings/2022-03-03.json";

/// The sample board with every date moved by the same number of days, so
/// that its planned meeting is on `now`'s day at the next half hour (its
/// length kept): its first `space` runs a meeting whose clock, forecast
/// and RAG are true today. Times of day elsewhere are kept as they were.
pub fn shifted_sample(now: crate::model::Timestamp) -> Vec<(String, Vec<u8>)> {
    use crate::model::Meeting;
    use chrono::{Duration, NaiveTime, Timelike};
    let planned: Meeting = parse(PLANNED);
    let minutes_past = i64::from(now.minute() % 30) * 60 + i64::from(now.second());
    let to = now.naive_local() + Duration::seconds(if minutes_past == 0 { 0 } else { 30 * 60 - minutes_past });
    let today = now.naive_local().date();
    let days = (today - planned.date).num_days();
    let length = planned.planned_end - planned.planned_start;
    // Late in the evening the meeting is pulled earlier, so that it is
    // today's and ends before midnight, rather than tomorrow's.
    let latest = NaiveTime::from_hms_opt(23, 59, 0).expect("a time") - length;
    let start = if to.date() == today { to.time().min(latest) } else { latest };
    let mut out = vec![];
    for (path, text) in SAMPLE_FILES {
        let mut value: serde_json::Value = serde_json::from_str(text).expect("the sample parses");
        shift(&mut value, days);
        if !path.starts_with("meetings/") {
            out.push((path.to_string(), value));
            continue;
        }
        let mut meeting: Meeting = typed(value);
        if *path == PLANNED {
            meeting.planned_start = start;
            meeting.planned_end = start + length;
        }
        let file = format!("meetings/{}.json", meeting.date.format("%Y-%m-%d"));
        out.push((file, serde_json::to_value(meeting).expect("a meeting serializes")));
    }
    upgraded_all(out)
}

fn parse<T: serde::de::DeserializeOwned>(path: &str) -> T {
    let text = SAMPLE_FILES.iter().find(|(p, _)| *p == path).expect("a sample file").1;
    serde_json::from_str(text).expect("the sample parses")
}

fn typed<T: serde::de::DeserializeOwned>(value: serde_json::Value) -> T {
    serde_json::from_value(value).expect("the shifted sample still parses")
}

/// Every date ("2022-03-03") and timestamp ("2022-01-06T10:04:00+00:00")
/// in the document, moved by `days`; prose is left as it was written.
fn shift(value: &mut serde_json::Value, days: i64) {
    use serde_json::Value;
    match value {
        Value::String(text) => {
            if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
                *text = (date + chrono::Duration::days(days)).format("%Y-%m-%d").to_string();
            } else if let Ok(at) = chrono::DateTime::parse_from_rfc3339(text) {
                *text = (at + chrono::Duration::days(days)).to_rfc3339_opts(chrono::SecondsFormat::AutoSi, false);
            }
        }
        Value::Array(items) => items.iter_mut().for_each(|v| shift(v, days)),
        Value::Object(map) => map.values_mut().for_each(|v| shift(v, days)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planned_meeting_is_today_at_the_next_half_hour_and_all_dates_move_together() {
        let now: crate::model::Timestamp = "2026-12-01T14:07:00+00:00".parse().unwrap();
        let files = shifted_sample(now);
        let names: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert!(names.contains(&"meetings/2026-12-01.json"), "{names:?}");
        let (to, from): (chrono::NaiveDate, chrono::NaiveDate) =
            ("2026-12-01".parse().unwrap(), "2022-03-03".parse().unwrap());
        let days = (to - from).num_days();
        let held =
            (chrono::NaiveDate::from_ymd_opt(2022, 1, 6).unwrap() + chrono::Duration::days(days)).format("%Y-%m-%d");
        assert!(names.contains(&format!("meetings/{held}.json").as_str()), "{names:?}");
        let planned = &files.iter().find(|(p, _)| p == "meetings/2026-12-01.json").unwrap().1;
        let meeting: crate::model::Meeting = serde_json::from_slice(planned).unwrap();
        assert_eq!(meeting.planned_start.format("%H:%M").to_string(), "14:30");
        assert_eq!(meeting.planned_end.format("%H:%M").to_string(), "16:30");
        // At 23:50 the next half hour is tomorrow: the meeting stays today's, ending by midnight.
        let late = shifted_sample("2026-12-01T23:50:00+00:00".parse().unwrap());
        let planned = &late.iter().find(|(p, _)| p == "meetings/2026-12-01.json").expect("today's").1;
        let meeting: crate::model::Meeting = serde_json::from_slice(planned).unwrap();
        assert_eq!(meeting.planned_start.format("%H:%M").to_string(), "21:59");
    }
}
