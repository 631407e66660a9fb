//! Writes a large, valid, realistic workspace, the same for the same seed:
//!
//! cargo run --release --example gen_workspace -- DIR [--years 10|100] [--meetings 250 --actions 10000 --risks 1000 --people 60] [--seed 1]

use gavel::generate::{Size, generate};
use std::path::PathBuf;

fn main() {
    let mut size = Size::TEN_YEARS;
    let mut dir = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        let mut number = || args.next().and_then(|v| v.parse::<usize>().ok()).expect("a number after the flag");
        match arg.as_str() {
            "--meetings" => size.meetings = number(),
            "--actions" => size.actions = number(),
            "--risks" => size.risks = number(),
            "--people" => size.people = number(),
            "--seed" => size.seed = number() as u64,
            "--years" => {
                let seed = size.seed;
                size = if number() >= 100 { Size::HUNDRED_YEARS } else { Size::TEN_YEARS };
                size.seed = seed;
            }
            other => dir = Some(PathBuf::from(other)),
        }
    }
    let dir = dir.expect(
        "usage: gen_workspace DIR [--years 10|100] [--meetings N] [--actions N] [--risks N] [--people N] [--seed N]",
    );
    generate(&dir, size).expect("writing the workspace");
    println!(
        "wrote {} with {} people, {} meetings, {} actions, {} risks",
        dir.display(),
        size.people,
        size.meetings,
        size.actions,
        size.risks
    );
}
