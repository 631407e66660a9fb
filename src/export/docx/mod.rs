//! Minutes as a Word document of record, in the shape boards circulate them
//! (see the reference minutes): the title block, attendance by role,
//! declarations, the items as a table of time, item and lead with the
//! notes, "Agreed:" and "Action:" lines under each, the close and quorum,
//! the action tables, the next meeting, and the chair's signature lines
//! once approved. The same facts, in the same words, as the Markdown and
//! HTML minutes: each renders `Minutes` and nothing else.

mod package;

use crate::model::minutes::{ActionRow, ItemMinutes, Minutes};
use docx_rs::{
    AlignmentType, BreakType, Docx, Footer, LineSpacing, NumPages, PageMargin, PageNum, Paragraph, Run, RunFonts,
    Table, TableCell, TableRow, WidthType,
};

/// Sizes in half-points, as Word counts them.
const BODY: usize = 22;
/// The A4 text width in twentieths of a point (21 cm less 2 cm margins each side).
const TEXT_WIDTH: usize = 9638;

pub fn render(m: &Minutes) -> Vec<u8> {
    let mut doc = package::styled(Docx::new())
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .default_size(BODY)
        .page_size(11906, 16838)
        .page_margin(PageMargin::new().top(1134).bottom(1134).left(1134).right(1134).footer(567))
        .footer(footer(m));
    for p in title_block(m) {
        doc = doc.add_paragraph(p);
    }
    doc = doc.add_paragraph(heading(2, "Attendance")).add_table(attendance(m));
    doc = doc.add_paragraph(heading(2, "Declarations of interest"));
    if m.declarations.is_empty() {
        doc = doc.add_paragraph(text("None declared."));
    }
    for d in &m.declarations {
        doc = doc.add_paragraph(text(d));
    }
    doc = doc.add_paragraph(heading(2, "Minutes")).add_table(items(m));
    if let Some(quorum) = &m.quorum {
        doc = doc.add_paragraph(text(quorum).line_spacing(LineSpacing::new().before(120).after(60)));
    }
    doc = doc.add_paragraph(heading(2, "Actions"));
    doc = match m.actions.is_empty() {
        true => doc.add_paragraph(text("No actions were raised.")),
        false => doc.add_table(action_table(&m.actions)),
    };
    if !m.matters_arising.is_empty() {
        doc = doc.add_paragraph(heading(2, "Matters arising")).add_paragraph(text(Minutes::ARISING));
        doc = doc.add_table(action_table(&m.matters_arising));
    }
    if !m.closed_here.is_empty() {
        doc = doc.add_paragraph(heading(2, "Actions closed at this meeting"));
        doc = doc.add_table(action_table(&m.closed_here));
    }
    if let Some(next) = &m.next_meeting {
        doc = doc.add_paragraph(heading(2, "Date of next meeting")).add_paragraph(text(next));
    }
    for line in m.signature() {
        // Room to sign above each line, and the two kept together.
        doc = doc.add_paragraph(
            Paragraph::new().add_run(run(line)).line_spacing(LineSpacing::new().before(480)).keep_next(true),
        );
    }
    package::pack(doc, m)
}

fn title_block(m: &Minutes) -> Vec<Paragraph> {
    let centred = |run: Run| Paragraph::new().add_run(run).align(AlignmentType::Center);
    let mut block = vec![heading(1, &m.board), centred(run(&m.title).bold()), centred(run(&m.when).bold())];
    if !m.location.is_empty() {
        block.push(centred(run(&m.location).bold()));
    }
    block.push(centred(run(&m.status()).bold().size(26)).line_spacing(LineSpacing::new().before(120).after(120)));
    block
}

/// "Draft minutes · Page 2 of 5" on every page: a page that strays from the
/// pack still says what it is and where it belongs.
fn footer(m: &Minutes) -> Footer {
    let line = Paragraph::new()
        .style("Footer")
        .add_run(run(&format!("{} · {} · Page ", m.title, m.status())))
        .add_page_num(PageNum::new())
        .add_run(run(" of "))
        .add_num_pages(NumPages::new());
    Footer::new().add_paragraph(line)
}

/// The register as the reference prints it: role, name, job title,
/// organisation, initials; the role only on its first row.
fn attendance(m: &Minutes) -> Table {
    let mut rows = vec![header_row(&["", "Name", "Job title", "Organisation", "Initials"])];
    for (role, people) in &m.attendance {
        for (i, p) in people.iter().enumerate() {
            let name = if p.note.is_empty() { p.name.clone() } else { format!("{} ({})", p.name, p.note) };
            let role = if i == 0 { role.as_str() } else { "" };
            rows.push(row(vec![
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

/// Time, item and lead, with the item's notes, decisions and actions in
/// the middle cell; the close as the last row.
fn items(m: &Minutes) -> Table {
    let mut rows = vec![header_row(&["Time", "Agenda item", "Lead"])];
    rows.extend(m.items.iter().map(item_row));
    if let (Some(close), Some(closing)) = (&m.close, m.closing()) {
        rows.push(row(vec![cell(&[text(close)]), cell(&[heading(3, "Close"), text(&closing)]), cell(&[text("")])]));
    }
    table(rows, &[10, 70, 20])
}

fn item_row(item: &ItemMinutes) -> TableRow {
    let status = item.status.as_deref().map_or(String::new(), |s| format!(" ({s})"));
    let mut middle = vec![heading(3, &format!("{}. {}{status}", item.number, item.title))];
    middle.extend(item.notes.iter().map(|n| text(n)));
    middle.extend(item.decisions.iter().map(|d| labelled("Agreed: ", d)));
    middle.extend(
        item.actions
            .iter()
            .map(|a| labelled("Action: ", &format!("{} — {}, {} ({})", a.text, a.owners, a.due, a.reference))),
    );
    row(vec![cell(&[text(item.time.as_deref().unwrap_or(""))]), cell(&middle), cell(&[text(&item.lead)])])
}

fn action_table(actions: &[ActionRow]) -> Table {
    let mut rows = vec![header_row(&["Ref", "Action", "Owner", "Deadline", "Status"])];
    for a in actions {
        rows.push(row([&a.reference, &a.text, &a.owners, &a.due, &a.status]
            .iter()
            .map(|t| cell(&[text(t)]))
            .collect()));
    }
    table(rows, &[8, 48, 20, 12, 12])
}

/// A table across the text width, its columns in these percentages; its
/// first row is the header that Word repeats on each page (see `package`).
fn table(rows: Vec<TableRow>, percent: &[usize]) -> Table {
    let grid = percent.iter().map(|p| TEXT_WIDTH * p / 100).collect();
    Table::new(rows).set_grid(grid).width(TEXT_WIDTH, WidthType::Dxa)
}

/// A row kept whole on one page: an item's minutes are read together.
fn row(cells: Vec<TableCell>) -> TableRow {
    TableRow::new(cells).cant_split()
}

fn header_row(titles: &[&str]) -> TableRow {
    row(titles.iter().map(|t| cell(&[bold(t)])).collect())
}

fn cell(paragraphs: &[Paragraph]) -> TableCell {
    paragraphs.iter().fold(TableCell::new(), |c, p| c.add_paragraph(p.clone()))
}

/// A paragraph in the document's own Heading 1–3 style (see `package`), so
/// that Word's navigation pane and a screen reader find the structure.
fn heading(level: usize, title: &str) -> Paragraph {
    Paragraph::new().add_run(run(title)).style(&format!("Heading{level}"))
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
