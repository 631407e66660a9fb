//! `gavel remind`: each owner's overdue and due-soon actions, as text, as
//! one .eml file per owner (`--out DIR`, named by their initials: GB.eml)
//! or as JSON. gavel sends no mail: the register holds no addresses, so a
//! message's To is the owner's name as an empty group ("Gary Bloom:;") and
//! it is marked X-Unsent, which Outlook and Thunderbird open as a draft to
//! address and send. For cron: exit 0 when done (whether or not anyone owes
//! anything), 1 on invalid data, 2 on a write that failed; with --quiet
//! nothing is printed when nobody has anything overdue or due.

use super::{USAGE_OR_IO, fail};
use crate::model::report::remind::{Owed, Reminder, reminders};
use crate::model::{Timestamp, Workspace};
use crate::text::{clean, clean_path};
use std::io::Write;
use std::path::{Path, PathBuf};

pub struct Options {
    pub days: u32,
    pub out: Option<PathBuf>,
    pub json: bool,
    pub quiet: bool,
}

pub fn run(
    root: &Path,
    ws: &Workspace,
    options: Options,
    now: Timestamp,
    out: &mut impl Write,
    err: &mut impl Write,
) -> u8 {
    let ctx = ws.rag_context(now.date_naive());
    let (all, unreached) = reminders(&ws.board, &ws.actions.actions, &ctx, options.days);
    if options.json {
        let value = serde_json::json!({ "today": ctx.today, "days": options.days, "owners": all, "reaching_no_one": unreached });
        let _ = writeln!(out, "{}", crate::text::json(&value));
        return 0;
    }
    // Said on stderr, as cron mails it: a deadline no one will be reminded of.
    for owed in &unreached {
        let owners = match owed.owners.is_empty() {
            true => "no one".to_string(),
            false => format!("{}, with no members", ws.board.owners_named(&owed.owners)),
        };
        let line = format!("{} is due {} and owned by {owners}: no one is reminded of it", owed.reference, owed.due);
        let _ = writeln!(err, "gavel: {}", clean(&line));
    }
    if all.is_empty() {
        if !options.quiet {
            let _ = writeln!(out, "nothing overdue, and nothing due in the next {} days", options.days);
        }
        return 0;
    }
    let Some(dir) = options.out else {
        for (i, reminder) in all.iter().enumerate() {
            let gap = if i == 0 { "" } else { "\n" };
            let _ =
                write!(out, "{gap}{}: {}\n{}", clean(&reminder.initials), clean(&reminder.name), body(reminder, now));
        }
        return 0;
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return fail(err, USAGE_OR_IO, &format!("cannot make {}: {e}", clean_path(&dir)));
    }
    let from = crate::store::author(root);
    for reminder in &all {
        let path = dir.join(format!("{}.eml", file_stem(&reminder.initials)));
        let message = message(ws, reminder, &from, now);
        if let Err(e) = crate::store::write_atomic(&path, message.as_bytes()) {
            return fail(err, USAGE_OR_IO, &format!("cannot write {}: {e}", clean_path(&path)));
        }
        if !options.quiet {
            let _ = writeln!(out, "wrote {}", clean_path(&path));
        }
    }
    0
}

/// Initials as a file name: letters and digits kept, anything else `_`.
fn file_stem(initials: &str) -> String {
    initials.chars().map(|c| if c.is_alphanumeric() { c } else { '_' }).collect()
}

/// The reminder's text, LF lines: what is overdue, then what is due soon.
fn body(reminder: &Reminder, now: Timestamp) -> String {
    let today = now.date_naive();
    let mut text = String::new();
    let mut part = |title: &str, owed: &[Owed]| {
        if owed.is_empty() {
            return;
        }
        text.push_str(&format!("  {title}\n"));
        for o in owed {
            let days = (o.due - today).num_days();
            let when = match days {
                0 => "today".to_string(),
                1 => "tomorrow".to_string(),
                -1 => "1 day ago".to_string(),
                d if d < 0 => format!("{} days ago", -d),
                d => format!("in {d} days"),
            };
            let line = format!("    {}  due {} ({when})  {}", o.reference, o.due.format("%a %-d %b %Y"), o.text);
            text.push_str(&clean(&line));
            text.push('\n');
        }
    };
    part("overdue", &reminder.overdue);
    part("due soon", &reminder.due_soon);
    text
}

