//! An agenda item in one line, as a secretary types or keeps it:
//! `Title @LEAD [@LEAD2] 15m [paper 5a] [standing|decision|discussion|noting]`.
//! The words after the title are read from the end; what is left is the title.
//! A list pasted from a document may number or bullet its lines.

use super::Board;
use super::meeting::{AgendaItem, Purpose};

/// Minutes given to an item whose line names none; said in the reading.
pub const DEFAULT_MINUTES: u32 = 10;

/// One line read: the item (numbered later) and what the reader should know.
#[derive(Debug, Clone, PartialEq)]
pub struct AgendaLine {
    pub item: AgendaItem,
    /// "no time given: 10m planned", "@XY is retired", …
    pub notes: Vec<String>,
}

/// Reads one line; `Err` says what could not be understood.
pub fn read(board: &Board, line: &str) -> Result<AgendaLine, String> {
    let line = strip_bullet(line.trim());
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let (mut leads, mut minutes, mut papers, mut purpose) = (vec![], None, vec![], None);
    let mut notes = vec![];
    while let Some(&last) = words.last() {
        let before = words.len().checked_sub(2).map(|i| words[i].to_ascii_lowercase());
        if let Some(typed) = last.strip_prefix('@') {
            let person = board.resolve_owner(typed)?.to_string();
            if board.person(&person).is_some_and(|p| p.retired) {
                return Err(format!("{person} has retired from the board: give another lead"));
            }
            leads.insert(0, person);
        } else if let Some(m) = read_minutes(last) {
            if minutes.replace(m?).is_some() {
                return Err("two times on one line: give one, such as 15m".into());
            }
        } else if purpose.is_none() && read_purpose(last).is_some() && words.len() > 1 {
            purpose = read_purpose(last);
        } else if matches!(before.as_deref(), Some("paper" | "papers")) {
            papers.splice(0..0, last.split(',').filter(|p| !p.is_empty()).map(str::to_string));
            words.pop();
        } else {
            break;
        }
        words.pop();
    }
    let title = words.join(" ");
    if title.is_empty() {
        return Err("an agenda item needs a title before its lead and time".into());
    }
    // "Budget @CF 25m (revised)": the lead and time would be read as title.
    if let Some(stray) = words.iter().find(|w| w.starts_with('@') || read_minutes(w).is_some()) {
        return Err(format!(
            "{} sits inside the title: put the title first, then @LEAD, the time, paper and purpose",
            crate::text::clean(stray)
        ));
    }
    let planned_minutes = minutes.unwrap_or_else(|| {
        notes.push(format!("no time given: {DEFAULT_MINUTES}m planned"));
        DEFAULT_MINUTES
    });
    let purpose = purpose.unwrap_or_default();
    let item = AgendaItem {
        id: crate::model::id::Id::fresh(),
        number: String::new(),
        title,
        leads,
        planned_minutes,
        papers,
        purpose,
    };
    Ok(AgendaLine { item, notes })
}

/// "15m", "15min", "15 mins" (as one word), "1h", "1h30": `Some` when it is a
/// time, with an error for a time too long for one item.
fn read_minutes(word: &str) -> Option<Result<u32, String>> {
    let word = word.to_ascii_lowercase();
    let number = |s: &str| s.parse::<u32>().ok().filter(|_| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit()));
    let minutes = if let Some((h, m)) = word.split_once('h') {
        let m = m.trim_end_matches("m").trim_end_matches("min");
        let m = if m.is_empty() { Some(0) } else { number(m) };
        number(h).zip(m).map(|(h, m)| h.saturating_mul(60).saturating_add(m))
    } else {
        let digits = word.trim_end_matches("mins").trim_end_matches("min").trim_end_matches('m');
        (digits.len() < word.len()).then(|| number(digits)).flatten()
    }?;
    Some(match i64::from(minutes) {
        0 => Err("an item needs at least a minute".into()),
        m if m > super::meeting::MAX_ITEM_MINUTES => Err(format!("{m} minutes is more than a day for one item")),
        _ => Ok(minutes),
    })
}

