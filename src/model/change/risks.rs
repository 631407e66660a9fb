//! Changes to the risk register: add, put back, delete, rescore, close or
//! reopen, and the review date.

use super::fields::{self, check};
use super::route::RiskChange;
use super::{Added, Applied, Change};
use crate::model::id::Id;
use crate::model::refusal::Refusal;
use crate::model::risk::{RiskStatus, Score, Scoring};
use crate::model::{Risk, RiskRegister};
use chrono::NaiveDate;

/// One edit to one risk, with the value the user saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum RiskEdit {
    /// New likelihood and impact, scored `on`; the old scoring goes into the history.
    Rescore { was: Score, now: Score, on: NaiveDate },
    /// Takes a rescoring back (undo): the score returns to `back_to`, which
    /// leaves the history.
    Unscore { was: Score, back_to: Scoring },
    /// Closed, or open again.
    Status { was: RiskStatus, now: RiskStatus },
    /// The date of the next review.
    Review { was: Option<NaiveDate>, now: Option<NaiveDate> },
}

fn score_text(score: &Score) -> String {
    format!("L{} × I{}", score.likelihood.get(), score.impact.get())
}

fn date_text(date: &Option<NaiveDate>) -> String {
    date.map_or("none".into(), |d| d.format("%-d %b %Y").to_string())
}

fn status_text(status: &RiskStatus) -> String {
    match status {
        RiskStatus::Open => "open".into(),
        RiskStatus::Closed => "closed".into(),
    }
}

impl Change {
    /// An edit of this risk, following its identity as `edit_action` does.
    pub fn edit_risk(risk: &Risk, edit: RiskEdit) -> Change {
        Change::EditRisk { reference: risk.reference.clone(), id: risk.id.clone(), edit }
    }

    /// An edit of the risk a ref names now.
    pub fn edit_risk_named(reference: &str, edit: RiskEdit) -> Change {
        Change::EditRisk { reference: reference.to_string(), id: Id::default(), edit }
    }
}

pub(super) fn apply(change: RiskChange, register: &mut RiskRegister) -> Result<Applied, Refusal> {
    let applied = |summary: String, undo: Change| Applied { summary, added: None, undo: Some(undo) };
    match change {
        RiskChange::Add { new, today } => {
            let risk = register.add(new.clone(), *today).clone();
            Ok(Applied {
                summary: format!("{} added: {}", risk.reference, risk.title),
                added: Some(Added::Risk(risk.reference.clone())),
                undo: Some(Change::DeleteRisk { was: risk }),
            })
        }
        RiskChange::Put { risk } => {
            if register.risks.iter().any(|r| r.reference == risk.reference) {
                return Err(Refusal::rule(format!("{} is already in the risk register", risk.reference)));
            }
            register.retired.retain(|r| *r != risk.reference);
            register.risks.push(risk.clone());
            Ok(applied(
                format!("{} put back: {}", risk.reference, risk.title),
                Change::DeleteRisk { was: risk.clone() },
            ))
        }
        RiskChange::Delete { was } => {
            let index = position(register, &was.reference)?;
            fields::restore(&was.reference, Some(&register.risks[index]), Some(was), None::<&Risk>)?;
            let risk = register.risks.remove(index);
            register.retired.push(risk.reference.clone());
            Ok(applied(format!("{} deleted", risk.reference), Change::PutRisk { risk }))
        }
        RiskChange::Edit { reference, id, edit } => {
            let index = seen(register, reference, id)?;
            let (summary, inverse) = edit_risk(&mut register.risks[index], *edit)?;
            Ok(applied(summary, Change::edit_risk(&register.risks[index], inverse)))
        }
    }
}

/// The risk the user saw: by identity when the change has it, else by ref.
fn seen(register: &RiskRegister, reference: &str, id: &Id) -> Result<usize, Refusal> {
    if id.is_unset() {
        return position(register, reference);
    }
    register.risks.iter().position(|r| r.id == *id).ok_or_else(|| Refusal::Gone(reference.to_string()))
}

fn position(register: &RiskRegister, reference: &str) -> Result<usize, Refusal> {
    register.risks.iter().position(|r| r.reference == reference).ok_or_else(|| Refusal::Gone(reference.to_string()))
}

/// Applies one edit to the risk as it is on disk; returns what it did and its inverse.
fn edit_risk(risk: &mut Risk, edit: RiskEdit) -> Result<(String, RiskEdit), Refusal> {
    let reference = risk.reference.clone();
    match edit {
        RiskEdit::Rescore { was, now, on } => {
            if risk.current() == now {
                return Err(Refusal::AlreadySo(format!("{reference} is already scored {}", score_text(&now))));
            }
            check(&reference, "score", (&risk.current(), &was, &now), score_text)?;
            let before = Scoring { date: risk.scored, likelihood: risk.likelihood, impact: risk.impact };
            risk.history.push(before);
            risk.likelihood = now.likelihood;
            risk.impact = now.impact;
            risk.scored = on.max(risk.scored);
            let words = format!(
                "{reference} rescored {} = {} on {}",
                score_text(&now),
                now.value(),
                risk.scored.format("%-d %b %Y")
            );
            Ok((words, RiskEdit::Unscore { was: now, back_to: before }))
        }
        RiskEdit::Unscore { was, back_to } => {
            let back = Score { likelihood: back_to.likelihood, impact: back_to.impact };
            check(&reference, "score", (&risk.current(), &was, &back), score_text)?;
            if risk.history.last() != Some(&back_to) {
                return Err(Refusal::rule(format!("{reference} was rescored again since: its history has moved on")));
            }
            risk.history.pop();
            risk.likelihood = back.likelihood;
            risk.impact = back.impact;
            risk.scored = back_to.date;
            let words = format!("{reference} back to {}", score_text(&back));
            Ok((words, RiskEdit::Rescore { was: back, now: was, on: back_to.date }))
        }
        RiskEdit::Status { was, now } => {
            if risk.status == now {
                return Err(Refusal::AlreadySo(format!("{reference} is already {}", status_text(&now))));
            }
            check(&reference, "status", (&risk.status, &was, &now), status_text)?;
            risk.status = now;
            let words = match now {
                RiskStatus::Closed => format!("{reference} closed"),
                RiskStatus::Open => format!("{reference} reopened"),
            };
            Ok((words, RiskEdit::Status { was: now, now: was }))
        }
        RiskEdit::Review { was, now } => {
            check(&reference, "review date", (&risk.review, &was, &now), date_text)?;
            risk.review = now;
            Ok((format!("{reference} to be reviewed by {}", date_text(&now)), RiskEdit::Review { was: now, now: was }))
        }
    }
}
