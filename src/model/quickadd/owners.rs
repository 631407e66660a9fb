//! Who owns an action, as minutes name them: `@GB`, `@GB/PD`, `@MM & CMc`,
//! `@Gary`, `@"SEND Scrum"`; or the sentence's own subject ("GB to …",
//! "The SEND Scrum will …", "MM asked JB to …"); or "(GB)" at the end.
//! A name is the register's initials, a person's first or full name, or a
//! group's name or initials, when only one fits.

use super::words::{name_look_alikes, unconfuse};
use crate::model::Board;
use crate::model::change::people::untitled;

/// Where a name was written: after `@` any case is taken; in the running
/// text only as the register writes it, so "or" is never Owen Richards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Written {
    AfterAt,
    InText,
}

/// Owners found, and notes on how they were read (look-alike letters).
#[derive(Debug, Default)]
pub(super) struct Owners {
    pub initials: Vec<String>,
    pub notes: Vec<String>,
}

impl Owners {
    fn push(&mut self, initials: String) {
        if !self.initials.contains(&initials) {
            self.initials.push(initials);
        }
    }

    pub fn extend(&mut self, other: Owners) {
        for initials in other.initials {
            self.push(initials);
        }
        self.notes.extend(other.notes);
    }
}

fn first_name(name: &str) -> &str {
    untitled(name).split(' ').next().unwrap_or("")
}

/// The initials this name stands for; `Ok(None)` when it is no one's; an
/// error when it could be more than one person, or is someone who retired.
pub(super) fn resolve(board: &Board, name: &str, written: Written) -> Result<Option<String>, String> {
    let found = resolve_anyone(board, name, written)?;
    if let Some(g) = found.as_deref().and_then(|i| board.group(i)).filter(|g| g.retired) {
        return Err(format!("{} ({}) has been retired and is no longer offered as an owner", g.initials, g.name));
    }
    match found.as_deref().and_then(|i| board.person(i)).filter(|p| p.retired) {
        Some(p) => {
            Err(format!("{} ({}) has retired from the board and is no longer offered as an owner", p.initials, p.name))
        }
        None => Ok(found),
    }
}

/// `resolve`, retired people included.
fn resolve_anyone(board: &Board, name: &str, written: Written) -> Result<Option<String>, String> {
    let capitalised = name.starts_with(|c: char| c.is_uppercase());
    if written == Written::InText && !capitalised {
        return Ok(None);
    }
    // Two ASCII words compare without a lowercase copy of each (every word of a line, every person).
    let same = |a: &str, b: &str| {
        a.eq_ignore_ascii_case(b) || (!(a.is_ascii() && b.is_ascii()) && a.to_lowercase() == b.to_lowercase())
    };
    let initials = board.people.iter().map(|p| &p.initials).chain(board.groups.iter().map(|g| &g.initials));
    // "All members" after "@" or by its name; "All" in running text is only a word.
    if let Some(all) = board.all_members_named(name).filter(|_| written == Written::AfterAt || name.contains(' ')) {
        return Ok(Some(all.to_string()));
    }
    // After "@", the register's one lookup (any case); in the text, initials
    // as written or in capitals ("CMC" for CMc), so a capitalised word is not taken for one.
    let found = match written {
        Written::AfterAt => board.resolve(name).map(str::to_string),
        Written::InText => initials
            .clone()
            .find(|i| *i == name || name.chars().all(|c| c.is_uppercase()) && i.to_uppercase() == name)
            .cloned(),
    };
    if found.is_some() {
        return Ok(found);
    }
    let unthe = |n: &str| n.strip_prefix("the ").or_else(|| n.strip_prefix("The ")).unwrap_or(n).to_string();
    if let Some(group) = board.groups.iter().find(|g| same(&unthe(&g.name), &unthe(name))) {
        return Ok(Some(group.initials.clone()));
    }
    if let Some(person) = board.people.iter().find(|p| same(&p.name, name) || same(untitled(&p.name), name)) {
        return Ok(Some(person.initials.clone()));
    }
    let mut firsts: Vec<_> = board.people.iter().filter(|p| same(first_name(&p.name), name)).collect();
    // Someone who has retired does not make a first name ambiguous.
    if firsts.iter().filter(|p| !p.retired).count() == 1 {
        firsts.retain(|p| !p.retired);
    }
    match firsts.as_slice() {
        [] => Ok(None),
        [one] => Ok(Some(one.initials.clone())),
        many => {
            let who: Vec<String> = many.iter().map(|p| format!("@{} ({})", p.initials, p.name)).collect();
            Err(format!("{name:?} could be {}: write the initials", who.join(" or ")))
        }
    }
}

