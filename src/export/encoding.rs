//! How a spreadsheet's bytes are text, told without holding the file: a
//! byte-order mark or UTF-16's zero bytes are seen in its first 64 KiB;
//! otherwise the whole file is looked through once for bytes that are not
//! UTF-8 (a buffer at a time, nothing kept) before it is read, so a sheet
//! that is UTF-8 up to its last row but one is read as Windows-1252 as a
//! whole, never half and half.

use std::borrow::Cow;
use std::io::{self, Cursor, Read, Seek, SeekFrom};

/// How much the first look reads: the mark, UTF-16's zeros and the header
/// row (for the separator) are found in it.
const HEAD: usize = 64 * 1024;

/// The encodings a spreadsheet is saved in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Encoding {
    Utf8,
    Utf16 { little: bool },
    Windows1252,
}

impl Encoding {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16 { .. } => "UTF-16",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    /// A cell's bytes as text. UTF-16 reaches the cells as UTF-8 (see
    /// `Opened::bytes`); the separators, quotes and line ends are the same
    /// bytes in UTF-8 and Windows-1252, so cells are cut before they are
    /// decoded.
    pub(crate) fn cell(self, bytes: &[u8]) -> Cow<'_, str> {
        match self {
            Encoding::Windows1252 => Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()),
            _ => String::from_utf8_lossy(bytes),
        }
    }
}

/// A sheet ready to be read: its encoding, its first line or so as text
/// (to choose the separator by), and its bytes from the start, the mark
/// taken off, as UTF-8 or Windows-1252.
pub(crate) struct Opened<'r> {
    pub encoding: Encoding,
    pub head: String,
    pub bytes: Box<dyn Read + 'r>,
}

/// Opens a sheet for reading. A file that is neither UTF-16 nor marked
/// UTF-8 is read through once to see whether it is all UTF-8, then read
/// on from where its first 64 KiB ended.
pub(crate) fn open<'r>(mut file: impl Read + Seek + 'r) -> io::Result<Opened<'r>> {
    let mut head = Vec::with_capacity(HEAD);
    (&mut file).take(HEAD as u64).read_to_end(&mut head)?;
    let (encoding, mark) = match marked(&head) {
        Some(told) => told,
        None => {
            let after_head = file.stream_position()?;
            let utf8 = utf8_throughout(&head, &mut file)?;
            file.seek(SeekFrom::Start(after_head))?;
            (if utf8 { Encoding::Utf8 } else { Encoding::Windows1252 }, 0)
        }
    };
    head.drain(..mark);
    let text = match encoding {
        Encoding::Utf16 { little } => utf16(&head, little, &mut Vec::new()),
        other => other.cell(&head).into_owned(),
    };
    let bytes: Box<dyn Read + 'r> = match encoding {
        Encoding::Utf16 { little } => Box::new(Utf16::new(Cursor::new(head).chain(file), little)),
        _ => Box::new(Cursor::new(head).chain(file)),
    };
    Ok(Opened { encoding, head: text, bytes })
}

/// The encoding the first bytes tell, and the length of its mark: a
/// byte-order mark, or ASCII as UTF-16 (every other byte zero).
fn marked(head: &[u8]) -> Option<(Encoding, usize)> {
    if head.starts_with(b"\xef\xbb\xbf") {
        return Some((Encoding::Utf8, 3));
    }
    if head.starts_with(b"\xff\xfe") {
        return Some((Encoding::Utf16 { little: true }, 2));
    }
    if head.starts_with(b"\xfe\xff") {
        return Some((Encoding::Utf16 { little: false }, 2));
    }
    let zeros = |odd: usize| head.iter().skip(odd).step_by(2).take(200).filter(|b| **b == 0).count();
    let pairs = head.len().min(400) / 2;
    if pairs >= 2 && zeros(1) * 10 >= pairs * 9 {
        return Some((Encoding::Utf16 { little: true }, 0));
    }
    if pairs >= 2 && zeros(0) * 10 >= pairs * 9 {
        return Some((Encoding::Utf16 { little: false }, 0));
    }
    None
}

/// Whether the head and the rest of the file are UTF-8, a character cut
/// between two buffers included.
fn utf8_throughout(head: &[u8], rest: &mut impl Read) -> io::Result<bool> {
    let mut buffer = vec![0; HEAD];
    let mut carried = match unfinished(head) {
        Some(tail) => {
            buffer[..tail.len()].copy_from_slice(tail);
            tail.len()
        }
        None => return Ok(false),
    };
    loop {
        let read = match rest.read(&mut buffer[carried..]) {
            Ok(0) => return Ok(carried == 0),
            Ok(read) => read,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let filled = carried + read;
        let Some(tail) = unfinished(&buffer[..filled]) else { return Ok(false) };
        carried = tail.len();
        buffer.copy_within(filled - carried..filled, 0);
    }
}

/// The end of `bytes` that may be the start of a character the next
/// buffer finishes (`Some(&[])` when none is), or `None` when they are
/// not UTF-8.
fn unfinished(bytes: &[u8]) -> Option<&[u8]> {
    match std::str::from_utf8(bytes) {
        Ok(_) => Some(&[]),
        Err(e) if e.error_len().is_none() => Some(&bytes[e.valid_up_to()..]),
        Err(_) => None,
    }
}

/// A Windows-1252 byte as the character it stands for (Latin-1, but for
/// the printer's quotes, dashes and the euro in 0x80–0x9f).
fn windows_1252(b: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž', '\u{8f}', '\u{90}', '‘',
        '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}', 'ž', 'Ÿ',
    ];
    match b {
        0x80..=0x9f => HIGH[usize::from(b - 0x80)],
        _ => char::from(b),
    }
}

