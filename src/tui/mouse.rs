//! Mouse reporting, and a mouse event as a message for the app.
//!
//! Only clicks and the wheel are asked for (modes 1000 and 1006), not
//! every movement (1002/1003, which crossterm's `EnableMouseCapture` also
//! turns on): the loop then wakes only when someone clicks or scrolls, and
//! over SSH the pointer crossing the screen sends nothing. Terminals keep
//! Shift+drag for selecting text while reporting is on (xterm, GNOME
//! Terminal, Konsole, iTerm2, Windows Terminal, tmux), so copying a line
//! off the screen still works; an event that does arrive with Shift held
//! is left alone for the same reason.

use crate::app::{App, Msg, Pointer};
use ratatui::crossterm::event::{KeyModifiers, MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;
use std::io::Write;

/// Press and release reports, in SGR form (any screen width).
const ENABLE: &str = "\x1b[?1000h\x1b[?1006h";
const DISABLE: &str = "\x1b[?1006l\x1b[?1000l";

pub fn enable() -> std::io::Result<()> {
    let mut out = std::io::stdout();
    out.write_all(ENABLE.as_bytes())?;
    out.flush()
}

pub fn disable() {
    let mut out = std::io::stdout();
    let _ = out.write_all(DISABLE.as_bytes());
    let _ = out.flush();
}

/// The message for a mouse event on a screen of `area`, if it means one.
pub fn message(app: &App, area: Rect, event: MouseEvent) -> Option<Msg> {
    if event.modifiers.contains(KeyModifiers::SHIFT) {
        return None;
    }
    let down = match event.kind {
        MouseEventKind::Down(MouseButton::Left) => None,
        MouseEventKind::ScrollDown => Some(true),
        MouseEventKind::ScrollUp => Some(false),
        _ => return None,
    };
    let target = crate::ui::pointer::target(app, area, event.column, event.row)?;
    Some(Msg::Pointer(match down {
        None => Pointer::Click { pane: target.pane, row: target.row, cell: target.cell },
        Some(down) => Pointer::Wheel { pane: target.pane, down },
    }))
}
