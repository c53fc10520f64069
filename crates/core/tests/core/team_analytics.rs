//! Team analytics, engagement and the triage inbox against a hand-computed board.
//!
//! The board is built through the ops at fixed times over three calendar weeks.
//! T0 (1_790_000_000_000 ms) is Monday 2026-09-21 14:13:20 UTC, so week W0 starts
//! on Monday 2026-09-21 00:00 UTC (1_789_948_800_000 ms); W1 and W2 are the next two.
//! `now` is T0 + 14 d + 8 h, in W2.
//!
//! What happens (members: admin "Owner", moderator Mia, fans A, B, C, D, E; one
//! category, drinks):
//!
//! | when          | who | what                                         | ledger (points)        |
//! |---------------|-----|----------------------------------------------|------------------------|
//! | W0 T0         | A   | submits I1 (drinks)                          | idea_submitted +10     |
//! | W0 T0+1h      | B   | submits I2                                   | idea_submitted +10     |
//! | W0 T0+2h      | B   | votes I1                                     | vote_cast +1           |
//! | W0 T0+3h      | C   | votes I1                                     | vote_cast +1           |
//! | W1 T0+7d      | A   | votes I2                                     | vote_cast +1           |
//! | W1 T0+7d+1h   | C   | comments on I1                               | comment_posted +2      |
//! | W1 T0+7d+2h   | D   | submits I3                                   | idea_submitted +10     |
//! | W1 T0+7d+3h   | Mia | I1 new -> under review, with a note          | (I1 answered)          |
//! | W1 T0+7d+4h   | C   | submits I4                                   | idea_submitted +10     |
//! | W2 T0+14d     | Mia | I1 -> planned (no note)                      |                        |
//! | W2 T0+14d+30m | E   | submits I5                                   | idea_submitted +10     |
//! | W2 T0+14d+1h  | Mia | I1 -> launched, with a note                  | A idea_launched +100   |
//! | W2 T0+14d+2h  | D   | votes I2                                     | vote_cast +1           |
//! | W2 T0+14d+3h  | E   | comments on I2                               | comment_posted +2      |
//! | W2 T0+14d+4h  | Mia | official answer on I2                        | comment_posted +2      |
//! | W2 T0+14d+5h  | A   | withdraws the vote on I2                     | vote_withdrawn -1      |
//! | W2 T0+14d+6h  | Mia | I3 new -> declined, with a note              |                        |
//! | W2 T0+14d+7h  | Mia | hides E's comment                            | E comment_hidden -2    |
//!
//! Weeks (events as they happened; active = distinct members with an event; new =
//! first event ever that week):
//!   W0: ideas 2 (I1, I2), votes 2 (B, C), comments 0; active A, B, C = 3, all new.
//!   W1: ideas 2 (I3, I4), votes 1 (A), comments 1 (C); active A, C, D = 3; new D = 1,
//!       returning 2.
//!   W2: ideas 1 (I5), votes 1 (D; A's withdrawal is no vote cast), comments 2 (E,
//!       Mia); active D, E, Mia = 3 (A's launch points are not A's own activity);
//!       new E, Mia = 2, returning D = 1.
//! Funnel: submitted 5; reviewed (ever left new) I1, I3 = 2 -> 2/5 = 0.4; planned
//!   I1 = 1 -> 1/2 = 0.5; launched I1 = 1 -> 1/1 = 1.
//! Adoption (listed ideas, all five): launched 1 of 5 = 0.2. First answers: I1 at
//!   T0+7d+3h (7.125 d after T0), I2 at T0+14d+4h (created T0+1h: 14.125 d), I3 at
//!   T0+14d+6h (created T0+7d+2h: 7 d 4 h = 7.1666.. d); median 7.1666.. d. Launch:
//!   I1 14 d 1 h = 14.041666.. d.
//!   drinks (I1): 1 idea, 1 answered, 1 launched, rate 1, answer 7.125, launch 14.0416..
//!   no category (I2-I5): 4 ideas, 2 answered, 0 launched, rate 0, answer median
//!   (7.1666.. + 14.125) / 2 = 10.645833.., launch none.
//! Oldest unanswered, open: I4 (waiting 7 d 4 h = 7.1666.. d), I5 (7.5 h = 0.3125 d).
//! Engagement (weights: idea 5, adopted 20, comment 2, vote 1):
//!   A: 10 + 1 + 100 - 1 = 110 points; 1 idea, 1 adopted, 1 vote: index 5+20+1 = 26
//!   B: 10 + 1 = 11; 1 idea, 1 vote: 6.   C: 1 + 2 + 10 = 13; 1 each: 8.
//!   D: 10 + 1 = 11; 1 idea, 1 vote: 6.   E: 10 + 2 - 2 = 10; 1 idea, 1 comment: 7.
//!   Mia (team, left out): 2 points, 1 comment.
//!   Rank: A 110, C 13, B 11/6, D 11/6 (B joined first), E 10. Participating fans 5,
//!   core = ceil(5 x 20%) = 1: A, cutoff 110. Fans' totals: 5 ideas, 4 votes,
//!   2 comments (Mia's left out); A's shares: ideas 1/5 = 0.2, votes 1/4 = 0.25,
//!   comments 0/2 = 0.
//! Triage (support threshold set to 1): I2 (1 vote: D's), then I4, I5 (0 votes, the
//!   one waiting longest first); I1 launched and I3 declined are out. Total 3, past 1.

