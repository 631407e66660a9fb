//! The risks of one grid cell in full (Enter on the grid): ref, title,
//! owner, score, target, trend from the score history, next review.

use super::theme::Theme;
use crate::app::App;
use crate::text::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let cell = app.cell_risks();
    let (l, i) = app.risk_cell;
    let height = (cell.len() as u16 + 4).min(area.height);
    let popup = Rect { x: area.x + 1, y: area.y + (area.height - height) / 2, width: area.width - 2, height };
    frame.render_widget(Clear, popup);
    let title = format!(" Risks at L{l} × I{i} · ↑↓ select · s rescore · v review · c close · Esc back ");
    let block = Block::bordered().border_type(BorderType::Double).title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width);
    let risks = &app.workspace.risks.risks;
    let ref_width = super::format::ref_width(cell.iter().map(|&i| risks[i].reference.as_str()));
    let fixed = 42 + ref_width;
    let title_width = width.saturating_sub(fixed).max(10);
    let mut lines = vec![Line::styled(
        format!("{} {} Owner  Score  Target  Trend  Review", pad("Ref", ref_width), pad("Title", title_width)),
        theme.dim(),
    )];
    let selected = app.selected_risk().map(|r| r.reference.clone());
    let today = app.today();
    for &index in &cell {
        let risk = &app.workspace.risks.risks[index];
        let target = risk.target.map_or("—".to_string(), |t| format!("{}", t.value()));
        let review = risk.review.map_or("—".to_string(), |d| d.format("%-d %b %Y").to_string());
        let late = if risk.review_overdue(today) { "!" } else { " " };
        let mut line = Line::raw(format!(
            "{} {} {} {:>5}  {:>6}  {:<5}  {late}{review}",
            pad(&risk.reference, ref_width),
            pad(&risk.title, title_width),
            pad(&risk.owner, 5),
            risk.score(),
            target,
            risk.trend().arrow(),
        ));
        if selected.as_ref() == Some(&risk.reference) {
            line = line.style(theme.selected());
        }
        lines.push(line);
    }
    lines.push(Line::styled(fit("! the review date has passed", width), theme.dim()));
    frame.render_widget(Paragraph::new(lines), inner);
}
