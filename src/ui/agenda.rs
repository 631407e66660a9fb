//! The agenda timer pane: the meeting line, the current item large and
//! clear while the meeting runs, and the item list with planned and actual
//! times.

mod pace;
pub(super) use pace::against_plan;

use super::format::{clock, minutes, minutes_time, mmss};
use super::theme::{Theme, pace_symbol};
use super::{pane_block, scroll_offset};
use crate::app::{App, Pane};
use crate::model::timer::{ItemPace, Phase, TimerState};
use crate::model::{Meeting, Timestamp};
use crate::text::{fit, pad};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(meeting) = app.current_meeting() else {
        let block = pane_block(app, theme, Pane::Agenda, vec![Span::raw("Agenda")]);
        let text = "No meetings yet: gavel meeting new 2024-06-20 --start 10:30 makes one (see README).";
        frame.render_widget(Paragraph::new(text).block(block), area);
        return;
    };
    let title = vec![Span::raw("Agenda · "), Span::styled(fit(&meeting.title, 40), theme.bold())];
    let block = pane_block(app, theme, Pane::Agenda, title);
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let (lines, _) = drawn(app, theme, meeting, inner);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// The agenda item drawn at line `y` of the pane's inside, for a click.
pub(super) fn row_at(app: &App, inner: Rect, y: u16) -> Option<usize> {
    let meeting = app.current_meeting()?;
    let (_, items) = drawn(app, &Theme::new(app.color), meeting, inner);
    *items.get(usize::from(y.checked_sub(inner.y)?))?
}

/// The lines the pane draws inside `inner`, each with the agenda item it
/// shows (none for the meeting's lines, notes and decisions): one layout
/// for the screen and for the mouse.
fn drawn(app: &App, theme: &Theme, meeting: &Meeting, inner: Rect) -> (Vec<Line<'static>>, Vec<Option<usize>>) {
    let width = usize::from(inner.width);
    let replayed = TimerState::replay(meeting).map(|t| t.shown_in(app.workspace.board.zone()));
    let mut lines = match &replayed {
        Ok(timer) => status_lines(app, theme, meeting, timer, width, inner.height),
        Err(e) => {
            vec![Line::styled(fit(&format!("the timer journal does not replay: {}", e.message), width), theme.error())]
        }
    };
    let timer = replayed.ok();
    let rows = usize::from(inner.height).saturating_sub(lines.len());
    let selected = if app.focus == Pane::Agenda { Some(app.agenda_row) } else { None };
    let anchor = selected.or(timer.as_ref().and_then(|t| t.current)).unwrap_or(0);
    let forecast = timer.as_ref().and_then(|t| t.forecast(meeting, app.now));
    let planned = timer.as_ref().map(|t| t.planned_starts(meeting, *app.now.offset())).unwrap_or_default();
    let items: Vec<ItemRow> = (0..meeting.agenda.len())
        .map(|index| ItemRow {
            meeting,
            timer: timer.as_ref(),
            index,
            now: app.now,
            planned: planned.get(index).copied(),
            replanned: forecast.as_ref().and_then(|f| f.starts[index]),
        })
        .collect();
    let minutes_width = items.iter().map(|r| r.minutes_text(theme).0.chars().count()).max().unwrap_or(0);
    // The planned time stays in view beside a re-planned one.
    let moved = items.iter().any(|r| r.planned_beside(width).is_some());
    // Each item, then its notes and decisions; scrolled so the anchor item shows.
    let mut list = Vec::new();
    let mut anchor_line = 0;
    for row in items {
        let index = row.index;
        let mut line = row.line(theme, width, moved, minutes_width);
        if selected == Some(index) {
            line = line.style(theme.selected());
        }
        if index == anchor {
            anchor_line = list.len();
        }
        list.push((line, Some(index)));
        list.extend(
            recorded_lines(meeting, &meeting.agenda[index].number, theme, width).into_iter().map(|l| (l, None)),
        );
        if meeting.agenda[index].title.to_lowercase().contains("matters arising") {
            list.extend(arising_lines(app, meeting, theme, width).into_iter().map(|l| (l, None)));
        }
    }
    let mut items = vec![None; lines.len()];
    for (line, item) in list.into_iter().skip(scroll_offset(anchor_line, rows)).take(rows) {
        lines.push(line);
        items.push(item);
    }
    (lines, items)
}

