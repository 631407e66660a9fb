//! A large, valid, realistic workspace, the same for the same seed: ten
//! (or a hundred) years of a busy board, for the benchmarks and for anyone
//! reproducing their figures (`cargo run --release --example gen_workspace
//! -- DIR [--years 100]`). Action texts of 40 to 200 characters, updates,
//! risks with score histories, and the open work of a real board: most
//! actions of the last six meetings and a few carried over, 150 open risks,
//! whatever the length of the history. Everything is written in one
//! actions.json, as an older gavel left it; the first write archives it.

use crate::model::action::{Raised, Update};
use crate::model::meeting::{AgendaItem, Attendance, AttendanceMode, Note, Purpose};
use crate::model::risk::{Level, RiskStatus, Score, Scoring};
use crate::model::timer::{self, Control};
use crate::model::{
    Action, ActionLog, ActionStatus, AttendanceStatus, Board, Deadline, Group, Meeting, Person, QuorumRule, Risk,
    RiskBand, RiskRegister, Role, SCHEMA_VERSION, Settings,
};
use crate::store;
use chrono::{Days, NaiveDate, NaiveTime, TimeDelta};

/// SplitMix64: small, fast and the same everywhere.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const FIRST: [&str; 20] = [
    "Alex", "Brin", "Carol", "Dev", "Erin", "Femi", "Gary", "Hana", "Ian", "Jo", "Kate", "Lee", "Mina", "Nico", "Owen",
    "Priya", "Quinn", "Rosa", "Sam", "Tariq",
];
const LAST: [&str; 20] = [
    "Marks", "Bloom", "Banks", "Delve", "Mullan", "Scott", "Richards", "Laver", "Jacobs", "Wiley", "Costello",
    "Okafor", "Patel", "Nowak", "Evans", "Hughes", "Khan", "Price", "Reid", "Turner",
];
const VERBS: [&str; 12] = [
    "Finalise",
    "Circulate",
    "Review",
    "Draft",
    "Report back on",
    "Arrange",
    "Update",
    "Present",
    "Agree",
    "Chase",
    "Publish",
    "Confirm",
];
const THINGS: [&str; 12] = [
    "the capacity review",
    "the risk log",
    "the APP tracker paper",
    "the Terms of Reference",
    "the communications plan",
    "the Local Offer specification",
    "the EHCP quality assurance handbook",
    "the training offer",
    "the complaints analysis",
    "the SEND Strategy draft",
    "the budget monitoring report",
    "the co-production charter",
];
const ITEMS: [&str; 10] = [
    "Current perspective from partners",
    "Accelerated Progress Plan",
    "Partnership Risk Log",
    "Voice of the Child",
    "Joint Commissioning highlight report",
    "Operations Group highlight report",
    "Budget and finance",
    "Workforce and training",
    "Inspection readiness",
    "Communications update",
];

fn people(rng: &mut Rng, count: usize) -> Vec<Person> {
    (0..count)
        .map(|i| {
            let (first, last) = (*rng.pick(&FIRST), *rng.pick(&LAST));
            let role = match i {
                0 => Role::Chair,
                1 => Role::DeputyChair,
                i if i % 15 == 14 => Role::Officer,
                i if i % 5 == 4 => Role::Guest,
                _ => Role::Member,
            };
            Person {
                changes: vec![],
                id: crate::model::id::Id::fresh(),
                initials: format!("{}{}{}", &first[..1], &last[..1], i),
                name: format!("{first} {last}"),
                job_title: "Director".into(),
                organisation: "Borough Council".into(),
                role,
                retired: false,
            }
        })
        .collect()
}

fn meeting(rng: &mut Rng, date: NaiveDate, board: &Board, held: bool) -> Meeting {
    let members: Vec<&Person> = board.people.iter().filter(|p| p.role != Role::Guest).collect();
    let items = 10 + rng.below(6);
    let agenda: Vec<AgendaItem> = (0..items)
        .map(|n| AgendaItem {
            id: crate::model::id::Id::fresh(),
            number: (n + 1).to_string(),
            title: rng.pick(&ITEMS).to_string(),
            leads: vec![rng.pick(&members).initials.clone()],
            planned_minutes: 120 / items as u32,
            papers: if n % 3 == 0 { vec![format!("{}a", n + 1)] } else { vec![] },
            purpose: Purpose::Discussion,
        })
        .collect();
    let mut meeting = Meeting::planned(
        date,
        "Strategic Partnership Board".into(),
        "Boardroom, Municipal Building".into(),
        NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
    );
    meeting.agenda = agenda;
    if held {
        for p in &members {
            let status = if rng.below(10) == 0 { AttendanceStatus::Apologies } else { AttendanceStatus::Present };
            meeting.attendance.push(Attendance {
                id: crate::model::id::Id::fresh(),
                initials: p.initials.clone(),
                status,
                mode: Some(AttendanceMode::InRoom),
                deputy_for: None,
                arrived: None,
                left: None,
                items: vec![],
            });
        }
        let mut at = date.and_time(meeting.planned_start).and_utc().fixed_offset();
        timer::apply(&mut meeting, Control::StartOrPause, at).unwrap();
        for n in 0..items {
            at += TimeDelta::seconds(300 + rng.below(900) as i64);
            meeting.notes.push(Note {
                id: crate::model::id::Id::fresh(),
                item: (n + 1).to_string(),
                at: Some(at),
                text: "Board noted the report.".into(),
            });
            let control = if n + 1 == items { Control::End } else { Control::Next };
            timer::apply(&mut meeting, control, at).unwrap();
        }
        meeting.decisions.push(Note {
            id: crate::model::id::Id::fresh(),
            item: "1".into(),
            at: None,
            text: "The minutes were agreed.".into(),
        });
    }
    meeting
}

