//! A terminal below the minimum size shows only "too small": no key acts
//! behind it but a quit.

use super::*;

fn resize(app: &mut App, width: u16, height: u16) {
    let now = app.now;
    update(app, Msg::Resize(width, height), now);
}

#[test]
fn below_the_minimum_only_a_resize_and_a_quit_act() {
    let mut app = sample_app();
    resize(&mut app, 20, 5);
    // At 20×5 these marked MM present, PD absent and started the meeting.
    let before = app.clone();
    for keys in ["4", "p", "j", "x", "n", "a", " "] {
        assert_eq!(press(&mut app, keys), vec![], "{keys:?} acted behind the warning");
    }
    assert_eq!(key(&mut app, Key::Enter), vec![]);
    let now = app.now;
    assert!(update(&mut app, Msg::Paste("Papers @GB".into()), now).is_empty());
    assert_eq!((app.focus, app.attendance_row, app.input.is_some()), (before.focus, before.attendance_row, false));
    assert!(app.notice.is_none());
    // A resize to a size that fits gives the keys back.
    resize(&mut app, 80, 24);
    press(&mut app, "4");
    assert_eq!(app.focus, Pane::Attendance);
    resize(&mut app, 79, 24);
    assert_eq!(key(&mut app, Key::Ctrl('c')), vec![Effect::Quit]);
    let mut app = sample_app();
    resize(&mut app, 80, 23);
    assert_eq!(press(&mut app, "q"), vec![Effect::Quit]);
}
