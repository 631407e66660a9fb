//! The terminal: set up and restore, the event loop, and running the
//! effects `update` asks for. The clock is read here and nowhere else.

mod backend;
mod clock;
mod mouse;

pub use clock::run as run_clock;

use crate::app::{self, App, Change, Effect, Key, Msg};
use crate::model::Timestamp;
use crate::store;
use crate::ui;
use anyhow::Context;
use backend::QuietBackend;
use ratatui::Terminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The clock the screen runs on.
pub fn now() -> Timestamp {
    crate::clock::wall()
}

/// Opens the TUI on a loaded workspace and runs until the user quits.
pub fn run(root: &Path, read_only: bool) -> anyhow::Result<()> {
    let workspace = store::load_recent(root)?;
    if !read_only {
        // Leftovers of a save cut short by a crash; safe to remove under the lock.
        if let Ok(_lock) = store::WorkspaceLock::acquire(root) {
            let _ = store::clean_leftovers(root);
        }
    }
    let mut app = App::new(workspace, now(), read_only);
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    // SIGTERM, and SIGHUP when an SSH link drops, end the loop within a
    // second; the terminal is then given back and no lock is ever held.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, stop.clone()).context("cannot listen for signals")?;
    }
    watch_for_the_end(stop.clone());
    let mut terminal = enter_terminal().context("cannot set up the terminal")?;
    let result = event_loop(&mut terminal, &mut app, root, &stop);
    drop(terminal);
    leave_terminal();
    result
}

type Screen = Terminal<QuietBackend<std::io::BufWriter<std::io::Stdout>>>;

/// Raw mode and the alternate screen, with a panic hook that gives the
/// terminal back before the panic message is printed.
fn enter_terminal() -> std::io::Result<Screen> {
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        leave_terminal();
        hook(info);
    }));
    ratatui::crossterm::terminal::enable_raw_mode()?;
    ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::terminal::EnterAlternateScreen)?;
    mouse::enable()?;
    Terminal::new(QuietBackend::new(std::io::BufWriter::new(std::io::stdout())))
}

/// Gives the terminal back as it was: cooked mode, main screen, cursor shown.
fn leave_terminal() {
    use ratatui::crossterm::{cursor, execute, terminal};
    mouse::disable();
    let _ = terminal::disable_raw_mode();
    let _ = execute!(std::io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
}

fn event_loop(terminal: &mut Screen, app: &mut App, root: &Path, stop: &AtomicBool) -> anyhow::Result<()> {
    let mut watch = store::Fingerprint::of(root);
    let mut dirty = true;
    let mut shown = now();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| ui::render(app, frame)).context("cannot draw on the terminal")?;
            dirty = false;
            crash_for_tests();
        }
        let timeout = until_next_second(now());
        if event::poll(timeout).context("cannot read the terminal")? {
            let msg = match event::read().context("cannot read the terminal")? {
                Event::Key(k) if k.kind != KeyEventKind::Release => key(k.code, k.modifiers).map(Msg::Key),
                Event::Resize(..) => Some(Msg::Tick),
                Event::Mouse(m) => mouse::message(app, terminal.get_frame().area(), m),
                _ => None,
            };
            if let Some(msg) = msg {
                dirty = true;
                // The watch is not reset here: a save of ours reloads once at
                // the next tick, and another writer's change is never missed.
                if dispatch(app, msg, root) {
                    return Ok(());
                }
            }
            continue;
        }
        // A tick: follow other writers, and redraw when the shown time moves.
        let t = now();
        let fresh = store::Fingerprint::of(root);
        if fresh != watch {
            watch = fresh;
            match store::load_recent(root) {
                Ok(workspace) => app::update(app, Msg::Reloaded(Box::new(workspace)), t),
                Err(e) => app::update(app, Msg::ReloadFailed(e.to_string()), t),
            };
            dirty = true;
        }
        let unit = if app.ticks_every_second() { 1 } else { 60 };
        let retrying = !app.unsaved.is_empty();
        if t.timestamp() / unit != shown.timestamp() / unit || retrying {
            if dispatch(app, Msg::Tick, root) {
                return Ok(());
            }
            dirty = true;
        }
        shown = t;
    }
}

