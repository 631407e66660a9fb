//! The grammar on lines a secretary would type, taken from the "Action:"
//! lines of the reference minutes, with today fixed at the 6 January 2022
//! meeting (a Thursday) and the next meeting on 3 March 2022.

use super::*;
use crate::model::Deadline;

fn board() -> Board {
    crate::model::test_board()
}

fn ctx() -> DateContext {
    DateContext {
        today: "2022-01-06".parse().unwrap(),
        order: DateOrder::DayFirst,
        next_meeting: Some("2022-03-03".parse().unwrap()),
        meeting_today: MeetingToday::UnderWay,
    }
}

fn on(date: &str) -> Option<Deadline> {
    Some(Deadline::On(date.parse().unwrap()))
}

#[test]
fn lines_from_the_minutes() {
    let rows: &[(&str, &str, &[&str], Option<Deadline>)] = &[
        (
            "The SEND Scrum will finalise the Capacity Review @Scrum due 28.02.22",
            "Finalise the Capacity Review",
            &["Scrum"],
            on("2022-02-28"),
        ),
        (
            "Single action plan covering APP / Strategy / Peer Review @scrum due next meeting",
            "Single action plan covering APP / Strategy / Peer Review",
            &["Scrum"],
            on("2022-03-03"),
        ),
        (
            "Paper to accompany the APP tracker @Scrum by 24 Feb",
            "Paper to accompany the APP tracker",
            &["Scrum"],
            on("2022-02-24"),
        ),
        (
            "Continue to work on the risk log @SCRUM due 3 March 2022",
            "Continue to work on the risk log",
            &["Scrum"],
            on("2022-03-03"),
        ),
        (
            "Come back with more detail on resource proposals @JB due next meeting",
            "Come back with more detail on resource proposals",
            &["JB"],
            on("2022-03-03"),
        ),
        (
            "Add Voice of the Child resource requirements to capacity review @GB by February 2022",
            "Add Voice of the Child resource requirements to capacity review",
            &["GB"],
            on("2022-02-28"),
        ),
        (
            "Arrange a meeting to review the Terms of Reference @MM due 17/2/2022",
            "Arrange a meeting to review the Terms of Reference",
            &["MM"],
            on("2022-02-17"),
        ),
        (
            "Update the minutes to show JB sent apologies @CJ due tomorrow",
            "Update the minutes to show JB sent apologies",
            &["CJ"],
            on("2022-01-07"),
        ),
        (
            "Send the presented risk log to members @CMc due today",
            "Send the presented risk log to members",
            &["CMc"],
            on("2022-01-06"),
        ),
        ("Send the risk log @cmc due Friday", "Send the risk log", &["CMc"], on("2022-01-07")),
        (
            "Let Board know if access to services is impacted @PD due +2w",
            "Let Board know if access to services is impacted",
            &["PD"],
            on("2022-01-20"),
        ),
        (
            "Feed back how partners can be involved in Scrutiny @BM due +3d",
            "Feed back how partners can be involved in Scrutiny",
            &["BM"],
            on("2022-01-09"),
        ),
        (
            "Media briefing on the peer review @MM @BM @GB due 2022-01-12",
            "Media briefing on the peer review",
            &["MM", "BM", "GB"],
            on("2022-01-12"),
        ),
        (
            "Link with CCG comms colleagues @NL/PD due Monday",
            "Link with CCG comms colleagues",
            &["NL", "PD"],
            on("2022-01-10"),
        ),
        (
            "Discuss comms support with the SSIF steering group @SD due 1 Feb",
            "Discuss comms support with the SSIF steering group",
            &["SD"],
            on("2022-02-01"),
        ),
        (
            "Review mask mandate data for schools @KR by 14.01.22",
            "Review mask mandate data for schools",
            &["KR"],
            on("2022-01-14"),
        ),
        (
            "Define key worker status for eligible pupils @JM @BM due 21 January",
            "Define key worker status for eligible pupils",
            &["JM", "BM"],
            on("2022-01-21"),
        ),
        (
            "Review the Action Log with members outside the meeting @CJ",
            "Review the Action Log with members outside the meeting",
            &["CJ"],
            None,
        ),
        (
            "Rearrange the APP review with DfE and NHSE advisors @GB due Feb 2022",
            "Rearrange the APP review with DfE and NHSE advisors",
            &["GB"],
            on("2022-02-28"),
        ),
        (
            "Submit APP monitoring tracker 5a as evidence @GB due 19 Jan",
            "Submit APP monitoring tracker 5a as evidence",
            &["GB"],
            on("2022-01-19"),
        ),
        (
            "Clear version control of the risk log @CMc due 7 Jan",
            "Clear version control of the risk log",
            &["CMc"],
            on("2022-01-07"),
        ),
        (
            "Triangulate complaints across the partnership @Scrum by April 2022",
            "Triangulate complaints across the partnership",
            &["Scrum"],
            on("2022-04-30"),
        ),
        (
            "Circulate tracked changes to the ToR ahead of the next meeting @MM due 24.2.22",
            "Circulate tracked changes to the ToR ahead of the next meeting",
            &["MM"],
            on("2022-02-24"),
        ),
        (
            "Add ToR review to the March agenda @CJ due 10/2/22",
            "Add ToR review to the March agenda",
            &["CJ"],
            on("2022-02-10"),
        ),
        (
            "Healthwatch to gather wider views of young people @OR due 31 March",
            "Healthwatch to gather wider views of young people",
            &["OR"],
            on("2022-03-31"),
        ),
        (
            "Expand the EHCP QA handbook to education and social care @CMc due 28th January 2022",
            "Expand the EHCP QA handbook to education and social care",
            &["CMc"],
            on("2022-01-28"),
        ),
        (
            "Quality assurance process review meeting @CMc @KB due 31st Jan",
            "Quality assurance process review meeting",
            &["CMc", "KB"],
            on("2022-01-31"),
        ),
        (
            "Consider comms resources for the peer review plan @NL due Wed",
            "Consider comms resources for the peer review plan",
            &["NL"],
            on("2022-01-12"),
        ),
        (
            "Notify families if services are affected @PD due +1w",
            "Notify families if services are affected",
            &["PD"],
            on("2022-01-13"),
        ),
        ("Write to pupil H and family @GB due thursday", "Write to pupil H and family", &["GB"], on("2022-01-13")),
        (
            "Prepare the capacity review paper @GB by 1 Mar",
            "Prepare the capacity review paper",
            &["GB"],
            on("2022-03-01"),
        ),
        (
            "Novation of the Lighthouse contract update @PD due 01.03.2022",
            "Novation of the Lighthouse contract update",
            &["PD"],
            on("2022-03-01"),
        ),
        (
            "Phasing of Voice of the Child projects @JB by next meeting",
            "Phasing of Voice of the Child projects",
            &["JB"],
            on("2022-03-03"),
        ),
        (
            "Graduated offer baseline for SEN support in every setting @BM @AW due 30.06.22",
            "Graduated offer baseline for SEN support in every setting",
            &["BM", "AW"],
            on("2022-06-30"),
        ),
        (
            "Report back on SENDIASS relocation rationale @BM due 2022-02-17",
            "Report back on SENDIASS relocation rationale",
            &["BM"],
            on("2022-02-17"),
        ),
        (
            "Children's mental health resources with West Essex and NELFT @PD due May 2022",
            "Children's mental health resources with West Essex and NELFT",
            &["PD"],
            on("2022-05-31"),
        ),
        (
            "Training models across the partnership workforce @Scrum due 1 April",
            "Training models across the partnership workforce",
            &["Scrum"],
            on("2022-04-01"),
        ),
        (
            "Invite DfE and NHSE advisors to the March meeting @GB due 5 Jan",
            "Invite DfE and NHSE advisors to the March meeting",
            &["GB"],
            on("2023-01-05"),
        ),
        (
            "Revise how the SEND Strategy is written and presented @GB",
            "Revise how the SEND Strategy is written and presented",
            &["GB"],
            None,
        ),
        (
            "Unassigned follow-up on school closures due +5d",
            "Unassigned follow-up on school closures",
            &[],
            on("2022-01-11"),
        ),
        (
            "Pass on Board feedback to the family of pupil H by the end of term @GB",
            "Pass on Board feedback to the family of pupil H by the end of term",
            &["GB"],
            None,
        ),
        (
            "Ask PJ about SSIF priorities @pj @sd, due 20 Jan",
            "Ask PJ about SSIF priorities",
            &["PJ", "SD"],
            on("2022-01-20"),
        ),
    ];
    assert!(rows.len() >= 40);
    let mut wrong = Vec::new();
    for (line, text, owners, due) in rows {
        let want =
            QuickAdd { text: text.to_string(), owners: owners.iter().map(|o| o.to_string()).collect(), due: *due };
        match parse(line, &board(), &ctx()) {
            Ok(got) if got == want => {}
            got => wrong.push(format!("{line:?}\n   got {got:?}\n  want {want:?}")),
        }
    }
    assert!(wrong.is_empty(), "{} of {} read wrong:\n{}", wrong.len(), rows.len(), wrong.join("\n"));
}

