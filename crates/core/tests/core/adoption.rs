//! The adoption view's figures, checked against a board whose answers were worked
//! out by hand (see the table in `hand_board`).

use ideaboard_core::model::{
    AdoptionFigures, Category, CommentKind, IdeaStatus, NewIdea, Priority,
};
use ideaboard_core::{Actor, Board, ErrorCode, Timestamp, ops};

use crate::support::*;

fn at(days: i64) -> Timestamp {
    T0.plus_millis(days * DAY)
}

struct HandBoard {
    board: Board,
    fan: Member,
    /// Ideas by letter: A oat milk, B cup discount, C longer hours, D later hours
    /// (merged into C), E spam (launched, then hidden), F app (no category), G new.
    ids: Vec<(char, String)>,
}

impl HandBoard {
    fn id(&self, letter: char) -> &str {
        &self.ids.iter().find(|(l, _)| *l == letter).expect("idea").1
    }
}

/// | idea | category | submitted | first public answer          | launched | listed |
/// |------|----------|-----------|------------------------------|----------|--------|
/// | A    | drinks   | day 0     | official comment, day 2      | day 10   | yes    |
/// | B    | drinks   | day 1     | official comment, day 7 (6)  | -        | yes    |
/// | C    | stores   | day 0     | declined with a note, day 1  | -        | yes    |
/// | D    | stores   | day 0     | (merged into C, day 2)       | -        | no     |
/// | E    | stores   | day 0     | launched with a note, day 3  | day 3    | hidden |
/// | F    | -        | day 2     | launched with a note, day 5  | day 5    | yes    |
/// | G    | drinks   | day 0     | internal note only, day 1    | -        | yes    |
///
/// B moves to under review on day 4 without a note (not an answer). A moves to
/// planned with a note on day 4, after its official comment on day 2.
fn hand_board() -> HandBoard {
    let (mut board, admin) = new_board(T0);
    let b = &mut board;
    let mia = add_team(b, &admin, "Mia", ideaboard_core::model::Role::Moderator, T0);
    let fan = add_fan(b, "Fang", T0);
    let otto = add_fan(b, "Otto", T0);
    for (slug, name) in [("drinks", "饮品"), ("stores", "门店")] {
        let category = Category {
            slug: slug.into(),
            name: name.into(),
            name_en: None,
        };
        ops::add_category(b, &admin.actor, &category, T0).expect("category");
    }
    let mut ids = Vec::new();
    let mut submit_in =
        |b: &mut Board, letter: char, who: &Member, category: Option<&str>, day: i64| {
            let input = NewIdea {
                category: category.map(str::to_string),
                ..new_idea(&format!("Idea {letter}"))
            };
            let id = ops::submit_idea(b, &who.actor, &input, at(day))
                .expect("submit")
                .idea
                .id;
            ids.push((letter, id.clone()));
            id
        };
    let a = submit_in(b, 'A', &fan, Some("drinks"), 0);
    let c = submit_in(b, 'C', &otto, Some("stores"), 0);
    let d = submit_in(b, 'D', &otto, Some("stores"), 0);
    let e = submit_in(b, 'E', &fan, Some("stores"), 0);
    let g = submit_in(b, 'G', &fan, Some("drinks"), 0);
    let bb = submit_in(b, 'B', &otto, Some("drinks"), 1);
    let f = submit_in(b, 'F', &otto, None, 2);

    for voter in [&fan, &otto] {
        ops::vote(b, &voter.actor, &f, Priority::Important, at(2)).expect("vote F");
    }
    ops::vote(b, &otto.actor, &a, Priority::Critical, at(1)).expect("vote A");

    post(
        b,
        &mia,
        &comment(&g, CommentKind::Internal, "Costly"),
        at(1),
    );
    ops::change_status(
        b,
        &mia.actor,
        &status(&c, IdeaStatus::Declined, Some("Not now")),
        at(1),
    )
    .expect("decline C");
    post(
        b,
        &mia,
        &comment(&a, CommentKind::Official, "Love it"),
        at(2),
    );
    ops::merge_ideas(b, &mia.actor, &d, &c, None, at(2)).expect("merge D into C");
    ops::change_status(
        b,
        &mia.actor,
        &status(&e, IdeaStatus::Launched, Some("Done")),
        at(3),
    )
    .expect("launch E");
    ops::set_idea_hidden(b, &mia.actor, &e, true, at(3)).expect("hide E");
    ops::change_status(
        b,
        &mia.actor,
        &status(&a, IdeaStatus::Planned, Some("Soon")),
        at(4),
    )
    .expect("plan A");
    ops::change_status(
        b,
        &mia.actor,
        &status(&bb, IdeaStatus::UnderReview, None),
        at(4),
    )
    .expect("review B");
    ops::change_status(
        b,
        &mia.actor,
        &status(&f, IdeaStatus::Launched, Some("In the app")),
        at(5),
    )
    .expect("launch F");
    post(
        b,
        &mia,
        &comment(&bb, CommentKind::Official, "Looking"),
        at(7),
    );
    ops::change_status(
        b,
        &mia.actor,
        &status(&a, IdeaStatus::Launched, Some("Now in **every** store")),
        at(10),
    )
    .expect("launch A");
    HandBoard { board, fan, ids }
}

fn figures(
    ideas: u32,
    answered: u32,
    launched: u32,
    answer: Option<f64>,
    launch: Option<f64>,
) -> (u32, u32, u32, Option<f64>, Option<f64>) {
    (ideas, answered, launched, answer, launch)
}

