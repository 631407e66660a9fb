//! Property tests over the loader and the one-line parsers: arbitrary or
//! mutated input never panics, and what is accepted makes sense. CI runs
//! proptest's default 256 cases a property; for a longer run:
//! `PROPTEST_CASES=20000 cargo test --release --test fuzz`.

use gavel::model::quickadd::{self, DateContext};
use gavel::model::{ActionLog, Board, Meeting, RiskRegister, attendance, riskline};
use gavel::store;
use proptest::prelude::*;
use std::path::Path;

const SAMPLE: &str = "sample-data/southend-send";

fn board() -> Board {
    store::load(Path::new(SAMPLE)).unwrap().board
}

fn ctx() -> DateContext {
    DateContext {
        today: "2022-01-06".parse().unwrap(),
        order: Default::default(),
        next_meeting: Some("2022-03-03".parse().unwrap()),
    }
}

/// Words and marks the grammars care about, mixed with anything at all.
fn line() -> impl Strategy<Value = String> {
    let words = prop::sample::select(vec![
        "due",
        "by",
        "@GB",
        "@cmc/PD",
        "@XX",
        "@",
        "next",
        "meeting",
        "1.5.22",
        "31.02.22",
        "2024-05-01",
        "1 May",
        "May",
        "2024",
        "+3d",
        "+2w",
        "+",
        "friday",
        "tomorrow",
        "L4",
        "I3",
        "4x3",
        "review",
        "item",
        "4",
        "withdraws",
        ",",
        "Jane Doe",
        "Healthwatch",
        "10:12",
        "\u{1b}[2J",
        "会議",
        "",
    ]);
    prop::collection::vec(prop_oneof![words.prop_map(str::to_string), any::<String>()], 0..8).prop_map(|w| w.join(" "))
}

fn mutate(bytes: &[u8], edits: &[(usize, u8, u8)]) -> Vec<u8> {
    let mut out = bytes.to_vec();
    for &(at, kind, byte) in edits {
        if out.is_empty() {
            break;
        }
        let at = at % out.len();
        match kind % 3 {
            0 => out[at] = byte,
            1 => drop(out.drain(at..(at + usize::from(byte)).min(out.len()))),
            _ => out.insert(at, byte),
        }
    }
    out
}

proptest! {
    #[test]
    fn documents_never_panic_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let file = Path::new("any.json");
        let _ = store::parse_document::<Board>(file, &bytes);
        let _ = store::parse_document::<ActionLog>(file, &bytes);
        let _ = store::parse_document::<RiskRegister>(file, &bytes);
        let _ = store::parse_document::<Meeting>(file, &bytes);
    }

    /// A sample file damaged in a few places either still loads or is
    /// refused with a message that names the file.
    #[test]
    fn damaged_sample_files_load_or_are_named(
        which in 0usize..4,
        edits in prop::collection::vec((any::<usize>(), any::<u8>(), any::<u8>()), 1..6),
    ) {
        let files = ["gavel.json", "actions.json", "risks.json", "meetings/2022-01-06.json"];
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("board");
        store::init_workspace(&root, true, None, store::Sharing::Private).unwrap();
        let path = root.join(files[which]);
        let damaged = mutate(&std::fs::read(&path).unwrap(), &edits);
        std::fs::write(&path, &damaged).unwrap();
        match store::load(&root) {
            Ok(_) => {}
            Err(store::LoadError::Invalid(problems)) => {
                prop_assert!(!problems.is_empty());
                prop_assert!(problems.iter().all(|p| p.file.starts_with(&root)));
            }
            Err(other) => prop_assert!(false, "unexpected {other}"),
        }
        prop_assert_eq!(std::fs::read(&path).unwrap(), damaged, "loading never writes");
    }

    #[test]
    fn quick_add_never_panics_and_accepts_only_sense(line in line()) {
        let board = board();
        if let Ok(draft) = quickadd::parse(&line, &board, &ctx()) {
            prop_assert!(!draft.text.trim().is_empty());
            prop_assert!(draft.owners.iter().all(|o| board.is_known(o)));
        }
    }

    #[test]
    fn the_other_one_line_forms_never_panic(line in line()) {
        let board = board();
        let meeting = store::load(Path::new(SAMPLE)).unwrap().meetings.remove(1);
        let now = "2022-03-03T10:30:00+00:00".parse().unwrap();
        let _ = riskline::parse_new(&line, &board, &ctx());
        let _ = riskline::parse_score(&line);
        let _ = quickadd::read_one_date(&line, &ctx());
        let _ = attendance::parse_guest(&line);
        let _ = attendance::parse_declaration(&line, &board);
        let _ = attendance::parse_time(&line, &meeting, now);
    }

    #[test]
    fn action_spreadsheets_never_panic(bytes in prop::collection::vec(any::<u8>(), 0..400), text in line()) {
        let board = board();
        let _ = gavel::export::actions::from_csv(&bytes, &board, &ctx());
        let csv = format!("Ref,Action,Owner,Deadline,Status,RAG,Raised at,Updates,Closed\r\nA1,{text},GB,{text},open,,{text},{text},\r\n");
        let _ = gavel::export::actions::from_csv(csv.as_bytes(), &board, &ctx());
    }
}
