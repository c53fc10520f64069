//! Closing the loop: who is told when an idea moves, is answered or is replied to.

use ideaboard_core::model::{
    CommentKind, IdeaStatus, Notification, NotificationKind as K, Priority, Role,
};
use ideaboard_core::{Board, ops};

use crate::support::{
    MINUTE, Member, T0, add_fan, add_team, comment, new_board, post, reply, set_status, submit,
};

fn notices(board: &Board, who: &Member) -> Vec<Notification> {
    ops::list_notifications(board, &who.actor, false, 200)
        .unwrap()
        .items
}

fn kinds(board: &Board, who: &Member) -> Vec<K> {
    notices(board, who).into_iter().map(|n| n.kind).collect()
}

/// An idea with every way of following it, and members who do not follow it.
struct Followed {
    board: Board,
    admin: Member,
    moderator: Member,
    author: Member,
    voter: Member,
    commenter: Member,
    explicit: Member,
    unfollowed: Member,
    bystander: Member,
    idea: String,
    commenter_comment: String,
}

fn followed_idea() -> Followed {
    let (mut board, admin) = new_board(T0);
    let b = &mut board;
    let moderator = add_team(b, &admin, "Mia", Role::Moderator, T0);
    let [author, voter, commenter, explicit, unfollowed, bystander] =
        ["Ann", "Vic", "Cai", "Eve", "Una", "Bo"].map(|name| add_fan(b, name, T0));
    let idea = submit(b, &author, "Oat milk in every store", T0);
    ops::vote(b, &voter.actor, &idea, Priority::Critical, T0).unwrap();
    let commenter_comment = post(
        b,
        &commenter,
        &comment(&idea, CommentKind::Public, "+1"),
        T0,
    );
    ops::set_following(b, &explicit.actor, &idea, true, T0).unwrap();
    ops::vote(b, &unfollowed.actor, &idea, Priority::NiceToHave, T0).unwrap();
    ops::set_following(b, &unfollowed.actor, &idea, false, T0).unwrap();
    post(
        b,
        &moderator,
        &comment(&idea, CommentKind::Public, "Thanks!"),
        T0,
    );
    Followed {
        board,
        admin,
        moderator,
        author,
        voter,
        commenter,
        explicit,
        unfollowed,
        bystander,
        idea,
        commenter_comment,
    }
}

#[test]
fn a_status_change_notifies_every_follower_but_the_actor() {
    let mut f = followed_idea();
    let at = T0.plus_millis(MINUTE);
    set_status(&mut f.board, &f.moderator, &f.idea, IdeaStatus::Planned, at);
    for follower in [&f.author, &f.voter, &f.commenter, &f.explicit] {
        let got = notices(&f.board, follower);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].kind, K::StatusChanged);
        assert_eq!(got[0].status, Some(IdeaStatus::Planned));
        assert_eq!(
            got[0].actor.as_ref().map(|a| a.id.as_str()),
            Some(f.moderator.id.as_str())
        );
        assert_eq!(got[0].idea_id, f.idea);
        assert!(!got[0].read);
    }
    for outsider in [&f.moderator, &f.unfollowed, &f.bystander, &f.admin] {
        assert_eq!(kinds(&f.board, outsider), vec![]);
    }
}

#[test]
fn an_official_answer_notifies_followers_but_its_author() {
    let mut f = followed_idea();
    let answer = comment(
        &f.idea,
        CommentKind::Official,
        "We are testing it in Shanghai.",
    );
    post(&mut f.board, &f.admin, &answer, T0.plus_millis(MINUTE));
    for follower in [&f.author, &f.voter, &f.commenter, &f.explicit, &f.moderator] {
        assert_eq!(kinds(&f.board, follower), vec![K::OfficialAnswer]);
    }
    for outsider in [&f.admin, &f.unfollowed, &f.bystander] {
        assert_eq!(kinds(&f.board, outsider), vec![]);
    }
}