const CLAUSES: [&str; 16] = [
    "with the operations group",
    "and report back to the Board at the next meeting",
    "including the feedback from the parents' forum",
    "so that partners can comment before it is signed off",
    "in time for the inspection readiness review",
    "and share it with the health and care partners",
    "taking account of the Peer Review recommendations",
    "for the schools forum as well",
    "with a clear timetable and named leads for each strand",
    "once the budget position for next year is known",
    "and confirm who will attend from each partner",
    "setting out the risks and how they are mitigated",
    "alongside the Voice of the Child priorities",
    "with the figures for the last quarter",
    "so the Board can see progress against the plan",
    "and circulate it by email to all members",
];
const UPDATES: [&str; 8] = [
    "Draft circulated to partners for comment; final version expected by the next meeting.",
    "Progress reported at the operations group; waiting on figures from health.",
    "Meeting held with the lead officers; a short paper will come to the Board.",
    "Delayed by the inspection; new date agreed with the chair.",
    "Partly done: the first two strands are complete, the third is in hand.",
    "Chased by email; reply received and the item is back on track.",
    "Discussed under matters arising; the Board asked for more detail on costs.",
    "Complete apart from the sign-off, which is on the next agenda.",
];

/// Action text of 40 to 200 characters, as minutes phrase them.
fn action_text(rng: &mut Rng) -> String {
    let target = 40 + rng.below(161);
    let mut text = format!("{} {}", rng.pick(&VERBS), rng.pick(&THINGS));
    while text.len() < target {
        text.push(' ');
        let clause = rng.pick::<&str>(&CLAUSES);
        text.push_str(clause);
    }
    while text.len() > 200 {
        let cut = text[..200].rfind(' ').unwrap_or(200);
        text.truncate(cut);
    }
    text
}

/// How much of the log is open work, as on a real board: most actions of the
/// last few meetings, and a few of the last two years carried over.
const OPEN_MEETINGS: usize = 6;
const CARRIED_OVER_PER_THOUSAND: usize = 15;

fn actions(rng: &mut Rng, count: usize, meetings: &[Meeting], owners: &[String]) -> Vec<Action> {
    let last = meetings.last().unwrap().date;
    let per_meeting = count.div_ceil(meetings.len());
    (0..count)
        .map(|i| {
            let index = (i / per_meeting).min(meetings.len() - 1);
            let m = &meetings[index];
            let recent = index + OPEN_MEETINGS >= meetings.len();
            // Carried over from the last two years only: older work is done or dropped.
            let carried = !recent && index + 52 >= meetings.len() && rng.below(1000) < CARRIED_OVER_PER_THOUSAND;
            let status = match (recent || carried, rng.below(10)) {
                (false, 0) => ActionStatus::Dropped,
                (false, _) => ActionStatus::Done,
                (true, 0..=5) => ActionStatus::Open,
                (true, 6..=7) => ActionStatus::InProgress,
                (true, _) => ActionStatus::Done,
            };
            let due = m.date + Days::new(14 + rng.below(90) as u64);
            let updates = (0..[0, 0, 1, 1, 2, 3][rng.below(6)])
                .map(|k| Update { date: m.date + Days::new(14 * (k + 1)), text: rng.pick(&UPDATES).to_string() })
                .filter(|u| u.date <= last)
                .collect();
            let closed = (m.date + Days::new(7 + rng.below(120) as u64)).min(last);
            Action {
                changes: vec![],
                id: crate::model::id::Id::fresh(),
                reference: format!("A{}", i + 1),
                text: action_text(rng),
                owners: vec![rng.pick(owners).clone()],
                due: Some(Deadline::On(due)),
                status,
                raised: Some(Raised::numbered(m.date, Some("2".into()), Some(m))),
                updates,
                closed: status.is_closed().then_some(closed),
            }
        })
        .collect()
}

