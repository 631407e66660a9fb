//! `gavel status`: the RAG review as plain text (or JSON), for a quick
//! look over SSH without the TUI. Red first; colour only on a terminal.

use crate::model::action::RagContext;
use crate::model::quorum::{self, Quorum};
use crate::model::risk::RiskStatus;
use crate::model::{Action, Meeting, MeetingState, Rag, Risk, RiskBand, Timestamp, Workspace};
use crate::text::clean;
use serde_json::json;
use std::io::{self, Write};

/// Everything the review says, worked out once for text and JSON alike.
struct Review<'a> {
    ws: &'a Workspace,
    ctx: RagContext,
    meeting: Option<&'a Meeting>,
    last_closed: Option<(&'a Meeting, Quorum)>,
    actions: Vec<(&'a Action, Rag)>,
    /// Overdue actions under each owner, most first.
    overdue_by_owner: Vec<(String, Vec<&'a Action>)>,
    /// Open risks in the two highest bands, highest score first.
    high_risks: Vec<&'a Risk>,
    review_overdue: Vec<&'a Risk>,
    open_risks: Vec<&'a Risk>,
}

impl<'a> Review<'a> {
    fn of(ws: &'a Workspace, now: Timestamp) -> Review<'a> {
        let ctx = ws.rag_context(now.date_naive());
        let mut actions: Vec<(&Action, Rag)> = ws.actions.actions.iter().map(|a| (a, a.rag(&ctx))).collect();
        actions.sort_by_key(|(a, _)| crate::model::action::review_key(a, &ctx));
        let mut open_risks: Vec<&Risk> = ws.risks.risks.iter().filter(|r| r.status == RiskStatus::Open).collect();
        open_risks.sort_by_key(|r| std::cmp::Reverse(r.score()));
        let mut top_bands: Vec<&RiskBand> = ws.board.risk_bands.iter().collect();
        top_bands.sort_by_key(|b| std::cmp::Reverse(b.min));
        top_bands.truncate(2);
        let high_risks = open_risks
            .iter()
            .copied()
            .filter(|r| ws.board.band_for(r.score()).is_some_and(|b| top_bands.contains(&b)))
            .collect();
        let review_overdue = open_risks.iter().copied().filter(|r| r.review_overdue(ctx.today)).collect();
        let last_closed = ws
            .meetings
            .iter()
            .rev()
            .find(|m| MeetingState::of(m) == MeetingState::Closed)
            .map(|m| (m, quorum::evaluate(&ws.board, m)));
        Review {
            ws,
            ctx,
            meeting: ws.current_meeting(now.date_naive()).map(|i| &ws.meetings[i]),
            last_closed,
            overdue_by_owner: by_owner(&actions),
            actions,
            high_risks,
            review_overdue,
            open_risks,
        }
    }

    fn count(&self, rag: Rag) -> usize {
        self.actions.iter().filter(|(_, r)| *r == rag).count()
    }

    fn due_soon(&self) -> impl Iterator<Item = &'a Action> + '_ {
        self.actions.iter().filter(|(_, r)| *r == Rag::Amber).map(|(a, _)| *a)
    }

    fn unplanned(&self) -> impl Iterator<Item = &'a Action> + '_ {
        self.actions.iter().filter(|(_, r)| *r == Rag::Unplanned).map(|(a, _)| *a)
    }
}

fn by_owner<'a>(actions: &[(&'a Action, Rag)]) -> Vec<(String, Vec<&'a Action>)> {
    let mut owners: Vec<(String, Vec<&Action>)> = Vec::new();
    for (action, _) in actions.iter().filter(|(_, r)| *r == Rag::Red) {
        let names = if action.owners.is_empty() { vec!["unassigned".to_string()] } else { action.owners.clone() };
        for name in names {
            match owners.iter_mut().find(|(o, _)| *o == name) {
                Some((_, list)) => list.push(action),
                None => owners.push((name, vec![action])),
            }
        }
    }
    owners.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    owners
}

pub fn write(ws: &Workspace, now: Timestamp, as_json: bool, color: bool, out: &mut impl Write) -> io::Result<()> {
    let review = Review::of(ws, now);
    if as_json {
        writeln!(out, "{}", crate::text::json(&json_status(&review)))
    } else {
        text_status(&review, now, &Paint(color), out)
    }
}

/// ANSI colour for a terminal; nothing at all for a pipe or under NO_COLOR.
struct Paint(bool);

impl Paint {
    fn paint(&self, code: &str, text: &str) -> String {
        if self.0 { format!("\x1b[{code}m{text}\x1b[0m") } else { text.to_string() }
    }
    fn rag(&self, rag: Rag) -> String {
        let code = match rag {
            Rag::Red => "1;31",
            Rag::Amber => "1;33",
            Rag::Unplanned => "1;35",
            Rag::Green => "32",
            Rag::Complete => "34",
        };
        self.paint(code, rag.letter())
    }
    fn heading(&self, text: &str) -> String {
        self.paint("1", text)
    }
}

