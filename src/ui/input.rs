//! The quick-add line at the bottom, with a live preview of how it parses:
//! owners by name, the deadline as weekday and date, the item it joins.

use super::theme::Theme;
use crate::app::{App, Input, Purpose};
use crate::model::action::due_words;
use crate::model::meeting::NoteKind;
use crate::model::{attendance, quickadd, riskline};
use crate::text::{clean, fit};
use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph};

pub fn render(app: &App, theme: &Theme, frame: &mut Frame, area: Rect) {
    let Some(input) = &app.input else { return };
    // A note with line breaks grows the box, up to six lines of text.
    let text_lines = input.text.split('\n').count().min(6) as u16;
    let width = usize::from(area.width.saturating_sub(2));
    // The box fits the screen: the preview gives way first, and scrolls.
    let room = usize::from(area.height.saturating_sub(3 + text_lines).max(1));
    let below = match &input.purpose {
        Purpose::QuickAdd | Purpose::Edit(_) if !input.text.trim().is_empty() => {
            quick_add_preview(app, input, width, room, theme)
        }
        _ => vec![preview(app, input).line(width, theme)],
    };
    let below: Vec<Line> = below.into_iter().take(room).collect();
    let height = 2 + text_lines + below.len() as u16;
    let popup = Rect { x: area.x, y: area.bottom().saturating_sub(height + 1), width: area.width, height };
    frame.render_widget(Clear, popup);
    let title = match &input.purpose {
        Purpose::QuickAdd => " Add action: text @OWNER due DATE · Enter saves · Esc cancels ".to_string(),
        Purpose::Edit(r) => format!(" Edit {r}: text @OWNER due DATE · Enter saves · Esc cancels "),
        Purpose::Update(r) => format!(" Update on {r}, dated today · Enter saves · Esc cancels "),
        Purpose::Search => " Search the action log · Enter keeps · Esc clears ".to_string(),
        Purpose::Owner => " Show one owner's actions: initials (empty for all) · Enter · Esc ".to_string(),
        Purpose::NewRisk => " New risk: title @OWNER L4 I3 [review DATE] · Enter saves · Esc cancels ".to_string(),
        Purpose::Rescore(r) => format!(" Rescore {r}: likelihood impact, e.g. 3 4 · Enter saves · Esc cancels "),
        Purpose::Review(r) => format!(" Next review of {r}: a date · Enter saves · Esc cancels "),
        Purpose::Arrived(who) => format!(" {who} arrived at: a time · Enter saves · Esc cancels "),
        Purpose::Left(who) => format!(" {who} left at: a time · Enter saves · Esc cancels "),
        Purpose::Deputy(who) => {
            format!(" {who} deputises for: initials of an absent member · Enter saves · Esc cancels ")
        }
        Purpose::Guest => {
            " Guest in attendance: Name, Job title, Organisation, item 4 · Enter saves · Esc cancels ".to_string()
        }
        Purpose::Declare => " Declaration: @XX item N interest [withdraws] · Enter saves · Esc cancels ".to_string(),
        Purpose::Record(NoteKind::Note, item) => {
            format!(" Note under item {item} · Alt-Enter new line · Enter saves · Esc cancels ")
        }
        Purpose::Record(NoteKind::Decision, item) => format!(" Agreed, under item {item} · Enter saves · Esc cancels "),
        Purpose::Revise(kind, item) => {
            let what = if *kind == NoteKind::Note { "note" } else { "decision" };
            format!(" Edit the last {what} under item {item} · empty removes it · Enter saves · Esc cancels ")
        }
        Purpose::AgendaItem { at, replaces: false } => {
            format!(" New item {}: Title @LEAD 15m [paper 5a] [decision] · Enter saves · Esc cancels ", at + 1)
        }
        Purpose::AgendaItem { at, .. } => format!(" Item {}: Title @LEAD 15m · Enter saves · Esc cancels ", at + 1),
        Purpose::Person(None) => " New person: Name [@XX], role, job title, organisation · Enter saves ".to_string(),
        Purpose::Person(Some(who)) => format!(" Edit {who}: Name, role, job title, organisation · Enter saves "),
        Purpose::Settings => {
            " Board settings: quorum 1/3 chair · zone Europe/London · amber 14 · grace 10 · dates day-first · name … "
                .to_string()
        }
    };
    let block = Block::bordered().border_type(BorderType::Thick).border_style(theme.focus_border()).title(title);
    let inner = block.inner(popup);
    frame.render_widget(block, popup);
    let width = usize::from(inner.width);
    let mut lines = typed_lines(&input.text, input.cursor, width, theme);
    if input.prefilled {
        // Shown as a selection: typing replaces it, a cursor key keeps it.
        lines = lines.into_iter().map(|l| l.style(theme.selected())).collect();
    }
    lines.extend(below);
    frame.render_widget(Paragraph::new(lines), inner);
}

