//! The board pack: one PDF with a cover (the meeting's details and the
//! contents), the agenda, the last meeting's minutes for approval, the
//! action log with RAG, the risk register with its heat grid, then each
//! paper the agenda names, its own pages drawn whole. Every part and paper
//! is a bookmark; every page is numbered. A paper that is missing, not a
//! PDF, or cannot be read gets a page that says so, and a warning.

use super::draw::{self, About, Paper};
use super::fonts::Fonts;
use super::layout::{Flow, Mark, Sheet};
use crate::export::agenda::Agenda;
use crate::model::minutes::Minutes;
use crate::model::{Meeting, Workspace};
use krilla::pdf::{Pdf, PdfDocument};
use std::sync::Arc;

/// A paper the agenda names, as found in the papers folder.
pub struct Supplied {
    /// "5a".
    pub number: String,
    /// The agenda item it belongs to: "5. SEND Strategy".
    pub item: String,
    pub file: PaperFile,
}

pub enum PaperFile {
    Pdf(Vec<u8>),
    /// Only a file of another kind, by this name ("5a.docx").
    NotPdf(String),
    Missing,
}

/// What the pack is made of, read by the command.
pub struct Parts<'a> {
    pub ws: &'a Workspace,
    pub meeting: &'a Meeting,
    /// The minutes of the meeting before, for approval.
    pub previous: Option<Minutes>,
    pub papers: Vec<Supplied>,
    /// Files in the papers folder that no agenda item names.
    pub unnamed: Vec<String>,
    pub today: chrono::NaiveDate,
}

/// The pack, and the warnings to give (papers missing or left out).
pub fn pack(parts: &Parts) -> Result<(Vec<u8>, Vec<String>), super::Error> {
    let fonts = Fonts::load();
    let mut warnings = Vec::new();
    let mut loaded: Vec<Option<Paper>> = parts.papers.iter().map(|p| read(p, &mut warnings)).collect();
    let agenda = Agenda::of(parts.ws, parts.meeting);
    let about = About {
        title: super::clean(&format!("{}: board pack, {}", agenda.board, agenda.when)),
        subject: super::clean(&agenda.title),
        date: Some(parts.meeting.date),
    };
    // A paper krilla cannot carry (found only as the file is written) is
    // given its page saying so, and the pack is made again without it.
    for _ in 0..=loaded.len() {
        let (sheets, marks, used) = lay_out(&fonts, parts, &agenda, &loaded);
        let papers: Vec<Paper> = used.iter().filter_map(|&i| loaded[i].clone()).collect();
        match draw::write(&fonts, (&sheets, &marks), &about, &papers) {
            Ok(bytes) => return Ok((bytes, warnings)),
            Err(krilla::error::KrillaError::Pdf(doc, why, _)) => {
                let Some(bad) = used.iter().copied().find(|&i| loaded[i].as_ref().is_some_and(|p| p.doc == doc)) else {
                    return Err(format!("{why:?}"));
                };
                warnings.push(format!("paper {}: cannot be included ({why:?}): left out", parts.papers[bad].number));
                loaded[bad] = None;
            }
            Err(e) => return Err(format!("{e:?}")),
        }
    }
    Err("no paper could be included".into())
}

/// The paper read as a PDF, or a warning saying why it cannot be.
fn read(supplied: &Supplied, warnings: &mut Vec<String>) -> Option<Paper> {
    let number = &supplied.number;
    match &supplied.file {
        PaperFile::Missing => warnings.push(format!("paper {number}: not supplied (no {number}.pdf)")),
        PaperFile::NotPdf(name) => warnings.push(format!("paper {number}: {name} is not a PDF: left out")),
        PaperFile::Pdf(bytes) => match Pdf::new(Arc::new(bytes.clone())) {
            Ok(pdf) => {
                let sizes = pdf.pages().iter().map(|p| p.render_dimensions()).collect();
                return Some(Paper { doc: PdfDocument::new(Arc::new(pdf)), sizes });
            }
            Err(why) => warnings.push(format!("paper {number}: cannot be read as a PDF ({why:?}): left out")),
        },
    }
    None
}

