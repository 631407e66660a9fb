//! `gavel completions SHELL` and `gavel man`: made from the same clap
//! definition as the parser, so they can never list a flag gavel lacks.

use super::{Cli, USAGE_OR_IO};
use clap::CommandFactory;
use std::io::Write;

pub fn completions(shell: clap_complete::Shell, out: &mut impl Write) -> u8 {
    let mut command = Cli::command();
    let mut bytes = Vec::new();
    clap_complete::generate(shell, &mut command, "gavel", &mut bytes);
    out.write_all(&bytes).map_or(USAGE_OR_IO, |()| 0)
}

/// The man page of gavel and, after it, a section per command, so that
/// `man gavel` shows every command's flags on one page.
pub fn man(out: &mut impl Write) -> u8 {
    let command = Cli::command();
    let mut bytes = Vec::new();
    let page = clap_mangen::Man::new(command.clone());
    let written = page.render(&mut bytes).and_then(|()| subcommands(&command, "gavel", &mut bytes));
    match written.and_then(|()| out.write_all(&bytes)) {
        Ok(()) => 0,
        Err(_) => USAGE_OR_IO,
    }
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
