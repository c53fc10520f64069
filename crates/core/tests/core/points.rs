//! The points ledger and the vote budget: what each event is worth, that a profile's
//! points are the sum of its ledger, and that closed ideas give votes back.

use ideaboard_core::model::{CommentKind, IdeaStatus, PointsReason as R, Priority, Reaction};
use ideaboard_core::{Board, ErrorCode, ops};

use crate::support::{
    Fixture, Member, T0, add_fan, assert_consistent, assert_refused, comment, new_board, post,
    set_status, submit,
};

/// The member's ledger, oldest first, as (reason, delta).
fn ledger(board: &Board, who: &Member) -> Vec<(R, i32)> {
    let mut lines: Vec<(R, i32)> = ops::my_points(board, &who.actor, 500)
        .unwrap()
        .into_iter()
        .map(|e| (e.reason, e.delta))
        .collect();
    lines.reverse();
    lines
}

/// Profile points, checked against the sum of the member's ledger.
fn points(board: &Board, who: &Member) -> i32 {
    let profile = ops::my_profile(board, &who.actor).unwrap();
    let sum: i32 = ledger(board, who).iter().map(|(_, d)| d).sum();
    assert_eq!(profile.points, sum, "profile points differ from the ledger");
    profile.points
}

#[test]
fn each_event_lands_in_the_ledger_and_the_profile_is_its_sum() {
    let (mut board, admin) = new_board(T0);
    let b = &mut board;
    let author = add_fan(b, "Author", T0);
    let voter = add_fan(b, "Voter", T0);
    let idea = submit(b, &author, "Oat milk in every store", T0);
    assert_eq!(ledger(b, &author), [(R::IdeaSubmitted, 10)]);

    ops::vote(b, &voter.actor, &idea, Priority::Critical, T0).unwrap();
    ops::unvote(b, &voter.actor, &idea, T0).unwrap();
    ops::vote(b, &voter.actor, &idea, Priority::Important, T0).unwrap();
    assert_eq!(
        ledger(b, &voter),
        [(R::VoteCast, 1), (R::VoteWithdrawn, -1), (R::VoteCast, 1)]
    );
    assert_eq!(points(b, &voter), 1);

    let c = post(b, &voter, &comment(&idea, CommentKind::Public, "Yes"), T0);
    ops::react(b, &author.actor, &c, Reaction::Love, true, T0).unwrap();
    ops::react(b, &voter.actor, &c, Reaction::Like, true, T0).unwrap(); // own: no points
    ops::react(b, &author.actor, &c, Reaction::Love, false, T0).unwrap();
    ops::delete_comment(b, &voter.actor, &c, T0).unwrap();
    assert_eq!(
        ledger(b, &voter)[3..],
        [
            (R::CommentPosted, 2),
            (R::ReactionReceived, 1),
            (R::ReactionWithdrawn, -1),
            (R::CommentRemoved, -2)
        ]
    );
    assert_eq!(points(b, &voter), 1);

    // Internal notes earn nothing.
    post(
        b,
        &admin,
        &comment(&idea, CommentKind::Internal, "Note"),
        T0,
    );
    assert_eq!(points(b, &admin), 0);

    set_status(b, &admin, &idea, IdeaStatus::Launched, T0);
    assert_eq!(ledger(b, &author).last(), Some(&(R::IdeaLaunched, 100)));
    assert_eq!(points(b, &author), 110);
    assert_consistent(b);
}

#[test]
fn reaching_ten_votes_pays_the_author_once() {
    let (mut board, _) = new_board(T0);
    let b = &mut board;
    let author = add_fan(b, "Author", T0);
    let voters: Vec<Member> = (0..11).map(|i| add_fan(b, &format!("V{i}"), T0)).collect();
    let idea = submit(b, &author, "Oat milk in every store", T0);
    for voter in &voters[..10] {
        ops::vote(b, &voter.actor, &idea, Priority::NiceToHave, T0).unwrap();
    }
    assert_eq!(points(b, &author), 10 + 20);
    // Falling below and climbing back does not pay twice.
    ops::unvote(b, &voters[0].actor, &idea, T0).unwrap();
    ops::vote(b, &voters[10].actor, &idea, Priority::NiceToHave, T0).unwrap();
    assert_eq!(points(b, &author), 30);
    assert_eq!(
        ledger(b, &author)
            .iter()
            .filter(|(r, _)| *r == R::IdeaReachedVotes)
            .count(),
        1
    );
}

