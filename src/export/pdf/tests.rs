//! The layout's promises: lines no wider than the page, a table's header
//! row at the top of each page it runs onto, and each row on one page.

use super::fonts::Fonts;
use super::layout::{Cell, Flow, MARGIN, Op, PAGE, Sheet};

fn texts(sheet: &Sheet) -> Vec<(f32, f32, String)> {
    match sheet {
        Sheet::Drawn(ops) => ops
            .iter()
            .filter_map(|op| match op {
                Op::Text { x, y, text, .. } => Some((*x, *y, text.clone())),
                _ => None,
            })
            .collect(),
        Sheet::Paper { .. } => Vec::new(),
    }
}

#[test]
fn a_long_table_repeats_its_header_and_keeps_each_row_whole() {
    let fonts = Fonts::load();
    let mut flow = Flow::new(&fonts);
    let rows: Vec<Vec<Cell>> = (0..120)
        .map(|n| {
            let text = format!("Row {n} {}", "with words enough to wrap onto a second line ".repeat(1 + n % 3));
            vec![Cell::plain(format!("R{n}")), Cell::plain(text)]
        })
        .collect();
    flow.table(&[("Ref", 1.0), ("What", 5.0)], &rows);
    let (sheets, _) = flow.finish();
    assert!(sheets.len() > 3, "{} pages", sheets.len());
    let mut seen = Vec::new();
    for sheet in &sheets {
        let texts = texts(sheet);
        assert_eq!(texts[0].2, "Ref", "each page starts with the header row");
        assert!(texts.iter().all(|(_, y, _)| *y < PAGE.1 - MARGIN), "nothing in the bottom margin");
        // A row's cells: its ref and the first and last line of its text are on one page.
        for (_, _, text) in &texts {
            if let Some(n) = text.strip_prefix('R').and_then(|n| n.parse::<usize>().ok()) {
                seen.push(n);
                assert!(texts.iter().any(|(_, _, t)| t.starts_with(&format!("Row {n} "))), "row {n} split");
            }
        }
    }
    assert_eq!(seen, (0..120).collect::<Vec<_>>());
}

#[test]
fn lines_fit_the_page_and_a_word_wider_than_it_is_cut() {
    let fonts = Fonts::load();
    let flow = Flow::new(&fonts);
    let text = format!("{} {}", "Accelerated Progress Plan tracker ".repeat(20), "x".repeat(400));
    let lines = flow.lines(&[(&text, false)], 10.0, 200.0);
    assert!(lines.len() > 10);
    for line in &lines {
        let words: Vec<&str> = line.iter().map(|(w, _)| w.as_str()).collect();
        assert!(fonts.regular.width(&words.join(" "), 10.0) <= 200.0, "{words:?}");
    }
    let joined: String = lines.iter().flatten().map(|(w, _)| w.as_str()).collect();
    assert_eq!(joined.matches('x').count(), 400, "nothing lost");
}

#[test]
fn a_row_taller_than_a_page_is_carried_over_under_the_header() {
    let fonts = Fonts::load();
    let mut flow = Flow::new(&fonts);
    let huge = "word ".repeat(3000);
    flow.table(&[("Ref", 1.0), ("What", 5.0)], &[vec![Cell::plain("A1"), Cell::plain(huge)]]);
    let (sheets, _) = flow.finish();
    assert!(sheets.len() > 1);
    for sheet in &sheets {
        let texts = texts(sheet);
        assert_eq!(texts[0].2, "Ref");
        assert!(texts.iter().all(|(_, y, _)| *y < PAGE.1 - MARGIN));
    }
}

#[test]
fn the_minutes_pdf_is_a_pdf_with_an_outline() {
    let ws = crate::store::load(std::path::Path::new("sample-data/southend-send")).unwrap();
    let meeting = &ws.meetings[0];
    let minutes =
        crate::model::minutes::Minutes::for_meeting(&ws, meeting, "2022-03-10T09:00:00+00:00".parse().unwrap());
    let pdf = super::minutes(&minutes).unwrap();
    assert!(pdf.starts_with(b"%PDF-1.7"));
    assert!(pdf.windows(9).any(|w| w == b"/Outlines"));
}