#[test]
fn a_public_comment_notifies_nobody_and_a_reply_notifies_the_parent_author() {
    let mut f = followed_idea();
    let at = T0.plus_millis(MINUTE);
    post(
        &mut f.board,
        &f.voter,
        &comment(&f.idea, CommentKind::Public, "Same"),
        at,
    );
    let answer = reply(&f.idea, &f.commenter_comment, CommentKind::Public, "Agreed");
    post(&mut f.board, &f.voter, &answer, at);
    assert_eq!(kinds(&f.board, &f.commenter), vec![K::Reply]);
    for other in [&f.author, &f.voter, &f.explicit, &f.moderator, &f.bystander] {
        assert_eq!(kinds(&f.board, other), vec![]);
    }
    // Replying to oneself tells no one.
    let own = reply(
        &f.idea,
        &f.commenter_comment,
        CommentKind::Public,
        "Also me",
    );
    post(&mut f.board, &f.commenter, &own, at);
    assert_eq!(kinds(&f.board, &f.commenter), vec![K::Reply]);
}

#[test]
fn a_merge_notifies_the_source_followers_and_they_follow_the_target() {
    let mut f = followed_idea();
    let target = submit(&mut f.board, &f.bystander, "Plant milk options", T0);
    let at = T0.plus_millis(MINUTE);
    ops::merge_ideas(&mut f.board, &f.moderator.actor, &f.idea, &target, None, at).unwrap();
    for follower in [&f.author, &f.voter, &f.commenter, &f.explicit] {
        assert_eq!(kinds(&f.board, follower), vec![K::Merged]);
    }
    set_status(&mut f.board, &f.admin, &target, IdeaStatus::UnderReview, at);
    for follower in [&f.author, &f.voter, &f.commenter, &f.explicit, &f.bystander] {
        let latest = &notices(&f.board, follower)[0];
        assert_eq!(
            (latest.kind, latest.idea_id.as_str()),
            (K::StatusChanged, target.as_str())
        );
    }
}

#[test]
fn marking_read_lowers_the_unread_count() {
    let mut f = followed_idea();
    set_status(&mut f.board, &f.moderator, &f.idea, IdeaStatus::Planned, T0);
    set_status(
        &mut f.board,
        &f.moderator,
        &f.idea,
        IdeaStatus::InProgress,
        T0,
    );
    let page = ops::list_notifications(&f.board, &f.author.actor, false, 50).unwrap();
    assert_eq!(page.unread, 2);
    let first = vec![page.items[0].id.clone()];
    let changed = ops::mark_notifications_read(&mut f.board, &f.author.actor, Some(&first), T0);
    assert_eq!(changed.unwrap(), 1);
    let unread = ops::list_notifications(&f.board, &f.author.actor, true, 50).unwrap();
    assert_eq!((unread.unread, unread.items.len()), (1, 1));
    // Another member cannot mark someone else's notification read. A notice goes to
    // every follower under one id, so the voter, who follows too, marks only their
    // own copy: the author's stays unread.
    let voter = f.voter.actor.clone();
    let second = vec![unread.items[0].id.clone()];
    assert_eq!(
        ops::mark_notifications_read(&mut f.board, &voter, Some(&second), T0).unwrap(),
        1
    );
    let author = ops::list_notifications(&f.board, &f.author.actor, true, 50).unwrap();
    assert_eq!(
        (author.unread, author.items[0].id.clone()),
        (1, second[0].clone())
    );
    // A member who was never told about a notice cannot mark it at all.
    let bystander = f.bystander.actor.clone();
    assert_eq!(
        ops::mark_notifications_read(&mut f.board, &bystander, Some(&second), T0).unwrap(),
        0
    );
}

#[test]
fn fans_are_not_told_about_ideas_they_cannot_open() {
    let mut f = followed_idea();
    set_status(
        &mut f.board,
        &f.moderator,
        &f.idea,
        IdeaStatus::UnderReview,
        T0,
    );
    ops::set_idea_hidden(&mut f.board, &f.admin.actor, &f.idea, true, T0).unwrap();
    set_status(&mut f.board, &f.admin, &f.idea, IdeaStatus::Declined, T0);
    for fan in [&f.author, &f.voter, &f.commenter, &f.explicit] {
        let page = ops::list_notifications(&f.board, &fan.actor, false, 50).unwrap();
        assert!(page.items.iter().all(|n| n.idea_id != f.idea), "{page:?}");
        assert_eq!(page.unread, 0);
    }
    // The team still sees them, and fans do again once the idea is restored.
    assert_eq!(kinds(&f.board, &f.moderator), vec![K::StatusChanged]);
    ops::set_idea_hidden(&mut f.board, &f.admin.actor, &f.idea, false, T0).unwrap();
    assert_eq!(
        kinds(&f.board, &f.author),
        vec![K::StatusChanged, K::StatusChanged]
    );
}

