//! The meetings folder, listed once while it stays unchanged. A hundred
//! years of a board is 2,500 meeting files, and one `gavel add` used to
//! list them four times over (the recent meetings, the archive year, the
//! leftovers, the next meeting) and sort them as paths each time: a fifth
//! of its time.

use super::MEETINGS_DIR;
use chrono::NaiveDate;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, SystemTime};

/// A listing is trusted again only if the folder had not changed for this
/// long when it was taken: a folder's modification time moves in clock
/// ticks, so a file added in the same tick as the listing would otherwise
/// leave it looking current (git's "racy" index entries, the same cure).
const SETTLED: Duration = Duration::from_secs(2);

/// A listing taken this long after the folder's last change is used again
/// for `FRESH`, by this process only: one command lists the folder several
/// times within milliseconds, and during a meeting it changes with every
/// save. A change after such a listing falls in a later clock tick on the
/// usual file systems, so moves the folder's time; on one that keeps coarser
/// times (FAT's two seconds), it is seen at the latest `FRESH` later.
const TICK: Duration = Duration::from_millis(20);
/// Folders with fewer files than this are listed afresh by each command,
/// so nothing is kept for them. 250 meetings take a tenth of a millisecond
/// to list, a thirtieth to read from the kept listing: on every `gavel add`.
const KEPT_FROM: usize = 100;
const FRESH: Duration = Duration::from_secs(1);

/// The folder's names, sorted, and the meeting dates among them, parsed
/// once: a command asks for them several times.
#[derive(Default)]
pub(super) struct Listing {
    pub(super) names: Vec<String>,
    /// Oldest first.
    pub(super) dates: Vec<NaiveDate>,
}

impl Listing {
    fn of(names: Vec<String>) -> Arc<Listing> {
        let dates = names.iter().filter_map(|n| crate::model::iso_date::parse(n.strip_suffix(".json")?)).collect();
        Arc::new(Listing { names, dates })
    }
}

struct Cached {
    dir: PathBuf,
    modified: SystemTime,
    listing: Arc<Listing>,
    /// Taken once the folder had settled: good until it changes.
    settled: bool,
    /// Taken a clock tick or more after the folder's last change.
    ticked: bool,
    listed: std::time::Instant,
}

static CACHE: Mutex<Option<Cached>> = Mutex::new(None);

/// Every name in the meetings folder, sorted; none if there is no folder.
pub(super) fn meeting_names(root: &Path) -> std::io::Result<Arc<Listing>> {
    let dir = root.join(MEETINGS_DIR);
    let modified = match std::fs::metadata(&dir) {
        Ok(meta) => meta.modified()?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Arc::default()),
        Err(e) => return Err(e),
    };
    let mut cache = CACHE.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let usable =
        |c: &&Cached| c.dir == dir && c.modified == modified && (c.settled || (c.ticked && c.listed.elapsed() < FRESH));
    if let Some(c) = cache.as_ref().filter(usable) {
        return Ok(Arc::clone(&c.listing));
    }
    let listed = std::time::Instant::now();
    if let Some(names) = kept::read(&dir, modified) {
        let listing = Listing::of(names);
        *cache = Some(Cached { dir, modified, listing: Arc::clone(&listing), settled: true, ticked: true, listed });
        return Ok(listing);
    }
    let listed_at = SystemTime::now();
    let mut names: Vec<String> =
        std::fs::read_dir(&dir)?.filter_map(Result::ok).filter_map(|e| e.file_name().into_string().ok()).collect();
    names.sort_unstable();
    let age = listed_at.duration_since(modified).unwrap_or_default();
    let (settled, ticked) = (age >= SETTLED, age >= TICK);
    if settled && names.len() >= KEPT_FROM {
        kept::write(&dir, modified, &names);
    }
    let listing = Listing::of(names);
    *cache = Some(Cached { dir, modified, listing: Arc::clone(&listing), settled, ticked, listed });
    Ok(listing)
}

/// The listing kept between commands, in the user's cache folder (never in
/// the workspace, so git never sees it), under the folder's path and
/// modification time: the next command stats the folder and reads one small
/// file instead of 2,500 directory entries. Anything odd in it is a miss.
mod kept {
    use std::path::{Path, PathBuf};
    use std::time::SystemTime;

    pub(super) fn file_for(dir: &Path) -> Option<PathBuf> {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        dir.hash(&mut hasher);
        let dirs = directories::ProjectDirs::from("", "", "gavel")?;
        Some(dirs.cache_dir().join("listings").join(format!("{:016x}", hasher.finish())))
    }

    fn stamp(dir: &Path, modified: SystemTime) -> Option<String> {
        let since = modified.duration_since(SystemTime::UNIX_EPOCH).ok()?;
        Some(format!("{}\n{}.{:09}\n", dir.to_str()?, since.as_secs(), since.subsec_nanos()))
    }

    pub(super) fn read(dir: &Path, modified: SystemTime) -> Option<Vec<String>> {
        let text = std::fs::read_to_string(file_for(dir)?).ok()?;
        let names = text.strip_prefix(&stamp(dir, modified)?)?;
        let names: Vec<String> = names.lines().map(str::to_string).collect();
        // Only plain names in that folder: a name can never lead out of it.
        names.iter().all(|n| !n.contains('/') && n != "." && n != "..").then_some(names)
    }

