//! Search and duplicate detection: Chinese from one character up, English
//! inflections, the index following every write of an idea's text in the same
//! transaction, fans never seeing hidden or merged ideas, old boards backfilled.

use ideaboard_core::model::{
    Category, IdeaEdit, IdeaSort, IdeaStatus, NewIdea, Priority, SearchPage, SearchQuery,
};
use ideaboard_core::{Actor, Board, ErrorCode, ops};

use crate::support::{Fixture, Member, T0, add_fan, code_of, new_board, set_status, submit};

fn search_as(board: &Board, actor: &Actor, text: &str) -> SearchPage {
    let query = SearchQuery {
        query: text.into(),
        ..SearchQuery::default()
    };
    ops::search_ideas(board, actor, &query).expect("search")
}

fn titles(page: &SearchPage) -> Vec<String> {
    page.items.iter().map(|h| h.idea.title.clone()).collect()
}

fn found(board: &Board, actor: &Actor, text: &str) -> Vec<String> {
    titles(&search_as(board, actor, text))
}

/// The text of each highlighted range, cut by UTF-16 units as the UI does.
fn marked(text: &str, matches: &[(u32, u32)]) -> Vec<String> {
    let units: Vec<u16> = text.encode_utf16().collect();
    matches
        .iter()
        .map(|&(s, e)| String::from_utf16(&units[s as usize..e as usize]).unwrap())
        .collect()
}

const OAT_LATTE: &str = "希望燕麦拿铁成为常驻饮品";

fn coffee_board() -> (Board, Member, Member) {
    let (mut board, admin) = new_board(T0);
    let fan = add_fan(&mut board, "Fang", T0);
    for title in [
        OAT_LATTE,
        "门店增加充电插座",
        "推出燕窝口味的甜品",
        "拿铁可以选燕麦奶",
        "会员积分永不过期",
        "Reusable cups discount",
    ] {
        submit(&mut board, &fan, title, T0);
    }
    (board, admin, fan)
}

#[test]
fn oat_latte_is_found_by_two_characters_and_by_one() {
    let (board, _, fan) = coffee_board();
    let by_word = search_as(&board, &fan.actor, "燕麦");
    // Both oat ideas, in bm25 order (the shorter title first); not 燕窝.
    assert_eq!(titles(&by_word).len(), 2, "{:?}", titles(&by_word));
    assert!(!titles(&by_word).contains(&"推出燕窝口味的甜品".to_string()));
    let hit = by_word
        .items
        .iter()
        .find(|h| h.idea.title == OAT_LATTE)
        .expect("the oat latte idea is found by 燕麦");
    assert_eq!(hit.title.matches, [(2, 4)]);
    assert_eq!(marked(&hit.title.text, &hit.title.matches), ["燕麦"]);

    let by_char = found(&board, &fan.actor, "燕");
    assert!(by_char.contains(&OAT_LATTE.to_string()));
    assert!(by_char.contains(&"推出燕窝口味的甜品".to_string()));
    assert_eq!(by_char.len(), 3, "{by_char:?}");

    assert_eq!(found(&board, &fan.actor, "燕麦拿铁"), [OAT_LATTE]);
    assert_eq!(found(&board, &Actor::guest(), "常驻 燕麦"), [OAT_LATTE]);
    assert!(found(&board, &fan.actor, "燕麦 插座").is_empty());
    assert_eq!(found(&board, &fan.actor, "cup"), ["Reusable cups discount"]);
    assert_eq!(
        found(&board, &fan.actor, "DISCOUNTS"),
        ["Reusable cups discount"]
    );
}

#[test]
fn a_reworded_title_finds_the_original() {
    let (board, _, fan) = coffee_board();
    let similar = ops::similar_ideas(&board, &fan.actor, "燕麦拿铁能不能一直卖", None, 5).unwrap();
    assert_eq!(similar[0].idea.title, OAT_LATTE, "{similar:?}");
    assert!(similar[0].score > 0.0 && similar[0].score <= 1.0);
    assert!(similar.iter().all(|s| s.idea.title != "门店增加充电插座"));
    // Word order changes too.
    let similar =
        ops::similar_ideas(&board, &fan.actor, "常驻饮品里加上燕麦拿铁", None, 5).unwrap();
    assert_eq!(similar[0].idea.title, OAT_LATTE);
    let similar =
        ops::similar_ideas(&board, &fan.actor, "A discount for reusable cup", None, 5).unwrap();
    assert_eq!(similar[0].idea.title, "Reusable cups discount");
    // Nothing alike, nothing suggested; a blank draft asks nothing.
    assert!(
        ops::similar_ideas(&board, &fan.actor, "Quieter espresso machines", None, 5)
            .unwrap()
            .is_empty()
    );
    assert!(
        ops::similar_ideas(&board, &fan.actor, "  ", None, 5)
            .unwrap()
            .is_empty()
    );
    assert!(
        ops::similar_ideas(&board, &fan.actor, "燕麦", None, 1)
            .unwrap()
            .len()
            <= 1
    );
}

