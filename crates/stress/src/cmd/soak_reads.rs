//! The soak's reads: what members look at between their writes. A read changes
//! nothing, but it must never fail with anything but a refusal.

use ideaboard_core::model::{IdeaSort, IdeaStatus, ListQuery, SearchQuery, TriageQuery};
use ideaboard_core::ops;
use rand::Rng;
use rand::seq::IndexedRandom;

use super::soak_ops::{Done, Soak, text};

pub fn step(s: &mut Soak) -> Done {
    let m = if s.rng.random_bool(0.5) {
        s.team_member()
    } else {
        s.member()
    };
    let actor = s.model.members[m].actor.clone();
    let who = s.who(m);
    let idea = s
        .idea()
        .map(|i| s.model.ideas[i].id.clone())
        .unwrap_or_default();
    let (b, now) = (&s.board, s.now);
    let rng = &mut s.rng;
    match rng.random_range(0..12) {
        0 | 1 => {
            let query = ListQuery {
                sort: *IdeaSort::ALL.choose(rng).unwrap_or(&IdeaSort::Trending),
                status: IdeaStatus::ALL
                    .choose(rng)
                    .copied()
                    .filter(|_| rng.random_bool(0.3)),
                include_hidden: rng.random_bool(0.2),
                offset: rng.random_range(0..3) * 30,
                ..ListQuery::default()
            };
            let what = format!("{who} lists ideas {:?}", query.sort);
            Done::new("read: list", what, ops::list_ideas(b, &actor, &query))
        }
        2 | 3 => {
            let query = SearchQuery {
                query: text(rng, 1),
                ..SearchQuery::default()
            };
            let what = format!("{who} searches {:?}", query.query);
            Done::new("read: search", what, ops::search_ideas(b, &actor, &query))
        }
        4 => {
            let what = format!("{who} opens an idea and its thread");
            let result = ops::get_idea(b, &actor, &idea, now)
                .and_then(|_| ops::list_comments(b, &actor, &idea));
            Done::new("read: idea", what, result)
        }
        5 => {
            let title = text(rng, 2);
            let what = format!("{who} looks for ideas like {title:?}");
            Done::new(
                "read: similar",
                what,
                ops::similar_ideas(b, &actor, &title, None, 5),
            )
        }
        6 => {
            let what = format!("{who} opens the moderation queue");
            Done::new(
                "read: moderation queue",
                what,
                ops::moderation_queue(b, &actor, 0, 20),
            )
        }
        7 => {
            let what = format!("{who} opens the triage inbox");
            Done::new(
                "read: triage",
                what,
                ops::triage_inbox(b, &actor, &TriageQuery::default()),
            )
        }
        8 => {
            let what = format!("{who} opens the engagement and team figures");
            let result = ops::engagement(b, &actor, 20, 12, now)
                .and_then(|_| ops::team_analytics(b, &actor, 12, now));
            Done::new("read: analytics", what, result)
        }
        9 => {
            let what = format!("{who} opens the roadmap and their journeys");
            let result =
                ops::adoption_overview(b, &actor).and_then(|_| ops::my_idea_journeys(b, &actor));
            Done::new("read: adoption", what, result)
        }
        10 => {
            let what = format!("{who} opens their notifications, points and votes left");
            let result = ops::list_notifications(b, &actor, false, 50)
                .and_then(|_| ops::my_points(b, &actor, 50))
                .and_then(|_| ops::votes_left(b, &actor));
            Done::new("read: notifications", what, result)
        }
        _ => {
            let other = s
                .model
                .ideas
                .choose(rng)
                .map(|i| i.id.clone())
                .unwrap_or_default();
            let what = format!("{who} previews a merge");
            Done::new(
                "read: merge preview",
                what,
                ops::merge_preview(b, &actor, &idea, &other),
            )
        }
    }
}
