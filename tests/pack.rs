//! The agenda and the board pack, read back by poppler (pdfinfo, pdftotext,
//! and pdftohtml -xml for the outline): the pack's pages are its parts'
//! and its papers', its text holds the cover, the agenda and the papers,
//! its bookmarks name each part and paper, and what is missing is said.

mod common;

use common::{poppler, sample_copy};
use std::path::Path;

const NOW: &str = "2022-02-20T09:00:00+00:00";
const MARCH: &str = "2022-03-03";

fn gavel(root: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["-w", root.to_str().unwrap()])
        .args(args)
        .env("GAVEL_USER", "Test Secretary")
        .env("GAVEL_NOW", NOW)
        .output()
        .unwrap()
}

fn ok(root: &Path, args: &[&str]) -> String {
    let out = gavel(root, args);
    assert!(out.status.success(), "gavel {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stderr).unwrap()
}

/// A small PDF of our own making, one line of Helvetica per page, as a
/// word processor other than gavel would write it (PDF 1.4, classic xref).
fn tiny_pdf(pages: &[&str]) -> Vec<u8> {
    let n = pages.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 3 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!("<< /Type /Pages /Kids [{}] /Count {n} >>", kids.join(" ")),
    ];
    for (i, text) in pages.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 {} 0 R >> >> /Contents {} 0 R >>",
            3 + 2 * n,
            4 + 2 * i
        ));
        let stream = format!("BT /F1 20 Tf 72 720 Td ({text}) Tj ET");
        objects.push(format!("<< /Length {} >>\nstream\n{stream}\nendstream", stream.len()));
    }
    objects.push("<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".into());
    let mut out = String::from("%PDF-1.4\n");
    let mut offsets = Vec::new();
    for (k, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.push_str(&format!("{} 0 obj\n{object}\nendobj\n", k + 1));
    }
    let xref = out.len();
    out.push_str(&format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1));
    for offset in offsets {
        out.push_str(&format!("{offset:010} 00000 n \n"));
    }
    out.push_str(&format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1));
    out.into_bytes()
}

fn pages(pdf: &Path) -> usize {
    let info = poppler("pdfinfo", &[pdf.as_os_str()]);
    let line = info.lines().find(|l| l.starts_with("Pages:")).expect("pdfinfo says how many pages");
    line["Pages:".len()..].trim().parse().unwrap()
}

/// The outline (bookmarks) as poppler reads it: each entry's title and page.
fn outline(pdf: &Path) -> Vec<(String, usize)> {
    let xml =
        poppler("pdftohtml", &["-xml".as_ref(), "-i".as_ref(), "-q".as_ref(), "-stdout".as_ref(), pdf.as_os_str()]);
    let outline = &xml[xml.find("<outline>").expect("the PDF has an outline")..];
    outline
        .split("<item page=\"")
        .skip(1)
        .map(|item| {
            let (page, rest) = item.split_once("\">").unwrap();
            let title = rest.split("</item>").next().unwrap().replace("&amp;", "&");
            (title, page.parse().unwrap())
        })
        .collect()
}

#[test]
fn a_pack_holds_its_parts_and_the_papers_pages_with_bookmarks() {
    let (dir, root) = sample_copy();
    let without = dir.path().join("without.pdf");
    ok(&root, &["export", "pack", MARCH, "-o", without.to_str().unwrap()]);
    // The March agenda names papers 5a, 5b, 6a, 7a, 8a and 9a: none supplied, each has its page.
    let folder = root.join("papers").join(MARCH);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("5a.pdf"), tiny_pdf(&["Tracker paper page one"])).unwrap();
    std::fs::write(folder.join("6a.pdf"), tiny_pdf(&["Capacity review one", "Capacity review two"])).unwrap();
    std::fs::write(folder.join("stray.pdf"), tiny_pdf(&["Not on the agenda"])).unwrap();
    let pack = dir.path().join("pack.pdf");
    let warnings = ok(&root, &["export", "pack", MARCH, "-o", pack.to_str().unwrap()]);
    // Two "not supplied" pages give way to three pages of papers.
    assert_eq!(pages(&pack), pages(&without) - 2 + 3);
    assert!(warnings.contains("paper 5b: not supplied"), "{warnings}");
    assert!(warnings.contains("stray.pdf is not named by the agenda"), "{warnings}");
    assert!(!warnings.contains("paper 5a"), "{warnings}");
    let text = common::pdftotext(&pack);
    for expected in [
        "Board pack",
        "Date: Thursday 3 March 2022",
        "Place: Via MS Teams",
        "10:45 5. Accelerated Progress Plan tracker",
        "Minutes of the last meeting, for approval",
        "Action log",
        "Heat grid",
        "Tracker paper page one",
        "Capacity review one",
        "Capacity review two",
        "Paper 5b: not supplied",
        "stray.pdf",
    ] {
        assert!(text.contains(expected), "no {expected:?} in the pack:\n{text}");
    }
    assert!(!text.contains("Not on the agenda"), "a file the agenda does not name is left out");
    let marks = outline(&pack);
    let page_of =
        |title: &str| marks.iter().find(|(t, _)| t.starts_with(title)).unwrap_or_else(|| panic!("{marks:?}")).1;
    for part in ["Cover", "Agenda", "Minutes of the last meeting", "Action log", "Risk register", "Papers"] {
        page_of(part);
    }
    assert_eq!(page_of("Cover"), 1);
    // The papers' own pages, where their bookmarks say, one after the other.
    let (five, six) = (page_of("Paper 5a: 5. Accelerated"), page_of("Paper 6a: 6. SEND capacity"));
    assert_eq!(six, five + 2, "5a, 5b's page, then 6a: {marks:?}");
    let page_text = |n: usize| {
        let n = n.to_string();
        let args = ["-f", &n, "-l", &n, "-raw", pack.to_str().unwrap(), "-"].map(std::ffi::OsStr::new);
        poppler("pdftotext", &args)
    };
    assert!(page_text(five).contains("Tracker paper page one"));
    assert!(page_text(six + 1).contains("Capacity review two"));
    assert!(page_text(six + 1).contains(&format!("Page {} of {}", six + 1, pages(&pack))), "numbered throughout");
}

