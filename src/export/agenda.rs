//! The agenda a board circulates before it meets: each item with its
//! number, title, planned start (the meeting's start plus the planned
//! minutes of the items before it), leads by name, planned minutes,
//! purpose and papers. Made once here, rendered as Markdown, HTML or PDF.

use crate::model::{Meeting, Workspace};
use std::fmt::Write;

/// A meeting's agenda, ready to render.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub board: String,
    pub title: String,
    /// "Thursday 3 March 2022, 10:00–12:00", as the minutes say it.
    pub when: String,
    pub location: String,
    pub items: Vec<AgendaLine>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaLine {
    /// The planned start, "10:25".
    pub time: String,
    pub number: String,
    pub title: String,
    /// Leads by name, or "All".
    pub leads: String,
    pub minutes: u32,
    pub purpose: &'static str,
    /// "5a", "5b".
    pub papers: Vec<String>,
}

impl Agenda {
    pub fn of(ws: &Workspace, meeting: &Meeting) -> Agenda {
        let board = &ws.board;
        let mut start = meeting.planned_start;
        let items = meeting
            .agenda
            .iter()
            .map(|item| {
                let time = start.format("%H:%M").to_string();
                start += chrono::Duration::minutes(i64::from(item.planned_minutes));
                let names: Vec<&str> = item.leads.iter().map(|l| board.name_of(l).unwrap_or(l)).collect();
                AgendaLine {
                    time,
                    number: item.number.clone(),
                    title: item.title.clone(),
                    leads: if names.is_empty() { "All".into() } else { names.join(", ") },
                    minutes: item.planned_minutes,
                    purpose: item.purpose.word(),
                    papers: item.papers.clone(),
                }
            })
            .collect();
        Agenda {
            board: board.name.clone(),
            title: meeting.title.clone(),
            when: meeting.planned_when(),
            location: meeting.location.clone(),
            items,
        }
    }

    /// The columns of the agenda's table, in every format.
    pub const COLUMNS: [&str; 6] = ["Time", "Item", "Lead", "Minutes", "Purpose", "Papers"];

    /// Each item's cells under `COLUMNS`, as text.
    pub fn rows(&self) -> impl Iterator<Item = [String; 6]> + '_ {
        self.items.iter().map(|i| {
            [
                i.time.clone(),
                format!("{}. {}", i.number, i.title),
                i.leads.clone(),
                i.minutes.to_string(),
                i.purpose.to_string(),
                i.papers.join(", "),
            ]
        })
    }

    /// "Thursday 3 March 2022, 10:00–12:00 · Boardroom".
    pub fn when_and_where(&self) -> String {
        match self.location.is_empty() {
            true => self.when.clone(),
            false => format!("{} · {}", self.when, self.location),
        }
    }
}

/// The agenda as Markdown, workspace text escaped.
pub fn markdown(a: &Agenda) -> String {
    use super::markdown::escape;
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(
        w,
        "# {}\n\n**{}**  \n**{}**\n\n## Agenda\n",
        escape(&a.board),
        escape(&a.title),
        escape(&a.when_and_where())
    );
    let _ = writeln!(w, "| {} |\n|{}", Agenda::COLUMNS.join(" | "), "---|".repeat(Agenda::COLUMNS.len()));
    for row in a.rows() {
        let cells: Vec<String> = row.iter().map(|c| escape(&c.replace('\n', " "))).collect();
        let _ = writeln!(w, "| {} |", cells.join(" | "));
    }
    out
}

/// The agenda as one self-contained HTML page, printable on A4.
pub fn html(a: &Agenda) -> String {
    use super::html::{STYLE, escape};
    let mut out = String::new();
    let w = &mut out;
    let _ = write!(
        w,
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — agenda, {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&a.board),
        escape(&a.when)
    );
    let _ = writeln!(w, "<h1>{}</h1>", escape(&a.board));
    let _ =
        writeln!(w, "<p class=\"when\">{}<br>{}</p>\n<h2>Agenda</h2>", escape(&a.title), escape(&a.when_and_where()));
    let head: String = Agenda::COLUMNS.iter().map(|c| format!("<th>{c}</th>")).collect();
    let _ = writeln!(w, "<table>\n<thead><tr>{head}</tr></thead>\n<tbody>");
    for row in a.rows() {
        let cells: String = row.iter().map(|c| format!("<td>{}</td>", escape(c))).collect();
        let _ = writeln!(w, "<tr>{cells}</tr>");
    }
    let _ = writeln!(w, "</tbody>\n</table>\n</body>\n</html>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_item_starts_when_the_ones_before_it_are_planned_to_end() {
        let ws = crate::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
        let meeting = ws.meetings.last().unwrap();
        let agenda = Agenda::of(&ws, meeting);
        let mut at = meeting.planned_start;
        for (line, item) in agenda.items.iter().zip(&meeting.agenda) {
            assert_eq!(line.time, at.format("%H:%M").to_string());
            at += chrono::Duration::minutes(i64::from(item.planned_minutes));
        }
        // Leads by name, not initials.
        assert!(agenda.items.iter().any(|i| i.leads.contains(' ')), "{agenda:#?}");
    }

    #[test]
    fn workspace_text_stays_text() {
        let mut a = Agenda {
            board: "B".into(),
            title: "<script>".into(),
            when: "w".into(),
            location: String::new(),
            items: vec![],
        };
        a.items.push(AgendaLine {
            time: "10:00".into(),
            number: "1".into(),
            title: "a | b \u{202e}x".into(),
            leads: "All".into(),
            minutes: 5,
            purpose: "noting",
            papers: vec![],
        });
        assert!(html(&a).contains("&lt;script&gt;") && !html(&a).contains('\u{202e}'));
        assert!(markdown(&a).contains("a \\| b \u{fffd}x"));
    }
}
