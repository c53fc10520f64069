//! Merging a duplicate: votes, comments and followers move to the surviving idea;
//! a member who voted for both keeps one vote, at the higher priority.

use ideaboard_core::model::{
    CommentKind, IdeaSort, IdeaStatus, ListQuery, PointsReason, Priority, Role, VoteBreakdown,
};
use ideaboard_core::{Actor, Board, ErrorCode, ops};

use crate::support::{
    MINUTE, Member, T0, add_fan, add_team, assert_consistent, assert_refused, comment, new_board,
    post, reply, submit,
};

struct Duplicates {
    board: Board,
    moderator: Member,
    fans: Vec<Member>,
    /// By fans[0]; votes: fans 0 (nice), 2 (important), 3 (critical).
    source: String,
    /// By fans[1]; votes: fans 1 (important), 3 (nice to have).
    target: String,
    source_comments: Vec<String>,
}

fn duplicates() -> Duplicates {
    let (mut board, admin) = new_board(T0);
    let b = &mut board;
    let moderator = add_team(b, &admin, "Mia", Role::Moderator, T0);
    let fans: Vec<Member> = (0..5)
        .map(|i| add_fan(b, &format!("Fan {i}"), T0))
        .collect();
    let source = submit(b, &fans[0], "Oat milk please", T0);
    let target = submit(b, &fans[1], "Plant-based milk options", T0);
    for (fan, idea, priority) in [
        (0, &source, Priority::NiceToHave),
        (2, &source, Priority::Important),
        (3, &source, Priority::Critical),
        (1, &target, Priority::Important),
        (3, &target, Priority::NiceToHave),
    ] {
        ops::vote(b, &fans[fan].actor, idea, priority, T0).unwrap();
    }
    let first = post(
        b,
        &fans[2],
        &comment(&source, CommentKind::Public, "Yes!"),
        T0,
    );
    let answer = post(
        b,
        &fans[0],
        &reply(&source, &first, CommentKind::Public, "Thanks"),
        T0,
    );
    let note = post(
        b,
        &moderator,
        &comment(&source, CommentKind::Internal, "Dup of #2"),
        T0,
    );
    post(
        b,
        &fans[1],
        &comment(&target, CommentKind::Public, "Soy too"),
        T0,
    );
    ops::set_following(b, &fans[4].actor, &source, true, T0).unwrap();
    Duplicates {
        board,
        moderator,
        fans,
        source,
        target,
        source_comments: vec![first, answer, note],
    }
}

#[test]
fn the_preview_says_what_will_move() {
    let d = duplicates();
    let preview = ops::merge_preview(&d.board, &d.moderator.actor, &d.source, &d.target).unwrap();
    assert_eq!((preview.source_number, preview.target_number), (1, 2));
    assert_eq!(preview.votes_moving, 3);
    assert_eq!(preview.votes_collapsing, 1);
    assert_eq!(preview.comments_moving, 3);
    // Fans 0 (author), 2 and 3 (voters), 4 (follows) and the moderator (a note).
    assert_eq!(preview.followers_moving, 5);
}

