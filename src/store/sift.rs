//! A long daily file tidied a record at a time. An older workspace keeps
//! everything in one actions.json (58 MB at a hundred years), and parsing it
//! whole to move a century of closed actions into the archive took 147 MiB.
//! Here each record is parsed from the file, kept or set aside, and let go:
//! the records the daily file keeps are held, the closed ones of past years
//! go to a spool on disk (an unnamed file, gone with the process), and each
//! archive year is then filed from the spool in turn. The memory is that of
//! the open work and one year of the archive, whatever the history.

use super::archive::{Archived, archivable, file_years, kept_from, year_of};
use super::error::SaveError;
use super::save::{to_json, write_atomic};
use crate::model::Board;
use crate::model::validate::any_twice;
use serde::de::{self, DeserializeOwned, DeserializeSeed, Error as _, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use std::fs::File;
use std::io::{BufReader, BufWriter, Read, Write};
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};

/// A daily file longer than this is tidied a record at a time before a
/// write; a shorter one is read whole (a tidy log is a few hundred KB, a
/// ten-year one-file log about 6 MB, and whole it costs under 25 MiB).
pub(super) const LONG_FILE: u64 = 8 * 1024 * 1024;

/// Records checked against the board this many at a time as they are set aside.
const CHECKED_TOGETHER: usize = 1024;

/// Tidies the daily document at `path` a record at a time if the file is
/// long: its closed records of past years are filed in the archive, then
/// the file is rewritten with the rest, so that the caller reads a file the
/// size of the open work. Under the caller's lock. A file that is short,
/// missing, too long to read, tidy already, or not as gavel writes it (a
/// fault, a byte-order mark, a record that fails its checks) is left as it
/// is, untouched, for the caller's whole-file path to read and report.
/// Returns whether it tidied.
pub(super) fn tidy_long_file<D: Archived>(
    root: &Path,
    board: &Board,
    path: &Path,
    kept_from: Option<i32>,
) -> Result<bool, SaveError> {
    let io = |source| SaveError::io(path, source);
    let mut spool = Spool::new(root);
    let Some((mut document, _)) =
        read_sifted::<D>(path, board, || kept_from, &mut |aside| spool.put::<D>(aside)).map_err(io)?
    else {
        return Ok(false);
    };
    if spool.is_empty() {
        return Ok(false);
    }
    let years = spool.years();
    file_years(root, &mut document, years.into_iter().map(|year| Ok((year, spool.take::<D>(year).map_err(io)?))))?;
    write_atomic(path, &to_json(&document)).map_err(io)?;
    Ok(true)
}

/// A long daily file read for a view, as it will be once tidied: the
/// records it keeps, the refs of the rest folded into `archived` (so that
/// no ref is given twice). `None` for a short file, or one to read whole.
pub(super) fn read_long<D: Archived>(root: &Path, path: &Path, board: &Board) -> Option<D> {
    let mut aside_refs: Vec<String> = Vec::new();
    let (mut document, _) = read_sifted::<D>(path, board, || kept_from(root, board), &mut |aside| {
        aside_refs.extend(aside.iter().map(|r| D::reference(r).to_string()));
        Ok(())
    })
    .ok()??;
    let moved = document.archived().iter().map(String::as_str).chain(aside_refs.iter().map(String::as_str));
    *document.archived() = crate::model::refs::highest_of_each_style(moved);
    Some(document)
}

/// The closed records of past years a long daily file still holds, by
/// year, for the archive's readers: what a tidy would file. `None` if the
/// file is short, holds none, or is read whole (and so holds them itself).
pub(super) fn long_file_years<D: Archived>(root: &Path, path: &Path, board: &Board) -> std::io::Result<Option<Spool>> {
    // A reader may not write in the workspace (a board member's view).
    let mut spool = Spool::new(&std::env::temp_dir());
    let read = read_sifted::<D>(path, board, || kept_from(root, board), &mut |aside| spool.put::<D>(aside))?;
    Ok(read.and((!spool.is_empty()).then_some(spool)))
}

