//! Problems found after parsing, pointed at their line and column, grouped
//! and capped: a renamed person can make ten thousand problems of one
//! kind, and a person needs the first few and a count, not ten megabytes.

use super::error::FileProblem;
use super::locate::locate_all;
use crate::model::validate::Problem;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

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
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The problems of one file (`bytes` its text), in the order found.
pub(super) fn located(file: &Path, bytes: &[u8], problems: Vec<Problem>) -> Vec<FileProblem> {
    located_all(file, vec![(file.to_path_buf(), bytes, problems)])
}

/// The problems of many files, in the order found: the first few of each
/// kind, across all the files, each located in one pass over its file's
/// text; after the last of them shown, a count of the rest of that kind
/// (and of the files they are in, when more than one); `root` names where
/// they are when they span files.
pub(super) fn located_all(root: &Path, files: Vec<(PathBuf, &[u8], Vec<Problem>)>) -> Vec<FileProblem> {
    let mut placer = Placer::new(root);
    for (file, bytes, problems) in files {
        placer.add(&file, bytes, problems);
    }
    placer.finish()
}

/// One kind of problem: how many are shown, how many only counted.
struct Kind {
    shown: usize,
    more: usize,
    /// Files with more of this kind, and the last of them counted.
    files: usize,
    last_file: usize,
    /// Where in the output the last one shown is.
    after: usize,
}

/// `located_all` a file at a time, so that a file's text can be let go as
/// soon as its problems are placed: `gavel validate` reads a hundred years
/// of files one after another.
pub(super) struct Placer {
    root: PathBuf,
    kinds: HashMap<String, Kind>,
    unlisted: usize,
    out: Vec<FileProblem>,
    files: usize,
}

impl Placer {
    pub(super) fn new(root: &Path) -> Placer {
        Placer { root: root.to_path_buf(), kinds: HashMap::new(), unlisted: 0, out: Vec::new(), files: 0 }
    }

    /// The next file's problems, `bytes` its text.
    pub(super) fn add(&mut self, file: &Path, bytes: &[u8], problems: Vec<Problem>) {
        let n = self.files;
        self.files += 1;
        let mut kept = Vec::new();
        for problem in problems {
            let key = kind(&problem.message);
            let listed = self.kinds.len();
            let Some(entry) = self.kinds.get_mut(&key) else {
                if listed == KINDS_SHOWN {
                    self.unlisted += 1;
                } else {
                    self.kinds
                        .insert(key.clone(), Kind { shown: 1, more: 0, files: 0, last_file: usize::MAX, after: 0 });
                    kept.push((key, problem));
                }
                continue;
            };
            if entry.shown < SHOWN_OF_A_KIND {
                entry.shown += 1;
                kept.push((key, problem));
            } else {
                entry.more += 1;
                if entry.last_file != n {
                    (entry.files, entry.last_file) = (entry.files + 1, n);
                }
            }
        }
        if kept.is_empty() {
            return;
        }
        let text = String::from_utf8_lossy(bytes);
        let paths: Vec<&str> = kept.iter().map(|(_, p)| p.path.as_str()).collect();
        let positions = locate_all(&text, &paths);
        for ((key, p), position) in kept.into_iter().zip(positions) {
            self.kinds.get_mut(&key).expect("counted").after = self.out.len();
            self.out.push(FileProblem { file: file.to_path_buf(), position, path: p.path, message: p.message });
        }
    }

    /// A problem already pointed at its place (a file that does not parse).
    pub(super) fn add_located(&mut self, problem: FileProblem) {
        self.files += 1;
        self.out.push(problem);
    }

    pub(super) fn is_empty(&self) -> bool {
        self.out.is_empty() && self.unlisted == 0
    }

    /// Everything placed, with the counts after the last shown of each kind.
    pub(super) fn finish(self) -> Vec<FileProblem> {
        let Placer { root, kinds, unlisted, mut out, .. } = self;
        let mut counts: Vec<(usize, FileProblem)> = kinds
            .into_values()
            .filter(|k| k.more > 0)
            .map(|k| {
                let (file, spread) = match k.files {
                    1 => (out[k.after].file.clone(), String::new()),
                    files => (root.clone(), format!(", in {} files", thousands(files))),
                };
                let message = format!("and {} more like it{spread}", thousands(k.more));
                (k.after, FileProblem { file, position: None, path: String::new(), message })
            })
            .collect();
        counts.sort_by_key(|(after, _)| std::cmp::Reverse(*after));
        for (after, count) in counts {
            out.insert(after + 1, count);
        }
        if unlisted > 0 {
            let message = format!("and {} more problems of other kinds", thousands(unlisted));
            out.push(FileProblem { file: root, position: None, path: String::new(), message });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::validate::WorkspaceFile;

    #[test]
    fn many_problems_of_a_kind_are_counted_after_the_first_few() {
        let text = "{\"a\": [1, 2, 3, 4, 5, 6]}";
        let problems: Vec<Problem> = (0..6)
            .map(|i| Problem {
                file: WorkspaceFile::Actions,
                path: format!("a[{i}]"),
                message: format!("\"{i}\" is odd"),
            })
            .collect();
        let found = located(Path::new("f.json"), text.as_bytes(), problems);
        let lines: Vec<String> = found.iter().map(ToString::to_string).collect();
        assert_eq!(
            lines,
            [
                "f.json:1:8: a[0]: \"0\" is odd",
                "f.json:1:11: a[1]: \"1\" is odd",
                "f.json:1:14: a[2]: \"2\" is odd",
                "f.json: and 3 more like it"
            ]
        );
        assert_eq!(thousands(9412), "9,412");
        assert_eq!(thousands(1_000_000), "1,000,000");
        assert_eq!(thousands(12), "12");
    }
}
