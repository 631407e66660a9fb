//! Colours with meaning. Every colour here has a symbol or letter beside
//! it on screen, so monochrome terminals and NO_COLOR lose nothing.

use crate::model::board::BandColour;
use crate::model::timer::ItemPace;
use crate::model::{AttendanceStatus, Rag};
use ratatui::style::{Color, Modifier, Style};

#[derive(Debug, Clone, Copy)]
pub struct Theme {
    color: bool,
}

impl Theme {
    pub fn new(color: bool) -> Theme {
        Theme { color }
    }

    fn fg(&self, color: Color) -> Style {
        if self.color { Style::new().fg(color) } else { Style::new() }
    }

    /// A filled block of colour with dark text, as RAG and band cells are.
    fn fill(&self, color: Color) -> Style {
        let style = Style::new().add_modifier(Modifier::BOLD);
        if self.color { style.bg(color).fg(Color::Black) } else { style }
    }

    pub fn dim(&self) -> Style {
        if self.color { Style::new().fg(Color::DarkGray) } else { Style::new() }
    }

    pub fn bold(&self) -> Style {
        Style::new().add_modifier(Modifier::BOLD)
    }

    pub fn heading(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn selected(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED)
    }

    pub fn focus_border(&self) -> Style {
        self.fg(Color::Cyan).add_modifier(Modifier::BOLD)
    }

    pub fn error(&self) -> Style {
        self.fg(Color::Red).add_modifier(Modifier::BOLD)
    }

    pub fn good(&self) -> Style {
        self.fg(Color::Green)
    }

    pub fn rag(&self, rag: Rag) -> Style {
        self.fill(match rag {
            Rag::Red => Color::Red,
            Rag::Amber => Color::Yellow,
            Rag::Unplanned => Color::Magenta,
            Rag::Green => Color::Green,
            Rag::Complete => Color::Blue,
        })
    }

    pub fn band(&self, colour: BandColour) -> Style {
        self.fill(band_color(colour))
    }

    pub fn pace(&self, pace: ItemPace) -> Style {
        match pace {
            ItemPace::OnTime => self.fg(Color::Green),
            ItemPace::NearlyOut => self.fg(Color::Yellow).add_modifier(Modifier::BOLD),
            ItemPace::Over => self.fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    pub fn attendance(&self, status: AttendanceStatus) -> Style {
        match status {
            AttendanceStatus::Present => self.fg(Color::Green),
            AttendanceStatus::Apologies => self.fg(Color::Yellow),
            AttendanceStatus::Absent => self.fg(Color::Red),
            AttendanceStatus::Expected => self.dim(),
        }
    }
}

/// 16-colour safe: amber is light red, apart from yellow and red.
fn band_color(colour: BandColour) -> Color {
    match colour {
        BandColour::Green => Color::Green,
        BandColour::Yellow => Color::Yellow,
        BandColour::Amber => Color::LightRed,
        BandColour::Red => Color::Red,
        BandColour::Blue => Color::Blue,
        BandColour::Grey => Color::Gray,
    }
}

pub fn attendance_symbol(status: AttendanceStatus) -> &'static str {
    match status {
        AttendanceStatus::Present => "✓",
        AttendanceStatus::Apologies => "–",
        AttendanceStatus::Absent => "✗",
        AttendanceStatus::Expected => "?",
    }
}

pub fn pace_symbol(pace: ItemPace) -> &'static str {
    match pace {
        ItemPace::OnTime => "●",
        ItemPace::NearlyOut => "◐",
        ItemPace::Over => "▲",
    }
}
