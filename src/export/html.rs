//! Minutes as one self-contained HTML page that prints cleanly on A4.
//! Every piece of workspace text is escaped.

use crate::model::minutes::Minutes;
use std::fmt::Write;

/// Escapes `&`, `<`, `>`, and both quotes; control characters become visible.
pub fn escape(text: &str) -> String {
    let text = crate::text::clean_keep_newlines(text);
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

pub(crate) const STYLE: &str = "
@page { size: A4; margin: 18mm 16mm 20mm; }
* { box-sizing: border-box; }
body { font: 11pt/1.45 'Segoe UI', Arial, Helvetica, sans-serif; color: #111; max-width: 178mm; margin: 12mm auto; }
h1 { font-size: 16pt; text-transform: uppercase; text-align: center; margin: 0 0 2mm; }
p.when { text-align: center; font-weight: bold; margin: 0; }
p.status { text-align: center; margin: 1mm 0 6mm; color: #444; }
h2 { font-size: 12pt; border-bottom: 1px solid #888; margin: 7mm 0 2mm; break-after: avoid; }
h3 { font-size: 11pt; margin: 5mm 0 1mm; break-after: avoid; }
h3 .time { display: inline-block; min-width: 3.2em; font-variant-numeric: tabular-nums; }
.lead { font-style: italic; color: #333; margin: 0 0 1.5mm; }
.item p { margin: 0 0 1.5mm; }
table { border-collapse: collapse; width: 100%; font-size: 9.5pt; }
th, td { border: 1px solid #999; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
th { background: #eee; }
tr, .item, .decision, .action { break-inside: avoid; }
.decision, .action { margin: 0 0 1.5mm; }
p.signature { margin: 12mm 0 0; break-inside: avoid; }
@media screen { body { padding: 0 4mm; } }
";

pub fn render(m: &Minutes) -> String {
    let mut out = String::new();
    let w = &mut out;
    let _ = write!(
        w,
        "<!doctype html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} — {}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        escape(&m.board),
        escape(&m.when)
    );
    let _ = writeln!(w, "<h1>{}</h1>", escape(&m.board));
    let place = if m.location.is_empty() { String::new() } else { format!("<br>{}", escape(&m.location)) };
    let _ = writeln!(w, "<p class=\"when\">{}<br>{}{place}</p>", escape(&m.title), escape(&m.when));
    let _ = writeln!(w, "<p class=\"status\">{}</p>", escape(&m.status()));
    attendance(w, m);
    let _ = writeln!(w, "<h2>Declarations of interest</h2>");
    if m.declarations.is_empty() {
        let _ = writeln!(w, "<p>None declared.</p>");
    } else {
        let list: String = m.declarations.iter().map(|d| format!("<li>{}</li>", escape(d))).collect();
        let _ = writeln!(w, "<ul>{list}</ul>");
    }
    let _ = writeln!(w, "<h2>Minutes</h2>");
    for item in &m.items {
        let time = item.time.as_deref().map_or(String::new(), escape);
        let status = item.status.as_deref().map_or(String::new(), |s| format!(" ({s})"));
        let _ = writeln!(
            w,
            "<section class=\"item\">\n<h3><span class=\"time\">{time}</span> {}. {}{status}</h3>\n<p class=\"lead\">Lead: {}</p>",
            escape(&item.number),
            escape(&item.title),
            escape(&item.lead)
        );
        for note in &item.notes {
            let _ = writeln!(w, "<p>{}</p>", escape(note));
        }
        for decision in &item.decisions {
            let _ = writeln!(w, "<p class=\"decision\"><strong>Agreed:</strong> {}</p>", escape(decision));
        }
        for a in &item.actions {
            let _ = writeln!(
                w,
                "<p class=\"action\"><strong>Action:</strong> {} — {}, {} ({})</p>",
                escape(&a.text),
                escape(&a.owners),
                escape(&a.due),
                escape(&a.reference)
            );
        }
        let _ = writeln!(w, "</section>");
    }
    if let Some(close) = &m.close {
        let _ = writeln!(w, "<h3><span class=\"time\">{}</span> Close</h3>", escape(close));
    }
    if let Some(closing) = m.closing() {
        let _ = writeln!(w, "<p>{}</p>", escape(&closing));
    }
    if let Some(quorum) = &m.quorum {
        let _ = writeln!(w, "<p>{}</p>", escape(quorum));
    }
    actions(w, m);
    if !m.matters_arising.is_empty() {
        let _ = writeln!(w, "<h2>Matters arising</h2>\n<p>{}</p>", Minutes::ARISING);
        table(w, &m.matters_arising);
    }
    if !m.closed_here.is_empty() {
        let _ = writeln!(w, "<h2>Actions closed at this meeting</h2>");
        table(w, &m.closed_here);
    }
    if let Some(next) = &m.next_meeting {
        let _ = writeln!(w, "<p class=\"next\"><strong>Date of next meeting:</strong> {}</p>", escape(next));
    }
    for line in m.signature() {
        let _ = writeln!(w, "<p class=\"signature\">{line}</p>");
    }
    out.push_str("</body>\n</html>\n");
    out
}

fn attendance(w: &mut String, m: &Minutes) {
    let _ = writeln!(
        w,
        "<h2>Attendance</h2>\n<table>\n<tr><th></th><th>Name</th><th>Job title</th><th>Organisation</th><th>Initials</th></tr>"
    );
    for (heading, people) in &m.attendance {
        for (i, p) in people.iter().enumerate() {
            let role = if i == 0 { escape(heading) } else { String::new() };
            let note = if p.note.is_empty() { String::new() } else { format!(" ({})", escape(&p.note)) };
            let _ = writeln!(
                w,
                "<tr><th>{role}</th><td>{}{note}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                escape(&p.name),
                escape(&p.job_title),
                escape(&p.organisation),
                escape(&p.initials)
            );
        }
    }
    let _ = writeln!(w, "</table>");
}

fn actions(w: &mut String, m: &Minutes) {
    let _ = writeln!(w, "<h2>Actions</h2>");
    if m.actions.is_empty() {
        let _ = writeln!(w, "<p>No actions were raised.</p>");
        return;
    }
    table(w, &m.actions);
}

fn table(w: &mut String, rows: &[crate::model::minutes::ActionRow]) {
    let _ = writeln!(w, "<table>\n<tr><th>Ref</th><th>Action</th><th>Owner</th><th>Deadline</th><th>Status</th></tr>");
    for a in rows {
        let _ = writeln!(
            w,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(&a.reference),
            escape(&a.text),
            escape(&a.owners),
            escape(&a.due),
            escape(&a.status)
        );
    }
    let _ = writeln!(w, "</table>");
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn hostile_text_is_escaped() {
        assert_eq!(escape("<script>alert('x')</script>"), "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
        assert_eq!(escape("Tom & \"Jerry\""), "Tom &amp; &quot;Jerry&quot;");
        assert_eq!(escape("a\x1b]0;t\x07"), "a␛]0;t␇");
    }
}