/// Sleep until the next whole second: the loop checks for other writers
/// once a second and the running clock ticks on the second.
fn until_next_second(now: Timestamp) -> Duration {
    let into_second = now.timestamp_subsec_millis().min(999);
    Duration::from_millis(u64::from(1000 - into_second))
}

/// crossterm spins in `event::poll` once its terminal has hung up, so the
/// loop alone cannot be relied on to notice the end. This thread ends the
/// process when the terminal hangs up, or when a SIGTERM or SIGHUP has not
/// ended the loop within 1.5 s. Saves are atomic, so ending between them
/// loses nothing that was acknowledged.
fn watch_for_the_end(stop: Arc<AtomicBool>) {
    use std::io::IsTerminal;
    // Which fds are the terminal is decided now: once it hangs up, they no longer say.
    let ttys: Vec<i32> = [(0, std::io::stdin().is_terminal()), (1, std::io::stdout().is_terminal())]
        .iter()
        .filter(|t| t.1)
        .map(|t| t.0)
        .collect();
    std::thread::spawn(move || {
        let mut asked: Option<std::time::Instant> = None;
        loop {
            std::thread::sleep(Duration::from_millis(200));
            if hung_up(&ttys) {
                std::process::exit(129);
            }
            if stop.load(Ordering::Relaxed)
                && asked.get_or_insert_with(std::time::Instant::now).elapsed() > Duration::from_millis(1500)
            {
                leave_terminal();
                std::process::exit(143);
            }
        }
    });
}

/// Whether the terminal on these fds has hung up (its other end closed, as
/// when an SSH link drops).
fn hung_up(ttys: &[i32]) -> bool {
    ttys.iter().any(|&fd| {
        let mut poll = libc::pollfd { fd, events: 0, revents: 0 };
        // SAFETY: one valid pollfd and its count; a zero timeout never blocks.
        let ready = unsafe { libc::poll(&mut poll, 1, 0) };
        ready > 0 && poll.revents & (libc::POLLHUP | libc::POLLERR | libc::POLLNVAL) != 0
    })
}

/// Debug builds only: `GAVEL_TEST_PANIC=1` panics after the first frame,
/// so a test can check that a panic gives the terminal back.
fn crash_for_tests() {
    #[cfg(debug_assertions)]
    if std::env::var_os("GAVEL_TEST_PANIC").is_some() {
        panic!("GAVEL_TEST_PANIC is set: panicking to test the terminal is restored");
    }
}

/// Runs one message and its effects; true when the user quit.
fn dispatch(app: &mut App, msg: Msg, root: &Path) -> bool {
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        for effect in app::update(app, msg, now()) {
            match effect {
                Effect::Quit => return true,
                Effect::Save(change) => queue.push(save(root, change)),
            }
        }
    }
    false
}

/// Makes a change on disk, under the lock, on the files as they are now.
fn save(root: &Path, change: Change) -> Msg {
    match store::commit(root, &change) {
        Ok(committed) => Msg::Saved(change, Box::new(committed)),
        Err(e) => {
            let retry = matches!(e, store::SaveError::Io { .. }).then_some(change);
            Msg::SaveFailed { error: e.to_string(), retry }
        }
    }
}

fn key(code: KeyCode, modifiers: KeyModifiers) -> Option<Key> {
    Some(match code {
        KeyCode::Char(c) if modifiers.contains(KeyModifiers::CONTROL) => Key::Ctrl(c),
        KeyCode::Char(c) => Key::Char(c),
        KeyCode::Enter if modifiers.contains(KeyModifiers::ALT) => Key::AltEnter,
        KeyCode::Enter => Key::Enter,
        KeyCode::Esc => Key::Esc,
        KeyCode::Tab => Key::Tab,
        KeyCode::BackTab => Key::BackTab,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Delete => Key::Delete,
        KeyCode::Up => Key::Up,
        KeyCode::Down => Key::Down,
        KeyCode::Left => Key::Left,
        KeyCode::Right => Key::Right,
        KeyCode::Home => Key::Home,
        KeyCode::End => Key::End,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        _ => return None,
    })
}
