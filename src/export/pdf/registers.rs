//! The pack's action log (each open action with its RAG, in colour and in
//! words) and risk register (each open risk scored, banded and trended,
//! and the 5×5 heat grid drawn with the board's bands).

use super::layout::{Cell, Flow, Op, Rgb};
use crate::model::action::in_ref_order;
use crate::model::board::BandColour;
use crate::model::grid::{HeatGrid, IMPACT_NAMES, LIKELIHOOD_NAMES};
use crate::model::rag::{Rag, RagContext};
use crate::model::risk::RiskStatus;
use crate::model::{Action, Workspace};

fn rag_fill(rag: Rag) -> Rgb {
    match rag {
        Rag::Red => Rgb(0xf2, 0x9b, 0x9b),
        Rag::Amber => Rgb(0xff, 0xcf, 0x8a),
        Rag::Green => Rgb(0xb9, 0xe4, 0xc0),
        Rag::Complete => Rgb(0xc9, 0xdc, 0xf0),
        Rag::Unplanned => Rgb(0xd9, 0xd9, 0xd9),
    }
}

fn band_fill(colour: BandColour) -> Rgb {
    match colour {
        BandColour::Green => Rgb(0xb9, 0xe4, 0xc0),
        BandColour::Yellow => Rgb(0xff, 0xf1, 0x9c),
        BandColour::Amber => Rgb(0xff, 0xcf, 0x8a),
        BandColour::Red => Rgb(0xf2, 0x9b, 0x9b),
        BandColour::Blue => Rgb(0xb3, 0xd4, 0xf5),
        BandColour::Grey => Rgb(0xd9, 0xd9, 0xd9),
    }
}

/// The open actions, in the order raised, each with its RAG.
pub(crate) fn action_log(flow: &mut Flow, ws: &Workspace, ctx: &RagContext) {
    let board = &ws.board;
    let mut open: Vec<&Action> = ws.actions.actions.iter().filter(|a| !a.status.is_closed()).collect();
    open.sort_by(|a, b| in_ref_order(a, b));
    if open.is_empty() {
        flow.text("No actions are open.");
        return;
    }
    let rows: Vec<Vec<Cell>> = open
        .iter()
        .map(|a| {
            let owners: Vec<&str> = a.owners.iter().map(|o| board.name_of(o).unwrap_or(o)).collect();
            let rag = a.rag(ctx);
            vec![
                Cell::plain(&a.reference),
                Cell::plain(&a.text),
                Cell::plain(if owners.is_empty() { "unassigned".to_string() } else { owners.join(", ") }),
                Cell::plain(ctx.due_column(a)),
                Cell::plain(a.status.label()),
                Cell { text: a.rag_mark(rag), bold: true, fill: Some(rag_fill(rag)) },
            ]
        })
        .collect();
    let columns = [("Ref", 0.8), ("Action", 4.0), ("Owner", 1.8), ("Deadline", 1.5), ("Status", 1.2), ("RAG", 1.1)];
    flow.table(&columns, &rows);
}

