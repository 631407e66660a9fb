//! The command line's words: every command, its arguments and its help,
//! as clap reads them (and as the completions and the man page print them).

use super::complete;
use super::{board, cycle, groups, people, report};
use clap::{Parser, Subcommand};
use clap_complete::engine::ArgValueCandidates;
use std::path::PathBuf;

#[derive(Debug, Parser)]
#[command(
    name = "gavel",
    version = env!("GAVEL_LONG_VERSION"),
    about = "A terminal companion for board meetings: agenda timer, action log, risk grid, attendance."
)]
pub struct Cli {
    /// The workspace directory (else $GAVEL_WORKSPACE, else the current
    /// directory if it holds gavel.json, else your own workspace).
    #[arg(short, long, global = true, value_name = "DIR")]
    pub workspace: Option<PathBuf>,
    /// Review mode: nothing can be changed.
    #[arg(long)]
    pub read_only: bool,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Make a new workspace: an empty board, or the sample board.
    Init {
        /// Where to make it (default: the current directory).
        dir: Option<PathBuf>,
        /// Start from the sample board (Southend SEND Strategic Partnership Board).
        #[arg(long)]
        sample: bool,
        /// Let the directory's group read and write it too (a shared board
        /// folder); otherwise only you can.
        #[arg(long)]
        shared: bool,
        /// Keep it in git, with gavel's merge driver (see gavel sync).
        #[arg(long)]
        git: bool,
        /// With --sample: move every date so that its planned meeting is today, at the next half hour.
        #[arg(long, requires = "sample")]
        today: bool,
        /// The board's name, as its papers give it ("Riverside SEND Improvement Board").
        #[arg(long, value_name = "NAME")]
        name: Option<String>,
    },
    /// Commit what changed, pull (merged by gavel, field by field) and push a workspace kept in git.
    Sync,
    /// git's merge driver for workspace files: gavel merge-driver %O %A %B %P.
    #[command(hide = true)]
    MergeDriver { base: PathBuf, ours: PathBuf, theirs: PathBuf, path: PathBuf },
    /// Check every file; exit 1 with file:line:col messages if any is wrong.
    Validate {
        /// Machine-readable output: the problems as objects (file, line, column, path, message).
        #[arg(long)]
        json: bool,
    },
    /// RAG summary: the meeting, actions by RAG, risks by band.
    Status {
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// Add an action with the quick-add line: "TEXT @XX due DATE".
    Add {
        /// Refuse the line if anything about it looks wrong (no owner, no
        /// deadline, a date left in the text, a past deadline, look-alike letters).
        #[arg(long)]
        strict: bool,
        /// The action, its owners (@GB, @GB/PD, "GB to …") and deadline (due 1 May, by end of April, ongoing).
        line: Vec<String>,
        /// Print the saved action as JSON.
        #[arg(long)]
        json: bool,
    },
    /// List the action log by RAG then deadline (open actions unless --all).
    Actions {
        /// Only this owner's actions (initials).
        #[arg(long, value_name = "XX", add = ArgValueCandidates::new(complete::initials))]
        owner: Option<String>,
        /// Only overdue actions.
        #[arg(long)]
        overdue: bool,
        /// Closed actions too.
        #[arg(long)]
        all: bool,
        /// Machine-readable output.
        #[arg(long)]
        json: bool,
    },
    /// A record's history: every change, when, by whom, from what to what, and why.
    History {
        /// An action's or risk's ref (A5, R3), a person's initials (GB) or a meeting's date (2026-12-08).
        #[arg(value_name = "REF", add = ArgValueCandidates::new(complete::records))]
        reference: String,
        /// Machine-readable output: the record and its changes.
        #[arg(long)]
        json: bool,
    },
    /// The room's clock, full screen and read-only: the item, its lead, the
    /// time left in big figures, the next item and the forecast finish.
    Clock,
    /// Shell completions for bash, zsh, fish, elvish or powershell, on standard output.
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// The manual page (roff), on standard output.
    Man,
    /// Write the minutes of a meeting, or the action log, as a document.
    Export {
        #[command(subcommand)]
        what: ExportWhat,
    },
    /// The people register: listed, or a person added, edited, retired; a CSV read in.
    People {
        #[command(subcommand)]
        what: Option<people::PeopleWhat>,
    },
    /// The board's settings: shown, or one set (name, quorum, zone, amber, grace, dates).
    Board {
        #[command(subcommand)]
        what: Option<board::BoardWhat>,
    },
    /// Groups that own actions as people do: listed, added, edited, retired.
    Groups {
        #[command(subcommand)]
        what: Option<groups::GroupsWhat>,
    },
    /// The board's meetings: the next one made from the last, or all listed.
    Meeting {
        #[command(subcommand)]
        what: cycle::MeetingWhat,
    },
    /// A planned meeting's agenda, one line an item: "Title @LEAD 15m paper 5a decision".
    Agenda {
        #[command(subcommand)]
        what: cycle::AgendaWhat,
    },
    /// Minutes: approve (and so lock) a meeting's minutes.
    Minutes {
        #[command(subcommand)]
        what: cycle::MinutesWhat,
    },
    /// Read an action-log spreadsheet (CSV; columns by their headers).
    Import {
        #[command(subcommand)]
        what: ImportWhat,
    },
    /// Each owner's overdue and due-soon actions (people, and the members of groups that own
    /// actions): as text, one .eml file per owner in --out DIR (GB.eml; no mail is sent), or JSON.
    /// For cron: exit 0 when done, 1 on invalid data, 2 when a file cannot be written.
    Remind {
        /// Due soon: within this many days from today.
        #[arg(long, default_value_t = 7, value_name = "N")]
        days: u32,
        /// Write one message per owner into this directory, named by their initials.
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Machine-readable output: each owner's overdue and due-soon actions.
        #[arg(long, conflicts_with = "out")]
        json: bool,
        /// Print nothing when nobody has anything overdue or due, nor the files written (for cron).
        #[arg(long, short)]
        quiet: bool,
    },
    /// Across the meetings held: attendance and quorum, or planned against actual time.
    Report {
        #[command(subcommand)]
        what: report::ReportWhat,
    },
}

#[derive(Debug, Subcommand)]
pub enum ExportWhat {
    /// Minutes: attendance, each item with its time, notes, decisions, actions.
    Minutes {
        /// The meeting's date (default: the latest meeting held).
        #[arg(long, value_name = "DATE", value_parser = super::dates::quick, add = ArgValueCandidates::new(complete::meeting_dates))]
        meeting: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value = "md")]
        format: MinutesFormat,
        /// Write to this file (a regular file, replaced whole) instead of standard output; - is standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// A meeting's agenda: each item's planned start, lead, minutes, purpose and papers.
    Agenda {
        /// The meeting's date (default: the next meeting planned).
        #[arg(value_name = "DATE", value_parser = super::dates::quick, add = ArgValueCandidates::new(complete::meeting_dates))]
        date: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value = "md")]
        format: AgendaFormat,
        /// Write to this file (a regular file, replaced whole) instead of standard output; - is standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The board pack as one PDF: a cover, the agenda, the last meeting's minutes for approval,
    /// the action log with RAG, the risk register with its heat grid, then the papers named by
    /// the agenda, read from papers/DATE/ in the workspace (5a.pdf for paper 5a).
    Pack {
        /// The meeting's date.
        #[arg(value_name = "DATE", value_parser = super::dates::quick, add = ArgValueCandidates::new(complete::meeting_dates))]
        date: chrono::NaiveDate,
        /// The PDF to write (a regular file, replaced whole).
        #[arg(short, long, value_name = "FILE")]
        output: PathBuf,
    },
    /// Meetings and deadlines as an iCalendar file: an event per planned meeting (in UTC, its agenda
    /// in the description), and each open action's deadline as an all-day event or a to-do.
    Calendar {
        /// Only this owner's actions (initials).
        #[arg(long, value_name = "XX", add = ArgValueCandidates::new(complete::initials))]
        owner: Option<String>,
        /// Deadlines as all-day events (shown by Outlook and Google Calendar; an action with no
        /// date is left out) or as to-dos.
        #[arg(long, value_enum, default_value = "events")]
        deadlines: crate::export::calendar::Deadlines,
        /// Write to this file instead of standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// The action log: Ref, Action, Owner, Deadline, Status, RAG, Raised at, Updates, Closed.
    Actions {
        #[arg(long, value_enum, default_value = "csv")]
        format: ActionsFormat,
        /// The archive's closed actions of past years too, after the log's.
        #[arg(long)]
        all: bool,
        /// Write to this file (a regular file, replaced whole) instead of standard output; - is standard output.
        #[arg(short, long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum MinutesFormat {
    Md,
    Html,
    /// Word (.docx); write it to a file with -o.
    Docx,
    /// PDF (A4); write it to a file with -o.
    Pdf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum AgendaFormat {
    Md,
    Html,
    /// PDF (A4); write it to a file with -o.
    Pdf,
}

#[derive(Debug, Clone, Copy, clap::ValueEnum)]
pub enum ActionsFormat {
    Csv,
    Md,
}

#[derive(Debug, Subcommand)]
pub enum ImportWhat {
    /// Actions from a CSV spreadsheet (`,` `;` or tab; UTF-8, UTF-16 or
    /// Windows-1252), its columns by their headers (Ref/No/#, Action/Description,
    /// Owner/Lead/Who, Deadline/Due/By when, Status, Updates/Progress/Comments…):
    /// a row whose ref is known updates that action, any other is added. Good
    /// rows are imported and bad ones reported, unless --strict.
    Actions {
        file: PathBuf,
        /// Show what would be imported, and write nothing.
        #[arg(long)]
        dry_run: bool,
        /// All rows or none: any bad row imports nothing.
        #[arg(long)]
        strict: bool,
    },
}
