//! The risk grid as the pane uses it: the cell under the cursor, the risk
//! selected in it, and the changes to that risk.

use super::commands::writable;
use super::input::{Input, Purpose};
use super::{App, Change, Effect, Overlay};
use crate::model::Risk;
use crate::model::grid::HeatGrid;
use crate::model::risk::RiskEdit;

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

pub(super) fn list_cell(app: &mut App) {
    if app.cell_risks().is_empty() {
        app.refuse("no open risks in this cell");
    } else {
        app.overlay = Overlay::RiskList;
    }
}

/// Opens the input for a change to the selected risk, prefilled with `text`.
pub(super) fn open_for_selected(app: &mut App, purpose: fn(String) -> Purpose, text: impl Fn(&Risk) -> String) {
    if !writable(app) {
        return;
    }
    match app.selected_risk() {
        Some(risk) => app.input = Some(Input::with_text(purpose(risk.reference.clone()), text(risk))),
        None => app.refuse("no open risk is selected: move the cursor to a cell with risks"),
    }
}

pub(super) fn close_selected(app: &mut App) -> Vec<Effect> {
    if !writable(app) {
        return vec![];
    }
    match app.selected_risk().map(|r| r.reference.clone()) {
        Some(reference) => edit(app, reference, RiskEdit::Close),
        None => {
            app.refuse("no open risk is selected: move the cursor to a cell with risks");
            vec![]
        }
    }
}

pub(super) fn edit(app: &App, reference: String, edit: RiskEdit) -> Vec<Effect> {
    vec![Effect::Save(Change::EditRisk { reference, edit, today: app.today() })]
}
