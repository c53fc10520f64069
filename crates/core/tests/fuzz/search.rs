//! Fuzz target: the search box and duplicate detection on a small board, with the
//! cases of [`search_cases`](crate::search_cases). Some cases first submit a
//! hostile idea and then look it up.
//!
//! Properties, beyond "no panic" and "no storage error" (an FTS5 syntax error
//! would be one):
//! - refusals are the documented ones: a fan asking for hidden ideas is
//!   `NotAllowed`; a query over the limit is `InvalidInput`; a query with nothing
//!   searchable (no letter, digit or CJK character) is `SearchEmpty`, and one with
//!   something searchable never is;
//! - a page holds at most its limit, and nobody is shown hidden or merged ideas
//!   unless the team asked for them;
//! - results carry text and ranges, never markup: every range is inside its text,
//!   sorted, disjoint and on UTF-16 character boundaries, so the UI can slice the
//!   text and insert each part as text;
//! - an idea just submitted is found by its own title, with a highlight in it;
//! - duplicate suggestions are at most five open, visible ideas, scored in [0, 1],
//!   best first.

use std::cell::RefCell;

use ideaboard_core::model::{Highlighted, IdeaStatus, NewIdea, Role, SearchQuery};
use ideaboard_core::search::QUERY_MAX_CHARS;
use ideaboard_core::{Actor, Board, Error, ErrorCode, ops};
use proptest::prelude::*;
use proptest::test_runner::{TestCaseError, TestCaseResult};

use crate::harness::{Tally, fuzz};
use crate::search_cases::{Case, Who, case};
use crate::support::{Member, T0, add_fan, add_team, new_board, set_status};

/// Titles and bodies of the board: Chinese, English, both, Markdown and HTML.
const IDEAS: &[(&str, &str)] = &[
    ("希望燕麦拿铁成为常驻饮品", "燕麦奶**不加糖**的也要。"),
    (
        "Oat milk lattes in every store",
        "Please! <script>alert(1)</script> oat",
    ),
    (
        "会员积分可以兑换咖啡",
        "积分 [兑换](javascript:alert(1)) 咖啡",
    ),
    (
        "Reusable cup discount 自带杯减免",
        "Bring your cup, get ¥2 off. `code`",
    ),
    ("Dark mode for the app", "> quoted\n\n- dark\n- theme"),
    (
        "\"Quoted\" title with 「引号」",
        "It's the store's idea, don’t you think?",
    ),
    ("ＦＵＬＬＷＩＤＴＨ ｌａｔｔｅ １２３", "全角 ＡＢＣ"),
    (
        "𠀀𪚥 rare characters 燕",
        "astral 𠀀 and combining e\u{301}",
    ),
    ("The of and to", "stop words only"),
    ("Spam spam spam", "hidden by the team"),
    ("Later opening hours", "merged into the next one"),
    ("Longer opening hours", "open until 22:00"),
    ("Mobile ordering ahead", "launched"),
];
/// The board and its members; made anew after this many submissions.
struct World {
    board: Board,
    fan: Member,
    moderator: Member,
    submitted: usize,
}

const SUBMISSIONS_PER_BOARD: usize = 300;

impl World {
    fn new() -> World {
        let (mut board, admin) = new_board(T0);
        let b = &mut board;
        let moderator = add_team(b, &admin, "Mia", Role::Moderator, T0);
        let fan = add_fan(b, "Fang", T0);
        let mut ids = Vec::new();
        for (title, body) in IDEAS {
            let idea = NewIdea {
                title: title.to_string(),
                body: body.to_string(),
                category: None,
                tags: vec!["燕麦".into()],
            };
            ids.push(
                ops::submit_idea(b, &fan.actor, &idea, T0)
                    .expect("submit")
                    .idea
                    .id,
            );
        }
        let n = ids.len();
        ops::set_idea_hidden(b, &moderator.actor, &ids[n - 4], true, T0).expect("hide");
        ops::merge_ideas(b, &moderator.actor, &ids[n - 3], &ids[n - 2], None, T0).expect("merge");
        set_status(b, &moderator, &ids[n - 1], IdeaStatus::Launched, T0);
        World {
            board,
            fan,
            moderator,
            submitted: 0,
        }
    }

    fn actor(&self, who: Who) -> Actor {
        match who {
            Who::Guest => Actor::guest(),
            Who::Fan => self.fan.actor.clone(),
            Who::Moderator => self.moderator.actor.clone(),
        }
    }
}

/// Han ideographs and kana, as the analyser counts them (`search::analyse::is_cjk`).
fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF | 0x31F0..=0x31FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF | 0x20000..=0x3134F)
}

fn searchable(query: &str) -> bool {
    query.chars().any(|c| c.is_alphanumeric() || is_cjk(c))
}

fn storage_or_internal(e: &Error) -> bool {
    matches!(e.code(), ErrorCode::Storage | ErrorCode::Internal)
}

/// Ranges inside the text, sorted, disjoint, non-empty, on character boundaries.
fn check_highlight(h: &Highlighted) -> TestCaseResult {
    let units: Vec<u16> = h.text.encode_utf16().collect();
    let mut previous_end = None;
    for &(start, end) in &h.matches {
        let (s, e) = (start as usize, end as usize);
        prop_assert!(s < e && e <= units.len(), "range {s}..{e} of {:?}", h.text);
        prop_assert!(
            previous_end.is_none_or(|p| p < s),
            "ranges not sorted and disjoint: {:?} in {:?}",
            h.matches,
            h.text
        );
        previous_end = Some(e);
        for cut in [s, e] {
            prop_assert!(
                String::from_utf16(&units[..cut]).is_ok(),
                "range {s}..{e} splits a character of {:?}",
                h.text
            );
        }
    }
    Ok(())
}

