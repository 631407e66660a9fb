//! Writes a spreadsheet of actions as a board keeps one by hand, for the
//! import's memory figures (BENCHMARKS.md, "Import memory"):
//!
//! cargo run --release --example gen_sheet -- FILE ROWS [--windows-1252]

#[path = "../tests/common/sheet.rs"]
mod sheet;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (Some(file), Some(rows)) = (args.first(), args.get(1).and_then(|n| n.parse().ok())) else {
        eprintln!("usage: gen_sheet FILE ROWS [--windows-1252]");
        std::process::exit(2);
    };
    let saved = if args.iter().any(|a| a == "--windows-1252") { sheet::Saved::Windows1252 } else { sheet::Saved::Utf8 };
    let mut out = std::io::BufWriter::new(std::fs::File::create(file).expect("FILE can be written"));
    sheet::write(&mut out, rows, saved).expect("FILE can be written");
}
