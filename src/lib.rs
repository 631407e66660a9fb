//! gavel: a full-screen terminal companion for board meetings.

pub mod app;
pub mod cli;
pub mod clock;
pub mod export;
pub mod generate;
pub mod model;
pub mod store;
pub mod sync;
pub mod text;
pub mod tui;
pub mod ui;
