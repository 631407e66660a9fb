//! Names the commit in `gavel --version` when built from a git checkout,
//! "gavel 0.1.0 (1a2b3c4)". Built from a published crate or a tarball,
//! where git or the repository is missing, it is the version alone.

use std::path::{Path, PathBuf};
use std::process::Command;

fn main() {
    let version = std::env::var("CARGO_PKG_VERSION").unwrap_or_default();
    let manifest = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default());
    let long = match git(&manifest, &["rev-parse", "--short", "HEAD"]) {
        Some(commit) if own_repository(&manifest) => format!("{version} ({commit})"),
        _ => version,
    };
    println!("cargo:rustc-env=GAVEL_LONG_VERSION={long}");
    // The binary is linked at a fixed address: started hundreds of times a
    // meeting (`gavel add`), a position-independent one relocated itself at
    // every start (`gavel --version`, perf stat: 259 page faults and 1.29 ms
    // of CPU as PIE, 198 and 1.12 ms without).
    println!("cargo:rustc-link-arg-bins=-no-pie");
    println!("cargo:rerun-if-changed=build.rs");
    // Rebuild when HEAD moves: a commit, a checkout, a merge. In a worktree
    // .git is a file, so ask git where HEAD and its branch live.
    for what in ["HEAD", "logs/HEAD"] {
        if let Some(path) = git(&manifest, &["rev-parse", "--git-path", what]) {
            let path = manifest.join(path);
            if path.exists() {
                println!("cargo:rerun-if-changed={}", path.display());
            }
        }
    }
}

/// Only this crate's own checkout counts: a crate unpacked inside some
/// other repository must not take that repository's commit.
fn own_repository(manifest: &Path) -> bool {
    let top = git(manifest, &["rev-parse", "--show-toplevel"]).map(PathBuf::from);
    match (top.and_then(|t| t.canonicalize().ok()), manifest.canonicalize().ok()) {
        (Some(top), Some(manifest)) => top == manifest,
        _ => false,
    }
}

/// A git command's trimmed output, or None when git or the repository is missing.
fn git(dir: &Path, args: &[&str]) -> Option<String> {
    let output = Command::new("git").current_dir(dir).args(args).output().ok().filter(|o| o.status.success())?;
    let text = String::from_utf8(output.stdout).ok()?;
    Some(text.trim().to_string()).filter(|t| !t.is_empty())
}
