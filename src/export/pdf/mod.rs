//! PDF documents: the minutes, the agenda and the board pack, A4, set in an
//! embedded font by a small layout of our own (`layout`, `table`) and
//! written by krilla (`draw`). Each renders a model made elsewhere and
//! nothing else; workspace text stays text (`fonts::Fonts::printable`).

mod agenda;
mod draw;
mod fonts;
mod layout;
mod minutes;
mod pack;
mod registers;
mod table;

use crate::model::minutes::Minutes;
pub use pack::{PaperFile, Parts, Supplied, pack};

/// Why a PDF could not be made (krilla's own words).
pub type Error = String;

/// The minutes of a meeting as a PDF.
pub fn minutes(m: &Minutes) -> Result<Vec<u8>, Error> {
    let fonts = fonts::Fonts::load();
    let mut flow = layout::Flow::new(&fonts);
    minutes::lay_out(&mut flow, m, 1);
    let about = draw::About {
        title: clean(&format!("{}: {}", m.board, m.title)),
        subject: clean(&format!("Minutes, {}", m.status())),
        date: m.date(),
    };
    let laid = flow.finish();
    draw::write(&fonts, (&laid.0, &laid.1), &about, &[]).map_err(|e| format!("{e:?}"))
}

fn clean(text: &str) -> String {
    crate::text::clean(text).into_owned()
}

/// A meeting's agenda as a PDF.
pub fn agenda(a: &crate::export::agenda::Agenda) -> Result<Vec<u8>, Error> {
    let fonts = fonts::Fonts::load();
    let mut flow = layout::Flow::new(&fonts);
    agenda::lay_out(&mut flow, a, 1);
    let about = draw::About { title: clean(&format!("{}: agenda", a.title)), subject: clean(&a.when), date: None };
    let laid = flow.finish();
    draw::write(&fonts, (&laid.0, &laid.1), &about, &[]).map_err(|e| format!("{e:?}"))
}

#[cfg(test)]
mod tests;