#[test]
fn the_index_follows_submit_and_edit_in_the_same_transaction() {
    let (mut board, _, fan) = coffee_board();
    let id = submit(&mut board, &fan, "Oat milk please", T0);
    assert_eq!(found(&board, &fan.actor, "oat"), ["Oat milk please"]);
    let edit = IdeaEdit {
        title: "Soy milk please".into(),
        body: "豆奶 with **foam**".into(),
    };
    ops::edit_idea(&mut board, &fan.actor, &id, &edit, T0).unwrap();
    assert!(found(&board, &fan.actor, "oat").is_empty());
    assert_eq!(found(&board, &fan.actor, "soy"), ["Soy milk please"]);
    let by_body = search_as(&board, &fan.actor, "豆奶 foam");
    assert_eq!(titles(&by_body), ["Soy milk please"]);
    let snippet = &by_body.items[0].snippet;
    assert_eq!(snippet.text, "豆奶 with foam");
    assert_eq!(marked(&snippet.text, &snippet.matches), ["豆奶", "foam"]);

    // A refused edit leaves the index as it was.
    let too_short = IdeaEdit {
        title: "Oat".into(),
        body: String::new(),
    };
    assert!(ops::edit_idea(&mut board, &fan.actor, &id, &too_short, T0).is_err());
    assert_eq!(found(&board, &fan.actor, "soy"), ["Soy milk please"]);
    assert!(found(&board, &fan.actor, "oat").is_empty());
    // The index's term counts (duplicate detection's IDF) followed every edit.
    assert_eq!(board.counter_mismatches().unwrap(), Vec::<String>::new());
}

#[test]
fn fans_never_find_hidden_or_merged_ideas_and_the_team_may() {
    let mut f = Fixture::new();
    let fan = f.fan.actor.clone();
    assert!(found(&f.board, &fan, "hidden spam").is_empty());
    assert_eq!(
        found(&f.board, &fan, "opening hours"),
        ["Longer opening hours"]
    );
    assert_eq!(
        found(&f.board, &Actor::guest(), "later"),
        Vec::<String>::new()
    );

    let everything = SearchQuery {
        query: "opening hours".into(),
        include_hidden: true,
        ..SearchQuery::default()
    };
    assert_eq!(
        code_of(ops::search_ideas(&f.board, &fan, &everything)),
        ErrorCode::NotAllowed
    );
    let team = ops::search_ideas(&f.board, &f.moderator.actor, &everything).unwrap();
    assert_eq!(titles(&team).len(), 2);
    let hidden = SearchQuery {
        query: "spam".into(),
        include_hidden: true,
        ..SearchQuery::default()
    };
    assert_eq!(
        titles(&ops::search_ideas(&f.board, &f.admin.actor, &hidden).unwrap()),
        ["Hidden spam idea"]
    );

    // Restoring brings it back; hiding takes it away again.
    ops::set_idea_hidden(
        &mut f.board,
        &f.moderator.actor,
        &f.hidden_idea,
        false,
        f.now,
    )
    .unwrap();
    assert_eq!(found(&f.board, &fan, "spam"), ["Hidden spam idea"]);
    ops::set_idea_hidden(
        &mut f.board,
        &f.moderator.actor,
        &f.hidden_idea,
        true,
        f.now,
    )
    .unwrap();
    assert!(found(&f.board, &fan, "spam").is_empty());

    // Duplicates: never the hidden idea, never the merged one; a draft worded like
    // the merged idea finds the idea it was merged into.
    let similar = ops::similar_ideas(&f.board, &fan, "Later opening hours", None, 5).unwrap();
    assert_eq!(similar[0].idea.id, f.spare_idea);
    assert!(similar.iter().all(|s| s.idea.id != f.merged_idea));
    let similar = ops::similar_ideas(&f.board, &fan, "Hidden spam idea", None, 5).unwrap();
    assert!(
        similar.iter().all(|s| s.idea.id != f.hidden_idea),
        "{similar:?}"
    );
    // Closed ideas are not suggested either.
    let similar = ops::similar_ideas(&f.board, &fan, "Mobile ordering", None, 5).unwrap();
    assert!(similar.iter().all(|s| s.idea.id != f.launched_idea));
}

