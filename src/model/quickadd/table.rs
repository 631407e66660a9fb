//! The grammar on action lines as UK board minutes write them: the
//! reference minutes' own "Action:" lines, owners by initials, first and
//! full names and groups, and every deadline form README lists. Today is
//! Thursday 6 January 2022, in the meeting; the next meeting is on 3 March.

use super::*;
use crate::model::{Group, Person, Role};

/// The sample register, with a person and two groups the minutes of other
/// boards name ("CF / SROs", "Strategy Owner").
pub(super) fn board() -> Board {
    let mut board = crate::model::test_board();
    board.people.push(Person {
        changes: vec![],
        id: crate::model::id::Id::fresh(),
        initials: "CF".into(),
        name: "Chris Field".into(),
        job_title: String::new(),
        organisation: String::new(),
        role: Role::Officer,
        retired: false,
    });
    for (initials, name) in [("SROs", "Senior Responsible Owners"), ("SO", "Strategy Owner")] {
        board.groups.push(Group::new(initials, name, vec![]));
    }
    board
}

pub(super) fn ctx() -> DateContext {
    DateContext {
        today: "2022-01-06".parse().unwrap(),
        order: DateOrder::DayFirst,
        next_meeting: Some("2022-03-03".parse().unwrap()),
        meeting_today: MeetingToday::UnderWay,
    }
}

/// "" is no deadline; the no-date kinds by their words; else a date.
fn deadline(written: &str) -> Option<Deadline> {
    match written {
        "" => None,
        word => Some(Deadline::from_word(word).unwrap_or_else(|| Deadline::On(word.parse().unwrap()))),
    }
}

