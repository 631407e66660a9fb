//! The one keymap table: `update` dispatches through it, and the footer
//! hints and the `?` help are generated from it, so they never disagree.

use super::Pane;

/// A key as the app sees it, free of any terminal library.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Key {
    Char(char),
    Ctrl(char),
    Enter,
    /// Alt-Enter: a new line where the input allows several.
    AltEnter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
}

/// A key as the help writes it: "u", "Ctrl-U", "Enter".
pub fn key_name(key: Key) -> String {
    match key {
        Key::Char(' ') => "space".into(),
        Key::Char(c) => c.to_string(),
        Key::Ctrl(c) => format!("Ctrl-{}", c.to_ascii_uppercase()),
        other => format!("{other:?}"),
    }
}

/// Everything a key can ask for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    NextPane,
    PreviousPane,
    Focus(Pane),
    Help,
    Quit,
    Back,
    QuickAdd,
    StartOrPause,
    NextItem,
    PreviousItem,
    Extend,
    Shorten,
    SkipItem,
    EndMeeting,
    /// Take the selected agenda item now: out of order, or a deferred one back.
    TakeItem,
    Up,
    Down,
    Left,
    Right,
    Top,
    Bottom,
    MarkPresent,
    MarkAbsent,
    MarkApologies,
    ArrivedLate,
    TakeNote,
    RecordDecision,
    LeftEarly,
    Deputise,
    ToggleRemote,
    AddGuest,
    Declare,
    CycleFilter,
    FilterOwner,
    Search,
    MarkInProgress,
    MarkDone,
    MarkDropped,
    Reopen,
    AddUpdate,
    EditAction,
    ListCell,
    NewRisk,
    Rescore,
    CloseRisk,
    ReviewDate,
    Undo,
    Sync,
    DeleteAction,
    ClearMark,
    ReviseNote,
    ReopenRisk,
    /// A planned meeting's agenda: add an item after the selected one, edit, remove, move.
    AddItem,
    EditItem,
    RemoveItem,
    ItemDown,
    ItemUp,
    /// The register: a person added, or the selected one edited.
    AddPerson,
    EditPerson,
    /// The meeting picker.
    PickMeeting,
    /// Approve the last meeting's minutes, from the item that takes them.
    ApproveMinutes,
    /// The selected record's history: the action, risk, person, or the meeting.
    History,
    /// The board's settings: one set on the input line ("quorum 1/3 chair").
    BoardSettings,
}

/// Where a binding works.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Anywhere,
    Lists,
    In(Pane),
}

#[derive(Debug, Clone, Copy)]
pub struct Binding {
    pub keys: &'static [Key],
    /// How the keys are written in hints and help.
    pub label: &'static str,
    pub command: Command,
    pub scope: Scope,
    /// What the help says it does.
    pub help: &'static str,
    /// The footer word, for bindings worth a hint.
    pub hint: Option<&'static str>,
}

const fn bind(
    keys: &'static [Key],
    label: &'static str,
    command: Command,
    scope: Scope,
    help: &'static str,
    hint: Option<&'static str>,
) -> Binding {
    Binding { keys, label, command, scope, help, hint }
}

use Command as C;
use Key as K;
use Scope::{Anywhere, In, Lists};

