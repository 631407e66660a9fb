//! The steps of a sequence: on one laptop, a sync or one change of every
//! kind the command line and the TUI can make, or a hand edit committed
//! with plain git. A step names its record by the unique token in its text
//! (never by its ref, which a merge may renumber), so a sequence can be
//! replayed, and shortened, from its list of steps.

use super::rng::Rng;
use gavel::model::{Meeting, Workspace};

/// The sample's people who own, lead and attend alongside those added.
pub const SAMPLE_PEOPLE: [&str; 5] = ["MM", "PD", "GB", "BM", "CJ"];
/// Initials for new people: few, so two laptops often pick the same.
pub const NEW_INITIALS: [&str; 4] = ["QA", "QB", "QC", "QD"];
/// The meetings `meeting new` makes: two laptops may make the same one.
/// The one in 2023 moves what closes in 2022 to the archive.
pub const NEW_MEETINGS: [&str; 3] = ["2022-04-07", "2022-05-12", "2023-01-12"];
/// The sample's closed meeting, the one the board can approve.
pub const HELD: &str = "2022-01-06";
pub const TODAY: &str = "2022-03-03";

#[derive(Debug, Clone)]
pub enum Op {
    Sync,
    /// A plain `git pull`, as someone who knows git would; when it stops on
    /// a conflict (or on files changed and not committed), `gavel sync`.
    GitPull,
    AddAction {
        tok: String,
        owner: String,
        due: String,
    },
    EditText {
        tok: String,
        words: String,
    },
    /// The text changed in actions.json by hand, committed with `git commit -a`.
    HandEditText {
        tok: String,
        words: String,
    },
    EditOwner {
        tok: String,
        owner: String,
    },
    EditDue {
        tok: String,
        due: String,
    },
    SetStatus {
        tok: String,
        status: &'static str,
    },
    DeleteAction {
        tok: String,
    },
    AddRisk {
        tok: String,
        owner: String,
        score: (u8, u8),
    },
    Rescore {
        tok: String,
        score: (u8, u8),
    },
    CloseRisk {
        tok: String,
    },
    AddPerson {
        tok: String,
        initials: String,
    },
    EditPerson {
        tok: String,
        org: String,
    },
    /// New initials for a person added earlier: every link follows.
    Reinitial {
        tok: String,
        initials: String,
    },
    /// A dated update on an action ("Chased by email").
    AddUpdate {
        tok: String,
        update: String,
    },
    /// An agenda item's title changed in the meeting's file by hand, committed with plain git.
    HandRenameItem {
        date: String,
        tok: String,
        words: String,
    },
    NewMeeting {
        date: String,
    },
    AgendaAdd {
        date: String,
        tok: String,
    },
    AgendaMove {
        date: String,
        tok: String,
        to: usize,
    },
    AgendaRename {
        date: String,
        tok: String,
        words: String,
    },
    AgendaRemove {
        date: String,
        tok: String,
    },
    Mark {
        date: String,
        who: String,
        status: &'static str,
    },
    Note {
        date: String,
        tok: String,
        decision: bool,
    },
    Approve {
        date: String,
    },
}

pub fn action_text(tok: &str, words: &str) -> String {
    format!("Action {tok} {words}")
}
pub fn person_name(tok: &str) -> String {
    format!("Quinn {}", tok.to_uppercase())
}
pub fn risk_title(tok: &str) -> String {
    format!("Risk {tok} to the plan")
}
pub fn item_title(tok: &str, words: &str) -> String {
    format!("Item {tok} {words}")
}
pub fn update_text(tok: &str) -> String {
    format!("Chased {tok} by email")
}
pub fn note_text(tok: &str) -> String {
    format!("Noted {tok} in passing")
}

/// Tokens of a kind that the laptop's workspace shows, in token order.
fn visible<'a>(tokens: impl Iterator<Item = &'a String>, shown: impl Fn(&str) -> bool) -> Vec<String> {
    tokens.filter(|t| shown(t)).cloned().collect()
}

/// Meetings whose agenda can still change: planned, not approved.
pub fn planned(ws: &Workspace) -> Vec<String> {
    ws.meetings.iter().filter(|m| m.date.to_string().as_str() >= TODAY && m.journal.is_empty()).map(date).collect()
}

pub fn date(m: &Meeting) -> String {
    m.date.to_string()
}

fn item_tokens(m: &Meeting, toks: &[String]) -> Vec<String> {
    visible(toks.iter(), |t| m.agenda.iter().any(|i| i.title.contains(t)))
}

/// The tokens made so far, by kind.
#[derive(Default)]
pub struct Made {
    pub actions: Vec<String>,
    pub people: Vec<String>,
    pub risks: Vec<String>,
    pub items: Vec<String>,
    count: usize,
}

impl Made {
    fn fresh(&mut self) -> String {
        self.count += 1;
        format!("q{:03}z", self.count)
    }
}

fn score(rng: &mut Rng) -> (u8, u8) {
    (1 + rng.below(5) as u8, 1 + rng.below(5) as u8)
}

fn due(rng: &mut Rng) -> String {
    format!("2022-0{}-{}", 4 + rng.below(5), 10 + rng.below(18))
}

/// Someone in the laptop's register to own an action: by name.
fn owner(rng: &mut Rng, ws: &Workspace) -> String {
    let people: Vec<&gavel::model::Person> = ws
        .board
        .people
        .iter()
        .filter(|p| !p.retired && (SAMPLE_PEOPLE.contains(&p.initials.as_str()) || p.name.starts_with("Quinn ")))
        .collect();
    rng.pick(&people).map(|p| p.name.clone()).unwrap_or_else(|| "Gary Bloom".into())
}

