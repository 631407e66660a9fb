//! A spreadsheet of actions as a board keeps one by hand, of any length:
//! its own headers (No., Item, Action, Action by, Due date, Status,
//! Progress), refs of its own, cells with commas and quotes, progress
//! notes over several lines, UK dates, a column gavel does not read. For
//! the import's memory test and its figures (`examples/gen_sheet.rs`).

use std::io::Write;

/// How the file is saved: as "CSV UTF-8" (no mark, commas) or as the
/// older "CSV" of a UK Excel (Windows-1252, semicolons).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Saved {
    Utf8,
    Windows1252,
}

/// The sample board's initials and group, as the sheet's owners.
const OWNERS: [&str; 7] = ["GB", "PD", "CJ", "BM", "MM", "GB/PD", "Scrum"];
const DUE: [&str; 7] = ["01/05/2024", "14 June 2024", "TBC", "31.07.24", "next meeting", "2024-09-30", ""];
const STATUS: [&str; 4] = ["open", "In progress", "open", "done"];
const WHAT: [&str; 5] = [
    "Circulate the revised terms of reference to members",
    "Invite the advisors to the next meeting, with the café’s menu",
    "Refresh the scorecard and share it with \"partners\" before the workshop",
    "Update the risk log with the new scores",
    "Report on the timeliness audit",
];

/// Writes `rows` rows of actions after the header.
pub fn write(out: &mut impl Write, rows: usize, saved: Saved) -> std::io::Result<()> {
    let sep = if saved == Saved::Utf8 { "," } else { ";" };
    let header = ["No.", "Item", "Action", "Action by", "Due date", "Status", "Progress"].join(sep);
    out.write_all(&encode(&format!("{header}\r\n"), saved))?;
    for n in 1..=rows {
        let progress = match n % 3 {
            0 => String::new(),
            1 => "12/03/2024: chased".into(),
            _ => format!("12/03/2024: asked, reply due\n20/03/2024: item {n} agreed"),
        };
        let cells = [
            format!("S{n}"),
            (n % 12 + 1).to_string(),
            format!("{} ({n})", WHAT[n % WHAT.len()]),
            OWNERS[n % OWNERS.len()].to_string(),
            DUE[n % DUE.len()].to_string(),
            STATUS[n % STATUS.len()].to_string(),
            progress,
        ];
        let quoted: Vec<String> = cells
            .iter()
            .map(|c| match c.contains([',', ';', '"', '\n']) {
                true => format!("\"{}\"", c.replace('"', "\"\"")),
                false => c.clone(),
            })
            .collect();
        out.write_all(&encode(&format!("{}\r\n", quoted.join(sep)), saved))?;
    }
    Ok(())
}

fn encode(text: &str, saved: Saved) -> Vec<u8> {
    match saved {
        Saved::Utf8 => text.as_bytes().to_vec(),
        Saved::Windows1252 => text
            .chars()
            .map(|c| match c {
                '’' => 0x92,
                c => u8::try_from(u32::from(c)).expect("Latin-1"),
            })
            .collect(),
    }
}
