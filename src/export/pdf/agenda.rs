//! The agenda laid out for PDF: the meeting's details, then one table row
//! per item with its planned start, lead, minutes, purpose and papers.

use super::layout::{Cell, Flow};
use crate::export::agenda::Agenda;

/// The agenda from where the flow is; `depth` is its heading's outline level.
pub(crate) fn lay_out(flow: &mut Flow, a: &Agenda, depth: u8) {
    flow.room(60.0);
    flow.paragraph(&[(&a.board, true)], 18.0);
    flow.paragraph(&[(&a.title, true)], 12.5);
    flow.paragraph(&[(&a.when_and_where(), true)], 10.0);
    flow.heading(depth, "Agenda");
    let rows: Vec<Vec<Cell>> = a
        .rows()
        .map(|row| row.into_iter().enumerate().map(|(n, text)| Cell { text, bold: n == 1, fill: None }).collect())
        .collect();
    let shares = [0.9, 4.0, 2.2, 1.1, 1.3, 1.0];
    let columns: Vec<(&str, f32)> = Agenda::COLUMNS.iter().copied().zip(shares).collect();
    flow.table(&columns, &rows);
}
