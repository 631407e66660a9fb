//! risks.json: the risk register, each risk scored likelihood x impact
//! on a 5x5 grid, with its history of rescoring.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskRegister {
    pub schema_version: u32,
    /// Refs of risks deleted as added by mistake: never given again.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub retired: Vec<String>,
    /// The highest ref moved to the archive (`archive/risks-YYYY.json`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub archived: Vec<String>,
    pub risks: Vec<Risk>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
    #[serde(with = "super::link::one")]
    pub owner: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub category: String,
    pub likelihood: Level,
    pub impact: Level,
    /// When the current likelihood and impact were set.
    #[serde(with = "super::iso_date")]
    pub scored: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<Score>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inherent: Option<Score>,
    /// Earlier scorings, oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<Scoring>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub mitigation: String,
    #[serde(default, skip_serializing_if = "Option::is_none", with = "super::iso_date::option")]
    pub review: Option<NaiveDate>,
    #[serde(default)]
    pub status: RiskStatus,
    /// Every change saved to this record (see `model::history`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<super::history::Entry>,
}

/// A likelihood or an impact: 1 to 5, checked as the file is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct Level(u8);

impl Level {
    pub fn get(self) -> u8 {
        self.0
    }
}

impl TryFrom<u8> for Level {
    type Error = String;
    fn try_from(value: u8) -> Result<Self, Self::Error> {
        if (1..=5).contains(&value) {
            Ok(Level(value))
        } else {
            Err(format!("expected a level from 1 to 5, found {value}"))
        }
    }
}

impl From<Level> for u8 {
    fn from(level: Level) -> u8 {
        level.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Score {
    pub likelihood: Level,
    pub impact: Level,
}

impl Score {
    pub fn value(self) -> u8 {
        self.likelihood.0 * self.impact.0
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    #[serde(with = "super::iso_date")]
    pub date: NaiveDate,
    pub likelihood: Level,
    pub impact: Level,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RiskStatus {
    #[default]
    Open,
    Closed,
}

/// Whether a risk's score rose, fell or held since its last scoring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Trend {
    Rising,
    Falling,
    Steady,
    New,
}

impl Trend {
    pub fn arrow(self) -> &'static str {
        match self {
            Trend::Rising => "↑",
            Trend::Falling => "↓",
            Trend::Steady => "→",
            Trend::New => "•",
        }
    }
}

/// A new risk from the one-line form.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct NewRisk {
    pub title: String,
    pub owner: String,
    pub score: Score,
    pub review: Option<NaiveDate>,
}

impl RiskRegister {
    /// "R" and one more than the highest number in use, given under the lock.
    pub fn next_ref(&self) -> String {
        let refs = self.risks.iter().map(|r| r.reference.as_str()).chain(self.retired.iter().map(String::as_str));
        let refs = refs.chain(self.archived.iter().map(String::as_str));
        let highest = refs.filter_map(|r| r.strip_prefix('R')?.parse::<u64>().ok()).max().unwrap_or(0);
        format!("R{}", highest + 1)
    }

    pub fn empty() -> RiskRegister {
        RiskRegister { schema_version: super::SCHEMA_VERSION, retired: vec![], archived: vec![], risks: vec![] }
    }

    pub fn add(&mut self, new: NewRisk, today: NaiveDate) -> &Risk {
        self.risks.push(Risk {
            changes: vec![],
            id: crate::model::id::Id::fresh(),
            reference: self.next_ref(),
            title: new.title,
            owner: new.owner,
            category: String::new(),
            likelihood: new.score.likelihood,
            impact: new.score.impact,
            scored: today,
            target: None,
            inherent: None,
            history: vec![],
            mitigation: String::new(),
            review: new.review,
            status: RiskStatus::Open,
        });
        self.risks.last().expect("just pushed")
    }
}

impl Score {
    pub fn new(likelihood: u8, impact: u8) -> Result<Score, String> {
        Ok(Score { likelihood: Level::try_from(likelihood)?, impact: Level::try_from(impact)? })
    }
}

impl Risk {
    /// Past its review date as of `today`.
    pub fn review_overdue(&self, today: NaiveDate) -> bool {
        self.status == RiskStatus::Open && self.review.is_some_and(|r| r < today)
    }

    pub fn current(&self) -> Score {
        Score { likelihood: self.likelihood, impact: self.impact }
    }

    pub fn score(&self) -> u8 {
        self.current().value()
    }

    pub fn trend(&self) -> Trend {
        let Some(last) = self.history.last() else {
            return Trend::New;
        };
        let before = last.likelihood.0 * last.impact.0;
        match self.score().cmp(&before) {
            std::cmp::Ordering::Greater => Trend::Rising,
            std::cmp::Ordering::Less => Trend::Falling,
            std::cmp::Ordering::Equal => Trend::Steady,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_refuses_out_of_range() {
        assert!(serde_json::from_str::<Level>("0").is_err());
        assert!(serde_json::from_str::<Level>("6").is_err());
        assert_eq!(serde_json::from_str::<Level>("5").unwrap().get(), 5);
    }
}
