//! A document that git merged as plain text (no gavel driver configured
//! in that clone) holds conflict markers. They are recognised as such, and
//! split back into the two sides (and the ancestor, when git wrote it) for
//! gavel's own merge to put together.

/// The sides of a file holding git's conflict markers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sides {
    /// This machine's: the text between `<<<<<<<` and `=======` (or `|||||||`).
    pub ours: Vec<u8>,
    /// The other machine's: between `=======` and `>>>>>>>`.
    pub theirs: Vec<u8>,
    /// The common ancestor, only when git wrote it (`merge.conflictStyle diff3`).
    pub base: Option<Vec<u8>>,
}

#[derive(Clone, Copy, PartialEq)]
enum In {
    Both,
    Ours,
    Base,
    Theirs,
}

fn marker(line: &[u8], mark: &[u8]) -> bool {
    line.starts_with(mark) && matches!(line.get(mark.len()), None | Some(b' ' | b'\n' | b'\r'))
}

/// The 1-based line of the first conflict marker, if the text has a whole conflict.
pub fn conflict_line(bytes: &[u8]) -> Option<usize> {
    let mut first = None;
    for (n, line) in bytes.split_inclusive(|b| *b == b'\n').enumerate() {
        if first.is_none() && marker(line, b"<<<<<<<") {
            first = Some(n + 1);
        } else if first.is_some() && marker(line, b">>>>>>>") {
            return first;
        }
    }
    None
}

/// The two sides of a file with conflict markers; `None` if it has none.
pub fn split(bytes: &[u8]) -> Option<Sides> {
    conflict_line(bytes)?;
    let (mut ours, mut theirs, mut base) = (Vec::new(), Vec::new(), Vec::new());
    let (mut at, mut with_base) = (In::Both, false);
    for line in bytes.split_inclusive(|b| *b == b'\n') {
        let next = match at {
            In::Both if marker(line, b"<<<<<<<") => Some(In::Ours),
            In::Ours if marker(line, b"|||||||") => Some(In::Base),
            In::Ours | In::Base if marker(line, b"=======") => Some(In::Theirs),
            In::Theirs if marker(line, b">>>>>>>") => Some(In::Both),
            _ => None,
        };
        if let Some(next) = next {
            with_base |= next == In::Base;
            at = next;
            continue;
        }
        match at {
            In::Both => [&mut ours, &mut theirs, &mut base].into_iter().for_each(|side| side.extend_from_slice(line)),
            In::Ours => ours.extend_from_slice(line),
            In::Base => base.extend_from_slice(line),
            In::Theirs => theirs.extend_from_slice(line),
        }
    }
    Some(Sides { ours, theirs, base: with_base.then_some(base) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sides_of_a_conflict_come_apart() {
        let text = b"{\n<<<<<<< HEAD\n  \"a\": 1\n=======\n  \"a\": 2\n>>>>>>> origin/main\n}\n";
        let sides = split(text).unwrap();
        assert_eq!(sides.ours, b"{\n  \"a\": 1\n}\n");
        assert_eq!(sides.theirs, b"{\n  \"a\": 2\n}\n");
        assert_eq!(sides.base, None);
        assert_eq!(conflict_line(text), Some(2));
    }

    #[test]
    fn the_ancestor_is_kept_when_git_wrote_it() {
        let text = b"<<<<<<< ours\n1\n||||||| base\n0\n=======\n2\n>>>>>>> theirs\n";
        assert_eq!(split(text).unwrap().base, Some(b"0\n".to_vec()));
    }

    #[test]
    fn text_that_only_looks_like_a_marker_is_not_one() {
        assert_eq!(conflict_line(b"  \"text\": \"<<<<<<< not a marker\"\n"), None);
        assert_eq!(split(b"<<<<<<< HEAD\nno end\n"), None);
    }
}