#[test]
fn votes_comments_and_followers_move_and_double_votes_collapse() {
    let mut d = duplicates();
    let at = T0.plus_millis(MINUTE);
    let note = Some("Same idea as #2");
    let merged = ops::merge_ideas(
        &mut d.board,
        &d.moderator.actor,
        &d.source,
        &d.target,
        note,
        at,
    );
    let merged = merged.unwrap();

    // The target holds the union of voters, fan 3 once, at their higher priority.
    assert_eq!(merged.idea.vote_count, 4);
    let votes = VoteBreakdown {
        nice_to_have: 1,
        important: 2,
        critical: 1,
    };
    assert_eq!(merged.votes, votes);
    let fan3 = ops::get_idea(&d.board, &d.fans[3].actor, &d.target, at).unwrap();
    assert_eq!(fan3.idea.my_vote, Some(Priority::Critical));

    // The source shows where it went.
    let source = ops::get_idea(&d.board, &Actor::guest(), &d.source, at).unwrap();
    assert_eq!(source.idea.status, IdeaStatus::Merged);
    assert_eq!(source.idea.merged_into, Some(merged.idea.number));
    assert_eq!((source.idea.vote_count, source.idea.comment_count), (0, 0));
    let last = source.journey.last().unwrap();
    assert_eq!(
        (last.from, last.to),
        (Some(IdeaStatus::New), IdeaStatus::Merged)
    );
    assert_eq!(last.note.as_deref(), note);

    // Its comments are on the target, threads intact; the internal note for the team only.
    let thread = ops::list_comments(&d.board, &d.moderator.actor, &d.target).unwrap();
    for id in &d.source_comments {
        assert!(
            thread.iter().any(|c| &c.id == id),
            "comment {id} did not move"
        );
    }
    let answer = thread
        .iter()
        .find(|c| c.id == d.source_comments[1])
        .unwrap();
    assert_eq!(
        answer.parent_id.as_deref(),
        Some(d.source_comments[0].as_str())
    );
    assert!(
        ops::list_comments(&d.board, &d.moderator.actor, &d.source)
            .unwrap()
            .is_empty()
    );
    assert_eq!(merged.idea.comment_count, 3);

    // Followers moved.
    for fan in [&d.fans[0], &d.fans[2], &d.fans[4]] {
        assert!(
            ops::get_idea(&d.board, &fan.actor, &d.target, at)
                .unwrap()
                .following
        );
        assert!(
            !ops::get_idea(&d.board, &fan.actor, &d.source, at)
                .unwrap()
                .following
        );
    }

    // Only the target is listed, and a moved vote is a vote on the target.
    let listed = ops::list_ideas(&d.board, &Actor::guest(), &ListQuery::default()).unwrap();
    assert_eq!(
        listed
            .items
            .iter()
            .map(|i| i.id.as_str())
            .collect::<Vec<_>>(),
        [d.target.as_str()]
    );
    let fan2 = d.fans[2].actor.clone();
    let target = d.target.clone();
    assert_refused(&mut d.board, ErrorCode::AlreadyVoted, |b| {
        ops::vote(b, &fan2, &target, Priority::Critical, at)
    });
    let source_id = d.source.clone();
    assert_refused(&mut d.board, ErrorCode::VotingClosed, |b| {
        ops::vote(b, &fan2, &source_id, Priority::Critical, at)
    });
    assert_consistent(&d.board);
}

#[test]
fn a_merge_that_takes_the_target_past_a_milestone_pays_its_author() {
    let (mut board, admin) = new_board(T0);
    let b = &mut board;
    let voters: Vec<Member> = (0..10)
        .map(|i| add_fan(b, &format!("Voter {i}"), T0))
        .collect();
    let source = submit(b, &voters[0], "Longer hours", T0);
    let target = submit(b, &voters[1], "Open until midnight", T0);
    for (i, voter) in voters.iter().enumerate() {
        let idea = if i < 6 { &source } else { &target };
        ops::vote(b, &voter.actor, idea, Priority::Important, T0).unwrap();
    }
    ops::vote(b, &voters[9].actor, &source, Priority::Important, T0).unwrap();
    let milestones = |b: &Board, who: &Member| {
        let entries = ops::my_points(b, &who.actor, 500).unwrap();
        entries
            .iter()
            .filter(|e| e.reason == PointsReason::IdeaReachedVotes)
            .count()
    };
    assert_eq!(milestones(b, &voters[1]), 0);
    ops::merge_ideas(b, &admin.actor, &source, &target, None, T0).unwrap();
    let detail = ops::get_idea(b, &admin.actor, &target, T0).unwrap();
    assert_eq!(detail.idea.vote_count, 10);
    assert_eq!(milestones(b, &voters[1]), 1);
    assert_consistent(b);
}

#[test]
fn a_merged_idea_is_listed_for_the_team_only() {
    let mut d = duplicates();
    let (source, target) = (d.source.clone(), d.target.clone());
    ops::merge_ideas(&mut d.board, &d.moderator.actor, &source, &target, None, T0).unwrap();
    let query = ListQuery {
        include_hidden: true,
        sort: IdeaSort::New,
        ..ListQuery::default()
    };
    let team = ops::list_ideas(&d.board, &d.moderator.actor, &query).unwrap();
    assert!(
        team.items
            .iter()
            .any(|i| i.id == source && i.status == IdeaStatus::Merged)
    );
}