/// An RFC 5322 message, CRLF lines, UTF-8 body in 8bit; header words that
/// are not ASCII as RFC 2047 encoded words. Every value is cleaned first:
/// no name can end a header line and start another.
fn message(ws: &Workspace, reminder: &Reminder, from: &str, now: Timestamp) -> String {
    let board = clean(&ws.board.name).into_owned();
    let (over, soon) = (reminder.overdue.len(), reminder.due_soon.len());
    let subject = match (over, soon) {
        (0, n) => format!("{board}: {n} action{} due soon", plural(n)),
        (n, 0) => format!("{board}: {n} action{} overdue", plural(n)),
        (o, s) => format!("{board}: {o} overdue, {s} due soon"),
    };
    let name = clean(&reminder.name).into_owned();
    let headers = [
        format!("From: {} <gavel@invalid>", phrase(from)),
        format!("To: {}:;", phrase(&name)),
        format!("Subject: {}", encoded(&subject)),
        format!("Date: {}", now.to_rfc2822()),
        format!("Message-ID: <remind-{}-{}@gavel.invalid>", file_stem(&reminder.initials), now.format("%Y%m%dT%H%M%S")),
        "X-Unsent: 1".to_string(),
        "MIME-Version: 1.0".to_string(),
        "Content-Type: text/plain; charset=utf-8".to_string(),
        "Content-Transfer-Encoding: 8bit".to_string(),
    ];
    let mut text = format!("Dear {name},\n\nYour actions for the {board}:\n\n");
    text.push_str(&body(reminder, now));
    text.push_str("\nPlease send an update before the next meeting.\n");
    let mut message = headers.join("\r\n");
    message.push_str("\r\n\r\n");
    for line in text.lines() {
        // RFC 5322 2.1.1: no line over 998 octets; a longer one is broken at a character.
        let mut rest = line;
        while rest.len() > 900 {
            let cut = (0..=900).rev().find(|&i| rest.is_char_boundary(i)).unwrap_or(0);
            message.push_str(&rest[..cut]);
            message.push_str("\r\n");
            rest = &rest[cut..];
        }
        message.push_str(rest);
        message.push_str("\r\n");
    }
    message
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A display name: a quoted string when ASCII, else an encoded word.
fn phrase(name: &str) -> String {
    if name.is_ascii() { format!("\"{}\"", name.replace('\\', "\\\\").replace('"', "\\\"")) } else { encoded(name) }
}

/// RFC 2047: the text as is when ASCII, else `=?UTF-8?B?…?=` words of at
/// most 75 characters, folded onto lines of their own.
fn encoded(text: &str) -> String {
    if text.is_ascii() {
        return text.to_string();
    }
    let mut words = vec![];
    let mut chunk = String::new();
    for c in text.chars() {
        // 45 bytes of UTF-8 are 60 of base64: with =?UTF-8?B??= the word is 72.
        if chunk.len() + c.len_utf8() > 45 {
            words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
            chunk.clear();
        }
        chunk.push(c);
    }
    words.push(format!("=?UTF-8?B?{}?=", base64(chunk.as_bytes())));
    words.join("\r\n ")
}

fn base64(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], *chunk.get(1).unwrap_or(&0), *chunk.get(2).unwrap_or(&0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            match i <= chunk.len() {
                true => out.push(char::from(ALPHABET[(n >> (18 - 6 * i)) as usize & 63])),
                false => out.push('='),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_and_encoded_words() {
        assert_eq!(base64(b"Man"), "TWFu");
        assert_eq!(base64(b"Ma"), "TWE=");
        assert_eq!(base64(b"M"), "TQ==");
        assert_eq!(encoded("plain"), "plain");
        assert_eq!(encoded("Zoë"), "=?UTF-8?B?Wm/Dqw==?=");
        let long = encoded(&"é".repeat(60));
        assert!(long.split("\r\n ").all(|w| w.len() <= 75 && w.starts_with("=?UTF-8?B?")), "{long}");
    }

    #[test]
    fn names_stay_inside_their_header() {
        assert_eq!(phrase("Gary \"G\" Bloom"), "\"Gary \\\"G\\\" Bloom\"");
        assert_eq!(file_stem("CMc"), "CMc");
        assert_eq!(file_stem("../x"), "___x");
    }
}
