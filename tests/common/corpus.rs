//! One hostile corpus for every output format: what an attacker with write
//! access to the workspace (a shared folder, a pulled commit) can put in its
//! text, and what must never come out raw.

use gavel::model::Workspace;
use gavel::store;
use std::path::Path;

/// OSC 52 (clipboard write), OSC 8 (a link), CSI (clear, colour), C1 CSI,
/// a bidi override, line and paragraph separators, CR/LF injection, BEL.
pub const HOSTILE: [&str; 8] = [
    "osc52 \x1b]52;c;ZWNobyBvd25lZA==\x07 clip",
    "osc8 \x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\ end",
    "csi \x1b[2J\x1b[31m red",
    "c1 \u{9b}2J clear",
    "bidi \u{202e}fdp.exe",
    "sep \u{2028}line\u{2029}para",
    "crlf \r\nBEGIN:VEVENT\r\nSUMMARY:injected\r\nEND:VEVENT\r\nX-Y: z",
    "=HYPERLINK(\"http://evil.example\",\"bell\x07\")",
];

/// The raw sequences and characters that must not leave gavel in any format.
pub fn raw_controls(bytes: &[u8]) -> Vec<&'static str> {
    let text = String::from_utf8_lossy(bytes);
    let checks: [(&str, bool); 7] = [
        ("ESC", bytes.contains(&0x1b)),
        ("BEL", bytes.contains(&0x07)),
        ("C1 CSI U+009B", text.contains('\u{9b}')),
        ("U+202E", text.contains('\u{202e}')),
        ("U+2028", text.contains('\u{2028}')),
        ("U+2029", text.contains('\u{2029}')),
        ("a bare CR", text.replace("\r\n", "").contains('\r')),
    ];
    checks.into_iter().filter(|(_, found)| *found).map(|(name, _)| name).collect()
}

/// The sample board with the corpus in its name, its people, meetings
/// (titles, locations, items, notes) and actions; written to `root`.
pub fn poison(root: &Path) -> Workspace {
    let mut ws = store::load(root).unwrap();
    let mut n = 0;
    let mut next = || {
        n += 1;
        HOSTILE[n % HOSTILE.len()].to_string()
    };
    ws.board.name = HOSTILE[6].to_string();
    for p in &mut ws.board.people {
        p.name = next();
    }
    for m in &mut ws.meetings {
        (m.title, m.location) = (next(), next());
        for item in &mut m.agenda {
            item.title = next();
        }
        for note in m.notes.iter_mut().chain(m.decisions.iter_mut()) {
            note.text = next();
        }
    }
    for a in &mut ws.actions.actions {
        a.text = next();
        // An update is one line of the sheet's Updates cell: no line break in it.
        for u in &mut a.updates {
            u.text = HOSTILE[0].to_string();
        }
    }
    store::write_atomic(&root.join("gavel.json"), &store::to_json(&ws.board)).unwrap();
    store::write_atomic(&root.join("actions.json"), &store::to_json(&ws.actions)).unwrap();
    for m in &ws.meetings {
        store::write_atomic(&store::meeting_file(root, m.date), &store::to_json(m)).unwrap();
    }
    store::load(root).expect("the poisoned workspace is still valid")
}
