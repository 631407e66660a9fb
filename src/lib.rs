//! gavel: a full-screen terminal companion for board meetings.

pub mod model;
pub mod store;