/// Risks open on a real board at any one time; the rest are closed.
const OPEN_RISKS: usize = 150;

fn risks(rng: &mut Rng, count: usize, dates: &[NaiveDate], owners: &[String]) -> Vec<Risk> {
    let level = |rng: &mut Rng| Level::try_from(1 + rng.below(5) as u8).unwrap();
    (0..count)
        .map(|i| {
            // Risks are added over the years, the open ones most recently.
            let first = dates[(i * dates.len() / count.max(1)).min(dates.len() - 1)];
            let open = i + OPEN_RISKS >= count;
            let scorings = 1 + rng.below(8);
            let history: Vec<Scoring> = (0..scorings)
                .map(|k| Scoring { date: first + Days::new(91 * k as u64), likelihood: level(rng), impact: level(rng) })
                .collect();
            let scored = (history.last().map_or(first, |h| h.date) + Days::new(91)).min(*dates.last().unwrap());
            let history = history.into_iter().filter(|h| h.date <= scored).collect();
            Risk {
                changes: vec![],
                id: crate::model::id::Id::fresh(),
                reference: format!("R{}", i + 1),
                title: format!("Delivery of {} is delayed", rng.pick(&THINGS).trim_start_matches("the ")),
                owner: rng.pick(owners).clone(),
                category: "Delivery".into(),
                likelihood: level(rng),
                impact: level(rng),
                scored,
                target: Some(Score { likelihood: Level::try_from(1).unwrap(), impact: level(rng) }),
                inherent: None,
                history,
                mitigation: format!("Monitored by the operations group, {}.", rng.pick(&CLAUSES)),
                review: Some(scored + Days::new(90)),
                status: if open { RiskStatus::Open } else { RiskStatus::Closed },
            }
        })
        .collect()
}

/// How big a workspace to make.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    pub meetings: usize,
    pub actions: usize,
    pub risks: usize,
    pub people: usize,
    pub seed: u64,
}

impl Size {
    /// Ten years: 250 meetings, 10,000 actions, 1,000 risks, 60 people.
    pub const TEN_YEARS: Size = Size { meetings: 250, actions: 10_000, risks: 1_000, people: 60, seed: 1 };
    /// A hundred years: ten times the history, as much work open (the
    /// same last meetings, the same open actions and risks).
    pub const HUNDRED_YEARS: Size = Size { meetings: 2_500, actions: 100_000, risks: 10_000, people: 60, seed: 1 };
}

/// Writes the workspace into `root` (made if need be).
pub fn generate(root: &std::path::Path, size: Size) -> std::io::Result<()> {
    let mut rng = Rng(size.seed);
    let board = Board {
        schema_version: SCHEMA_VERSION,
        name: "Ten Years Partnership Board".into(),
        people: people(&mut rng, size.people),
        groups: vec![Group::new("Scrum", "SEND Scrum", vec![])],
        quorum: QuorumRule { minimum: 6, ..QuorumRule::default() },
        risk_bands: RiskBand::nhs_defaults(),
        settings: Settings::default(),
    };
    // Every size ends on the same last meeting, so 1x and 10x have the same open work.
    let last = NaiveDate::from_ymd_opt(2025, 8, 28).expect("a real date");
    let dates: Vec<NaiveDate> =
        (0..size.meetings).map(|i| last - Days::new((size.meetings - 1 - i) as u64 * 14)).collect();
    let meetings: Vec<Meeting> =
        dates.iter().enumerate().map(|(i, &d)| meeting(&mut rng, d, &board, i + 1 < size.meetings)).collect();
    let owners: Vec<String> = board.people.iter().map(|p| p.initials.clone()).chain(["Scrum".to_string()]).collect();
    let actions = actions(&mut rng, size.actions, &meetings, &owners);
    let risks = risks(&mut rng, size.risks, &dates, &owners);
    std::fs::create_dir_all(root.join("meetings"))?;
    // Links stored as gavel stores them: the people's identities.
    let _register = crate::model::link::in_force(Some(crate::model::link::Directory::of(&board)));
    store::write_atomic(&root.join("actions.json"), &store::to_json(&ActionLog { actions, ..ActionLog::empty() }))?;
    store::write_atomic(&root.join("risks.json"), &store::to_json(&RiskRegister { risks, ..RiskRegister::empty() }))?;
    for m in &meetings {
        store::write_atomic(&store::meeting_file(root, m.date), &store::to_json(m))?;
    }
    store::write_atomic(&root.join("gavel.json"), &store::to_json(&board))
}
