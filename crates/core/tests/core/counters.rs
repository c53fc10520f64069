//! Denormalised counters and the stored trending score stay equal to a recount,
//! including where undoing an event leaves almost nothing of an idea's score (the
//! incremental update must then fall back to a recount, and only once).

use ideaboard_core::model::{CommentKind, IdeaStatus, Priority, Reaction};
use ideaboard_core::{Board, ops};

use crate::support::{
    DAY, MINUTE, Member, T0, add_fan, assert_consistent, comment, new_board, post, set_status,
    submit,
};

/// An idea submitted at T0 and left alone for `quiet_days`, plus a fan to act on it.
fn quiet_idea(quiet_days: i64) -> (Board, Member, String, ideaboard_core::Timestamp) {
    let (mut board, _) = new_board(T0);
    let fan = add_fan(&mut board, "Fan", T0);
    let idea = submit(&mut board, &fan, "An idea nobody noticed", T0);
    (board, fan, idea, T0.plus_millis(quiet_days * DAY))
}

#[test]
fn a_priority_change_on_a_lone_late_vote_keeps_trending_consistent() {
    for quiet_days in [0, 30, 150, 200, 400] {
        let (mut board, fan, idea, later) = quiet_idea(quiet_days);
        ops::vote(&mut board, &fan.actor, &idea, Priority::NiceToHave, later).unwrap();
        for priority in [
            Priority::Critical,
            Priority::Important,
            Priority::NiceToHave,
        ] {
            ops::change_vote_priority(&mut board, &fan.actor, &idea, priority, later).unwrap();
            assert_eq!(
                board.counter_mismatches().unwrap(),
                Vec::<String>::new(),
                "{quiet_days} days"
            );
        }
    }
}

#[test]
fn withdrawing_a_lone_late_vote_keeps_trending_consistent() {
    for quiet_days in [0, 200, 400] {
        let (mut board, fan, idea, later) = quiet_idea(quiet_days);
        ops::vote(&mut board, &fan.actor, &idea, Priority::Critical, later).unwrap();
        ops::unvote(&mut board, &fan.actor, &idea, later.plus_millis(MINUTE)).unwrap();
        assert_consistent(&board);
    }
}

#[test]
fn deleting_a_lone_late_comment_keeps_trending_consistent() {
    for quiet_days in [0, 200, 400] {
        let (mut board, fan, idea, later) = quiet_idea(quiet_days);
        let c = post(
            &mut board,
            &fan,
            &comment(&idea, CommentKind::Public, "Hello?"),
            later,
        );
        ops::delete_comment(&mut board, &fan.actor, &c, later).unwrap();
        assert_consistent(&board);
    }
}

#[test]
fn counters_follow_votes_comments_reactions_and_merges() {
    let (mut board, admin) = new_board(T0);
    let b = &mut board;
    let fans: Vec<Member> = (0..4)
        .map(|i| add_fan(b, &format!("Fan {i}"), T0))
        .collect();
    let a = submit(b, &fans[0], "Oat milk", T0);
    let target = submit(b, &fans[1], "Plant milks", T0);
    for (i, fan) in fans.iter().enumerate() {
        let at = T0.plus_millis(i as i64 * DAY);
        ops::vote(b, &fan.actor, &a, Priority::ALL[i % 3], at).unwrap();
        if i % 2 == 0 {
            ops::vote(b, &fan.actor, &target, Priority::Critical, at).unwrap();
        }
        let c = post(b, fan, &comment(&a, CommentKind::Public, "Me too"), at);
        ops::react(b, &fans[0].actor, &c, Reaction::Like, true, at).unwrap();
        if i == 3 {
            ops::delete_comment(b, &admin.actor, &c, at).unwrap();
        }
        if i == 2 {
            // Hidden and shown again: it counts once more.
            ops::set_comment_hidden(b, &admin.actor, &c, true, at).unwrap();
            assert_consistent(b);
            ops::set_comment_hidden(b, &admin.actor, &c, false, at).unwrap();
        }
    }
    post(b, &admin, &comment(&a, CommentKind::Internal, "Note"), T0);
    set_status(
        b,
        &admin,
        &a,
        IdeaStatus::UnderReview,
        T0.plus_millis(5 * DAY),
    );
    assert_consistent(b);
    let detail = ops::get_idea(b, &admin.actor, &a, T0).unwrap();
    assert_eq!((detail.idea.vote_count, detail.idea.comment_count), (4, 3));

    ops::merge_ideas(b, &admin.actor, &a, &target, None, T0.plus_millis(6 * DAY)).unwrap();
    assert_consistent(b);
    let merged = ops::get_idea(b, &admin.actor, &target, T0).unwrap();
    assert_eq!((merged.idea.vote_count, merged.idea.comment_count), (4, 3));
    let overview = ops::board_overview(b).unwrap();
    assert_eq!(
        (
            overview.counts.ideas,
            overview.counts.votes,
            overview.counts.comments,
            overview.counts.members
        ),
        (1, 4, 3, 5)
    );
}