pub const KEYMAP: &[Binding] = &[
    // The chair's two keys first, so their hints are the last to give way.
    bind(&[K::Char(' ')], "space", C::StartOrPause, Anywhere, "start meeting, pause, resume", Some("start/pause")),
    bind(&[K::Char('n')], "n", C::NextItem, Anywhere, "next item (starts meeting)", Some("next")),
    bind(&[K::Tab], "Tab", C::NextPane, Anywhere, "next pane", Some("pane")),
    bind(&[K::BackTab], "S-Tab", C::PreviousPane, Anywhere, "previous pane", None),
    bind(&[K::Char('1')], "1", C::Focus(Pane::Agenda), Anywhere, "agenda", None),
    bind(&[K::Char('2')], "2", C::Focus(Pane::Actions), Anywhere, "actions", None),
    bind(&[K::Char('3')], "3", C::Focus(Pane::Risks), Anywhere, "risks", None),
    bind(&[K::Char('4')], "4", C::Focus(Pane::Attendance), Anywhere, "attendance", None),
    bind(&[K::Char('a')], "a", C::QuickAdd, Anywhere, "quick-add an action", Some("add action")),
    bind(&[K::Char('t')], "t", C::TakeNote, Anywhere, "note under the current item", Some("note")),
    bind(&[K::Char('A')], "A", C::RecordDecision, Anywhere, "decision: \"Agreed: ...\"", None),
    bind(&[K::Char('T')], "T", C::ReviseNote, Anywhere, "edit or delete the last note", None),
    bind(&[K::Ctrl('z')], "Ctrl-Z", C::Undo, Anywhere, "undo your last change", Some("undo")),
    bind(&[K::Char('S')], "S", C::Sync, Anywhere, "sync: commit, pull, push (git)", None),
    bind(&[K::Char('M')], "M", C::PickMeeting, Anywhere, "meetings: pick the one to show", None),
    bind(&[K::Char('H')], "H", C::History, Anywhere, "history of the selected record", None),
    bind(&[K::Char('B')], "B", C::BoardSettings, Anywhere, "board settings: quorum, zone, amber…", None),
    bind(&[K::Char('b')], "b", C::PreviousItem, In(Pane::Agenda), "previous item", Some("back")),
    bind(&[K::Char('+')], "+", C::Extend, In(Pane::Agenda), "one more minute for item", Some("min")),
    bind(&[K::Char('-')], "-", C::Shorten, In(Pane::Agenda), "one minute less for item", Some("min")),
    bind(&[K::Char('s')], "s", C::SkipItem, In(Pane::Agenda), "defer item, go to next", Some("defer")),
    bind(&[K::Enter], "Enter", C::TakeItem, In(Pane::Agenda), "take the selected item now", None),
    bind(&[K::Char('E')], "E", C::EndMeeting, In(Pane::Agenda), "end (asks) or reopen the meeting", Some("end")),
    bind(&[K::Char('I')], "I", C::AddItem, In(Pane::Agenda), "agenda item after this one (planned)", None),
    bind(&[K::Char('R')], "R", C::EditItem, In(Pane::Agenda), "edit the agenda item's line", None),
    bind(&[K::Char('D')], "D", C::RemoveItem, In(Pane::Agenda), "take the item off the agenda", None),
    bind(&[K::Char('J')], "J", C::ItemDown, In(Pane::Agenda), "move the item down the agenda", None),
    bind(&[K::Char('K')], "K", C::ItemUp, In(Pane::Agenda), "move the item up the agenda", None),
    bind(&[K::Char('V')], "V", C::ApproveMinutes, In(Pane::Agenda), "approve the last minutes (on their item)", None),
    bind(&[K::Up, K::Char('k')], "↑/k", C::Up, Lists, "move up", Some("select")),
    bind(&[K::Down, K::Char('j')], "↓/j", C::Down, Lists, "move down", None),
    bind(&[K::Left, K::Char('h')], "←/h", C::Left, In(Pane::Risks), "lower likelihood", None),
    bind(&[K::Right, K::Char('l')], "→/l", C::Right, In(Pane::Risks), "higher likelihood", None),
    bind(&[K::Home, K::Char('g')], "Home/g", C::Top, Lists, "first row", None),
    bind(&[K::End, K::Char('G')], "End/G", C::Bottom, Lists, "last row", None),
    bind(&[K::Char('p')], "p", C::MarkPresent, In(Pane::Attendance), "mark present", Some("present")),
    bind(&[K::Char('x')], "x", C::MarkAbsent, In(Pane::Attendance), "mark absent", Some("absent")),
    bind(&[K::Char('o')], "o", C::MarkApologies, In(Pane::Attendance), "mark apologies", Some("apologies")),
    bind(&[K::Char('f')], "f", C::CycleFilter, In(Pane::Actions), "open/overdue/arising/all", Some("filter")),
    bind(&[K::Char('w')], "w", C::FilterOwner, In(Pane::Actions), "one owner's actions", None),
    bind(&[K::Char('/')], "/", C::Search, In(Pane::Actions), "search as you type", Some("search")),
    bind(&[K::Char('i')], "i", C::MarkInProgress, In(Pane::Actions), "mark in progress", None),
    bind(&[K::Char('d')], "d", C::MarkDone, In(Pane::Actions), "mark done (closed today)", Some("done")),
    bind(&[K::Char('x')], "x", C::MarkDropped, In(Pane::Actions), "drop (closed today)", None),
    bind(&[K::Char('r')], "r", C::Reopen, In(Pane::Actions), "reopen", None),
    bind(&[K::Char('u')], "u", C::AddUpdate, In(Pane::Actions), "add a dated update", Some("update")),
    bind(&[K::Char('e')], "e", C::EditAction, In(Pane::Actions), "edit text, @owners, due", Some("edit")),
    bind(&[K::Char('X')], "X", C::DeleteAction, In(Pane::Actions), "delete (added by mistake)", None),
    bind(&[K::Char('l')], "l", C::ArrivedLate, In(Pane::Attendance), "arrived late, at a time", None),
    bind(&[K::Char('e')], "e", C::LeftEarly, In(Pane::Attendance), "left early, at a time", None),
    bind(&[K::Char('d')], "d", C::Deputise, In(Pane::Attendance), "deputising for an absent member", Some("deputy")),
    bind(&[K::Char('r')], "r", C::ToggleRemote, In(Pane::Attendance), "remote / in the room", None),
    // Not g: that is "first row" in every list.
    bind(&[K::Char('v')], "v", C::AddGuest, In(Pane::Attendance), "visitor: name, title, org, item N", Some("guest")),
    bind(&[K::Char('i')], "i", C::Declare, In(Pane::Attendance), "declare an interest", Some("declare")),
    bind(&[K::Char('c')], "c", C::ClearMark, In(Pane::Attendance), "clear the mark: expected again", None),
    bind(&[K::Char('N')], "N", C::AddPerson, In(Pane::Attendance), "new person: Name, role, title, org", None),
    bind(&[K::Char('P')], "P", C::EditPerson, In(Pane::Attendance), "edit the selected person", None),
    bind(&[K::Enter], "Enter", C::ListCell, In(Pane::Risks), "list the cell's risks", Some("list")),
    bind(&[K::Char('N')], "N", C::NewRisk, In(Pane::Risks), "new risk: title @OWNER L4 I3", Some("new")),
    bind(&[K::Char('s')], "s", C::Rescore, In(Pane::Risks), "rescore the selected risk", Some("rescore")),
    bind(&[K::Char('v')], "v", C::ReviewDate, In(Pane::Risks), "set its next review date", None),
    bind(&[K::Char('c')], "c", C::CloseRisk, In(Pane::Risks), "close the selected risk", None),
    bind(&[K::Char('o')], "o", C::ReopenRisk, In(Pane::Risks), "reopen a closed risk here", None),
    bind(&[K::Char('?')], "?", C::Help, Anywhere, "this help", Some("help")),
    bind(&[K::Esc], "Esc", C::Back, Anywhere, "back out; clear filters", None),
    bind(&[K::Char('q'), K::Ctrl('c')], "q", C::Quit, Anywhere, "quit (all is already saved)", Some("quit")),
];