/// Under "Matters arising": one line naming the actions still open from
/// before this meeting (the action log's "arising" filter lists them in full).
fn arising_lines(app: &App, meeting: &Meeting, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let earlier = |a: &&crate::model::Action| a.arising_at(meeting.date);
    let open: Vec<&str> = app
        .workspace
        .actions
        .actions
        .iter()
        .filter(earlier)
        .filter(|a| !a.status.is_closed())
        .map(|a| a.reference.as_str())
        .collect();
    if open.is_empty() {
        return vec![];
    }
    let text = format!("          ↳ {} open from earlier meetings: {} (2, f: arising)", open.len(), open.join(" "));
    vec![Line::styled(fit(&text, width), theme.dim())]
}

/// The notes ("✎") and decisions ("Agreed:") under an item, a line each.
fn recorded_lines(meeting: &Meeting, item: &str, theme: &Theme, width: usize) -> Vec<Line<'static>> {
    let notes = meeting.notes.iter().filter(|n| n.item == item).map(|n| ("✎ ", n.text.as_str(), theme.dim()));
    let decisions =
        meeting.decisions.iter().filter(|n| n.item == item).map(|n| ("✔ Agreed: ", n.text.as_str(), theme.good()));
    notes
        .chain(decisions)
        .map(|(mark, text, style)| {
            let first = text.lines().next().unwrap_or("");
            Line::styled(fit(&format!("          {mark}{first}"), width), style)
        })
        .collect()
}

/// The lines above the item list: the meeting line, and while it runs,
/// the current item with its clock and gauge.
fn status_lines(
    app: &App,
    theme: &Theme,
    meeting: &Meeting,
    timer: &TimerState,
    width: usize,
    height: u16,
) -> Vec<Line<'static>> {
    let forecast = timer.forecast(meeting, app.now);
    match (timer.phase, timer.current, forecast) {
        (Phase::NotStarted, ..) => planned_lines(theme, meeting, width),
        (Phase::Ended, _, Some(forecast)) => vec![pace::closed_line(theme, meeting, &forecast, width)],
        (_, Some(current), forecast) => {
            let mut lines = current_item_lines(app, theme, meeting, timer, current, width);
            if let Some(forecast) = forecast {
                // Two lines for the forecast only where the list keeps room.
                let room = if height >= 9 { 2 } else { 1 };
                lines.extend(pace::forecast_lines(theme, meeting, &forecast, width, room));
            }
            if height >= 14 {
                lines.push(Line::raw(""));
            }
            lines
        }
        _ => vec![],
    }
}

fn planned_lines(theme: &Theme, meeting: &Meeting, width: usize) -> Vec<Line<'static>> {
    let planned = meeting.planned_minutes();
    let slot = meeting.slot_minutes();
    let mut lines = vec![Line::raw(fit(
        &format!(
            "{}–{} · {} · {} items",
            meeting.planned_start.format("%H:%M"),
            meeting.planned_end.format("%H:%M"),
            meeting.location,
            meeting.agenda.len()
        ),
        width,
    ))];
    let fits = if planned > slot {
        Line::styled(
            fit(&format!("⚠ items {planned} min, slot {slot} min: {} over", planned - slot), width),
            theme.error(),
        )
    } else {
        Line::styled(fit(&format!("✓ {planned} of {slot} min planned · space starts the meeting"), width), theme.good())
    };
    lines.push(fits);
    lines
}

fn current_item_lines(
    app: &App,
    theme: &Theme,
    meeting: &Meeting,
    timer: &TimerState,
    current: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let item = &meeting.agenda[current];
    let used = timer.used(current, app.now);
    let allowed = timer.allowed(meeting, current);
    let pace = timer.pace(meeting, current, app.now, app.workspace.board.settings.nearly_out_percent);
    let style = theme.pace(pace);
    let paused = timer.phase == Phase::Paused;
    let marker = if paused { "⏸ PAUSED " } else { "▶ " };
    let mut who = leads(&item.leads);
    if !item.papers.is_empty() {
        who.push_str(&format!(" · papers {}", item.papers.join(", ")));
    }
    let headline = format!("{} {} · {}", item.number, item.title, who);
    let left = if used > allowed {
        format!("+{} over", mmss(used - allowed))
    } else {
        format!("{} left", mmss(allowed - used))
    };
    let clock_text = format!("{} {} of {} · {} ", pace_symbol(pace), mmss(used), mmss(allowed), left);
    let bar_width = width.saturating_sub(clock_text.chars().count() + 2).min(30);
    let ratio = used.num_seconds() as f64 / allowed.num_seconds().max(1) as f64;
    vec![
        Line::from(vec![
            Span::styled(marker, theme.bold()),
            Span::styled(fit(&headline, width.saturating_sub(marker.chars().count())), theme.bold()),
        ]),
        Line::from(vec![Span::raw("  "), Span::styled(clock_text, style), Span::styled(bar(ratio, bar_width), style)]),
    ]
}

