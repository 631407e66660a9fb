//! serde_json's messages in the board's words: "role must be one of chair,
//! deputy_chair, …" rather than "unknown variant", "a whole number" rather
//! than "u32", and a trailing comma named as such, where it is.

/// The message for a value at `path` that serde refused with `serde_says`.
pub fn reword(path: &str, serde_says: &str) -> String {
    let field = path.rsplit('.').next().unwrap_or(path);
    let field = field.split('[').next().unwrap_or(field);
    if let Some(rest) = serde_says.strip_prefix("unknown variant ") {
        let (found, expected) = rest.split_once(", expected one of ").unwrap_or((rest, ""));
        let choices = expected.replace('`', "");
        let found = found.trim_matches('`');
        return match field.is_empty() {
            true => format!("{found:?} is not one of {choices}"),
            false => format!("{field} must be one of {choices}, not {found:?}"),
        };
    }
    for prefix in ["invalid type: ", "invalid value: "] {
        if let Some(rest) = serde_says.strip_prefix(prefix)
            && let Some((found, expected)) = rest.split_once(", expected ")
        {
            return format!("expected {}, found {}", expected_words(expected), found_words(found));
        }
    }
    serde_says.to_string()
}

fn expected_words(expected: &str) -> String {
    match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "a whole number, 0 or more".into(),
        "i8" | "i16" | "i32" | "i64" => "a whole number".into(),
        "a sequence" => "a list in [ ]".into(),
        "a string" => "text in quotes".into(),
        "a boolean" => "true or false".into(),
        "a map" => "an object in { }".into(),
        other if other.starts_with("struct ") => "an object in { }".into(),
        other => other.to_string(),
    }
}

fn found_words(found: &str) -> String {
    let found = found.replace('`', "");
    match found.split_once(' ') {
        Some(("string", text)) => format!("the text {text}"),
        Some(("integer" | "floating", number)) => format!("the number {}", number.trim_start_matches("point ")),
        Some(("boolean", value)) => value.to_string(),
        _ if found == "sequence" => "a list".into(),
        _ if found == "map" => "an object".into(),
        _ => found,
    }
}

/// A trailing comma, from where serde_json stopped (the `}` or `]` after
/// it, a byte offset): the comma's line and column and the sentence.
pub fn trailing_comma(text: &str, stopped_at: usize) -> Option<(usize, String)> {
    let bytes = text.as_bytes();
    let close = *bytes.get(stopped_at)?;
    let comma = bytes[..stopped_at].iter().rposition(|b| !b.is_ascii_whitespace())?;
    (bytes[comma] == b',' && (close == b'}' || close == b']')).then(|| {
        let (line, column) = super::locate::line_column(text, comma);
        (comma, format!("a comma before `{}` at {line}:{column}: JSON allows none", close as char))
    })
}

/// The byte offset of serde_json's line and column (column in bytes, from 1).
pub fn offset_of(text: &str, line: usize, column: usize) -> Option<usize> {
    let start: usize = text.split_inclusive('\n').take(line.checked_sub(1)?).map(str::len).sum();
    Some(start + column.checked_sub(1)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roles_are_listed_in_the_boards_words() {
        let said = "unknown variant `chairman`, expected one of `chair`, `deputy_chair`, `member`";
        assert_eq!(reword("people[3].role", said), "role must be one of chair, deputy_chair, member, not \"chairman\"");
    }

    #[test]
    fn types_are_named_plainly() {
        assert_eq!(
            reword("agenda[0].planned_minutes", "invalid type: string \"15m\", expected u32"),
            "expected a whole number, 0 or more, found the text \"15m\""
        );
        assert_eq!(
            reword("people", "invalid type: integer `3`, expected a sequence"),
            "expected a list in [ ], found the number 3"
        );
    }

    #[test]
    fn a_trailing_comma_is_found_where_it_is() {
        let text = "{\n  \"a\": 1,\n}";
        let at = offset_of(text, 3, 1).unwrap();
        assert_eq!(trailing_comma(text, at).unwrap().1, "a comma before `}` at 2:9: JSON allows none");
    }
}