#[test]
fn merging_moves_search_results_to_the_surviving_idea() {
    let (mut board, admin) = new_board(T0);
    let fan = add_fan(&mut board, "Fang", T0);
    let source = submit(&mut board, &fan, "燕麦拿铁常驻", T0);
    let target = submit(&mut board, &fan, "Plant-based milk everywhere", T0);
    assert_eq!(found(&board, &fan.actor, "燕麦"), ["燕麦拿铁常驻"]);
    ops::merge_ideas(&mut board, &admin.actor, &source, &target, None, T0).unwrap();
    assert!(found(&board, &fan.actor, "燕麦").is_empty());
    let similar = ops::similar_ideas(&board, &fan.actor, "希望燕麦拿铁一直有", None, 5).unwrap();
    assert_eq!(similar.len(), 1);
    assert_eq!(similar[0].idea.id, target);
}

#[test]
fn a_blank_or_overlong_query_is_refused() {
    let (board, _, fan) = coffee_board();
    for blank in ["", "   ", "，。！？", "\"\""] {
        let query = SearchQuery {
            query: blank.into(),
            ..SearchQuery::default()
        };
        assert_eq!(
            code_of(ops::search_ideas(&board, &fan.actor, &query)),
            ErrorCode::SearchEmpty,
            "{blank:?}"
        );
    }
    let long = SearchQuery {
        query: "燕".repeat(201),
        ..SearchQuery::default()
    };
    assert_eq!(
        code_of(ops::search_ideas(&board, &fan.actor, &long)),
        ErrorCode::InvalidInput
    );
    // FTS5 syntax typed by a fan is just text.
    assert!(found(&board, &fan.actor, "燕麦\" OR NEAR(* {title_chars}:").is_empty());
}

#[test]
fn search_combines_with_filters_sorts_and_pages() {
    let (mut board, admin) = new_board(T0);
    let fan = add_fan(&mut board, "Fang", T0);
    let drinks = Category {
        slug: "drinks".into(),
        name: "饮品".into(),
        name_en: Some("Drinks".into()),
    };
    ops::add_category(&mut board, &admin.actor, &drinks, T0).unwrap();
    let mut ids = Vec::new();
    for (i, title) in [
        "Oat latte all year",
        "Oat cookies",
        "Oat milk for free",
        "Oat bars",
    ]
    .iter()
    .enumerate()
    {
        let input = NewIdea {
            title: (*title).into(),
            body: String::new(),
            category: (i % 2 == 0).then(|| "drinks".to_string()),
            tags: if i == 1 {
                vec!["snacks".into()]
            } else {
                Vec::new()
            },
        };
        ids.push(
            ops::submit_idea(&mut board, &fan.actor, &input, T0)
                .unwrap()
                .idea
                .id,
        );
    }
    ops::vote(
        &mut board,
        &admin.actor,
        &ids[3],
        ideaboard_core::model::Priority::Critical,
        T0,
    )
    .unwrap();
    set_status(&mut board, &admin, &ids[2], IdeaStatus::Planned, T0);

    let run = |query: SearchQuery| titles(&ops::search_ideas(&board, &fan.actor, &query).unwrap());
    let base = SearchQuery {
        query: "oat".into(),
        ..SearchQuery::default()
    };
    // Equal relevance: ties go to votes.
    assert_eq!(run(base.clone())[0], "Oat bars");
    assert_eq!(
        run(SearchQuery {
            category: Some("drinks".into()),
            sort: Some(IdeaSort::New),
            ..base.clone()
        }),
        ["Oat milk for free", "Oat latte all year"]
    );
    assert_eq!(
        run(SearchQuery {
            status: Some(IdeaStatus::Planned),
            ..base.clone()
        }),
        ["Oat milk for free"]
    );
    assert_eq!(
        run(SearchQuery {
            tag: Some("Snacks".into()),
            ..base.clone()
        }),
        ["Oat cookies"]
    );
    assert!(
        run(SearchQuery {
            tag: Some("nope".into()),
            ..base.clone()
        })
        .is_empty()
    );
    // "Mine" and "I voted": the fan wrote all four, the admin voted for one.
    assert_eq!(
        run(SearchQuery {
            author: Some(fan.id.clone()),
            ..base.clone()
        })
        .len(),
        4
    );
    assert!(
        run(SearchQuery {
            author: Some(admin.id.clone()),
            ..base.clone()
        })
        .is_empty()
    );
    assert_eq!(
        run(SearchQuery {
            voted_by: Some(admin.id.clone()),
            ..base.clone()
        }),
        ["Oat bars"]
    );
    assert_eq!(
        code_of(ops::search_ideas(
            &board,
            &fan.actor,
            &SearchQuery {
                category: Some("nope".into()),
                ..base.clone()
            }
        )),
        ErrorCode::UnknownValue
    );
    let first = ops::search_ideas(
        &board,
        &fan.actor,
        &SearchQuery {
            limit: 3,
            sort: Some(IdeaSort::New),
            ..base.clone()
        },
    )
    .unwrap();
    assert!(first.has_more);
    let rest = ops::search_ideas(
        &board,
        &fan.actor,
        &SearchQuery {
            limit: 3,
            offset: 3,
            sort: Some(IdeaSort::New),
            ..base
        },
    )
    .unwrap();
    assert!(!rest.has_more);
    assert_eq!(
        titles(&first),
        ["Oat bars", "Oat milk for free", "Oat cookies"]
    );
    assert_eq!(titles(&rest), ["Oat latte all year"]);
}

