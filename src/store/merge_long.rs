//! A long action log or risk register merged a record at a time, so that
//! a century of a board in one actions.json (60 MB, as an older gavel
//! left it) merges in the memory of its index, not of three whole copies.
//! Each version is read a record at a time (`sift`); each record is
//! written compact to a spool file and remembered by its identity, label
//! and digest (`merge::Rec`); the merge reads back only the records two
//! sides changed; the merged file is written a record at a time, in the
//! same canonical form as the whole-file path (`to_json`).

use super::archive::Archived;
use super::save::{to_json, write_atomic_by};
use super::sift::LONG_FILE;
use crate::model::merge::{self, Document, Out, Rec, Side};
use crate::model::{ActionLog, RiskRegister, Timestamp};
use serde::Serialize;
use serde_json::Value;
use std::fs::File;
use std::io::{BufReader, BufWriter, Write};
use std::os::unix::fs::FileExt;
use std::path::Path;

/// Merges the files `base`, `ours` and `theirs` of the document at `path`
/// into `ours`, a record at a time, if it is a long log or register; what
/// the merge decided. `None`: not one to stream (short, another document,
/// or not as gavel writes it), for the whole-file path to merge or refuse.
pub fn merge_long_file(path: &Path, [base, ours, theirs]: [&Path; 3], now: Timestamp) -> Option<Vec<String>> {
    let long = [base, ours, theirs].iter().any(|p| std::fs::metadata(p).is_ok_and(|m| m.len() > LONG_FILE));
    if !long {
        return None;
    }
    let report = match super::document_of(path)? {
        Document::Actions => streamed::<ActionLog>(Document::Actions, [base, ours, theirs], now).ok(),
        Document::Risks => streamed::<RiskRegister>(Document::Risks, [base, ours, theirs], now).ok(),
        _ => None,
    }?;
    // What it says names people by initials, not by the identities it merged.
    let register = super::merge::board_beside(path).map(|b| crate::model::link::Directory::of(&b));
    Some(report.into_iter().map(|line| register.as_ref().map_or_else(|| line.clone(), |r| r.relabel(&line))).collect())
}

/// One version scanned: its header, and each record's place in the file.
struct Scanned {
    header: Value,
    recs: Vec<Rec>,
    at: Vec<(u64, u32)>,
    file: File,
}

/// The fields of a record that say which it is.
#[derive(serde::Deserialize)]
struct Head {
    #[serde(default)]
    id: String,
    #[serde(rename = "ref")]
    reference: String,
}

/// Where the scanner is in the document.
#[derive(Default)]
struct Scan {
    depth: usize,
    in_string: bool,
    escaped: bool,
    expect_key: bool,
    key: Vec<u8>,
    records_next: bool,
    in_records: bool,
    record: Vec<u8>,
    start: u64,
}

/// Reads a version a buffer at a time, without parsing its records: the
/// document with an empty records list (parsed, so checked, as the
/// document's header), and each record's identity, label, digest and place.
fn scan<D: Archived>(path: &Path) -> Result<Scanned, String> {
    let file = File::open(path).map_err(|e| e.to_string())?;
    let mut reader = BufReader::with_capacity(1 << 20, file.try_clone().map_err(|e| e.to_string())?);
    let (mut header, mut recs, mut at, mut pos) = (Vec::new(), Vec::new(), Vec::new(), 0u64);
    let mut st = Scan::default();
    loop {
        let buffer = std::io::BufRead::fill_buf(&mut reader).map_err(|e| e.to_string())?;
        if buffer.is_empty() {
            break;
        }
        // A record's bytes are copied a stretch at a time, from where it (or this buffer) began.
        let mut from = st.in_record().then_some(0);
        for (i, &b) in buffer.iter().enumerate() {
            let was_in = st.in_record();
            let ended = st.byte(b, pos + i as u64, &mut header, D::RECORDS.as_bytes());
            match (was_in, st.in_record(), ended) {
                (false, true, _) => {
                    st.record.clear();
                    from = Some(i);
                }
                (true, false, Some(start)) => {
                    st.record.extend_from_slice(&buffer[from.take().unwrap_or(i)..=i]);
                    let head: Head = serde_json::from_slice(&st.record).map_err(|e| e.to_string())?;
                    recs.push(Rec::new(&head.id, &head.reference, &st.record));
                    at.push((start, u32::try_from(st.record.len()).map_err(|e| e.to_string())?));
                }
                _ => {}
            }
        }
        if let Some(from) = from {
            st.record.extend_from_slice(&buffer[from..]);
        }
        let n = buffer.len();
        pos += n as u64;
        std::io::BufRead::consume(&mut reader, n);
    }
    let document: D = if header.iter().all(u8::is_ascii_whitespace) {
        D::empty()
    } else {
        serde_json::from_slice(&header).map_err(|e| e.to_string())?
    };
    let header = serde_json::to_value(&document).map_err(|e| e.to_string())?;
    Ok(Scanned { header, recs, at, file })
}

