//! Pastes in a pseudo-terminal, as a terminal sends them (bracketed paste:
//! ESC [200~ … ESC [201~, lines ended by CR): text, never keys.

mod common;

use common::{Session, sample_copy, snapshot_files};
use std::path::Path;

const START: &str = "\x1b[200~";
const END: &str = "\x1b[201~";

fn actions(root: &Path) -> Vec<gavel::model::Action> {
    gavel::store::load(root).unwrap().actions.actions
}

/// Every file but the action log (and gavel's records of it), to prove
/// nothing else changed.
fn all_but_actions(root: &Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let log = ["actions.json", ".gavel.checked", ".gavel.spare"];
    snapshot_files(root).into_iter().filter(|(p, _)| !log.iter().any(|name| p.ends_with(name))).collect()
}

#[test]
fn a_paste_of_several_lines_makes_exactly_those_actions_and_nothing_else_changes() {
    let (_dir, root) = sample_copy();
    let before = actions(&root);
    let others = all_but_actions(&root);
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    gavel.wait_for("2 Actions");
    gavel.send("a");
    gavel.wait_for("Add action");
    // The lines from the issue: typed as keys, d, n and e would mark an action
    // done, start the meeting and edit another action.
    gavel.send(&format!(
        "{START}Action: GB to circulate the tracker within two weeks\rdone by MM and noted @MM in 10 days\rEdit the ToR @CJ next meeting{END}"
    ));
    gavel.wait_for("pasted 3 lines");
    // The deadlines are relative: the real clock decides their dates.
    gavel.wait_for("1. \"Circulate the tracker\" · GB (Gary Bloom) · due ");
    gavel.wait_for("2. \"done by MM and noted\" · MM (Michael Marks) · due ");
    // The sample's meetings are behind the real clock: no next meeting is planned.
    gavel.wait_for("3. \"Edit the ToR\" · CJ (Carron Jacobs) · due next meeting");
    gavel.send("\r");
    gavel.wait_for("A16 added: Edit the ToR · saved");
    gavel.send("q");
    assert!(gavel.wait_exit());
    let after = actions(&root);
    assert_eq!(after[..before.len()], before[..], "no action that was there changed");
    let new: Vec<(&str, &str, Vec<String>)> =
        after[before.len()..].iter().map(|a| (a.reference.as_str(), a.text.as_str(), a.owners.clone())).collect();
    assert_eq!(
        new,
        [
            ("A14", "Circulate the tracker", vec!["GB".to_string()]),
            ("A15", "done by MM and noted", vec!["MM".to_string()]),
            ("A16", "Edit the ToR", vec!["CJ".to_string()]),
        ]
    );
    assert_eq!(all_but_actions(&root), others, "the meeting did not start, nothing else was written");
}

#[test]
fn a_paste_with_no_input_open_opens_quick_add_and_esc_adds_nothing() {
    let (_dir, root) = sample_copy();
    let before = snapshot_files(&root);
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &[]);
    gavel.wait_for("2 Actions");
    gavel.send(&format!("{START}dvisors confirmed by email{END}"));
    gavel.wait_for("Add action");
    gavel.wait_for("dvisors confirmed by email");
    gavel.wait_for("no owner");
    gavel.send("\x1b");
    gavel.wait_gone("Add action");
    gavel.send("q");
    assert!(gavel.wait_exit());
    assert_eq!(snapshot_files(&root), before, "nothing was run as keys");
}

#[test]
fn a_paste_into_a_note_keeps_its_lines() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 120, 40, &[]);
    gavel.wait_for("1 Agenda");
    gavel.send("t");
    gavel.wait_for("Note under item");
    gavel.send(&format!("{START}Advisors confirmed by email.\rDate to follow.{END}"));
    gavel.wait_for("2 line(s)");
    gavel.send("\r");
    gavel.wait_for("note added under item");
    gavel.send("q");
    assert!(gavel.wait_exit());
    let ws = gavel::store::load(&root).unwrap();
    let meeting = ws.meetings.iter().find(|m| m.date.to_string() == "2022-03-03").unwrap();
    let json = serde_json::to_string(meeting).unwrap();
    assert!(json.contains("Advisors confirmed by email.\\nDate to follow."), "{json}");
}

#[test]
fn a_key_that_does_nothing_says_so_on_screen() {
    let (_dir, root) = sample_copy();
    let mut gavel = Session::start(&["-w", root.to_str().unwrap()], 80, 24, &[]);
    gavel.wait_for("1 Agenda");
    gavel.send("Z");
    gavel.wait_for("Z does nothing here");
    gavel.send("q");
    assert!(gavel.wait_exit());
}
