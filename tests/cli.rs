//! The built binary on good and broken workspaces: exit codes and messages.

mod common;

use common::{BIN, id_of, replace_in, sample_copy, snapshot_files};
use std::fs;
use std::path::Path;
use std::process::{Command, Output};

fn gavel(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .env_remove("GAVEL_WORKSPACE")
        .env("GAVEL_NOW", "2022-02-20T09:30:00+00:00")
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn validate_passes_on_the_sample_board() {
    let out = gavel(&["validate", "-w", "sample-data/southend-send"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("valid (19 people, 2 meetings, 13 actions, 13 risks)"));
}

#[test]
fn a_truncated_file_exits_1_naming_file_line_and_column_and_is_not_touched() {
    let (_dir, root) = sample_copy();
    let actions = root.join("actions.json");
    let whole = fs::read(&actions).unwrap();
    fs::write(&actions, &whole[..whole.len() * 2 / 3]).unwrap();
    let before = snapshot_files(&root);
    let out = gavel(&["validate", "-w", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    let first = err.lines().next().unwrap();
    let prefix = format!("gavel: {}:", actions.display());
    assert!(first.starts_with(&prefix), "{err}");
    let position: Vec<&str> = first[prefix.len()..].splitn(3, ':').collect();
    assert!(position[0].parse::<u32>().is_ok() && position[1].parse::<u32>().is_ok(), "line:column in {first}");
    assert!(err.contains("gavel has written nothing"), "{err}");
    // Neither validate nor opening the TUI writes a byte of it.
    let tui = gavel(&["-w", root.to_str().unwrap()]);
    assert_eq!(tui.status.code(), Some(1));
    assert!(text(&tui.stderr).contains("actions.json:"), "{}", text(&tui.stderr));
    assert_eq!(snapshot_files(&root), before);
}

#[test]
fn an_unknown_owner_is_named_with_its_json_path() {
    let (_dir, root) = sample_copy();
    let path = root.join("risks.json");
    let pd = format!("\"owner\": {}", id_of(&root, "PD"));
    fs::write(&path, fs::read_to_string(&path).unwrap().replacen(&pd, "\"owner\": \"ZZ\"", 1)).unwrap();
    let out = gavel(&["validate", "-w", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("risks.json:") && err.contains("risks[1].owner: \"ZZ\" is not in the people register"),
        "{err}"
    );
}

#[test]
fn not_a_workspace_is_a_usage_error() {
    let dir = tempfile::tempdir().unwrap();
    let out = gavel(&["status", "-w", dir.path().to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("is not a gavel workspace"), "{}", text(&out.stderr));
}

#[test]
fn bad_usage_exits_2() {
    assert_eq!(gavel(&["frobnicate"]).status.code(), Some(2));
    assert_eq!(gavel(&["--help"]).status.code(), Some(0));
}

#[test]
fn init_makes_a_workspace_once() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("new-board");
    let out = gavel(&["init", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(gavel(&["validate", "-w", root.to_str().unwrap()]).status.code(), Some(0));
    let again = gavel(&["init", root.to_str().unwrap(), "--sample"]);
    assert_eq!(again.status.code(), Some(1));
    assert!(text(&again.stderr).contains("already holds a gavel workspace"));
}

#[test]
fn the_workspace_comes_from_the_environment_or_the_current_directory() {
    let (_dir, root) = sample_copy();
    let from_env = Command::new(BIN).arg("validate").env("GAVEL_WORKSPACE", &root).output().unwrap();
    assert_eq!(from_env.status.code(), Some(0), "{}", text(&from_env.stderr));
    let from_cwd = Command::new(BIN).arg("validate").env_remove("GAVEL_WORKSPACE").current_dir(&root).output().unwrap();
    assert!(
        text(&from_cwd.stdout).contains(root.file_name().unwrap().to_str().unwrap())
            || text(&from_cwd.stdout).starts_with(&root.display().to_string())
    );
    assert_eq!(from_cwd.status.code(), Some(0));
}

/// Only the full screen makes the sample, and says on screen that it is
/// the sample and where it is kept; a command outside a board makes nothing
/// (tests/setup.rs), but uses the user's own workspace once it is there.
#[test]
fn first_run_makes_the_users_own_workspace_from_the_sample() {
    let home = tempfile::tempdir().unwrap();
    let data = home.path().join("data");
    let env = [("HOME", home.path().to_str().unwrap()), ("XDG_DATA_HOME", data.to_str().unwrap())];
    let mut screen = common::Session::start(&[], 120, 30, &env);
    screen.wait_for("SAMPLE: Southend");
    screen.wait_for(&format!("this is the sample board, kept in {}", data.join("gavel/workspace").display()));
    screen.send("q");
    assert!(screen.wait_exit());
    assert!(Path::new(&data.join("gavel/workspace/gavel.json")).is_file());
    let run = Command::new(BIN)
        .arg("validate")
        .env_remove("GAVEL_WORKSPACE")
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", &data)
        .current_dir(home.path())
        .output()
        .unwrap();
    assert_eq!(run.status.code(), Some(0), "{}", text(&run.stderr));
    assert!(!text(&run.stderr).contains("made your workspace"), "made only once");
}

#[test]
fn status_is_plain_text_with_red_first() {
    let out = gavel(&["status", "-w", "sample-data/southend-send"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    insta::assert_snapshot!("status_text", stdout);
    assert!(!stdout.contains('\x1b'), "no colour codes into a pipe");
}

#[test]
fn status_json_parses() {
    let out = gavel(&["status", "--json", "-w", "sample-data/southend-send"]);
    assert_eq!(out.status.code(), Some(0));
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    insta::assert_json_snapshot!("status_json", value);
    assert_eq!(value["meeting"]["date"], "2022-03-03");
    assert_eq!(value["actions"]["red"], 2);
    assert_eq!(value["risks"].as_array().unwrap().len(), 13);
}

#[test]
fn add_saves_and_prints_ref_owner_and_deadline() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let out = gavel(&["add", "-w", w, "Circulate tracked ToR changes @mm/CMc by Friday"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stdout),
        "A14 saved: Circulate tracked ToR changes · owner MM (Michael Marks), CMc (Caroline McCarron) · due Fri 25 Feb 2022\n"
    );
    let ws = gavel::store::load(&root).unwrap();
    let added = ws.actions.actions.last().unwrap();
    assert_eq!((added.reference.as_str(), added.owners.len()), ("A14", 2));
    // Words may also come unquoted.
    let out = gavel(&["add", "-w", w, "Book", "the", "room", "@CJ", "due", "next", "meeting"]);
    assert!(text(&out.stdout).starts_with("A15 saved: Book the room · owner CJ (Carron Jacobs) · due Thu 3 Mar 2022"));
}

#[test]
fn refused_adds_exit_1_and_change_nothing() {
    let (_dir, root) = sample_copy();
    let before = snapshot_files(&root);
    let w = root.to_str().unwrap();
    for (line, says) in [
        (
            "Send papers @GV due 3.3.22",
            "@GV is not in the people register (did you mean @GB, Gary Bloom?): nothing was saved",
        ),
        ("Send papers @GB due 31.02.22", "31.02.22 is not a real date: nothing was saved"),
        ("@GB due Friday", "an action needs some words"),
    ] {
        let out = gavel(&["add", "-w", w, line]);
        assert_eq!(out.status.code(), Some(1), "{line}");
        assert!(text(&out.stderr).contains(says), "{line}: {}", text(&out.stderr));
    }
    assert_eq!(snapshot_files(&root), before);
}

#[test]
fn actions_lists_and_filters() {
    let list = |args: &[&str]| {
        let mut all = vec!["actions", "-w", "sample-data/southend-send"];
        all.extend_from_slice(args);
        let out = gavel(&all);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
        text(&out.stdout)
    };
    assert!(list(&[]).ends_with("10 actions\n"), "open by default");
    assert!(list(&["--all"]).ends_with("13 actions\n"));
    let overdue = list(&["--overdue"]);
    assert!(overdue.contains(" R  A2 ") && overdue.ends_with("2 actions\n"), "{overdue}");
    let scrum = list(&["--owner", "scrum"]);
    assert!(scrum.lines().skip(1).take(4).all(|l| l.contains("Scrum")), "{scrum}");
    let out = gavel(&["actions", "-w", "sample-data/southend-send", "--owner", "ZZ"]);
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn a_journal_that_does_not_replay_names_the_meeting_file_and_event() {
    let (_dir, root) = sample_copy();
    let path = root.join("meetings/2022-01-06.json");
    replace_in(&path, "\"at\": \"2022-01-06T10:24:00Z\"", "\"at\": \"2022-01-06T09:24:00Z\"");
    let out = gavel(&["validate", "-w", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(
        err.contains("meetings/2022-01-06.json:")
            && err.contains(
                "journal[3]: next at 2022-01-06T09:24:00+00:00 is earlier than the event before it, by 48 min"
            ),
        "{err}"
    );
}

/// The journal's newer events are checked like the rest: a jump to the item
/// already under way, a reopen of a meeting that is not closed.
#[test]
fn jumps_and_reopens_that_do_not_replay_are_named() {
    let (_dir, root) = sample_copy();
    let path = root.join("meetings/2022-01-06.json");
    // The journal names items by identity, as the file stores them.
    let meeting: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let item = |number: &str| {
        let items = meeting["agenda"].as_array().unwrap();
        items.iter().find(|i| i["number"] == number).unwrap()["id"].as_str().unwrap().to_string()
    };
    let event = |kind: &str, number: &str| format!("\"event\": \"{kind}\",\n      \"item\": \"{}\"", item(number));
    replace_in(&path, &event("next", "3"), &event("jump", "2"));
    let err = text(&gavel(&["validate", "-w", root.to_str().unwrap()]).stderr);
    assert!(err.contains("journal[2]: item 2 is already under way"), "{err}");
    replace_in(&path, &event("jump", "2"), &event("reopen", "3"));
    let err = text(&gavel(&["validate", "-w", root.to_str().unwrap()]).stderr);
    assert!(err.contains("journal[2]: reopen cannot happen when the meeting is running"), "{err}");
    // A jump to another item replays, and validate says so.
    replace_in(&path, &event("reopen", "3"), &event("jump", "3"));
    let out = gavel(&["validate", "-w", root.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn status_after_the_review_dates_lists_late_reviews_and_json_has_every_section() {
    let out = Command::new(BIN)
        .args(["status", "-w", "sample-data/southend-send"])
        .env("GAVEL_NOW", "2022-03-10T09:00:00+00:00")
        .output()
        .unwrap();
    let stdout = text(&out.stdout);
    assert!(stdout.contains("Past their review date:\n  R1    review was due 3 Mar 2022"), "{stdout}");
    let out = Command::new(BIN)
        .args(["status", "--json", "-w", "sample-data/southend-send"])
        .env("GAVEL_NOW", "2022-03-10T09:00:00+00:00")
        .output()
        .unwrap();
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(value["review_overdue"].as_array().unwrap().len(), 13);
    assert_eq!(value["high_risks"].as_array().unwrap().len(), 9);
    assert_eq!(value["last_meeting"]["quorate"], true);
    assert_eq!(value["actions"]["overdue_by_owner"]["Scrum"].as_array().unwrap().len(), 4);
}

/// What looks wrong is said on stderr, and `--strict` refuses it.
#[test]
fn add_warns_on_stderr_and_strict_refuses_what_it_would_warn_about() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    let out = gavel(&["add", "-w", w, "Action: GB to submit the return due Friday 26th April 2019"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        text(&out.stdout).starts_with("A14 saved: Submit the return · owner GB (Gary Bloom) · due Fri 26 Apr 2019")
    );
    let err = text(&out.stderr);
    assert!(err.contains("gavel: warning: the deadline, Fri 26 Apr 2019, is in the past"), "{err}");
    let before = snapshot_files(&root);
    let out = gavel(&["add", "--strict", "-w", w, "Circulate the tracker by end of April"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("refused under --strict: no owner"), "{}", text(&out.stderr));
    assert_eq!(snapshot_files(&root), before, "nothing saved");
    let out = gavel(&["add", "--strict", "-w", w, "Action: GB to circulate the tracker by end of April"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    assert!(text(&out.stderr).is_empty());
}

/// `gavel actions | head -1`: a listing cut short by its reader ends
/// quietly, with success, whichever command it was.
#[test]
fn a_listing_cut_short_by_its_reader_ends_quietly() {
    let (_dir, root) = sample_copy();
    let w = root.to_str().unwrap();
    for command in ["actions --all", "actions --json", "status", "export actions", "meeting list"] {
        let script = format!("{BIN} {command} -w '{w}' | head -c 1 >/dev/null; echo \"${{PIPESTATUS[0]}}\"");
        let out = std::process::Command::new("bash").args(["-c", &script]).output().unwrap();
        assert_eq!(String::from_utf8_lossy(&out.stdout).trim(), "0", "{command}");
        assert!(out.stderr.is_empty(), "{command}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

/// `init --sample` names the board's time zone, from `$TZ` or the system,
/// as an empty board's `init` does.
#[test]
fn the_sample_board_gets_this_computer_s_time_zone() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("board");
    let out = std::process::Command::new(BIN)
        .args(["init", root.to_str().unwrap(), "--sample"])
        .env("TZ", "Europe/Paris")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(gavel::store::load(&root).unwrap().board.settings.time_zone, "Europe/Paris");
}
