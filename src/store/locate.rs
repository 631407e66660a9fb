//! Finds where a JSON path (`actions[3].owners[0]`) sits in a file's text,
//! so problems found after parsing still point at a line and column.

/// Line and column (both from 1) of the value at `path`, if it is there.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    locate_all(text, &[path]).pop().flatten()
}

/// Where each of `paths` sits, in one walk of the text however many there
/// are: the paths make a tree, the walk enters only values on one of them
/// and skips the rest, and lines and columns come from one sweep over the
/// offsets found. Finding each path from the start instead made 10,000
/// problems in a 10 MB log take seconds.
pub fn locate_all(text: &str, paths: &[&str]) -> Vec<Option<(usize, usize)>> {
    let mut tree = Node::default();
    for (n, path) in paths.iter().enumerate() {
        let Some(segments) = segments(path) else { continue };
        let mut node = &mut tree;
        for segment in segments {
            node = match segment {
                Segment::Key(key) => node.keys.entry(key.as_bytes()).or_default(),
                Segment::Index(index) => node.indices.entry(index).or_default(),
            };
        }
        node.here.push(n);
    }
    let mut offsets = vec![None; paths.len()];
    let mut cursor = Cursor { bytes: text.as_bytes(), at: 0 };
    let _ = cursor.walk(&tree, &mut offsets);
    line_columns(text, &offsets)
}

/// The paths still to find below one value.
#[derive(Default)]
struct Node<'a> {
    /// Which of the paths end at this value.
    here: Vec<usize>,
    keys: std::collections::HashMap<&'a [u8], Node<'a>>,
    indices: std::collections::HashMap<usize, Node<'a>>,
}

/// Lines and columns of many offsets, in one sweep from the start.
fn line_columns(text: &str, offsets: &[Option<usize>]) -> Vec<Option<(usize, usize)>> {
    let mut order: Vec<(usize, usize)> = offsets.iter().enumerate().filter_map(|(n, o)| Some(((*o)?, n))).collect();
    order.sort_unstable();
    let bytes = text.as_bytes();
    let (mut at, mut line, mut line_start) = (0, 1, 0);
    let mut out = vec![None; offsets.len()];
    for (offset, n) in order {
        let offset = offset.min(bytes.len());
        for (i, &b) in bytes[at..offset].iter().enumerate() {
            if b == b'\n' {
                line += 1;
                line_start = at + i + 1;
            }
        }
        at = offset;
        let column = String::from_utf8_lossy(&bytes[line_start..offset]).chars().count() + 1;
        out[n] = Some((line, column));
    }
    out
}

/// Line and column (both from 1, column in characters) of a byte offset.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = &text.as_bytes()[..offset.min(text.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
    let column = String::from_utf8_lossy(&before[line_start..]).chars().count() + 1;
    (line, column)
}

enum Segment<'a> {
    Key(&'a str),
    Index(usize),
}

fn segments(path: &str) -> Option<Vec<Segment<'_>>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_at(part.find('[').unwrap_or(part.len()));
        if !key.is_empty() {
            out.push(Segment::Key(key));
        }
        while let Some(stripped) = rest.strip_prefix('[') {
            let end = stripped.find(']')?;
            out.push(Segment::Index(stripped[..end].parse().ok()?));
            rest = &stripped[end + 1..];
        }
    }
    Some(out)
}

struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.at).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        self.skip_ws();
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// Reads a string and returns the range of its raw contents (escapes
    /// left as written).
    fn string(&mut self) -> Option<std::ops::Range<usize>> {
        self.eat(b'"')?;
        let start = self.at;
        loop {
            match self.peek()? {
                b'\\' => self.at += 2,
                b'"' => break,
                _ => self.at += 1,
            }
        }
        self.at += 1;
        Some(start..self.at - 1)
    }

    fn skip_value(&mut self) -> Option<()> {
        self.skip_ws();
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' | b'[' => {
                let mut depth = 0usize;
                loop {
                    match self.peek()? {
                        b'"' => {
                            self.string()?;
                            continue;
                        }
                        b'{' | b'[' => depth += 1,
                        b'}' | b']' => depth -= 1,
                        _ => {}
                    }
                    self.at += 1;
                    if depth == 0 {
                        return Some(());
                    }
                }
            }
            _ => {
                while self.peek().is_some_and(|b| !matches!(b, b',' | b']' | b'}') && !b.is_ascii_whitespace()) {
                    self.at += 1;
                }
                Some(())
            }
        }
    }

    /// Records where the tree's paths end inside the value here, entering
    /// only the members and elements some path goes through.
    fn walk(&mut self, node: &Node, offsets: &mut [Option<usize>]) -> Option<()> {
        self.skip_ws();
        for &n in &node.here {
            offsets[n].get_or_insert(self.at);
        }
        match self.peek()? {
            b'{' if !node.keys.is_empty() => {
                self.at += 1;
                self.members(
                    |cursor| {
                        let name = cursor.string()?;
                        cursor.eat(b':')?;
                        let name = &cursor.bytes[name];
                        match node.keys.get(name) {
                            Some(child) => cursor.walk(child, offsets),
                            None => cursor.skip_value(),
                        }
                    },
                    b'}',
                )
            }
            b'[' if !node.indices.is_empty() => {
                self.at += 1;
                let mut index = 0;
                self.members(
                    |cursor| {
                        let found = match node.indices.get(&index) {
                            Some(child) => cursor.walk(child, offsets),
                            None => cursor.skip_value(),
                        };
                        index += 1;
                        found
                    },
                    b']',
                )
            }
            _ => self.skip_value(),
        }
    }

    /// The members of an object or elements of an array, after its opening
    /// bracket, up to and past `close`.
    fn members(&mut self, mut each: impl FnMut(&mut Self) -> Option<()>, close: u8) -> Option<()> {
        self.skip_ws();
        if self.peek()? == close {
            self.at += 1;
            return Some(());
        }
        loop {
            each(self)?;
            self.skip_ws();
            match self.peek()? {
                b',' => self.at += 1,
                b if b == close => {
                    self.at += 1;
                    return Some(());
                }
                _ => return None,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "{\n  \"schema_version\": 1,\n  \"actions\": [\n    {\"ref\": \"A1\", \"owners\": [\"MM\"]},\n    {\n      \"ref\": \"A\\\"2\",\n      \"owners\": [\"GB\", \"XX\"]\n    }\n  ]\n}\n";

    #[test]
    fn finds_nested_values() {
        assert_eq!(locate(TEXT, "schema_version"), Some((2, 21)));
        assert_eq!(locate(TEXT, "actions[0].owners[0]"), Some((4, 30)));
        assert_eq!(locate(TEXT, "actions[1].owners[1]"), Some((7, 24)));
        assert_eq!(locate(TEXT, "actions[1].ref"), Some((6, 14)));
    }

    #[test]
    fn missing_paths_give_none() {
        assert_eq!(locate(TEXT, "actions[5]"), None);
        assert_eq!(locate(TEXT, "nothing"), None);
        assert_eq!(locate("{\"a\": [1,", "a[3]"), None);
    }

    #[test]
    fn many_paths_are_found_in_one_walk() {
        let paths = ["actions[1].owners[1]", "nothing", "actions[0].owners[0]", "schema_version", "actions[1].ref"];
        let found = locate_all(TEXT, &paths);
        assert_eq!(found, vec![Some((7, 24)), None, Some((4, 30)), Some((2, 21)), Some((6, 14))]);
        assert_eq!(locate_all("{\"a\": [], \"b\": {}}", &["a[0]", "b.c"]), vec![None, None]);
    }
}
