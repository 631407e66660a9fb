//! A workspace kept in git: gavel's merge driver registered, and `sync`:
//! under the workspace lock (a save waits, and never sees half-checked-out
//! files), mend a merge git made as text, check every document, commit
//! gavel's own files with a message in the board's words, pull (merged by
//! gavel, field by field), check again, say what came in, push. Nothing
//! that does not validate is committed or pushed. Offline, or with no
//! remote, it commits and says it will push later; nothing is lost.

mod describe;
mod driver;
mod files;
mod repair;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub use describe::describe;
pub use driver::ensure as ensure_driver;
pub(crate) use files::LOG_FILE;

/// What `.gitattributes` routes through gavel's merge driver.
pub const ATTRIBUTES: &str = "# gavel merges its own files field by field (gavel sync registers the driver)\n\
gavel.json merge=gavel\nactions.json merge=gavel\nrisks.json merge=gavel\nmeetings/*.json merge=gavel\narchive/*.json merge=gavel\n";
const ARCHIVE_ATTRIBUTE: &str = "archive/*.json merge=gavel\n";
/// The sync log keeps both laptops' lines.
const LOG_ATTRIBUTE: &str = "sync.log merge=union\n";

/// How a sync went, in lines for the footer or the terminal.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Synced {
    /// The commit made, if anything had changed: its message.
    pub committed: Option<String>,
    pub pulled: bool,
    pub pushed: bool,
    /// Why it could not reach the remote, if it could not.
    pub offline: Option<String>,
    /// What the merge driver decided, line by line.
    pub merged: Vec<String>,
    /// Git conflicts mended (a merge made without gavel's driver), line by line.
    pub repaired: Vec<String>,
    /// What the pull brought in: "from MM: A15–A17 added, A4 done".
    pub arrived: Option<String>,
    /// Files in the folder that are not gavel's and not in git: left alone.
    pub untracked: Vec<String>,
}

impl Synced {
    /// "A14 added · from MM: A15 added · pulled · pushed", or "… · offline: will push later".
    pub fn summary(&self) -> String {
        let mut parts = vec![self.committed.clone().unwrap_or_else(|| "nothing new to commit".into())];
        parts.extend(self.arrived.clone());
        if !self.repaired.is_empty() {
            parts.push("a git conflict mended by gavel's merge".into());
        }
        if self.pulled {
            parts.push("pulled".into());
        }
        if self.pushed {
            parts.push("pushed".into());
        }
        if let Some(why) = &self.offline {
            parts.push(format!("not shared yet ({why}): the next sync pushes it"));
        }
        parts.extend(self.both_changed());
        if !self.untracked.is_empty() {
            let names: Vec<_> = self.untracked.iter().map(|n| crate::text::clean(n).into_owned()).collect();
            parts.push(format!("left out of git, not gavel's: {}", names.join(", ")));
        }
        parts.join(" · ")
    }
}

impl Synced {
    /// "1 field changed on both (A9 due: kept 12 Mar, yours 5 Mar in its history)":
    /// the merge's lines for fields changed on both machines, without the file's name.
    fn both_changed(&self) -> Option<String> {
        let lines: Vec<&str> = self
            .merged
            .iter()
            .filter(|line| line.ends_with(crate::model::merge::BOTH_SAID))
            .map(|line| line.split_once(": ").map_or(line.as_str(), |(_, rest)| rest))
            .collect();
        let n = lines.len();
        (n > 0).then(|| format!("{n} field{} changed on both ({})", if n == 1 { "" } else { "s" }, lines.join("; ")))
    }
}

fn git(dir: &Path, args: &[&str]) -> std::io::Result<Output> {
    let mut command = Command::new("git");
    command
        .args(args)
        .current_dir(dir)
        // Never ask for a password on a meeting's screen.
        .env("GIT_TERMINAL_PROMPT", "0")
        .env("GIT_SSH_COMMAND", "ssh -o BatchMode=yes");
    for (key, value) in fallback_identity(dir) {
        command.env(key, value);
    }
    command.output()
}

/// A secretary who never set git up still gets commits, named after their
/// login. Asked of git once a process: a process syncs one workspace.
fn fallback_identity(dir: &Path) -> &'static [(String, String)] {
    static IDENTITY: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    IDENTITY.get_or_init(|| {
        let configured = Command::new("git").args(["config", "user.email"]).current_dir(dir).output();
        if configured.is_ok_and(|o| o.status.success()) || std::env::var_os("GIT_AUTHOR_EMAIL").is_some() {
            return vec![];
        }
        let who = std::env::var("USER").unwrap_or_else(|_| "gavel".into());
        let (name, email) = (format!("{who} (gavel)"), format!("{who}@gavel.invalid"));
        ["AUTHOR", "COMMITTER"]
            .iter()
            .flat_map(|role| [(format!("GIT_{role}_NAME"), name.clone()), (format!("GIT_{role}_EMAIL"), email.clone())])
            .collect()
    })
}

fn ok(dir: &Path, args: &[&str]) -> Result<String, String> {
    let out = git(dir, args).map_err(|e| format!("cannot run git ({e}): is git installed?"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).trim().to_string())
    } else {
        let err = String::from_utf8_lossy(&out.stderr);
        Err(crate::text::clean(err.trim()).into_owned())
    }
}

/// The repository holding the workspace, if there is one.
pub fn repository(workspace: &Path) -> Option<PathBuf> {
    ok(workspace, &["rev-parse", "--show-toplevel"]).ok().map(PathBuf::from)
}

/// Makes `workspace` a git repository (if it is in none) with gavel's
/// `.gitattributes` and driver.
pub fn init(workspace: &Path) -> Result<(), String> {
    if repository(workspace).is_none() {
        ok(workspace, &["init", "--quiet"])?;
    }
    prepare(workspace)
}

/// Writes `.gitattributes` and registers the merge driver in the repository's config.
pub fn prepare(workspace: &Path) -> Result<(), String> {
    let path = workspace.join(".gitattributes");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    // A workspace prepared before the archive existed gets its line added.
    let missing = if !current.contains("merge=gavel") { ATTRIBUTES } else { ARCHIVE_ATTRIBUTE };
    add_lines(&path, &current, &[missing, LOG_ATTRIBUTE])?;
    // And gavel's bookkeeping files that an older `init` did not list.
    let path = workspace.join(".gitignore");
    let current = std::fs::read_to_string(&path).unwrap_or_default();
    let listed: Vec<&str> = current.lines().map(str::trim).collect();
    let unlisted: Vec<&str> = crate::store::BOOKKEEPING.into_iter().filter(|name| !listed.contains(name)).collect();
    add_lines(&path, &current, &unlisted)?;
    driver::register(workspace)
}

/// Adds lines (each ending in a newline) to a small text file that holds
/// `current` and does not contain them yet.
fn add_lines(path: &Path, current: &str, lines: &[&str]) -> Result<(), String> {
    let lines: Vec<&str> = lines.iter().copied().filter(|line| !current.contains(line)).collect();
    if lines.is_empty() {
        return Ok(());
    }
    let gap = if current.is_empty() || current.ends_with('\n') { "" } else { "\n" };
    let added: String =
        lines.iter().map(|line| if line.ends_with('\n') { line.to_string() } else { format!("{line}\n") }).collect();
    crate::store::write_atomic(path, format!("{current}{gap}{added}").as_bytes())
        .map_err(|e| format!("cannot write {}: {e}", path.display()))
}

mod run;
pub use run::sync;
