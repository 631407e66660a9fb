use super::*;
use crate::model::{Action, Board};

fn board() -> Board {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/sample-data/southend-send/gavel.json");
    let mut board: Board = serde_json::from_str(&std::fs::read_to_string(dir).unwrap()).unwrap();
    crate::model::migrate::upgrade(&mut board);
    board
}

fn action(owners: &[&str]) -> Action {
    let text = format!(r#"{{"ref":"A1","text":"Chase the audit","owners":{owners:?},"status":"open"}}"#);
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_file_holds_identities_and_memory_holds_initials() {
    let board = board();
    let gb = board.person("GB").unwrap().id.as_str().to_string();
    let _register = in_force(Some(Directory::of(&board)));
    let stored = writing_file(|| serde_json::to_value(action(&["GB", "ZZ"]))).unwrap();
    assert_eq!(stored["owners"], serde_json::json!([gb, "ZZ"]), "an unknown label stays as typed");
    let read: Action = reading_file(|| serde_json::from_value(stored.clone())).unwrap();
    assert_eq!(read.owners, ["GB", "ZZ"]);
    // Outside a file's read or write (a history entry, `--json`), a link is its initials.
    assert_eq!(serde_json::to_value(action(&["GB"])).unwrap()["owners"], serde_json::json!(["GB"]));
}

#[test]
fn corrected_initials_follow_and_the_old_ones_still_find_the_person() {
    let mut board = board();
    let gb = board.person("GB").unwrap().id.as_str().to_string();
    let before = board.clone();
    board.people.iter_mut().find(|p| p.initials == "GB").unwrap().initials = "GBl".into();
    let stamp = crate::model::history::Stamp {
        at: "2026-12-07T10:00:00+00:00".parse().unwrap(),
        by: "CB".into(),
        reason: None,
    };
    crate::model::history::note(&before.people, &mut board.people, &stamp);
    let _register = in_force(Some(Directory::of(&board)));
    let read: Action = reading_file(|| {
        serde_json::from_value(serde_json::json!({
            "ref": "A1", "text": "t", "owners": [gb], "status": "open"
        }))
    })
    .unwrap();
    assert_eq!(read.owners, ["GBl"], "the link follows the correction");
    let typed_by_hand = writing_file(|| serde_json::to_value(action(&["GB"]))).unwrap();
    assert_eq!(typed_by_hand["owners"], serde_json::json!([gb]), "the former initials name the same person");
}

#[test]
fn without_a_register_links_pass_as_they_are() {
    let _none = in_force(None);
    let stored = writing_file(|| serde_json::to_value(action(&["GB"]))).unwrap();
    assert_eq!(stored["owners"], serde_json::json!(["GB"]));
}
