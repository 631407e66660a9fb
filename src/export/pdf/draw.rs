//! The laid-out sheets written as a PDF with krilla: text in the embedded
//! faces, fills and frames, each page numbered "Page 3 of 12", the papers'
//! own pages drawn whole, the headings as the outline, and the document's
//! title and language.

use super::fonts::Fonts;
use super::layout::{MARGIN, Mark, Op, PAGE, RULE, Rgb, Sheet};
use krilla::Document;
use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect, Size};
use krilla::metadata::{DateTime, Metadata};
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::pdf::PdfDocument;
use krilla::surface::Surface;

/// What the document says about itself.
pub(crate) struct About {
    pub title: String,
    pub subject: String,
    /// The meeting's day: the document's date, so the same minutes are the same bytes.
    pub date: Option<chrono::NaiveDate>,
}

/// A paper read in: the document and the size of each of its pages, as it is meant to be read.
#[derive(Clone)]
pub(crate) struct Paper {
    pub doc: PdfDocument,
    pub sizes: Vec<(f32, f32)>,
}

/// The PDF of `sheets`; `papers` are the documents a `Sheet::Paper` names.
pub(crate) fn write(
    fonts: &Fonts,
    (sheets, marks): (&[Sheet], &[Mark]),
    about: &About,
    papers: &[Paper],
) -> Result<Vec<u8>, krilla::error::KrillaError> {
    let mut settings = krilla::SerializeSettings::default();
    if !papers.is_empty() {
        // A paper written as PDF 2.0 can only be carried in a PDF 2.0.
        settings.configuration = krilla::configure::Configuration::new_with(
            krilla::configure::Validator::None,
            krilla::configure::PdfVersion::Pdf20,
        )
        .unwrap_or_default();
    }
    let mut document = Document::new_with(settings);
    let total = sheets.len();
    for (n, sheet) in sheets.iter().enumerate() {
        let size = match sheet {
            Sheet::Paper { paper, page } => papers[*paper].sizes.get(*page).copied().unwrap_or(PAGE),
            Sheet::Drawn(_) => PAGE,
        };
        let Some(settings) = PageSettings::from_wh(size.0, size.1) else { continue };
        let mut page = document.start_page_with(settings);
        let mut surface = page.surface();
        match sheet {
            Sheet::Drawn(ops) => ops.iter().for_each(|op| draw(&mut surface, fonts, op)),
            Sheet::Paper { paper, page } => {
                if let Some(size) = Size::from_wh(size.0, size.1) {
                    surface.draw_pdf_page(&papers[*paper].doc, size, *page);
                }
            }
        }
        footer(&mut surface, fonts, size, &format!("Page {} of {total}", n + 1));
        surface.finish();
        page.finish();
    }
    document.set_outline(outline(marks));
    document.set_metadata(metadata(about));
    document.finish()
}

fn colour(Rgb(r, g, b): Rgb) -> krilla::paint::Paint {
    rgb::Color::new(r, g, b).into()
}

fn draw(surface: &mut Surface, fonts: &Fonts, op: &Op) {
    match op {
        Op::Text { x, y, size, bold, text } => {
            let face = fonts.face(*bold);
            surface.set_fill(Some(Fill::default()));
            surface.draw_glyphs(
                Point::from_xy(*x, *y),
                &face.glyphs(text, *size),
                face.font.clone(),
                text,
                *size,
                false,
            );
        }
        Op::Fill { x, y, w, h, colour: c } => {
            surface.set_stroke(None);
            surface.set_fill(Some(Fill { paint: colour(*c), opacity: NormalizedF32::ONE, rule: Default::default() }));
            rect(surface, *x, *y, *w, *h);
        }
        Op::Frame { x, y, w, h } => {
            surface.set_fill(None);
            surface.set_stroke(Some(Stroke { paint: colour(RULE), width: 0.5, ..Stroke::default() }));
            rect(surface, *x, *y, *w, *h);
            surface.set_stroke(None);
        }
    }
}

fn rect(surface: &mut Surface, x: f32, y: f32, w: f32, h: f32) {
    let mut path = PathBuilder::new();
    if let Some(rect) = Rect::from_xywh(x, y, w, h) {
        path.push_rect(rect);
    }
    if let Some(path) = path.finish() {
        surface.draw_path(&path);
    }
}

/// "Page 3 of 12", centred in the bottom margin.
fn footer(surface: &mut Surface, fonts: &Fonts, (width, height): (f32, f32), text: &str) {
    let size = 8.5;
    let x = (width - fonts.regular.width(text, size)) / 2.0;
    let y = height - MARGIN / 2.0;
    draw(surface, fonts, &Op::Text { x, y, size, bold: false, text: text.to_string() });
}

/// The bookmarks as a tree: a heading holds the deeper headings after it.
fn outline(marks: &[Mark]) -> Outline {
    fn nodes(marks: &[Mark], at: &mut usize, level: u8) -> Vec<OutlineNode> {
        let mut out = Vec::new();
        while let Some(mark) = marks.get(*at).filter(|m| m.level >= level) {
            *at += 1;
            let to = krilla::destination::XyzDestination::new(mark.page, Point::from_xy(0.0, mark.y));
            let mut node = OutlineNode::new(mark.title.clone(), to);
            for child in nodes(marks, at, mark.level + 1) {
                node.push_child(child);
            }
            out.push(node);
        }
        out
    }
    let mut outline = Outline::new();
    for node in nodes(marks, &mut 0, 0) {
        outline.push_child(node);
    }
    outline
}

fn metadata(about: &About) -> Metadata {
    let mut metadata = Metadata::new()
        .title(about.title.clone())
        .description(about.subject.clone())
        .language("en-GB".into())
        .creator("gavel".into());
    if let Some(day) = about.date {
        use chrono::Datelike;
        let year = u16::try_from(day.year()).unwrap_or(2000);
        let date = DateTime::new(year).month(day.month() as u8).day(day.day() as u8);
        metadata = metadata.creation_date(date);
    }
    metadata
}