fn read_purpose(word: &str) -> Option<Purpose> {
    match word.to_ascii_lowercase().trim_matches(|c: char| c == '(' || c == ')' || c == '[' || c == ']') {
        "standing" => Some(Purpose::Standing),
        "decision" => Some(Purpose::Decision),
        "discussion" => Some(Purpose::Discussion),
        "noting" => Some(Purpose::Noting),
        _ => None,
    }
}

/// "- ", "* ", "1. ", "4a) ", "[ ] " at the start of a list line.
fn strip_bullet(line: &str) -> &str {
    let line = line.trim_start_matches(['-', '*', '+', '•']).trim_start();
    let number_end = line.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(0);
    let (number, rest) = line.split_at(number_end);
    let starts_with_digit = number.chars().next().is_some_and(|c| c.is_ascii_digit());
    match rest.strip_prefix(['.', ')']) {
        Some(rest) if starts_with_digit && number.len() <= 3 => rest.trim_start(),
        _ => line,
    }
}

/// A list file: plain text or Markdown, one item a line; blank lines,
/// headings and rules are passed over. Every line read, or each bad one by number.
pub fn read_list(board: &Board, text: &str) -> Result<Vec<AgendaLine>, Vec<String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let (mut items, mut bad) = (vec![], vec![]);
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.chars().all(|c| c == '-' || c == '=') {
            continue;
        }
        match read(board, trimmed) {
            Ok(item) => items.push(item),
            Err(why) => bad.push(format!("line {}: {why}", n + 1)),
        }
    }
    if bad.is_empty() { Ok(items) } else { Err(bad) }
}

/// "the items take 135 minutes and the slot is 120 (10:00–12:00): 15 over",
/// when they do not fit.
pub fn overrun_warning(planned: i64, slot: i64) -> Option<String> {
    (planned > slot)
        .then(|| format!("the items take {planned} minutes and the slot is {slot}: {} over", planned - slot))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn board() -> Board {
        crate::model::test_board()
    }

    #[test]
    fn a_full_line_reads() {
        let got = read(&board(), "Update from Peer Review @MM @AW 15m paper 5a decision").unwrap();
        assert_eq!(got.item.title, "Update from Peer Review");
        assert_eq!(got.item.leads, ["MM", "AW"]);
        assert_eq!(got.item.planned_minutes, 15);
        assert_eq!(got.item.papers, ["5a"]);
        assert_eq!(got.item.purpose, Purpose::Decision);
        assert!(got.notes.is_empty());
    }

    #[test]
    fn list_bullets_and_numbers_are_not_the_title() {
        for line in [
            "4. Any other business 5m standing",
            "- Any other business 5m standing",
            "12) Any other business 5m standing",
        ] {
            let got = read(&board(), line).unwrap();
            assert_eq!(got.item.title, "Any other business", "{line}");
            assert_eq!(got.item.purpose, Purpose::Standing);
        }
    }

    #[test]
    fn a_title_may_start_with_a_purpose_word_and_a_time_is_said_when_missing() {
        let got = read(&board(), "Decision on the funding bid").unwrap();
        assert_eq!(got.item.title, "Decision on the funding bid");
        assert_eq!(got.notes, ["no time given: 10m planned"]);
        assert_eq!(read(&board(), "Budget 1h30").unwrap().item.planned_minutes, 90);
    }

    #[test]
    fn words_after_the_lead_and_time_are_not_taken_silently() {
        let why = read(&board(), "Budget @MM 25m (revised)").unwrap_err();
        assert!(why.starts_with("@MM sits inside the title"), "{why}");
    }

    #[test]
    fn unknown_leads_and_bad_lines_are_told_by_number() {
        let why = read_list(&board(), "# Agenda\n1. Welcome 5m\n2. Budget @ZZ 10m\n\n3. 10m").unwrap_err();
        assert_eq!(why.len(), 2);
        assert!(why[0].starts_with("line 3: ZZ is not in the people register"), "{why:?}");
        assert!(why[1].starts_with("line 5: an agenda item needs a title"), "{why:?}");
    }
}