#[test]
fn boards_from_before_search_are_indexed_when_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ideaboard");
    Board::create_at_schema(&path, "Old board", T0, 2).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO members (seq, id, display_name, role, joined_at) \
           VALUES (1, '0190a0a0-0000-7000-8000-000000000001', 'Old fan', 'fan', 0); \
         INSERT INTO ideas (number, id, title, body, body_html, excerpt, author_seq, status, created_at, updated_at, trending) \
           VALUES (1, '0190a0a0-0000-7000-8000-000000000002', '希望燕麦拿铁成为常驻饮品', 'Oat **lattes** forever', '', '', 1, 'new', 0, 0, 0.0), \
                  (2, '0190a0a0-0000-7000-8000-000000000003', 'Longer opening hours', '', '', '', 1, 'new', 0, 0, 0.0);",
    )
    .unwrap();
    drop(conn);
    let board = Board::open(&path, T0).unwrap();
    assert_eq!(found(&board, &Actor::guest(), "燕"), [OAT_LATTE]);
    assert_eq!(found(&board, &Actor::guest(), "latte"), [OAT_LATTE]);
    assert_eq!(
        found(&board, &Actor::guest(), "hour"),
        ["Longer opening hours"]
    );
    assert_eq!(board.check_integrity().unwrap(), Vec::<String>::new());
    // Migration 4 counted the backfilled index's terms.
    assert_eq!(board.counter_mismatches().unwrap(), Vec::<String>::new());
    let similar = ops::similar_ideas(&board, &Actor::guest(), "燕麦拿铁一直卖", None, 5).unwrap();
    assert_eq!(similar[0].idea.title, OAT_LATTE);
}

#[test]
fn ranking_in_the_index_gives_the_joined_query_s_pages_ties_included() {
    // Many ideas with the same words score the same bm25: the pages must break
    // those ties by votes, then number, exactly as the joined query does (a status
    // filter that every idea passes takes the joined path).
    let (mut board, _) = new_board(T0);
    let author = add_fan(&mut board, "Author", T0);
    let voters: Vec<Member> = (0..3)
        .map(|i| add_fan(&mut board, &format!("Voter {i}"), T0))
        .collect();
    let mut ids = Vec::new();
    for i in 0..40 {
        let title = if i % 9 == 0 {
            format!("Oat milk, oat foam, oat latte {i}")
        } else {
            "Oat milk latte".to_string()
        };
        let id = submit(&mut board, &author, &title, T0);
        for voter in voters.iter().take(i % 4) {
            ops::vote(&mut board, &voter.actor, &id, Priority::Important, T0).unwrap();
        }
        ids.push(id);
    }
    let page = |offset: u32, limit: u32, status: Option<IdeaStatus>| {
        let query = SearchQuery {
            query: "oat".into(),
            status,
            offset,
            limit,
            ..SearchQuery::default()
        };
        let page = ops::search_ideas(&board, &author.actor, &query).unwrap();
        let numbers: Vec<u32> = page.items.iter().map(|h| h.idea.number).collect();
        (numbers, page.has_more)
    };
    let (all, _) = page(0, 100, Some(IdeaStatus::New));
    assert_eq!(all.len(), 40);
    for offset in [0, 3, 7, 20, 33, 39, 40] {
        for limit in [1, 5, 7, 30] {
            assert_eq!(
                page(offset, limit, None),
                page(offset, limit, Some(IdeaStatus::New)),
                "offset {offset} limit {limit}"
            );
        }
    }
    let mut paged = Vec::new();
    for offset in (0..40).step_by(7) {
        paged.extend(page(offset, 7, None).0);
    }
    assert_eq!(paged, all);
}
