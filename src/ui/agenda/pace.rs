//! The meeting line: the forecast finish against the planned end first,
//! then its parts (a late start, items over or under, pauses, minutes
//! given), so the chair sees why as well as how far.

use super::super::format::{clock, duration_words, signed_duration};
use super::super::theme::Theme;
use crate::model::Meeting;
use crate::model::timer::Forecast;
use crate::text::fit;
use chrono::TimeDelta;
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
fn start_words(late: i64, forecast: &Forecast, meeting: &Meeting) -> String {
    if forecast.plan.moved {
        return format!(
            "planned {} {}, run from {}",
            meeting.date.format("%-d %b"),
            meeting.planned_start.format("%H:%M"),
            clock(forecast.plan.start)
        );
    }
    match late {
        m if m >= 0 => format!("started {} late", duration_words(m)),
        m => format!("started {} early", duration_words(m)),
    }
}

/// The parts in whole minutes that add up to the whole, as `against_plan`
/// counts it (whole minutes down): each is the running total's whole
/// minutes less those before it. A start 20 min 2 s late and items 1 min
/// 58 s over read "20 late · +2 on items" beside "+22 on the end", not "+1".
fn whole_minutes(parts: [TimeDelta; 3]) -> [i64; 3] {
    let (mut sum, mut before) = (TimeDelta::zero(), 0);
    parts.map(|part| {
        sum += part;
        let upto = sum.num_seconds().div_euclid(60);
        let minutes = upto - before;
        before = upto;
        minutes
    })
}

/// The parts of the difference, each only when it says something.
fn parts(forecast: &Forecast, meeting: &Meeting) -> Vec<String> {
    let mut parts = Vec::new();
    let [late, on_items, paused] = whole_minutes([forecast.late_start, forecast.on_items, forecast.paused]);
    if forecast.plan.moved || late != 0 {
        parts.push(start_words(late, forecast, meeting));
    }
    if on_items != 0 {
        parts.push(format!("{} on items", signed_duration(on_items)));
    }
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

#[cfg(test)]
mod tests {
    use super::whole_minutes;
    use chrono::TimeDelta;

    /// The meeting line's parts add up to its "+N on the end".
    #[test]
    fn the_parts_add_up_to_the_whole() {
        let s = TimeDelta::seconds;
        // Started 20 min 2 s late, item 1 ran 6 min 58 s of its 5.
        assert_eq!(whole_minutes([s(20 * 60 + 2), s(118), s(0)]), [20, 2, 0]);
        // Early by 3 min 30 s, 90 s over on items, paused 40 s: −2 in all.
        let parts = whole_minutes([s(-210), s(90), s(40)]);
        assert_eq!(parts, [-4, 2, 0]);
        assert_eq!(parts.iter().sum::<i64>(), s(-210 + 90 + 40).num_seconds().div_euclid(60));
    }
}
