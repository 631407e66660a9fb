//! The minutes model laid out for PDF, in the order and words of the other
//! formats: title block, attendance, declarations, each item, the close,
//! the action tables, the next meeting, and the chair's lines when approved.

use super::layout::{Cell, Flow};
use crate::model::minutes::{ActionRow, Minutes};

/// The minutes from the top of a page; `depth` is the outline level of their sections.
pub(crate) fn lay_out(flow: &mut Flow, m: &Minutes, depth: u8) {
    flow.room(60.0);
    flow.paragraph(&[(&m.board, true)], 18.0);
    flow.paragraph(&[(&m.title, true)], 12.5);
    let place = if m.location.is_empty() { String::new() } else { format!(" · {}", m.location) };
    flow.paragraph(&[(&format!("{}{place}", m.when), true)], 10.0);
    flow.text(&m.status());
    attendance(flow, m, depth);
    flow.heading(depth, "Declarations of interest");
    if m.declarations.is_empty() {
        flow.text("None declared.");
    }
    for d in &m.declarations {
        flow.text(&format!("• {d}"));
    }
    flow.heading(depth, "Minutes");
    items(flow, m, depth + 1);
    if let (Some(close), Some(closing)) = (&m.close, m.closing()) {
        flow.heading(depth + 1, &format!("{close} Close"));
        flow.text(&closing);
    }
    if let Some(quorum) = &m.quorum {
        flow.text(quorum);
    }
    flow.heading(depth, "Actions");
    if m.actions.is_empty() {
        flow.text("No actions were raised.");
    } else {
        actions(flow, &m.actions);
    }
    if !m.matters_arising.is_empty() {
        flow.heading(depth, "Matters arising");
        flow.text(Minutes::ARISING);
        actions(flow, &m.matters_arising);
    }
    if !m.closed_here.is_empty() {
        flow.heading(depth, "Actions closed at this meeting");
        actions(flow, &m.closed_here);
    }
    if let Some(next) = &m.next_meeting {
        flow.labelled("Date of next meeting: ", next);
    }
    signature(flow, m);
}

fn attendance(flow: &mut Flow, m: &Minutes, depth: u8) {
    flow.heading(depth, "Attendance");
    let mut rows = Vec::new();
    for (heading, people) in &m.attendance {
        for (i, p) in people.iter().enumerate() {
            let role = if i == 0 { heading.as_str() } else { "" };
            let note = if p.note.is_empty() { String::new() } else { format!(" ({})", p.note) };
            rows.push(vec![
                Cell { text: role.to_string(), bold: true, fill: None },
                Cell::plain(format!("{}{note}", p.name)),
                Cell::plain(&p.job_title),
                Cell::plain(&p.organisation),
                Cell::plain(&p.initials),
            ]);
        }
    }
    flow.table(&[("", 1.7), ("Name", 2.5), ("Job title", 2.2), ("Organisation", 2.1), ("Initials", 0.8)], &rows);
}

fn items(flow: &mut Flow, m: &Minutes, level: u8) {
    for item in &m.items {
        let time = item.time.as_deref().map_or(String::new(), |t| format!("{t} "));
        let status = item.status.as_deref().map_or(String::new(), |s| format!(" ({s})"));
        flow.heading(level, &format!("{time}{}. {}{status}", item.number, item.title));
        flow.text(&format!("Lead: {}", item.lead));
        for note in &item.notes {
            flow.text(note);
        }
        for decision in &item.decisions {
            flow.labelled("Agreed: ", decision);
        }
        for a in &item.actions {
            flow.labelled("Action: ", &format!("{} — {}, {} ({})", a.text, a.owners, a.due, a.reference));
        }
    }
}

/// An action table: Ref, Action, Owner, Deadline, Status.
pub(crate) fn actions(flow: &mut Flow, rows: &[ActionRow]) {
    let rows: Vec<Vec<Cell>> = rows
        .iter()
        .map(|a| {
            [&a.reference, &a.text, &a.owners, &a.due, &a.status].into_iter().map(|t| Cell::plain(t.as_str())).collect()
        })
        .collect();
    flow.table(&[("Ref", 0.8), ("Action", 4.4), ("Owner", 1.8), ("Deadline", 1.6), ("Status", 1.2)], &rows);
}

/// The chair's signature and date lines under approved minutes, kept together.
fn signature(flow: &mut Flow, m: &Minutes) {
    let lines = m.signature();
    if lines.is_empty() {
        return;
    }
    flow.room(Flow::line_height(Flow::body_size()) * 6.0);
    for line in lines {
        flow.space(Flow::body_size() * 1.5);
        flow.text(line);
    }
}
