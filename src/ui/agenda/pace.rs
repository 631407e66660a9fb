//! The meeting line: the forecast finish against the planned end first,
//! then its parts (a late start, items over or under, pauses, minutes
//! given), so the chair sees why as well as how far.

use super::super::format::{clock, duration_words, round_minutes, signed_duration};
use super::super::theme::Theme;
use crate::model::Meeting;
use crate::model::timer::Forecast;
use crate::text::fit;
use ratatui::text::{Line, Span};
use unicode_width::UnicodeWidthStr;

/// "+27 on the 12:00 end", "−5 on the 12:00 end" or "on time for 12:00".
fn against_plan(forecast: &Forecast) -> String {
    let end = clock(forecast.plan.end);
    match round_minutes(forecast.against_plan) {
        0 => format!("on time for {end}"),
        m => format!("{} on the {end} end", signed_duration(m)),
    }
}

/// "started 20 min late", "started 3 min early", "started on time", or,
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
    match round_minutes(forecast.late_start) {
        0 => "started on time".into(),
        m if m > 0 => format!("started {} late", duration_words(m)),
        m => format!("started {} early", duration_words(m)),
    }
}

/// The parts of the difference, each only when it says something.
fn parts(forecast: &Forecast, meeting: &Meeting) -> Vec<String> {
    let mut parts = vec![start_words(forecast, meeting)];
    parts.push(match round_minutes(forecast.on_items) {
        0 => "items on time".into(),
        m => format!("{} on items", signed_duration(m)),
    });
    let paused = round_minutes(forecast.paused);
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
    let behind = round_minutes(forecast.against_plan) > 0;
    let pace = if behind { theme.error() } else { theme.good() };
    let head = format!("at this pace: {}, {}", clock(forecast.finish), against_plan(forecast));
    let rest = parts(forecast, meeting).join(" · ");
    let inner = width.saturating_sub(2);
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
    let text = format!(
        "held {}–{} ({}) · planned {}–{} · E reopens",
        clock(forecast.plan.start + forecast.late_start),
        clock(forecast.finish),
        against_plan(forecast),
        meeting.planned_start.format("%H:%M"),
        meeting.planned_end.format("%H:%M")
    );
    Line::from(vec![Span::styled("■ closed ", theme.bold()), Span::raw(fit(&text, width.saturating_sub(9)))])
}