/// Workspace text for a plain pipe: control characters replaced.
fn plain(text: &str) -> String {
    clean(text).into_owned()
}

fn text_status(review: &Review, now: Timestamp, paint: &Paint, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "{} — {}", paint.heading(&plain(&review.ws.board.name)), now.format("%a %-d %b %Y %H:%M"))?;
    meeting_lines(review, out)?;
    writeln!(out)?;
    action_lines(review, paint, out)?;
    writeln!(out)?;
    risk_lines(review, paint, out)
}

fn meeting_lines(review: &Review, out: &mut impl Write) -> io::Result<()> {
    match review.meeting {
        Some(m) => {
            let place = if m.location.is_empty() { String::new() } else { format!(" · {}", plain(&m.location)) };
            let state = MeetingState::of(m);
            let word = if state == MeetingState::Planned { "Next meeting" } else { "Meeting" };
            writeln!(
                out,
                "{word}: {} · {} · {} {}–{}{place}",
                m.date.format("%a %-d %b %Y"),
                plain(&m.title),
                state.label(),
                m.planned_start.format("%H:%M"),
                m.planned_end.format("%H:%M"),
            )?;
        }
        None => writeln!(out, "Next meeting: none planned")?,
    }
    if let Some((m, q)) = review.last_closed.filter(|(m, _)| Some(m.date) != review.meeting.map(|c| c.date)) {
        writeln!(out, "Last meeting: {} · {}", m.date.format("%a %-d %b %Y"), quorum_words(&q))?;
    }
    Ok(())
}

fn quorum_words(q: &Quorum) -> String {
    if q.is_quorate() {
        format!("quorate {}/{}", q.present, q.minimum)
    } else {
        format!("INQUORATE {}/{}", q.present, q.minimum)
    }
}

fn action_line(a: &Action, ctx: &RagContext, letter: &str, out: &mut impl Write) -> io::Result<()> {
    let owners = if a.owners.is_empty() { "unassigned".to_string() } else { a.owners.join("/") };
    let due = ctx.due_column(a);
    let (reference, owners, text) = (plain(&a.reference), plain(&owners), plain(&a.text));
    writeln!(out, "  {letter} {reference:<5} {owners:<10} {due:<13} {text}")
}

/// Overdue by owner first, then what is due before the next meeting.
fn action_lines(review: &Review, paint: &Paint, out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "Actions: {} overdue (R), {} due soon (A), {} with no owner or no date (?), {} on track (G), {} complete",
        review.count(Rag::Red),
        review.count(Rag::Amber),
        review.count(Rag::Unplanned),
        review.count(Rag::Green),
        review.count(Rag::Complete)
    )?;
    if !review.overdue_by_owner.is_empty() {
        writeln!(out, "{}", paint.heading("Overdue, by owner:"))?;
        for (owner, actions) in &review.overdue_by_owner {
            let name = review.ws.board.name_of(owner).unwrap_or_default();
            writeln!(out, " {} {} ({})", plain(owner), plain(name), actions.len())?;
            for a in actions {
                action_line(a, &review.ctx, &paint.rag(Rag::Red), out)?;
            }
        }
    }
    let due_soon: Vec<&Action> = review.due_soon().collect();
    if !due_soon.is_empty() {
        let by = review.ctx.next_meeting.map_or(format!("in the next {} days", review.ctx.amber_days), |d| {
            d.format("before the next meeting (%a %-d %b %Y)").to_string()
        });
        writeln!(out, "{}", paint.heading(&format!("Due {by}:")))?;
        for a in due_soon {
            action_line(a, &review.ctx, &paint.rag(Rag::Amber), out)?;
        }
    }
    let unplanned: Vec<&Action> = review.unplanned().collect();
    if !unplanned.is_empty() {
        writeln!(out, "{}", paint.heading("With no owner or no date (give them one):"))?;
        for a in unplanned {
            action_line(a, &review.ctx, &paint.rag(Rag::Unplanned), out)?;
        }
    }
    Ok(())
}

