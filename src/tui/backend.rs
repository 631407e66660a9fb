//! A terminal backend that writes only what changed: short SGR codes for
//! the 16 named colours, no style reset unless a style was left set, and
//! the cursor hidden once rather than every frame. A running clock then
//! costs a cursor move and a digit or two a second, which is what a slow
//! SSH link can afford.

use ratatui::backend::{Backend, ClearType, WindowSize};
use ratatui::buffer::Cell;
use ratatui::crossterm::{cursor, queue, terminal};
use ratatui::layout::{Position, Size};
use ratatui::style::{Color, Modifier};
use std::io::{self, Write};

pub struct QuietBackend<W: Write> {
    out: W,
    cursor_hidden: bool,
    /// The locale is not UTF-8: every cell is sent as ASCII.
    ascii: bool,
}

impl<W: Write> QuietBackend<W> {
    pub fn new(out: W) -> Self {
        QuietBackend { out, cursor_hidden: false, ascii: false }
    }

    pub fn ascii(self, ascii: bool) -> Self {
        QuietBackend { ascii, ..self }
    }
}

/// The pen: colours and modifiers as last written.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Pen {
    fg: Color,
    bg: Color,
    modifier: Modifier,
}

const PLAIN: Pen = Pen { fg: Color::Reset, bg: Color::Reset, modifier: Modifier::empty() };

const MODIFIER_CODES: [(Modifier, u8); 9] = [
    (Modifier::BOLD, 1),
    (Modifier::DIM, 2),
    (Modifier::ITALIC, 3),
    (Modifier::UNDERLINED, 4),
    (Modifier::SLOW_BLINK, 5),
    (Modifier::RAPID_BLINK, 6),
    (Modifier::REVERSED, 7),
    (Modifier::HIDDEN, 8),
    (Modifier::CROSSED_OUT, 9),
];

/// The SGR parameter for a colour; `base` is 30 for foreground, 40 for background.
fn colour_code(color: Color, base: u8) -> String {
    let named = |n: u8| (base + n).to_string();
    let bright = |n: u8| (base + 60 + n).to_string();
    match color {
        Color::Reset => (base + 9).to_string(),
        Color::Black => named(0),
        Color::Red => named(1),
        Color::Green => named(2),
        Color::Yellow => named(3),
        Color::Blue => named(4),
        Color::Magenta => named(5),
        Color::Cyan => named(6),
        Color::Gray => named(7),
        Color::DarkGray => bright(0),
        Color::LightRed => bright(1),
        Color::LightGreen => bright(2),
        Color::LightYellow => bright(3),
        Color::LightBlue => bright(4),
        Color::LightMagenta => bright(5),
        Color::LightCyan => bright(6),
        Color::White => bright(7),
        Color::Indexed(i) => format!("{};5;{i}", base + 8),
        Color::Rgb(r, g, b) => format!("{};2;{r};{g};{b}", base + 8),
    }
}

/// One SGR sequence taking the pen from `from` to `to`, or None if equal.
fn sgr(from: Pen, to: Pen) -> Option<String> {
    if from == to {
        return None;
    }
    let mut codes = Vec::new();
    // Turning a modifier off has no one short code for all; start clean.
    let from = if from.modifier.difference(to.modifier).is_empty() {
        from
    } else {
        codes.push("0".to_string());
        PLAIN
    };
    for (modifier, code) in MODIFIER_CODES {
        if to.modifier.contains(modifier) && !from.modifier.contains(modifier) {
            codes.push(code.to_string());
        }
    }
    if to.fg != from.fg {
        codes.push(colour_code(to.fg, 30));
    }
    if to.bg != from.bg {
        codes.push(colour_code(to.bg, 40));
    }
    Some(format!("\x1b[{}m", codes.join(";")))
}

impl<W: Write> Backend for QuietBackend<W> {
    type Error = io::Error;