const ROWS: &[(&str, &[&str], &str)] = &[
    // The reference minutes' own lines, as written.
    (
        "Action: The SEND Scrum will finalise the Capacity Review and identify the resource requirements.",
        &["Scrum"],
        "",
    ),
    (
        "Action: The SEND Scrum will work on a single action plan that encompasses improvements covering actions from the APP / Strategy / Peer Review so that Board continues to have oversight.",
        &["Scrum"],
        "",
    ),
    (
        "Action: SEND Scrum to provide paper to accompany the APP tracker with specific updates and mitigation measures put into place to address red / amber areas.",
        &["Scrum"],
        "",
    ),
    (
        "Action: The SEND Scrum will continue to work on the risk log, adding updates and rescored as and when risks reduce.",
        &["Scrum"],
        "",
    ),
    (
        "Action: MM asked JB to come back with more detail for the next meeting with a paper that refines the resource proposals and prioritising of projects.",
        &["JB"],
        "2022-03-03",
    ),
    ("Action: MM asked GB to add Voice of the Child resource requirements to wider SEND capacity review", &["GB"], ""),
    (
        "Action: MM to arrange a separate meeting with CMc, GB and BM to review and consider revisions needed.",
        &["MM"],
        "",
    ),
    (
        "MM requested CJ work with Members to review the Action Log outside of the meeting providing updates as required.",
        &["CJ"],
        "",
    ),
    ("BM will feedback how partners can be involved in Scrutiny", &["BM"], ""),
    ("NL to link with CCG comms colleagues to incorporate any health response", &["NL"], ""),
    ("GB to submit the APP monitoring tracker as part of the evidence by 19th January", &["GB"], "2022-01-19"),
    ("Action: GB to circulate the tracker by end of April", &["GB"], "2022-04-30"),
    ("Action: The SEND Scrum will provide the paper due next meeting", &["Scrum"], "2022-03-03"),
    ("Action: SEND Scrum to provide paper to accompany the APP tracker by the next meeting", &["Scrum"], "2022-03-03"),
    ("Action - CJ to update the minutes to show JB sent apologies", &["CJ"], ""),
    ("ACTION: OR to gather wider views of young people by 31 March", &["OR"], "2022-03-31"),
    ("Healthwatch to gather wider views of young people @OR by 31 March", &["OR"], "2022-03-31"),
    ("Board to note the progress of the APP", &[], ""),
    ("Report the due diligence findings @GB by 1 Feb", &["GB"], "2022-02-01"),
    ("Add the ToR review to the next Board agenda @CJ by 10/2/22", &["CJ"], "2022-02-10"),
    ("Add the ToR review to the next Board agenda @CJ", &["CJ"], ""),
    ("@MM & CMc to agree the communications plan by 1 Feb", &["MM", "CMc"], "2022-02-01"),
    // Owners by name, joined as minutes join them.
    ("Agree the communications plan @MM & CMc by 1 Feb", &["MM", "CMc"], "2022-02-01"),
    ("Review the SRO assignments @CF / SROs due 28.02.22", &["CF", "SROs"], "2022-02-28"),
    ("Send the papers @Gary due Friday", &["GB"], "2022-01-07"),
    ("Draft the strategy refresh @\"Strategy Owner\" due end of March", &["SO"], "2022-03-31"),
    ("Update the risk register @\"SEND Scrum\" by 31/1/22", &["Scrum"], "2022-01-31"),
    ("Chair the review @\u{41c}M by 1 Feb", &["MM"], "2022-02-01"),
    ("Brief the Cabinet member @\u{412}\u{41c} due 13th January", &["BM"], "2022-01-13"),
    ("Gary and Patricia to meet the DfE advisors by 21 Jan", &["GB", "PD"], "2022-01-21"),
    ("GB, PD and BM to agree the media lines by tomorrow", &["GB", "PD", "BM"], "2022-01-07"),
    ("GB/PD to review the capacity plan in 2 weeks", &["GB", "PD"], "2022-01-20"),
    ("Gary Bloom to rearrange the APP review by February 2022", &["GB"], "2022-02-28"),
    ("Caroline McCarron to send the risk log to members due today", &["CMc"], "2022-01-06"),
    ("Dr Kate Barusya to review the EHCP QA handbook by 28th January 2022", &["KB"], "2022-01-28"),
    ("Kate to join the QA process review meeting by 31st Jan", &["KB"], "2022-01-31"),
    ("Clear version control of the risk log (CMc)", &["CMc"], ""),
    ("Send the presented risk log to members – CMc", &["CMc"], ""),
    ("Board will be sent a copy of tracked changed amendments by 24 Feb. Action: CJ", &["CJ"], "2022-02-24"),
    ("Link with CCG comms colleagues @NL/PD due Monday", &["NL", "PD"], "2022-01-10"),
    ("Media briefing on the peer review @MM @BM @GB due 2022-01-12", &["MM", "BM", "GB"], "2022-01-12"),
    ("Ask PJ about SSIF priorities @pj @sd, due 20 Jan", &["PJ", "SD"], "2022-01-20"),
    ("Define key worker status for eligible pupils @JM and @BM due 21 January", &["JM", "BM"], "2022-01-21"),
    ("Samantha to discuss comms support with the SSIF steering group by 1 Feb", &["SD"], "2022-02-01"),
    ("The SEND Scrum and GB will refresh the scorecard by 24 Feb", &["Scrum", "GB"], "2022-02-24"),
    ("Action: KR is to review mask mandate data for schools by 14.01.22", &["KR"], "2022-01-14"),
    ("Action: Owen Richards to report back on Healthwatch engagement at the next Board", &["OR"], "2022-03-03"),
    // Deadlines in every form.
    ("Circulate the tracker @GB by end of the month", &["GB"], "2022-01-31"),
    ("Circulate the tracker @GB by the end of next month", &["GB"], "2022-02-28"),
    ("Circulate the tracker @GB by end of year", &["GB"], "2022-12-31"),
    ("Hold the workshop @GB w/c 12 May", &["GB"], "2022-05-13"),
    ("Hold the workshop @GB by w/c 10 Jan", &["GB"], "2022-01-14"),
    ("Hold the workshop @GB week commencing 7 February", &["GB"], "2022-02-11"),
    ("Report back @GB within two weeks", &["GB"], "2022-01-20"),
    ("Report back @GB within a fortnight", &["GB"], "2022-01-20"),
    ("Report back @GB in 10 days", &["GB"], "2022-01-16"),
    ("Report back @GB within a month", &["GB"], "2022-02-06"),
    ("Report back @GB by next Friday", &["GB"], "2022-01-14"),
    ("Report back @GB by this Friday", &["GB"], "2022-01-07"),
    ("Report back @GB by next week", &["GB"], "2022-01-14"),
    ("Report back @GB by end of week", &["GB"], "2022-01-07"),
    ("Submit the return @GB due Friday 26th April", &["GB"], "2022-04-26"),
    ("Submit the return @GB due Monday 10th January", &["GB"], "2022-01-10"),
    ("Submit the return @GB by Wed 12 Jan", &["GB"], "2022-01-12"),
    ("Submit the return @GB by April '24", &["GB"], "2024-04-30"),
    ("Submit the return @GB due 20-06-24", &["GB"], "2024-06-20"),
    ("Submit the return @GB due 01.05.24", &["GB"], "2024-05-01"),
    ("Submit the return @GB due 30/04/2027", &["GB"], "2027-04-30"),
    ("Submit the return @GB by April 2024", &["GB"], "2024-04-30"),
    ("Submit the return @GB due 1-Mar-22", &["GB"], "2022-03-01"),
    ("Submit the return @GB due Mar-22", &["GB"], "2022-03-31"),
    ("Submit the return @GB due 14th of January", &["GB"], "2022-01-14"),
    ("Submit the return @GB before 1 March", &["GB"], "2022-03-01"),
    ("Submit the return @GB due by 17 Feb", &["GB"], "2022-02-17"),
    ("Submit the return @GB due on Friday", &["GB"], "2022-01-07"),
    ("Submit the return @GB due +2w", &["GB"], "2022-01-20"),
    ("Submit the return @GB due 5 Jan", &["GB"], "2023-01-05"),
    ("Submit the return @GB due 1st March 2022", &["GB"], "2022-03-01"),
    ("Bring the tracker @GB next meeting", &["GB"], "2022-03-03"),
    ("Bring the tracker @GB the next meeting", &["GB"], "2022-03-03"),
    ("Bring the tracker @GB by next Board", &["GB"], "2022-03-03"),
    ("Bring the tracker @GB for the next meeting", &["GB"], "2022-03-03"),
    ("Bring the tracker to the next board meeting @GB", &["GB"], "2022-03-03"),
    ("Keep the risk log under review @Scrum ongoing", &["Scrum"], "ongoing"),
    ("Keep the risk log under review @Scrum – ongoing", &["Scrum"], "ongoing"),
    ("Keep the risk log under review (ongoing) @Scrum", &["Scrum"], "ongoing"),
    ("Set a date for the SENDIASS review @BM TBC", &["BM"], "TBC"),
    ("Set a date for the SENDIASS review @BM due TBC", &["BM"], "TBC"),
    ("Set a date for the SENDIASS review @BM (tbc)", &["BM"], "TBC"),
    ("Notify families if services are affected @PD ASAP", &["PD"], "ASAP"),
    ("Notify families if services are affected @PD as soon as possible", &["PD"], "ASAP"),
    ("Notify families if services are affected @PD due asap", &["PD"], "ASAP"),
    ("NL suggested an ongoing communications plan @NL by 24 Feb", &["NL"], "2022-02-24"),
    ("Pass on Board feedback to the family of pupil H by the end of term @GB", &["GB"], ""),
    ("Some actions have slipped due to lack of capacity @GB", &["GB"], ""),
];