/// Each line of the text; the cursor's line shows it as a reversed cell.
fn typed_lines(text: &str, cursor: usize, width: usize, theme: &Theme) -> Vec<Line<'static>> {
    let mut start = 0;
    let mut lines = Vec::new();
    let rows: Vec<&str> = text.split('\n').collect();
    // The cursor's line: the number of line breaks before it.
    let cursor_row = text.chars().take(cursor).filter(|&c| c == '\n').count();
    for (index, row) in rows.iter().enumerate() {
        let len = row.chars().count();
        if index == cursor_row {
            lines.push(typed_line(row, cursor - start, width, theme));
        } else {
            lines.push(Line::raw(format!("  {}", fit(row, width.saturating_sub(2)))));
        }
        start += len + 1;
    }
    // Keep the cursor's line in the last six.
    let skip = (cursor_row + 1).saturating_sub(6);
    lines.into_iter().skip(skip).take(6).collect()
}

/// One line with the cursor shown as a reversed cell, scrolled to keep it in view.
fn typed_line(text: &str, cursor: usize, width: usize, theme: &Theme) -> Line<'static> {
    let chars: Vec<char> = clean(text).chars().collect();
    let room = width.saturating_sub(3).max(1);
    let start = (cursor + 1).saturating_sub(room);
    let before: String = chars[start..cursor].iter().collect();
    let at: String = chars.get(cursor).map_or(" ".into(), |c| c.to_string());
    let after: String = chars.iter().skip(cursor + 1).take(room.saturating_sub(cursor - start + 1)).collect();
    Line::from(vec![
        Span::styled("› ", theme.heading()),
        Span::raw(before),
        Span::styled(at, theme.selected()),
        Span::raw(after),
    ])
}

/// The line under the input: what Enter will do, or why it will not.
/// Empty: the settings as they are; else what the line would set.
fn settings_preview(board: &crate::model::Board, text: &str) -> Preview {
    use crate::model::change::board::{BoardSettings, describe, settings_words};
    if text.trim().is_empty() {
        return Preview::Hint(clean(&settings_words(board)).into_owned());
    }
    let was = BoardSettings::of(board);
    let mut now = was.clone();
    now.read_line(text).map(|()| clean(&describe(board, &was, &now)).into_owned()).into()
}

enum Preview {
    Saves(String),
    Refused(String),
    Hint(String),
}

impl Preview {
    fn line(self, width: usize, theme: &Theme) -> Line<'static> {
        match self {
            Preview::Saves(text) => Line::styled(fit(&format!("✓ {text}"), width), theme.good()),
            Preview::Refused(why) => Line::styled(fit(&format!("✗ {why}"), width), theme.error()),
            Preview::Hint(text) => Line::styled(fit(&text, width), theme.dim()),
        }
    }
}

impl From<Result<String, String>> for Preview {
    fn from(result: Result<String, String>) -> Preview {
        result.map_or_else(Preview::Refused, Preview::Saves)
    }
}

/// "item 4 at 11:15 for 30m · Budget · Colin Fry · ends 12:35, 5 over the slot".
fn agenda_preview(app: &App, input: &Input, at: usize, replaces: bool) -> Preview {
    if input.text.trim().is_empty() {
        return Preview::Hint("e.g. Update from Peer Review @CF 30m paper 5a decision".into());
    }
    let meeting = app.current_meeting();
    let shown = crate::app::editors::agenda_with(app, input, at, replaces).and_then(|agenda| {
        let meeting = crate::model::Meeting { agenda, ..meeting.ok_or("there is no meeting")?.clone() };
        let item = &meeting.agenda[at.min(meeting.agenda.len() - 1)];
        let starts = meeting.planned_starts();
        let leads = app.workspace.board.owners_named(&item.leads);
        let end = meeting.planned_start + chrono::Duration::minutes(meeting.planned_minutes());
        // The end and any overrun first: at 80 columns the tail is cut.
        let slot = meeting.slot_minutes();
        let over = match meeting.planned_minutes() - slot {
            over if over > 0 => format!(", ⚠ {over} min over the {slot}-minute slot"),
            _ => String::new(),
        };
        Ok(format!(
            "item {} at {}, {}m · ends {}{over} · {} · {} · {}",
            item.number,
            starts[at.min(starts.len() - 1)].format("%H:%M"),
            item.planned_minutes,
            end.format("%H:%M"),
            clean(&item.title),
            clean(&leads),
            item.purpose.word()
        ))
    });
    shown.into()
}

