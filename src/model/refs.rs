//! Action refs in the log's own style: "A15" after "A14", "q" after "p",
//! "2022/08" after "2022/07". The style is the one of the last action in
//! the log (the one added or imported most recently); the number is one
//! more than the highest in that style, skipping any ref already in use.

/// How a ref is written: a prefix and a number (zero-padded to a width),
/// or letters counted a, b, … z, aa, ab (in the case they were written).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Style {
    Numbered { prefix: String, width: usize },
    Lettered { upper: bool },
}

fn read(reference: &str) -> Option<(Style, u64)> {
    if !reference.is_empty() && reference.chars().all(|c| c.is_ascii_lowercase()) {
        return Some((Style::Lettered { upper: false }, letters_value(reference)?));
    }
    // Two or more capitals alone are letters too ("AA" after "Z"); one capital is a prefix-less letter.
    if !reference.is_empty() && reference.chars().all(|c| c.is_ascii_uppercase()) {
        return Some((Style::Lettered { upper: true }, letters_value(&reference.to_ascii_lowercase())?));
    }
    let digits = reference.len() - reference.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    if digits == 0 || digits > 18 {
        return None;
    }
    let (prefix, number) = reference.split_at(reference.len() - digits);
    let width = if number.starts_with('0') && number.len() > 1 { number.len() } else { 0 };
    Some((Style::Numbered { prefix: prefix.to_string(), width }, number.parse().ok()?))
}

/// a = 1, z = 26, aa = 27: the spreadsheet's column letters.
fn letters_value(letters: &str) -> Option<u64> {
    if letters.len() > 8 {
        return None;
    }
    Some(letters.bytes().fold(0, |n, b| n * 26 + u64::from(b - b'a' + 1)))
}

fn letters_of(mut n: u64) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).expect("ASCII letters")
}

fn write(style: &Style, n: u64) -> String {
    match style {
        Style::Numbered { prefix, width } => format!("{prefix}{n:0width$}"),
        Style::Lettered { upper: false } => letters_of(n),
        Style::Lettered { upper: true } => letters_of(n).to_ascii_uppercase(),
    }
}

/// Whether two refs are written the same way (padding aside).
fn same_kind(a: &Style, b: &Style) -> bool {
    match (a, b) {
        (Style::Numbered { prefix: p, .. }, Style::Numbered { prefix: q, .. }) => p == q,
        _ => a == b,
    }
}

/// The next ref after these (in log order), in the style of the last one.
pub fn next_ref_after<'a>(refs: impl Iterator<Item = &'a str>) -> String {
    let refs: Vec<&str> = refs.collect();
    let default = (Style::Numbered { prefix: "A".into(), width: 0 }, 0);
    let (style, _) = refs.iter().rev().find_map(|r| read(r)).unwrap_or(default);
    let highest = refs.iter().filter_map(|r| read(r)).filter(|(s, _)| same_kind(s, &style)).map(|(_, n)| n).max();
    let mut n = highest.unwrap_or(0) + 1;
    while refs.contains(&write(&style, n).as_str()) {
        n += 1;
    }
    write(&style, n)
}

/// The highest ref of each style among these: all `next_ref_after` needs
/// of refs no longer in the log (moved to the archive) to never give one again.
pub fn highest_of_each_style<'a>(refs: impl Iterator<Item = &'a str>) -> Vec<String> {
    let mut highest: Vec<(Style, u64, &str)> = Vec::new();
    for (reference, (style, n)) in refs.filter_map(|r| Some((r, read(r)?))) {
        match highest.iter_mut().find(|(s, _, _)| same_kind(s, &style)) {
            Some(entry) if entry.1 < n => *entry = (style, n, reference),
            Some(_) => {}
            None => highest.push((style, n, reference)),
        }
    }
    highest.into_iter().map(|(_, _, r)| r.to_string()).collect()
}

/// Whether `reference` is at or below one of these highest refs, in its
/// style: a ref that was given before they were archived.
pub fn given_by(reference: &str, highest: &[String]) -> bool {
    let Some((style, n)) = read(reference) else { return false };
    highest.iter().filter_map(|h| read(h)).any(|(s, m)| same_kind(&s, &style) && m >= n)
}

#[cfg(test)]
mod tests {
    use super::{given_by, highest_of_each_style, next_ref_after};

    #[test]
    fn a_ref_is_given_by_the_highest_archived_of_its_style_only() {
        let highest = vec!["A14".to_string(), "q".to_string()];
        assert!(given_by("A14", &highest) && given_by("A3", &highest) && given_by("p", &highest));
        assert!(!given_by("A15", &highest) && !given_by("R3", &highest) && !given_by("r", &highest));
    }

    #[test]
    fn the_highest_of_each_style_is_kept() {
        let refs = ["A3", "A14", "a", "p", "A9", "Board action", "2022/07"];
        assert_eq!(highest_of_each_style(refs.into_iter()), vec!["A14", "p", "2022/07"]);
    }

    #[test]
    fn the_next_ref_continues_the_logs_own_style() {
        let rows: &[(&[&str], &str)] = &[
            (&[], "A1"),
            (&["A1", "A2"], "A3"),
            (&["A9", "A14", "A3"], "A15"),
            (&["a", "b", "p"], "q"),
            (&["A14", "a", "p"], "q"),
            (&["a", "p", "A14"], "A15"),
            (&["z"], "aa"),
            (&["az"], "ba"),
            (&["C", "D"], "E"),
            (&["2022/07", "2022/08"], "2022/09"),
            (&["ACT-009"], "ACT-010"),
            (&["12", "13"], "14"),
            (&["Board action"], "A1"),
        ];
        for (refs, want) in rows {
            assert_eq!(next_ref_after(refs.iter().copied()), *want, "{refs:?}");
        }
    }
}
