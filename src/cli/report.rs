//! `gavel report attendance|timing`: tallies across the held meetings, as
//! Markdown tables (the default, readable as it is), CSV or JSON. Dates
//! read as the quick-add line reads them, in the board's date order.

use super::{USAGE_OR_IO, fail, load_failed};
use crate::model::report::attendance::Attendance;
use crate::model::report::counts;
use crate::model::report::timing::{Row, Timing};
use crate::model::{Timestamp, Workspace};
use chrono::NaiveDate;
use clap::Subcommand;
use clap_complete::engine::ArgValueCandidates;
use std::io::Write;
use std::path::Path;

#[derive(Debug, Subcommand)]
pub enum ReportWhat {
    /// Each member's present, apologies, absent, stood in (for someone, or
    /// someone for them), late, as counts and a percentage; each meeting's quorum.
    Attendance {
        #[command(flatten)]
        span: Span,
    },
    /// Planned against actual minutes, from the timer: by item (standing
    /// items by title), by lead, by purpose; each meeting's overrun.
    Timing {
        #[command(flatten)]
        span: Span,
    },
}

/// Which held meetings, and how to write the report.
#[derive(Debug, clap::Args)]
pub struct Span {
    /// The first meeting's date to count (2022-01-01, 1.1.22, 1 Jan 2022).
    #[arg(long, value_name = "DATE", add = ArgValueCandidates::new(super::complete::meeting_dates))]
    from: Option<String>,
    /// The last meeting's date to count.
    #[arg(long, value_name = "DATE", add = ArgValueCandidates::new(super::complete::meeting_dates))]
    to: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Csv,
    Json,
}

/// A table as a report holds it, before it is written in a format.
struct Table {
    title: String,
    header: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

pub fn run(
    root: &Path,
    ws: &Workspace,
    what: ReportWhat,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let span = match &what {
        ReportWhat::Attendance { span } | ReportWhat::Timing { span } => span,
    };
    let ctx = ws.date_context(now.date_naive());
    let read =
        |typed: &Option<String>| typed.as_deref().map(|t| crate::model::quickadd::read_one_date(t, &ctx)).transpose();
    let (from, to) = match (read(&span.from), read(&span.to)) {
        (Ok(from), Ok(to)) => (from, to),
        (Err(why), _) | (_, Err(why)) => return fail(err, USAGE_OR_IO, &why),
    };
    if let (Some(f), Some(t)) = (from, to)
        && f > t
    {
        return fail(err, USAGE_OR_IO, &format!("--from {f} is after --to {t}"));
    }
    let board = &ws.board;
    let (mut attendance, mut timing) = (Attendance::new(board), Timing::default());
    let read = crate::store::each_meeting(root, board, |m| {
        if counts(m, from, to) {
            attendance.add(board, m, now);
            timing.add(m);
        }
    });
    if let Err(e) = read {
        return load_failed(err, &e);
    }
    let (name, value, tables) = match what {
        ReportWhat::Attendance { .. } => {
            ("Attendance", serde_json::to_value(&attendance), attendance_tables(ws, &attendance))
        }
        ReportWhat::Timing { .. } => ("Timing", serde_json::to_value(&timing), timing_tables(&timing)),
    };
    let written = match span.format {
        Format::Json => writeln!(out, "{}", crate::text::json(&value.expect("reports serialize"))),
        Format::Md => write_md(&format!("{name}: {}", heading(from, to)), &tables, out),
        Format::Csv => write_csv(&tables, out),
    };
    match written {
        Ok(()) => 0,
        Err(e) => fail(err, USAGE_OR_IO, &format!("cannot write the report: {e}")),
    }
}

fn heading(from: Option<NaiveDate>, to: Option<NaiveDate>) -> String {
    let day = |d: NaiveDate| d.format("%-d %b %Y").to_string();
    match (from, to) {
        (None, None) => "every meeting held".into(),
        (Some(f), None) => format!("meetings held from {}", day(f)),
        (None, Some(t)) => format!("meetings held to {}", day(t)),
        (Some(f), Some(t)) => format!("meetings held from {} to {}", day(f), day(t)),
    }
}

fn attendance_tables(ws: &Workspace, report: &Attendance) -> Vec<Table> {
    let members = report.members.iter().map(|t| {
        let n = |v: u32| v.to_string();
        vec![
            t.initials.clone(),
            t.name.clone(),
            n(t.meetings),
            n(t.present),
            t.present_percent.map_or_else(|| "—".into(), |p| format!("{p}%")),
            n(t.apologies),
            n(t.absent),
            n(t.not_marked),
            n(t.stood_in),
            n(t.stood_in_for),
            n(t.late),
        ]
    });
    let zone = ws.board.zone();
    let meetings = report.meetings.iter().map(|m| {
        let lost = m.lost_from.map(|t| zone.at(t).format("%H:%M").to_string()).unwrap_or_default();
        vec![m.date.to_string(), m.title.clone(), m.quorum.clone(), lost]
    });
    vec![
        Table {
            title: "Attendance".into(),
            header: vec![
                "Initials",
                "Member",
                "Meetings",
                "Present",
                "Present %",
                "Apologies",
                "Absent",
                "Not marked",
                "Stood in",
                "Stood in for",
                "Late",
            ],
            rows: members.collect(),
        },
        Table {
            title: "Quorum".into(),
            header: vec!["Date", "Meeting", "Quorum", "Lost from"],
            rows: meetings.collect(),
        },
    ]
}

fn timing_tables(report: &Timing) -> Vec<Table> {
    let rows = |rows: &[Row]| -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| {
                let (times, planned, actual) = (r.times.max(1) as i64, r.planned_minutes, r.actual_minutes);
                vec![
                    r.key.clone(),
                    r.times.to_string(),
                    planned.to_string(),
                    actual.to_string(),
                    signed(r.over()),
                    format!("{}", (planned + times / 2) / times),
                    format!("{}", (actual + times / 2) / times),
                ]
            })
            .collect()
    };
    let header = vec!["", "Times", "Planned", "Actual", "Over", "Planned each", "Actual each"];
    let table = |title: &str, first: &'static str, of: &[Row]| {
        let mut header = header.clone();
        header[0] = first;
        Table { title: title.into(), header, rows: rows(of) }
    };
    let meetings = report.meetings.iter().map(|m| {
        let or_running = |v: Option<i64>, f: fn(i64) -> String| v.map_or_else(|| "running".into(), f);
        vec![
            m.date.to_string(),
            m.title.clone(),
            m.planned_minutes.to_string(),
            or_running(m.actual_minutes, |a| a.to_string()),
            or_running(m.overrun_minutes, signed),
        ]
    });
    vec![
        table("By item", "Item", &report.items),
        table("By lead", "Lead", &report.leads),
        table("By purpose", "Purpose", &report.purposes),
        Table {
            title: "Meetings".into(),
            header: vec!["Date", "Meeting", "Planned", "Actual", "Over"],
            rows: meetings.collect(),
        },
    ]
}

