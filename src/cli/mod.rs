//! The command line: parse, find the workspace, run a command. Commands
//! write to `impl Write` so tests can read what a person would see.

mod actions;
mod args;
mod board;
mod complete;
mod cycle;
mod dates;
mod documents;
mod export;
mod git;
mod groups;
mod history;
mod import;
mod init;
mod json;
mod pack;
mod people;
mod remind;
mod report;
mod status;
mod stdout;
mod uses;

use crate::store::{self, LoadError};
use crate::text::{clean, clean_keep_newlines, clean_path};
pub use args::{ActionsFormat, AgendaFormat, Cli, Command, ExportWhat, ImportWhat, MinutesFormat};
use clap::Parser;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The status review as plain text, as `gavel status` prints it into a pipe.
pub fn status_text(
    ws: &crate::model::Workspace,
    now: crate::model::Timestamp,
    out: &mut impl Write,
) -> std::io::Result<()> {
    status::write(ws, now, false, false, out)
}

/// Exit codes: 0 ok, 1 invalid data or a refused action, 2 usage or I/O.
pub const INVALID: u8 = 1;
pub const USAGE_OR_IO: u8 = 2;

/// What a command needs from its surroundings, read once in `main`.
pub struct Context {
    /// $GAVEL_WORKSPACE.
    pub env_workspace: Option<String>,
    pub cwd: PathBuf,
    pub now: crate::model::Timestamp,
    /// Colour in text output: stdout is a terminal and NO_COLOR is unset.
    pub color: bool,
    /// Standard input and output are both a terminal: the screen can be drawn.
    pub terminal: bool,
}

pub fn main() -> ExitCode {
    // The shell asking for completions (see `gavel completions`): answered, and the process ends.
    clap_complete::CompleteEnv::with_factory(complete::command).var(complete::VAR).complete();
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            // clap quotes the arguments it refuses: sanitised like every message.
            let text = clean_keep_newlines(&e.render().to_string());
            if e.use_stderr() {
                eprint!("{text}");
            } else {
                print!("{text}");
            }
            return ExitCode::from(if e.use_stderr() { USAGE_OR_IO } else { 0 });
        }
    };
    // GAVEL_NOW pins the clock for reproducible reports and tests.
    let now = match std::env::var("GAVEL_NOW") {
        Ok(text) => match chrono::DateTime::parse_from_rfc3339(&text) {
            Ok(t) => t,
            Err(_) => {
                eprintln!("gavel: GAVEL_NOW must be a time like 2022-03-03T10:00:00+00:00, not {text:?}");
                return ExitCode::from(USAGE_OR_IO);
            }
        },
        Err(_) => crate::clock::wall(),
    };
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stdout());
    let context = Context {
        env_workspace: std::env::var("GAVEL_WORKSPACE").ok(),
        cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
        now,
        color: terminal && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()),
        terminal,
    };
    store::set_patience(store::Patience { give_up: store::CLI_PATIENCE, report: Some(report_waiting) });
    let mut out = stdout::Stdout::new(std::io::stdout().lock());
    let mut err = std::io::stderr().lock();
    let code = run(cli, &context, &mut out, &mut err);
    // `gavel actions --all | head`: the reader had what it wanted. Every
    // command then ends the same way, quietly and with success, as a
    // listing cut short is not a failure (whatever it was saving is saved
    // before anything is printed).
    ExitCode::from(if out.reader_gone { 0 } else { code })
}

/// Says on stderr what a command is waiting for (the lock's holder).
fn report_waiting(what: &str) {
    eprintln!("gavel: {}", crate::text::clean(what));
}

