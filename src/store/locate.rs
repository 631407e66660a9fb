//! Finds where a JSON path (`actions[3].owners[0]`) sits in a file's text,
//! so problems found after parsing still point at a line and column.

/// Line and column (both from 1) of the value at `path`, if it is there.
pub fn locate(text: &str, path: &str) -> Option<(usize, usize)> {
    let mut cursor = Cursor { bytes: text.as_bytes(), at: 0 };
    for segment in segments(path)? {
        cursor.skip_ws();
        match segment {
            Segment::Key(key) => cursor.enter_member(key)?,
            Segment::Index(index) => cursor.enter_element(index)?,
        }
    }
    cursor.skip_ws();
    Some(line_column(text, cursor.at))
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

    fn enter_member(&mut self, key: &str) -> Option<()> {
        self.eat(b'{')?;
        loop {
            let name = self.string()?;
            self.eat(b':')?;
            if &self.bytes[name] == key.as_bytes() {
                return Some(());
            }
            self.skip_value()?;
            self.eat(b',')?;
        }
    }

    fn enter_element(&mut self, index: usize) -> Option<()> {
        self.eat(b'[')?;
        for _ in 0..index {
            self.skip_value()?;
            self.eat(b',')?;
        }
        Some(())
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
}
