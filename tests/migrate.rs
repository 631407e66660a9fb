//! Workspaces of every older version (version 1: the samples, before
//! identities; version 2: links held initials) load as they are and are
//! upgraded, with nothing lost, on their first write.

use std::path::{Path, PathBuf};

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_tree(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

fn version_1(name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join(name);
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data").join(name), &root);
    (dir, root)
}

fn json(path: &Path) -> serde_json::Value {
    serde_json::from_slice(&std::fs::read(path).unwrap()).unwrap()
}

/// The document without identities, histories and version: what a person sees.
fn content(mut value: serde_json::Value) -> serde_json::Value {
    fn strip(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::Object(map) => {
                map.remove("id");
                map.remove("changes");
                map.remove("schema_version");
                map.values_mut().for_each(strip);
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut value);
    value
}

fn gavel(root: &Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gavel"))
        .args(["-w", root.to_str().unwrap()])
        .args(args)
        .env("GAVEL_USER", "Test Secretary")
        .output()
        .unwrap()
}

#[test]
fn every_version_1_sample_loads_validates_and_upgrades_on_its_first_write() {
    for name in ["southend-send", "small-board"] {
        let (_dir, root) = version_1(name);
        let before = json(&root.join("actions.json"));
        assert_eq!(before["schema_version"], 1, "{name} is a version-1 fixture");
        let ws = gavel::store::load(&root).unwrap();
        assert!(!ws.actions.actions.is_empty());
        assert!(gavel(&root, &["validate"]).status.success(), "{name} validates as version 1");

        let added = gavel(&root, &["add", "Check the upgrade @all due ongoing"]);
        let added = if added.status.success() {
            added
        } else {
            let owner = ws.board.people[0].initials.clone();
            gavel(&root, &["add", &format!("Check the upgrade @{owner} due ongoing")])
        };
        assert!(added.status.success(), "{}", String::from_utf8_lossy(&added.stderr));
        let after = json(&root.join("actions.json"));
        assert_eq!(after["schema_version"], gavel::model::SCHEMA_VERSION, "{name}: the log written is this version");
        let actions = after["actions"].as_array().unwrap();
        let ids: std::collections::HashSet<&str> = actions.iter().map(|a| a["id"].as_str().unwrap()).collect();
        assert_eq!(ids.len(), actions.len(), "{name}: every action has its own identity");
        // Nothing lost: the old actions read as before, the new one after them.
        let mut old = content(after.clone());
        old["actions"].as_array_mut().unwrap().pop();
        assert_eq!(old, content(before), "{name}: the upgrade changed no content");
        let last = actions.last().unwrap();
        assert_eq!(last["changes"][0]["by"], "Test Secretary");
        assert_eq!(last["changes"][0]["added"], true);
        assert!(gavel(&root, &["validate"]).status.success(), "{name} validates once upgraded");
    }
}

#[test]
fn each_migration_step_upgrades_a_document_of_its_version() {
    use gavel::model::migrate::upgrade;
    use gavel::model::{ActionLog, Board, Meeting, RiskRegister};
    let (_dir, root) = version_1("southend-send");
    let read = |p: &str| std::fs::read(root.join(p)).unwrap();
    // Step 1 → 2: identities for every record, an empty history.
    let mut board: Board = serde_json::from_slice(&read("gavel.json")).unwrap();
    assert!(upgrade(&mut board));
    assert!(board.people.iter().all(|p| !p.id.is_unset() && p.changes.is_empty()));
    let mut log: ActionLog = serde_json::from_slice(&read("actions.json")).unwrap();
    assert!(upgrade(&mut log));
    assert!(log.actions.iter().all(|a| !a.id.is_unset()));
    let mut risks: RiskRegister = serde_json::from_slice(&read("risks.json")).unwrap();
    assert!(upgrade(&mut risks));
    assert!(risks.risks.iter().all(|r| !r.id.is_unset()));
    let mut meeting: Meeting = serde_json::from_slice(&read("meetings/2022-01-06.json")).unwrap();
    assert!(upgrade(&mut meeting));
    assert!(!meeting.id.is_unset());
    assert!(meeting.agenda.iter().all(|i| !i.id.is_unset()));
    assert!(meeting.attendance.iter().all(|a| !a.id.is_unset()));
    assert!(meeting.notes.iter().chain(&meeting.decisions).all(|n| !n.id.is_unset()));
    assert_eq!(meeting.schema_version, gavel::model::SCHEMA_VERSION);
    // Already current: nothing to do, identities kept.
    let ids: Vec<_> = log.actions.iter().map(|a| a.id.clone()).collect();
    assert!(!upgrade(&mut log));
    assert_eq!(ids, log.actions.iter().map(|a| a.id.clone()).collect::<Vec<_>>());
}

#[test]
fn a_record_typed_in_by_hand_without_an_identity_is_given_one_on_the_next_write() {
    let (_dir, root) = version_1("southend-send");
    assert!(gavel(&root, &["add", "First write @GB due ongoing"]).status.success());
    let path = root.join("actions.json");
    let text = std::fs::read_to_string(&path).unwrap();
    // A hand-pasted action, no id, before the closing bracket.
    let pasted = ",\n    {\n      \"ref\": \"A99\",\n      \"text\": \"Pasted from another log\",\n      \"status\": \"open\"\n    }\n  ]\n}\n";
    let text = text.trim_end().strip_suffix("]\n}").unwrap().trim_end().to_string() + pasted;
    std::fs::write(&path, text).unwrap();
    assert!(gavel(&root, &["validate"]).status.success());
    assert!(gavel(&root, &["add", "Second write @GB due ongoing"]).status.success());
    let after = json(&path);
    let pasted = after["actions"].as_array().unwrap().iter().find(|a| a["ref"] == "A99").unwrap();
    assert!(pasted["id"].as_str().is_some_and(|id| id.len() == 12), "{pasted}");
}

/// Step 2 → 3: links to people and groups are stored as identities. The
/// version-2 fixture (the sample as a version-2 gavel wrote it, GB then
/// corrected to GBl) holds initials in its links; it loads as it is, and
/// its first write stores every link as the identity of the person it names.
#[test]
fn a_version_2_workspace_reads_its_initials_and_stores_identities_on_its_first_write() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/version-2"), &root);
    assert_eq!(json(&root.join("actions.json"))["schema_version"], 2, "a version-2 fixture");
    let before = gavel::store::load(&root).unwrap();
    assert!(gavel(&root, &["validate"]).status.success());
    let gbl = before.board.person("GBl").unwrap().id.as_str().to_string();

    // A write through every file a correction of initials reaches.
    assert!(gavel(&root, &["people", "edit", "GBl", "--initials", "GBL"]).status.success());
    let after = gavel::store::load(&root).unwrap();
    // Links only: a history keeps what a field was ("GB" → "GBl"), as it was said.
    let links = |v: &serde_json::Value| -> Vec<String> {
        fn list(l: &serde_json::Value) -> Vec<String> {
            l.as_array().into_iter().flatten().filter_map(|s| s.as_str()).map(String::from).collect()
        }
        let mut out: Vec<String> =
            v["actions"].as_array().into_iter().flatten().flat_map(|a| list(&a["owners"])).collect();
        out.extend(v["agenda"].as_array().into_iter().flatten().flat_map(|i| list(&i["leads"])));
        let marks = v["attendance"].as_array().into_iter().flatten();
        out.extend(marks.filter_map(|a| a["initials"].as_str()).map(String::from));
        out
    };
    for name in ["actions.json", "meetings/2022-01-06.json", "meetings/2022-03-03.json"] {
        let file = json(&root.join(name));
        let links = links(&file);
        assert!(links.contains(&gbl), "{name} links by identity: {links:?}");
        assert!(links.iter().all(|l| l.len() == 12), "{name} holds identities only: {links:?}");
        assert_eq!(file["schema_version"], gavel::model::SCHEMA_VERSION);
    }
    // Nothing lost: the same actions, owners read as the new initials.
    let owners = |ws: &gavel::model::Workspace, gb: &str| -> Vec<Vec<String>> {
        let rename = |o: &String| if o == gb { "GB*".to_string() } else { o.clone() };
        ws.actions.actions.iter().map(|a| a.owners.iter().map(rename).collect()).collect()
    };
    assert_eq!(owners(&before, "GBl"), owners(&after, "GBL"));
    assert!(gavel(&root, &["validate"]).status.success());
}

/// "Raised at" before the item's identity was kept beside its number
/// (versions 2 and 3): the number alone still names the item, in the
/// minutes and the log, and the file upgrades with nothing lost. When the
/// meeting's agenda is next numbered anew, the link is given the identity
/// of the item its number named, and follows it.
#[test]
fn a_raised_item_held_as_a_number_alone_reads_upgrades_and_follows_its_item_once_linked() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    copy_tree(&Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/version-2"), &root);
    let raised = |reference: &str| {
        let log = json(&root.join("actions.json"));
        let found = log["actions"].as_array().unwrap().iter().find(|a| a["ref"] == reference).cloned();
        found.unwrap()["raised"].clone()
    };
    assert_eq!(raised("A3"), serde_json::json!({"meeting": "2022-01-06", "item": "3"}), "a number alone");
    let ws = gavel::store::load(&root).unwrap();
    let a3 = ws.actions.actions.iter().find(|a| a.reference == "A3").unwrap();
    let item = ws.raised_item(a3.raised.as_ref().unwrap()).unwrap();
    assert_eq!(item.title, "Current perspective from partners", "the item its number names");
    let minutes = String::from_utf8(gavel(&root, &["export", "minutes", "--meeting", "2022-01-06"]).stdout).unwrap();
    let item_3 = minutes.split("### ").find(|s| s.contains("3. Current perspective")).unwrap();
    assert!(item_3.contains(&format!("({})", "A3")), "{item_3}");

    // A write upgrades the log; the link is kept as it was.
    assert!(gavel(&root, &["add", "Check the upgrade @MM due ongoing"]).status.success());
    assert_eq!(json(&root.join("actions.json"))["schema_version"], gavel::model::SCHEMA_VERSION);
    assert_eq!(raised("A3"), serde_json::json!({"meeting": "2022-01-06", "item": "3"}));
    assert!(gavel(&root, &["validate"]).status.success());

    // A version-3 hand edit raises A3 under item 3 of the planned meeting; its agenda is reordered.
    let path = root.join("actions.json");
    let mut log = json(&path);
    let a3 = log["actions"].as_array_mut().unwrap().iter_mut().find(|a| a["ref"] == "A3").unwrap();
    a3["raised"] = serde_json::json!({"meeting": "2022-03-03", "item": "3"});
    std::fs::write(&path, serde_json::to_string_pretty(&log).unwrap()).unwrap();
    let planned = json(&root.join("meetings/2022-03-03.json"));
    let third = planned["agenda"][2].clone();
    let out = gavel(&root, &["agenda", "move", "2022-03-03", "3", "1"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(raised("A3"), serde_json::json!({"meeting": "2022-03-03", "item": "1", "item_id": third["id"]}));
    assert!(gavel(&root, &["validate"]).status.success());
}

/// An agenda of a version-1 file is read without identities and upgraded
/// by the very save that reorders it: the move is made, not refused as a
/// change made elsewhere, and its items keep the identities the upgrade gave.
#[test]
fn a_version_1_agenda_is_reordered_by_the_save_that_upgrades_it() {
    let (_dir, root) = version_1("southend-send");
    let out = gavel(&root, &["agenda", "move", "2022-03-03", "2", "3"]);
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let meeting = json(&root.join("meetings/2022-03-03.json"));
    let agenda = meeting["agenda"].as_array().unwrap();
    let titled = |n: &str| agenda.iter().find(|i| i["number"] == n).unwrap()["title"].as_str().unwrap().to_string();
    assert!(titled("3").starts_with("Minutes of the last meeting"), "{agenda:?}");
    assert!(agenda.iter().all(|i| i["id"].as_str().is_some_and(|id| !id.is_empty())), "{agenda:?}");
    assert!(gavel(&root, &["validate"]).status.success());
}