use ideaboard_core::model::{
    BoardSettings, Category, CommentKind, IdeaStatus, NewIdea, Priority, TriageQuery,
};
use ideaboard_core::{Board, ErrorCode, Timestamp, ops};

use crate::support::{
    DAY, HOUR, MINUTE, Member, T0, add_fan, add_team, assert_consistent, code_of, comment,
    new_board, post, status,
};

const W0_START: i64 = 1_789_948_800_000;
const WEEK: i64 = 7 * DAY;

fn at(days: i64, hours: i64, minutes: i64) -> Timestamp {
    T0.plus_millis(days * DAY + hours * HOUR + minutes * MINUTE)
}

fn now() -> Timestamp {
    at(14, 8, 0)
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-9
}

fn submit_at(
    board: &mut Board,
    who: &Member,
    title: &str,
    drinks: bool,
    when: Timestamp,
) -> String {
    let idea = NewIdea {
        title: title.into(),
        body: format!("Body of {title}"),
        category: drinks.then(|| "drinks".to_string()),
        tags: Vec::new(),
    };
    ops::submit_idea(board, &who.actor, &idea, when)
        .unwrap()
        .idea
        .id
}

fn move_to(
    board: &mut Board,
    team: &Member,
    idea: &str,
    to: IdeaStatus,
    note: Option<&str>,
    when: Timestamp,
) {
    ops::change_status(board, &team.actor, &status(idea, to, note), when).unwrap();
}

struct Story {
    board: Board,
    admin: Member,
    mia: Member,
    fans: [Member; 5],
    ideas: [String; 5],
}