/// Counts by band, the high and extreme risks with trend, then late reviews.
fn risk_lines(review: &Review, paint: &Paint, out: &mut impl Write) -> io::Result<()> {
    let board = &review.ws.board;
    let in_band = |b: &RiskBand| review.open_risks.iter().filter(|r| board.band_for(r.score()) == Some(b)).count();
    let counts: Vec<String> = board.risk_bands.iter().rev().map(|b| format!("{} {}", in_band(b), b.name)).collect();
    writeln!(out, "Risks: {} open: {}", review.open_risks.len(), counts.join(", "))?;
    let risk_line = |r: &Risk, out: &mut dyn Write| {
        let band = board.band_for(r.score());
        let letter = band.map_or("?".to_string(), |b| b.letter.to_string());
        let letter =
            if band == board.risk_bands.iter().max_by_key(|b| b.min) { paint.paint("1;31", &letter) } else { letter };
        let (reference, owner, title) = (plain(&r.reference), plain(&r.owner), plain(&r.title));
        writeln!(out, "  {letter} {reference:<5} {:>2} {} {owner:<6} {title}", r.score(), r.trend().arrow())
    };
    if !review.high_risks.is_empty() {
        let names: Vec<&str> = {
            let mut bands: Vec<&RiskBand> = board.risk_bands.iter().collect();
            bands.sort_by_key(|b| std::cmp::Reverse(b.min));
            bands.iter().take(2).rev().map(|b| b.name.as_str()).collect()
        };
        writeln!(
            out,
            "{}",
            paint.heading(&format!(
                "{} risks (↑ rising, → steady, ↓ falling, • new):",
                capitalised(&names.join(" and "))
            ))
        )?;
        for r in &review.high_risks {
            risk_line(r, out)?;
        }
    }
    if !review.review_overdue.is_empty() {
        writeln!(out, "{}", paint.heading("Past their review date:"))?;
        for r in &review.review_overdue {
            let when = r.review.map_or(String::new(), |d| d.format("%-d %b %Y").to_string());
            writeln!(
                out,
                "  {:<5} review was due {when} · {} · {}",
                plain(&r.reference),
                plain(&r.owner),
                plain(&r.title)
            )?;
        }
    }
    Ok(())
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map_or(String::new(), |first| first.to_uppercase().chain(chars).collect())
}

fn json_status(review: &Review) -> serde_json::Value {
    let ws = review.ws;
    let meeting = review.meeting.map(|m| {
        json!({"date": m.date, "title": m.title, "state": MeetingState::of(m).label(),
               "planned_start": m.planned_start.format("%H:%M").to_string(), "planned_end": m.planned_end.format("%H:%M").to_string()})
    });
    let last = review
        .last_closed
        .map(|(m, q)| json!({"date": m.date, "quorate": q.is_quorate(), "present": q.present, "minimum": q.minimum}));
    let action = |a: &Action, rag: Rag| json!({"ref": a.reference, "text": a.text, "owners": a.owners, "due": a.due, "status": a.status, "rag": rag.word(), "mark": a.rag_mark(rag)});
    let risk = |r: &Risk| {
        json!({"ref": r.reference, "title": r.title, "owner": r.owner, "score": r.score(), "review": r.review,
               "band": ws.board.band_for(r.score()).map(|b| b.name.clone()), "trend": format!("{:?}", r.trend()).to_lowercase()})
    };
    let overdue: serde_json::Map<String, serde_json::Value> = review
        .overdue_by_owner
        .iter()
        .map(|(o, list)| (o.clone(), list.iter().map(|a| action(a, Rag::Red)).collect()))
        .collect();
    json!({
        "board": ws.board.name,
        "today": review.ctx.today,
        "meeting": meeting,
        "last_meeting": last,
        "actions": {
            "red": review.count(Rag::Red), "amber": review.count(Rag::Amber),
            "unplanned": review.count(Rag::Unplanned),
            "green": review.count(Rag::Green), "complete": review.count(Rag::Complete),
            "no_owner_or_date": review.unplanned().map(|a| action(a, Rag::Unplanned)).collect::<Vec<_>>(),
            "overdue_by_owner": overdue,
            "due_before_next_meeting": review.due_soon().map(|a| action(a, Rag::Amber)).collect::<Vec<_>>(),
            // Every action not yet complete; ten years of closed ones would drown them.
            "open": review.actions.iter().filter(|(_, rag)| *rag != Rag::Complete).map(|(a, rag)| action(a, *rag)).collect::<Vec<_>>(),
        },
        "risks": review.open_risks.iter().map(|r| risk(r)).collect::<Vec<_>>(),
        "high_risks": review.high_risks.iter().map(|r| risk(r)).collect::<Vec<_>>(),
        "review_overdue": review.review_overdue.iter().map(|r| risk(r)).collect::<Vec<_>>(),
        "warnings": warnings(review),
    })
}

/// What the review should tell a script as well as a person: each open
/// action with no owner or no date ("A14: no owner").
fn warnings(review: &Review) -> Vec<String> {
    review.unplanned().filter_map(|a| a.missing().map(|what| format!("{}: {what}", a.reference))).collect()
}
