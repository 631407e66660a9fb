//! The terminal's size as the app knows it: below the minimum the screen
//! shows only "too small", so no key may act behind it but `q` and Ctrl-C
//! (and a resize, which is not a key).

use super::{App, Command, Effect, Msg, command_for, commands};

/// Below this the screen says so instead of drawing a broken layout.
pub const MIN_WIDTH: u16 = 80;
pub const MIN_HEIGHT: u16 = 24;

/// Whether a `width`×`height` terminal holds the whole screen.
pub fn fits(width: u16, height: u16) -> bool {
    width >= MIN_WIDTH && height >= MIN_HEIGHT
}

/// What `msg` does on a screen too small to show what it would do: a quit
/// quits, everything else waits for a larger window. None when the screen
/// fits (or its size is not known: a test's `App`), and `msg` acts as ever.
pub(super) fn when_too_small(app: &mut App, msg: &Msg) -> Option<Vec<Effect>> {
    let (width, height) = app.screen?;
    if fits(width, height) {
        return None;
    }
    Some(match msg {
        Msg::Key(key) if command_for(*key, app.focus) == Some(Command::Quit) => {
            commands::run(app, Command::Quit).unwrap_or_default()
        }
        Msg::Key(_) | Msg::Paste(_) | Msg::Pointer(_) => vec![],
        _ => return None,
    })
}