#[test]
fn minutes_phrasing_gives_the_owners_and_deadline_it_must() {
    assert!(ROWS.len() >= 80, "{} rows", ROWS.len());
    let (board, ctx) = (board(), ctx());
    let mut wrong = Vec::new();
    for (line, owners, due) in ROWS {
        let want: (Vec<String>, Option<Deadline>) = (owners.iter().map(|o| o.to_string()).collect(), deadline(due));
        match read(line, &board, &ctx) {
            Ok(r)
                if (r.draft.owners.clone(), r.draft.due) == want
                    && !r.draft.text.to_lowercase().starts_with("action") => {}
            got => wrong.push(format!("{line:?}\n   got {got:?}\n  want {want:?}")),
        }
    }
    assert!(wrong.is_empty(), "{} of {} read wrong:\n{}", wrong.len(), ROWS.len(), wrong.join("\n"));
}

#[test]
fn the_text_is_what_is_to_be_done() {
    let rows: &[(&str, &str)] = &[
        ("Action: GB to circulate the tracker by end of April", "Circulate the tracker"),
        (
            "Action: MM asked JB to come back with more detail for the next meeting with a paper",
            "Come back with more detail with a paper",
        ),
        ("Action: The SEND Scrum will continue to work on the risk log.", "Continue to work on the risk log"),
        ("Send the presented risk log to members – CMc", "Send the presented risk log to members"),
        ("Keep the risk log under review @Scrum – ongoing", "Keep the risk log under review"),
        ("Healthwatch to gather wider views @OR by 31 March", "Healthwatch to gather wider views"),
        ("@MM & CMc to agree the communications plan by 1 Feb", "Agree the communications plan"),
        ("Add the ToR review to the next Board agenda @CJ", "Add the ToR review to the next Board agenda"),
        ("Update the \u{412}oard papers @GB due 1 Feb", "Update the Board papers"),
    ];
    for (line, text) in rows {
        assert_eq!(read(line, &board(), &ctx()).unwrap().draft.text, *text, "{line:?}");
    }
}

