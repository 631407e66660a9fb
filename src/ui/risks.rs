//! The risk heat grid: likelihood across, impact up, each cell coloured by
//! its band with the band's letter and the refs that fit; the selected
//! risk's target cell marked ◎; below, the risks of the cell under the cursor.

use super::pane_block;
use super::theme::Theme;
use crate::app::{App, Pane};
use crate::model::Board;
use crate::model::grid::{HeatGrid, IMPACT_NAMES, LIKELIHOOD_NAMES};
use crate::model::risk::{Risk, RiskStatus};
use crate::text::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let board = &app.workspace.board;
    let risks = &app.workspace.risks.risks;
    let grid = HeatGrid::of(risks);
    let block = pane_block(app, theme, Pane::Risks, vec![Span::raw(title(board, risks))]);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let width = usize::from(inner.width);
    let (cell_width, cell_height) = cell_size(inner);
    let focused = app.focus == Pane::Risks;
    let target =
        app.selected_risk().filter(|_| focused).and_then(|r| r.target).map(|t| (t.likelihood.get(), t.impact.get()));
    let mut lines = Vec::new();
    for impact in (1..=5u8).rev() {
        for sub in 0..cell_height {
            let label = if sub == 0 { format!("{impact}  ") } else { "   ".into() };
            let mut spans = vec![Span::styled(label, theme.dim())];
            for likelihood in 1..=5u8 {
                let mut text = if sub == 0 {
                    cell_text(board, risks, &grid, likelihood, impact, cell_width)
                } else {
                    " ".repeat(cell_width)
                };
                if sub == 0 && target == Some((likelihood, impact)) {
                    text = mark_target(&text);
                }
                let mut style = board.band_for(likelihood * impact).map_or(theme.dim(), |b| theme.band(b.colour));
                if app.risk_cell == (likelihood, impact) {
                    style = style.patch(theme.selected());
                }
                spans.push(Span::styled(text, style));
            }
            lines.push(Line::from(spans));
        }
    }
    let axis: String = (1..=5).map(|l| pad(&format!(" {l}"), cell_width)).collect();
    lines.push(Line::styled(format!("   {axis}"), theme.dim()));
    let legend = match app.selected_risk() {
        Some(risk) if target.is_some() => format!("   likelihood → · impact ↑ · ◎ {}'s target", risk.reference),
        _ => "   likelihood → · impact ↑ · ←→↑↓ move".to_string(),
    };
    lines.push(Line::styled(fit(&legend, width), theme.dim()));
    let room = usize::from(inner.height).saturating_sub(lines.len());
    lines.extend(cell_list(app, theme, width).into_iter().take(room));
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The width of a grid cell and how many lines it takes; three columns for
/// the impact labels come first.
fn cell_size(inner: Rect) -> (usize, usize) {
    let cell_width = (usize::from(inner.width).saturating_sub(3) / 5).clamp(3, 14);
    (cell_width, if inner.height >= 16 { 2 } else { 1 })
}

/// The grid cell (likelihood, impact) drawn at screen cell (`x`, `y`), if any.
pub(super) fn cell_at(inner: Rect, x: u16, y: u16) -> Option<(u8, u8)> {
    let (cell_width, cell_height) = cell_size(inner);
    let row = usize::from(y.checked_sub(inner.y)?) / cell_height;
    let column = usize::from(x.checked_sub(inner.x)?).checked_sub(3)? / cell_width;
    let (likelihood, impact) = (u8::try_from(column + 1).ok()?, u8::try_from(5usize.checked_sub(row)?).ok()?);
    ((1..=5).contains(&likelihood) && (1..=5).contains(&impact)).then_some((likelihood, impact))
}

/// "Risks · 13 open · 2 extreme": open risks, and how many are in the top band.
fn title(board: &Board, risks: &[Risk]) -> String {
    let open: Vec<&Risk> = risks.iter().filter(|r| r.status == RiskStatus::Open).collect();
    let Some(worst) = board.risk_bands.iter().max_by_key(|b| b.min) else {
        return format!("Risks · {} open", open.len());
    };
    let in_worst = open.iter().filter(|r| board.band_for(r.score()) == Some(worst)).count();
    format!("Risks · {} open · {in_worst} {}", open.len(), worst.name)
}

/// "E R1 R8" or "H R3 +2": the band letter, then as many refs as fit.
fn cell_text(board: &Board, risks: &[Risk], grid: &HeatGrid, l: u8, i: u8, width: usize) -> String {
    let letter = board.band_for(l * i).map_or('·', |b| b.letter);
    let refs = grid.cell(l, i);
    let mut text = format!("{letter}");
    for (shown, &index) in refs.iter().enumerate() {
        let reference = &risks[index].reference;
        let left_after = refs.len() - shown - 1;
        // Room for " R12", and for " +N" after it if more must follow.
        let needed = reference.chars().count() + 1 + if left_after > 0 { 3 } else { 0 };
        if needed > width.saturating_sub(text.chars().count()) {
            text.push_str(&format!(" +{}", left_after + 1));
            break;
        }
        text.push(' ');
        text.push_str(reference);
    }
    pad(&text, width)
}

/// The cell's last column becomes ◎: the selected risk's target.
fn mark_target(text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if let Some(last) = chars.last_mut() {
        *last = '◎';
    }
    chars.into_iter().collect()
}

/// The risks in the cell under the cursor, the selected one highlighted.
fn cell_list(app: &App, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let (l, i) = app.risk_cell;
    let band = app.workspace.board.band_for(l * i).map_or(String::new(), |b| b.name.clone());
    let (likelihood, impact) = (LIKELIHOOD_NAMES[usize::from(l - 1)], IMPACT_NAMES[usize::from(i - 1)]);
    let heading = format!("{} {band}: L{l} {likelihood} × I{i} {impact}", l * i);
    let mut lines = vec![Line::styled(fit(&heading, width), theme.bold())];
    let cell = app.cell_risks();
    let selected = app.selected_risk().map(|r| r.reference.clone());
    let risks = &app.workspace.risks.risks;
    let ref_width = super::format::ref_width(cell.iter().map(|&i| risks[i].reference.as_str()));
    for &index in &cell {
        let risk = &risks[index];
        let head = format!(
            "{:<ref_width$}{:>3} {} {:<5} ",
            fit(&risk.reference, ref_width),
            risk.score(),
            risk.trend().arrow(),
            fit(&risk.owner, 5)
        );
        let rest = width.saturating_sub(head.chars().count());
        let mut line = Line::from(vec![Span::raw(head), Span::raw(fit(&risk.title, rest))]);
        if app.focus == Pane::Risks && selected.as_ref() == Some(&risk.reference) {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    if cell.is_empty() {
        lines.push(Line::styled("no open risks here", theme.dim()));
    }
    lines
}