/// The refs of a long daily file whose every record passes its checks,
/// read a record at a time, for `validate`. `None`: the file is short, or
/// is to be read whole to say what is wrong with it.
pub(super) fn checked_refs<D: Archived>(path: &Path, board: &Board) -> Option<Vec<String>> {
    // Every closed record is set aside (checked and let go), whatever its year.
    read_sifted::<D>(path, board, || Some(i32::MAX), &mut |_| Ok(())).ok()?.map(|(_, refs)| refs)
}

/// Reads a long file a record at a time: the document holding the records
/// kept (those not closed before the year `kept_from` gives), each chunk of the others
/// handed to `aside` once checked. `None` if the file is short, missing or
/// too long to read, cannot be read this way, or fails its checks: the
/// whole-file reading then says where. With the document, every record's ref.
fn read_sifted<D: Archived>(
    path: &Path,
    board: &Board,
    kept_from: impl FnOnce() -> Option<i32>,
    aside: &mut dyn FnMut(Vec<D::Record>) -> std::io::Result<()>,
) -> std::io::Result<Option<(D, Vec<String>)>> {
    // Not a regular file: the whole-file reading says so.
    let Ok(Some(file)) = super::open::open_regular(path) else { return Ok(None) };
    let len = file.metadata()?.len();
    if len <= LONG_FILE || len > super::MAX_FILE_MIB * 1024 * 1024 {
        return Ok(None);
    }
    let Some(kept_from) = kept_from() else { return Ok(None) };
    let (mut kept, mut refs, mut set_aside) = (Vec::new(), Vec::new(), Vec::new());
    let mut sound = true;
    let mut failed = None;
    let mut hand_on = |chunk: &mut Vec<D::Record>, sound: &mut bool| {
        *sound &= checks_out::<D>(board, chunk);
        aside(std::mem::take(chunk)).map_err(|e| {
            let said = e.to_string();
            failed = Some(e);
            said
        })
    };
    let read = sift::<D>(BufReader::with_capacity(256 * 1024, file), &mut |record: D::Record| {
        refs.push(D::reference(&record).to_string());
        if !archivable::<D>(&record, kept_from) {
            kept.push(record);
            return Ok(());
        }
        set_aside.push(record);
        match set_aside.len() == CHECKED_TOGETHER {
            true => hand_on(&mut set_aside, &mut sound),
            false => Ok(()),
        }
    });
    let last = read.is_ok().then(|| hand_on(&mut set_aside, &mut sound));
    if let Some(e) = failed {
        return Err(e);
    }
    let (Ok(mut document), Some(Ok(()))) = (read, last) else { return Ok(None) };
    *document.records() = kept;
    sound &= D::check(board, &document).is_empty() && !any_twice(refs.iter().map(String::as_str));
    Ok(sound.then_some((document, refs)))
}

/// Whether these records pass the document's own checks.
fn checks_out<D: Archived>(board: &Board, records: &mut Vec<D::Record>) -> bool {
    let mut document = D::empty();
    *document.records() = std::mem::take(records);
    let sound = D::check(board, &document).is_empty();
    *records = std::mem::take(document.records());
    sound
}

/// Records set aside, serialized one after another into an unnamed file
/// (gone with the process), and where each year's are.
pub(super) struct Spool {
    dir: PathBuf,
    file: Option<BufWriter<File>>,
    written: u64,
    at: BTreeMap<i32, Vec<(u64, u32)>>,
}

impl Spool {
    fn new(dir: &Path) -> Self {
        Spool { dir: dir.to_path_buf(), file: None, written: 0, at: BTreeMap::new() }
    }

    fn is_empty(&self) -> bool {
        self.at.is_empty()
    }

