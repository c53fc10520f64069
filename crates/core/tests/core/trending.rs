//! List orders under a controlled clock: trending (decayed activity), top, new, most
//! discussed, pinned first, and the filters of the vote view.

use ideaboard_core::model::{
    Category, CommentKind, IdeaSort, IdeaStatus, ListQuery, NewIdea, Priority,
};
use ideaboard_core::{Actor, Board, Timestamp, ops};

use crate::support::{
    DAY, HOUR, Member, T0, add_fan, comment, new_board, post, set_status, submit,
};

/// Titles of the fan-facing list in `sort` order.
fn titles(board: &Board, sort: IdeaSort) -> Vec<String> {
    titles_for(
        board,
        &ListQuery {
            sort,
            ..ListQuery::default()
        },
    )
}

fn titles_for(board: &Board, query: &ListQuery) -> Vec<String> {
    ops::list_ideas(board, &Actor::guest(), query)
        .unwrap()
        .items
        .into_iter()
        .map(|i| i.title)
        .collect()
}

fn fans(board: &mut Board, n: usize) -> Vec<Member> {
    (0..n)
        .map(|i| add_fan(board, &format!("Fan {i}"), T0))
        .collect()
}

fn votes(board: &mut Board, voters: &[Member], idea: &str, priority: Priority, at: Timestamp) {
    for voter in voters {
        ops::vote(board, &voter.actor, idea, priority, at).unwrap();
    }
}

#[test]
fn recent_activity_outranks_older_activity_of_the_same_size() {
    let (mut board, _) = new_board(T0);
    let voters = fans(&mut board, 3);
    // Submitted together; the tiebreak (newest number first) would favour "Early votes".
    let late = submit(&mut board, &voters[0], "Late votes", T0);
    let early = submit(&mut board, &voters[0], "Early votes", T0);
    votes(
        &mut board,
        &voters,
        &early,
        Priority::Important,
        T0.plus_millis(HOUR),
    );
    votes(
        &mut board,
        &voters,
        &late,
        Priority::Important,
        T0.plus_millis(7 * DAY),
    );
    assert_eq!(
        titles(&board, IdeaSort::Trending),
        ["Late votes", "Early votes"]
    );
    // Same size by the top order: equal counts and weights, newest first.
    assert_eq!(titles(&board, IdeaSort::Top), ["Early votes", "Late votes"]);
}

#[test]
fn an_old_favourite_falls_below_newer_ideas_with_fewer_recent_votes() {
    let (mut board, _) = new_board(T0);
    let voters = fans(&mut board, 10);
    let old = submit(&mut board, &voters[0], "Old favourite", T0);
    votes(
        &mut board,
        &voters,
        &old,
        Priority::Important,
        T0.plus_millis(HOUR),
    );
    let day_one = T0.plus_millis(DAY);
    let soon = submit(&mut board, &voters[1], "Next day, two votes", day_one);
    votes(
        &mut board,
        &voters[..2],
        &soon,
        Priority::Important,
        day_one,
    );
    let month = T0.plus_millis(30 * DAY);
    let later = submit(&mut board, &voters[2], "A month on, two votes", month);
    votes(&mut board, &voters[..2], &later, Priority::Important, month);

    assert_eq!(
        titles(&board, IdeaSort::Trending),
        [
            "A month on, two votes",
            "Old favourite",
            "Next day, two votes"
        ]
    );
    assert_eq!(titles(&board, IdeaSort::Top)[0], "Old favourite");
}

#[test]
fn a_status_change_or_comment_counts_as_activity() {
    let (mut board, admin) = new_board(T0);
    let voters = fans(&mut board, 2);
    let quiet = submit(&mut board, &voters[0], "Quiet idea", T0);
    let talked = submit(&mut board, &voters[0], "Talked-about idea", T0);
    votes(&mut board, &voters, &quiet, Priority::NiceToHave, T0);
    assert_eq!(titles(&board, IdeaSort::Trending)[0], "Quiet idea");
    let week = T0.plus_millis(7 * DAY);
    post(
        &mut board,
        &voters[1],
        &comment(&talked, CommentKind::Public, "Any news?"),
        week,
    );
    set_status(&mut board, &admin, &talked, IdeaStatus::UnderReview, week);
    assert_eq!(titles(&board, IdeaSort::Trending)[0], "Talked-about idea");
}

#[test]
fn top_new_and_most_discussed_orders() {
    let (mut board, admin) = new_board(T0);
    let voters = fans(&mut board, 5);
    let b = &mut board;
    let names = [
        "Three votes",
        "Three votes, one critical",
        "Five votes",
        "Much talk",
        "Some talk",
    ];
    let ids: Vec<String> = names.iter().map(|t| submit(b, &voters[0], t, T0)).collect();
    votes(b, &voters[..3], &ids[0], Priority::NiceToHave, T0);
    votes(b, &voters[..2], &ids[1], Priority::NiceToHave, T0);
    votes(b, &voters[2..3], &ids[1], Priority::Critical, T0);
    votes(b, &voters, &ids[2], Priority::NiceToHave, T0);
    votes(b, &voters[..1], &ids[4], Priority::NiceToHave, T0);
    for (idea, talk) in [(&ids[3], 4), (&ids[4], 2)] {
        for voter in &voters[..talk] {
            post(b, voter, &comment(idea, CommentKind::Public, "I agree"), T0);
        }
    }
    // Internal notes and deleted comments are not discussion.
    for _ in 0..5 {
        post(
            b,
            &admin,
            &comment(&ids[0], CommentKind::Internal, "Team note"),
            T0,
        );
    }
    let gone = post(
        b,
        &voters[0],
        &comment(&ids[1], CommentKind::Public, "Oops"),
        T0,
    );
    ops::delete_comment(b, &voters[0].actor, &gone, T0).unwrap();

    assert_eq!(
        titles(&board, IdeaSort::Top),
        [
            "Five votes",
            "Three votes, one critical",
            "Three votes",
            "Some talk",
            "Much talk"
        ]
    );
    let newest_first: Vec<&str> = names.iter().rev().copied().collect();
    assert_eq!(titles(&board, IdeaSort::New), newest_first);
    assert_eq!(
        titles(&board, IdeaSort::MostDiscussed),
        [
            "Much talk",
            "Some talk",
            "Five votes",
            "Three votes, one critical",
            "Three votes"
        ]
    );
}

