//! Documents made from the workspace: the minutes of a meeting (Markdown,
//! printable HTML, Word or PDF), the action log (CSV or Markdown), deadlines and
//! meetings as a calendar, and reading an action-log spreadsheet back in.
//! Pure: the model in, bytes out; every piece of workspace text is escaped
//! for the format it goes into.

pub mod actions;
pub mod agenda;
pub mod calendar;
mod docx;
mod encoding;
mod html;
pub mod import;
pub(crate) mod markdown;
pub mod pdf;
pub mod sheet;

pub use crate::model::minutes::Minutes;

/// The minutes of a meeting as Markdown.
pub fn minutes_markdown(minutes: &Minutes) -> String {
    markdown::render(minutes)
}

/// The minutes of a meeting as one self-contained, printable HTML page.
pub fn minutes_html(minutes: &Minutes) -> String {
    html::render(minutes)
}

/// The minutes of a meeting as a Word document (.docx).
pub fn minutes_docx(minutes: &Minutes) -> Vec<u8> {
    docx::render(minutes)
}
