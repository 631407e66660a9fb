//! `gavel status`: the RAG review as plain text (or JSON), for a quick
//! look over SSH without the TUI.

use crate::model::action::RagContext;
use crate::model::{Action, Deadline, MeetingState, Rag, Risk, Timestamp, Workspace};
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

fn due_text(a: &Action) -> String {
    match a.due {
        Some(Deadline::On(d)) => d.format("%-d %b %Y").to_string(),
        Some(Deadline::NextMeeting) => "next meeting".into(),
        None => "no deadline".into(),
    }
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
    match ws.current_meeting(ctx.today).map(|i| &ws.meetings[i]) {
        Some(m) => writeln!(
            out,
            "Meeting: {} · {} · {} {}–{}{}",
            m.date.format("%a %-d %b %Y"),
            plain(&m.title),
            MeetingState::of(m).label(),
            m.planned_start.format("%H:%M"),
            m.planned_end.format("%H:%M"),
            if m.location.is_empty() {
                String::new()
            } else {
                format!(" · {}", plain(&m.location))
            }
        )?,
        None => writeln!(out, "Meeting: none planned")?,
    }
    writeln!(out)?;
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
        writeln!(
            out,
            "  {} {:<5} {:<10} {:<13} {}",
            rag.letter(),
            plain(&a.reference),
            plain(&owners),
            due_text(a),
            plain(&a.text)
        )?;
    }
    writeln!(out)?;
    let band_counts: Vec<String> = ws
        .board
        .risk_bands
        .iter()
        .rev()
        .map(|b| {
            format!(
                "{} {}",
                risks.iter().filter(|r| ws.board.band_for(r.score()) == Some(b)).count(),
                b.name
            )
        })
        .collect();
    writeln!(out, "Risks: {} open: {}", risks.len(), band_counts.join(", "))?;
    for r in risks {
        let band = ws.board.band_for(r.score());
        writeln!(
            out,
            "  {} {:<5} {:>2} {} {:<6} {}",
            band.map_or('?', |b| b.letter),
            plain(&r.reference),
            r.score(),
            r.trend().arrow(),
            plain(&r.owner),
            plain(&r.title)
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
