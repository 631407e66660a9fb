//! Workspace text is untrusted wherever it goes: control characters, escape sequences, bidi overrides and
//! line separators are shown as visible stand-ins or escaped, never sent raw. One sanitiser per destination:
//! the terminal (`clean`, `for_terminal`), JSON (`json`), iCalendar (`ics`); CSV, HTML, Markdown and docx
//! take `clean_keep_newlines` and then escape their own characters (see `export`).

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

fn stand_in(c: char) -> Option<char> {
    match c {
        // C0 controls map onto the Control Pictures block: ESC shows as ␛.
        '\0'..='\x1f' => char::from_u32(0x2400 + c as u32),
        '\x7f' => Some('␡'),
        // C1 controls, and bidi controls that could reorder what is shown.
        '\u{80}'..='\u{9f}'
        | '\u{200e}'
        | '\u{200f}'
        | '\u{061c}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some('\u{fffd}'),
        // Line and paragraph separators: a line break to some terminals and editors.
        '\u{2028}' | '\u{2029}' => Some('␤'),
        _ => None,
    }
}

/// The text with every unsafe character replaced by a visible one.
pub fn clean(text: &str) -> Cow<'_, str> {
    if !text.chars().any(|c| stand_in(c).is_some()) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(text.chars().map(|c| stand_in(c).unwrap_or(c)).collect())
}

/// A file name as a message may show it: not UTF-8 shown as �, control
/// characters and escapes as visible stand-ins (a name can hold anything).
pub fn clean_path(path: &std::path::Path) -> String {
    clean(&path.display().to_string()).into_owned()
}

/// Like `clean`, but keeps line breaks, for text that is meant to have them.
pub fn clean_keep_newlines(text: &str) -> String {
    text.split('\n').map(|line| clean(line)).collect::<Vec<_>>().join("\n")
}

/// A whole document bound for a terminal (an export to standard output):
/// its line ends (LF or CRLF) and tabs kept, every other control shown.
pub fn for_terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c => out.push(stand_in(c).unwrap_or(c)),
        }
    }
    out
}

/// A JSON value as pretty text, with the characters serde_json leaves raw
/// that would still act on a terminal or a reader (C1 controls such as
/// U+009B, DEL, bidi overrides, line separators) escaped as `\uXXXX`: the
/// value a script reads is the same, the bytes carry no control.
pub fn json(value: &serde_json::Value) -> String {
    // serde_json escapes C0 in strings; the C0 left are its own line breaks.
    let raw = |c: char| c > '\x1f' && stand_in(c).is_some();
    let text = serde_json::to_string_pretty(value).expect("json values serialize");
    if !text.chars().any(raw) {
        return text;
    }
    // Outside strings JSON holds only ASCII punctuation, digits and
    // white space: every character found here is inside a string.
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match raw(c) {
            true => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            false => out.push(c),
        }
    }
    out
}

/// A text value for an iCalendar property: every control shown as a
/// stand-in but the line break, which the calendar writer escapes as `\n`
/// (RFC 5545 3.3.11) with the backslash, comma and semicolon, so no value
/// can end its line and start a property or a component of its own.
pub fn ics(text: &str) -> String {
    clean_keep_newlines(text)
}

/// Clean text cut to `width` columns, with "…" when it was longer.
pub fn fit(text: &str, width: usize) -> String {
    let text = clean(text);
    if text.width() <= width {
        return text.into_owned();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        out.push(c);
        used += w;
    }
    if width > 0 {
        out.push('…');
    }
    out
}

/// Clean text padded or cut to exactly `width` columns.
pub fn pad(text: &str, width: usize) -> String {
    let mut out = fit(text, width);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', width.saturating_sub(w)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_controls_become_visible() {
        assert_eq!(clean("a\x1b[2Jb"), "a␛[2Jb");
        assert_eq!(clean("\x07\r\t"), "␇␍␉");
        assert_eq!(clean("x\u{9b}y\u{202e}z"), "x\u{fffd}y\u{fffd}z");
        assert!(matches!(clean("plain — text"), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a␤b␤c");
    }

    #[test]
    fn a_document_for_the_terminal_keeps_its_lines() {
        assert_eq!(for_terminal("a,b\r\n\x1b]52;c;eA==\x07\tx\ry\n"), "a,b\r\n␛]52;c;eA==␇\tx␍y\n");
    }

    #[test]
    fn json_escapes_what_serde_leaves_raw() {
        let value = serde_json::json!({"text": "a\u{9b}2J\u{202e}b\u{2028}\x1b"});
        let text = json(&value);
        assert!(text.contains(r"a\u009b2J\u202eb\u2028\u001b"), "{text}");
        assert_eq!(serde_json::from_str::<serde_json::Value>(&text).unwrap(), value);
    }

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("Update from Peer Review", 10), "Update fr…");
        assert_eq!(fit("会議の議題です", 7), "会議の…");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("会議", 3), "会…");
    }
}