fn check_search(world: &World, who: Who, query: &SearchQuery, tally: &Tally) -> TestCaseResult {
    let actor = world.actor(who);
    let result = ops::search_ideas(&world.board, &actor, query);
    tally.note(match &result {
        Ok(page) if page.items.is_empty() => "search no hits".to_string(),
        Ok(_) => "search hits".to_string(),
        Err(e) => format!("search {:?}", e.code()),
    });
    let team = matches!(who, Who::Moderator);
    let too_long = query.query.chars().count() > QUERY_MAX_CHARS;
    let expected = if query.include_hidden && !team {
        Some(ErrorCode::NotAllowed)
    } else if too_long {
        Some(ErrorCode::InvalidInput)
    } else if !searchable(&query.query) {
        Some(ErrorCode::SearchEmpty)
    } else {
        None
    };
    let page = match (result, expected) {
        (Err(e), _) if storage_or_internal(&e) => {
            return Err(TestCaseError::fail(format!("{:?}: {e}", e.code())));
        }
        (Err(e), Some(code)) => {
            prop_assert_eq!(e.code(), code, "{}", e);
            return Ok(());
        }
        // A filter naming nothing that exists.
        (Err(e), None) => {
            prop_assert!(
                query.category.is_some() || query.tag.is_some() || query.author.is_some(),
                "refused without a reason: {:?}: {}",
                e.code(),
                e
            );
            return Ok(());
        }
        (Ok(_), Some(code)) => return Err(TestCaseError::fail(format!("expected {code:?}"))),
        (Ok(page), None) => page,
    };
    prop_assert!(page.items.len() <= query.limit.clamp(1, 100) as usize);
    for hit in &page.items {
        if !query.include_hidden {
            prop_assert!(
                !hit.idea.hidden && hit.idea.merged_into.is_none(),
                "hidden or merged idea #{} shown",
                hit.idea.number
            );
        }
        prop_assert_eq!(&hit.title.text, &hit.idea.title);
        check_highlight(&hit.title)?;
        check_highlight(&hit.snippet)?;
    }
    Ok(())
}

fn check_similar(
    world: &World,
    title: &str,
    body: Option<&str>,
    limit: u32,
    tally: &Tally,
) -> TestCaseResult {
    let found = ops::similar_ideas(&world.board, &world.fan.actor, title, body, limit)
        .map_err(|e| TestCaseError::fail(format!("{:?}: {e}", e.code())))?;
    tally.note(if found.is_empty() {
        "similar none"
    } else {
        "similar some"
    });
    prop_assert!(found.len() <= limit.clamp(1, 5) as usize);
    for pair in found.windows(2) {
        prop_assert!(pair[0].score >= pair[1].score, "not best first");
    }
    for s in &found {
        prop_assert!((0.0..=1.0).contains(&s.score), "score {}", s.score);
        prop_assert!(
            !s.idea.hidden
                && s.idea.merged_into.is_none()
                && !matches!(s.idea.status, IdeaStatus::Launched | IdeaStatus::Declined),
            "suggested #{} ({:?})",
            s.idea.number,
            s.idea.status
        );
    }
    Ok(())
}

fn check_submit(world: &mut World, title: &str, body: &str, tally: &Tally) -> TestCaseResult {
    let idea = NewIdea {
        title: title.into(),
        body: body.into(),
        category: None,
        tags: Vec::new(),
    };
    let detail = match ops::submit_idea(&mut world.board, &world.fan.actor, &idea, T0) {
        Ok(detail) => detail,
        Err(e) if storage_or_internal(&e) => {
            return Err(TestCaseError::fail(format!("{:?}: {e}", e.code())));
        }
        Err(e) => {
            tally.note(format!("submit {:?}", e.code()));
            return Ok(());
        }
    };
    tally.note("submit accepted");
    world.submitted += 1;
    let title = detail.idea.title;
    if !searchable(&title) {
        return Ok(());
    }
    let mut query = SearchQuery {
        query: title.clone(),
        limit: 100,
        ..SearchQuery::default()
    };
    loop {
        let page = ops::search_ideas(&world.board, &world.fan.actor, &query)
            .map_err(|e| TestCaseError::fail(format!("{:?}: {e}", e.code())))?;
        if let Some(hit) = page
            .items
            .iter()
            .find(|h| h.idea.number == detail.idea.number)
        {
            prop_assert!(!hit.title.matches.is_empty(), "found with no highlight");
            tally.note("submit then found by its title");
            return Ok(());
        }
        prop_assert!(
            page.has_more,
            "idea #{} not found by its own title",
            detail.idea.number
        );
        query.offset += 100;
    }
}

#[test]
fn hostile_queries_never_break_search() {
    let world = RefCell::new(World::new());
    let tally = Tally::default();
    fuzz("search", case(), |case| {
        let mut w = world.borrow_mut();
        if w.submitted >= SUBMISSIONS_PER_BOARD {
            *w = World::new();
        }
        match case {
            Case::Search(who, query) => check_search(&w, who, &query, &tally),
            Case::Similar(title, body, limit) => {
                check_similar(&w, &title, body.as_deref(), limit, &tally)
            }
            Case::Submit(title, body) => check_submit(&mut w, &title, &body, &tally),
        }
    });
    tally.print("search");
}
