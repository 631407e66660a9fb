//! What makes the Word minutes a document of record beyond their text: the
//! Heading 1–3 styles, British English, the document's properties and
//! header rows that repeat on every page. docx-rs 0.4 has no call for the
//! last three, so they are written into its parts before they are zipped;
//! every value comes from the minutes, never the clock, so approved minutes
//! export the same bytes forever.

use crate::model::minutes::Minutes;
use docx_rs::{Docx, LineSpacing, Style, StyleType};

/// Heading sizes in half-points, Heading 1 first.
const HEADINGS: [usize; 3] = [32, 26, 22];

/// The footer's size in half-points: its page number fields take it from the style.
const FOOTER: usize = 18;

/// The document with its Heading 1–3 and footer paragraph styles, named as
/// Word names its own ("heading 1") so that Word and LibreOffice take them
/// for theirs.
pub(super) fn styled(doc: Docx) -> Docx {
    let footer = Style::new("Footer", StyleType::Paragraph).name("footer").based_on("Normal").size(FOOTER);
    let doc = doc.add_style(footer.align(docx_rs::AlignmentType::Center));
    HEADINGS.iter().enumerate().fold(doc, |doc, (i, size)| {
        let level = i + 1;
        let mut style = Style::new(format!("Heading{level}"), StyleType::Paragraph)
            .name(format!("heading {level}"))
            .based_on("Normal")
            .next("Normal")
            .size(*size)
            .bold()
            .outline_lvl(i);
        let air = if level == 3 { LineSpacing::new().after(60) } else { LineSpacing::new().before(240).after(80) };
        style.paragraph_property = style.paragraph_property.keep_next(true).line_spacing(air);
        if level == 1 {
            // The board's name in capitals, as the reference prints it, while its text stays as the board spells it.
            style.run_property = style.run_property.caps();
            style.paragraph_property = style.paragraph_property.align(docx_rs::AlignmentType::Center);
        }
        doc.add_style(style)
    })
}

/// The document's bytes: its parts as docx-rs builds them, with what it cannot say written in.
pub(super) fn pack(doc: Docx, m: &Minutes) -> Vec<u8> {
    let mut parts = doc.build();
    parts.document = repeat_header_rows(&parts.document);
    parts.styles = styles_of_record(&parts.styles);
    parts.doc_props.core = core_properties(m).into_bytes();
    let mut bytes = std::io::Cursor::new(Vec::new());
    parts.pack(&mut bytes).expect("a document in memory always packs");
    bytes.into_inner()
}

/// Marks the first row of every table as its header, which Word and
/// LibreOffice repeat at the top of each page the table runs on to. Every
/// table here opens with its header row, and every row has properties
/// (rows are kept whole), so the mark goes into the first `w:trPr` after
/// each `w:tbl`.
fn repeat_header_rows(document: &[u8]) -> Vec<u8> {
    const TABLE: &[u8] = b"<w:tbl>";
    const ROW_PROPERTIES: &[u8] = b"<w:trPr>";
    let mut out = Vec::with_capacity(document.len() + 256);
    let mut rest = document;
    while let Some(at) = find(rest, TABLE) {
        let Some(row) = find(&rest[at..], ROW_PROPERTIES).map(|r| at + r + ROW_PROPERTIES.len()) else { break };
        out.extend_from_slice(&rest[..row]);
        out.extend_from_slice(b"<w:tblHeader />");
        rest = &rest[row..];
    }
    out.extend_from_slice(rest);
    out
}

/// The styles' part with British English as the document's language (for
/// spelling, hyphenation and screen readers), and Normal marked as the
/// default paragraph style, which docx-rs leaves out and python-docx and
/// Word look for.
fn styles_of_record(styles: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(styles);
    let language = r#"<w:lang w:val="en-GB" w:eastAsia="en-GB" w:bidi="ar-SA" /></w:rPr></w:rPrDefault>"#;
    let normal = r#"<w:style w:type="paragraph" w:styleId="Normal">"#;
    text.replacen("</w:rPr></w:rPrDefault>", language, 1)
        .replacen("<w:rPr /></w:rPrDefault>", &format!("<w:rPr>{language}"), 1)
        .replacen(normal, r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal">"#, 1)
        .into_bytes()
}

/// Title, subject (the board), author, language and dates, where docx-rs
/// would say "unknown" and 1970. Dated by the meeting, not the clock.
fn core_properties(m: &Minutes) -> String {
    let date = m.date();
    let title = match date {
        Some(day) => format!("Minutes: {}, {}", m.title, day.format("%-d %B %Y")),
        None => format!("Minutes: {}", m.title),
    };
    let stamp = date.map_or(String::new(), |day| {
        let at = day.format("%Y-%m-%dT00:00:00Z");
        format!(
            r#"<dcterms:created xsi:type="dcterms:W3CDTF">{at}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">{at}</dcterms:modified>"#
        )
    });
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#,
            "<dc:title>{title}</dc:title><dc:subject>{board}</dc:subject><dc:creator>{board}</dc:creator>",
            "<cp:keywords>minutes</cp:keywords><cp:contentStatus>{status}</cp:contentStatus><dc:language>en-GB</dc:language>",
            "<cp:lastModifiedBy>{board}</cp:lastModifiedBy><cp:revision>1</cp:revision>{stamp}</cp:coreProperties>"
        ),
        title = escape(&title),
        board = escape(&m.board),
        status = escape(&m.status()),
        stamp = stamp,
    )
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// Workspace text as XML character data, control characters made visible.
fn escape(untrusted: &str) -> String {
    crate::text::clean_keep_newlines(untrusted)
        .replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\n', " ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_first_row_of_each_table_is_its_header() {
        let xml = b"<w:tbl><w:tr><w:trPr><w:cantSplit /></w:trPr></w:tr><w:tr><w:trPr></w:trPr></w:tr></w:tbl><w:tbl><w:tr><w:trPr></w:trPr></w:tr></w:tbl>";
        let marked = String::from_utf8(super::repeat_header_rows(xml)).unwrap();
        assert_eq!(marked.matches("<w:tblHeader />").count(), 2, "{marked}");
        assert!(marked.starts_with("<w:tbl><w:tr><w:trPr><w:tblHeader /><w:cantSplit />"), "{marked}");
    }

    #[test]
    fn properties_stay_text() {
        assert_eq!(super::escape("A & <B>\x1b"), "A &amp; &lt;B&gt;␛");
    }
}
