//! What the secretary types for the register: a time ("10:12"), a guest
//! ("Jane Doe, Healthwatch, item 4"), a declaration ("@JM item 4 Head of
//! the trust, withdraws").

use super::Guest;
use crate::model::meeting::Declaration;
use crate::model::quickadd::take_owners;
use crate::model::{Board, Meeting, Timestamp};
use chrono::NaiveTime;

/// A time of day on the day the meeting is held, in the viewer's offset.
pub fn parse_time(text: &str, meeting: &Meeting, now: Timestamp) -> Result<Timestamp, String> {
    let text = text.trim().replace('.', ":");
    let time = NaiveTime::parse_from_str(&text, "%H:%M")
        .map_err(|_| format!("cannot read {text:?} as a time: write it like 10:12"))?;
    let started = crate::model::timer::TimerState::replay(meeting).ok().and_then(|t| t.started);
    let day = started.map_or(meeting.date, |s| s.with_timezone(now.offset()).date_naive());
    day.and_time(time)
        .and_local_timezone(*now.offset())
        .single()
        .ok_or_else(|| format!("{text} does not exist on that day"))
}

/// "Name, Job title, Organisation, item 4": the title, organisation and
/// items may be left out ("Name, Organisation" as people add reads one).
pub fn parse_guest(line: &str) -> Result<Guest, String> {
    let mut parts = line.split(',').map(str::trim).filter(|p| !p.is_empty());
    let name = parts
        .next()
        .filter(|n| !n.to_lowercase().starts_with("item"))
        .ok_or("a guest needs a name: Jane Doe, Healthwatch, item 4")?;
    let (mut said, mut items) = (Vec::new(), Vec::new());
    for part in parts {
        match part.strip_prefix("items").or_else(|| part.strip_prefix("item")) {
            Some(numbers) => {
                items.extend(numbers.split([' ', '&']).filter(|n| !n.is_empty() && *n != "and").map(str::to_string))
            }
            None if said.len() < 2 => said.push(part.to_string()),
            None => return Err(format!("cannot place {part:?}: write Name, Job title, Organisation, item 4")),
        }
    }
    // As people add reads them: one more part is the organisation; two are the job title, then it.
    let (job_title, organisation) = match said.as_slice() {
        [title, org] => (title.clone(), org.clone()),
        [org] => (String::new(), org.clone()),
        _ => (String::new(), String::new()),
    };
    Ok(Guest { name: name.to_string(), job_title, organisation, items })
}

/// "@JM item 4 Head of the trust, withdraws": who, which item, the
/// interest, and whether they leave the room for it.
pub fn parse_declaration(line: &str, board: &Board) -> Result<Declaration, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (owners, mut words) = take_owners(board, words)?;
    let [initials] = owners.as_slice() else {
        return Err("a declaration is one person's: @INITIALS item N interest".into());
    };
    // The last "item N" wins, so a prefilled item can be overridden by typing another.
    let mut item = None;
    while let Some(at) = words.iter().position(|w| w.eq_ignore_ascii_case("item")) {
        let number = words.get(at + 1).ok_or("say which item: @JM item 4 interest")?;
        item = Some(number.trim_end_matches([',', ':']).to_string());
        words.drain(at..at + 2);
    }
    let item = item.ok_or("say which item: @JM item 4 interest")?;
    let withdraws = |w: &&str| {
        ["withdraws", "withdrawn", "withdrew", "leaves"]
            .contains(&w.trim_matches([',', '.', '(', ')']).to_lowercase().as_str())
    };
    let withdrawn = words.iter().any(withdraws);
    words.retain(|w| !withdraws(w));
    let interest = words.join(" ").trim_end_matches([',', ';']).to_string();
    if interest.is_empty() {
        return Err("say what the interest is: @JM item 4 Head of the trust".into());
    }
    Ok(Declaration { id: crate::model::id::Id::fresh(), initials: initials.clone(), item, interest, withdrawn })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn guests_in_one_line() {
        let g = parse_guest("Jane Doe, Healthwatch, item 4").unwrap();
        assert_eq!(
            (g.name.as_str(), g.organisation.as_str(), g.items.clone()),
            ("Jane Doe", "Healthwatch", vec!["4".to_string()])
        );
        assert_eq!(parse_guest("Jane Doe, items 4 and 5").unwrap().items, vec!["4".to_string(), "5".to_string()]);
        assert_eq!(parse_guest("Jane Doe").unwrap().organisation, "");
        assert!(parse_guest("").is_err());
        let karen = parse_guest("Karen Ellis, Deputy Director of Nursing, Oakfield ICB, item 4").unwrap();
        assert_eq!(
            (karen.job_title.as_str(), karen.organisation.as_str(), karen.items.clone()),
            ("Deputy Director of Nursing", "Oakfield ICB", vec!["4".to_string()])
        );
        assert!(parse_guest("Jane, A, B, C").is_err());
    }

    #[test]
    fn declarations_in_one_line() {
        let board = crate::model::test_board();
        let d = parse_declaration("@JM item 4 Head of the SEN Trust, withdraws", &board).unwrap();
        assert_eq!(
            (d.initials.as_str(), d.item.as_str(), d.interest.as_str(), d.withdrawn),
            ("JM", "4", "Head of the SEN Trust", true)
        );
        assert!(!parse_declaration("@jb item 7 Director of ABSS", &board).unwrap().withdrawn);
        let typed_over = parse_declaration("@GB item 1 item 5 Chair of governors", &board).unwrap();
        assert_eq!((typed_over.item.as_str(), typed_over.interest.as_str()), ("5", "Chair of governors"));
        assert!(parse_declaration("item 7 Director", &board).is_err());
        assert!(parse_declaration("@JB Director", &board).unwrap_err().contains("which item"));
        assert!(parse_declaration("@JB item 7", &board).unwrap_err().contains("what the interest is"));
    }

    #[test]
    fn times_are_on_the_meeting_day() {
        let meeting: Meeting =
            serde_json::from_str(include_str!("../../../sample-data/small-board/meetings/2024-04-10.json")).unwrap();
        let now: Timestamp = "2024-04-10T19:30:00+01:00".parse().unwrap();
        assert_eq!(
            parse_time("19.12", &meeting, now).unwrap(),
            "2024-04-10T19:12:00+01:00".parse::<Timestamp>().unwrap()
        );
        assert!(parse_time("7pm", &meeting, now).is_err());
    }
}
