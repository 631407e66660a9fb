//! `gavel status`: the RAG review as plain text (or JSON), for a quick
//! look over SSH without the TUI.

use crate::model::action::RagContext;
use crate::model::{Action, Deadline, MeetingState, Rag, Risk, RiskBand, Timestamp, Workspace};
use serde_json::json;
use std::io::{self, Write};

pub fn write(ws: &Workspace, now: Timestamp, as_json: bool, out: &mut impl Write) -> io::Result<()> {
    let today = now.date_naive();
    let ctx = ws.rag_context(today);
    let mut actions: Vec<(&Action, Rag)> = ws.actions.actions.iter().map(|a| (a, a.rag(&ctx))).collect();
    actions.sort_by_key(|(a, rag)| (*rag, a.due_date(ctx.next_meeting)));
    let mut risks: Vec<&Risk> = ws
        .risks
        .risks
        .iter()
        .filter(|r| r.status == crate::model::risk::RiskStatus::Open)
        .collect();
    risks.sort_by_key(|r| std::cmp::Reverse(r.score()));
    if as_json {
        let value = json_status(ws, &ctx, &actions, &risks);
        writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&value).expect("json values serialize")
        )
    } else {
        text_status(ws, &ctx, &actions, &risks, now, out)
    }
}

fn count(actions: &[(&Action, Rag)], rag: Rag) -> usize {
    actions.iter().filter(|(_, r)| *r == rag).count()
}

/// Text for a plain pipe: control characters are replaced, never passed on.
fn plain(text: &str) -> String {
    crate::text::clean(text).into_owned()
}

fn text_status(
    ws: &Workspace,
    ctx: &RagContext,
    actions: &[(&Action, Rag)],
    risks: &[&Risk],
    now: Timestamp,
    out: &mut impl Write,
) -> io::Result<()> {
    writeln!(out, "{} — {}", plain(&ws.board.name), now.format("%a %-d %b %Y %H:%M"))?;
    meeting_line(ws, ctx, out)?;
    writeln!(out)?;
    action_lines(actions, out)?;
    writeln!(out)?;
    risk_lines(ws, risks, out)
}

fn meeting_line(ws: &Workspace, ctx: &RagContext, out: &mut impl Write) -> io::Result<()> {
    let Some(m) = ws.current_meeting(ctx.today).map(|i| &ws.meetings[i]) else {
        return writeln!(out, "Meeting: none planned");
    };
    let place = if m.location.is_empty() {
        String::new()
    } else {
        format!(" · {}", plain(&m.location))
    };
    writeln!(
        out,
        "Meeting: {} · {} · {} {}–{}{place}",
        m.date.format("%a %-d %b %Y"),
        plain(&m.title),
        MeetingState::of(m).label(),
        m.planned_start.format("%H:%M"),
        m.planned_end.format("%H:%M"),
    )
}

/// The counts, then every red and amber action: red first.
fn action_lines(actions: &[(&Action, Rag)], out: &mut impl Write) -> io::Result<()> {
    writeln!(
        out,
        "Actions: {} overdue (R), {} due soon (A), {} on track (G), {} complete",
        count(actions, Rag::Red),
        count(actions, Rag::Amber),
        count(actions, Rag::Green),
        count(actions, Rag::Complete)
    )?;
    for (a, rag) in actions.iter().filter(|(_, r)| matches!(r, Rag::Red | Rag::Amber)) {
        let owners = if a.owners.is_empty() {
            "unassigned".to_string()
        } else {
            a.owners.join("/")
        };
        let due = a.due.map_or("—".to_string(), Deadline::short);
        let (reference, owners, text) = (plain(&a.reference), plain(&owners), plain(&a.text));
        writeln!(out, "  {} {reference:<5} {owners:<10} {due:<13} {text}", rag.letter())?;
    }
    Ok(())
}

/// Counts by band, then every open risk, highest score first.
fn risk_lines(ws: &Workspace, risks: &[&Risk], out: &mut impl Write) -> io::Result<()> {
    let in_band = |b: &RiskBand| risks.iter().filter(|r| ws.board.band_for(r.score()) == Some(b)).count();
    let counts: Vec<String> = ws
        .board
        .risk_bands
        .iter()
        .rev()
        .map(|b| format!("{} {}", in_band(b), b.name))
        .collect();
    writeln!(out, "Risks: {} open: {}", risks.len(), counts.join(", "))?;
    for r in risks {
        let letter = ws.board.band_for(r.score()).map_or('?', |b| b.letter);
        let (reference, owner, title) = (plain(&r.reference), plain(&r.owner), plain(&r.title));
        writeln!(
            out,
            "  {letter} {reference:<5} {:>2} {} {owner:<6} {title}",
            r.score(),
            r.trend().arrow()
        )?;
    }
    Ok(())
}

fn json_status(ws: &Workspace, ctx: &RagContext, actions: &[(&Action, Rag)], risks: &[&Risk]) -> serde_json::Value {
    let meeting = ws.current_meeting(ctx.today).map(|i| {
        let m = &ws.meetings[i];
        json!({"date": m.date, "title": m.title, "state": MeetingState::of(m).label(),
               "planned_start": m.planned_start.format("%H:%M").to_string(), "planned_end": m.planned_end.format("%H:%M").to_string()})
    });
    let rag_name = |rag: Rag| match rag {
        Rag::Red => "red",
        Rag::Amber => "amber",
        Rag::Green => "green",
        Rag::Complete => "complete",
    };
    let action_list: Vec<_> = actions
        .iter()
        .map(|(a, rag)| json!({"ref": a.reference, "text": a.text, "owners": a.owners, "due": a.due, "status": a.status, "rag": rag_name(*rag)}))
        .collect();
    let risk_list: Vec<_> = risks
        .iter()
        .map(|r| json!({"ref": r.reference, "title": r.title, "owner": r.owner, "score": r.score(),
                        "band": ws.board.band_for(r.score()).map(|b| b.name.clone()), "trend": format!("{:?}", r.trend()).to_lowercase()}))
        .collect();
    json!({
        "board": ws.board.name,
        "today": ctx.today,
        "meeting": meeting,
        "actions": {
            "red": count(actions, Rag::Red), "amber": count(actions, Rag::Amber),
            "green": count(actions, Rag::Green), "complete": count(actions, Rag::Complete),
            "list": action_list,
        },
        "risks": risk_list,
    })
}
