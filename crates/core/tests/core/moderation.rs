//! Moderation: reports, the moderation queue, hiding comments. A hidden comment
//! never reaches a fan and stops counting like a deleted one; every team action is
//! in the audit log; counters stay equal to a recount throughout.

use ideaboard_core::model::{
    CommentKind, ContentKind, ContentRef, IdeaSort, ListQuery, NewReport, Reaction, ReportOutcome,
    TriageQuery,
};
use ideaboard_core::{ErrorCode, ops};

use crate::support::{Fixture, assert_consistent, assert_refused, code_of, comment, post, reply};

fn idea_ref(id: &str) -> ContentRef {
    ContentRef {
        kind: ContentKind::Idea,
        id: id.into(),
    }
}

fn comment_ref(id: &str) -> ContentRef {
    ContentRef {
        kind: ContentKind::Comment,
        id: id.into(),
    }
}

fn report(target: ContentRef, reason: &str) -> NewReport {
    NewReport {
        target,
        reason: reason.into(),
    }
}

fn comment_count(fx: &Fixture, idea: &str) -> u32 {
    ops::get_idea(&fx.board, &fx.fan.actor, idea, fx.now)
        .unwrap()
        .idea
        .comment_count
}

#[test]
fn a_hidden_comment_never_reaches_fans_and_stops_counting() {
    let mut fx = Fixture::new();
    let (idea, c, now) = (fx.fan_idea.clone(), fx.fan_comment.clone(), fx.now);
    let trending_before = ops::list_ideas(&fx.board, &fx.fan.actor, &ListQuery::default())
        .unwrap()
        .items
        .iter()
        .position(|i| i.id == idea);
    assert_eq!(comment_count(&fx, &idea), 1);

    let view = ops::set_comment_hidden(&mut fx.board, &fx.moderator.actor, &c, true, now).unwrap();
    assert!(view.hidden);
    assert_eq!(view.body, "Please!", "the team still reads it");
    assert_eq!(comment_count(&fx, &idea), 0);
    assert_consistent(&fx.board);
    let points = ops::my_profile(&fx.board, &fx.fan.actor).unwrap().points;

    for who in [
        fx.fan.actor.clone(),
        fx.other_fan.actor.clone(),
        ideaboard_core::Actor::guest(),
    ] {
        let thread = ops::list_comments(&fx.board, &who, &idea).unwrap();
        let hidden = thread.iter().find(|v| v.id == c).unwrap();
        assert!(hidden.hidden);
        assert!(hidden.body.is_empty() && hidden.body_html.is_empty());
    }
    let team_thread = ops::list_comments(&fx.board, &fx.admin.actor, &idea).unwrap();
    assert_eq!(team_thread[0].body, "Please!");

    // Fans cannot act on it, its author included.
    let fan = fx.fan.actor.clone();
    let other = fx.other_fan.actor.clone();
    assert_refused(&mut fx.board, ErrorCode::NotFound, |b| {
        ops::edit_comment(b, &fan, &c, "Edited", now)
    });
    assert_refused(&mut fx.board, ErrorCode::NotFound, |b| {
        ops::react(b, &other, &c, Reaction::Like, true, now)
    });
    assert_refused(&mut fx.board, ErrorCode::NotFound, |b| {
        ops::add_comment(b, &other, &reply(&idea, &c, CommentKind::Public, "Hi"), now)
    });
    assert_refused(&mut fx.board, ErrorCode::NotFound, |b| {
        ops::report_content(b, &other, &report(comment_ref(&c), "rude"), now)
    });

    // Hiding again changes nothing; restoring puts everything back.
    let before = fx.board.content_fingerprint().unwrap();
    ops::set_comment_hidden(&mut fx.board, &fx.moderator.actor, &c, true, now).unwrap();
    assert_eq!(fx.board.content_fingerprint().unwrap(), before);
    let view = ops::set_comment_hidden(&mut fx.board, &fx.admin.actor, &c, false, now).unwrap();
    assert!(!view.hidden);
    assert_eq!(comment_count(&fx, &idea), 1);
    assert_eq!(
        ops::my_profile(&fx.board, &fx.fan.actor).unwrap().points,
        points + 2
    );
    let after = ops::list_ideas(&fx.board, &fx.fan.actor, &ListQuery::default())
        .unwrap()
        .items
        .iter()
        .position(|i| i.id == idea);
    assert_eq!(after, trending_before);
    assert_consistent(&fx.board);

    let actions: Vec<String> = ops::audit_log(&fx.board, &fx.admin.actor, 5)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert_eq!(actions[..2], ["comment.restore", "comment.hide"]);
}

