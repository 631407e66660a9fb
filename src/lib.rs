//! gavel: a full-screen terminal companion for board meetings.

pub mod model;
pub mod store;
pub mod text;
pub mod app;
pub mod ui;
pub mod cli;
pub mod tui;
