//! The meeting line: the forecast finish against the planned end first,
//! then its parts (a late start, items over or under, pauses, minutes
//! given), so the chair sees why as well as how far.

use super::super::format::{clock, duration_words, minutes, signed_duration};
use super::super::theme::Theme;
use crate::model::Meeting;
use crate::model::timer::Forecast;
use crate::text::fit;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// "+27 on the 12:00 end", "−5 on the 12:00 end" or "on time".
pub(in crate::ui) fn against_plan(forecast: &Forecast) -> String {
    let end = clock(forecast.plan.end);
    // Whole minutes down, as the finish itself shows, so 12:07 reads +7 on 12:00.
    match forecast.against_plan.num_seconds().div_euclid(60) {
        0 => "on time".into(),
        m => format!("{} on the {end} end", signed_duration(m)),
    }
}

/// "started 20 min late", "started 3 min early", or,
/// held on another day, when the plan was moved to.
fn start_words(forecast: &Forecast, meeting: &Meeting) -> String {
    if forecast.plan.moved {
        return format!(
            "planned {} {}, run from {}",
            meeting.date.format("%-d %b"),
            meeting.planned_start.format("%H:%M"),
            clock(forecast.plan.start)
        );
    }
    match minutes(forecast.late_start) {
        m if m >= 0 => format!("started {} late", duration_words(m)),
        m => format!("started {} early", duration_words(m)),
    }
}

/// The parts of the difference, each only when it says something.
fn parts(forecast: &Forecast, meeting: &Meeting) -> Vec<String> {
    let mut parts = Vec::new();
    if forecast.plan.moved || minutes(forecast.late_start) != 0 {
        parts.push(start_words(forecast, meeting));
    }
    let on_items = minutes(forecast.on_items);
    if on_items != 0 {
        parts.push(format!("{} on items", signed_duration(on_items)));
    }
    let paused = minutes(forecast.paused);
    if paused > 0 {
        parts.push(format!("paused {}", duration_words(paused)));
    }
    if forecast.given != 0 {
        parts.push(format!("{} min given", signed_duration(forecast.given)));
    }
    parts
}

/// The forecast, on one line if it fits, else two (when `room` allows).
pub fn forecast_lines(
    theme: &Theme,
    meeting: &Meeting,
    forecast: &Forecast,
    width: usize,
    room: usize,
) -> Vec<Line<'static>> {
    let behind = forecast.against_plan.num_seconds() >= 60;
    let pace = if behind { theme.error() } else { theme.good() };
    let head = format!("at this pace: {}, {}", clock(forecast.finish), against_plan(forecast));
    let rest = parts(forecast, meeting).join(" · ");
    let inner = width.saturating_sub(2);
    if rest.is_empty() {
        return vec![Line::from(vec![Span::raw("  "), Span::styled(fit(&head, inner), pace)])];
    }
    if head.width() + 3 + rest.width() <= inner || room < 2 {
        let rest_room = inner.saturating_sub(head.width() + 3);
        return vec![Line::from(vec![
            Span::raw("  "),
            Span::styled(fit(&head, inner), pace),
            Span::raw(if rest_room > 0 { format!(" · {}", fit(&rest, rest_room)) } else { String::new() }),
        ])];
    }
    vec![
        Line::from(vec![Span::raw("  "), Span::styled(fit(&head, inner), pace)]),
        Line::from(vec![Span::raw("  "), Span::raw(fit(&rest, inner))]),
    ]
}

/// "■ closed held 10:00–12:10 (+10 on the 12:00 end) · planned 10:00–12:00".
pub fn closed_line(theme: &Theme, meeting: &Meeting, forecast: &Forecast, width: usize) -> Line<'static> {
    // Held on another day, the plan's own day is named: the end compared with is the moved one.
    let day = if forecast.plan.moved { format!("{} ", meeting.date.format("%-d %b")) } else { String::new() };
    let text = format!(
        "held {}–{} ({}) · planned {day}{}–{}",
        clock(forecast.plan.start + forecast.late_start),
        clock(forecast.finish),
        against_plan(forecast),
        meeting.planned_start.format("%H:%M"),
        meeting.planned_end.format("%H:%M")
    );
    Line::from(vec![Span::styled("■ closed ", theme.bold()), Span::raw(fit(&text, width.saturating_sub(9)))])
}
