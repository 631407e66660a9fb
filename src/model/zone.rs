//! The board's time zone: every time gavel shows is in it, whichever zone
//! the computer showing it is in, so one screen never mixes two zones.
//! Stored times keep the offset they were written with (the instant is what
//! counts); they are converted only to be shown.

use super::Timestamp;
use chrono::{NaiveDateTime, TimeDelta, TimeZone};

/// A board's `time_zone` setting, read: an IANA name ("Europe/London"), or
/// none (an older workspace), which means the computer's own zone.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zone {
    Named(Named),
    System,
}

/// A zone of the time zone database gavel carries (jiff's copy of IANA's),
/// so a board's zone reads the same on every computer, whether or not it
/// has one of its own. (chrono-tz's tables cost every command a
/// millisecond at start: 29,000 pointers fixed up by the loader.)
#[derive(Debug, Clone)]
pub struct Named {
    name: String,
    zone: jiff::tz::TimeZone,
}

impl PartialEq for Named {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name
    }
}

impl Eq for Named {}

impl Zone {
    /// The zone a setting names; the empty setting is the computer's zone.
    pub fn named(name: &str) -> Result<Zone, String> {
        if name.is_empty() {
            return Ok(Zone::System);
        }
        jiff::tz::TimeZone::get(name)
            .map(|zone| Zone::Named(Named { name: name.to_string(), zone }))
            .map_err(|_| format!("{name:?} is not a time zone: write an IANA name like Europe/London or UTC"))
    }

    /// The same instant as the board's wall clock shows it.
    pub fn at(&self, t: Timestamp) -> Timestamp {
        match self {
            Zone::Named(named) => {
                let offset = jiff::Timestamp::from_second(t.timestamp())
                    .ok()
                    .map(|instant| named.zone.to_offset(instant).seconds())
                    .and_then(chrono::FixedOffset::east_opt);
                // Past the database's range (years beyond 9999): the time as written.
                offset.map_or(t, |offset| t.with_timezone(&offset))
            }
            Zone::System => t.with_timezone(&chrono::Local).fixed_offset(),
        }
    }

    /// The instant the board's wall clock reads `local`, as it shows it. In
    /// the hour skipped in spring, the time an hour on (01:30 is 02:30 BST);
    /// in the hour lived twice in autumn, the first of the two.
    pub fn local(&self, local: NaiveDateTime) -> Timestamp {
        let instant = match self {
            Zone::Named(named) => Self::named_local(named, local),
            Zone::System => chrono::Local
                .from_local_datetime(&local)
                .earliest()
                .or_else(|| chrono::Local.from_local_datetime(&(local + TimeDelta::hours(1))).earliest())
                .map(|t| t.fixed_offset()),
        };
        // Past the database's range: the time as written, in UTC.
        self.at(instant.unwrap_or_else(|| local.and_utc().fixed_offset()))
    }

    fn named_local(named: &Named, local: NaiveDateTime) -> Option<Timestamp> {
        use chrono::{Datelike, Timelike};
        let civil = jiff::civil::DateTime::new(
            i16::try_from(local.year()).ok()?,
            i8::try_from(local.month()).ok()?,
            i8::try_from(local.day()).ok()?,
            i8::try_from(local.hour()).ok()?,
            i8::try_from(local.minute()).ok()?,
            i8::try_from(local.second()).ok()?,
            0,
        )
        .ok()?;
        let instant = named.zone.to_ambiguous_zoned(civil).compatible().ok()?.timestamp();
        chrono::DateTime::from_timestamp(instant.as_second(), 0).map(|t| t.fixed_offset())
    }
}

/// The computer's own zone by name, for a new board's setting: $TZ when it
/// names a zone ("Europe/Paris", ":Europe/Paris"), else the system's.
pub fn system_zone_name() -> Option<String> {
    let from_env = std::env::var("TZ").ok().map(|tz| tz.trim_start_matches(':').to_string());
    [from_env, iana_time_zone::get_timezone().ok()]
        .into_iter()
        .flatten()
        .find(|name| !name.is_empty() && Zone::named(name).is_ok())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_shown_in_the_board_zone() {
        let london = Zone::named("Europe/London").unwrap();
        let summer: Timestamp = "2022-06-01T10:00:00+02:00".parse().unwrap();
        assert_eq!(london.at(summer).to_rfc3339(), "2022-06-01T09:00:00+01:00");
        let winter: Timestamp = "2022-01-06T10:00:00-05:00".parse().unwrap();
        assert_eq!(london.at(winter).to_rfc3339(), "2022-01-06T15:00:00+00:00");
        assert!(Zone::named("Mars/Olympus").unwrap_err().contains("not a time zone"));
        assert_eq!(Zone::named("").unwrap(), Zone::System);
    }

    #[test]
    fn a_wall_time_is_read_in_the_zone_on_both_changes_of_the_clock() {
        let london = Zone::named("Europe/London").unwrap();
        let local = |text: &str| london.local(text.parse().unwrap()).to_rfc3339();
        assert_eq!(local("2026-03-29T00:30:00"), "2026-03-29T00:30:00+00:00");
        assert_eq!(local("2026-03-29T01:30:00"), "2026-03-29T02:30:00+01:00", "the skipped hour");
        assert_eq!(local("2026-03-29T03:30:00"), "2026-03-29T03:30:00+01:00");
        assert_eq!(local("2026-10-25T00:30:00"), "2026-10-25T00:30:00+01:00");
        assert_eq!(local("2026-10-25T01:30:00"), "2026-10-25T01:30:00+01:00", "the first of the two");
        assert_eq!(local("2026-10-25T03:30:00"), "2026-10-25T03:30:00+00:00");
    }
}
