//! Documents made from the workspace: the minutes of a meeting (Markdown
//! or printable HTML) and the action log (CSV or Markdown), and reading an
//! action-log spreadsheet back in. Pure: text in, text out; every piece of
//! workspace text is escaped for the format it goes into.

pub mod actions;
mod html;
pub mod import;
mod markdown;
mod minutes;

pub use minutes::Minutes;

/// The minutes of a meeting as Markdown.
pub fn minutes_markdown(minutes: &Minutes) -> String {
    markdown::render(minutes)
}

/// The minutes of a meeting as one self-contained, printable HTML page.
pub fn minutes_html(minutes: &Minutes) -> String {
    html::render(minutes)
}
