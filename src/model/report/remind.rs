//! Who owes what: for each person, the open actions they own (themselves,
//! through a group they are a member of, or as one of "All members") that
//! are overdue or due within the days given, to be sent to them between
//! meetings.

use crate::model::action::RagContext;
use crate::model::board::ALL_MEMBERS;
use crate::model::{Action, Board, Role};
use chrono::NaiveDate;

/// One open action as a reminder gives it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Owed {
    #[serde(rename = "ref")]
    pub reference: String,
    pub text: String,
    pub due: NaiveDate,
    /// The owners as the log has them (a group's initials where a group owns it).
    pub owners: Vec<String>,
}

/// One person's reminder.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Reminder {
    pub initials: String,
    pub name: String,
    /// Oldest deadline first.
    pub overdue: Vec<Owed>,
    /// Due from today to the last day given, soonest first.
    pub due_soon: Vec<Owed>,
}

/// Whether `initials` (a person) owns the action: named, through a group,
/// or as a member when "All members" owns it.
fn owes(board: &Board, initials: &str, action: &Action) -> bool {
    let member =
        board.person(initials).is_some_and(|p| matches!(p.role, Role::Chair | Role::DeputyChair | Role::Member));
    action.owners.iter().any(|owner| {
        owner == initials
            || board.group(owner).is_some_and(|g| g.members.iter().any(|m| m == initials))
            || (owner == ALL_MEMBERS && board.group(ALL_MEMBERS).is_none() && member)
    })
}

/// Every person (not retired) with something overdue or due by
/// `ctx.today + days`, in the register's order; and the actions due that
/// reach no one (no owner, or a group with no members), to be said.
pub fn reminders(board: &Board, actions: &[Action], ctx: &RagContext, days: u32) -> (Vec<Reminder>, Vec<Owed>) {
    let last = ctx.today + chrono::Days::new(u64::from(days));
    let dated: Vec<(&Action, NaiveDate)> = actions
        .iter()
        .filter(|a| !a.status.is_closed())
        .filter_map(|a| a.due_date(ctx).map(|d| (a, d)))
        .filter(|(_, due)| *due <= last)
        .collect();
    let mut out = vec![];
    for person in board.people.iter().filter(|p| !p.retired) {
        let mut reminder = Reminder {
            initials: person.initials.clone(),
            name: person.name.clone(),
            overdue: vec![],
            due_soon: vec![],
        };
        for (action, due) in dated.iter().filter(|(a, _)| owes(board, &person.initials, a)) {
            let owed = Owed {
                reference: action.reference.clone(),
                text: action.text.clone(),
                due: *due,
                owners: action.owners.clone(),
            };
            match *due < ctx.today {
                true => reminder.overdue.push(owed),
                false => reminder.due_soon.push(owed),
            }
        }
        if reminder.overdue.is_empty() && reminder.due_soon.is_empty() {
            continue;
        }
        reminder.overdue.sort_by_key(|o| o.due);
        reminder.due_soon.sort_by_key(|o| o.due);
        out.push(reminder);
    }
    let reached =
        |a: &Action| out.iter().any(|r| r.overdue.iter().chain(&r.due_soon).any(|o| o.reference == a.reference));
    let unreached = dated
        .iter()
        .filter(|(a, _)| !reached(a))
        .map(|(a, due)| Owed {
            reference: a.reference.clone(),
            text: a.text.clone(),
            due: *due,
            owners: a.owners.clone(),
        })
        .collect();
    (out, unreached)
}
