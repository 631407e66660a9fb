//! Which workspace to open: `-w DIR`, else `$GAVEL_WORKSPACE`, else the
//! current directory when it holds gavel.json, else the user's own
//! workspace in the platform data directory, made from the sample on first run.

use super::save::{to_json, write_atomic};
use super::{ACTIONS_FILE, BOARD_FILE, MEETINGS_DIR, RISKS_FILE};
use crate::model::{ActionLog, Board, QuorumRule, RiskBand, RiskRegister, SCHEMA_VERSION, Settings};
use std::os::unix::fs::DirBuilderExt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    pub root: PathBuf,
    /// The user's workspace was made from the sample just now.
    pub created: bool,
}

/// Finds the workspace; may create the user's own from the sample.
/// A newcomer's sample has its dates moved so that its meeting is `now`'s day.
pub fn resolve_workspace(
    flag: Option<&Path>,
    env: Option<&str>,
    cwd: &Path,
    now: crate::model::Timestamp,
    may_create: bool,
) -> std::io::Result<Located> {
    let found = |root: PathBuf| Located { root, created: false };
    if let Some(dir) = flag {
        return Ok(found(dir.to_path_buf()));
    }
    if let Some(dir) = env.filter(|d| !d.is_empty()) {
        return Ok(found(PathBuf::from(dir)));
    }
    if cwd.join(BOARD_FILE).is_file() {
        return Ok(found(cwd.to_path_buf()));
    }
    let dirs = directories::ProjectDirs::from("", "", "gavel").ok_or_else(|| {
        std::io::Error::new(std::io::ErrorKind::NotFound, "no home directory to keep a workspace in: pass -w DIR")
    })?;
    let root = dirs.data_dir().join("workspace");
    let created = !root.join(BOARD_FILE).is_file();
    // Only the screen makes the sample: a command run from cron outside a
    // board must not report a board nobody has.
    if created && !may_create {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!(
                "there is no gavel workspace here ({} has no gavel.json): make one with `gavel init`, or name one with -w DIR or $GAVEL_WORKSPACE",
                crate::text::clean_path(cwd)
            ),
        ));
    }
    if created {
        init_sample_today(&root, now, Sharing::Private)?;
    }
    Ok(Located { root, created })
}

/// Who may read and write a new workspace.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Sharing {
    /// The owner only: directories 0700, files 0600.
    Private,
    /// The owner and the directory's group (a shared board folder):
    /// directories 2770 so new files keep the group, files 0660.
    Group,
}

/// Makes a new workspace at `root`: the sample board, or an empty board.
/// Refuses to touch a directory that already holds one.
pub fn init_workspace(root: &Path, sample: bool, name: Option<&str>, sharing: Sharing) -> std::io::Result<()> {
    let files: Vec<(String, Vec<u8>)> =
        if sample { super::sample::sample_files() } else { empty_workspace(name.unwrap_or("Board")) };
    make(root, files, sharing)
}

/// The sample board, its dates moved so that its planned meeting is today
/// at the next half hour (see `sample::shifted_sample`).
pub fn init_sample_today(root: &Path, now: crate::model::Timestamp, sharing: Sharing) -> std::io::Result<()> {
    make(root, super::sample::shifted_sample(now), sharing)
}

/// The board's time zone, where the files do not name one (the sample
/// board): `$TZ` or the system's, as for an empty board.
fn zoned(mut files: Vec<(String, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    for (_, bytes) in files.iter_mut().filter(|(path, _)| path == BOARD_FILE) {
        let Ok(mut board) = serde_json::from_slice::<Board>(bytes) else { continue };
        if board.settings.time_zone.is_empty()
            && let Some(zone) = crate::model::zone::system_zone_name()
        {
            board.settings.time_zone = zone;
            *bytes = super::to_json(&board);
        }
    }
    files
}

fn make(root: &Path, files: Vec<(String, Vec<u8>)>, sharing: Sharing) -> std::io::Result<()> {
    super::access::writable()?;
    let files = zoned(files);
    if root.join(BOARD_FILE).exists() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::AlreadyExists,
            format!("{} already holds a gavel workspace; nothing was changed", root.display()),
        ));
    }
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true).mode(0o700);
    builder.create(root.join(MEETINGS_DIR))?;
    // gavel's own lock and bookkeeping stay out of a workspace kept in git.
    let ignored: String = super::BOOKKEEPING.iter().map(|name| format!("{name}\n")).collect();
    write_atomic(&root.join(".gitignore"), ignored.as_bytes())?;
    // gavel.json last: a half-made workspace is never mistaken for a whole one.
    for (path, bytes) in files.iter().rev() {
        write_atomic(&root.join(path), bytes)?;
    }
    if sharing == Sharing::Group {
        use std::fs::{Permissions, set_permissions};
        use std::os::unix::fs::PermissionsExt;
        for dir in [root.to_path_buf(), root.join(MEETINGS_DIR)] {
            set_permissions(dir, Permissions::from_mode(0o2770))?;
        }
        for (path, _) in &files {
            set_permissions(root.join(path), Permissions::from_mode(0o660))?;
        }
    }
    Ok(())
}

fn empty_workspace(name: &str) -> Vec<(String, Vec<u8>)> {
    let board = Board {
        schema_version: SCHEMA_VERSION,
        name: name.to_string(),
        people: vec![],
        groups: vec![],
        quorum: QuorumRule::default(),
        risk_bands: RiskBand::nhs_defaults(),
        settings: Settings {
            time_zone: crate::model::zone::system_zone_name().unwrap_or_default(),
            ..Settings::default()
        },
    };
    let actions = ActionLog::empty();
    let risks = RiskRegister::empty();
    vec![
        (BOARD_FILE.to_string(), to_json(&board)),
        (ACTIONS_FILE.to_string(), to_json(&actions)),
        (RISKS_FILE.to_string(), to_json(&risks)),
    ]
}