/// The pack's pages and bookmarks, and which papers (by index) they draw.
fn lay_out(
    fonts: &Fonts,
    parts: &Parts,
    agenda: &Agenda,
    loaded: &[Option<Paper>],
) -> (Vec<Sheet>, Vec<Mark>, Vec<usize>) {
    let mut flow = Flow::new(fonts);
    flow.new_page(); // the cover, laid out last, when the contents' pages are known
    flow.new_page();
    super::agenda::lay_out(&mut flow, agenda, 0);
    flow.new_page();
    let approval = match parts.previous.as_ref().and_then(|m| m.approved.as_ref()) {
        Some(approved) => format!(" ({})", approved.to_lowercase()),
        None => ", for approval".to_string(),
    };
    flow.mark(0, &format!("Minutes of the last meeting{approval}"));
    match &parts.previous {
        Some(minutes) => super::minutes::lay_out(&mut flow, minutes, 1),
        None => flow.text("There is no earlier meeting: no minutes to approve."),
    }
    flow.new_page();
    flow.heading(0, "Action log");
    let ctx = parts.ws.rag_context(parts.today);
    super::registers::action_log(&mut flow, parts.ws, &ctx);
    flow.new_page();
    flow.heading(0, "Risk register");
    super::registers::risk_register(&mut flow, parts.ws, 1);
    let mut used = Vec::new();
    papers(&mut flow, parts, loaded, &mut used);
    let (mut sheets, mut marks) = flow.finish();
    let (cover, cover_marks) = cover(fonts, parts, agenda, &marks);
    if let Some(first) = cover.into_iter().next() {
        sheets[0] = first;
    }
    marks.splice(0..0, cover_marks);
    (sheets, marks, used)
}

/// The papers' index page, then each paper's pages, or a page saying why it is not there.
fn papers(flow: &mut Flow, parts: &Parts, loaded: &[Option<Paper>], used: &mut Vec<usize>) {
    flow.new_page();
    flow.heading(0, "Papers");
    if parts.papers.is_empty() {
        flow.text("The agenda names no papers.");
    }
    for (supplied, paper) in parts.papers.iter().zip(loaded) {
        let pages = paper.as_ref().map_or(0, |p| p.sizes.len());
        let state = match (&supplied.file, pages) {
            (_, 1) => "1 page".to_string(),
            (_, n) if n > 1 => format!("{n} pages"),
            (PaperFile::Missing, _) => "not supplied".to_string(),
            (PaperFile::NotPdf(name), _) => format!("{name} is not a PDF: not included"),
            (PaperFile::Pdf(_), _) => "could not be included".to_string(),
        };
        flow.text(&format!("Paper {} ({}): {state}", supplied.number, supplied.item));
    }
    if !parts.unnamed.is_empty() {
        let folder = format!("papers/{}/", parts.meeting.date);
        flow.labelled(
            &format!("In {folder} but not named by the agenda, so not included: "),
            &parts.unnamed.join(", "),
        );
    }
    for (i, (supplied, paper)) in parts.papers.iter().zip(loaded).enumerate() {
        let title = format!("Paper {}: {}", supplied.number, supplied.item);
        match paper.as_ref().filter(|p| !p.sizes.is_empty()) {
            Some(paper) => {
                flow.mark_next_page(1, &title);
                for page in 0..paper.sizes.len() {
                    flow.paper_page(used.len(), page);
                }
                used.push(i);
            }
            None => {
                flow.new_page();
                let why = match &supplied.file {
                    PaperFile::Missing => "not supplied",
                    PaperFile::NotPdf(_) => "not supplied as PDF",
                    PaperFile::Pdf(_) => "could not be included",
                };
                flow.heading(1, &format!("Paper {}: {why}", supplied.number));
                flow.text(&format!("For item {}.", supplied.item));
                if let PaperFile::NotPdf(name) = &supplied.file {
                    flow.text(&format!("{name} was supplied, but only PDF papers can be included in the pack."));
                } else if let PaperFile::Pdf(_) = &supplied.file {
                    flow.text(&format!(
                        "{}.pdf could not be read or included (damaged or encrypted?).",
                        supplied.number
                    ));
                }
            }
        }
    }
}

/// The cover: the board, the meeting's details and the contents with their pages.
fn cover(fonts: &Fonts, parts: &Parts, agenda: &Agenda, marks: &[Mark]) -> (Vec<Sheet>, Vec<Mark>) {
    let mut flow = Flow::new(fonts);
    flow.new_page();
    flow.mark(0, "Cover");
    flow.space(120.0);
    flow.paragraph(&[(&agenda.board, true)], 22.0);
    flow.paragraph(&[("Board pack", false)], 16.0);
    flow.space(12.0);
    flow.paragraph(&[(&agenda.title, true)], 13.0);
    let m = parts.meeting;
    flow.labelled("Date: ", &m.date.format("%A %-d %B %Y").to_string());
    flow.labelled("Time: ", &format!("{}–{}", m.planned_start.format("%H:%M"), m.planned_end.format("%H:%M")));
    if !m.location.is_empty() {
        flow.labelled("Place: ", &m.location);
    }
    flow.space(24.0);
    flow.paragraph(&[("Contents", true)], 13.0);
    // Many papers: the parts only; every paper is in the outline and the Papers index.
    let many = marks.iter().filter(|m| m.level == 1).count() > 30;
    for mark in marks.iter().filter(|m| m.level == 0 || (!many && m.level == 1 && m.title.starts_with("Paper "))) {
        let indent = if mark.level == 0 { "" } else { "    " };
        flow.text(&format!("{indent}{}  ·  page {}", mark.title, mark.page + 1));
    }
    flow.finish()
}