fn preview(app: &App, input: &Input) -> Preview {
    let (purpose, text) = (&input.purpose, input.text.as_str());
    let board = &app.workspace.board;
    let band = |score: u8| board.band_for(score).map_or(String::new(), |b| format!(" {}", b.name));
    let ctx = app.date_context();
    match purpose {
        // A line typed is previewed by `quick_add_preview`, one action a line.
        Purpose::QuickAdd | Purpose::Edit(_) => {
            Preview::Hint("e.g. Action: CMc to send the risk log to members by Friday".into())
        }
        Purpose::Update(r) => Preview::Hint(format!("adds \"{}: …\" to {r}", app.today().format("%-d %b %Y"))),
        Purpose::Search => Preview::Hint(search_hint(app)),
        Purpose::Owner => owner(app, text.trim().trim_start_matches('@')),
        Purpose::NewRisk => riskline::parse_new(text, board, &ctx)
            .map(|new| {
                let score = new.score.value();
                let review = new.review.map_or(String::new(), |d| format!(" · review by {}", d.format("%a %-d %b %Y")));
                let owner = board.owners_named(std::slice::from_ref(&new.owner));
                let (l, i) = (new.score.likelihood.get(), new.score.impact.get());
                format!("{owner} · L{l} × I{i} = {score}{}{review}", band(score))
            })
            .into(),
        Purpose::Rescore(reference) => riskline::parse_score(text)
            .map(|score| {
                let risks = &app.workspace.risks.risks;
                let was = risks.iter().find(|r| &r.reference == reference).map_or(0, |r| r.score());
                let (l, i, now) = (score.likelihood.get(), score.impact.get(), score.value());
                format!("{reference}: {was}{} → L{l} × I{i} = {now}{}, dated today", band(was), band(now))
            })
            .into(),
        Purpose::Review(reference) => quickadd::read_one_date(text, &ctx)
            .map(|date| format!("review {reference} by {}", date.format("%a %-d %b %Y")))
            .into(),
        Purpose::Arrived(_) | Purpose::Left(_) => match app.current_meeting() {
            Some(meeting) => {
                attendance::parse_time(text, meeting, app.now).map(|t| t.format("%H:%M").to_string()).into()
            }
            None => Preview::Refused("there is no meeting".into()),
        },
        Purpose::Deputy(_) if text.trim().is_empty() => Preview::Hint("the initials of the absent member".into()),
        Purpose::Deputy(_) => owner(app, text.trim().trim_start_matches('@')),
        Purpose::Guest => attendance::parse_guest(text)
            .map(|g| {
                let items = if g.items.is_empty() {
                    "the whole meeting".to_string()
                } else {
                    format!("item {}", g.items.join(", "))
                };
                format!("{} · {} · in attendance for {items}", clean(&g.name), clean(&g.organisation))
            })
            .into(),
        Purpose::Revise(..) if text.trim().is_empty() => Preview::Hint("an empty line removes it".into()),
        Purpose::Record(kind, item) => {
            let lines = text.lines().count().max(1);
            let what = if *kind == NoteKind::Decision { "decision" } else { "note" };
            Preview::Hint(format!("a {what} under item {item}, timed {} · {lines} line(s)", app.now.format("%H:%M")))
        }
        Purpose::Revise(_, item) => Preview::Hint(format!("replaces it under item {item}, keeping its time")),
        Purpose::AgendaItem { at, replaces } => agenda_preview(app, input, *at, *replaces),
        Purpose::Settings => settings_preview(board, text),
        Purpose::Person(_) => crate::app::editors::read_person(board, text)
            .map(|p| {
                let extra: Vec<&str> =
                    [p.job_title.as_str(), p.organisation.as_str()].into_iter().filter(|s| !s.is_empty()).collect();
                format!("{} {} · {} {}", p.initials, clean(&p.name), p.role.key(), clean(&extra.join(" · ")))
            })
            .into(),
        Purpose::Declare => attendance::parse_declaration(text, board)
            .map(|d| {
                let out = if d.withdrawn { " · withdraws for the item" } else { "" };
                format!(
                    "{} · item {} · {}{out}",
                    board.owners_named(std::slice::from_ref(&d.initials)),
                    d.item,
                    clean(&d.interest)
                )
            })
            .into(),
    }
}