    fn put<D: Archived>(&mut self, records: Vec<D::Record>) -> std::io::Result<()> {
        if records.is_empty() {
            return Ok(());
        }
        if self.file.is_none() {
            self.file = Some(BufWriter::with_capacity(256 * 1024, tempfile::tempfile_in(&self.dir)?));
        }
        let file = self.file.as_mut().expect("just made");
        let mut bytes = Vec::new();
        for record in records {
            bytes.clear();
            serde_json::to_writer(&mut bytes, &record)?;
            file.write_all(&bytes)?;
            let len = u32::try_from(bytes.len()).map_err(std::io::Error::other)?;
            self.at.entry(year_of::<D>(&record)).or_default().push((self.written, len));
            self.written += u64::from(len);
        }
        Ok(())
    }

    /// The years set aside, oldest first.
    pub(super) fn years(&self) -> Vec<i32> {
        self.at.keys().copied().collect()
    }

    /// One year's records, read back in the order they came, and let go.
    pub(super) fn take<D: Archived>(&mut self, year: i32) -> std::io::Result<Vec<D::Record>> {
        let Some(file) = self.file.as_mut() else { return Ok(Vec::new()) };
        file.flush()?;
        let file = file.get_ref();
        let mut bytes = Vec::new();
        let mut records = Vec::new();
        for (at, len) in self.at.remove(&year).unwrap_or_default() {
            bytes.resize(len as usize, 0);
            file.read_exact_at(&mut bytes, at)?;
            records.push(serde_json::from_slice(&bytes)?);
        }
        Ok(records)
    }
}

/// The record handed on as it is read; an error stops the reading.
type Each<'a, R> = &'a mut dyn FnMut(R) -> Result<(), String>;

/// Reads a document, handing each record of its records field to `each` as
/// it is parsed; the document comes back with that field empty. Its other
/// fields, and its checks (unknown fields, the schema version), are as the
/// whole-file reading has them.
fn sift<D: Archived>(reader: impl Read, each: Each<'_, D::Record>) -> Result<D, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_reader(reader);
    let rest = Fields { records: D::RECORDS, each }.deserialize(&mut de)?;
    de.end()?;
    let document: D = serde_json::from_value(Value::Object(rest))?;
    super::parse::check_version(Some(u64::from(document.schema_version()))).map_err(serde_json::Error::custom)?;
    Ok(document)
}

/// A document's fields: the records handed on, the rest kept as values.
struct Fields<'a, R> {
    records: &'static str,
    each: Each<'a, R>,
}

impl<'de, R: DeserializeOwned> DeserializeSeed<'de> for Fields<'_, R> {
    type Value = Map<String, Value>;
    fn deserialize<De: de::Deserializer<'de>>(self, de: De) -> Result<Self::Value, De::Error> {
        de.deserialize_map(self)
    }
}

impl<'de, R: DeserializeOwned> Visitor<'de> for Fields<'_, R> {
    type Value = Map<String, Value>;
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a gavel document")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let Fields { records, each } = self;
        let mut rest = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            if rest.contains_key(&key) {
                return Err(A::Error::custom(format!("duplicate field `{key}`")));
            }
            let value = match key == records {
                true => map.next_value_seed(Records { each: &mut *each }).map(|()| Value::Array(Vec::new()))?,
                false => map.next_value()?,
            };
            rest.insert(key, value);
        }
        Ok(rest)
    }
}

/// The records array, each element handed on.
struct Records<'a, R> {
    each: Each<'a, R>,
}

impl<'de, R: DeserializeOwned> DeserializeSeed<'de> for Records<'_, R> {
    type Value = ();
    fn deserialize<De: de::Deserializer<'de>>(self, de: De) -> Result<(), De::Error> {
        de.deserialize_seq(self)
    }
}

impl<'de, R: DeserializeOwned> Visitor<'de> for Records<'_, R> {
    type Value = ();
    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a list of records")
    }
    fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<(), S::Error> {
        while let Some(record) = seq.next_element::<R>()? {
            (self.each)(record).map_err(S::Error::custom)?;
        }
        Ok(())
    }
}