/// UTF-16 bytes as text; a last byte with no pair, or a high surrogate
/// whose low one may be in the next buffer, is left in `rest`.
fn utf16(bytes: &[u8], little: bool, rest: &mut Vec<u8>) -> String {
    let mut units: Vec<u16> = bytes
        .chunks_exact(2)
        .map(|c| if little { u16::from_le_bytes([c[0], c[1]]) } else { u16::from_be_bytes([c[0], c[1]]) })
        .collect();
    let mut kept = bytes.len() % 2;
    if units.last().is_some_and(|u| (0xd800..0xdc00).contains(u)) {
        units.pop();
        kept += 2;
    }
    rest.clear();
    rest.extend_from_slice(&bytes[bytes.len() - kept..]);
    char::decode_utf16(units).map(|c| c.unwrap_or('\u{fffd}')).collect()
}

/// UTF-16 read as UTF-8, a buffer at a time. A lone surrogate is U+FFFD;
/// an odd last byte is dropped.
struct Utf16<R> {
    inner: R,
    little: bool,
    /// Bytes read but not yet decoded (an odd byte, a high surrogate).
    pending: Vec<u8>,
    decoded: Vec<u8>,
    taken: usize,
}

impl<R: Read> Utf16<R> {
    fn new(inner: R, little: bool) -> Self {
        Utf16 { inner, little, pending: Vec::new(), decoded: Vec::new(), taken: 0 }
    }

    /// Decodes the next buffer; false at the end of the file.
    fn refill(&mut self) -> io::Result<bool> {
        let mut buffer = vec![0; 16 * 1024];
        let read = loop {
            match self.inner.read(&mut buffer) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                read => break read?,
            }
        };
        let mut bytes = std::mem::take(&mut self.pending);
        bytes.extend_from_slice(&buffer[..read]);
        let text = if read == 0 {
            // The end: a surrogate left waiting has no pair.
            let text = utf16(&bytes, self.little, &mut self.pending);
            let lone = if self.pending.len() >= 2 { "\u{fffd}" } else { "" };
            self.pending.clear();
            text + lone
        } else {
            utf16(&bytes, self.little, &mut self.pending)
        };
        self.decoded = text.into_bytes();
        self.taken = 0;
        Ok(read > 0 || !self.decoded.is_empty())
    }
}

impl<R: Read> Read for Utf16<R> {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        while self.taken == self.decoded.len() {
            if !self.refill()? {
                return Ok(0);
            }
        }
        let n = out.len().min(self.decoded.len() - self.taken);
        out[..n].copy_from_slice(&self.decoded[self.taken..self.taken + n]);
        self.taken += n;
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_all(bytes: &[u8]) -> (Encoding, String) {
        let mut opened = open(Cursor::new(bytes.to_vec())).unwrap();
        let mut raw = Vec::new();
        opened.bytes.read_to_end(&mut raw).unwrap();
        (opened.encoding, opened.encoding.cell(&raw).into_owned())
    }

    #[test]
    fn a_byte_that_is_not_utf8_far_down_the_file_makes_it_windows_1252_throughout() {
        let mut bytes = "Action,Owner\n".to_string().into_bytes();
        for n in 0..20_000 {
            bytes.extend(format!("Caf\u{e9} {n},GB\n").into_bytes());
        }
        let (encoding, _) = read_all(&bytes);
        assert_eq!(encoding, Encoding::Utf8);
        bytes.extend(b"Na\xefve,GB\n");
        let (encoding, text) = read_all(&bytes);
        assert_eq!(encoding, Encoding::Windows1252);
        assert!(text.starts_with("Action,Owner\nCaf\u{c3}\u{a9} 0,GB") && text.ends_with("Na\u{ef}ve,GB\n"));
    }

    #[test]
    fn a_character_cut_between_two_buffers_is_still_utf8() {
        for cut in 0..4 {
            let mut bytes = vec![b'a'; HEAD - cut];
            bytes.extend("€ and 𝄞".as_bytes());
            let (encoding, text) = read_all(&bytes);
            assert_eq!((encoding, text.len()), (Encoding::Utf8, bytes.len()), "cut {cut}");
        }
    }

    #[test]
    fn utf16_in_any_buffer_size_and_a_surrogate_pair_across_buffers() {
        // The pair's first half is the last unit of the first 16 KiB decoded.
        let text = format!("Action\tOwner\r\n{}\u{1d11e}\tGB\r\n", "x".repeat(8192 - 15));
        for (little, mark) in [(true, &b"\xff\xfe"[..]), (false, &b"\xfe\xff"[..]), (true, &b""[..])] {
            let mut bytes = mark.to_vec();
            for unit in text.encode_utf16() {
                bytes.extend(if little { unit.to_le_bytes() } else { unit.to_be_bytes() });
            }
            let mut opened = open(Cursor::new(bytes)).unwrap();
            assert_eq!(opened.encoding, Encoding::Utf16 { little });
            assert!(opened.head.starts_with("Action\tOwner\r\n"), "{:?}", &opened.head[..20]);
            let mut out = String::new();
            opened.bytes.read_to_string(&mut out).unwrap();
            assert_eq!(out, text);
        }
    }
}