/// The open risks, highest score first, then the heat grid.
pub(crate) fn risk_register(flow: &mut Flow, ws: &Workspace, depth: u8) {
    let board = &ws.board;
    let risks = &ws.risks.risks;
    let mut open: Vec<_> = risks.iter().filter(|r| r.status == RiskStatus::Open).collect();
    open.sort_by_key(|r| std::cmp::Reverse(r.score()));
    if open.is_empty() {
        flow.text("No risks are open.");
    } else {
        let rows: Vec<Vec<Cell>> = open
            .iter()
            .map(|r| {
                let band = board.band_for(r.score());
                let score = format!("{} × {} = {}", r.likelihood.get(), r.impact.get(), r.score());
                let banded = band.map_or(score.clone(), |b| format!("{score} {}", b.name));
                let owner = board.name_of(&r.owner).unwrap_or(&r.owner).to_string();
                vec![
                    Cell::plain(&r.reference),
                    Cell::plain(&r.title),
                    Cell::plain(owner),
                    Cell { text: banded, bold: true, fill: band.map(|b| band_fill(b.colour)) },
                    Cell::plain(r.target.map_or(String::new(), |t| t.value().to_string())),
                    Cell::plain(r.trend().arrow()),
                    Cell::plain(r.review.map_or(String::new(), |d| d.format("%-d %b %Y").to_string())),
                ]
            })
            .collect();
        let columns = [
            ("Ref", 0.7),
            ("Risk", 3.6),
            ("Owner", 1.7),
            ("L × I", 1.7),
            ("Target", 0.9),
            ("Trend", 0.8),
            ("Review", 1.4),
        ];
        flow.table(&columns, &rows);
    }
    // The heading and the grid on one page.
    flow.room(GRID_HEIGHT + 40.0);
    flow.heading(depth, "Heat grid");
    heat_grid(flow, ws);
}

const CELL_HEIGHT: f32 = 34.0;
const GRID_HEIGHT: f32 = CELL_HEIGHT * 5.0 + 30.0;

/// The 5×5 grid: impact up the side (most severe at the top), likelihood
/// along the bottom, each cell in its band's colour with its risks' refs.
fn heat_grid(flow: &mut Flow, ws: &Workspace) {
    let risks = &ws.risks.risks;
    let grid = HeatGrid::of(risks);
    let (label_w, cell_h, size) = (78.0, CELL_HEIGHT, 8.0);
    let cell_w = (Flow::content_width() - label_w) / 5.0;
    let fonts = flow.fonts;
    let text = |x: f32, y: f32, bold: bool, text: String| Op::Text { x, y, size, bold, text: fonts.printable(&text) };
    flow.figure(GRID_HEIGHT, |ops, left, top| {
        for impact in (1..=5u8).rev() {
            let y = top + f32::from(5 - impact) * cell_h;
            let name = format!("{impact} {}", IMPACT_NAMES[usize::from(impact - 1)]);
            ops.push(text(left, y + cell_h / 2.0 + 3.0, true, name));
            for likelihood in 1..=5u8 {
                let x = left + label_w + f32::from(likelihood - 1) * cell_w;
                let band = ws.board.band_for(likelihood * impact);
                if let Some(b) = band {
                    ops.push(Op::Fill { x, y, w: cell_w, h: cell_h, colour: band_fill(b.colour) });
                }
                ops.push(Op::Frame { x, y, w: cell_w, h: cell_h });
                let refs: Vec<&str> =
                    grid.cell(likelihood, impact).iter().map(|&i| risks[i].reference.as_str()).collect();
                let shown = cell_text(&refs, |t| fonts.regular.width(t, size) <= cell_w - 6.0);
                ops.push(text(x + 3.0, y + 11.0, false, (likelihood * impact).to_string()));
                ops.push(text(x + 3.0, y + 24.0, true, shown));
            }
        }
        let y = top + 5.0 * cell_h + 12.0;
        for (n, name) in LIKELIHOOD_NAMES.iter().enumerate() {
            let x = left + label_w + n as f32 * cell_w + 3.0;
            ops.push(text(x, y, true, format!("{} {name}", n + 1)));
        }
        ops.push(text(left, y + 13.0, false, "Impact (up) against likelihood (across)".to_string()));
    });
}

/// The refs in a cell as many as fit, then "+3" for the rest.
fn cell_text(refs: &[&str], fits: impl Fn(&str) -> bool) -> String {
    for shown in (0..=refs.len()).rev() {
        let more = refs.len() - shown;
        let mut text = refs[..shown].join(", ");
        if more > 0 {
            text = if shown == 0 { format!("{more} risks") } else { format!("{text} +{more}") };
        }
        if fits(&text) {
            return text;
        }
    }
    String::new()
}