/// New people's initials not taken on this laptop.
fn free_initials(ws: &Workspace) -> Vec<&'static str> {
    NEW_INITIALS.iter().copied().filter(|i| !ws.board.people.iter().any(|p| p.initials == *i)).collect()
}

/// A random step for the laptop whose workspace is `ws`: a kind drawn at
/// random, drawn again when the laptop has nothing it could apply to.
pub fn generate(rng: &mut Rng, ws: &Workspace, made: &mut Made) -> Op {
    (0..20).find_map(|_| draw(rng, ws, made)).unwrap_or(Op::Sync)
}

fn draw(rng: &mut Rng, ws: &Workspace, made: &mut Made) -> Option<Op> {
    let actions = visible(made.actions.iter(), |t| ws.actions.actions.iter().any(|a| a.text.contains(t)));
    let open_risks = visible(made.risks.iter(), |t| {
        ws.risks.risks.iter().any(|r| r.title.contains(t) && r.status == gavel::model::risk::RiskStatus::Open)
    });
    let people = visible(made.people.iter(), |t| ws.board.people.iter().any(|p| p.name == person_name(t)));
    let unapproved: Vec<String> = ws.meetings.iter().filter(|m| m.approved.is_none()).map(date).collect();
    let tok = |made: &mut Made| made.fresh();
    let op = match rng.below(30) {
        0..=5 => Op::Sync,
        6 => Op::GitPull,
        7..=9 => {
            let t = tok(made);
            made.actions.push(t.clone());
            Op::AddAction { tok: t, owner: owner(rng, ws), due: due(rng) }
        }
        10 => Op::AddUpdate { tok: rng.pick(&actions)?.clone(), update: tok(made) },
        11 => Op::EditText { tok: rng.pick(&actions)?.clone(), words: rng.word().into() },
        12 => Op::HandEditText { tok: rng.pick(&actions)?.clone(), words: format!("{} by hand", rng.word()) },
        13 | 14 => Op::EditOwner { tok: rng.pick(&actions)?.clone(), owner: owner(rng, ws) },
        15 => Op::EditDue { tok: rng.pick(&actions)?.clone(), due: due(rng) },
        16 | 17 => {
            let status = *rng.pick(&["Done", "Dropped", "InProgress", "Open"]).unwrap();
            Op::SetStatus { tok: rng.pick(&actions)?.clone(), status }
        }
        18 => Op::DeleteAction { tok: rng.pick(&actions)?.clone() },
        19 => {
            let t = tok(made);
            made.risks.push(t.clone());
            Op::AddRisk { tok: t, owner: owner(rng, ws), score: score(rng) }
        }
        20 | 21 => match rng.below(3) {
            0 => Op::CloseRisk { tok: rng.pick(&open_risks)?.clone() },
            _ => Op::Rescore { tok: rng.pick(&open_risks)?.clone(), score: score(rng) },
        },
        22 => {
            let initials = rng.pick(&free_initials(ws))?.to_string();
            let t = tok(made);
            made.people.push(t.clone());
            Op::AddPerson { tok: t, initials }
        }
        23 => match rng.below(3) {
            0 => Op::Reinitial { tok: rng.pick(&people)?.clone(), initials: rng.pick(&free_initials(ws))?.to_string() },
            _ => Op::EditPerson { tok: rng.pick(&people)?.clone(), org: format!("Org of the {}", rng.word()) },
        },
        24 => {
            let dates: Vec<&str> =
                NEW_MEETINGS.iter().copied().filter(|d| !ws.meetings.iter().any(|m| date(m) == *d)).collect();
            Op::NewMeeting { date: rng.pick(&dates)?.to_string() }
        }
        25 | 26 => agenda_step(rng, ws, made)?,
        27 => {
            let status = *rng.pick(&["Present", "Apologies", "Absent"]).unwrap();
            let who = rng.pick(&SAMPLE_PEOPLE).unwrap().to_string();
            Op::Mark { date: rng.pick(&unapproved)?.clone(), who, status }
        }
        28 => Op::Note { date: rng.pick(&unapproved)?.clone(), tok: tok(made), decision: rng.below(2) == 0 },
        _ => {
            let held = ws.meetings.iter().find(|m| date(m) == HELD && m.approved.is_none() && rng.below(2) == 0);
            held.map(|_| Op::Approve { date: HELD.into() })?
        }
    };
    Some(op)
}

/// A step on a planned meeting's agenda: an item added, moved, renamed
/// (in gavel or by hand) or removed.
fn agenda_step(rng: &mut Rng, ws: &Workspace, made: &mut Made) -> Option<Op> {
    let d = rng.pick(&planned(ws))?.clone();
    let meeting = ws.meetings.iter().find(|m| date(m) == d)?;
    let items = item_tokens(meeting, &made.items);
    let op = match (rng.below(4), rng.pick(&items).cloned()) {
        (1, Some(t)) => Op::AgendaMove { date: d, tok: t, to: 1 + rng.below(meeting.agenda.len()) },
        (2, Some(t)) if rng.below(3) == 0 => {
            Op::HandRenameItem { date: d, tok: t, words: format!("{} by hand", rng.word()) }
        }
        (2, Some(t)) => Op::AgendaRename { date: d, tok: t, words: format!("{} {}", rng.word(), rng.word()) },
        (3, Some(t)) => Op::AgendaRemove { date: d, tok: t },
        _ => {
            let t = made.fresh();
            made.items.push(t.clone());
            Op::AgendaAdd { date: d, tok: t }
        }
    };
    Some(op)
}
