//! gavel.json: the board, its people register, the quorum rule, RAG bands
//! and settings.

use serde::{Deserialize, Serialize};

pub use super::quorum::Fraction;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Board {
    pub schema_version: u32,
    pub name: String,
    pub people: Vec<Person>,
    /// Bodies that own actions without being people, such as "SEND Scrum".
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<Group>,
    pub quorum: QuorumRule,
    #[serde(default = "RiskBand::nhs_defaults")]
    pub risk_bands: Vec<RiskBand>,
    #[serde(default)]
    pub settings: Settings,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Person {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    /// The key people type: unique across people and groups.
    pub initials: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub job_title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub organisation: String,
    pub role: Role,
    /// Left the board: kept so the history still names them, no longer
    /// offered as an owner or lead.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// Every change saved to this record (see `model::history`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<super::history::Entry>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Chair,
    DeputyChair,
    Member,
    /// Administration: the secretary, the minute taker.
    Officer,
    Guest,
    InAttendance,
    Advisor,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    #[serde(default, skip_serializing_if = "super::id::Id::is_unset")]
    pub id: super::id::Id,
    pub initials: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty", with = "super::link::many")]
    pub members: Vec<String>,
    /// No longer meets: kept so the history still names it, no longer
    /// offered as an owner.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub retired: bool,
    /// Every change saved to this record (see `model::history`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changes: Vec<super::history::Entry>,
}

/// "All members": every board has it without making it, so minutes that
/// give an action to everyone can be recorded as minuted.
pub const ALL_MEMBERS: &str = "All";
const ALL_MEMBERS_NAME: &str = "All members";
/// What minutes call everyone, as typed after `@` or in an owner column.
pub const ALL_MEMBERS_NAMES: [&str; 4] = ["All members", "All", "All partners", "Everyone"];

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuorumRule {
    /// Quorum-counting people who must be present.
    pub minimum: u32,
    /// Roles that count toward quorum.
    #[serde(default = "QuorumRule::default_counting_roles")]
    pub counting_roles: Vec<Role>,
    /// The chair or the deputy chair must be among them.
    #[serde(default)]
    pub requires_chair_or_deputy: bool,
    /// A share of the quorum-counting members, as standing orders put it
    /// ("one third"): the quorum is this share, rounded up, or `minimum`
    /// if that is more.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fraction: Option<Fraction>,
}

impl Default for QuorumRule {
    fn default() -> Self {
        QuorumRule {
            minimum: 1,
            counting_roles: Self::default_counting_roles(),
            requires_chair_or_deputy: false,
            fraction: None,
        }
    }
}

impl QuorumRule {
    pub(crate) fn default_counting_roles() -> Vec<Role> {
        vec![Role::Chair, Role::DeputyChair, Role::Member]
    }
}

/// A band of risk scores (L x I) with the colour and letter that show it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RiskBand {
    pub name: String,
    pub min: u8,
    pub max: u8,
    pub colour: BandColour,
    /// Shown beside the colour so the band reads without it.
    pub letter: char,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BandColour {
    Green,
    Yellow,
    Amber,
    Red,
    Blue,
    Grey,
}

impl RiskBand {
    /// The NHS 5x5 matrix: 1-3 low, 4-6 moderate, 8-12 high, 15-25 extreme.
    pub fn nhs_defaults() -> Vec<RiskBand> {
        let band = |name: &str, min, max, colour, letter| RiskBand { name: name.to_string(), min, max, colour, letter };
        vec![
            band("low", 1, 3, BandColour::Green, 'L'),
            band("moderate", 4, 6, BandColour::Yellow, 'M'),
            band("high", 8, 12, BandColour::Amber, 'H'),
            band("extreme", 15, 25, BandColour::Red, 'E'),
        ]
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Settings {
    pub date_order: DateOrder,
    /// Share of an item's planned time after which it shows as nearly out.
    pub nearly_out_percent: u8,
    /// With no next meeting planned, actions due within this many days are amber.
    pub amber_days: u32,
    /// In a workspace kept in git, sync every this many seconds while a meeting runs.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sync_every_seconds: Option<u32>,
    /// The IANA zone every time is shown in ("Europe/London"), set at init
    /// from the computer's; empty (older workspaces) means the computer's own.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub time_zone: String,
    /// Anyone marked present within this many minutes of the start (or
    /// before the first item ends) was there from the start, not late.
    pub start_grace_minutes: u32,
    /// Closed actions stay in actions.json for the year of the last meeting
    /// and this many years before it; older ones move to the archive.
    #[serde(skip_serializing_if = "is_zero")]
    pub archive_after_years: u32,
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            date_order: DateOrder::DayFirst,
            nearly_out_percent: 80,
            amber_days: 14,
            start_grace_minutes: 10,
            archive_after_years: 0,
            sync_every_seconds: None,
            time_zone: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DateOrder {
    #[default]
    DayFirst,
    MonthFirst,
}

impl Role {
    pub const ALL: [Role; 7] =
        [Role::Chair, Role::DeputyChair, Role::Member, Role::Officer, Role::Guest, Role::InAttendance, Role::Advisor];

    /// As the file spells it: "deputy_chair".
    pub fn key(self) -> &'static str {
        match self {
            Role::Chair => "chair",
            Role::DeputyChair => "deputy_chair",
            Role::Member => "member",
            Role::Officer => "officer",
            Role::Guest => "guest",
            Role::InAttendance => "in_attendance",
            Role::Advisor => "advisor",
        }
    }

    /// Read as typed ("deputy chair", "Deputy-Chair"), or the choices.
    pub fn read(typed: &str) -> Result<Role, String> {
        let key = typed.trim().to_lowercase().replace([' ', '-'], "_");
        Role::ALL.into_iter().find(|r| r.key() == key).ok_or_else(|| {
            let all: Vec<&str> = Role::ALL.iter().map(|r| r.key()).collect();
            format!("role must be one of {}, not {:?}", all.join(", "), crate::text::clean(typed.trim()))
        })
    }
}

impl Group {
    pub fn new(initials: &str, name: &str, members: Vec<String>) -> Group {
        Group {
            id: crate::model::id::Id::fresh(),
            changes: vec![],
            initials: initials.to_string(),
            name: name.to_string(),
            members,
            retired: false,
        }
    }
}

impl Board {
    /// The zone every time is shown in; a name that does not read (which
    /// validation reports) falls back to the computer's zone.
    pub fn zone(&self) -> super::zone::Zone {
        super::zone::Zone::named(&self.settings.time_zone).unwrap_or(super::zone::Zone::System)
    }

    pub fn person(&self, initials: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.initials == initials)
    }

    pub fn group(&self, initials: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.initials == initials)
    }

    /// Whether the built-in "All members" stands (no group of the board's
    /// own has taken its initials).
    fn all_members_built_in(&self) -> bool {
        self.group(ALL_MEMBERS).is_none() && self.person(ALL_MEMBERS).is_none()
    }

    /// Every initials an owner or lead may hold: people, groups and the
    /// built-in "All members".
    pub fn owner_initials(&self) -> impl Iterator<Item = &str> + Clone {
        let built_in = self.all_members_built_in().then_some(ALL_MEMBERS);
        let people = self.people.iter().map(|p| p.initials.as_str());
        people.chain(self.groups.iter().map(|g| g.initials.as_str())).chain(built_in)
    }

    /// The built-in group's initials when `name` is one of its names.
    pub fn all_members_named(&self, name: &str) -> Option<&'static str> {
        let name = name.trim();
        let named = ALL_MEMBERS_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name));
        (named && self.all_members_built_in()).then_some(ALL_MEMBERS)
    }

    /// The quorum-counting members (not retired) the rule counts.
    pub fn counting_members(&self) -> u32 {
        let counts = |p: &&Person| !p.retired && self.quorum.counting_roles.contains(&p.role);
        self.people.iter().filter(counts).count() as u32
    }

    /// How many must be present: the minimum, or the share of the
    /// counting members where the rule gives one, whichever is more.
    pub fn quorum_required(&self) -> u32 {
        let share = self.quorum.fraction.map_or(0, |f| f.of(self.counting_members()));
        self.quorum.minimum.max(share)
    }

    /// The display name of an owner or lead: a person or a group.
    pub fn name_of(&self, initials: &str) -> Option<&str> {
        self.person(initials)
            .map(|p| p.name.as_str())
            .or_else(|| self.group(initials).map(|g| g.name.as_str()))
            .or_else(|| (initials == ALL_MEMBERS && self.all_members_built_in()).then_some(ALL_MEMBERS_NAME))
            .or_else(|| self.formerly(initials).map(|p| p.name.as_str()))
    }

    /// The person whose initials these were before a correction, as their
    /// history says: approved minutes and archived actions keep the labels
    /// they were made with, and those still name the person.
    pub fn formerly(&self, initials: &str) -> Option<&Person> {
        let was = |p: &&Person| {
            p.changes
                .iter()
                .flat_map(|e| &e.fields)
                .any(|f| f.field == "initials" && f.from.as_ref().and_then(serde_json::Value::as_str) == Some(initials))
        };
        self.people.iter().rev().find(was)
    }

    /// Every initials a person bore before a correction.
    pub fn former_initials(&self) -> impl Iterator<Item = &str> {
        let fields = self.people.iter().flat_map(|p| p.changes.iter().flat_map(|e| &e.fields));
        fields.filter(|f| f.field == "initials").filter_map(|f| f.from.as_ref()?.as_str())
    }

    /// "GB (Gary Bloom), PD (Patricia D'Orsi)", or "unassigned".
    pub fn owners_named(&self, owners: &[String]) -> String {
        if owners.is_empty() {
            return "unassigned".to_string();
        }
        let named: Vec<String> =
            owners.iter().map(|o| format!("{o} ({})", self.name_of(o).unwrap_or("not in the register"))).collect();
        named.join(", ")
    }

    /// The one lookup of initials as people type them: any case, with or
    /// without "@", among people and then groups; the register's spelling.
    pub fn resolve(&self, typed: &str) -> Option<&str> {
        let typed = typed.trim().trim_start_matches('@');
        self.owner_initials().find(|i| i.eq_ignore_ascii_case(typed))
    }

    /// `resolve`, for a person only, or why not.
    pub fn resolve_person(&self, typed: &str) -> Result<&Person, String> {
        let initials = self.resolve(typed);
        initials.and_then(|i| self.person(i)).ok_or_else(|| {
            let typed = crate::text::clean(typed.trim().trim_start_matches('@'));
            format!("{typed} is not in the people register")
        })
    }

    /// `resolve`, else a group by its name ("Strategy Owners", "the SEND
    /// Scrum", "All members"), or the sentence the user sees.
    pub fn resolve_owner(&self, typed: &str) -> Result<&str, String> {
        let name = typed.trim().trim_start_matches('@').trim_matches('"');
        let unthe = |n: &str| {
            let n = n.trim();
            n.strip_prefix("the ").or_else(|| n.strip_prefix("The ")).unwrap_or(n).to_lowercase()
        };
        let group = || self.groups.iter().find(|g| unthe(&g.name) == unthe(name)).map(|g| g.initials.as_str());
        self.resolve(typed).or_else(group).or_else(|| self.all_members_named(name)).ok_or_else(|| {
            format!("{} is not in the people register", crate::text::clean(typed.trim().trim_start_matches('@')))
        })
    }

    pub fn is_known(&self, initials: &str) -> bool {
        self.name_of(initials).is_some()
    }

    /// The band a score falls in; scores between bands (7 under NHS) take
    /// the band below, as the NHS matrix cannot produce them.
    pub fn band_for(&self, score: u8) -> Option<&RiskBand> {
        self.risk_bands.iter().filter(|b| b.min <= score).max_by_key(|b| b.min)
    }
}