#[test]
fn what_looks_wrong_is_said() {
    let rows: &[(&str, &str)] = &[
        ("Circulate the tracker due 1 May", "no owner"),
        ("Circulate the tracker @GB", "no deadline"),
        ("Submit the return @GB due Friday 26th April", "26 April 2022 is a Tuesday, not a Friday"),
        ("Submit the return @GB due 1 May 2018", "is in the past"),
        ("Submit the return @GB due 30/04/2027", "more than three years away"),
        ("Chair the review @\u{41c}M by 1 Feb", "look-alike letters (Cyrillic \u{41c}): read as MM"),
        ("Update the \u{412}oard papers @GB due 1 Feb", "look-alike letters (Cyrillic \u{412})"),
        ("Report on the Cabinet meeting on 13th January @BM due 1 Feb", "\"13th January\" looks like a date"),
        ("Circulate changes ahead of the next meeting @MM due 24.2.22", "\"the next meeting\" looks like a date"),
    ];
    for (line, words) in rows {
        let reading = read(line, &board(), &ctx()).unwrap();
        assert!(reading.warnings.iter().any(|w| w.contains(words)), "{line:?}: {:?}", reading.warnings);
    }
    let clean = read("Circulate the tracker @GB due 1 Feb", &board(), &ctx()).unwrap();
    assert_eq!(clean.warnings, Vec::<String>::new());
}

#[test]
fn names_that_could_be_anyone_are_refused() {
    let rows: &[(&str, &str)] = &[
        ("Send the papers @Gray", "@Gray is not in the people register (did you mean @GB, Gary Bloom?)"),
        (
            "Send the papers @\u{41c}\u{421}",
            "look-alike letters (Cyrillic \u{41c}, Cyrillic \u{421}) and, read as @MC, is not in the people register",
        ),
        ("Send the papers @Zebedee", "@Zebedee is not in the people register"),
        ("Send the papers @", "an @ needs initials or a name"),
    ];
    for (line, words) in rows {
        let err = read(line, &board(), &ctx()).unwrap_err();
        assert!(err.contains(words), "{line:?}: {err}");
    }
    let mut twice = board();
    twice.people.push(Person { name: "Gary Oak".into(), initials: "GO".into(), ..twice.people[0].clone() });
    let err = read("Send it @Gary", &twice, &ctx()).unwrap_err();
    assert!(err.contains("could be @GB (Gary Bloom) or @GO (Gary Oak)"), "{err}");
    // A retired Gary Oak leaves one Gary to mean.
    twice.people.last_mut().unwrap().retired = true;
    assert_eq!(read("Send it @Gary", &twice, &ctx()).unwrap().draft.owners, vec!["GB".to_string()]);
}

#[test]
fn spreadsheet_deadlines_read_with_the_same_grammar() {
    let rows: &[(&str, Option<Deadline>)] = &[
        ("01.05.24", deadline("2024-05-01")),
        ("April 2024", deadline("2024-04-30")),
        ("30/04/2027", deadline("2027-04-30")),
        ("2022-03-03", deadline("2022-03-03")),
        ("TBC", Some(Deadline::Tbc)),
        ("", None),
    ];
    for (cell, want) in rows {
        assert_eq!(read_deadline(cell, &ctx()).unwrap(), *want, "{cell:?}");
    }
    assert!(read_deadline("soonish", &ctx()).is_err());
}