fn budget(fx: &mut Fixture, votes: Option<u32>) {
    let mut settings = ops::board_settings(&fx.board).unwrap();
    settings.vote_budget = votes;
    ops::update_board_settings(&mut fx.board, &fx.admin.actor, &settings, fx.now).unwrap();
}

fn votes_left(fx: &Fixture, who: &Member) -> Option<u32> {
    ops::votes_left(&fx.board, &who.actor).unwrap()
}

#[test]
fn launched_declined_and_merged_ideas_give_votes_back() {
    let mut fx = Fixture::new();
    let (fan, moderator, now) = (fx.fan.clone(), fx.moderator.clone(), fx.now);
    assert_eq!(votes_left(&fx, &fan), None);
    budget(&mut fx, Some(3));
    // The fixture's fan already votes for `voted_idea`.
    let b = &mut fx.board;
    let ideas: Vec<String> = ["W idea", "X idea", "Y idea", "Z idea"]
        .iter()
        .map(|t| submit(b, &moderator, t, now))
        .collect();
    ops::vote(b, &fan.actor, &ideas[0], Priority::Important, now).unwrap();
    ops::vote(b, &fan.actor, &ideas[1], Priority::Important, now).unwrap();
    assert_eq!(votes_left(&fx, &fan), Some(0));
    let z = ideas[3].clone();
    assert_refused(&mut fx.board, ErrorCode::VoteBudgetExhausted, |b| {
        ops::vote(b, &fan.actor, &z, Priority::Critical, now)
    });

    set_status(
        &mut fx.board,
        &moderator,
        &ideas[0],
        IdeaStatus::Launched,
        now,
    );
    assert_eq!(votes_left(&fx, &fan), Some(1));
    ops::vote(
        &mut fx.board,
        &fan.actor,
        &ideas[2],
        Priority::Critical,
        now,
    )
    .unwrap();
    assert_eq!(votes_left(&fx, &fan), Some(0));

    set_status(
        &mut fx.board,
        &moderator,
        &ideas[1],
        IdeaStatus::Declined,
        now,
    );
    assert_eq!(votes_left(&fx, &fan), Some(1));
    ops::vote(
        &mut fx.board,
        &fan.actor,
        &ideas[3],
        Priority::Critical,
        now,
    )
    .unwrap();
    assert_eq!(votes_left(&fx, &fan), Some(0));

    // Y and Z are duplicates the fan voted for twice: the merge gives one vote back.
    let (y, z) = (ideas[2].clone(), ideas[3].clone());
    ops::merge_ideas(&mut fx.board, &moderator.actor, &y, &z, None, now).unwrap();
    assert_eq!(votes_left(&fx, &fan), Some(1));
    assert_consistent(&fx.board);
}

#[test]
fn a_vote_that_moves_to_an_open_target_stays_active() {
    let mut fx = Fixture::new();
    budget(&mut fx, Some(2));
    let (other, moderator, now) = (fx.other_fan.clone(), fx.moderator.clone(), fx.now);
    // other_fan holds one vote (on voted_idea); add one on fan_idea, then merge it away.
    let (source, target) = (fx.fan_idea.clone(), fx.spare_idea.clone());
    ops::vote(
        &mut fx.board,
        &other.actor,
        &source,
        Priority::Important,
        now,
    )
    .unwrap();
    assert_eq!(votes_left(&fx, &other), Some(0));
    ops::merge_ideas(&mut fx.board, &moderator.actor, &source, &target, None, now).unwrap();
    assert_eq!(votes_left(&fx, &other), Some(0));
    let detail = ops::get_idea(&fx.board, &other.actor, &target, now).unwrap();
    assert_eq!(detail.idea.my_vote, Some(Priority::Important));
}

#[test]
fn a_new_fan_starts_at_level_one_with_no_points() {
    let (mut board, _) = new_board(T0);
    let fan = add_fan(&mut board, "New", T0);
    let profile = ops::my_profile(&board, &fan.actor).unwrap();
    assert_eq!((profile.points, profile.level), (0, 1));
    assert!(ledger(&board, &fan).is_empty());
}