impl Scan {
    /// Inside one of the records (from its `{` to its `}`).
    fn in_record(&self) -> bool {
        self.in_records && self.depth >= 3
    }

    /// One byte (a record's own are copied by the caller); the start of
    /// the record it ends, if it ends one.
    fn byte(&mut self, b: u8, pos: u64, header: &mut Vec<u8>, records: &[u8]) -> Option<u64> {
        if self.in_string {
            match (self.escaped, b) {
                (true, _) => self.escaped = false,
                (false, b'\\') => self.escaped = true,
                (false, b'"') => self.in_string = false,
                _ if self.depth == 1 && self.expect_key => self.key.push(b),
                _ => {}
            }
            if !self.in_record() {
                header.push(b);
            }
            return None;
        }
        if !self.in_record() && (!self.in_records || self.depth < 2 || b == b']') && b != b'{' {
            header.push(b);
        }
        match b {
            b'"' => {
                self.in_string = true;
                if self.depth == 1 && self.expect_key {
                    self.key.clear();
                }
            }
            b':' if self.depth == 1 => {
                self.expect_key = false;
                self.records_next = self.key == records;
            }
            b',' if self.depth == 1 => self.expect_key = true,
            b'{' | b'[' => {
                if b == b'{' && (!self.in_records || self.depth < 2) {
                    header.push(b);
                }
                self.depth += 1;
                if self.depth == 1 {
                    self.expect_key = true;
                } else if self.depth == 2 && self.records_next && b == b'[' {
                    self.in_records = true;
                } else if self.depth == 3 && self.in_records {
                    self.start = pos;
                }
            }
            b'}' | b']' => {
                self.depth = self.depth.saturating_sub(1);
                if self.depth == 1 && self.in_records {
                    self.in_records = false;
                    self.records_next = false;
                } else if self.depth == 2 && self.in_records {
                    return Some(self.start);
                }
            }
            _ => {}
        }
        None
    }
}

impl Scanned {
    fn bytes(&self, i: usize) -> std::io::Result<Vec<u8>> {
        let (at, len) = self.at[i];
        let mut bytes = vec![0; len as usize];
        self.file.read_exact_at(&mut bytes, at)?;
        Ok(bytes)
    }
}