#[test]
fn deleting_a_hidden_comment_does_not_count_it_out_twice() {
    let mut fx = Fixture::new();
    let (idea, c, now) = (fx.fan_idea.clone(), fx.fan_comment.clone(), fx.now);
    let extra = post(
        &mut fx.board,
        &fx.other_fan,
        &comment(&idea, CommentKind::Public, "Second"),
        now,
    );
    ops::set_comment_hidden(&mut fx.board, &fx.moderator.actor, &c, true, now).unwrap();
    ops::delete_comment(&mut fx.board, &fx.moderator.actor, &c, now).unwrap();
    assert_eq!(comment_count(&fx, &idea), 1);
    assert_consistent(&fx.board);
    // A merge moves hidden comments without counting them.
    let spare = fx.spare_idea.clone();
    ops::set_comment_hidden(&mut fx.board, &fx.moderator.actor, &extra, true, now).unwrap();
    ops::merge_ideas(&mut fx.board, &fx.moderator.actor, &idea, &spare, None, now).unwrap();
    assert_eq!(comment_count(&fx, &spare), 0);
    assert_consistent(&fx.board);
}

#[test]
fn reports_fill_the_queue_and_the_team_resolves_or_dismisses_them() {
    let mut fx = Fixture::new();
    let (idea, c, now) = (fx.fan_idea.clone(), fx.fan_comment.clone(), fx.now);
    let team = fx.moderator.actor.clone();

    // The fixture's report on the spare idea and the hidden idea are queued already.
    let page = ops::moderation_queue(&fx.board, &team, 0, 50).unwrap();
    assert_eq!(page.open_reports, 1);
    assert_eq!(page.items.len(), 2);
    assert_eq!(page.items[0].target, idea_ref(&fx.spare_idea));
    assert_eq!(page.items[0].open_reports, 1);
    assert!(page.items[1].hidden && page.items[1].open_reports == 0);

    let r = ops::report_content(
        &mut fx.board,
        &fx.other_fan.actor,
        &report(comment_ref(&c), "  Rude\r\nand off topic  "),
        now,
    )
    .unwrap();
    assert_eq!(r.reason, "Rude\nand off topic");
    let later = now.plus_millis(1000);
    ops::report_content(
        &mut fx.board,
        &fx.admin.actor,
        &report(comment_ref(&c), "Spam"),
        later,
    )
    .unwrap();
    ops::report_content(
        &mut fx.board,
        &fx.fan.actor,
        &report(idea_ref(&idea), "Mine, a test"),
        now,
    )
    .unwrap();
    let other = fx.other_fan.actor.clone();
    assert_refused(&mut fx.board, ErrorCode::AlreadyReported, |b| {
        ops::report_content(b, &other, &report(comment_ref(&c), "Again"), later)
    });

    let page = ops::moderation_queue(&fx.board, &team, 0, 50).unwrap();
    assert_eq!(page.open_reports, 4);
    let first = &page.items[0];
    assert_eq!(first.target, comment_ref(&c));
    assert_eq!(first.open_reports, 2);
    assert_eq!(first.idea_id, idea);
    assert_eq!(first.comment_kind, Some(CommentKind::Public));
    assert_eq!(first.excerpt, "Please!");
    let reasons: Vec<&str> = first.reasons.iter().map(|r| r.reason.as_str()).collect();
    assert_eq!(reasons, ["Spam", "Rude\nand off topic"]);
    assert_eq!(first.last_reported_at, Some(later));
    assert_eq!(first.last_action, None, "the team has not acted on it yet");
    // Paged.
    let p1 = ops::moderation_queue(&fx.board, &team, 0, 1).unwrap();
    assert!(p1.has_more && p1.items.len() == 1);

    // Dismissing closes the comment's reports; it leaves the queue.
    let closed = ops::resolve_reports(
        &mut fx.board,
        &team,
        &comment_ref(&c),
        ReportOutcome::Dismissed,
        now,
    )
    .unwrap();
    assert_eq!(closed, 2);
    assert_refused(&mut fx.board, ErrorCode::NoOpenReports, |b| {
        ops::resolve_reports(b, &team, &comment_ref(&c), ReportOutcome::Resolved, now)
    });
    // The member may report it again now.
    ops::report_content(
        &mut fx.board,
        &other,
        &report(comment_ref(&c), "Still rude"),
        later,
    )
    .unwrap();
    // Hiding resolves the open reports.
    ops::set_comment_hidden(&mut fx.board, &team, &c, true, later).unwrap();
    let page = ops::moderation_queue(&fx.board, &team, 0, 50).unwrap();
    assert_eq!(page.open_reports, 2);
    let hidden = page
        .items
        .iter()
        .find(|i| i.target == comment_ref(&c))
        .unwrap();
    assert!(hidden.hidden && hidden.open_reports == 0);
    // The queue shows who acted last, from the audit log, for that comment only.
    let last = hidden.last_action.as_ref().expect("the hide is shown");
    assert_eq!(last.action, "comment.hide");
    assert_eq!(last.at, later);

    // A comment the team deletes is queued; one its author deletes is not.
    let gone = post(
        &mut fx.board,
        &fx.other_fan,
        &comment(&idea, CommentKind::Public, "Buy cheap watches"),
        now,
    );
    ops::delete_comment(&mut fx.board, &team, &gone, later).unwrap();
    let own = post(
        &mut fx.board,
        &fx.other_fan,
        &comment(&idea, CommentKind::Public, "Oops"),
        now,
    );
    ops::delete_comment(&mut fx.board, &other, &own, later).unwrap();
    let page = ops::moderation_queue(&fx.board, &team, 0, 50).unwrap();
    let removed = page
        .items
        .iter()
        .find(|i| i.target == comment_ref(&gone))
        .expect("the removed comment is queued");
    assert!(removed.removed);
    assert_eq!(
        removed.last_action.as_ref().map(|a| a.action.as_str()),
        Some("comment.delete")
    );
    assert!(!page.items.iter().any(|i| i.target == comment_ref(&own)));

    let actions: Vec<String> = ops::audit_log(&fx.board, &fx.admin.actor, 10)
        .unwrap()
        .into_iter()
        .map(|a| a.action)
        .collect();
    assert!(actions.contains(&"reports.dismissed".to_string()));
    assert!(actions.contains(&"comment.hide".to_string()));
    assert!(actions.contains(&"comment.delete".to_string()));
    assert_consistent(&fx.board);
}