/// As `resolve`, and when that finds no one, the same name with look-alike
/// letters made Latin, with a note that says so.
fn resolve_noting(
    board: &Board,
    name: &str,
    written: Written,
    notes: &mut Vec<String>,
) -> Result<Option<String>, String> {
    if let Some(found) = resolve(board, name, written)? {
        return Ok(Some(found));
    }
    let Some((latin, letters)) = unconfuse(name) else { return Ok(None) };
    let found = resolve(board, &latin, written)?;
    if let Some(initials) = &found {
        notes.push(format!("{name:?} has look-alike letters ({}): read as {initials}", name_look_alikes(&letters)));
    }
    Ok(found)
}

const JOINERS: [&str; 6] = ["/", "&", ",", "and", "+", "&amp;"];

fn trim_name(word: &str) -> &str {
    word.trim_end_matches([',', ';', '.', ':', ')', '&', '/']).trim_start_matches('(')
}

/// A list of names at the start of `words`, joined by "/", "&", ",", "and":
/// the owners and how many words they take. After `@`, an unknown first
/// name is an error; elsewhere the words are simply not names.
pub(super) fn list(board: &Board, words: &[&str], written: Written) -> Result<Option<(Owners, usize)>, String> {
    let mut owners = Owners::default();
    let mut at = 0;
    while let Some((found, used)) = name_at(board, &words[at..], written, &mut owners.notes)? {
        found.into_iter().for_each(|i| owners.push(i));
        at += used;
        let last = words[at - 1];
        // "MM," or "GB/" carries its joiner; else one may follow as a word.
        if last.ends_with([',', '&', '/']) && at < words.len() {
            if name_at(board, &words[at..], written, &mut Vec::new())?.is_none() {
                break;
            }
            continue;
        }
        match words.get(at) {
            Some(next)
                if JOINERS.contains(&next.to_lowercase().as_str())
                    && name_at(board, &words[at + 1..], written, &mut Vec::new())?.is_some() =>
            {
                at += 1
            }
            _ => break,
        }
    }
    Ok((!owners.initials.is_empty()).then_some((owners, at)))
}

/// One name (or one `GB/PD` word of several) at the start of `words`.
fn name_at(
    board: &Board,
    words: &[&str],
    written: Written,
    notes: &mut Vec<String>,
) -> Result<Option<(Vec<String>, usize)>, String> {
    let Some(first) = words.first() else { return Ok(None) };
    let at_sign = first.starts_with('@');
    let first = first.trim_start_matches('@');
    let written = if at_sign { Written::AfterAt } else { written };
    // @"Strategy Owner": a quoted name with spaces.
    if let Some(quoted) = first.strip_prefix('"') {
        let name = quoted.trim_end_matches([',', ';', '.', ':', ')']).trim_end_matches('"');
        return match resolve_noting(board, name, Written::AfterAt, notes)? {
            Some(initials) => Ok(Some((vec![initials], 1))),
            None => Err(unknown(board, name)),
        };
    }
    let core = trim_name(first);
    if core.contains('/') {
        let mut found = Vec::new();
        for part in core.split('/').filter(|p| !p.is_empty()) {
            match resolve_noting(board, part, written, notes)? {
                Some(initials) => found.push(initials),
                None if at_sign => return Err(unknown(board, part)),
                None => return Ok(None),
            }
        }
        return Ok((!found.is_empty()).then_some((found, 1)));
    }
    // The longest run of up to three words that names someone: "Gary Bloom", "SEND Scrum".
    for len in (1..=words.len().min(3)).rev() {
        let run = &words[..len];
        let clean_run = run[1..].iter().all(|w| !w.starts_with('@') && !w.contains('/'))
            && run[..len - 1].iter().all(|w| !w.ends_with([',', ';', '.', ':', ')']));
        if !clean_run {
            continue;
        }
        let mut name = core.to_string();
        for w in &run[1..] {
            name.push(' ');
            name.push_str(trim_name(w));
        }
        if let Some(initials) = resolve_noting(board, &name, written, notes)? {
            return Ok(Some((vec![initials], len)));
        }
    }
    if at_sign {
        return Err(if core.is_empty() {
            "an @ needs initials or a name after it".into()
        } else {
            unknown(board, core)
        });
    }
    Ok(None)
}

/// "@XX is not in the people register", with the nearest name when one is close.
fn unknown(board: &Board, name: &str) -> String {
    if let Some((latin, letters)) = unconfuse(name) {
        let which = name_look_alikes(&letters);
        return format!(
            "@{name} has look-alike letters ({which}) and, read as @{latin}, is not in the people register"
        );
    }
    let typed = name.to_lowercase();
    let candidates = board
        .people
        .iter()
        .flat_map(|p| [(p.initials.as_str(), p.initials.as_str()), (first_name(&p.name), p.initials.as_str())])
        .chain(
            board
                .groups
                .iter()
                .flat_map(|g| [(g.initials.as_str(), g.initials.as_str()), (g.name.as_str(), g.initials.as_str())]),
        );
    let nearest = candidates
        .map(|(spelling, initials)| (distance(&spelling.to_lowercase(), &typed), initials))
        .min_by_key(|(d, _)| *d)
        .filter(|(d, _)| *d <= if typed.chars().count() <= 3 { 1 } else { 2 });
    let hint = match nearest {
        Some((_, initials)) => {
            let name = board.name_of(initials).unwrap_or("");
            format!(" (did you mean @{initials}, {name}?)")
        }
        None => String::new(),
    };
    format!("@{name} is not in the people register{hint}")
}

