//! Hostile text in every field of the workspace: escape sequences, OSC
//! title and clipboard writes, BEL, CR, tabs, C1 controls, a bidi override,
//! very long strings, CJK and emoji. Every screen shows visible stand-ins,
//! the layout holds, and no control byte from the data reaches the terminal.

mod common;

use common::{Session, sample_copy};
use gavel::model::Workspace;
use gavel::store;

const PAYLOADS: [&str; 10] = [
    "\x1b[2J\x1b[HCLEAR",
    "\x1b]0;PWNED\x07title",
    "\x1b]52;c;SGFja2Vk\x07clipboard",
    "bell\x07bell",
    "carriage\rreturn",
    "tab\there",
    "c1\u{9b}31mcsi",
    "bidi\u{202e}txet",
    "会議の議題 😀 絵文字",
    "",
];

fn payload(n: usize) -> String {
    match n % PAYLOADS.len() {
        9 => "long ".repeat(400),
        i => PAYLOADS[i].to_string(),
    }
}

/// Every free-text field of the workspace gets a payload; returns how many.
fn poison(ws: &mut Workspace) -> usize {
    let mut n = 0;
    let mut next = || {
        n += 1;
        payload(n)
    };
    ws.board.name = next();
    for p in &mut ws.board.people {
        p.name = next();
        p.job_title = next();
        p.organisation = next();
    }
    for g in &mut ws.board.groups {
        g.name = next();
    }
    for m in &mut ws.meetings {
        m.title = next();
        m.location = next();
        for item in &mut m.agenda {
            item.title = next();
            item.papers = vec![next()];
        }
        for note in m.notes.iter_mut().chain(m.decisions.iter_mut()) {
            note.text = next();
        }
    }
    for a in &mut ws.actions.actions {
        a.text = next();
        for u in &mut a.updates {
            u.text = next();
        }
    }
    for r in &mut ws.risks.risks {
        r.title = next();
        r.category = next();
        r.mitigation = next();
    }
    n
}

fn write(root: &std::path::Path, ws: &Workspace) {
    store::write_atomic(&root.join("gavel.json"), &store::to_json(&ws.board)).unwrap();
    store::write_atomic(&root.join("actions.json"), &store::to_json(&ws.actions)).unwrap();
    store::write_atomic(&root.join("risks.json"), &store::to_json(&ws.risks)).unwrap();
    for m in &ws.meetings {
        store::write_atomic(&store::meeting_file(root, m.date), &store::to_json(m)).unwrap();
    }
}

/// Bytes that must never reach the terminal from the data.
fn forbidden(raw: &[u8]) -> Vec<&'static str> {
    let text = String::from_utf8_lossy(raw);
    let mut found = Vec::new();
    let checks: [(&str, bool); 8] = [
        ("BEL (0x07)", raw.contains(&0x07)),
        ("OSC (ESC ])", text.contains("\x1b]")),
        ("clear screen (ESC [2J)", text.contains("\x1b[2J")),
        ("CR (0x0d)", raw.contains(&0x0d)),
        ("TAB (0x09)", raw.contains(&0x09)),
        ("C1 CSI (U+009B)", text.contains('\u{9b}')),
        ("bidi override (U+202E)", text.contains('\u{202e}')),
        ("data's own SGR (ESC [31m as typed)", text.contains("c1\x1b[31m")),
    ];
    for (name, present) in checks {
        if present {
            found.push(name);
        }
    }
    found
}

/// The outer frame of the four panes is whole on every row: the terminal's
/// first and last columns hold border characters, so nothing pushed the layout.
fn frame_holds(gavel: &Session, cols: u16, rows: u16) -> Result<(), String> {
    let parser = gavel.parser.lock().unwrap();
    let screen = parser.screen();
    let border = |row: u16, col: u16| {
        let cell: String = screen.cell(row, col).map(|c| c.contents().to_string()).unwrap_or_default();
        !cell.is_empty() && "│┃┌┐└┘┏┓┗┛║╔╗╚╝═".contains(&*cell)
    };
    for row in 1..rows - 1 {
        if !border(row, 0) || !border(row, cols - 1) {
            return Err(format!("row {row} is not framed: {:?}", screen.contents().lines().nth(row.into())));
        }
    }
    Ok(())
}

#[test]
fn every_screen_shows_hostile_text_as_text() {
    let (_dir, root) = sample_copy();
    let mut ws = store::load(&root).unwrap();
    let fields = poison(&mut ws);
    write(&root, &ws);
    store::load(&root).expect("the poisoned workspace is still valid");
    for (cols, rows) in [(80u16, 24u16), (120, 40)] {
        let mut gavel = Session::start(&["-w", root.to_str().unwrap()], cols, rows, &[]);
        gavel.wait_for("1 Agenda");
        // Every pane focused, the cell list, the help, the input with a preview;
        // each step waits for what it shows (a moved selection shows with the next step).
        // (keys, text, whether it then shows or is gone)
        let steps = [
            ("2", "┏ 2 Actions", true),
            ("jj3", "┏ 3 Risks", true),
            ("lk\r", "Risks at L", true),
            ("\x1b", "Risks at L", false),
            ("4", "┏ 4 Attendance", true),
            ("jjj1", "┏ 1 Agenda", true),
            ("?", "Keys · ", true),
            ("j\x1b", "Keys · ", false),
            ("a", "Add action", true),
            ("x @GB due 1.5.22", "x @GB due 1.5.22", true),
            ("\x1b", "Add action", false),
            ("t", "Note under", true),
        ];
        for (keys, text, shows) in steps {
            gavel.send(keys);
            gavel.wait_until(&format!("{text:?} after {keys:?}"), |screen| screen.contains(text) == shows);
            if keys != "?" {
                frame_holds(&gavel, cols, rows)
                    .unwrap_or_else(|e| panic!("{cols}x{rows} after {keys:?}: {e}\n{}", gavel.screen()));
            }
        }
        assert!(gavel.screen().contains('␛') || gavel.screen().contains('␇'), "stand-ins are visible");
        gavel.send("\x1b");
        gavel.wait_gone("Note under");
        gavel.send("q");
        assert!(gavel.wait_exit());
        let raw = gavel.raw.lock().unwrap().clone();
        assert_eq!(forbidden(&raw), Vec::<&str>::new(), "{cols}x{rows}: control bytes reached the terminal");
        eprintln!("{cols}x{rows}: {fields} hostile fields, {} bytes written, none forbidden", raw.len());
    }
}

/// The non-interactive output stays clean text too.
#[test]
fn status_minutes_and_actions_keep_hostile_text_inert() {
    let (_dir, root) = sample_copy();
    let mut ws = store::load(&root).unwrap();
    poison(&mut ws);
    write(&root, &ws);
    let w = root.to_str().unwrap();
    for args in [
        vec!["status", "-w", w],
        vec!["actions", "--all", "-w", w],
        vec!["export", "minutes", "--meeting", "2022-01-06", "-w", w],
        vec!["export", "minutes", "--format", "html", "-w", w],
    ] {
        let out = std::process::Command::new(common::BIN).args(&args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", String::from_utf8_lossy(&out.stderr));
        let found: Vec<_> = forbidden(&out.stdout).into_iter().filter(|f| !f.starts_with("CR")).collect();
        assert_eq!(found, Vec::<&str>::new(), "{args:?}");
        assert!(!String::from_utf8_lossy(&out.stdout).contains('\x1b'), "{args:?}: no escape at all in plain output");
    }
}