/// A text gauge, so it reads the same without colour.
fn bar(ratio: f64, width: usize) -> String {
    let filled = ((ratio.clamp(0.0, 1.0)) * width as f64).round() as usize;
    format!("{}{}", "█".repeat(filled), "░".repeat(width - filled))
}

/// Leads by initials, as minutes print them; an item with no lead is everyone's.
fn leads(leads: &[String]) -> String {
    if leads.is_empty() { "All".into() } else { leads.join(", ") }
}

/// One row of the item list.
struct ItemRow<'a> {
    meeting: &'a Meeting,
    timer: Option<&'a TimerState>,
    index: usize,
    now: Timestamp,
    /// The planned start on the day held.
    planned: Option<Timestamp>,
    /// When it will start at this pace, for an item still to come.
    replanned: Option<Timestamp>,
}

impl ItemRow<'_> {
    /// The planned start, when the time shown differs from it by a minute
    /// or more: beside a re-planned time always, beside an actual start
    /// where the pane has the room.
    fn planned_beside(&self, width: usize) -> Option<Timestamp> {
        let timer = self.timer?;
        let started = timer.items[self.index].started.filter(|_| width >= 60);
        let current = timer.current == Some(self.index);
        let shown = if current { started } else { self.replanned.or(started) }?;
        let planned = self.planned?;
        ((shown - planned).num_seconds().abs() >= 60).then_some(planned)
    }

    fn line(&self, theme: &Theme, width: usize, moved: bool, minutes_width: usize) -> Line<'static> {
        let item = &self.meeting.agenda[self.index];
        let taken = self.timer.map(|t| &t.items[self.index]);
        let current = self.timer.and_then(|t| t.current) == Some(self.index);
        let planned_text = || match self.planned {
            Some(at) => clock(at),
            None => item_planned_time(self.meeting, self.index),
        };
        let deferred = taken.is_some_and(|c| c.skipped);
        let (mark, time) = match (taken.and_then(|c| c.started), self.replanned) {
            (Some(started), _) if current => ("▶", minutes_time(started)),
            (_, Some(at)) => (if deferred { "»" } else { " " }, clock(at)),
            (Some(started), None) => (if deferred { "»" } else { "✓" }, minutes_time(started)),
            (None, None) => (if deferred { "»" } else { " " }, planned_text()),
        };
        let beside = match self.planned_beside(width) {
            Some(planned) => format!("({}) ", clock(planned)),
            None if moved => " ".repeat(8),
            None => String::new(),
        };
        let (minutes_text, style) = self.minutes_text(theme);
        let lead = leads(&item.leads);
        let fixed = 1 + 1 + 5 + 1 + beside.chars().count() + 3 + 1 + 1 + 4 + 1 + minutes_width;
        let title_width = width.saturating_sub(fixed).max(4);
        Line::from(vec![
            Span::styled(format!("{mark} "), theme.bold()),
            Span::raw(format!("{time:<5} ")),
            Span::styled(beside, theme.dim()),
            Span::raw(format!("{:>3} ", fit(&item.number, 3))),
            Span::raw(pad(&item.title, title_width)),
            Span::styled(format!(" {} ", pad(&lead, 4)), theme.dim()),
            Span::styled(format!("{minutes_text:>minutes_width$}"), style),
        ])
    }

    /// "5m" before the item is taken; "12m/10m +2" after.
    fn minutes_text(&self, theme: &Theme) -> (String, Style) {
        let planned = self.meeting.agenda[self.index].planned_minutes;
        let Some(timer) = self.timer.filter(|t| t.items[self.index].started.is_some()) else {
            return (format!("{planned}m"), Style::new());
        };
        let used = minutes(timer.used(self.index, self.now));
        let allowed = minutes(timer.allowed(self.meeting, self.index));
        let over = used - allowed;
        if over > 0 {
            (format!("{used}m/{allowed}m +{over}"), theme.pace(ItemPace::Over))
        } else {
            (format!("{used}m/{allowed}m"), Style::new())
        }
    }
}

/// The planned start of an item from the meeting's own times.
fn item_planned_time(meeting: &Meeting, index: usize) -> String {
    meeting.planned_starts()[index].format("%H:%M").to_string()
}
