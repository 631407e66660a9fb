//! What an earlier gavel kept (changes not saved, the line being typed) is
//! offered at the start; what this one could not save, and the line open
//! when a hang-up or SIGTERM ends it, is kept on the way out.

use crate::app::{App, Input, Purpose};
use crate::store;
use std::path::Path;

/// Offers what an earlier gavel kept: its changes to apply or drop, and
/// the line it was typing back in the input, as it was. A recovery file
/// that is not this user's own is said, never offered.
pub(super) fn offer(app: &mut App, root: &Path) {
    let kept = store::kept(root);
    let mut said = kept.refused.clone();
    let typed = kept.typing.and_then(|value| serde_json::from_value::<Input>(value).ok());
    if let Some(input) = typed {
        said.push(
            "the line you were typing when gavel was stopped is back in the input: Enter saves it, Esc drops it".into(),
        );
        app.input = Some(Input { prefilled: false, warned: None, ..input });
        // Offered once: it is in the input now, and kept again if gavel is stopped again.
        let _ = store::keep(root, kept.unsaved.as_ref());
    }
    app.recovered = kept.unsaved;
    // A file not offered is said as a warning; a line given back, plainly.
    match kept.refused.is_empty() {
        true if !said.is_empty() => app.tell(said.join("; ")),
        true => {}
        false => app.refuse(said.join("; ")),
    }
}

/// The input line worth keeping: text typed for the record, not a search.
fn typing(app: &App) -> Option<&Input> {
    app.input.as_ref().filter(|i| !i.text.trim().is_empty() && !matches!(i.purpose, Purpose::Search | Purpose::Owner))
}

/// On the way out (a quit, SIGTERM, SIGHUP), the changes that could not be
/// saved and the line being typed are kept, and said on stderr: where they
/// are kept, or, if nowhere, what they were.
pub(super) fn keep_on_the_way_out(root: &Path, app: &App) {
    let typed = typing(app);
    if app.unsaved.is_empty() && typed.is_none() {
        return;
    }
    let unsaved =
        crate::model::change::Unsaved { since: app.unsaved_since.unwrap_or(app.now), changes: app.unsaved.clone() };
    let value = typed.and_then(|input| serde_json::to_value(input).ok());
    let mut what: Vec<String> = Vec::new();
    if !unsaved.changes.is_empty() {
        what.push(format!("{} change(s) not saved yet ({})", unsaved.changes.len(), unsaved.summary()));
    }
    if let Some(input) = typed {
        what.push(format!("the line being typed (\"{}\")", crate::text::clean(&input.text)));
    }
    match store::keep_all(root, Some(&unsaved), value) {
        Ok(Some(place)) => eprintln!(
            "gavel: {}, kept in {}: the next gavel offers them",
            what.join(" and "),
            crate::text::clean(&place.display().to_string())
        ),
        _ => {
            eprintln!("gavel: these could not be saved or kept, and are lost; please make them again:");
            for change in &unsaved.changes {
                eprintln!("  - {}", crate::text::clean(&change.intent()));
            }
            if let Some(input) = typed {
                eprintln!("  - {}", crate::text::clean(&input.text));
            }
        }
    }
}