fn story() -> Story {
    let (mut board, admin) = new_board(T0);
    let b = &mut board;
    let mia = add_team(b, &admin, "Mia", ideaboard_core::model::Role::Moderator, T0);
    let fans = ["A", "B", "C", "D", "E"].map(|name| add_fan(b, &format!("Fan {name}"), T0));
    let [a, bb, c, d, e] = &fans;
    let drinks = Category {
        slug: "drinks".into(),
        name: "饮品".into(),
        name_en: Some("Drinks".into()),
    };
    ops::add_category(b, &mia.actor, &drinks, T0).unwrap();
    let settings = BoardSettings {
        support_threshold: 1,
        ..ops::board_settings(b).unwrap()
    };
    ops::update_board_settings(b, &admin.actor, &settings, T0).unwrap();

    let i1 = submit_at(b, a, "Oat milk in every store", true, at(0, 0, 0));
    let i2 = submit_at(b, bb, "Reusable cup discount", false, at(0, 1, 0));
    ops::vote(b, &bb.actor, &i1, Priority::Important, at(0, 2, 0)).unwrap();
    ops::vote(b, &c.actor, &i1, Priority::Critical, at(0, 3, 0)).unwrap();
    ops::vote(b, &a.actor, &i2, Priority::NiceToHave, at(7, 0, 0)).unwrap();
    post(
        b,
        c,
        &comment(&i1, CommentKind::Public, "Yes please"),
        at(7, 1, 0),
    );
    let i3 = submit_at(b, d, "Free coffee forever", false, at(7, 2, 0));
    move_to(
        b,
        &mia,
        &i1,
        IdeaStatus::UnderReview,
        Some("Looking into it"),
        at(7, 3, 0),
    );
    let i4 = submit_at(b, c, "Longer opening hours", false, at(7, 4, 0));
    move_to(b, &mia, &i1, IdeaStatus::Planned, None, at(14, 0, 0));
    let i5 = submit_at(b, e, "Quieter music in the morning", false, at(14, 0, 30));
    move_to(
        b,
        &mia,
        &i1,
        IdeaStatus::Launched,
        Some("In every store now"),
        at(14, 1, 0),
    );
    ops::vote(b, &d.actor, &i2, Priority::Important, at(14, 2, 0)).unwrap();
    let e_comment = post(
        b,
        e,
        &comment(&i2, CommentKind::Public, "Spam spam"),
        at(14, 3, 0),
    );
    post(
        b,
        &mia,
        &comment(&i2, CommentKind::Official, "We are testing it"),
        at(14, 4, 0),
    );
    ops::unvote(b, &a.actor, &i2, at(14, 5, 0)).unwrap();
    move_to(
        b,
        &mia,
        &i3,
        IdeaStatus::Declined,
        Some("Sorry, no"),
        at(14, 6, 0),
    );
    ops::set_comment_hidden(b, &mia.actor, &e_comment, true, at(14, 7, 0)).unwrap();
    Story {
        board,
        admin,
        mia,
        fans,
        ideas: [i1, i2, i3, i4, i5],
    }
}

#[test]
fn team_analytics_match_the_hand_computed_board() {
    let s = story();
    assert_consistent(&s.board);
    let a = ops::team_analytics(&s.board, &s.mia.actor, 4, now()).unwrap();

    // Weeks: W-1 (zero-filled), W0, W1, W2.
    let weeks: Vec<(i64, u32, u32, u32)> = a
        .weeks
        .iter()
        .map(|w| (w.week_start.millis(), w.ideas, w.votes, w.comments))
        .collect();
    assert_eq!(
        weeks,
        vec![
            (W0_START - WEEK, 0, 0, 0),
            (W0_START, 2, 2, 0),
            (W0_START + WEEK, 2, 1, 1),
            (W0_START + 2 * WEEK, 1, 1, 2),
        ]
    );

    let funnel: Vec<(&str, u32)> = a
        .funnel
        .iter()
        .map(|f| (f.stage.as_str(), f.ideas))
        .collect();
    assert_eq!(
        funnel,
        vec![
            ("submitted", 5),
            ("reviewed", 2),
            ("planned", 1),
            ("launched", 1)
        ]
    );
    let conversions: Vec<f64> = a.funnel.iter().map(|f| f.conversion).collect();
    for (got, want) in conversions.iter().zip([1.0, 0.4, 0.5, 1.0]) {
        assert!(close(*got, want), "{conversions:?}");
    }

    let o = &a.overall;
    assert_eq!((o.ideas, o.answered, o.launched), (5, 3, 1));
    assert!(close(o.adoption_rate, 0.2));
    assert!(close(o.median_days_to_answer.unwrap(), 7.0 + 4.0 / 24.0));
    assert!(close(o.median_days_to_launch.unwrap(), 14.0 + 1.0 / 24.0));

    assert_eq!(a.by_category.len(), 2);
    let drinks = &a.by_category[0];
    assert_eq!(drinks.category.as_ref().unwrap().slug, "drinks");
    assert_eq!((drinks.ideas, drinks.answered, drinks.launched), (1, 1, 1));
    assert!(close(drinks.adoption_rate, 1.0));
    assert!(close(drinks.median_days_to_answer.unwrap(), 7.125));
    assert!(close(
        drinks.median_days_to_launch.unwrap(),
        14.0 + 1.0 / 24.0
    ));
    let none = &a.by_category[1];
    assert!(none.category.is_none());
    assert_eq!((none.ideas, none.answered, none.launched), (4, 2, 0));
    assert!(close(none.adoption_rate, 0.0));
    let expected = (7.0 + 4.0 / 24.0 + 14.125) / 2.0;
    assert!(close(none.median_days_to_answer.unwrap(), expected));
    assert_eq!(none.median_days_to_launch, None);

    let unanswered: Vec<(&str, f64)> = a
        .oldest_unanswered
        .iter()
        .map(|u| (u.idea.id.as_str(), u.waiting_days))
        .collect();
    assert_eq!(unanswered.len(), 2);
    assert_eq!(unanswered[0].0, s.ideas[3]);
    assert!(close(unanswered[0].1, 7.0 + 4.0 / 24.0));
    assert_eq!(unanswered[1].0, s.ideas[4]);
    assert!(close(unanswered[1].1, 0.3125));
}