#[test]
fn hiding_a_reported_idea_resolves_its_reports() {
    let mut fx = Fixture::new();
    let (spare, now) = (fx.spare_idea.clone(), fx.now);
    ops::set_idea_hidden(&mut fx.board, &fx.moderator.actor, &spare, true, now).unwrap();
    let page = ops::moderation_queue(&fx.board, &fx.moderator.actor, 0, 50).unwrap();
    assert_eq!(page.open_reports, 0);
    assert!(page.items.iter().all(|i| i.hidden && i.open_reports == 0));
    assert_eq!(page.items.len(), 2);
    let fan = fx.fan.actor.clone();
    assert_refused(&mut fx.board, ErrorCode::NotFound, |b| {
        ops::report_content(b, &fan, &report(idea_ref(&spare), "spam"), now)
    });
}

#[test]
fn the_triage_inbox_leaves_out_hidden_merged_and_closed_ideas() {
    let fx = Fixture::new();
    let page = ops::triage_inbox(&fx.board, &fx.moderator.actor, &TriageQuery::default()).unwrap();
    let ids: Vec<&str> = page.items.iter().map(|i| i.idea.id.as_str()).collect();
    assert_eq!(
        ids,
        [
            fx.voted_idea.as_str(),
            fx.fan_idea.as_str(),
            fx.spare_idea.as_str()
        ]
    );
    assert_eq!((page.total, page.past_threshold), (3, 0));
    // The same ideas as the fan's "new" list minus what is not new or under review.
    let listed = ops::list_ideas(
        &fx.board,
        &fx.fan.actor,
        &ListQuery {
            sort: IdeaSort::Top,
            ..ListQuery::default()
        },
    )
    .unwrap();
    assert_eq!(listed.items.len(), 5);
    assert_eq!(
        code_of(ops::triage_inbox(
            &fx.board,
            &fx.fan.actor,
            &TriageQuery::default()
        )),
        ErrorCode::NotAllowed
    );
}
