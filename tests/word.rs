//! The Word minutes as a document of record, read back from the package:
//! real Heading 1–3 styles used by the title, sections and items, a footer
//! with "Page N of M" fields, header rows that repeat and rows kept whole,
//! the document's properties from the minutes (dated by the meeting, so
//! approved minutes keep their bytes), British English, and the chair's
//! signature lines under approved minutes only.

mod common;

use common::sample_copy;
use std::path::Path;

fn gavel(root: &Path, args: &[&str]) {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["-w", root.to_str().unwrap()])
        .args(args)
        .env("GAVEL_NOW", "2022-03-03T09:00:00+00:00")
        .output()
        .unwrap();
    assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}

/// The January minutes as Word, each part of the package by name.
fn word(root: &Path, name: &str) -> impl Fn(&str) -> String {
    let file = root.join(name);
    gavel(root, &["export", "minutes", "--meeting", "2022-01-06", "--format", "docx", "-o", file.to_str().unwrap()]);
    move |part: &str| common::docx_part(&file, part)
}

#[test]
fn word_minutes_are_a_document_of_record() {
    let (_dir, root) = sample_copy();
    let draft = word(&root, "draft.docx");
    let styles = draft("word/styles.xml");
    for level in 1..=3 {
        let defined = format!(r#"w:styleId="Heading{level}"><w:name w:val="heading {level}" />"#);
        assert!(styles.contains(&defined), "Heading {level} is a style: {styles}");
        assert!(styles.contains(&format!(r#"<w:outlineLvl w:val="{}" />"#, level - 1)), "and an outline level");
    }
    assert!(styles.contains(r#"w:default="1" w:styleId="Normal""#) && styles.contains(r#"<w:lang w:val="en-GB""#));
    let document = draft("word/document.xml");
    let used = |style: &str| document.matches(&format!(r#"<w:pStyle w:val="{style}" />"#)).count();
    assert_eq!(used("Heading1"), 1, "the board's name");
    assert_eq!(used("Heading2"), 5, "Attendance, Declarations, Minutes, Actions, Date of next meeting");
    assert_eq!(used("Heading3"), 12, "each of the eleven items and the close");
    let (tables, rows) = (document.matches("<w:tbl>").count(), document.matches("<w:tr>").count());
    assert_eq!(document.matches("<w:tblHeader />").count(), tables, "each table's header row repeats");
    assert_eq!(document.matches("<w:cantSplit />").count(), rows, "no row splits across pages");
    let footer = draft("word/footer1.xml");
    assert!(
        footer.contains("<w:instrText>PAGE</w:instrText>") && footer.contains("<w:instrText>NUMPAGES</w:instrText>")
    );
    assert!(footer.contains("Draft minutes · Page "), "{footer}");
    let core = draft("docProps/core.xml");
    for expected in [
        "<dc:title>Minutes: SEND Strategic Partnership Board, 6 January 2022</dc:title>",
        "<dc:subject>Southend SEND Strategic Partnership Board</dc:subject>",
        "<dc:language>en-GB</dc:language>",
        r#"<dcterms:created xsi:type="dcterms:W3CDTF">2022-01-06T00:00:00Z</dcterms:created>"#,
    ] {
        assert!(core.contains(expected), "{expected} in {core}");
    }
    assert!(!core.contains("unknown") && !core.contains("1970"), "{core}");
    assert!(!document.contains("Signed:") && !document.contains("DRAFT MINUTES"), "a draft is not signed");

    gavel(&root, &["minutes", "approve", "2022-01-06", "--on", "2022-03-03", "--yes"]);
    let approved = word(&root, "approved.docx");
    let document = approved("word/document.xml");
    assert!(document.contains("Approved on 3 March 2022") && !document.contains("Draft minutes"));
    let signed = document.find("Signed: ").expect("the chair's signature line");
    assert!(document[signed..].contains(" Chair") && document[signed..].contains("Date: "), "then the date line");
    assert!(approved("docProps/core.xml").contains("<cp:contentStatus>Approved on 3 March 2022</cp:contentStatus>"));
}
