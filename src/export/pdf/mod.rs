//! PDF documents: the minutes, the agenda and the board pack, A4, set in an
//! embedded font by a small layout of our own (`layout`, `table`) and
//! written by krilla (`draw`). Each renders a model made elsewhere and
//! nothing else; workspace text stays text (`fonts::Fonts::printable`).

mod draw;
mod fonts;
mod layout;
mod minutes;
mod table;

use crate::model::minutes::Minutes;

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