/// Runs one command line; returns the exit code.
pub fn run(cli: Cli, context: &Context, out: &mut impl Write, err: &mut impl Write) -> u8 {
    let cwd = context.cwd.as_path();
    // Review mode is one rule in the store, where every change is committed.
    store::set_read_only(cli.read_only);
    if let Some(Command::Init { dir, sample, shared, git, name, today }) = &cli.command {
        let root = dir.clone().or(cli.workspace.clone()).unwrap_or_else(|| cwd.to_path_buf());
        let code = match today {
            true => init::init_today(&root, context.now, *shared, out, err),
            false => init::init(&root, *sample, *shared, name.as_deref(), out, err),
        };
        return if code == 0 && *git { git::init(&root, out, err) } else { code };
    }
    if let Some(Command::MergeDriver { base, ours, theirs, path }) = &cli.command {
        return git::merge_driver(base, ours, theirs, path, context.now, err);
    }
    match &cli.command {
        Some(Command::Completions { shell }) => return documents::completions(*shell, out),
        Some(Command::Man) => return documents::man(out),
        _ => {}
    }
    // Only the full screen on a terminal makes the sample board on first run.
    let may_create = cli.command.is_none() && context.terminal;
    let (flag, env) = (cli.workspace.as_deref(), context.env_workspace.as_deref());
    let located = match store::resolve_workspace(flag, env, cwd, context.now, may_create) {
        Ok(located) => located,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return fail(err, USAGE_OR_IO, &e.to_string()),
        Err(e) => return fail(err, USAGE_OR_IO, &format!("cannot find or make a workspace: {e}")),
    };
    if located.created {
        let _ = writeln!(err, "gavel: made your workspace from the sample board at {}", clean_path(&located.root));
    }
    let (root, first_run) = (located.root, located.created);
    if cli.read_only {
        store::review(&root);
    }
    if !cli.read_only && !matches!(cli.command, Some(Command::Sync)) {
        // A fresh clone is merged by gavel from its first command on (sync registers it itself).
        crate::sync::ensure_driver(&root);
    }
    match cli.command {
        // A broken workspace is reported first; then a pipe is told what to run instead.
        None if !context.terminal => match store::after_any_sync(&root, || store::load_recent(&root)) {
            Ok(_) => fail(
                err,
                USAGE_OR_IO,
                "the full screen needs a terminal, and standard input or output is not one (a pipe?): for a text summary run `gavel status`",
            ),
            Err(e) => load_failed(err, &e),
        },
        None => match crate::tui::run(&root, cli.read_only, first_run) {
            Ok(()) => 0,
            Err(e) => match e.downcast_ref::<LoadError>() {
                Some(load) => load_failed(err, load),
                None => fail(err, USAGE_OR_IO, &format!("{e:#}")),
            },
        },
        Some(Command::Validate { json }) => validate(&root, json, out, err),
        // Every meeting is listed, held or not: each is read in turn.
        Some(Command::Meeting { what: what @ cycle::MeetingWhat::List }) => {
            match store::after_any_sync(&root, || store::load_calendar(&root)) {
                Ok(ws) => cycle::meeting(&root, &ws, what, out, err),
                Err(e) => load_failed(err, &e),
            }
        }
        Some(Command::Sync) => git::sync(&root, out, err),
        Some(Command::Clock) => match crate::tui::run_clock(&root) {
            Ok(()) => 0,
            Err(e) => match e.downcast_ref::<LoadError>() {
                Some(load) => load_failed(err, load),
                None => fail(err, USAGE_OR_IO, &format!("{e:#}")),
            },
        },
        // The minutes read only their meeting (and the next), and the archive from its year on.
        Some(Command::Export { what: ExportWhat::Minutes { meeting, format, output } }) => {
            match store::load_minutes(&root, meeting) {
                Ok(_)
                    if matches!(format, MinutesFormat::Docx | MinutesFormat::Pdf)
                        && output.is_none()
                        && context.terminal =>
                {
                    let (what, file) = match format {
                        MinutesFormat::Pdf => ("PDF", "minutes.pdf"),
                        _ => ("Word", "minutes.docx"),
                    };
                    fail(
                        err,
                        USAGE_OR_IO,
                        &format!(
                            "{what} minutes are a binary file, not for the terminal: add -o {file} (or redirect to a file)"
                        ),
                    )
                }
                Ok(ws) => {
                    let (known, now) = (store::meeting_dates(&root), ws.board.zone().at(context.now));
                    let target = export::Target::of(output.as_deref(), context.terminal);
                    export::minutes(&ws, &known, meeting, format, target, now, out, err)
                }
                Err(e) => load_failed(err, &e),
            }
        }
        Some(Command::Export { what: ExportWhat::Agenda { date, format, output } }) => {
            pack::run_agenda(&root, (date, format, output.as_deref()), context, out, err)
        }
        Some(Command::Export { what: ExportWhat::Pack { date, output } }) => {
            pack::run_pack(&root, date, &output, context, out, err)
        }
        // `add` reads the action log itself, under the lock: the calendar is enough before.
        Some(command) => {
            // A sync replacing the files as this reads them is waited for, and read after.
            let loaded = store::after_any_sync(&root, || match &command {
                Command::Add { .. } => store::load_calendar(&root),
                _ => store::load_recent(&root),
            });
            match loaded {
                Ok(mut ws) => {
                    // What a command prints (a list, a sheet, `--json`) names each
                    // raised item by the number it bears now.
                    ws.follow_raised_items();
                    let code = on_workspace(&root, &ws, command, context, out, err);
                    // The process ends now: freeing ten years of actions one
                    // allocation at a time would only delay it.
                    std::mem::forget(ws);
                    code
                }
                Err(e) => load_failed(err, &e),
            }
        }
    }
}