    pub(super) fn write(dir: &Path, modified: SystemTime, names: &[String]) {
        let (Some(file), Some(mut text)) = (file_for(dir), stamp(dir, modified)) else { return };
        let Some(folder) = file.parent() else { return };
        for name in names {
            text.push_str(name);
            text.push('\n');
        }
        if std::fs::create_dir_all(folder).is_err() {
            return;
        }
        if let Ok(mut tmp) = tempfile::Builder::new().prefix(".listing.").tempfile_in(folder) {
            use std::io::Write;
            if tmp.write_all(text.as_bytes()).is_ok() {
                let _ = tmp.persist(&file);
            }
        }
    }
}

/// A meeting file's name: its date, `.json`, not a hidden temporary file.
fn is_meeting_file(name: &str) -> bool {
    name.ends_with(".json") && !name.starts_with('.')
}

/// The meeting files, oldest first (their names are their dates), whatever
/// their names say: a misnamed one is read, and reported, not skipped.
pub(super) fn meeting_paths(root: &Path) -> std::io::Result<Vec<PathBuf>> {
    Ok(paths_of(root)?.collect())
}

/// `meeting_paths` newest first, each path made only when it is asked for:
/// most commands read one or two meetings of 2,500.
pub(super) fn meeting_paths_newest_first(root: &Path) -> std::io::Result<impl Iterator<Item = PathBuf>> {
    Ok(paths_of(root)?.rev())
}

/// The meeting files' paths, oldest first, made as they are taken.
fn paths_of(root: &Path) -> std::io::Result<impl DoubleEndedIterator<Item = PathBuf>> {
    let dir = root.join(MEETINGS_DIR);
    let listing = meeting_names(root)?;
    Ok((0..listing.names.len()).filter_map(move |i| {
        let name = &listing.names[i];
        if is_meeting_file(name) { Some(dir.join(name)) } else { None }
    }))
}

/// The dates of the meetings, oldest first, from the file names alone.
pub fn meeting_dates(root: &Path) -> MeetingDates {
    MeetingDates(meeting_names(root).unwrap_or_default())
}

/// The meeting dates of a listing, oldest first: shared, not copied.
#[derive(Clone, Default)]
pub struct MeetingDates(Arc<Listing>);

impl std::ops::Deref for MeetingDates {
    type Target = [NaiveDate];
    fn deref(&self) -> &[NaiveDate] {
        &self.0.dates
    }
}

/// The temporary files of unfinished saves in the meetings folder.
pub(super) fn meeting_leftovers(root: &Path) -> Vec<PathBuf> {
    let dir = root.join(MEETINGS_DIR);
    let listing = meeting_names(root).unwrap_or_default();
    listing.names.iter().filter(|n| n.starts_with('.') && n.ends_with(".tmp")).map(|n| dir.join(n)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_added_in_the_same_tick_is_seen() {
        let dir = tempfile::tempdir().unwrap();
        let meetings = dir.path().join(MEETINGS_DIR);
        std::fs::create_dir(&meetings).unwrap();
        std::fs::write(meetings.join("2022-01-06.json"), "{}").unwrap();
        assert_eq!(meeting_dates(dir.path()).len(), 1);
        // Straight after the listing: the folder's time may not have moved.
        std::fs::write(meetings.join("2022-03-03.json"), "{}").unwrap();
        std::fs::write(meetings.join(".2022-03-03.json.x1.tmp"), "").unwrap();
        assert_eq!(meeting_dates(dir.path()).len(), 2);
        assert_eq!(meeting_leftovers(dir.path()).len(), 1);
        assert_eq!(meeting_paths(dir.path()).unwrap().len(), 2);
    }

    /// A meetings folder with one meeting, last changed a minute ago.
    fn settled_folder() -> (tempfile::TempDir, PathBuf, SystemTime) {
        let dir = tempfile::tempdir().unwrap();
        let meetings = dir.path().join(MEETINGS_DIR);
        std::fs::create_dir(&meetings).unwrap();
        std::fs::write(meetings.join("2022-01-06.json"), "{}").unwrap();
        let old = SystemTime::now() - Duration::from_secs(60);
        std::fs::File::open(&meetings).unwrap().set_modified(old).unwrap();
        (dir, meetings, old)
    }

    #[test]
    fn a_listing_kept_between_commands_is_used_only_for_the_same_folder_time() {
        let (_dir, meetings, old) = settled_folder();
        let names = vec!["2022-01-06.json".to_string()];
        kept::write(&meetings, old, &names);
        assert_eq!(kept::read(&meetings, old), Some(names));
        assert_eq!(kept::read(&meetings, SystemTime::now()), None, "the folder changed since");
        kept::write(&meetings, old, &["../../etc/passwd".to_string()]);
        assert_eq!(kept::read(&meetings, old), None, "a name that leads out is a miss");
        let _ = std::fs::remove_file(kept::file_for(&meetings).unwrap());
    }

    #[test]
    fn a_settled_folder_is_listed_once() {
        let (dir, meetings, _) = settled_folder();
        let first = meeting_names(dir.path()).unwrap();
        let again = meeting_names(dir.path()).unwrap();
        assert!(Arc::ptr_eq(&first, &again), "listed twice");
        // Any change moves the folder's time, and it is listed afresh.
        std::fs::write(meetings.join("2022-03-03.json"), "{}").unwrap();
        assert_eq!(meeting_dates(dir.path()).len(), 2);
    }
}
