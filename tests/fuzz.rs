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
        meeting_today: Default::default(),
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

/// An action line as minutes write it: a label, a subject, some words
/// (or anything at all), owners and a deadline in their many forms.
fn minutes_line() -> impl Strategy<Value = String> {
    let pick = |options: &'static [&'static str]| prop::sample::select(options.to_vec());
    (
        pick(&["", "Action: ", "Action - ", "ACTION: "]),
        pick(&["", "GB to ", "The SEND Scrum will ", "MM asked JB to ", "Gary and Patricia to ", "SEND Scrum to "]),
        prop_oneof![
            line(),
            pick(&["circulate the tracker", "review the ToR.", "bring the paper"]).prop_map(str::to_string)
        ],
        pick(&["", " @GB", " @MM & CMc", " @\"SEND Scrum\"", " @Gary", " (CMc)", " – PD", " @\u{41c}M"]),
        pick(&[
            "",
            " due 1 May",
            " by end of April",
            " w/c 12 May",
            " within two weeks",
            " ongoing",
            " TBC",
            " ASAP",
            " next meeting",
            " to the next meeting",
            " due Friday 26th April",
            " by 20-06-24",
            " due 1.5.18",
        ]),
    )
        .prop_map(|(label, subject, words, owners, due)| format!("{label}{subject}{words}{owners}{due}"))
}

/// A workspace shared by the cases of a property, each adding to its log.
fn shared_workspace() -> &'static Path {
    static ROOT: std::sync::OnceLock<(tempfile::TempDir, std::path::PathBuf)> = std::sync::OnceLock::new();
    let (_, root) = ROOT.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("board");
        store::init_workspace(&root, true, None, store::Sharing::Private).unwrap();
        (dir, root)
    });
    root
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

    /// What quick-add accepts (the preview shows its text, owners and
    /// deadline, read by the same function Enter and `gavel add` use) is
    /// what is on disk afterwards, field for field.
    #[test]
    fn what_is_accepted_is_saved_exactly_as_previewed(line in minutes_line()) {
        let root = shared_workspace();
        let ws = store::load_calendar(root).unwrap();
        let ctx = ws.date_context("2022-01-06".parse().unwrap());
        if let Ok(previewed) = quickadd::read(&line, &ws.board, &ctx) {
            prop_assert!(!previewed.draft.text.to_lowercase().starts_with("action"), "{:?}", previewed.draft);
            let added = store::append_action(root, &ws.board, previewed.draft.clone(), None).unwrap();
            let saved = store::load(root).unwrap().actions.actions.into_iter().find(|a| a.reference == added.reference).unwrap();
            prop_assert_eq!(&saved.text, &previewed.draft.text);
            prop_assert_eq!(&saved.owners, &previewed.draft.owners);
            prop_assert_eq!(saved.due, previewed.draft.due);
            // The same line read again reads the same: the preview is not a guess.
            prop_assert_eq!(quickadd::read(&line, &ws.board, &ctx).unwrap(), previewed);
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
        let log = gavel::model::ActionLog::empty();
        let cx = gavel::export::sheet::Context { board: &board, dates: ctx(), log: &log, raised: None, meetings: &[] };
        let _ = gavel::export::sheet::read(&bytes, &cx);
        let csv = format!("Ref,Action,Owner,Deadline,Status,RAG,Raised at,Updates,Closed\r\nA1,{text},GB,{text},open,,{text},{text},\r\n");
        let _ = gavel::export::sheet::read(csv.as_bytes(), &cx);
        let semis = format!("No;Item;Action;Deadline\r\n{text};;{text};{text}\r\n");
        let _ = gavel::export::sheet::read(semis.as_bytes(), &cx);
    }
}