impl Scope {
    /// Every scope, in the help's order: made from `Pane::ALL`, so no
    /// binding can fall outside the help.
    pub const ALL: [Scope; 2 + Pane::ALL.len()] = {
        let mut all = [Scope::Anywhere; 2 + Pane::ALL.len()];
        all[1] = Scope::Lists;
        let mut i = 0;
        while i < Pane::ALL.len() {
            all[2 + i] = Scope::In(Pane::ALL[i]);
            i += 1;
        }
        all
    };

    pub fn covers(self, pane: Pane) -> bool {
        match self {
            Scope::Anywhere | Scope::Lists => true,
            Scope::In(p) => p == pane,
        }
    }

    pub fn heading(self) -> &'static str {
        match self {
            Scope::Anywhere => "Anywhere",
            Scope::Lists => "Lists",
            Scope::In(Pane::Agenda) => "Agenda timer",
            Scope::In(Pane::Actions) => "Action log",
            Scope::In(Pane::Risks) => "Risk grid",
            Scope::In(Pane::Attendance) => "Attendance",
        }
    }
}

/// The command a key gives in the focused pane; pane keys win over global ones.
pub fn command_for(key: Key, focus: Pane) -> Option<Command> {
    let matching = || KEYMAP.iter().filter(|b| b.keys.contains(&key) && b.scope.covers(focus));
    matching().find(|b| matches!(b.scope, Scope::In(_))).or_else(|| matching().next()).map(|b| b.command)
}

