//! gavel's merge driver is per-clone config (`.git/config`), which a clone
//! does not bring: a board cloned and pulled with plain git would merge its
//! documents as text. So every gavel command in a git workspace makes sure
//! the driver is there, reading the config as a file (no git process) and
//! running `git config` only when it is missing or names another gavel.

use std::path::{Path, PathBuf};

/// The `driver` value for this gavel: `'/path/to/gavel' merge-driver %O %A %B %P`.
pub(super) fn command() -> Result<String, String> {
    let exe = std::env::current_exe().map_err(|e| format!("cannot tell where gavel is: {e}"))?;
    Ok(format!("'{}' merge-driver %O %A %B %P", exe.display().to_string().replace('\'', "'\\''")))
}

/// Registers the driver in the workspace's repository.
pub(super) fn register(workspace: &Path) -> Result<(), String> {
    let driver = command()?;
    super::ok(workspace, &["config", "merge.gavel.name", "gavel: field by field"])?;
    super::ok(workspace, &["config", "merge.gavel.driver", &driver])?;
    Ok(())
}

/// Whether the repository's config already names this gavel as the driver.
fn registered(config: &str, driver: &str) -> bool {
    config.contains("[merge \"gavel\"]") && config.lines().any(|line| line.trim() == format!("driver = {driver}"))
}

/// Makes sure a workspace whose `.gitattributes` routes files to gavel has
/// the driver registered. Quiet and best effort: a command is never held up
/// by it (`gavel sync` registers it again, and says so if it cannot).
pub fn ensure(workspace: &Path) {
    let routed = std::fs::read_to_string(workspace.join(".gitattributes")).is_ok_and(|a| a.contains("merge=gavel"));
    let Some(config) = routed.then(|| config_file(workspace)).flatten() else { return };
    let Ok(driver) = command() else { return };
    if std::fs::read_to_string(&config).is_ok_and(|text| registered(&text, &driver)) {
        return;
    }
    let _ = register(workspace);
}

/// The config file of the repository holding `workspace`: `.git/config`,
/// or for a linked worktree (`.git` a file) its common folder's.
fn config_file(workspace: &Path) -> Option<PathBuf> {
    let folder = workspace.ancestors().find(|dir| dir.join(".git").exists())?;
    let dot_git = folder.join(".git");
    if dot_git.is_dir() {
        return Some(dot_git.join("config"));
    }
    let pointer = std::fs::read_to_string(&dot_git).ok()?;
    let git_dir = folder.join(pointer.strip_prefix("gitdir:")?.trim());
    let common = match std::fs::read_to_string(git_dir.join("commondir")) {
        Ok(common) => git_dir.join(common.trim()),
        Err(_) => git_dir,
    };
    Some(common.join("config"))
}

#[cfg(test)]
mod tests {
    use super::registered;

    #[test]
    fn the_driver_is_recognised_in_the_config_git_writes() {
        let driver = "'/usr/bin/gavel' merge-driver %O %A %B %P";
        let config = format!("[core]\n\tbare = false\n[merge \"gavel\"]\n\tname = gavel\n\tdriver = {driver}\n");
        assert!(registered(&config, driver));
        assert!(!registered(&config, "'/opt/gavel' merge-driver %O %A %B %P"), "another gavel is registered again");
        assert!(!registered("[core]\n", driver));
    }
}