fn streamed<D: Archived>(doc: Document, paths: [&Path; 3], now: Timestamp) -> Result<Vec<String>, String> {
    // The three versions scanned at once, one a thread.
    let sides = std::thread::scope(|scope| {
        let scans = paths.map(|path| scope.spawn(move || scan::<D>(path)));
        scans.map(|scan| scan.join().unwrap_or_else(|_| Err("a scan failed".into())))
    });
    let [base, ours, theirs] = sides;
    let sides = [base?, ours?, theirs?];
    let mut load = |side: Side, i: usize| -> Value {
        sides[side as usize].bytes(i).ok().and_then(|b| serde_json::from_slice(&b).ok()).unwrap_or(Value::Null)
    };
    let headers = [&sides[0].header, &sides[1].header, &sides[2].header];
    let recs = [&sides[0].recs[..], &sides[1].recs[..], &sides[2].recs[..]];
    let (header, placed, report) = merge::merge_long(doc, headers, recs, &mut load, now);
    let header: D = serde_json::from_value(header).map_err(|e| e.to_string())?;
    let head = to_json(&header);
    let empty_list = format!("\"{}\": []", D::RECORDS);
    let split = find_last(&head, empty_list.as_bytes()).ok_or("the document's records are not where expected")?;
    let (before, after) = (&head[..split + empty_list.len() - 1], &head[split + empty_list.len() - 1..]);
    // A record the merge made is read as the document's record (so checked) and written as one.
    let record = |out: &Out, text: &mut Vec<u8>| -> std::io::Result<()> {
        match out {
            Out::Kept(side, i) => {
                text.clear();
                text.extend_from_slice(b"    ");
                text.extend_from_slice(&sides[*side as usize].bytes(*i)?);
            }
            Out::Made(value) => {
                let record: D::Record = serde_json::from_value(value.clone()).map_err(|e| {
                    std::io::Error::other(format!(
                        "the merged document does not hold together ({e}); nothing was merged"
                    ))
                })?;
                pretty(&record, text)?;
            }
        }
        Ok(())
    };
    // Written to a temporary file renamed over ours at the end: a failure leaves ours as it was.
    let mut text = Vec::new();
    let written = write_atomic_by(paths[1], |file| {
        let mut out = BufWriter::with_capacity(256 * 1024, file);
        out.write_all(before)?;
        for (n, placed) in placed.iter().enumerate() {
            record(&placed.out, &mut text)?;
            out.write_all(if n == 0 { b"\n" } else { b",\n" })?;
            out.write_all(&text)?;
        }
        if !placed.is_empty() {
            out.write_all(b"\n  ")?;
        }
        out.write_all(after)?;
        out.flush()
    });
    written.map_err(|e| e.to_string())?;
    Ok(report)
}

/// A record as the pretty printer writes it inside the document's list: indented four spaces.
fn pretty(record: &impl Serialize, text: &mut Vec<u8>) -> std::io::Result<()> {
    let mut own = Vec::new();
    serde_json::to_writer_pretty(&mut own, record)?;
    text.clear();
    for (n, line) in own.split(|b| *b == b'\n').enumerate() {
        if n > 0 {
            text.push(b'\n');
        }
        text.extend_from_slice(b"    ");
        text.extend_from_slice(line);
    }
    Ok(())
}

fn find_last(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn log(edit: &[(usize, &str)], extra: Option<(&str, &str)>) -> Vec<u8> {
        let mut actions: Vec<Value> = (1..=30)
            .map(|i| serde_json::json!({ "id": format!("id{i:02}"), "ref": format!("A{i}"), "text": "Minutes", "status": "open" }))
            .collect();
        for (at, text) in edit {
            actions[*at]["text"] = (*text).into();
        }
        if let Some((id, text)) = extra {
            actions.push(serde_json::json!({ "id": id, "ref": "A31", "text": text, "status": "open" }));
        }
        let log: ActionLog =
            serde_json::from_value(serde_json::json!({ "schema_version": 2, "actions": actions })).unwrap();
        to_json(&log)
    }

    #[test]
    fn a_log_merged_a_record_at_a_time_is_the_same_bytes_as_merged_whole() {
        let dir = tempfile::tempdir().unwrap();
        let now: Timestamp = "2022-03-04T10:00:00+00:00".parse().unwrap();
        let base = log(&[], None);
        let ours = log(
            &[(3, "Ours {with} [brackets], \"quotes\" and \\ a backslash"), (9, "Both: ours")],
            Some(("new-here", "Book the room")),
        );
        let theirs = log(&[(20, "Theirs"), (9, "Both: theirs")], Some(("new-there", "Circulate the tracker")));
        let path = |name: &str, bytes: &[u8]| {
            let p = dir.path().join(name);
            std::fs::write(&p, bytes).unwrap();
            p
        };
        let (b, o, t) = (path("base", &base), path("ours", &ours), path("theirs", &theirs));
        let whole = crate::store::merge_file(Path::new("actions.json"), &base, &ours, &theirs, now).unwrap();
        let report = streamed::<ActionLog>(Document::Actions, [&b, &o, &t], now).unwrap();
        assert_eq!(String::from_utf8(std::fs::read(&o).unwrap()).unwrap(), String::from_utf8(whole.bytes).unwrap());
        assert_eq!(report, whole.report);
        assert_eq!(report.len(), 2, "{report:?}");
    }
}