#[test]
fn a_new_follower_is_not_told_about_the_past_and_an_old_one_keeps_it_after_unfollowing() {
    let mut f = followed_idea();
    set_status(
        &mut f.board,
        &f.moderator,
        &f.idea,
        IdeaStatus::UnderReview,
        T0,
    );
    // Following after a change does not bring that change.
    ops::set_following(&mut f.board, &f.bystander.actor, &f.idea, true, T0).unwrap();
    assert_eq!(kinds(&f.board, &f.bystander), vec![]);
    set_status(&mut f.board, &f.moderator, &f.idea, IdeaStatus::Planned, T0);
    assert_eq!(kinds(&f.board, &f.bystander), vec![K::StatusChanged]);
    // Unfollowing keeps what was delivered, and nothing more arrives.
    let before = notices(&f.board, &f.explicit);
    assert_eq!(before.len(), 2);
    ops::set_following(&mut f.board, &f.explicit.actor, &f.idea, false, T0).unwrap();
    set_status(
        &mut f.board,
        &f.moderator,
        &f.idea,
        IdeaStatus::InProgress,
        T0,
    );
    assert_eq!(notices(&f.board, &f.explicit), before);
    // Following again brings what comes next only, never twice.
    ops::set_following(&mut f.board, &f.explicit.actor, &f.idea, true, T0).unwrap();
    set_status(
        &mut f.board,
        &f.moderator,
        &f.idea,
        IdeaStatus::Launched,
        T0,
    );
    let after = notices(&f.board, &f.explicit);
    assert_eq!(after.len(), 3);
    assert_eq!(after[0].status, Some(IdeaStatus::Launched));
    assert_eq!(after[1..], before[..]);
}

#[test]
fn mark_all_read_covers_what_came_before_it_only() {
    let mut f = followed_idea();
    set_status(
        &mut f.board,
        &f.moderator,
        &f.idea,
        IdeaStatus::UnderReview,
        T0,
    );
    set_status(&mut f.board, &f.moderator, &f.idea, IdeaStatus::Planned, T0);
    let first = notices(&f.board, &f.author)[1].id.clone();
    assert_eq!(
        ops::mark_notifications_read(&mut f.board, &f.author.actor, Some(&[first]), T0).unwrap(),
        1
    );
    assert_eq!(
        ops::mark_notifications_read(&mut f.board, &f.author.actor, None, T0).unwrap(),
        1
    );
    assert_eq!(
        ops::mark_notifications_read(&mut f.board, &f.author.actor, None, T0).unwrap(),
        0
    );
    set_status(
        &mut f.board,
        &f.moderator,
        &f.idea,
        IdeaStatus::InProgress,
        T0,
    );
    let page = ops::list_notifications(&f.board, &f.author.actor, false, 50).unwrap();
    let read: Vec<bool> = page.items.iter().map(|n| n.read).collect();
    assert_eq!((read, page.unread), (vec![false, true, true], 1));
    // Others are untouched by the author's marks.
    assert_eq!(
        ops::list_notifications(&f.board, &f.voter.actor, false, 50)
            .unwrap()
            .unread,
        3
    );
}

#[test]
fn after_a_merge_source_followers_keep_the_source_history_and_miss_the_target_past() {
    let mut f = followed_idea();
    let target = submit(&mut f.board, &f.bystander, "Plant milk options", T0);
    set_status(&mut f.board, &f.admin, &target, IdeaStatus::UnderReview, T0);
    set_status(&mut f.board, &f.admin, &f.idea, IdeaStatus::UnderReview, T0);
    ops::merge_ideas(&mut f.board, &f.moderator.actor, &f.idea, &target, None, T0).unwrap();
    let got: Vec<(K, String)> = notices(&f.board, &f.voter)
        .into_iter()
        .map(|n| (n.kind, n.idea_id))
        .collect();
    assert_eq!(
        got,
        vec![
            (K::Merged, f.idea.clone()),
            (K::StatusChanged, f.idea.clone())
        ]
    );
    // The target's own follower is told about neither the source's past nor the merge.
    assert_eq!(kinds(&f.board, &f.bystander), vec![K::StatusChanged]);
}
