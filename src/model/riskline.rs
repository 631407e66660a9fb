//! The one-line form for a new risk: `TITLE @OWNER L4 I3 [review DATE]`
//! (or `4x3` for likelihood × impact), and for a rescoring: `L I` (`3 4`,
//! `L3 I4`, `3x4`).

use super::Board;
use super::Deadline;
use super::quickadd::{DateContext, take_date, take_owners};
use super::risk::{NewRisk, Score};

pub fn parse_new(line: &str, board: &Board, ctx: &DateContext) -> Result<NewRisk, String> {
    let mut words: Vec<&str> = line.split_whitespace().collect();
    let review = match take_date(&mut words, "review", ctx)? {
        Some(Deadline::On(date)) => Some(date),
        Some(Deadline::NextMeeting) => return Err("a review needs a date; no next meeting is planned".into()),
        Some(other) => return Err(format!("a review needs a date, not {}", other.short())),
        None => None,
    };
    let (owners, words) = take_owners(board, words)?;
    let owner = match owners.as_slice() {
        [one] => one.clone(),
        [] => return Err("a risk needs one owner: add @INITIALS".into()),
        _ => return Err("a risk has one owner: keep one @INITIALS".into()),
    };
    let (score, title) = take_score(&words)?;
    let score = score.ok_or("a risk needs a score: likelihood and impact as L4 I3 (or 4x3)")?;
    if title.is_empty() {
        return Err("a risk needs a title saying what could go wrong".into());
    }
    Ok(NewRisk { title, owner, score, review })
}

/// A rescoring typed as `3 4`, `L3 I4` or `3x4`.
pub fn parse_score(line: &str) -> Result<Score, String> {
    let words: Vec<&str> = line.split_whitespace().collect();
    let (score, rest) = take_score(&words)?;
    if let Some(score) = score.filter(|_| rest.is_empty()) {
        return Ok(score);
    }
    match words.as_slice() {
        [l, i] => match (l.parse(), i.parse()) {
            (Ok(l), Ok(i)) => Score::new(l, i),
            _ => Err(format!("cannot read {line:?} as likelihood and impact: type two numbers 1-5, like 3 4")),
        },
        _ => Err(format!("cannot read {line:?} as likelihood and impact: type two numbers 1-5, like 3 4")),
    }
}

/// Takes `L4 I3` or `4x3` out of the words; the rest is the title.
fn take_score(words: &[&str]) -> Result<(Option<Score>, String), String> {
    let (mut likelihood, mut impact) = (None, None);
    let mut title = Vec::new();
    for word in words {
        let lower = word.to_lowercase();
        let level = |digits: &str| digits.parse::<u8>().ok().filter(|_| digits.len() == 1);
        if let Some((l, i)) = lower.split_once('x').and_then(|(l, i)| Some((level(l)?, level(i)?))) {
            (likelihood, impact) = (Some(l), Some(i));
        } else if let Some(l) = lower.strip_prefix('l').and_then(level) {
            likelihood = Some(l);
        } else if let Some(i) = lower.strip_prefix('i').and_then(level) {
            impact = Some(i);
        } else {
            title.push(*word);
        }
    }
    let score = match (likelihood, impact) {
        (Some(l), Some(i)) => Some(Score::new(l, i)?),
        (None, None) => None,
        _ => return Err("give both likelihood and impact, like L4 I3".into()),
    };
    Ok((score, title.join(" ")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ctx() -> DateContext {
        DateContext {
            today: "2022-01-06".parse().unwrap(),
            order: Default::default(),
            next_meeting: None,
            meeting_today: Default::default(),
        }
    }

    #[test]
    fn new_risks_in_one_line() {
        let board = crate::model::test_board();
        let risk = parse_new("Livewell contract lapses @cmc L3 I4 review 3.3.22", &board, &ctx()).unwrap();
        assert_eq!(
            (risk.title.as_str(), risk.owner.as_str(), risk.score.value()),
            ("Livewell contract lapses", "CMc", 12)
        );
        assert_eq!(risk.review, Some("2022-03-03".parse().unwrap()));
        let risk = parse_new("Staff absence @PD 4x3", &board, &ctx()).unwrap();
        assert_eq!((risk.score.likelihood.get(), risk.score.impact.get()), (4, 3));
        for (line, says) in [
            ("Staff absence L4 I3", "needs one owner"),
            ("Staff absence @PD @GB L4 I3", "has one owner"),
            ("Staff absence @PD", "needs a score"),
            ("Staff absence @PD L4", "both likelihood and impact"),
            ("Staff absence @PD L6 I3", "1 to 5"),
            ("@PD L2 I2", "needs a title"),
            ("Staff absence @PD L2 I2 review soon", "after \"review\""),
        ] {
            let err = parse_new(line, &board, &ctx()).unwrap_err();
            assert!(err.contains(says), "{line}: {err}");
        }
    }

    #[test]
    fn rescoring_reads_pairs() {
        for line in ["3 4", "L3 I4", "3x4", "l3 i4"] {
            assert_eq!(parse_score(line).unwrap(), Score::new(3, 4).unwrap(), "{line}");
        }
        assert!(parse_score("3").is_err());
        assert!(parse_score("0 4").unwrap_err().contains("1 to 5"));
    }
}
