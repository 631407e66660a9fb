//! Quorum: enough quorum-counting members present, by the board's rule,
//! evaluated live and over the whole meeting for the minutes.

use super::meeting::TimerEventKind;
use super::timer::TimerState;
use super::{AttendanceStatus, Board, Meeting, Role, Timestamp};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quorum {
    pub present: u32,
    pub minimum: u32,
    /// False only when the rule requires the chair or deputy and neither is here.
    pub chair_or_deputy: bool,
    /// Counting members out of the room for the item (declared interests).
    pub withdrawn: u32,
}

impl Quorum {
    pub fn is_quorate(&self) -> bool {
        self.present >= self.minimum && self.chair_or_deputy
    }

    pub fn shortfall(&self) -> u32 {
        self.minimum.saturating_sub(self.present)
    }
}

/// Whose presence to count: as the register stands, or at a moment.
#[derive(Debug, Clone, Copy)]
pub enum When<'a> {
    /// Present and not yet left, for this item (withdrawals), if any.
    Now(Option<&'a str>),
    /// Arrived by then and not yet left, withdrawn for the item then under way.
    At(Timestamp, Option<&'a str>),
}

/// Quorum as the register stands, for the item now under way.
pub fn evaluate(board: &Board, meeting: &Meeting) -> Quorum {
    let current = TimerState::replay(meeting).ok().and_then(|t| t.current).map(|i| meeting.agenda[i].number.as_str());
    evaluate_when(board, meeting, When::Now(current))
}

/// A deputy counts for the member they stand in for; someone who declared
/// an interest and withdrew does not count for that item.
pub fn evaluate_when(board: &Board, meeting: &Meeting, when: When) -> Quorum {
    let rule = &board.quorum;
    let (mut present, mut withdrawn, mut chair_here) = (0, 0, false);
    let item = match when {
        When::Now(item) | When::At(_, item) => item,
    };
    for entry in &meeting.attendance {
        let here = entry.status == AttendanceStatus::Present
            && match when {
                When::Now(_) => entry.left.is_none(),
                When::At(at, _) => entry.arrived.is_none_or(|a| a <= at) && entry.left.is_none_or(|l| l > at),
            };
        if !here {
            continue;
        }
        let Some(role) = board.person(entry.deputy_for.as_deref().unwrap_or(&entry.initials)).map(|p| p.role) else {
            continue;
        };
        if !rule.counting_roles.contains(&role) {
            continue;
        }
        let out = item.is_some_and(|item| {
            meeting.declarations.iter().any(|d| d.withdrawn && d.item == item && d.initials == entry.initials)
        });
        if out {
            withdrawn += 1;
            continue;
        }
        present += 1;
        chair_here |= matches!(role, Role::Chair | Role::DeputyChair);
    }
    Quorum {
        present,
        minimum: board.quorum_required(),
        chair_or_deputy: chair_here || !rule.requires_chair_or_deputy,
        withdrawn,
    }
}

/// A share such as one third, written "1/3" in gavel.json.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Fraction {
    pub top: u32,
    pub bottom: u32,
}

impl Fraction {
    /// "1/3", "one third", "half", "two thirds", "50%".
    pub fn read(typed: &str) -> Result<Fraction, String> {
        let text = typed.trim().to_lowercase().replace('-', " ");
        let words = [
            ("half", (1, 2)),
            ("one half", (1, 2)),
            ("a half", (1, 2)),
            ("one third", (1, 3)),
            ("a third", (1, 3)),
            ("two thirds", (2, 3)),
            ("one quarter", (1, 4)),
            ("a quarter", (1, 4)),
            ("three quarters", (3, 4)),
        ];
        let parsed = if let Some((_, (top, bottom))) = words.iter().find(|(w, _)| *w == text) {
            Some((*top, *bottom))
        } else if let Some(percent) = text.strip_suffix('%') {
            percent.trim().parse::<u32>().ok().map(|p| (p, 100))
        } else {
            text.split_once('/').and_then(|(t, b)| Some((t.trim().parse().ok()?, b.trim().parse().ok()?)))
        };
        match parsed {
            Some((top, bottom)) if top > 0 && bottom > 0 && top <= bottom => Ok(Fraction { top, bottom }),
            _ => Err(format!(
                "{:?} is not a share of the members: write 1/3, \"one third\", \"half\" or 40%",
                crate::text::clean(typed.trim())
            )),
        }
    }