/// The commands that read the workspace as the screen does.
fn on_workspace(
    root: &Path,
    ws: &crate::model::Workspace,
    command: Command,
    context: &Context,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    // The board's clock: every time shown is in its zone.
    let now = ws.board.zone().at(context.now);
    let written = |result: std::io::Result<()>| result.map_or(USAGE_OR_IO, |()| 0);
    match command {
        Command::Status { json } => written(status::write(ws, now, json, context.color, out)),
        Command::Add { line, strict, json } => {
            match actions::add(root, ws, &line.join(" "), now, actions::AddOptions { strict, json }, out, err) {
                Ok(()) => 0,
                Err(actions::AddError::Refused(why)) => fail(err, INVALID, &format!("{why}: nothing was saved")),
                Err(actions::AddError::Invalid(e)) => load_failed(err, &e),
                Err(actions::AddError::Io(why)) => fail(err, USAGE_OR_IO, &why),
            }
        }
        Command::Actions { owner, overdue, all, json } => {
            match actions::list(root, ws, &actions::Filter { owner, overdue, all }, now, json, out) {
                Ok(result) => written(result),
                Err(actions::ListError::Refused(why)) => fail(err, INVALID, &why),
                Err(actions::ListError::Archive(e)) => load_failed(err, &e),
            }
        }
        Command::Export { what: ExportWhat::Actions { format, output, all } } => {
            let archive = all.then_some(root);
            export::actions(ws, archive, format, export::Target::of(output.as_deref(), context.terminal), now, out, err)
        }
        Command::Export { what: ExportWhat::Calendar { owner, output, deadlines } } => export::calendar(
            ws,
            (owner.as_deref(), deadlines),
            export::Target::of(output.as_deref(), context.terminal),
            now,
            out,
            err,
        ),
        Command::Import { what: ImportWhat::Actions { file, dry_run, strict } } => {
            import::import_actions(root, ws, &file, import::ImportOptions { dry_run, strict }, now, out, err)
        }
        Command::History { reference, json } => history::run(root, ws, &reference, json, out, err),
        Command::People { what } => people::run(root, &ws.board, what, out, err),
        Command::Board { what } => board::run(root, &ws.board, what, out, err),
        Command::Groups { what } => groups::run(root, &ws.board, what, out, err),
        Command::Meeting { what } => cycle::meeting(root, ws, what, out, err),
        Command::Agenda { what } => cycle::agenda(root, ws, what, out, err),
        Command::Minutes { what } => cycle::minutes(root, what, now.date_naive(), out, err),
        Command::Remind { days, out: dir, json, quiet } => {
            remind::run(root, ws, remind::Options { days, out: dir, json, quiet }, now, out, err)
        }
        Command::Report { what } => report::run(root, ws, what, now, out, err),
        Command::Export { what: ExportWhat::Minutes { .. } | ExportWhat::Agenda { .. } | ExportWhat::Pack { .. } }
        | Command::Init { .. }
        | Command::Validate { .. }
        | Command::Sync
        | Command::MergeDriver { .. }
        | Command::Clock
        | Command::Completions { .. }
        | Command::Man => unreachable!("handled by run"),
    }
}