/// Footer hints for the focused pane: its own keys first, then the global
/// ones; neighbours that say the same ("+ min", "- min") share one ("+/- min").
pub fn hints(focus: Pane) -> Vec<(String, &'static str)> {
    let pane = KEYMAP.iter().filter(move |b| b.scope == Scope::In(focus));
    let rest = KEYMAP.iter().filter(|b| !matches!(b.scope, Scope::In(_)));
    let mut out: Vec<(String, &'static str)> = Vec::new();
    for (label, hint) in pane.chain(rest).filter_map(|b| b.hint.map(|h| (b.label, h))) {
        match out.last_mut() {
            Some(last) if last.1 == hint => last.0 = format!("{}/{label}", last.0),
            _ => out.push((label.to_string(), hint)),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_is_bound_twice_in_one_place() {
        for pane in Pane::ALL {
            let mut seen = std::collections::HashMap::new();
            for b in KEYMAP.iter().filter(|b| b.scope.covers(pane)) {
                for key in b.keys {
                    let specific = matches!(b.scope, Scope::In(_));
                    if let Some(&(other, other_specific)) = seen.get(key) {
                        assert!(specific != other_specific, "{key:?} bound twice in {pane:?}: {other:?}");
                    }
                    seen.insert(*key, (b.command, specific));
                }
            }
        }
    }

    #[test]
    fn every_binding_is_in_the_help() {
        for b in KEYMAP {
            assert!(Scope::ALL.contains(&b.scope), "{:?} would be missing from ?", b.command);
        }
    }

    #[test]
    fn fixed_keys_of_the_design_hold_in_every_pane() {
        for pane in Pane::ALL {
            assert_eq!(command_for(Key::Tab, pane), Some(Command::NextPane));
            assert_eq!(command_for(Key::Char('?'), pane), Some(Command::Help));
            assert_eq!(command_for(Key::Char('q'), pane), Some(Command::Quit));
            assert_eq!(command_for(Key::Esc, pane), Some(Command::Back));
            assert_eq!(command_for(Key::Char('a'), pane), Some(Command::QuickAdd));
            assert_eq!(command_for(Key::Char(' '), pane), Some(Command::StartOrPause));
            assert_eq!(command_for(Key::Char('n'), pane), Some(Command::NextItem));
            assert_eq!(command_for(Key::Char('3'), pane), Some(Command::Focus(Pane::Risks)));
        }
        assert_eq!(command_for(Key::Char('p'), Pane::Attendance), Some(Command::MarkPresent));
        assert_eq!(command_for(Key::Char('x'), Pane::Attendance), Some(Command::MarkAbsent));
    }
}
