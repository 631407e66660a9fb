//! A terminal whose locale is not UTF-8 (LANG=C, say) would show UTF-8
//! box drawing and symbols as mojibake. There every cell is sent as ASCII of
//! the same width: borders as + - |, the screen's symbols as their nearest
//! letter or sign, anything else as ?.

use std::borrow::Cow;
use unicode_width::UnicodeWidthStr;

/// Whether the locale in the environment names a charset other than UTF-8.
/// No locale set at all is taken as UTF-8, as every current terminal is.
pub fn locale_is_ascii(var: impl Fn(&str) -> Option<String>) -> bool {
    let locale = ["LC_ALL", "LC_CTYPE", "LANG"].iter().find_map(|name| var(name).filter(|v| !v.is_empty()));
    locale.is_some_and(|l| {
        let l = l.to_ascii_lowercase();
        !(l.contains("utf-8") || l.contains("utf8"))
    })
}

/// The cell's symbol in ASCII, as many columns wide as the original.
pub fn fallback(symbol: &str) -> Cow<'_, str> {
    if symbol.is_ascii() {
        return Cow::Borrowed(symbol);
    }
    let width = symbol.width().max(1);
    let mut chars = symbol.chars();
    let one = match (chars.next(), chars.next()) {
        (Some(c), None) => stand_in(c),
        _ => '?',
    };
    let mut out = String::with_capacity(width);
    out.push(one);
    out.extend(std::iter::repeat_n(' ', width - 1));
    Cow::Owned(out)
}

fn stand_in(c: char) -> char {
    match c {
        '─' | '━' | '═' | '—' | '–' | '−' | '░' => '-',
        '│' | '┃' | '║' => '|',
        '┌' | '┐' | '└' | '┘' | '┏' | '┓' | '┗' | '┛' | '╔' | '╗' | '╚' | '╝' | '├' | '┤' | '┬' | '┴' | '┼' | '┣'
        | '┫' | '┳' | '┻' | '╋' | '╠' | '╣' | '╦' | '╩' | '╬' => '+',
        '·' | '…' => '.',
        '✓' | '✔' => 'v',
        '✗' | '×' => 'x',
        '↑' | '▲' => '^',
        '↓' => 'v',
        '→' | '▶' | '»' | '›' => '>',
        '←' => '<',
        '●' | '•' | '■' | '█' | '◎' | '◐' => '*',
        '⚠' => '!',
        '⏸' => '=',
        '✎' => '~',
        'é' => 'e',
        _ => '?',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn borders_and_symbols_keep_their_width() {
        assert_eq!(fallback("┏"), "+");
        assert_eq!(fallback("━"), "-");
        assert_eq!(fallback("▶"), ">");
        assert_eq!(fallback("会"), "? ");
        assert_eq!(fallback("a"), "a");
    }

    #[test]
    fn only_a_named_non_utf8_locale_is_ascii() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert!(locale_is_ascii(env(&[("LANG", "C")])));
        assert!(locale_is_ascii(env(&[("LC_ALL", "C"), ("LANG", "en_GB.UTF-8")])));
        assert!(!locale_is_ascii(env(&[("LANG", "en_GB.UTF-8")])));
        assert!(!locale_is_ascii(env(&[("LC_ALL", ""), ("LANG", "C.utf8")])));
        assert!(!locale_is_ascii(env(&[])));
    }
}
