//! The terminal: set up and restore, the event loop, and running the
//! effects `update` asks for. The clock is read here and nowhere else.

mod ascii;
mod backend;
mod background;
mod clock;
mod kept;
mod mouse;
mod wait;

pub use clock::run as run_clock;

use crate::app::{self, App, Change, Effect, Key, Msg};
use crate::model::Timestamp;
use crate::store;
use crate::ui;
use anyhow::Context;
use backend::QuietBackend;
use background::Background;
use ratatui::Terminal;
use ratatui::crossterm::event::{self, Event, KeyCode, KeyEventKind, KeyModifiers};
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

/// The screen's clock (see `clock::running`: `GAVEL_NOW` pins where it starts).
pub fn now() -> Timestamp {
    crate::clock::running()
}

/// Opens the TUI on a loaded workspace and runs until the user quits.
/// `first_run`: the workspace was just made from the sample board.
pub fn run(root: &Path, read_only: bool, first_run: bool) -> anyhow::Result<()> {
    if read_only {
        store::set_read_only(true);
        store::review(root);
    }
    let workspace = store::after_any_sync(root, || store::load_recent(root))?;
    if !read_only {
        // Leftovers of a save cut short by a crash; safe to remove under the lock.
        // Not waited for: a held lock must not keep the screen from drawing.
        if let Ok(Some(_lock)) = store::WorkspaceLock::try_acquire(root) {
            let _ = store::clean_leftovers(root);
        }
    }
    // A save waits under a second for a held lock, then is kept and retried
    // each second with the holder named on screen.
    store::set_patience(store::Patience { give_up: Duration::from_millis(500), report: None });
    let mut app = App::new(workspace, now(), read_only);
    app.heads_up = heads_up(&app.workspace.board, first_run);
    if first_run {
        // The whole width for where it is kept, until the first key.
        let text = format!(
            "this is the sample board, kept in {}: to start your own board, gavel init DIR",
            crate::text::clean_path(root)
        );
        app.notice = Some(app::Notice { text, error: false });
    }
    app.color = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    if !read_only {
        kept::offer(&mut app, root);
    }
    // SIGTERM, and SIGHUP when an SSH link drops, end the loop within a
    // second; the terminal is then given back and no lock is ever held.
    let stop = Arc::new(AtomicBool::new(false));
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::flag::register(signal, stop.clone()).context("cannot listen for signals")?;
    }
    watch_for_the_end(stop.clone())?;
    let mut terminal = enter_terminal().context("cannot set up the terminal")?;
    if let Ok(size) = terminal.size() {
        app::update(&mut app, Msg::Resize(size.width, size.height), now());
    }
    let result = event_loop(&mut terminal, &mut app, root, &stop);
    drop(terminal);
    leave_terminal();
    kept::keep_on_the_way_out(root, &app);
    result
}

/// What the header says once: this is the sample board, kept where; or
/// the board keeps another zone's time than this computer.
fn heads_up(board: &crate::model::Board, first_run: bool) -> Option<String> {
    if first_run {
        return Some(format!("SAMPLE: {} · your own: gavel init", board.name));
    }
    let mine = crate::model::zone::system_zone_name()?;
    let theirs = board.settings.time_zone.as_str();
    let differ = |t| board.zone().at(t).offset() != crate::model::zone::Zone::System.at(t).offset();
    let (now, later) = (now(), now() + chrono::TimeDelta::days(182));
    let shown = !theirs.is_empty() && theirs != mine && (differ(now) || differ(later));
    shown.then(|| format!("times in {theirs} (this computer: {mine})"))
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
    // Pasted text arrives as one event, never as keys that would run commands.
    ratatui::crossterm::execute!(std::io::stdout(), ratatui::crossterm::event::EnableBracketedPaste)?;
    mouse::enable()?;
    let ascii = ascii::locale_is_ascii(|name| std::env::var(name).ok());
    Terminal::new(QuietBackend::new(std::io::BufWriter::new(std::io::stdout())).ascii(ascii))
}

/// Gives the terminal back as it was: cooked mode, main screen, cursor shown.
fn leave_terminal() {
    use ratatui::crossterm::{cursor, execute, terminal};
    mouse::disable();
    let _ = terminal::disable_raw_mode();
    let _ = execute!(
        std::io::stdout(),
        ratatui::crossterm::event::DisableBracketedPaste,
        terminal::LeaveAlternateScreen,
        cursor::Show
    );
}