/// Edit distance, for suggesting the initials someone meant.
pub(crate) fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            let next = (row[j + 1] + 1).min(row[j] + 1).min(prev + cost);
            prev = row[j + 1];
            row[j + 1] = next;
        }
    }
    row[b.len()]
}

/// Takes every `@` owner list out of the words.
pub(super) fn take_at(board: &Board, words: &mut Vec<&str>) -> Result<Owners, String> {
    let mut owners = Owners::default();
    let mut at = 0;
    while at < words.len() {
        if !words[at].starts_with('@') {
            at += 1;
            continue;
        }
        match list(board, &words[at..], Written::AfterAt)? {
            Some((found, used)) => {
                owners.extend(found);
                words.drain(at..at + used);
            }
            None => return Err(unknown(board, words[at].trim_start_matches('@'))),
        }
    }
    Ok(owners)
}

/// Verbs after which the subject owns the action: "GB to …", "The SEND Scrum will …".
const OWNING: [&str; 5] = ["to", "will", "should", "must", "shall"];
/// "MM asked JB to …": the one asked owns it.
const ASKING: [&str; 5] = ["asked", "requested", "invited", "tasked", "nominated"];

/// "to", "will": what follows a sentence's owners.
pub(super) fn is_owning_verb(word: &str) -> bool {
    OWNING.contains(&word.to_lowercase().as_str())
}

/// The sentence's subject as owners, taken out with its verb: "GB to
/// circulate" leaves "circulate". Words that name no one are left alone.
pub(super) fn take_subject(board: &Board, words: &mut Vec<&str>) -> Result<Option<Owners>, String> {
    let skip = usize::from(words.first().is_some_and(|w| w.eq_ignore_ascii_case("the")));
    let Some((mut owners, used)) = list(board, &words[skip..], Written::InText)? else { return Ok(None) };
    let mut end = skip + used;
    let verb = words.get(end).map(|w| w.to_lowercase());
    match verb.as_deref() {
        Some(v) if OWNING.contains(&v) => end += 1,
        Some("is" | "are" | "agreed") if words.get(end + 1).is_some_and(|w| w.eq_ignore_ascii_case("to")) => end += 2,
        Some(v) if ASKING.contains(&v) => match list(board, &words[end + 1..], Written::InText)? {
            Some((asked, used)) => {
                owners = asked;
                end += 1 + used;
                if words.get(end).is_some_and(|w| w.eq_ignore_ascii_case("to")) {
                    end += 1;
                }
            }
            None => return Ok(None),
        },
        _ => return Ok(None),
    }
    if end >= words.len() {
        return Ok(None);
    }
    words.drain(..end);
    Ok(Some(owners))
}

/// "… (GB)", "… – GB/PD" or "… Action: GB" at the end of the line.
pub(super) fn take_trailing(board: &Board, words: &mut Vec<&str>) -> Result<Option<Owners>, String> {
    let n = words.len();
    if n < 2 {
        return Ok(None);
    }
    // "… – GB", and the minutes' "… Action: GB" after the sentence.
    let dashed = ["-", "–", "—"].contains(&words[n - 2])
        || ["action:", "actions:"].contains(&words[n - 2].to_lowercase().as_str());
    let bracketed = words[n - 1].starts_with('(') && words[n - 1].trim_end_matches('.').ends_with(')');
    if !dashed && !bracketed {
        return Ok(None);
    }
    match list(board, &words[n - 1..], Written::InText)? {
        Some((owners, 1)) => {
            words.truncate(if dashed { n - 2 } else { n - 1 });
            Ok(Some(owners))
        }
        _ => Ok(None),
    }
}

/// An Owner cell of a table: names joined as minutes join them ("LM/TR",
/// "GB, PD and BM", "All members", "Chris Field"); empty is no owner. A
/// name the register does not have is an error naming it.
pub(super) fn from_cell(board: &Board, cell: &str) -> Result<Owners, String> {
    let words = super::words::split(cell);
    if words.is_empty() {
        return Ok(Owners::default());
    }
    let (owners, used) = list(board, &words, Written::AfterAt)?.unwrap_or_default();
    match words.get(used) {
        None => Ok(owners),
        Some(word) => {
            let word = trim_name(word.trim_start_matches('@'));
            // The first name of "LM/XX" the register lacks, not the whole word.
            let part =
                word.split('/').find(|p| !p.is_empty() && resolve(board, p, Written::AfterAt).ok().flatten().is_none());
            let name = part.unwrap_or(word);
            let why = unknown(board, name);
            Err(why.strip_prefix(&format!("@{name}")).map_or(why.clone(), |rest| format!("{name:?}{rest}")))
        }
    }
}