    fn draw<'a, I>(&mut self, content: I) -> io::Result<()>
    where
        I: Iterator<Item = (u16, u16, &'a Cell)>,
    {
        let mut pen = PLAIN;
        let mut next: Option<(u16, u16)> = None;
        for (x, y, cell) in content {
            if next != Some((x, y)) {
                write!(self.out, "\x1b[{};{}H", y + 1, x + 1)?;
            }
            let want = Pen { fg: cell.fg, bg: cell.bg, modifier: cell.modifier };
            if let Some(code) = sgr(pen, want) {
                self.out.write_all(code.as_bytes())?;
                pen = want;
            }
            let symbol = if self.ascii { super::ascii::fallback(cell.symbol()) } else { cell.symbol().into() };
            self.out.write_all(symbol.as_bytes())?;
            let width = unicode_width::UnicodeWidthStr::width(cell.symbol()).max(1) as u16;
            next = Some((x + width, y));
        }
        if pen != PLAIN {
            self.out.write_all(b"\x1b[0m")?;
        }
        Ok(())
    }

    fn hide_cursor(&mut self) -> io::Result<()> {
        if !self.cursor_hidden {
            queue!(self.out, cursor::Hide)?;
            self.cursor_hidden = true;
        }
        Ok(())
    }

    fn show_cursor(&mut self) -> io::Result<()> {
        queue!(self.out, cursor::Show)?;
        self.cursor_hidden = false;
        Ok(())
    }

    fn get_cursor_position(&mut self) -> io::Result<Position> {
        self.out.flush()?;
        cursor::position().map(|(x, y)| Position { x, y })
    }

    fn set_cursor_position<P: Into<Position>>(&mut self, position: P) -> io::Result<()> {
        let Position { x, y } = position.into();
        queue!(self.out, cursor::MoveTo(x, y))
    }

    fn clear(&mut self) -> io::Result<()> {
        self.clear_region(ClearType::All)
    }

    fn clear_region(&mut self, clear_type: ClearType) -> io::Result<()> {
        let kind = match clear_type {
            ClearType::All => terminal::ClearType::All,
            ClearType::AfterCursor => terminal::ClearType::FromCursorDown,
            ClearType::BeforeCursor => terminal::ClearType::FromCursorUp,
            ClearType::CurrentLine => terminal::ClearType::CurrentLine,
            ClearType::UntilNewLine => terminal::ClearType::UntilNewLine,
        };
        queue!(self.out, terminal::Clear(kind))
    }

    fn size(&self) -> io::Result<Size> {
        let (width, height) = terminal::size()?;
        Ok(Size { width, height })
    }

    fn window_size(&mut self) -> io::Result<WindowSize> {
        let size = terminal::window_size()?;
        Ok(WindowSize {
            columns_rows: Size { width: size.columns, height: size.rows },
            pixels: Size { width: size.width, height: size.height },
        })
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::style::Style;

    fn drawn(cells: &[(u16, u16, &str, Style)]) -> String {
        let mut buffer = Buffer::empty(Rect::new(0, 0, 20, 2));
        for (x, y, text, style) in cells {
            buffer.set_string(*x, *y, *text, *style);
        }
        let mut backend = QuietBackend::new(Vec::new());
        let content: Vec<(u16, u16, &Cell)> = cells
            .iter()
            .flat_map(|(x, y, text, _)| (0..text.chars().count() as u16).map(move |i| (x + i, *y)))
            .map(|(x, y)| (x, y, &buffer[(x, y)]))
            .collect();
        backend.draw(content.into_iter()).unwrap();
        String::from_utf8(backend.out).unwrap()
    }

    #[test]
    fn plain_digits_cost_a_move_and_the_digit() {
        assert_eq!(drawn(&[(9, 3 % 2, "2", Style::new())]), "\x1b[2;10H2");
        assert_eq!(drawn(&[(0, 0, "ab", Style::new())]), "\x1b[1;1Hab");
    }

    #[test]
    fn colours_use_short_codes_and_are_reset_once() {
        let red = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
        assert_eq!(drawn(&[(0, 0, "R", red), (5, 0, "x", Style::new())]), "\x1b[1;1H\x1b[1;31mR\x1b[1;6H\x1b[0mx");
        let fill = Style::new().bg(Color::LightRed).fg(Color::Black);
        assert_eq!(drawn(&[(0, 1, "H", fill)]), "\x1b[2;1H\x1b[30;101mH\x1b[0m");
    }
}
