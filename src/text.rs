//! Workspace text is untrusted, on screen and in plain-text output: control characters, escape sequences and
//! bidi overrides are shown as visible stand-ins, never sent raw.

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
    }

    #[test]
    fn fit_counts_columns_not_bytes() {
        assert_eq!(fit("Update from Peer Review", 10), "Update fr…");
        assert_eq!(fit("会議の議題です", 7), "会議の…");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(pad("会議", 3), "会…");
    }
}
