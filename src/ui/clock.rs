//! The room's clock (`gavel clock`): what a projector or a second screen
//! shows while the chair runs the agenda. Read-only, large, and the same
//! replay of the meeting's journal as the agenda pane, so it agrees with
//! the chair's screen to the second.

use super::Theme;
use super::agenda::against_plan;
use super::format::{clock, mmss};
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
    // The board's clock, as on the chair's screen: its zone, whatever the room computer's.
    let now = ws.board.zone().at(now);
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
    match TimerState::replay(meeting).map(|t| t.shown_in(ws.board.zone())) {
        Ok(timer) => match (timer.phase, timer.current) {
            (Phase::Running | Phase::Paused, Some(current)) => {
                let under_way = UnderWay { ws, meeting, timer: &timer, current, now };
                draw(under_way.face(&theme, usize::from(inner.width).saturating_sub(2)), frame, inner);
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

/// The item under way at `now`: what the clock's face is read from.
struct UnderWay<'a> {
    ws: &'a Workspace,
    meeting: &'a Meeting,
    timer: &'a TimerState,
    current: usize,
    now: Timestamp,
}

/// The clock's face: words above and below the big figures.
struct Face {
    above: Vec<Line<'static>>,
    figures: String,
    style: Style,
    below: Vec<Line<'static>>,
}

impl UnderWay<'_> {
    /// Item, lead, the big figures, how they stand, the next item, the forecast.
    fn face(&self, theme: &Theme, width: usize) -> Face {
        let (meeting, item) = (self.meeting, &self.meeting.agenda[self.current]);
        let (figures, standing, style) = self.standing(theme);
        let next = match meeting.agenda.get(self.current + 1) {
            Some(n) => format!("Next: {} {} · {}", n.number, n.title, leads(self.ws, &n.leads)),
            None => "Next: the close".to_string(),
        };
        Face {
            above: vec![
                Line::styled(fit(&format!("Item {} of {}", item.number, meeting.agenda.len()), width), theme.dim()),
                Line::styled(fit(&item.title, width), theme.bold()),
                Line::raw(fit(&format!("Lead: {}", leads(self.ws, &item.leads)), width)),
            ],
            figures,
            style,
            below: vec![
                Line::styled(fit(&standing, width), style),
                Line::raw(""),
                Line::raw(fit(&next, width)),
                self.forecast(theme),
            ],
        }
    }

    /// The figures (what is left, or once over the overrun counting up),
    /// the words beside them, and the pace's style.
    fn standing(&self, theme: &Theme) -> (String, String, Style) {
        let (timer, meeting, current) = (self.timer, self.meeting, self.current);
        let used = timer.used(current, self.now);
        let allowed = timer.allowed(meeting, current);
        let pace = timer.pace(meeting, current, self.now, self.ws.board.settings.nearly_out_percent);
        let minutes = allowed.num_minutes();
        let (figures, words) = if used > allowed {
            (format!("+{}", mmss(used - allowed)), format!("{} over its {minutes} minutes", pace_symbol(pace)))
        } else {
            (mmss(allowed - used), format!("{} left of {minutes} minutes", pace_symbol(pace)))
        };
        let words = if timer.phase == Phase::Paused { format!("⏸ PAUSED · {words}") } else { words };
        (figures, words, theme.pace(pace))
    }

    fn forecast(&self, theme: &Theme) -> Line<'static> {
        let (timer, meeting) = (self.timer, self.meeting);
        match timer.forecast(meeting, self.now) {
            Some(forecast) => {
                let behind = forecast.against_plan.num_seconds() >= 60;
                let style = if behind { theme.error() } else { theme.good() };
                Line::styled(format!("At this pace: {}, {}", clock(forecast.finish), against_plan(&forecast)), style)
            }
            None => Line::raw(""),
        }
    }
}

/// The face centred: the figures take what the words leave, less a line
/// of air above and below them, scaled up by whole steps.
fn draw(face: Face, frame: &mut Frame, area: Rect) {
    let words = (face.above.len() + face.below.len()) as u16;
    let room = area.height.saturating_sub(words + 2).max(8);
    let glyphs_wide = face.figures.chars().count() as u16 * 8;
    let scale = (room / 8).min(area.width / glyphs_wide.max(1)).max(1);
    let [_, top, _, big, _, bottom, _] = Layout::vertical([
        Constraint::Fill(1),
        Constraint::Length(face.above.len() as u16),
        Constraint::Length(1),
        Constraint::Length(8 * scale),
        Constraint::Length(1),
        Constraint::Length(face.below.len() as u16),
        Constraint::Fill(1),
    ])
    .areas(area);
    frame.render_widget(Paragraph::new(face.above).alignment(Alignment::Center), top);
    big_figures(&face.figures, face.style, scale, frame, big);
    frame.render_widget(Paragraph::new(face.below).alignment(Alignment::Center), bottom);
}

