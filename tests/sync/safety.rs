//! The safety of `gavel sync` (issue 26): the lock held while git works,
//! only gavel's own files committed, nothing invalid committed or pushed,
//! a merge git made as text mended, and what came in said.

use super::{action, add, board, commit, gavel, run};
use crate::common::{self, BIN};
use gavel::model::Change;
use gavel::store;
use std::path::Path;
use std::time::{Duration, Instant};

fn w(p: &Path) -> String {
    p.to_str().unwrap().to_string()
}

fn git_ok(dir: &Path, args: &[&str]) -> String {
    let out = run(dir, "git", args);
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Every path ever committed, in any branch.
fn ever_committed(root: &Path) -> String {
    git_ok(root, &["log", "--all", "--name-only", "--format="])
}

/// Adds `Loop action N` to `root` until `stop`, syncing after each when
/// `sync`; returns the texts of the adds gavel acknowledged, and the syncs that failed.
fn add_until(root: std::path::PathBuf, who: &'static str, stop: Instant, sync: bool) -> (Vec<String>, Vec<String>) {
    let (mut acknowledged, mut failed) = (Vec::new(), Vec::new());
    for n in 0.. {
        if Instant::now() > stop {
            break;
        }
        let text = format!("Loop action {who}{n}");
        let out = run(&root, BIN, &["add", &text, "-w", &w(&root)]);
        if out.status.success() {
            acknowledged.push(text);
        } else {
            failed.push(format!("add: {}", String::from_utf8_lossy(&out.stderr)));
        }
        if sync {
            let out = run(&root, BIN, &["sync", "-w", &w(&root)]);
            if !out.status.success() {
                failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
            }
        }
    }
    (acknowledged, failed)
}

/// A loop of adds and a loop of syncs on one workspace, while another
/// laptop adds and syncs (so the pulls bring work in): every add that was
/// acknowledged is there afterwards, on both laptops, and none of gavel's
/// temporary files or its lock was ever committed.
#[test]
fn adds_during_syncs_are_never_lost() {
    let board = board();
    // Three seconds in CI; GAVEL_LOOP_SECONDS=25 reproduces the run.
    let seconds = std::env::var("GAVEL_LOOP_SECONDS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let stop = Instant::now() + Duration::from_secs(seconds);
    let adder = std::thread::spawn({
        let root = board.a.clone();
        move || add_until(root, "a", stop, false)
    });
    let other = std::thread::spawn({
        let root = board.b.clone();
        move || add_until(root, "b", stop, true)
    });
    let (mut syncs, mut failed) = (0, Vec::new());
    while Instant::now() < stop {
        let out = run(&board.a, BIN, &["sync", "-w", &w(&board.a)]);
        if !out.status.success() {
            failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
        syncs += 1;
    }
    let (mut acknowledged, failed_adds) = adder.join().unwrap();
    failed.extend(failed_adds);
    assert!(!acknowledged.is_empty() && syncs > 2, "{} adds, {syncs} syncs", acknowledged.len());
    let (theirs, failed_there) = other.join().unwrap();
    acknowledged.extend(theirs);
    failed.extend(failed_there);
    for root in [&board.a, &board.b, &board.a] {
        let out = run(root, BIN, &["sync", "-w", &w(root)]);
        if !out.status.success() {
            failed.push(String::from_utf8_lossy(&out.stderr).into_owned());
        }
    }
    for root in [&board.a, &board.b] {
        let texts: Vec<String> =
            store::load(root).expect("valid after the loops").actions.actions.into_iter().map(|a| a.text).collect();
        let lost: Vec<_> = acknowledged.iter().filter(|t| !texts.contains(t)).collect();
        assert!(lost.is_empty(), "{} of {} adds lost in {}: {lost:?}", lost.len(), acknowledged.len(), root.display());
        assert!(texts.iter().any(|t| t.starts_with("Invite the DfE")), "the sample's actions are kept");
    }
    let committed = ever_committed(&board.a);
    assert!(!committed.contains(".gavel") && !committed.contains(".tmp"), "{committed}");
    assert!(failed.is_empty(), "every sync went through: {failed:?}");
    eprintln!("{} acknowledged adds, {syncs} syncs on one laptop, none lost", acknowledged.len());
}

/// Only gavel's documents go into git: a private file in the folder is
/// left alone and mentioned, a leftover temporary file is not committed.
#[test]
fn sync_commits_only_gavel_s_own_documents() {
    let board = board();
    std::fs::write(board.a.join("salaries.xlsx"), "private").unwrap();
    std::fs::write(board.a.join(".actions.json.x1gij0.tmp"), "{").unwrap();
    add(&board.a, "Circulate the APP tracker @GB");
    let said = gavel(&board.a, &["sync", "-w", &w(&board.a)]);
    assert_eq!(said.matches("salaries.xlsx").count(), 1, "mentioned once: {said}");
    assert!(said.contains("left out of git, not gavel's: salaries.xlsx"), "{said}");
    let committed = ever_committed(&board.a);
    assert!(committed.contains("actions.json"), "{committed}");
    assert!(!committed.contains("salaries") && !committed.contains(".tmp"), "{committed}");
    assert!(board.a.join("salaries.xlsx").exists(), "left where it was");
    let again = gavel(&board.a, &["sync", "-w", &w(&board.a)]);
    assert!(!again.contains("salaries.xlsx"), "said once, not at every sync: {again}");
}

/// A clone where gavel never ran (so no merge driver) pulls with plain git,
/// which leaves conflict markers. gavel says what they are, and `gavel
/// sync` mends them with gavel's own merge: every laptop ends merged, the
/// same and valid. With `commit_markers`, the markers were committed first.
fn plain_git_pull_then_gavel_sync(commit_markers: bool) {
    let board = board();
    let dir = board.a.parent().unwrap();
    let c = dir.join("c");
    git_ok(dir, &["clone", "--quiet", &w(&dir.join("board.git")), &w(&c)]);
    // A renames A2 and shares it; C renames it too, by hand, with plain git.
    let a2 = action(&board.a, "A2");
    let text = gavel::model::change::FieldEdit::Text { was: a2.text.clone(), now: "Invite the advisors".into() };
    let edit = gavel::model::change::ActionEdit::Fields(vec![text]);
    commit(&board.a, Change::edit_action_named("A2", edit));
    gavel(&board.a, &["sync", "-w", &w(&board.a)]);
    common::replace_in(&c.join("actions.json"), &format!("\"{}\"", a2.text), "\"Invite the auditors\"");
    let as_c = ["-c", "user.name=Chair", "-c", "user.email=chair@example.org"];
    git_ok(&c, &[&as_c[..], &["commit", "--quiet", "-am", "A2 renamed by hand"]].concat());
    let pulled = run(&c, "git", &[&as_c[..], &["pull", "--no-rebase", "--quiet"]].concat());
    assert!(!pulled.status.success(), "git merged the two renames as text, and stopped on the conflict");
    let marked = std::fs::read_to_string(c.join("actions.json")).unwrap();
    assert!(marked.contains("<<<<<<<"), "{marked}");
    if commit_markers {
        git_ok(&c, &[&as_c[..], &["commit", "--quiet", "-am", "merged"]].concat());
    }
    let refused = run(&c, BIN, &["validate", "-w", &w(&c)]);
    let said = String::from_utf8_lossy(&refused.stderr);
    assert!(said.contains("actions.json holds a git conflict from a merge made without gavel's driver"), "{said}");
    let repaired = gavel(&c, &["sync", "-w", &w(&c)]);
    assert!(repaired.contains("repaired: actions.json") && repaired.contains("pushed"), "{repaired}");
    for root in [&board.a, &board.b, &c] {
        gavel(root, &["sync", "-w", &w(root)]);
    }
    let texts: Vec<String> = [&board.a, &board.b, &c]
        .iter()
        .map(|root| {
            gavel(root, &["validate", "-w", &w(root)]);
            std::fs::read_to_string(root.join("actions.json")).unwrap()
        })
        .collect();
    assert!(texts[0] == texts[1] && texts[1] == texts[2], "every laptop ends the same");
    let a2 = action(&c, "A2");
    assert!(["Invite the advisors", "Invite the auditors"].contains(&a2.text.as_str()), "{}", a2.text);
    let noted = a2.changes.iter().filter(|e| e.by == "gavel merge").flat_map(|e| &e.fields);
    let noted = noted.filter_map(|f| f.from.as_ref()?.as_str()).any(|from| from.contains("Invite the a"));
    assert!(noted, "the other rename is kept in A2's history: {:?}", a2.changes);
    assert!(!texts[0].contains("<<<<<<<"));
}

#[test]
fn a_plain_git_pull_s_conflict_is_mended_by_gavel_sync() {
    plain_git_pull_then_gavel_sync(false);
}

#[test]
fn conflict_markers_committed_by_hand_are_mended_by_gavel_sync() {
    plain_git_pull_then_gavel_sync(true);
}

/// Every gavel command in a fresh clone registers the driver: a plain
/// `git pull` after it merges gavel's way.
#[test]
fn any_gavel_command_registers_the_merge_driver_in_a_fresh_clone() {
    let board = board();
    let dir = board.a.parent().unwrap();
    let c = dir.join("c");
    git_ok(dir, &["clone", "--quiet", &w(&dir.join("board.git")), &w(&c)]);
    assert!(run(&c, "git", &["config", "merge.gavel.driver"]).stdout.is_empty());
    gavel(&c, &["status", "-w", &w(&c)]);
    let driver = git_ok(&c, &["config", "merge.gavel.driver"]);
    assert!(driver.contains("merge-driver %O %A %B %P"), "{driver}");
}

/// A risks.json broken by hand and committed with plain git is refused:
/// not pushed, so no other laptop ever pulls it.
#[test]
fn a_hand_broken_risk_register_is_refused_not_pushed() {
    let board = board();
    common::replace_in(&board.a.join("risks.json"), "\"R1\"", "\"R1\",,");
    let as_a = ["-c", "user.name=Sec", "-c", "user.email=sec@example.org"];
    git_ok(&board.a, &[&as_a[..], &["commit", "--quiet", "-am", "risks by hand"]].concat());
    let out = run(&board.a, BIN, &["sync", "-w", &w(&board.a)]);
    let said = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{said}");
    assert!(said.contains("risks.json") && said.contains("nothing was committed or pushed"), "{said}");
    gavel(&board.b, &["sync", "-w", &w(&board.b)]);
    gavel(&board.b, &["validate", "-w", &w(&board.b)]);
}

/// What came in is said in one line, logged in `sync.log`, and is the
/// commit's message: "from …: A3, A4 done, A14–A16 added, R3 rescored 12 → 16, 2 marked present".
#[test]
fn what_came_in_is_said_logged_and_the_commit_message() {
    let board = board();
    for text in ["Book the room @MM", "Send the papers @GB", "Order the minutes book @PD"] {
        add(&board.a, text);
    }
    let a3 = action(&board.a, "A3");
    let done = gavel::model::change::Closure::set(gavel::model::ActionStatus::Done, "2022-03-03".parse().unwrap());
    let edit = gavel::model::change::ActionEdit::Status { was: gavel::model::change::Closure::of(&a3), now: done };
    commit(&board.a, Change::edit_action_named("A3", edit));
    // A4 done last year: it moves to the archive as it closes, and reads "done", not "deleted".
    let a4 = action(&board.a, "A4");
    let last_year = gavel::model::change::Closure::set(gavel::model::ActionStatus::Done, "2021-12-01".parse().unwrap());
    let edit = gavel::model::change::ActionEdit::Status { was: gavel::model::change::Closure::of(&a4), now: last_year };
    commit(&board.a, Change::edit_action_named("A4", edit));
    let r3 = store::load(&board.a).unwrap().risks.risks.into_iter().find(|r| r.reference == "R3").unwrap();
    let now = gavel::model::risk::Score::new(4, 4).unwrap();
    let rescore = gavel::model::change::RiskEdit::Rescore { was: r3.current(), now, on: "2022-03-03".parse().unwrap() };
    commit(&board.a, Change::edit_risk_named("R3", rescore));
    for who in ["MM", "PD"] {
        commit(
            &board.a,
            Change::Attendance {
                meeting: "2022-03-03".parse().unwrap(),
                initials: who.into(),
                edit: gavel::model::attendance::AttendanceEdit::Mark(gavel::model::AttendanceStatus::Present),
                at: "2022-03-03T09:55:00+00:00".parse().unwrap(),
                was: None,
            },
        );
    }
    assert!(board.a.join("archive/actions-2021.json").exists(), "A4 went to the archive");
    gavel(&board.a, &["sync", "-w", &w(&board.a)]);
    let subjects = git_ok(&board.a, &["log", "--format=%s"]);
    assert!(subjects.contains("A4 done") && !subjects.contains("deleted"), "{subjects}");
    let said = gavel(&board.b, &["sync", "-w", &w(&board.b)]);
    let line = said.lines().next().unwrap();
    let expected = "A3, A4 done, A14–A16 added, R3 rescored 12 → 16, 2 marked present";
    assert!(line.contains("from ") && line.contains(expected), "{said}");
    let log = std::fs::read_to_string(board.b.join("sync.log")).unwrap();
    assert!(log.contains(expected), "{log}");
    let subject = git_ok(&board.b, &["log", "-1", "--format=%s"]);
    assert!(subject.contains(expected), "{subject}");
    // Nothing more came in: the laptop that sent it pulls only the log.
    let back = gavel(&board.a, &["sync", "-w", &w(&board.a)]);
    assert!(!back.contains("from "), "{back}");
}

/// `S` in the TUI says what came in, in the footer.
#[test]
fn s_in_the_tui_says_what_came_in() {
    let board = board();
    add(&board.b, "Book the room for June @MM");
    gavel(&board.b, &["sync", "-w", &w(&board.b)]);
    let env = [("GAVEL_NOW", "2022-03-03T09:00:00+00:00"), ("HOME", board.a.to_str().unwrap())];
    let mut tui = common::Session::start(&["-w", &w(&board.a)], 160, 40, &env);
    tui.wait_for("2 Actions");
    tui.send("S");
    tui.wait_for("A14 added · pulled · pushed");
    assert!(tui.screen().contains("sync: nothing new to commit · from "), "{}", tui.screen());
    tui.send("q");
    assert!(tui.wait_exit());
}

/// A risks.json broken by hand and pushed with plain git from a clone
/// where gavel never ran: a laptop's sync refuses what came in and puts
/// its workspace back, whether the pull would merge or fast-forward.
#[test]
fn a_broken_file_pushed_with_plain_git_is_refused_where_it_arrives() {
    let board = board();
    let dir = board.a.parent().unwrap();
    let c = dir.join("c");
    git_ok(dir, &["clone", "--quiet", &w(&dir.join("board.git")), &w(&c)]);
    common::replace_in(&c.join("risks.json"), "\"R1\"", "\"R1\",,");
    let as_c = ["-c", "user.name=Chair", "-c", "user.email=chair@example.org"];
    git_ok(&c, &[&as_c[..], &["commit", "--quiet", "-am", "risks by hand"]].concat());
    git_ok(&c, &["push", "--quiet"]);
    add(&board.a, "Circulate the APP tracker @GB");
    for root in [&board.a, &board.b] {
        let out = run(root, BIN, &["sync", "-w", &w(root)]);
        let said = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{said}");
        assert!(said.contains("the pull could not be merged") && said.contains("risks.json"), "{said}");
        assert!(said.contains("nothing was pushed"), "{said}");
        gavel(root, &["validate", "-w", &w(root)]);
    }
    assert_eq!(action(&board.a, "A14").text, "Circulate the APP tracker", "this laptop's work is kept");
}
