//! The name gavel knows the user by, for the history of every record:
//! `$GAVEL_USER`, else the `name` in the user's gavel settings
//! (`~/.config/gavel/settings.json` on Linux), else git's `user.name` (the
//! workspace's repository first, then the user's own git config), else
//! `$USER`. Git's config is read as a file, not by running git: an add
//! stays a few milliseconds.

use crate::model::history::Stamp;
use std::path::{Path, PathBuf};

/// Who saves a change now, and why.
pub fn stamp(root: &Path, reason: Option<String>) -> Stamp {
    let reason = reason.map(|r| r.trim().to_string()).filter(|r| !r.is_empty());
    Stamp { at: crate::clock::running(), by: author(root), reason }
}

/// The name, cleaned of control characters; "someone" if nothing says.
pub fn author(root: &Path) -> String {
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.trim().is_empty());
    let name = env("GAVEL_USER")
        .or_else(settings_name)
        .or_else(|| git_name(root))
        .or_else(|| env("USER"))
        .or_else(|| env("LOGNAME"))
        .unwrap_or_else(|| "someone".into());
    crate::text::clean(name.trim()).into_owned()
}

fn settings_name() -> Option<String> {
    #[derive(serde::Deserialize)]
    struct Settings {
        name: Option<String>,
    }
    let dirs = directories::ProjectDirs::from("", "", "gavel")?;
    let bytes = std::fs::read(dirs.config_dir().join("settings.json")).ok()?;
    serde_json::from_slice::<Settings>(&bytes).ok()?.name.filter(|n| !n.trim().is_empty())
}

/// `user.name` from the repository's config, then the user's.
fn git_name(root: &Path) -> Option<String> {
    let home = std::env::var_os("HOME").map(PathBuf::from);
    let xdg =
        std::env::var_os("XDG_CONFIG_HOME").map(PathBuf::from).or_else(|| home.as_ref().map(|h| h.join(".config")));
    let global = std::env::var_os("GIT_CONFIG_GLOBAL").map(PathBuf::from);
    let mut files: Vec<PathBuf> = repository_config(root).into_iter().collect();
    files.extend(global);
    files.extend(home.map(|h| h.join(".gitconfig")));
    files.extend(xdg.map(|x| x.join("git").join("config")));
    files.iter().find_map(|f| std::fs::read_to_string(f).ok().and_then(|text| user_name(&text)))
}

/// The config of the repository holding `root`, looked for upwards.
fn repository_config(root: &Path) -> Option<PathBuf> {
    let root = root.canonicalize().ok()?;
    root.ancestors().map(|dir| dir.join(".git").join("config")).find(|c| c.is_file())
}

/// The last `name` in a `[user]` section of a git config file.
fn user_name(config: &str) -> Option<String> {
    let mut in_user = false;
    let mut name = None;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_user = line.trim_start_matches('[').trim_end_matches(']').trim().eq_ignore_ascii_case("user");
        } else if in_user
            && let Some((key, value)) = line.split_once('=')
            && key.trim().eq_ignore_ascii_case("name")
        {
            name = Some(value.trim().trim_matches('"').to_string()).filter(|n| !n.is_empty());
        }
    }
    name
}

#[cfg(test)]
mod tests {
    #[test]
    fn git_config_user_name_is_read_from_its_section() {
        let config =
            "[core]\n\tname = not this\n[user]\n\temail = a@b\n\tname = \"Zoe Fearon\"\n[alias]\n\tname = nor this\n";
        assert_eq!(super::user_name(config).as_deref(), Some("Zoe Fearon"));
        assert_eq!(super::user_name("[core]\n\tbare = false\n"), None);
    }
}