fn shape(f: &AdoptionFigures) -> (u32, u32, u32, Option<f64>, Option<f64>) {
    (
        f.ideas,
        f.answered,
        f.launched,
        f.median_days_to_answer,
        f.median_days_to_launch,
    )
}

#[test]
fn figures_match_the_hand_computed_board() {
    let hb = hand_board();
    let view = ops::adoption_overview(&hb.board, &Actor::guest()).expect("overview");

    // Listed: A B C F G. Answers after 2, 6, 1, 3 days; launches after 10 and 3.
    assert_eq!(shape(&view.overall), figures(5, 4, 2, Some(2.5), Some(6.5)));
    assert!((view.overall.adoption_rate - 0.4).abs() < 1e-12);
    assert_eq!(view.overall.category, None);

    let by: Vec<_> = view
        .by_category
        .iter()
        .map(|f| (f.category.as_ref().map(|c| c.slug.clone()), shape(f)))
        .collect();
    assert_eq!(
        by,
        vec![
            (
                Some("drinks".into()),
                figures(3, 2, 1, Some(4.0), Some(10.0))
            ),
            (Some("stores".into()), figures(1, 1, 0, Some(1.0), None)),
            (None, figures(1, 1, 1, Some(3.0), Some(3.0))),
        ]
    );
    assert!((view.by_category[0].adoption_rate - 1.0 / 3.0).abs() < 1e-12);
    assert_eq!(view.by_category[1].adoption_rate, 0.0);
}

#[test]
fn roadmap_holds_each_status_by_votes_and_showcase_the_latest_launches() {
    let hb = hand_board();
    let view = ops::adoption_overview(&hb.board, &Actor::guest()).expect("overview");
    let columns: Vec<_> = view
        .roadmap
        .iter()
        .map(|c| {
            let ids: Vec<_> = c.ideas.iter().map(|i| i.id.clone()).collect();
            (c.status, c.total, ids)
        })
        .collect();
    assert_eq!(
        columns,
        vec![
            (IdeaStatus::UnderReview, 1, vec![hb.id('B').to_string()]),
            (IdeaStatus::Planned, 0, vec![]),
            (IdeaStatus::InProgress, 0, vec![]),
            // F has two votes, A one; the hidden E is nowhere.
            (
                IdeaStatus::Launched,
                2,
                vec![hb.id('F').to_string(), hb.id('A').to_string()]
            ),
        ]
    );

    let showcase: Vec<_> = view
        .showcase
        .iter()
        .map(|l| {
            (
                l.idea.id.clone(),
                l.launched_at,
                l.note.clone(),
                l.idea.vote_count,
            )
        })
        .collect();
    assert_eq!(
        showcase,
        vec![
            (
                hb.id('A').to_string(),
                at(10),
                Some("Now in every store".into()),
                1
            ),
            (hb.id('F').to_string(), at(5), Some("In the app".into()), 2),
        ]
    );
    assert_eq!(view.showcase[0].idea.author.display_name, "Fang");
}

#[test]
fn a_deleted_official_comment_is_no_longer_an_answer() {
    let mut hb = hand_board();
    let team = ops::list_members(&hb.board)
        .expect("members")
        .into_iter()
        .find(|m| m.display_name == "Mia")
        .expect("Mia");
    let mia = acting(&hb.board, &team.id);
    let thread = ops::list_comments(&hb.board, &mia.actor, hb.id('B')).expect("thread");
    let official = thread
        .iter()
        .find(|c| c.kind == CommentKind::Official)
        .expect("official comment");
    ops::delete_comment(&mut hb.board, &mia.actor, &official.id, at(8)).expect("delete");
    let view = ops::adoption_overview(&hb.board, &Actor::guest()).expect("overview");
    // Answers now after 2, 1 and 3 days.
    assert_eq!(view.overall.answered, 3);
    assert_eq!(view.overall.median_days_to_answer, Some(2.0));
}

#[test]
fn my_ideas_show_each_journey_and_need_a_profile() {
    let hb = hand_board();
    let mine = ops::my_idea_journeys(&hb.board, &hb.fan.actor).expect("my ideas");
    // Fang wrote A, E (hidden, so not shown) and G; newest first.
    let ids: Vec<_> = mine.iter().map(|j| j.idea.id.as_str()).collect();
    assert_eq!(ids, vec![hb.id('G'), hb.id('A')]);
    let a_steps: Vec<_> = mine[1].journey.iter().map(|s| s.to).collect();
    assert_eq!(
        a_steps,
        vec![IdeaStatus::New, IdeaStatus::Planned, IdeaStatus::Launched]
    );
    assert_eq!(
        code_of(ops::my_idea_journeys(&hb.board, &Actor::guest())),
        ErrorCode::NotSignedIn
    );
}

#[test]
fn an_empty_board_has_empty_columns_and_no_medians() {
    let (board, _) = new_board(T0);
    let view = ops::adoption_overview(&board, &Actor::guest()).expect("overview");
    assert!(
        view.roadmap
            .iter()
            .all(|c| c.total == 0 && c.ideas.is_empty())
    );
    assert!(view.showcase.is_empty());
    assert_eq!(shape(&view.overall), figures(0, 0, 0, None, None));
    assert_eq!(view.overall.adoption_rate, 0.0);
}