    /// This share of `count`, rounded up: a third of 20 is 7.
    pub fn of(self, count: u32) -> u32 {
        (u64::from(count) * u64::from(self.top)).div_ceil(u64::from(self.bottom)) as u32
    }
}

impl std::fmt::Display for Fraction {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}/{}", self.top, self.bottom)
    }
}

impl TryFrom<String> for Fraction {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Fraction::read(&text)
    }
}

impl From<Fraction> for String {
    fn from(f: Fraction) -> String {
        f.to_string()
    }
}

/// Which item was under way from each moment of the journal on.
fn item_changes(meeting: &Meeting) -> Vec<(Timestamp, Option<&str>)> {
    meeting
        .journal
        .iter()
        .filter_map(|e| match e.event {
            TimerEventKind::Start
            | TimerEventKind::Next
            | TimerEventKind::Previous
            | TimerEventKind::Skip
            | TimerEventKind::Jump
            | TimerEventKind::Reopen => {
                let item = e.item.as_deref().or_else(|| meeting.agenda.first().map(|i| i.number.as_str()));
                Some((e.at, item))
            }
            TimerEventKind::End => Some((e.at, None)),
            _ => None,
        })
        .collect()
}

/// Stretches of the meeting, up to `until` (its end if it has ended), when
/// it was not quorate.
pub fn inquorate_spans(
    board: &Board,
    meeting: &Meeting,
    until: Timestamp,
) -> Option<Vec<(Timestamp, Option<Timestamp>)>> {
    let timer = TimerState::replay(meeting).ok()?;
    let start = timer.started?;
    let end = timer.ended.unwrap_or(until);
    let items = item_changes(meeting);
    let item_at = |t: Timestamp| items.iter().rev().find(|(at, _)| *at <= t).and_then(|(_, item)| *item);
    let mut moments: Vec<Timestamp> = items.iter().map(|(at, _)| *at).collect();
    for entry in &meeting.attendance {
        moments.extend(entry.arrived.iter().chain(entry.left.iter()).copied());
    }
    moments.retain(|t| *t >= start && *t < end);
    moments.push(start);
    moments.sort();
    moments.dedup();
    let mut spans: Vec<(Timestamp, Option<Timestamp>)> = Vec::new();
    for (i, &t) in moments.iter().enumerate() {
        let quorate = evaluate_when(board, meeting, When::At(t, item_at(t))).is_quorate();
        let next = moments.get(i + 1).copied().or(timer.ended);
        match spans.last_mut() {
            Some(last) if !quorate && last.1 == Some(t) => last.1 = next,
            _ if !quorate => spans.push((t, next)),
            _ => {}
        }
    }
    Some(spans)
}

/// "quorate throughout", or "inquorate from 11:42 to 11:50", for the minutes.
pub fn statement(board: &Board, meeting: &Meeting, until: Timestamp) -> Option<String> {
    let spans = inquorate_spans(board, meeting, until)?;
    // In the board's zone, to the minute; a stretch within one minute prints
    // as "from 10:00 to 10:00": none is shown.
    let minute = |t: &Timestamp| board.zone().at(*t).format("%H:%M").to_string();
    let parts: Vec<String> = spans
        .iter()
        .filter(|(from, to)| to.is_none_or(|to| minute(&to) != minute(from)))
        .map(|(from, to)| match to {
            Some(to) => format!("from {} to {}", minute(from), minute(to)),
            None => format!("from {}", minute(from)),
        })
        .collect();
    if parts.is_empty() {
        return Some("quorate throughout".into());
    }
    Some(format!("inquorate {}", parts.join(" and ")))
}

#[cfg(test)]
mod tests;
