//! What goes into the minutes, worked out once from the workspace for every
//! format: attendance by role, declarations, each item with its actual start
//! time, lead, notes, decisions and actions, the close, quorum, an action table.

use crate::model::action::in_ref_order;
use crate::model::register;
use crate::model::timer::TimerState;
use crate::model::{Action, AttendanceStatus, Meeting, Timestamp, Workspace, quorum};

use super::{ActionLine, ActionRow, Attendee, ItemMinutes, Minutes};

impl Minutes {
    /// The minutes of `meeting` as the workspace has them at `now`.
    pub fn of(ws: &Workspace, meeting: &Meeting, now: Timestamp) -> Minutes {
        let timer = TimerState::replay(meeting).ok().map(|t| t.shown_in(ws.board.zone()));
        let ended = timer.as_ref().and_then(|t| t.ended);
        let board = &ws.board;
        let name = |initials: &str| board.name_of(initials).unwrap_or(initials).to_string();
        let owners = |list: &[String]| {
            if list.is_empty() {
                "unassigned".to_string()
            } else {
                list.iter().map(|o| name(o)).collect::<Vec<_>>().join(", ")
            }
        };
        let ctx = ws.rag_context(now.date_naive());
        let row = |a: &Action| ActionRow {
            reference: a.reference.clone(),
            text: a.text.clone(),
            owners: owners(&a.owners),
            due: ctx.due_column(a),
            status: a.status.label().to_string(),
        };
        // The minutes of a meeting that has ended give its actions as they
        // stood when it ended: changes noted since are later meetings' business.
        let as_then: Vec<Action>;
        let actions: &[Action] = match ended {
            Some(end) => {
                as_then = ws.actions.actions.iter().map(|a| crate::model::history::as_at(a, end)).collect();
                &as_then
            }
            None => &ws.actions.actions,
        };
        // Raised at an earlier meeting, or at none and made before this one.
        let made_after = crate::model::arising::made_after(actions);
        let raised_before = |a: &&Action| match &a.raised {
            Some(r) => r.meeting < meeting.date,
            None => made_after.get(a.reference.as_str()).is_none_or(|d| *d < meeting.date),
        };
        // In the order raised, whether read from the log or the archive.
        let mut earlier: Vec<&Action> = actions.iter().filter(raised_before).collect();
        earlier.sort_by(|a, b| in_ref_order(a, b));
        let open_then = |a: &&&Action| a.closed.is_none_or(|c| c >= meeting.date);
        let matters_arising = earlier.iter().filter(open_then).map(|a| row(a)).collect();
        let closed_here = earlier.iter().filter(|a| a.closed == Some(meeting.date)).map(|a| row(a)).collect();
        let next_meeting = ws.meetings.iter().filter(|m| m.date > meeting.date).min_by_key(|m| m.date).map(|m| {
            let place = if m.location.is_empty() { String::new() } else { format!(", {}", m.location) };
            format!("{}, {}{place}", m.date.format("%A %-d %B %Y"), m.planned_start.format("%H:%M"))
        });
        let mut raised_here: Vec<_> =
            actions.iter().filter(|a| a.raised.as_ref().is_some_and(|r| r.meeting == meeting.date)).collect();
        raised_here.sort_by(|a, b| in_ref_order(a, b));
        let items = meeting
            .agenda
            .iter()
            .enumerate()
            .map(|(index, item)| {
                let clock = timer.as_ref().map(|t| &t.items[index]);
                let started = clock.and_then(|c| c.started);
                let status = match clock {
                    Some(c) if c.skipped => Some("deferred to the next meeting".to_string()),
                    _ if started.is_none() && ended.is_some() => Some("not taken".to_string()),
                    _ => None,
                };
                let under = |notes: &[crate::model::meeting::Note]| {
                    notes.iter().filter(|n| n.item == item.number).map(|n| n.text.clone()).collect()
                };
                ItemMinutes {
                    time: started.map(|t| t.format("%H.%M").to_string()),
                    number: item.number.clone(),
                    title: item.title.clone(),
                    lead: if item.leads.is_empty() { "All".into() } else { owners(&item.leads) },
                    status,
                    notes: under(&meeting.notes),
                    decisions: under(&meeting.decisions),
                    actions: raised_here
                        .iter()
                        // By the item's identity: the number it was raised under may have moved.
                        .filter(|a| {
                            a.raised
                                .as_ref()
                                .and_then(|r| meeting.raised_item(r))
                                .is_some_and(|i| std::ptr::eq(i, item))
                        })
                        .map(|a| ActionLine {
                            text: a.text.clone(),
                            owners: owners(&a.owners),
                            due: ctx.due_words(a),
                            reference: a.reference.clone(),
                        })
                        .collect(),
                }
            })
            .collect();
        Minutes {
            board: board.name.clone(),
            title: meeting.title.clone(),
            when: meeting.planned_when(),
            location: meeting.location.clone(),
            closed: ended.is_some(),
            approved: meeting.approved.map(Minutes::approved_on),
            next_meeting,
            matters_arising,
            closed_here,
            attendance: attendance(ws, meeting),
            declarations: meeting
                .declarations
                .iter()
                .map(|d| {
                    let out = if d.withdrawn { " and withdrew for the item" } else { "" };
                    format!("{} ({}), item {}: {}{out}", name(&d.initials), d.initials, d.item, d.interest)
                })
                .collect(),
            items,
            close: ended.map(|t| t.format("%H.%M").to_string()),
            quorum: quorum::statement(board, meeting, ended.unwrap_or(now)).map(|s| format!("The meeting was {s}.")),
            actions: raised_here.iter().map(|a| row(a)).collect(),
        }
    }
}

/// The register by the minutes' headings. People never marked are left
/// out: the secretary is warned of them at `E`, before the minutes go out.
fn attendance(ws: &Workspace, meeting: &Meeting) -> Vec<(String, Vec<Attendee>)> {
    let board = &ws.board;
    let mixed = {
        let modes: Vec<_> = meeting.attendance.iter().filter_map(|a| a.mode).collect();
        modes.windows(2).any(|w| w[0] != w[1])
    };
    let mut groups: Vec<(String, Vec<Attendee>)> = Vec::new();
    for row in register::register(board, meeting) {
        let person = &board.people[row.person];
        let heading = match (row.status(), row.heading) {
            (AttendanceStatus::Expected, _) => continue,
            (_, heading) => heading.label().to_string(),
        };
        let mut note = Vec::new();
        if let Some(entry) = row.entry {
            if let Some(member) = &entry.deputy_for {
                note.push(format!("deputising for {}", board.name_of(member).unwrap_or(member)));
            }
            if let Some(at) = entry.arrived {
                note.push(format!("arrived {}", board.zone().at(at).format("%H.%M")));
            }
            if let Some(at) = entry.left {
                note.push(format!("left {}", board.zone().at(at).format("%H.%M")));
            }
            if !entry.items.is_empty() {
                note.push(format!("item {} only", entry.items.join(", ")));
            }
            if mixed && entry.mode == Some(crate::model::meeting::AttendanceMode::Remote) {
                note.push("remote".into());
            }
        }
        let attendee = Attendee {
            name: person.name.clone(),
            job_title: person.job_title.clone(),
            organisation: person.organisation.clone(),
            initials: person.initials.clone(),
            note: note.join(", "),
        };
        match groups.iter_mut().find(|(h, _)| *h == heading) {
            Some((_, list)) => list.push(attendee),
            None => groups.push((heading, vec![attendee])),
        }
    }
    groups
}
