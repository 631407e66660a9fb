//! `gavel completions SHELL` and `gavel man`: made from the same clap
//! definition as the parser, so they can never list a flag gavel lacks.

use super::{Cli, USAGE_OR_IO};
use clap::CommandFactory;
use std::io::Write;

/// The shell's registration script for dynamic completions: the shell
/// then asks gavel (`GAVEL_COMPLETE=bash gavel -- …`) at each Tab, so it is
/// offered the workspace's meeting dates, refs and initials, never a file
/// name where none fits, and never a hidden command.
pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> u8 {
    let shells = clap_complete::env::Shells::builtins();
    let Some(completer) = shells.completer(&shell.to_string()) else { return USAGE_OR_IO };
    let mut bytes = Vec::new();
    let written = completer.write_registration(super::complete::VAR, "gavel", "gavel", "gavel", &mut bytes);
    written.and_then(|()| out.write_all(&bytes)).map_or(USAGE_OR_IO, |()| 0)
}

/// The man page of gavel and, after it, a section per command, so that
/// `man gavel` shows every command's flags on one page; then the
/// environment, the exit status and the keys of the full screen. Commands
/// are named as `gavel init`, not as `gavel-init(1)` pages that do not exist.
pub fn man(out: &mut impl Write) -> u8 {
    let command = Cli::command();
    let mut bytes = Vec::new();
    let page = clap_mangen::Man::new(command.clone());
    let written = page
        .render_title(&mut bytes)
        .and_then(|()| page.render_name_section(&mut bytes))
        .and_then(|()| page.render_synopsis_section(&mut bytes))
        .and_then(|()| page.render_description_section(&mut bytes))
        .and_then(|()| page.render_options_section(&mut bytes))
        .and_then(|()| command_list(&command, &mut bytes))
        .and_then(|()| subcommands(&command, "gavel", &mut bytes))
        .and_then(|()| bytes.write_all(ENVIRONMENT.as_bytes()))
        .and_then(|()| bytes.write_all(EXIT_STATUS.as_bytes()))
        .and_then(|()| keys(&mut bytes))
        .and_then(|()| page.render_version_section(&mut bytes));
    match written.and_then(|()| out.write_all(&bytes)) {
        Ok(()) => 0,
        Err(_) => USAGE_OR_IO,
    }
}

const ENVIRONMENT: &str = r#".SH ENVIRONMENT
.TP
\fBGAVEL_WORKSPACE\fR
The workspace directory when \fB\-\-workspace\fR is not given.
.TP
\fBGAVEL_NOW\fR
The time gavel takes as now (2022\-03\-03T10:00:00+00:00), for reproducible reports and tests.
.TP
\fBGAVEL_USER\fR
The name changes are recorded by in each record's history (else the user's gavel settings, git's user.name, $USER).
.TP
\fBNO_COLOR\fR
When set and not empty, no colour is written; every colour has a symbol or letter beside it anyway.
.TP
\fBGAVEL_COMPLETE\fR
Set by the shell's completion script (see \fBgavel completions\fR) to ask gavel for candidates.
"#;

const EXIT_STATUS: &str = r#".SH "EXIT STATUS"
.TP
\fB0\fR
Done.
.TP
\fB1\fR
Invalid data (a file that does not validate, an unknown owner) or a refused action; nothing was written.
.TP
\fB2\fR
A usage error (an unknown flag, an unreadable date) or an input or output error.
"#;

/// The full screen's keys, from the same table as its `?` help and footer.
fn keys(out: &mut Vec<u8>) -> std::io::Result<()> {
    use crate::app::{KEYMAP, Scope};
    writeln!(out, ".SH KEYS")?;
    writeln!(out, "In the full screen (\\fBgavel\\fR with no command); \\fB?\\fR shows the same list.")?;
    for scope in Scope::ALL {
        let bindings: Vec<_> = KEYMAP.iter().filter(|b| b.scope == scope).collect();
        if bindings.is_empty() {
            continue;
        }
        writeln!(out, ".SS \"{}\"", scope.heading())?;
        for b in bindings {
            writeln!(out, ".TP\n\\fB{}\\fR\n{}", roff(b.label), roff(b.help))?;
        }
    }
    Ok(())
}

/// Text made safe for roff: backslashes and hyphens escaped, no line starting a request.
fn roff(text: &str) -> String {
    let text = text.replace('\\', "\\e").replace('-', "\\-");
    if text.starts_with(['.', '\'']) { format!("\\&{text}") } else { text }
}

/// Every command by the name it is typed with, and what it does.
fn command_list(command: &clap::Command, out: &mut Vec<u8>) -> std::io::Result<()> {
    writeln!(out, ".SH COMMANDS")?;
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        writeln!(out, ".TP\n\\fBgavel {}\\fR\n{}", roff(sub.get_name()), roff(&about))?;
    }
    Ok(())
}

/// Each command's usage, description and options as a roff section.
fn subcommands(command: &clap::Command, prefix: &str, out: &mut Vec<u8>) -> std::io::Result<()> {
    for sub in command.get_subcommands().filter(|s| !s.is_hide_set() && s.get_name() != "help") {
        let name = format!("{prefix} {}", sub.get_name());
        writeln!(out, ".SH \"{}\"", name.to_uppercase())?;
        let mut section = Vec::new();
        let page = clap_mangen::Man::new(sub.clone().bin_name(name.clone()));
        page.render_synopsis_section(&mut section)?;
        page.render_description_section(&mut section)?;
        if sub.get_arguments().any(|a| !a.is_hide_set()) {
            page.render_options_section(&mut section)?;
        }
        // Each part starts its own .SH; here they sit under the command's heading.
        let text = String::from_utf8_lossy(&section).replace(".SH ", ".SS ");
        out.extend_from_slice(text.as_bytes());
        subcommands(sub, &name, out)?;
    }
    Ok(())
}