/// What Enter will save, one action a line (a table's row), each exactly
/// as it will be saved (text, owners, deadline, item), with what looks
/// wrong under it; several are counted on a first line, and scroll.
fn quick_add_preview(app: &App, input: &Input, width: usize, room: usize, theme: &Theme) -> Vec<Line<'static>> {
    let capture = app.read_capture(&input.text);
    let mut lines = Vec::new();
    for entry in &capture.entries {
        match &entry.reading {
            Ok(reading) => {
                let mark = if reading.warnings.is_empty() { "✓" } else { "⚠" };
                let style = if reading.warnings.is_empty() { theme.good() } else { theme.error() };
                let link = capture.entries.len() < 2;
                lines.push(Line::styled(entry_line(app, mark, &entry.label, &reading.draft, link, width), style));
                for warning in &reading.warnings {
                    lines.push(Line::styled(fit(&format!("    ⚠ {}", clean(warning)), width), theme.error()));
                }
                for note in &reading.notes {
                    lines.push(Line::styled(fit(&format!("    ℹ {}", clean(note)), width), theme.dim()));
                }
            }
            Err(why) => lines.push(Preview::Refused(format!("{}{}", entry.label, clean(why))).line(width, theme)),
        }
    }
    if capture.entries.len() < 2 && capture.table.is_none() {
        return lines;
    }
    let rows = room.saturating_sub(1).max(1);
    let top = input.scroll.min(lines.len().saturating_sub(rows));
    let (above, after) = (top, lines.len().saturating_sub(top + rows));
    let mut head = capture.summary();
    if above + after > 0 {
        head = format!("{head} · ↑{above} ↓{after} more (↑↓ PgUp PgDn)");
    }
    head.extend(capture.refs.iter().map(|r| format!(" · {r}")));
    head = format!("{head} · {}", link_words(app));
    head.extend(capture.table.iter().map(|t| format!(" · {t}")));
    let style = if capture.warned() + capture.refused() > 0 { theme.error() } else { theme.heading() };
    let mut out = vec![Line::styled(fit(&head, width), style)];
    out.extend(lines.into_iter().skip(top).take(rows));
    out
}

/// `✓ a. "text" · owners · due · item`: the text gives way, so a long
/// action still shows its owners and deadline.
fn entry_line(app: &App, mark: &str, label: &str, draft: &quickadd::QuickAdd, link: bool, width: usize) -> String {
    let owners = app.workspace.board.owners_named(&draft.owners);
    let mut rest = format!("{} · {}", clean(&owners), due_words(draft.due));
    if link {
        rest = action_summary(app, draft);
    }
    let fixed = format!("{mark} {label}\"\" · {rest}");
    let room = width.saturating_sub(unicode_width::UnicodeWidthStr::width(fixed.as_str())).max(12);
    fit(&format!("{mark} {label}\"{}\" · {rest}", fit(&draft.text, room)), width)
}

/// Owners by name, the deadline in words, and the item it joins.
fn action_summary(app: &App, draft: &quickadd::QuickAdd) -> String {
    let owners = app.workspace.board.owners_named(&draft.owners);
    let due = due_words(draft.due);
    let editing = app.input.as_ref().and_then(|i| match &i.purpose {
        Purpose::Edit(reference) => Some(reference.clone()),
        _ => None,
    });
    let link = match editing {
        // An edit keeps where the action was raised.
        Some(reference) => format!("edits {reference}"),
        None => link_words(app),
    };
    format!("{} · {due} · {link}", clean(&owners))
}

/// "item 4 Budget", or "not linked: no meeting running": where what is added now is raised.
fn link_words(app: &App) -> String {
    match app.workspace.raised_now(app.now) {
        Some(raised) => {
            let meeting = app.workspace.meetings.iter().find(|m| m.date == raised.meeting);
            let item = raised.item.as_deref().unwrap_or("");
            let title = meeting.and_then(|m| m.agenda.iter().find(|i| i.number == item)).map_or("", |i| &i.title);
            format!("item {item} {}", clean(title))
        }
        None => "not linked: no meeting running".into(),
    }
}

fn owner(app: &App, typed: &str) -> Preview {
    if typed.is_empty() {
        return Preview::Hint("everyone's actions".into());
    }
    let board = &app.workspace.board;
    match board.resolve_owner(typed) {
        Ok(initials) => Preview::Saves(format!("{initials} {}", clean(board.name_of(initials).unwrap_or_default()))),
        Err(why) => Preview::Refused(why),
    }
}

/// How many actions a search finds, and what of the archive.
fn search_hint(app: &App) -> String {
    let here = app.action_order().len();
    let archive = &app.archive;
    if archive.searching() {
        format!("{here} actions match; searching the archive…")
    } else if let Some((found, more)) = &archive.found {
        let more = if *more { " (the newest; narrow the words for the rest)" } else { "" };
        format!("{here} actions match, and {} closed in past years, from the archive{more}", found.len())
    } else if app.action_filter.show != crate::app::Show::All {
        format!("{here} actions match · f until \"all\" searches closed ones too, the archive included")
    } else {
        format!("{here} actions match")
    }
}