/// "+8", "-3", "0": minutes over (or under) the plan.
fn signed(minutes: i64) -> String {
    if minutes > 0 { format!("+{minutes}") } else { minutes.to_string() }
}

fn write_md(heading: &str, tables: &[Table], out: &mut impl Write) -> std::io::Result<()> {
    use crate::export::markdown::escape;
    writeln!(out, "# {}", escape(heading))?;
    for table in tables {
        writeln!(out, "\n## {}\n", escape(&table.title))?;
        if table.rows.is_empty() {
            writeln!(out, "None.")?;
            continue;
        }
        writeln!(out, "| {} |", table.header.join(" | "))?;
        writeln!(out, "|{}", "---|".repeat(table.header.len()))?;
        for row in &table.rows {
            // Figures ("+8", "-3") are not text to escape.
            let figure = |c: &str| c.trim_start_matches(['+', '-']).bytes().all(|b| b.is_ascii_digit());
            let cells: Vec<String> =
                row.iter().map(|c| if figure(c) { c.clone() } else { escape(c).replace('\n', " ") }).collect();
            writeln!(out, "| {} |", cells.join(" | "))?;
        }
    }
    Ok(())
}

/// One CSV stream: each table's rows after a first column naming the table,
/// so a spreadsheet can filter by it.
fn write_csv(tables: &[Table], out: &mut impl Write) -> std::io::Result<()> {
    let mut csv = csv::WriterBuilder::new().flexible(true).from_writer(out);
    for table in tables {
        let mut header = vec!["Table"];
        header.extend(&table.header);
        csv.write_record(&header)?;
        for row in &table.rows {
            let mut cells = vec![table.title.clone()];
            cells.extend(row.iter().map(|c| crate::export::actions::guard(crate::text::clean_keep_newlines(c))));
            csv.write_record(&cells)?;
        }
    }
    csv.flush()
}
