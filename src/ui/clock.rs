//! The room's clock (`gavel clock`): what a projector or a second screen
//! shows while the chair runs the agenda. Read-only, large, and the same
//! replay of the meeting's journal as the agenda pane, so it agrees with
//! the chair's screen to the second.

use super::Theme;
use super::format::{behind_words, clock, mmss};
use super::theme::pace_symbol;
use crate::model::timer::{Phase, TimerState};
use crate::model::{Meeting, Timestamp, Workspace};
use crate::text::fit;
use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::{Alignment, Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};
use tui_big_text::{BigText, PixelSize};

/// The smallest screen the clock draws on; below it, it says so.
pub const MIN_WIDTH: u16 = 44;
pub const MIN_HEIGHT: u16 = 16;

pub fn render(ws: &Workspace, now: Timestamp, color: bool, frame: &mut Frame) {
    let area = frame.area();
    if area.width < MIN_WIDTH || area.height < MIN_HEIGHT {
        let text = format!("Terminal too small for the clock: {}×{}; q quits.", area.width, area.height);
        frame.render_widget(Paragraph::new(fit(&text, usize::from(area.width))), area);
        return;
    }
    let theme = Theme::new(color);
    let block = Block::bordered()
        .title(Line::from(vec![Span::styled(format!(" {} ", fit(&ws.board.name, 60)), theme.bold())]))
        .title(Line::from(format!(" {} ", clock(now))).right_aligned())
        .title_bottom(Line::styled(" q quit · read-only ", theme.dim()).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let Some(meeting) = ws.current_meeting(now.date_naive()).map(|i| &ws.meetings[i]) else {
        centred(frame, inner, vec![Line::raw("No meetings yet.")]);
        return;
    };
    match TimerState::replay(meeting) {
        Ok(timer) => match (timer.phase, timer.current) {
            (Phase::Running | Phase::Paused, Some(current)) => {
                running(ws, meeting, &timer, current, now, &theme, frame, inner);
            }
            _ => waiting(meeting, &timer, &theme, frame, inner),
        },
        Err(e) => centred(
            frame,
            inner,
            vec![Line::styled(format!("The timer journal does not replay: {}", e.message), theme.error())],
        ),
    }
}

/// Item, lead, the big figures, how they stand, the next item, the forecast.
#[allow(clippy::too_many_arguments)]
fn running(
    ws: &Workspace,
    meeting: &Meeting,
    timer: &TimerState,
    current: usize,
    now: Timestamp,
    theme: &Theme,
    frame: &mut Frame,
    area: Rect,
) {
    let width = usize::from(area.width).saturating_sub(2);
    let item = &meeting.agenda[current];
    let used = timer.used(current, now);
    let allowed = timer.allowed(meeting, current);
    let pace = timer.pace(meeting, current, now, ws.board.settings.nearly_out_percent);
    let style = theme.pace(pace);
    // Counting down what is left; once over, counting up the overrun.
    let (figures, standing) = if used > allowed {
        (
            format!("+{}", mmss(used - allowed)),
            format!("{} over its {} minutes", pace_symbol(pace), allowed.num_minutes()),
        )
    } else {
        (mmss(allowed - used), format!("{} left of {} minutes", pace_symbol(pace), allowed.num_minutes()))
    };
    let standing = if timer.phase == Phase::Paused { format!("⏸ PAUSED · {standing}") } else { standing };
    let of = format!("Item {} of {}", item.number, meeting.agenda.len());
    let lead = format!("Lead: {}", leads(ws, &item.leads));
    let next = match meeting.agenda.get(current + 1) {
        Some(n) => format!("Next: {} {} · {}", n.number, n.title, leads(ws, &n.leads)),
        None => "Next: the close".to_string(),
    };
    let forecast = match (timer.forecast_finish(meeting, now), timer.minutes_behind(meeting, now)) {
        (Some(finish), Some(behind)) => {
            let pace_style = if behind > 0 { theme.error() } else { theme.good() };
            Line::styled(format!("At this pace: {}, {}", clock(finish), behind_words(behind)), pace_style)
        }
        _ => Line::raw(""),
    };
    let above = vec![
        Line::styled(fit(&of, width), theme.dim()),
        Line::styled(fit(&item.title, width), theme.bold()),
        Line::raw(fit(&lead, width)),
    ];
    let below = vec![Line::styled(fit(&standing, width), style), Line::raw(""), Line::raw(fit(&next, width)), forecast];
    // The figures take what the words leave, less a line of air around them.
    let words = above.len() as u16 + below.len() as u16;
    let room = area.height.saturating_sub(words + 2).max(8);
    let scale = (room / 8).min(area.width / (figures.chars().count() as u16 * 8).max(1)).max(1);
    let [_, top, _, big, _, bottom, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(above.len() as u16),
        Constraint::Length(1),
        Constraint::Length(8 * scale),
        Constraint::Length(1),
        Constraint::Length(below.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(above).alignment(Alignment::Center), top);
    big_figures(&figures, style, frame, big);
    frame.render_widget(Paragraph::new(below).alignment(Alignment::Center), bottom);
}

/// mm:ss in 8×8 glyphs, centred, each glyph pixel scaled up to as many
/// cells as the area allows, so a projector's 200×60 is read from the back
/// of the room.
fn big_figures(figures: &str, style: Style, frame: &mut Frame, area: Rect) {
    let glyphs = Rect { x: 0, y: 0, width: figures.chars().count() as u16 * 8, height: 8 };
    let scale = (area.width / glyphs.width.max(1)).min(area.height / 8).max(1);
    let mut drawn = Buffer::empty(glyphs);
    BigText::builder()
        .pixel_size(PixelSize::Full)
        .style(style)
        .lines(vec![figures.to_string().into()])
        .build()
        .render(glyphs, &mut drawn);
    let (width, height) = ((glyphs.width * scale).min(area.width), (8 * scale).min(area.height));
    let left = area.x + (area.width - width) / 2;
    let top = area.y + (area.height - height) / 2;
    let buffer = frame.buffer_mut();
    for y in 0..height {
        for x in 0..width {
            let cell = &drawn[(x / scale, y / scale)];
            buffer[(left + x, top + y)] = cell.clone();
        }
    }
}

/// Before the start and after the close: the meeting, and what comes first or how it ended.
fn waiting(meeting: &Meeting, timer: &TimerState, theme: &Theme, frame: &mut Frame, area: Rect) {
    let when = match (timer.started, timer.ended) {
        (Some(start), Some(end)) => format!("Closed: held {}–{}", clock(start), clock(end)),
        _ => format!(
            "Starts at {} · {} items · until {}",
            meeting.planned_start.format("%H:%M"),
            meeting.agenda.len(),
            meeting.planned_end.format("%H:%M")
        ),
    };
    let mut lines = vec![
        Line::styled(meeting.title.clone(), theme.bold()),
        Line::raw(meeting.location.clone()),
        Line::raw(""),
        Line::raw(when),
    ];
    if timer.phase == Phase::NotStarted
        && let Some(first) = meeting.agenda.first()
    {
        lines.push(Line::raw(format!("First: {} {}", first.number, first.title)));
    }
    centred(frame, area, lines);
}

fn centred(frame: &mut Frame, area: Rect, lines: Vec<Line<'static>>) {
    let width = usize::from(area.width).saturating_sub(2);
    let lines: Vec<Line> = lines.into_iter().map(|l| fit_line(l, width)).collect();
    let top = area.height.saturating_sub(lines.len() as u16) / 2;
    let [_, middle] = Layout::vertical([Constraint::Length(top), Constraint::Fill(1)]).areas(area);
    frame.render_widget(Paragraph::new(lines).alignment(Alignment::Center), middle);
}

/// A line's text made safe and cut to the width, in its own style.
fn fit_line(line: Line<'static>, width: usize) -> Line<'static> {
    let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
    Line::styled(fit(&text, width), line.style)
}

/// Leads by name, as the room knows them: "Gary Bloom", or "All".
fn leads(ws: &Workspace, leads: &[String]) -> String {
    if leads.is_empty() {
        return "All".into();
    }
    leads.iter().map(|l| ws.board.name_of(l).unwrap_or(l).to_string()).collect::<Vec<_>>().join(", ")
}