/// mm:ss in 8×8 glyphs, each glyph pixel drawn as `scale` × `scale` cells,
/// centred, so a projector's 200×60 is read from the back of the room.
fn big_figures(figures: &str, style: Style, scale: u16, frame: &mut Frame, area: Rect) {
    let glyphs = Rect { x: 0, y: 0, width: figures.chars().count() as u16 * 8, height: 8 };
    let mut drawn = Buffer::empty(glyphs);
    let text =
        BigText::builder().pixel_size(PixelSize::Full).style(style).lines(vec![figures.to_string().into()]).build();
    text.render(glyphs, &mut drawn);
    let (width, height) = ((glyphs.width * scale).min(area.width), (8 * scale).min(area.height));
    let (left, top) = (area.x + (area.width - width) / 2, area.y + (area.height - height) / 2);
    let buffer = frame.buffer_mut();
    for y in 0..height {
        for x in 0..width {
            buffer[(left + x, top + y)] = drawn[(x / scale, y / scale)].clone();
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

#[cfg(test)]
mod tests {
    use crate::model::timer::{Control, apply};
    use crate::model::{Timestamp, Workspace};
    use ratatui::{Terminal, backend::TestBackend};

    fn at(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    /// The sample's March meeting, started at 10:00 and driven by `controls`.
    fn running(controls: &[(Control, &str)]) -> Workspace {
        let mut ws = crate::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
        let march = ws.meetings.iter_mut().find(|m| m.date.to_string() == "2022-03-03").unwrap();
        for (control, time) in controls {
            apply(march, *control, at(time)).unwrap();
        }
        ws
    }

    fn screen(ws: &Workspace, now: &str, (width, height): (u16, u16)) -> String {
        let mut terminal = Terminal::new(TestBackend::new(width, height)).unwrap();
        terminal.draw(|frame| super::render(ws, at(now), false, frame)).unwrap();
        let buffer = terminal.backend().buffer();
        (0..height)
            .map(|y| (0..width).map(|x| buffer[(x, y)].symbol()).collect::<String>())
            .collect::<Vec<_>>()
            .join("\n")
    }

    #[test]
    fn over_time_counts_the_overrun_up() {
        let ws = running(&[(Control::StartOrPause, "2022-03-03T10:00:00+00:00")]);
        // Item 1 has 5 minutes; at 10:07:30 it is 2:30 over.
        let text = screen(&ws, "2022-03-03T10:07:30+00:00", (80, 24));
        assert!(text.contains("▲ over its 5 minutes"), "{text}");
        assert!(text.contains("At this pace: 12:02, +2 on the 12:00 end"), "{text}");
        let big: Vec<&str> = text.lines().filter(|l| l.contains('█')).collect();
        assert_eq!(big.len(), 7, "8×8 glyphs (the last row blank) at 80×24:\n{text}");
    }

    #[test]
    fn paused_says_so_and_the_figures_stand_still() {
        let ws = running(&[
            (Control::StartOrPause, "2022-03-03T10:00:00+00:00"),
            (Control::Next, "2022-03-03T10:04:00+00:00"),
            (Control::StartOrPause, "2022-03-03T10:06:00+00:00"),
        ]);
        let a = screen(&ws, "2022-03-03T10:07:00+00:00", (200, 60));
        let b = screen(&ws, "2022-03-03T10:09:00+00:00", (200, 60));
        assert!(a.contains("⏸ PAUSED · ● left of 10 minutes"), "{a}");
        assert!(a.contains("Item 2 of 11") && a.contains("Lead: Michael Marks"), "{a}");
        let figures = |s: &str| s.lines().filter(|l| l.contains('█')).map(str::to_string).collect::<Vec<_>>();
        assert_eq!(figures(&a), figures(&b), "paused, the figures do not move");
        assert_eq!(figures(&a).len(), 7 * 4, "scaled four times at 200×60");
    }

    #[test]
    fn before_the_start_and_on_a_tiny_screen() {
        let ws = running(&[]);
        let text = screen(&ws, "2022-03-03T09:50:00+00:00", (80, 24));
        assert!(text.contains("Starts at 10:00 · 11 items · until 12:00"), "{text}");
        assert!(text.contains("First: 1 Welcome, introductions and apologies"), "{text}");
        let tiny = screen(&ws, "2022-03-03T09:50:00+00:00", (40, 10));
        assert!(tiny.contains("Terminal too small for the clock"), "{tiny}");
    }
}