fn validate(root: &Path, as_json: bool, out: &mut impl Write, err: &mut impl Write) -> u8 {
    if as_json {
        return json::validate(root, out, err);
    }
    // Every file, one at a time: a hundred years of history is read, not held.
    match store::check_all(root) {
        Ok(census) => {
            let _ = writeln!(
                out,
                "{}: valid ({} people, {} meetings, {} actions, {} risks)",
                clean_path(root),
                census.people,
                census.meetings,
                census.actions,
                census.risks
            );
            0
        }
        Err(e) => load_failed(err, &e),
    }
}

/// Saves one change through `store::commit` and says what it did.
fn saved(root: &Path, change: &crate::model::Change, out: &mut impl Write, err: &mut impl Write) -> u8 {
    saved_because(root, change, None, out, err)
}

/// `saved`, with the reason the user gave, kept in the history.
fn saved_because(
    root: &Path,
    change: &crate::model::Change,
    reason: Option<String>,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    match store::commit_as(root, change, &store::stamp(root, reason)) {
        Ok(committed) => {
            let _ = writeln!(out, "{}", clean(&committed.applied.summary));
            0
        }
        Err(store::SaveError::Refused(why)) => fail(err, INVALID, &why.to_string()),
        Err(store::SaveError::Load(e)) => load_failed(err, &e),
        Err(e) => fail(err, USAGE_OR_IO, &e.to_string()),
    }
}

/// New initials (a `Rename`, which every link follows) then an edit of the
/// record under them, saved as one change; `what` names the flags when
/// there is nothing to change.
fn save_renamed_and_edited(
    root: &Path,
    (from, to): (&str, Option<&str>),
    edit: Option<crate::model::Change>,
    what: &str,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    use crate::model::Change;
    let rename = to.filter(|to| *to != from).map(|to| Change::Rename { from: from.to_string(), to: to.to_string() });
    match (rename, edit) {
        (None, None) => fail(err, USAGE_OR_IO, &format!("say what to change: {what}")),
        (Some(one), None) | (None, Some(one)) => saved(root, &one, out, err),
        (Some(rename), Some(edit)) => saved(root, &Change::Batch(vec![rename, edit]), out, err),
    }
}

fn load_failed(err: &mut impl Write, e: &LoadError) -> u8 {
    let code = match e {
        LoadError::Invalid(_) => INVALID,
        LoadError::NotAWorkspace(_) | LoadError::Io { .. } => USAGE_OR_IO,
    };
    if let LoadError::Invalid(problems) = e {
        for p in problems {
            let _ = writeln!(err, "gavel: {}", clean(&p.to_string()));
        }
        // True of every command, reading or writing: none writes to a
        // workspace it cannot read whole.
        let _ = writeln!(err, "gavel: fix the file(s) above, then run it again; gavel has written nothing");
        return code;
    }
    fail(err, code, &e.to_string())
}

/// Every message passes the TUI's sanitiser: a file name or an argument
/// can hold escape sequences, and a terminal must never receive them raw.
fn fail(err: &mut impl Write, code: u8, message: &str) -> u8 {
    let _ = writeln!(err, "gavel: {}", clean(message));
    code
}
