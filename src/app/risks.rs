//! The risk grid as the pane uses it: the cell under the cursor, the risk
//! selected in it, and the changes to that risk.

use super::commands::{Outcome, writable};
use super::input::{Input, Purpose, Seen};
use super::{App, Change, Effect, Overlay};
use crate::model::change::RiskEdit;
use crate::model::grid::HeatGrid;
use crate::model::id::Id;
use crate::model::risk::RiskStatus;
use crate::model::{Refusal, Risk};

const NONE_SELECTED: &str = "no open risk is selected: move the cursor to a cell with risks";

impl App {
    /// The open risks in the cell under the cursor, as indices into the register.
    pub fn cell_risks(&self) -> Vec<usize> {
        let (l, i) = self.risk_cell;
        HeatGrid::of(&self.workspace.risks.risks).cell(l, i).to_vec()
    }

    /// The risk selected in the cell: the first until another is picked
    /// from the cell's list.
    pub fn selected_risk(&self) -> Option<&Risk> {
        let cell = self.cell_risks();
        let index = *cell.get(self.risk_pick.min(cell.len().saturating_sub(1)))?;
        self.workspace.risks.risks.get(index)
    }
}

/// Moves the grid cursor; the pick starts again at the cell's first risk.
pub(super) fn move_cursor(app: &mut App, to: (u8, u8)) {
    if app.risk_cell != to {
        app.risk_cell = to;
        app.risk_pick = 0;
    }
}

pub(super) fn list_cell(app: &mut App) -> Result<(), Refusal> {
    if app.cell_risks().is_empty() {
        return Err(Refusal::rule("no open risks in this cell"));
    }
    app.overlay = Overlay::RiskList;
    Ok(())
}

/// Opens the input for a change to the selected risk, prefilled with what it shows now.
pub(super) fn open_for_selected(app: &mut App, purpose: fn(String) -> Purpose) -> Result<(), Refusal> {
    writable(app)?;
    let risk = app.selected_risk().ok_or(NONE_SELECTED)?;
    let purpose = purpose(risk.reference.clone());
    let (text, seen) = match purpose {
        Purpose::Rescore(_) => {
            (format!("{} {}", risk.likelihood.get(), risk.impact.get()), Seen::Score(risk.current()))
        }
        _ => (risk.review.map_or(String::new(), |d| d.format("%Y-%m-%d").to_string()), Seen::Review(risk.review)),
    };
    app.input = Some(Input::with_text(purpose, text).seeing(seen).following(&risk.id));
    Ok(())
}

pub(super) fn close_selected(app: &mut App) -> Outcome {
    writable(app)?;
    let risk = app.selected_risk().ok_or(NONE_SELECTED)?;
    Ok(edit(
        (risk.reference.clone(), risk.id.clone()),
        RiskEdit::Status { was: RiskStatus::Open, now: RiskStatus::Closed },
    ))
}

/// Reopens the most recently scored closed risk whose score puts it in the cell.
pub(super) fn reopen_in_cell(app: &mut App) -> Outcome {
    writable(app)?;
    let (l, i) = app.risk_cell;
    let closed = app
        .workspace
        .risks
        .risks
        .iter()
        .filter(|r| r.status == RiskStatus::Closed && (r.likelihood.get(), r.impact.get()) == (l, i))
        .max_by_key(|r| r.scored)
        .ok_or_else(|| Refusal::rule(format!("no closed risk is scored L{l} × I{i}: move to its cell first")))?;
    Ok(edit(
        (closed.reference.clone(), closed.id.clone()),
        RiskEdit::Status { was: RiskStatus::Closed, now: RiskStatus::Open },
    ))
}

/// The edit of the risk named (its ref now) and seen (its identity, which the save goes by).
pub(super) fn edit((reference, id): (String, Id), edit: RiskEdit) -> Vec<Effect> {
    vec![Effect::Save(Change::EditRisk { reference, id, edit })]
}