#[test]
fn refused_lines_say_why() {
    let rows: &[(&str, &str)] = &[
        ("Send the papers @XX due 1 May", "@XX is not in the people register"),
        ("Send the papers @GBB", "(did you mean @GB, Gary Bloom?)"),
        ("Board papers @GB due 31.02.22", "31.02.22 is not a real date"),
        ("Board papers @GB due 2022-13-01", "2022-13-01 is not a real date"),
        ("Board papers @GB due soonish", "cannot read the date after \"due\""),
        ("Board papers @GB due", "cannot read the date after \"due\" (nothing)"),
        ("Board papers by 30 February 2022", "30 February 2022 is not a real date"),
        ("@GB due 1 May", "an action needs some words"),
        ("Papers due +3x", "+3x is not like +3d or +2w"),
        ("Papers due +g¥/ୋ𞸧", "is not like +3d or +2w"),
        ("Papers due +99999999999999999d", "too far ahead"),
        ("Version control of the risk log @CMc due next fortnight", "cannot read the date after \"due\" (\"next\")"),
    ];
    for (line, words) in rows {
        let err = parse(line, &board(), &ctx()).unwrap_err();
        assert!(err.contains(words), "{line:?}: {err}");
    }
}

#[test]
fn next_meeting_stays_symbolic_when_none_is_planned() {
    let ctx = DateContext { next_meeting: None, ..ctx() };
    let got = parse("Bring the tracker @GB due next meeting", &board(), &ctx).unwrap();
    assert_eq!(got.due, Some(Deadline::NextMeeting));
}

#[test]
fn month_first_boards_read_numbers_the_other_way() {
    let ctx = DateContext { order: DateOrder::MonthFirst, ..ctx() };
    let got = parse("Budget @GB due 2/17/2022", &board(), &ctx).unwrap();
    assert_eq!(got.due, on("2022-02-17"));
}

#[test]
fn the_29th_of_february_is_the_next_one_there_is() {
    let ctx = DateContext { today: "2026-12-07".parse().unwrap(), ..ctx() };
    for line in ["x @GB due 29 Feb", "x @GB due 29.2"] {
        let got = parse(line, &board(), &ctx);
        assert_eq!(got.map(|g| g.due), Ok(on("2028-02-29")), "{line}");
    }
    let ctx = DateContext { today: "2096-03-01".parse().unwrap(), ..ctx };
    assert_eq!(parse("x @GB due 29 Feb", &board(), &ctx).map(|g| g.due), Ok(on("2104-02-29")));
    let err = parse("x @GB due 30 Feb", &board(), &ctx).unwrap_err();
    assert!(err.contains("30 Feb is not a real date"), "{err}");
}
