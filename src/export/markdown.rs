//! Minutes as Markdown, with every piece of workspace text escaped so that
//! a `|`, `*` or a leading `#` stays text.

use crate::model::minutes::Minutes;
use std::fmt::Write;

/// Escapes Markdown's own characters; line breaks become spaces in tables.
pub fn escape(text: &str) -> String {
    let text = crate::text::clean_keep_newlines(text);
    let mut out = String::with_capacity(text.len());
    for (n, line) in text.split('\n').enumerate() {
        if n > 0 {
            out.push('\n');
        }
        let trimmed = line.trim_start();
        let indent = &line[..line.len() - trimmed.len()];
        out.push_str(indent);
        // A line that would start a heading, list or quote is kept as text:
        // its first mark is escaped, or the dot of "1. ".
        let starts_block = trimmed.starts_with(['#', '>', '-', '+', '=', '~']);
        let numbered =
            trimmed.split_once(['.', ')']).is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
        let mut digits_done = false;
        for (i, c) in trimmed.chars().enumerate() {
            let list_dot = numbered && !digits_done && matches!(c, '.' | ')');
            digits_done |= !c.is_ascii_digit();
            if matches!(c, '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '!')
                || (i == 0 && starts_block)
                || list_dot
            {
                out.push('\\');
            }
            out.push(c);
        }
    }
    out
}

/// A paragraph of workspace text whose line breaks stay breaks, as the HTML's
/// `<br>` and Word's break keep them: a bare newline in Markdown is a space.
fn lines(text: &str) -> String {
    escape(text).replace('\n', "\\\n")
}

fn cell(text: &str) -> String {
    escape(&text.replace('\n', " "))
}

pub fn render(m: &Minutes) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = writeln!(w, "# {}\n", escape(&m.board));
    let _ = writeln!(w, "**{}**  ", escape(&m.title));
    let place = if m.location.is_empty() { String::new() } else { format!(" · {}", escape(&m.location)) };
    let _ = writeln!(w, "**{}{place}**\n", escape(&m.when));
    let _ = writeln!(w, "{}\n", m.status());
    let _ = writeln!(w, "## Attendance\n\n| | Name | Job title | Organisation | Initials |\n|---|---|---|---|---|");
    for (heading, people) in &m.attendance {
        for (i, p) in people.iter().enumerate() {
            let role = if i == 0 { heading.as_str() } else { "" };
            let note = if p.note.is_empty() { String::new() } else { format!(" ({})", p.note) };
            let _ = writeln!(
                w,
                "| {} | {}{} | {} | {} | {} |",
                cell(role),
                cell(&p.name),
                cell(&note),
                cell(&p.job_title),
                cell(&p.organisation),
                cell(&p.initials)
            );
        }
    }
    let _ = writeln!(w, "\n## Declarations of interest\n");
    if m.declarations.is_empty() {
        let _ = writeln!(w, "None declared.");
    }
    for d in &m.declarations {
        let _ = writeln!(w, "- {}", lines(d));
    }
    let _ = writeln!(w, "\n## Minutes");
    for item in &m.items {
        let time = item.time.as_deref().map_or(String::new(), |t| format!("{t} "));
        let status = item.status.as_deref().map_or(String::new(), |s| format!(" ({s})"));
        let _ = writeln!(
            w,
            "\n### {time}{}. {}{status}\n\n*Lead: {}*\n",
            escape(&item.number),
            escape(&item.title),
            escape(&item.lead)
        );
        for note in &item.notes {
            let _ = writeln!(w, "{}\n", lines(note));
        }
        for decision in &item.decisions {
            let _ = writeln!(w, "**Agreed:** {}\n", lines(decision));
        }
        for a in &item.actions {
            let _ = writeln!(
                w,
                "**Action:** {} — {}, {} ({})\n",
                lines(&a.text),
                escape(&a.owners),
                escape(&a.due),
                escape(&a.reference)
            );
        }
    }
    if let (Some(close), Some(closing)) = (&m.close, m.closing()) {
        let _ = writeln!(w, "\n### {close} Close\n\n{closing}");
    }
    if let Some(quorum) = &m.quorum {
        let _ = writeln!(w, "{quorum}");
    }
    let _ = writeln!(w, "\n## Actions\n");
    if m.actions.is_empty() {
        let _ = writeln!(w, "No actions were raised.");
    } else {
        table(w, &m.actions);
    }
    if !m.matters_arising.is_empty() {
        let _ = writeln!(w, "\n## Matters arising\n\n{}\n", Minutes::ARISING);
        table(w, &m.matters_arising);
    }
    if !m.closed_here.is_empty() {
        let _ = writeln!(w, "\n## Actions closed at this meeting\n");
        table(w, &m.closed_here);
    }
    if let Some(next) = &m.next_meeting {
        let _ = writeln!(w, "\n**Date of next meeting:** {}", escape(next));
    }
    // Our own words, not the workspace's: a run of underscores between spaces stays text.
    for line in m.signature() {
        let _ = writeln!(w, "\n{line}");
    }
    out
}

fn table(w: &mut String, rows: &[crate::model::minutes::ActionRow]) {
    let _ = writeln!(w, "| Ref | Action | Owner | Deadline | Status |\n|---|---|---|---|---|");
    for a in rows {
        let _ = writeln!(
            w,
            "| {} | {} | {} | {} | {} |",
            cell(&a.reference),
            cell(&a.text),
            cell(&a.owners),
            cell(&a.due),
            cell(&a.status)
        );
    }
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn a_line_break_in_a_note_stays_a_break() {
        assert_eq!(super::lines("Amber: transport\n- staffing"), "Amber: transport\\\n\\- staffing");
    }

    #[test]
    fn markdown_specials_stay_text() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(escape("*bold* _it_"), "\\*bold\\* \\_it\\_");
        assert_eq!(escape("# not a heading"), "\\# not a heading");
        assert_eq!(escape("- not a list"), "\\- not a list");
        assert_eq!(escape("1. not a list"), "1\\. not a list");
        assert_eq!(escape("item 4. Update"), "item 4. Update");
        assert_eq!(escape("<script>"), "\\<script\\>");
        assert_eq!(escape("plain words, 5a"), "plain words, 5a");
        assert_eq!(escape("\x1b[2J"), "␛\\[2J");
    }
}
