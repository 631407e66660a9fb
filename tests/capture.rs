//! Capture as the papers come: a minutes' action table pasted into the TUI
//! (bracketed paste, in a pseudo-terminal) is read by its columns.

mod common;

use common::{Session, snapshot_files};
use gavel::model::Deadline;
use std::path::Path;

const START: &str = "\x1b[200~";
const END: &str = "\x1b[201~";
const TABLE: &str = include_str!("data/action-table.tsv");

/// Every file but the log, the register read without its identities and
/// histories: the people and groups typed into gavel.json by hand get
/// theirs as the actions linking to them are written (`model::link`).
fn not_the_log(root: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let log = ["actions.json", ".gavel.checked", ".gavel.spare"];
    let files = snapshot_files(root).into_iter().filter(|(p, _)| !log.iter().any(|name| p.ends_with(name)));
    files.map(|(p, bytes)| if p.ends_with("gavel.json") { (p, without_ids(&bytes)) } else { (p, bytes) }).collect()
}

fn without_ids(bytes: &[u8]) -> Vec<u8> {
    let mut board: serde_json::Value = serde_json::from_slice(bytes).unwrap();
    for list in ["people", "groups"] {
        for record in board[list].as_array_mut().unwrap() {
            let record = record.as_object_mut().unwrap();
            record.remove("id");
            record.remove("changes");
        }
    }
    board["schema_version"] = 0.into();
    serde_json::to_vec_pretty(&board).unwrap()
}

#[test]
fn a_pasted_minutes_table_gives_exactly_the_owners_deadlines_and_refs_of_its_cells() {
    let (_dir, root) = common::board_for_the_table();
    let others = not_the_log(&root);
    let env = [("GAVEL_NOW", "2024-03-07T09:00:00Z")];
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &env);
    gavel.wait_for("2 Actions");
    // No input open: the paste opens quick-add with it, as a terminal sends it.
    gavel.send(&format!("{START}{}{END}", TABLE.replace('\n', "\r")));
    gavel.wait_for("12 actions · 4 with warnings");
    gavel.wait_for("refs a–l become the log's own");
    gavel.wait_for(
        "✓ a. \"Circulate the revised terms of reference to members\" · CJ (Carron Jacobs) · due Wed 1 May 2024",
    );
    gavel.wait_for("⚠ b. \"Invite the DfE advisors to the next meeting\" · GB (Gary Bloom), PD (Patricia D'Orsi)");
    // The last row's warning is below the fold until the preview scrolls.
    gavel.send("\x1b[6~");
    gavel.wait_for("look-alike letters (Cyrillic С): read as CJ");
    gavel.send("\r");
    gavel.wait_for("Enter again saves as shown");
    gavel.send("\r");
    gavel.wait_for("l added: Chair the review panel");
    gavel.send("q");
    assert!(gavel.wait_exit());

    let actions = gavel::store::load(&root).unwrap().actions.actions;
    let on = |d: &str| Some(Deadline::On(d.parse().unwrap()));
    let got: Vec<(&str, &str, Vec<&str>, Option<Deadline>)> = actions
        .iter()
        .map(|a| (a.reference.as_str(), a.text.as_str(), a.owners.iter().map(String::as_str).collect(), a.due))
        .collect();
    let want: Vec<(&str, &str, Vec<&str>, Option<Deadline>)> = vec![
        ("a", "Circulate the revised terms of reference to members", vec!["CJ"], on("2024-05-01")),
        ("b", "Invite the DfE advisors to the next meeting", vec!["GB", "PD"], on("2024-04-30")),
        (
            "c",
            "Refresh the SEND scorecard and share it with partners before the workshop",
            vec!["SROs"],
            on("2024-05-31"),
        ),
        ("d", "Update the risk log with the new scores", vec!["Scrum"], on("2024-06-14")),
        ("e", "Report on the EHCP timeliness audit", vec!["All"], Some(Deadline::Tbc)),
        ("f", "Arrange a separate meeting on the capacity review", vec!["MM", "CMc"], on("2024-05-01")),
        (
            "g",
            "Write to the DfE about the written statement of action and copy in the NHSE lead",
            vec!["LM", "TR"],
            on("2024-05-17"),
        ),
        // The sample's meetings are in 2022: no next meeting is made yet.
        ("h", "Share the peer review findings with schools", vec!["KR"], Some(Deadline::NextMeeting)),
        ("i", "Review the QA handbook and report back on the changes", vec!["KB"], on("2024-06-28")),
        ("j", "Confirm the SENDIASS review date", vec!["BM"], None),
        ("k", "Agree the communications plan", vec![], on("2024-04-30")),
        ("l", "Chair the review panel", vec!["CJ"], on("2024-07-15")),
    ];
    assert_eq!(got, want);
    for ((path, now), (_, was)) in not_the_log(&root).iter().zip(&others) {
        assert!(now == was, "nothing but the action log was written: {} changed", path.display());
    }
}

#[test]
fn a_long_preview_scrolls_to_its_last_warning_and_esc_adds_nothing() {
    let (_dir, root) = common::board_for_the_table();
    let before = snapshot_files(&root);
    let env = [("GAVEL_NOW", "2024-03-07T09:00:00Z")];
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &env);
    gavel.wait_for("2 Actions");
    gavel.send(&format!("{START}{}{END}", TABLE.replace('\n', "\r")));
    gavel.wait_for("12 actions · 4 with warnings · ↑0 ↓");
    assert!(!gavel.screen().contains("look-alike"), "{}", gavel.screen());
    gavel.send("\x1b[6~");
    gavel.wait_for("look-alike letters (Cyrillic");
    gavel.send("\x1b[5~");
    gavel.wait_for("✓ a. ");
    gavel.send("\x1b");
    wait_gone(&gavel, "Add action");
    gavel.send("q");
    assert!(gavel.wait_exit());
    assert_eq!(snapshot_files(&root), before, "Esc adds none");
}

/// Waits until the screen no longer shows `text`.
fn wait_gone(gavel: &Session, text: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while gavel.screen().contains(text) {
        assert!(std::time::Instant::now() < deadline, "the screen still shows {text:?}:\n{}", gavel.screen());
        std::thread::sleep(std::time::Duration::from_millis(25));
    }
}
