//! Dynamic completions: the shell asks gavel itself (`GAVEL_COMPLETE=bash
//! gavel -- …`), and gavel offers what the workspace holds: meeting dates,
//! action and risk refs, people's and groups' initials. Hidden commands
//! (merge-driver) are never offered. What is offered is the workspace's own
//! text, cleaned: a ref cannot carry an escape sequence into the shell.

use crate::store;
use crate::text::clean;
use clap_complete::engine::CompletionCandidate;
use std::path::PathBuf;

/// The variable the shell's registration script sets to ask for completions.
pub const VAR: &str = "GAVEL_COMPLETE";

/// The command line as completion sees it: gavel without its hidden
/// commands, which clap's engine would still offer to a prefix that only
/// they match ("gavel mer").
pub fn command() -> clap::Command {
    let full = <super::Cli as clap::CommandFactory>::command();
    let visible: Vec<clap::Command> = full.get_subcommands().filter(|s| !s.is_hide_set()).cloned().collect();
    clap::Command::new("gavel").args(full.get_arguments().cloned()).subcommands(visible)
}

/// The workspace the line being completed names (`-w DIR`), else the one
/// gavel would use; never made from the sample while completing.
pub(super) fn workspace() -> Option<PathBuf> {
    let args: Vec<String> = std::env::args().collect();
    let flag = args.windows(2).rev().find(|w| w[0] == "-w" || w[0] == "--workspace").map(|w| PathBuf::from(&w[1]));
    let flag = flag.or_else(|| args.iter().rev().find_map(|a| a.strip_prefix("--workspace=").map(PathBuf::from)));
    let env = std::env::var("GAVEL_WORKSPACE").ok();
    let cwd = std::env::current_dir().ok()?;
    store::resolve_workspace(flag.as_deref(), env.as_deref(), &cwd, crate::clock::wall(), false).ok().map(|l| l.root)
}

fn candidate(value: &str, help: &str) -> CompletionCandidate {
    CompletionCandidate::new(clean(value).into_owned()).help(Some(clean(help).into_owned().into()))
}

/// Every meeting's date, newest first (the one most often wanted).
pub fn meeting_dates() -> Vec<CompletionCandidate> {
    let Some(root) = workspace() else { return vec![] };
    store::meeting_dates(&root)
        .iter()
        .rev()
        .map(|d| candidate(&d.to_string(), &d.format("%a %-d %b %Y").to_string()))
        .collect()
}

/// People's and groups' initials, with their names.
pub fn initials() -> Vec<CompletionCandidate> {
    let Some(ws) = workspace().and_then(|root| store::load_calendar(&root).ok()) else { return vec![] };
    let board = &ws.board;
    board.owner_initials().map(|i| candidate(i, board.name_of(i).unwrap_or_default())).collect()
}

/// What `gavel history` takes: open actions' and risks' refs, initials, meeting dates.
pub fn records() -> Vec<CompletionCandidate> {
    let Some(ws) = workspace().and_then(|root| store::load_recent(&root).ok()) else { return vec![] };
    let mut all: Vec<CompletionCandidate> = ws
        .actions
        .actions
        .iter()
        .filter(|a| !a.status.is_closed())
        .map(|a| candidate(&a.reference, &crate::text::fit(&a.text, 60)))
        .collect();
    all.extend(ws.risks.risks.iter().map(|r| candidate(&r.reference, &crate::text::fit(&r.title, 60))));
    all.extend(initials());
    all.extend(meeting_dates());
    all
}