#[test]
fn engagement_matches_the_hand_computed_board() {
    let s = story();
    let e = ops::engagement(&s.board, &s.admin.actor, 3, 3, now()).unwrap();
    assert_eq!(
        (e.core.participants, e.core.core_fans, e.core.points_cutoff),
        (5, 1, 110)
    );
    assert!(close(e.core.idea_share, 0.2));
    assert!(close(e.core.vote_share, 0.25));
    assert!(close(e.core.comment_share, 0.0));

    let [a, b, c, ..] = &s.fans;
    /// rank, member id, points, ideas, adopted, votes, comments, engagement index
    type Standing<'a> = (u32, &'a str, i32, u32, u32, u32, u32, u32);
    let board: Vec<Standing> = e
        .leaderboard
        .iter()
        .map(|f| {
            (
                f.rank,
                f.member.id.as_str(),
                f.points,
                f.ideas,
                f.adopted,
                f.votes,
                f.comments,
                f.engagement_index,
            )
        })
        .collect();
    assert_eq!(
        board,
        vec![
            (1, a.id.as_str(), 110, 1, 1, 1, 0, 26),
            (2, c.id.as_str(), 13, 1, 0, 1, 1, 8),
            (3, b.id.as_str(), 11, 1, 0, 1, 0, 6),
        ]
    );
    // One member's standing, wherever they rank.
    let d = ops::member_engagement(&s.board, &s.mia.actor, &s.fans[3].id).unwrap();
    assert_eq!((d.rank, d.points, d.engagement_index), (4, 11, 6));
    let e5 = ops::member_engagement(&s.board, &s.mia.actor, &s.fans[4].id).unwrap();
    assert_eq!(
        (e5.rank, e5.points, e5.comments, e5.engagement_index),
        (5, 10, 1, 7)
    );
    let top = ops::member_engagement(&s.board, &s.mia.actor, &a.id).unwrap();
    assert_eq!(top, e.leaderboard[0]);
    // Mia (2 points) would come after all five fans; the owner never took part.
    let mia = ops::member_engagement(&s.board, &s.admin.actor, &s.mia.id).unwrap();
    assert_eq!((mia.rank, mia.points, mia.comments), (6, 2, 1));
    let owner = ops::member_engagement(&s.board, &s.mia.actor, &s.admin.id).unwrap();
    assert_eq!(
        (owner.rank, owner.points, owner.engagement_index),
        (0, 0, 0)
    );
    // Each member sees their own standing as the team sees it, the team included.
    for (member, team_view) in [(&s.fans[3], &d), (&s.fans[4], &e5), (&s.mia, &mia)] {
        assert_eq!(
            &ops::my_standing(&s.board, &member.actor).unwrap(),
            team_view
        );
    }
    // Points on the leaderboard are the members' points.
    let profile = ops::my_profile(&s.board, &a.actor).unwrap();
    assert_eq!(profile.points, 110);

    let weeks: Vec<(i64, u32, u32)> = e
        .weeks
        .iter()
        .map(|w| (w.week_start.millis(), w.new, w.returning))
        .collect();
    assert_eq!(
        weeks,
        vec![
            (W0_START, 3, 0),
            (W0_START + WEEK, 1, 2),
            (W0_START + 2 * WEEK, 2, 1),
        ]
    );
}

