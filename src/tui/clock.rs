//! The room's clock loop: draw, wait for the next second or a key, follow
//! the workspace like any second viewer. It never writes and never takes
//! the lock, so it can run beside the chair's gavel on the same files.

use super::{Screen, enter_terminal, leave_terminal, now, watch_for_the_end};
use crate::store;
use anyhow::Context;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

pub fn run(root: &Path) -> anyhow::Result<()> {
    let workspace = store::load_recent(root)?;
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, stop.clone()).context("cannot listen for signals")?;
    }
    watch_for_the_end(stop.clone())?;
    let mut terminal = enter_terminal().context("cannot set up the terminal")?;
    // Nothing on the clock is clicked: leave the mouse to the terminal.
    super::mouse::disable();
    let result = show(&mut terminal, workspace, root, &stop);
    drop(terminal);
    leave_terminal();
    result
}

fn show(
    terminal: &mut Screen,
    mut workspace: crate::model::Workspace,
    root: &Path,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let mut watch = store::Fingerprint::of(root);
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        let t = now();
        terminal
            .draw(|frame| crate::ui::clock::render(&workspace, t, color, frame))
            .context("cannot draw on the terminal")?;
        // The room's clock shows seconds: it wakes on each.
        let into_second = u64::from(now().timestamp_subsec_millis().min(999));
        if event::poll(std::time::Duration::from_millis(1000 - into_second)).context("cannot read the terminal")? {
            if let Event::Key(k) = event::read().context("cannot read the terminal")?
                && k.kind != KeyEventKind::Release
                && (matches!(k.code, KeyCode::Char('q') | KeyCode::Esc)
                    || (k.code == KeyCode::Char('c') && k.modifiers.contains(KeyModifiers::CONTROL)))
            {
                return Ok(());
            }
            continue;
        }
        let fresh = store::Fingerprint::of(root);
        if fresh != watch {
            watch = fresh;
            // A file caught half-written by a hand edit: keep showing the
            // last good state rather than going blank in front of the room.
            if let Ok(reloaded) = store::load_recent(root) {
                workspace = reloaded;
            }
        }
    }
}
