//! A large, valid, realistic workspace, the same for the same seed: ten
//! years of a busy board, for the benchmarks and for anyone reproducing
//! their figures (`cargo run --release --example gen_workspace -- DIR`).

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
            number: (n + 1).to_string(),
            title: rng.pick(&ITEMS).to_string(),
            leads: vec![rng.pick(&members).initials.clone()],
            planned_minutes: 120 / items as u32,
            papers: if n % 3 == 0 { vec![format!("{}a", n + 1)] } else { vec![] },
            purpose: Purpose::Discussion,
        })
        .collect();
    let mut meeting = Meeting {
        schema_version: SCHEMA_VERSION,
        date,
        title: "Strategic Partnership Board".into(),
        location: "Boardroom, Municipal Building".into(),
        planned_start: NaiveTime::from_hms_opt(10, 0, 0).unwrap(),
        planned_end: NaiveTime::from_hms_opt(12, 0, 0).unwrap(),
        agenda,
        attendance: vec![],
        declarations: vec![],
        notes: vec![],
        decisions: vec![],
        journal: vec![],
        approved: None,
    };
    if held {
        for p in &members {
            let status = if rng.below(10) == 0 { AttendanceStatus::Apologies } else { AttendanceStatus::Present };
            meeting.attendance.push(Attendance {
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
                item: (n + 1).to_string(),
                at: Some(at),
                text: "Board noted the report.".into(),
            });
            let control = if n + 1 == items { Control::End } else { Control::Next };
            timer::apply(&mut meeting, control, at).unwrap();
        }
        meeting.decisions.push(Note { item: "1".into(), at: None, text: "The minutes were agreed.".into() });
    }
    meeting
}

fn actions(rng: &mut Rng, count: usize, meetings: &[Meeting], owners: &[String]) -> Vec<Action> {
    (0..count)
        .map(|i| {
            let m = &meetings[(i * meetings.len() / count.max(1)).min(meetings.len() - 1)];
            let recent = m.date + Days::new(300) > meetings.last().unwrap().date;
            let status = match (recent, rng.below(10)) {
                (false, 0) => ActionStatus::Dropped,
                (false, _) => ActionStatus::Done,
                (true, 0..=5) => ActionStatus::Open,
                (true, 6..=7) => ActionStatus::InProgress,
                (true, _) => ActionStatus::Done,
            };
            let due = m.date + Days::new(14 + rng.below(90) as u64);
            Action {
                reference: format!("A{}", i + 1),
                text: format!("{} {}", rng.pick(&VERBS), rng.pick(&THINGS)),
                owners: vec![rng.pick(owners).clone()],
                due: Some(Deadline::On(due)),
                status,
                raised: Some(Raised { meeting: m.date, item: Some("2".into()), at: None }),
                updates: if i % 4 == 0 {
                    vec![Update { date: m.date + Days::new(7), text: "Progress reported.".into() }]
                } else {
                    vec![]
                },
                closed: status.is_closed().then_some(due),
            }
        })
        .collect()
}

fn risks(rng: &mut Rng, count: usize, dates: &[NaiveDate], owners: &[String]) -> Vec<Risk> {
    let level = |rng: &mut Rng| Level::try_from(1 + rng.below(5) as u8).unwrap();
    (0..count)
        .map(|i| {
            let scored = *rng.pick(dates);
            let history = (0..rng.below(5))
                .map(|k| Scoring {
                    date: scored - Days::new(90 * (5 - k as u64)),
                    likelihood: level(rng),
                    impact: level(rng),
                })
                .collect();
            Risk {
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
                mitigation: "Monitored by the operations group.".into(),
                review: Some(scored + Days::new(90)),
                status: if i % 7 == 0 { RiskStatus::Closed } else { RiskStatus::Open },
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
}

/// Writes the workspace into `root` (made if need be).
pub fn generate(root: &std::path::Path, size: Size) -> std::io::Result<()> {
    let mut rng = Rng(size.seed);
    let board = Board {
        schema_version: SCHEMA_VERSION,
        name: "Ten Years Partnership Board".into(),
        people: people(&mut rng, size.people),
        groups: vec![Group { initials: "Scrum".into(), name: "SEND Scrum".into(), members: vec![] }],
        quorum: QuorumRule { minimum: 6, ..QuorumRule::default() },
        risk_bands: RiskBand::nhs_defaults(),
        settings: Settings::default(),
    };
    let start = NaiveDate::from_ymd_opt(2016, 1, 7).expect("a real date");
    let dates: Vec<NaiveDate> = (0..size.meetings).map(|i| start + Days::new(i as u64 * 14)).collect();
    let meetings: Vec<Meeting> =
        dates.iter().enumerate().map(|(i, &d)| meeting(&mut rng, d, &board, i + 1 < size.meetings)).collect();
    let owners: Vec<String> = board.people.iter().map(|p| p.initials.clone()).chain(["Scrum".to_string()]).collect();
    let actions = actions(&mut rng, size.actions, &meetings, &owners);
    let risks = risks(&mut rng, size.risks, &dates, &owners);
    std::fs::create_dir_all(root.join("meetings"))?;
    store::write_atomic(
        &root.join("actions.json"),
        &store::to_json(&ActionLog { schema_version: SCHEMA_VERSION, retired: vec![], actions }),
    )?;
    store::write_atomic(
        &root.join("risks.json"),
        &store::to_json(&RiskRegister { schema_version: SCHEMA_VERSION, retired: vec![], risks }),
    )?;
    for m in &meetings {
        store::write_atomic(&store::meeting_file(root, m.date), &store::to_json(m))?;
    }
    store::write_atomic(&root.join("gavel.json"), &store::to_json(&board))
}
