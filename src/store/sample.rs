//! The sample board, built into the binary so that `gavel init --sample`
//! and a newcomer's first run need nothing beside it.

macro_rules! sample {
    ($($path:literal),* $(,)?) => {
        &[$(($path, include_str!(concat!("../../sample-data/southend-send/", $path)))),*]
    };
}

/// Relative path and contents of every file of the sample workspace.
pub const SAMPLE_FILES: &[(&str, &str)] =
    sample!["gavel.json", "actions.json", "risks.json", "meetings/2022-01-06.json", "meetings/2022-03-03.json",];
