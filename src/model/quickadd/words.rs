//! Splitting a line into words as the grammar reads them, and the letters
//! a PDF or a web page slips in that look Latin but are not.

/// Words separated by white space, except that `@"Strategy Owner"` (a
/// quoted owner with spaces) stays one word.
pub(super) fn split(line: &str) -> Vec<&str> {
    let mut words = Vec::new();
    let mut rest = line.trim_start();
    while !rest.is_empty() {
        let end = match rest.strip_prefix("@\"").and_then(|q| q.find('"')) {
            // The closing quote, then whatever punctuation sticks to it.
            Some(close) => {
                let after = 2 + close + 1;
                after + rest[after..].find(char::is_whitespace).unwrap_or(rest.len() - after)
            }
            None => rest.find(char::is_whitespace).unwrap_or(rest.len()),
        };
        words.push(&rest[..end]);
        rest = rest[end..].trim_start();
    }
    words
}

/// Cyrillic and Greek letters drawn like Latin ones, and the Latin letter
/// each stands for.
const LOOK_ALIKES: &[(char, char)] = &[
    ('А', 'A'),
    ('В', 'B'),
    ('Е', 'E'),
    ('К', 'K'),
    ('М', 'M'),
    ('Н', 'H'),
    ('О', 'O'),
    ('Р', 'P'),
    ('С', 'C'),
    ('Т', 'T'),
    ('Х', 'X'),
    ('У', 'Y'),
    ('І', 'I'),
    ('Ј', 'J'),
    ('Ѕ', 'S'),
    ('а', 'a'),
    ('е', 'e'),
    ('о', 'o'),
    ('р', 'p'),
    ('с', 'c'),
    ('у', 'y'),
    ('х', 'x'),
    ('і', 'i'),
    ('ј', 'j'),
    ('ѕ', 's'),
    ('һ', 'h'),
    ('ԁ', 'd'),
    ('Α', 'A'),
    ('Β', 'B'),
    ('Ε', 'E'),
    ('Ζ', 'Z'),
    ('Η', 'H'),
    ('Ι', 'I'),
    ('Κ', 'K'),
    ('Μ', 'M'),
    ('Ν', 'N'),
    ('Ο', 'O'),
    ('Ρ', 'P'),
    ('Τ', 'T'),
    ('Υ', 'Y'),
    ('Χ', 'X'),
    ('ο', 'o'),
    ('ν', 'v'),
    ('ι', 'i'),
    ('κ', 'k'),
    ('τ', 't'),
];

fn latin_for(c: char) -> Option<char> {
    LOOK_ALIKES.iter().find(|(from, _)| *from == c).map(|(_, to)| *to)
}

/// The word in Latin letters, when every letter is Latin or a look-alike
/// and at least one is a look-alike; with the look-alikes found.
pub(super) fn unconfuse(word: &str) -> Option<(String, Vec<char>)> {
    let found: Vec<char> = word.chars().filter(|&c| latin_for(c).is_some()).collect();
    if found.is_empty() {
        return None;
    }
    let all_latin_like = word.chars().all(|c| c.is_ascii() || latin_for(c).is_some());
    all_latin_like.then(|| (word.chars().map(|c| latin_for(c).unwrap_or(c)).collect(), found))
}

/// "Cyrillic М, С" or "Greek Ο": what the look-alikes are, for a note.
pub(super) fn name_look_alikes(found: &[char]) -> String {
    let script = |c: char| if ('\u{0370}'..='\u{03ff}').contains(&c) { "Greek" } else { "Cyrillic" };
    let mut parts: Vec<String> = Vec::new();
    for c in found {
        let part = format!("{} {c}", script(*c));
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join(", ")
}

/// A word as the grammar compares it: no brackets or sentence marks around
/// it, in lower case.
pub(super) fn bare(word: &str) -> String {
    word.trim_matches(|c: char| matches!(c, '(' | ')' | '[' | ']' | ',' | ';' | ':' | '.' | '!' | '?' | '"'))
        .to_lowercase()
}

/// A pasted line with "Action:" in the middle of it, after a sentence
/// ("The Board discussed the tracker. Action: GB to circulate it"): each
/// part from an "Action:" on, and the words before the first, which are no
/// action. "… by 24 Feb. Action: CJ" (an owner alone after it) is one action.
pub fn split_actions(line: &str) -> (Vec<&str>, Option<&str>) {
    let lower = line.to_lowercase();
    let mut starts: Vec<usize> = Vec::new();
    for (at, _) in lower.match_indices("action") {
        let before = line[..at].trim_end();
        let label = lower[at..].starts_with("action:") || lower[at..].starts_with("actions:");
        let after_sentence = before.ends_with(['.', '!', '?', ';', ')']) && at > before.len();
        let words_after =
            line[at..].split_whitespace().skip(1).take_while(|w| !w.to_lowercase().starts_with("action")).count();
        if label && after_sentence && words_after >= 3 && lower.len() == line.len() {
            starts.push(at);
        }
    }
    let Some(&first) = starts.first() else { return (vec![line], None) };
    let ends = starts.iter().skip(1).copied().chain([line.len()]);
    let parts = starts.iter().zip(ends).map(|(&from, to)| line[from..to].trim()).collect();
    let before = line[..first].trim();
    (parts, (!before.is_empty()).then_some(before))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_owners_stay_one_word() {
        assert_eq!(
            split(r#"Draft it @"Strategy Owner", due 1 May"#),
            ["Draft", "it", "@\"Strategy Owner\",", "due", "1", "May"]
        );
        assert_eq!(split("  a  b "), ["a", "b"]);
        assert_eq!(split("@\"open quote"), ["@\"open", "quote"]);
    }

    #[test]
    fn action_in_the_middle_of_a_pasted_sentence_starts_an_action() {
        let line = "The Board discussed the tracker. Action: GB to circulate it by Friday. Action: PD to book the room";
        let (parts, before) = split_actions(line);
        assert_eq!(parts, ["Action: GB to circulate it by Friday.", "Action: PD to book the room"]);
        assert_eq!(before, Some("The Board discussed the tracker."));
        let owner_only = "Board will be sent a copy by 24 Feb. Action: CJ";
        assert_eq!(split_actions(owner_only), (vec![owner_only], None));
        assert_eq!(split_actions("Action: GB to send it"), (vec!["Action: GB to send it"], None));
    }

    #[test]
    fn look_alikes_become_latin_with_a_note() {
        let (word, found) = unconfuse("МС").unwrap();
        assert_eq!(word, "MC");
        assert_eq!(name_look_alikes(&found), "Cyrillic М, Cyrillic С");
        assert_eq!(unconfuse("GB"), None);
        assert_eq!(unconfuse("Москва"), None, "a real Cyrillic word is left alone");
        assert_eq!(unconfuse("Вoard").unwrap().0, "Board");
    }
}