#[test]
fn the_triage_inbox_matches_the_hand_computed_board() {
    let s = story();
    let page = ops::triage_inbox(&s.board, &s.mia.actor, &TriageQuery::default()).unwrap();
    let got: Vec<(&str, u32, bool)> = page
        .items
        .iter()
        .map(|i| (i.idea.id.as_str(), i.idea.vote_count, i.past_threshold))
        .collect();
    assert_eq!(
        got,
        vec![
            (s.ideas[1].as_str(), 1, true),
            (s.ideas[3].as_str(), 0, false),
            (s.ideas[4].as_str(), 0, false),
        ]
    );
    assert_eq!(
        (
            page.total,
            page.past_threshold,
            page.support_threshold,
            page.has_more
        ),
        (3, 1, 1, false)
    );

    // Paged: two, then the last one.
    let first = TriageQuery {
        limit: 2,
        ..TriageQuery::default()
    };
    let p1 = ops::triage_inbox(&s.board, &s.mia.actor, &first).unwrap();
    assert_eq!((p1.items.len(), p1.has_more), (2, true));
    let second = TriageQuery { offset: 2, ..first };
    let p2 = ops::triage_inbox(&s.board, &s.mia.actor, &second).unwrap();
    assert_eq!(p2.items[0].idea.id, s.ideas[4]);
    assert!(!p2.has_more);

    // Only under review: none left (I1 moved on).
    let review = TriageQuery {
        status: Some(IdeaStatus::UnderReview),
        ..TriageQuery::default()
    };
    let p = ops::triage_inbox(&s.board, &s.mia.actor, &review).unwrap();
    assert_eq!((p.items.len(), p.total), (0, 0));
    let planned = TriageQuery {
        status: Some(IdeaStatus::Planned),
        ..TriageQuery::default()
    };
    assert_eq!(
        code_of(ops::triage_inbox(&s.board, &s.mia.actor, &planned)),
        ErrorCode::InvalidInput
    );
}

#[test]
fn weeks_are_clamped_and_an_empty_board_has_zero_figures() {
    let (board, admin) = new_board(T0);
    let a = ops::team_analytics(&board, &admin.actor, 0, T0).unwrap();
    assert_eq!(a.weeks.len(), 1);
    assert_eq!(a.weeks[0].week_start.millis(), W0_START);
    assert!(a.funnel.iter().all(|f| f.ideas == 0));
    assert!(a.funnel[1..].iter().all(|f| f.conversion == 0.0));
    let a = ops::team_analytics(&board, &admin.actor, 1000, T0).unwrap();
    assert_eq!(a.weeks.len(), ops::WEEKS_MAX as usize);
    let e = ops::engagement(&board, &admin.actor, 20, 12, T0).unwrap();
    assert_eq!((e.core.participants, e.core.core_fans), (0, 0));
    assert!(e.leaderboard.is_empty());
    assert_eq!(e.weeks.len(), 12);
}

/// Events need not arrive in time order (a clock set back, an import): a member's
/// "new" week is their earliest activity whatever the order, and the aggregates
/// still equal a recount.
#[test]
fn an_earlier_event_arriving_late_moves_the_members_new_week() {
    let (mut board, admin) = new_board(T0);
    let fan = add_fan(&mut board, "Fan", T0);
    let idea = submit_at(
        &mut board,
        &admin,
        "Oat milk in every store",
        false,
        at(14, 0, 0),
    );
    ops::vote(
        &mut board,
        &fan.actor,
        &idea,
        Priority::Important,
        at(14, 1, 0),
    )
    .unwrap();
    let e = ops::engagement(&board, &admin.actor, 5, 3, now()).unwrap();
    let new: Vec<u32> = e.weeks.iter().map(|w| w.new).collect();
    assert_eq!(new, vec![0, 0, 2]);
    // The fan's comment is stamped in W0, after the vote in W2 was recorded.
    post(
        &mut board,
        &fan,
        &comment(&idea, CommentKind::Public, "Early"),
        at(0, 1, 0),
    );
    assert_consistent(&board);
    let e = ops::engagement(&board, &admin.actor, 5, 3, now()).unwrap();
    let weeks: Vec<(u32, u32)> = e.weeks.iter().map(|w| (w.new, w.returning)).collect();
    assert_eq!(weeks, vec![(1, 0), (0, 0), (1, 1)]);
}
