//! risks.json: the risk register, each risk scored likelihood x impact
//! on a 5x5 grid, with its history of rescoring.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskRegister {
    pub schema_version: u32,
    pub risks: Vec<Risk>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Risk {
    #[serde(rename = "ref")]
    pub reference: String,
    pub title: String,
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

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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

/// One change to one risk, applied to the risk as it is on disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RiskEdit {
    /// New likelihood and impact; the old scoring goes into the history.
    Rescore(Score),
    Close,
    /// The date of the next review.
    Review(NaiveDate),
}

/// A new risk from the one-line form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewRisk {
    pub title: String,
    pub owner: String,
    pub score: Score,
    pub review: Option<NaiveDate>,
}

impl RiskRegister {
    /// "R" and one more than the highest number in use, given under the lock.
    pub fn next_ref(&self) -> String {
        let highest =
            self.risks.iter().filter_map(|r| r.reference.strip_prefix('R')?.parse::<u64>().ok()).max().unwrap_or(0);
        format!("R{}", highest + 1)
    }

    pub fn add(&mut self, new: NewRisk, today: NaiveDate) -> &Risk {
        self.risks.push(Risk {
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

    pub fn edit(&mut self, reference: &str, edit: RiskEdit, today: NaiveDate) -> Result<(), String> {
        let risk = self
            .risks
            .iter_mut()
            .find(|r| r.reference == reference)
            .ok_or_else(|| format!("{reference} is no longer in the risk register"))?;
        match edit {
            RiskEdit::Rescore(score) => {
                if score == risk.current() {
                    return Err(format!("{reference} is already scored L{} × I{}", score.likelihood.0, score.impact.0));
                }
                let before = Scoring { date: risk.scored, likelihood: risk.likelihood, impact: risk.impact };
                risk.history.push(before);
                risk.likelihood = score.likelihood;
                risk.impact = score.impact;
                risk.scored = today.max(risk.scored);
            }
            RiskEdit::Close => {
                if risk.status == RiskStatus::Closed {
                    return Err(format!("{reference} is already closed"));
                }
                risk.status = RiskStatus::Closed;
            }
            RiskEdit::Review(date) => risk.review = Some(date),
        }
        Ok(())
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

    fn register() -> RiskRegister {
        serde_json::from_str(include_str!("../../sample-data/small-board/risks.json")).unwrap()
    }

    #[test]
    fn rescoring_keeps_the_old_score_as_history_and_sets_the_trend() {
        let mut risks = register();
        let today = "2024-04-10".parse().unwrap();
        risks.edit("R2", RiskEdit::Rescore(Score::new(4, 3).unwrap()), today).unwrap();
        let r2 = &risks.risks[1];
        assert_eq!((r2.score(), r2.scored, r2.trend()), (12, today, Trend::Rising));
        assert_eq!(r2.history.last().unwrap().date.to_string(), "2024-03-01");
        risks.edit("R2", RiskEdit::Rescore(Score::new(1, 3).unwrap()), today).unwrap();
        assert_eq!(risks.risks[1].trend(), Trend::Falling);
        assert!(risks.edit("R2", RiskEdit::Rescore(Score::new(1, 3).unwrap()), today).is_err());
    }

    #[test]
    fn close_review_and_add() {
        let mut risks = register();
        let today: NaiveDate = "2024-04-10".parse().unwrap();
        risks.edit("R1", RiskEdit::Close, today).unwrap();
        assert!(risks.edit("R1", RiskEdit::Close, today).unwrap_err().contains("already closed"));
        risks.edit("R2", RiskEdit::Review(today), today).unwrap();
        assert!(!risks.risks[1].review_overdue(today));
        assert!(risks.risks[1].review_overdue(today + chrono::Days::new(1)));
        let new = NewRisk {
            title: "Hall roof leaks".into(),
            owner: "AC".into(),
            score: Score::new(2, 4).unwrap(),
            review: None,
        };
        assert_eq!(risks.add(new, today).reference, "R3");
        assert_eq!(risks.risks[2].trend(), Trend::New);
    }

    #[test]
    fn level_refuses_out_of_range() {
        assert!(serde_json::from_str::<Level>("0").is_err());
        assert!(serde_json::from_str::<Level>("6").is_err());
        assert_eq!(serde_json::from_str::<Level>("5").unwrap().get(), 5);
    }
}
