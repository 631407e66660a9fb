//! Minutes as a Word document, in the shape boards circulate them (see the
//! reference minutes): the title block, attendance by role, apologies,
//! declarations, the items as a table of time, item and lead with the notes,
//! "Agreed:" and "Action:" lines under each, the close and quorum, the
//! action table, the next meeting, and "Draft" until they are approved.

use crate::model::minutes::{ItemMinutes, Minutes};
use docx_rs::{
    AlignmentType, BreakType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Table, TableCell, TableRow,
    WidthType,
};

/// Sizes in half-points, as Word counts them.
const BODY: usize = 22;
const HEADING: usize = 26;
const TITLE: usize = 32;
/// The A4 text width in twentieths of a point (21 cm less 2 cm margins each side).
const TEXT_WIDTH: usize = 9638;

pub fn render(m: &Minutes) -> Vec<u8> {
    let mut doc = Docx::new()
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(BODY)
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1134).right(1134));
    for p in title_block(m) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(heading("Attendance")).add_table(attendance(m));
    doc = doc.add_paragraph(heading("Apologies")).add_paragraph(apologies(m));
    doc = doc.add_paragraph(heading("Declarations of interest"));
    if m.declarations.is_empty() {
        doc = doc.add_paragraph(text("None declared."));
    }
    for d in &m.declarations {
        doc = doc.add_paragraph(text(d));
    }
    doc = doc.add_paragraph(heading("Minutes")).add_table(items(m));
    if let Some(quorum) = &m.quorum {
        doc = doc.add_paragraph(text(quorum));
    }
    doc = doc.add_paragraph(heading("Actions"));
    doc = match actions(m) {
        Some(table) => doc.add_table(table),
        None => doc.add_paragraph(text("No actions were raised.")),
    };
    if let Some(next) = &m.next_meeting {
        doc = doc.add_paragraph(heading("Date of next meeting")).add_paragraph(text(next));
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut bytes).expect("a document in memory always packs");
    bytes.into_inner()
}

fn title_block(m: &Minutes) -> Vec<Paragraph> {
    let centred = |run: Run| Paragraph::new().add_run(run).align(AlignmentType::Center);
    let mut block = vec![
        centred(run(&m.board.to_uppercase()).bold().size(TITLE)),
        centred(run(&m.title).bold()),
        centred(run(&m.when).bold()),
    ];
    if !m.location.is_empty() {
        block.push(centred(run(&m.location).bold()));
    }
    let state = if m.closed { "DRAFT MINUTES" } else { "DRAFT MINUTES: the meeting has not closed" };
    block.push(centred(run(state).bold().size(HEADING)));
    block
}

/// The register as the reference prints it: role, name, job title,
/// organisation, initials; the role only on its first row.
fn attendance(m: &Minutes) -> Table {
    let mut rows = vec![header_row(&["", "Name", "Job title", "Organisation", "Initials"])];
    for (role, people) in &m.attendance {
        for (i, p) in people.iter().enumerate() {
            let name = if p.note.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.note) };
            let role = if i == 0 { role.as_str() } else { "" };
            rows.push(TableRow::new(vec![
                cell(&[bold(role)]),
                cell(&[text(&name)]),
                cell(&[text(&p.job_title)]),
                cell(&[text(&p.organisation)]),
                cell(&[text(&p.initials)]),
            ]));
        }
    }
    table(rows, &[19, 22, 25, 24, 10])
}

/// "Apologies were received from …", as the minutes' first item says.
fn apologies(m: &Minutes) -> Paragraph {
    let names: Vec<String> = m
        .attendance
        .iter()
        .filter(|(role, _)| role == "Apologies")
        .flat_map(|(_, people)| people.iter().map(|p| format!("{} ({})", p.name, p.initials)))
        .collect();
    if names.is_empty() { text("No apologies were received.") } else { text(&names.join(", ")) }
}

/// Time, item and lead, with the item's notes, decisions and actions in
/// the middle cell; the close as the last row.
fn items(m: &Minutes) -> Table {
    let mut rows = vec![header_row(&["Time", "Agenda item", "Lead"])];
    rows.extend(m.items.iter().map(item_row));
    if let Some(close) = &m.close {
        rows.push(TableRow::new(vec![cell(&[text(close)]), cell(&[bold("Close")]), cell(&[text("")])]));
    }
    table(rows, &[10, 70, 20])
}

fn item_row(item: &ItemMinutes) -> TableRow {
    let status = item.status.as_deref().map_or(String::new(), |s| format!(" ({s})"));
    let mut middle = vec![bold(&format!("{}. {}{status}", item.number, item.title))];
    middle.extend(item.notes.iter().map(|n| text(n)));
    middle.extend(item.decisions.iter().map(|d| labelled("Agreed: ", d)));
    middle.extend(
        item.actions
            .iter()
            .map(|a| labelled("Action: ", &format!("{} — {}, {} ({})", a.text, a.owners, a.due, a.reference))),
    );
    TableRow::new(vec![cell(&[text(item.time.as_deref().unwrap_or(""))]), cell(&middle), cell(&[text(&item.lead)])])
}

fn actions(m: &Minutes) -> Option<Table> {
    if m.actions.is_empty() {
        return None;
    }
    let mut rows = vec![header_row(&["Ref", "Action", "Owner", "Deadline", "Status"])];
    for a in &m.actions {
        rows.push(TableRow::new(
            [&a.reference, &a.text, &a.owners, &a.due, &a.status].iter().map(|t| cell(&[text(t)])).collect(),
        ));
    }
    Some(table(rows, &[8, 48, 20, 12, 12]))
}

/// A table across the text width, its columns in these percentages.
fn table(rows: Vec<TableRow>, percent: &[usize]) -> Table {
    let grid = percent.iter().map(|p| TEXT_WIDTH * p / 100).collect();
    Table::new(rows).set_grid(grid).width(TEXT_WIDTH, WidthType::Dxa)
}

fn header_row(titles: &[&str]) -> TableRow {
    TableRow::new(titles.iter().map(|t| cell(&[bold(t)])).collect())
}

fn cell(paragraphs: &[Paragraph]) -> TableCell {
    paragraphs.iter().fold(TableCell::new(), |c, p| c.add_paragraph(p.clone()))
}

/// A section heading, kept with what follows it.
fn heading(title: &str) -> Paragraph {
    Paragraph::new()
        .add_run(run(title).bold().size(HEADING))
        .line_spacing(LineSpacing::new().before(240).after(80))
        .keep_next(true)
}

fn bold(line: &str) -> Paragraph {
    spaced(Paragraph::new().add_run(run(line).bold()))
}

fn text(line: &str) -> Paragraph {
    spaced(Paragraph::new().add_run(run(line)))
}

/// "Agreed:" or "Action:" in bold, then the text.
fn labelled(label: &str, line: &str) -> Paragraph {
    spaced(Paragraph::new().add_run(run(label).bold()).add_run(run(line)))
}

/// A little air after each paragraph, as in the reference minutes.
fn spaced(p: Paragraph) -> Paragraph {
    p.line_spacing(LineSpacing::new().after(60))
}

/// A run of workspace text: control characters made visible (XML 1.0 cannot
/// carry most of them at all), and each line break a break in the run.
fn run(untrusted: &str) -> Run {
    let safe = crate::text::clean_keep_newlines(untrusted);
    let mut run = Run::new();
    for (i, line) in safe.split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}
