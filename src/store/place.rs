//! Problems found after parsing, pointed at their line and column, grouped
//! and capped: a renamed person can make ten thousand problems of one
//! kind, and a person needs the first few and a count, not ten megabytes.

use super::error::FileProblem;
use super::locate::locate_all;
use crate::model::validate::Problem;
use std::path::Path;

/// Problems of one kind shown before "and 9,412 more like it".
const SHOWN_OF_A_KIND: usize = 3;
/// Kinds of problem shown for one file before the rest are only counted.
const KINDS_SHOWN: usize = 12;

/// What makes two problems alike: the message with its quoted parts
/// blanked, so `ref "A5" is used twice` and `ref "A6" is used twice` are one kind.
fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut quoted = false;
    for c in message.chars() {
        if c == '"' {
            quoted = !quoted;
            out.push('"');
        } else if !quoted {
            out.push(c);
        }
    }
    out
}

/// 9412 as "9,412".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The problems of one file (`bytes` its text), in the order found: the
/// first few of each kind located in one pass over the text, then a count
/// of the rest of that kind.
pub(super) fn located(file: &Path, bytes: &[u8], problems: Vec<Problem>) -> Vec<FileProblem> {
    let mut kinds: Vec<(String, Vec<Problem>, usize)> = Vec::new();
    let mut index = std::collections::HashMap::new();
    let mut unlisted = 0;
    for problem in problems {
        let key = kind(&problem.message);
        let next = kinds.len();
        let at = *index.entry(key.clone()).or_insert(next);
        if at == next {
            if next == KINDS_SHOWN {
                index.insert(key, usize::MAX);
                unlisted += 1;
                continue;
            }
            kinds.push((key, Vec::new(), 0));
        }
        if at == usize::MAX {
            unlisted += 1;
            continue;
        }
        let (_, shown, more) = &mut kinds[at];
        if shown.len() < SHOWN_OF_A_KIND { shown.push(problem) } else { *more += 1 }
    }
    let text = String::from_utf8_lossy(bytes);
    let paths: Vec<&str> = kinds.iter().flat_map(|(_, shown, _)| shown.iter().map(|p| p.path.as_str())).collect();
    let mut positions = locate_all(&text, &paths).into_iter();
    let whole = |message: String| FileProblem { file: file.to_path_buf(), position: None, path: String::new(), message };
    let mut out = Vec::new();
    for (_, shown, more) in kinds {
        for p in shown {
            let position = positions.next().flatten();
            out.push(FileProblem { file: file.to_path_buf(), position, path: p.path, message: p.message });
        }
        if more > 0 {
            out.push(whole(format!("and {} more like it", thousands(more))));
        }
    }
    if unlisted > 0 {
        out.push(whole(format!("and {} more problems of other kinds", thousands(unlisted))));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::WorkspaceFile;

    #[test]
    fn many_problems_of_a_kind_are_counted_after_the_first_few() {
        let text = "{\"a\": [1, 2, 3, 4, 5, 6]}";
        let problems: Vec<Problem> = (0..6)
            .map(|i| Problem { file: WorkspaceFile::Actions, path: format!("a[{i}]"), message: format!("\"{i}\" is odd") })
            .collect();
        let found = located(Path::new("f.json"), text.as_bytes(), problems);
        let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(lines, ["f.json:1:8: a[0]: \"0\" is odd", "f.json:1:11: a[1]: \"1\" is odd", "f.json:1:14: a[2]: \"2\" is odd", "f.json: and 3 more like it"]);
        assert_eq!(thousands(9412), "9,412");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(12), "12");
    }
}