#[test]
fn pinned_ideas_come_first_in_every_order_and_hidden_or_merged_ones_are_not_listed() {
    let (mut board, admin) = new_board(T0);
    let voters = fans(&mut board, 3);
    let b = &mut board;
    let busy = submit(b, &voters[0], "Busy idea", T0.plus_millis(DAY));
    votes(b, &voters, &busy, Priority::Critical, T0.plus_millis(DAY));
    post(
        b,
        &voters[1],
        &comment(&busy, CommentKind::Public, "Yes"),
        T0.plus_millis(DAY),
    );
    let pinned = submit(b, &voters[0], "Pinned announcement", T0);
    let hidden = submit(b, &voters[1], "Hidden spam", T0.plus_millis(2 * DAY));
    let merged = submit(b, &voters[2], "Busy idea again", T0.plus_millis(2 * DAY));
    ops::set_idea_pinned(b, &admin.actor, &pinned, true, T0).unwrap();
    ops::set_idea_hidden(b, &admin.actor, &hidden, true, T0).unwrap();
    ops::merge_ideas(
        b,
        &admin.actor,
        &merged,
        &busy,
        None,
        T0.plus_millis(2 * DAY),
    )
    .unwrap();

    for sort in IdeaSort::ALL {
        assert_eq!(
            titles(&board, *sort),
            ["Pinned announcement", "Busy idea"],
            "{sort}"
        );
    }
    let team_view = ListQuery {
        include_hidden: true,
        sort: IdeaSort::New,
        ..ListQuery::default()
    };
    let all = ops::list_ideas(&board, &admin.actor, &team_view)
        .unwrap()
        .items;
    assert_eq!(all.len(), 4);
    ops::set_idea_pinned(&mut board, &admin.actor, &pinned, false, T0).unwrap();
    assert_eq!(
        titles(&board, IdeaSort::Top),
        ["Busy idea", "Pinned announcement"]
    );
}

#[test]
fn filters_and_pages() {
    let (mut board, admin) = new_board(T0);
    let voters = fans(&mut board, 2);
    let drinks = Category {
        slug: "drinks".into(),
        name: "饮品".into(),
        name_en: Some("Drinks".into()),
    };
    ops::add_category(&mut board, &admin.actor, &drinks, T0).unwrap();
    let tagged = NewIdea {
        title: "Oat milk latte".into(),
        body: String::new(),
        category: Some("drinks".into()),
        tags: vec!["Oat".into()],
    };
    let latte = ops::submit_idea(&mut board, &voters[0].actor, &tagged, T0)
        .unwrap()
        .idea
        .id;
    for i in 0..4 {
        submit(&mut board, &voters[1], &format!("Other idea {i}"), T0);
    }
    ops::vote(&mut board, &voters[1].actor, &latte, Priority::Critical, T0).unwrap();
    set_status(&mut board, &admin, &latte, IdeaStatus::Planned, T0);

    let only_latte = vec!["Oat milk latte".to_string()];
    let q = ListQuery::default;
    assert_eq!(
        titles_for(
            &board,
            &ListQuery {
                category: Some("drinks".into()),
                ..q()
            }
        ),
        only_latte
    );
    assert_eq!(
        titles_for(
            &board,
            &ListQuery {
                tag: Some(" OAT ".into()),
                ..q()
            }
        ),
        only_latte
    );
    assert_eq!(
        titles_for(
            &board,
            &ListQuery {
                status: Some(IdeaStatus::Planned),
                ..q()
            }
        ),
        only_latte
    );
    assert_eq!(
        titles_for(
            &board,
            &ListQuery {
                author: Some(voters[0].id.clone()),
                ..q()
            }
        ),
        only_latte
    );
    assert_eq!(
        titles_for(
            &board,
            &ListQuery {
                voted_by: Some(voters[1].id.clone()),
                ..q()
            }
        ),
        only_latte
    );
    assert!(
        titles_for(
            &board,
            &ListQuery {
                tag: Some("unknown".into()),
                ..q()
            }
        )
        .is_empty()
    );

    let first = ops::list_ideas(&board, &Actor::guest(), &ListQuery { limit: 3, ..q() }).unwrap();
    let rest = ops::list_ideas(
        &board,
        &Actor::guest(),
        &ListQuery {
            limit: 3,
            offset: 3,
            ..q()
        },
    );
    let rest = rest.unwrap();
    assert!(first.has_more && !rest.has_more);
    assert_eq!(first.items.len() + rest.items.len(), 5);
}
