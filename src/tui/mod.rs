//! The terminal: set up and restore, the event loop, and running the
//! effects `update` asks for. The clock is read here and nowhere else.

mod backend;
mod wait;

use crate::app::{self, App, Change, Effect, Key, Msg, Saved};
use crate::model::Timestamp;
use crate::model::attendance::{self, Guest};
use crate::model::timer;
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

/// The wall clock to the whole second, with the local UTC offset. Whole
/// seconds keep the journal readable and make the shown seconds change
/// exactly when the loop wakes on the second.
///
/// `GAVEL_NOW` (an RFC 3339 time) pins the instant the clock starts from;
/// it then runs on from there, so a meeting can be run, shown and tested
/// at its planned time.
pub fn now() -> Timestamp {
    use chrono::Timelike;
    let real = chrono::Local::now().fixed_offset();
    let now = match pinned() {
        Some((offset, zone)) => (real + *offset).with_timezone(zone),
        None => real,
    };
    now.with_nanosecond(0).unwrap_or(now)
}

/// The pinned clock's distance from the real one, and its UTC offset,
/// worked out once, at the first read.
fn pinned() -> Option<&'static (chrono::TimeDelta, chrono::FixedOffset)> {
    static PINNED: std::sync::OnceLock<Option<(chrono::TimeDelta, chrono::FixedOffset)>> = std::sync::OnceLock::new();
    PINNED
        .get_or_init(|| {
            let text = std::env::var("GAVEL_NOW").ok()?;
            let pinned = chrono::DateTime::parse_from_rfc3339(text.trim()).ok()?;
            Some((pinned - chrono::Local::now().fixed_offset(), *pinned.offset()))
        })
        .as_ref()
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
    watch_for_the_end()?;
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
    Terminal::new(QuietBackend::new(std::io::BufWriter::new(std::io::stdout())))
}

/// Gives the terminal back as it was: cooked mode, main screen, cursor shown.
fn leave_terminal() {
    use ratatui::crossterm::{cursor, execute, terminal};
    let _ = terminal::disable_raw_mode();
    let _ = execute!(std::io::stdout(), terminal::LeaveAlternateScreen, cursor::Show);
}

fn event_loop(terminal: &mut Screen, app: &mut App, root: &Path, stop: &AtomicBool) -> anyhow::Result<()> {
    let mut watch = store::Fingerprint::of(root);
    let mut waiter = wait::Waiter::new(root);
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
        let woke = waiter.wait(wait::timeout(app, now(), waiter.sees_changes())).context("cannot read the terminal")?;
        if woke && event::poll(Duration::ZERO).context("cannot read the terminal")? {
            // Every event crossterm has read is taken now: the next sleep
            // is on the terminal itself, which would not wake for them.
            while event::poll(Duration::ZERO).context("cannot read the terminal")? {
                let msg = match event::read().context("cannot read the terminal")? {
                    Event::Key(k) if k.kind != KeyEventKind::Release => key(k.code, k.modifiers).map(Msg::Key),
                    Event::Resize(..) => Some(Msg::Tick),
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

/// crossterm spins in `event::poll` once its terminal has hung up, so the
/// loop alone cannot be relied on to notice the end. This thread ends the
/// process when the terminal hangs up, or when a SIGTERM or SIGHUP has not
/// ended the loop within 1.5 s. Saves are atomic, so ending between them
/// loses nothing that was acknowledged. It sleeps in `poll` until one of
/// those happens, so it never wakes the process while nothing does.
fn watch_for_the_end() -> anyhow::Result<()> {
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
fn dispatch(app: &mut App, msg: Msg, root: &Path) -> bool {
    let mut queue = vec![msg];
    while let Some(msg) = queue.pop() {
        for effect in app::update(app, msg, now()) {
            match effect {
                Effect::Quit => return true,
                Effect::Save(change) => queue.push(save(app, root, change)),
            }
        }
    }
    false
}

/// Makes a change on disk, under the lock, on the file as it is now.
fn save(app: &App, root: &Path, change: Change) -> Msg {
    let actions = |(added, log)| Saved::Actions(Box::new(log), added);
    let risks = |(added, register)| Saved::Risks(Box::new(register), added);
    let meeting = |((), meeting)| Saved::Meeting(Box::new(meeting));
    let result = match change.clone() {
        Change::Timer { meeting: date, control, at } => {
            store::modify_meeting(root, date, |m| timer::apply(m, control, at).map(drop)).map(meeting)
        }
        Change::Attendance { meeting: date, initials, edit, at } => {
            let board = &app.workspace.board;
            store::modify_meeting(root, date, |m| attendance::apply(board, m, &initials, &edit, at)).map(meeting)
        }
        Change::Declare { meeting: date, declaration } => {
            let board = &app.workspace.board;
            store::modify_meeting(root, date, |m| attendance::declare(board, m, declaration)).map(meeting)
        }
        Change::AddGuest { meeting: date, guest, at } => add_guest(root, date, &guest, at),
        Change::Record { meeting: date, kind, item, text, at } => {
            store::modify_meeting(root, date, |m| m.record(kind, &item, at, &text)).map(meeting)
        }
        Change::AddAction { draft, raised } => {
            store::modify_actions(root, |log| Ok(Some(log.add(draft, raised).reference.clone()))).map(actions)
        }
        Change::EditAction { reference, edit, today } => {
            store::modify_actions(root, |log| log.edit(&reference, &edit, today).map(|()| None)).map(actions)
        }
        Change::AddRisk { new, today } => {
            store::modify_risks(root, |register| Ok(Some(register.add(new, today).reference.clone()))).map(risks)
        }
        Change::EditRisk { reference, edit, today } => {
            store::modify_risks(root, |register| register.edit(&reference, edit, today).map(|()| None)).map(risks)
        }
    };
    match result {
        Ok(saved) => Msg::Saved(change, saved),
        Err(e) => {
            let retry = matches!(e, store::SaveError::Io { .. }).then_some(change);
            Msg::SaveFailed { error: e.to_string(), retry }
        }
    }
}

/// A guest joins the people register, then the meeting: two files, each
/// saved under the lock; a crash between leaves a registered guest who is
/// simply not yet marked in.
fn add_guest(root: &Path, date: chrono::NaiveDate, guest: &Guest, at: Timestamp) -> Result<Saved, store::SaveError> {
    let (initials, board) = store::modify_board(root, |b| Ok(attendance::register_guest(b, guest)))?;
    let ((), meeting) = store::modify_meeting(root, date, |m| attendance::admit_guest(m, &initials, &guest.items, at))?;
    Ok(Saved::Guest(Box::new(board), Box::new(meeting), initials))
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