#[test]
fn a_paper_that_is_not_a_pdf_or_is_broken_is_said_and_the_pack_still_made() {
    let (dir, root) = sample_copy();
    let folder = root.join("papers").join(MARCH);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("7a.docx"), b"PK not a pdf").unwrap();
    std::fs::write(folder.join("8a.pdf"), b"%PDF-1.4 this is not really a PDF").unwrap();
    let pack = dir.path().join("pack.pdf");
    let warnings = ok(&root, &["export", "pack", MARCH, "-o", pack.to_str().unwrap()]);
    assert!(warnings.contains("paper 7a: 7a.docx is not a PDF"), "{warnings}");
    assert!(warnings.contains("paper 8a: cannot be read as a PDF"), "{warnings}");
    let text = common::pdftotext(&pack);
    assert!(
        text.contains("Paper 7a: not supplied as PDF") && text.contains("Paper 8a: could not be included"),
        "{text}"
    );
}

#[test]
fn the_agenda_gives_each_items_planned_start_lead_and_papers() {
    let (dir, root) = sample_copy();
    // The next meeting by default.
    let out = gavel(&root, &["export", "agenda"]);
    let md = String::from_utf8(out.stdout).unwrap();
    assert!(md.contains("Thursday 3 March 2022, 10:00–12:00"), "{md}");
    assert!(md.contains("| 10:45 | 5\\. Accelerated Progress Plan tracker: red and amber areas | Gary Bloom | 20 | discussion | 5a, 5b |"), "{md}");
    let html = String::from_utf8(gavel(&root, &["export", "agenda", MARCH, "--format", "html"]).stdout).unwrap();
    assert!(html.contains("<td>10:45</td>") && html.contains("<td>5a, 5b</td>"), "{html}");
    let pdf = dir.path().join("agenda.pdf");
    ok(&root, &["export", "agenda", MARCH, "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    let text = common::pdftotext(&pdf);
    assert!(text.contains("11:05 6. SEND capacity review"), "{text}");
    let missing = gavel(&root, &["export", "agenda", "2030-01-01"]);
    assert_eq!(missing.status.code(), Some(1));
}

#[test]
fn hostile_text_stays_text_in_a_pdf_and_minutes_are_the_same_bytes_each_time() {
    let (dir, root) = sample_copy();
    common::replace_in(
        &root.join("meetings").join(format!("{MARCH}.json")),
        "Terms of Reference review",
        r"ToR \u202eevil\u001b[2J \u0007done",
    );
    let pdf = dir.path().join("agenda.pdf");
    ok(&root, &["export", "agenda", MARCH, "--format", "pdf", "-o", pdf.to_str().unwrap()]);
    let text = common::pdftotext(&pdf);
    // The bidi override as U+FFFD (`text::clean`), which the font lacks, and the controls' pictures too: □.
    assert!(text.contains("ToR □evil□[2J □done"), "{text}");
    assert!(!text.contains('\u{202e}') && !text.contains('\u{1b}'), "{text}");
    let (a, b) = (dir.path().join("a.pdf"), dir.path().join("b.pdf"));
    ok(&root, &["export", "minutes", "--meeting", "2022-01-06", "--format", "pdf", "-o", a.to_str().unwrap()]);
    ok(&root, &["export", "minutes", "--meeting", "2022-01-06", "--format", "pdf", "-o", b.to_str().unwrap()]);
    assert_eq!(std::fs::read(&a).unwrap(), std::fs::read(&b).unwrap());
}