fn event_loop(terminal: &mut Screen, app: &mut App, root: &Path, stop: &AtomicBool) -> anyhow::Result<()> {
    let mut watch = store::Fingerprint::of(root);
    let mut waiter = wait::Waiter::new(root);
    let mut dirty = true;
    let mut shown = now();
    let mut last_sync = std::time::Instant::now();
    let mut background = Background::default();
    loop {
        if stop.load(Ordering::Relaxed) {
            return Ok(());
        }
        if dirty {
            terminal.draw(|frame| ui::render(app, frame)).context("cannot draw on the terminal")?;
            dirty = false;
            crash_for_tests();
        }
        let mut timeout = wait::timeout(app, now(), waiter.sees_changes());
        if let Some(soon) = background.look_again() {
            timeout = timeout.min(soon);
        }
        let woke = waiter.wait(timeout).context("cannot read the terminal")?;
        if woke && event::poll(Duration::ZERO).context("cannot read the terminal")? {
            // Every event crossterm has read is taken now: the next sleep
            // is on the terminal itself, which would not wake for them.
            while event::poll(Duration::ZERO).context("cannot read the terminal")? {
                let msg = match event::read().context("cannot read the terminal")? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => key(k.code, k.modifiers).map(Msg::Key),
                    Event::Paste(text) => Some(Msg::Paste(text)),
                    Event::Resize(width, height) => Some(Msg::Resize(width, height)),
                    Event::Mouse(m) => mouse::message(app, terminal.get_frame().area(), m),
                    _ => None,
                };
                if let Some(msg) = msg {
                    dirty = true;
                    // The watch is not reset here: a save of ours reloads once at
                    // the next tick, and another writer's change is never missed.
                    if dispatch(app, msg, root, &mut background) {
                        return Ok(());
                    }
                }
            }
            continue;
        }
        // A tick: follow other writers, and redraw when the shown time moves.
        let t = now();
        for msg in background.ended() {
            dirty = true;
            if dispatch(app, msg, root, &mut background) {
                return Ok(());
            }
        }
        if background::sync_due(app, &mut last_sync) {
            background.sync(root);
        }
        // Only when the watch saw a change (or there is none): no stats each second.
        let fresh = waiter.files_changed().then(|| store::Fingerprint::of(root)).filter(|f| *f != watch);
        if let Some(fresh) = fresh {
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
            if dispatch(app, Msg::Tick, root, &mut background) {
                return Ok(());
            }
            dirty = true;
        }
        shown = t;
    }
}

/// crossterm spins in `event::poll` once its terminal has hung up, so the
/// loop alone cannot be relied on to notice the end. When the terminal
/// hangs up this thread tells the loop to end (as a SIGHUP does, so the
/// line being typed is kept), and it ends the process when the loop has
/// not ended within 1.5 s of a hang-up, a SIGTERM or a SIGHUP. Saves are atomic, so ending between them
/// loses nothing that was acknowledged. It sleeps in `poll` until one of
/// those happens, so it never wakes the process while nothing does.
fn watch_for_the_end(stop: Arc<AtomicBool>) -> anyhow::Result<()> {
    use std::io::IsTerminal;
    use std::os::fd::AsRawFd;
    // Which fds are the terminal is decided now: once it hangs up, they no longer say.
    let ttys: Vec<i32> = [(0, std::io::stdin().is_terminal()), (1, std::io::stdout().is_terminal())]
        .iter()
        .filter(|t| t.1)
        .map(|t| t.0)
        .collect();
    // The signals also write a byte here, to wake the thread.
    let (signalled, wake) = std::os::unix::net::UnixStream::pair().context("cannot listen for signals")?;
    for signal in [signal_hook::consts::SIGTERM, signal_hook::consts::SIGHUP] {
        signal_hook::low_level::pipe::register(signal, wake.try_clone()?).context("cannot listen for signals")?;
    }
    std::thread::spawn(move || {
        let mut fds: Vec<libc::pollfd> = ttys.iter().map(|&fd| libc::pollfd { fd, events: 0, revents: 0 }).collect();
        fds.push(libc::pollfd { fd: signalled.as_raw_fd(), events: libc::POLLIN, revents: 0 });
        let ended = libc::POLLHUP | libc::POLLERR | libc::POLLNVAL;
        loop {
            // SAFETY: valid pollfds and their count; -1 waits until one is ready.
            let ready = unsafe { libc::poll(fds.as_mut_ptr(), fds.len() as libc::nfds_t, -1) };
            if ready <= 0 {
                continue;
            }
            let (terminal, signal) = fds.split_at(ttys.len());
            if terminal.iter().any(|f| f.revents & ended != 0) {
                // The loop ends as on a SIGHUP, keeping the line being
                // typed; within 1.5 s, or the process ends here.
                stop.store(true, Ordering::Relaxed);
                std::thread::sleep(Duration::from_millis(1500));
                std::process::exit(129);
            }
            if signal[0].revents != 0 {
                // The loop has 1.5 s to end cleanly, else the process ends here.
                std::thread::sleep(Duration::from_millis(1500));
                leave_terminal();
                std::process::exit(143);
            }
        }
    });
    Ok(())
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
fn dispatch(app: &mut App, msg: Msg, root: &Path, background: &mut Background) -> bool {
    // First in, first out: several saves (a pasted batch) reach the app in
    // the order they were made, so the last file it is told of is the newest (a
    // stack would put an older copy last, and the next reload would credit the
    // difference to "another gavel").
    let mut queue = std::collections::VecDeque::from([msg]);
    while let Some(msg) = queue.pop_front() {
        for effect in app::update(app, msg, now()) {
            match effect {
                Effect::Quit => return true,
                Effect::Save(change) => queue.push_back(save(root, change)),
                Effect::Sync => background.sync(root),
                Effect::SearchArchive(query) => background.search_archive(root, &app.workspace.board, query),
                Effect::KeepUnsaved(unsaved) => {
                    if let Err(why) = store::keep(root, unsaved.as_ref()) {
                        queue.push_back(Msg::SaveFailed {
                            error: format!("cannot keep it aside either ({why})"),
                            retry: None,
                        });
                    }
                }
            }
        }
    }
    false
}

/// Makes a change on disk, under the lock, on the files as they are now.
fn save(root: &Path, change: Change) -> Msg {
    match store::commit(root, &change) {
        Ok(committed) => Msg::Saved(change, Box::new(committed)),
        Err(e @ store::SaveError::Unsure { .. }) => Msg::SavedUnsure(change, e.to_string()),
        Err(e) => {
            let retry = matches!(e, store::SaveError::Io { .. } | store::SaveError::Locked(_)).then_some(change);
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
