//! The cases of the search target: queries made of the board's words and Chinese
//! characters, quotes of every kind, FTS5 operators and column filters, CJK and
//! fullwidth punctuation, control and zero-width characters, payloads and random
//! strings, over every filter, order, page and role; drafts for duplicate
//! detection; hostile ideas to submit and then look up.

use ideaboard_core::model::{IdeaSort, IdeaStatus, SearchQuery};
use proptest::prelude::*;
use proptest::sample::select;

use crate::hostile;

const WORDS: &[&str] = &[
    "oat",
    "lattes",
    "LATTE",
    "store",
    "stores",
    "cup",
    "dark",
    "mode",
    "the",
    "of",
    "it's",
    "don’t",
    "quoted",
    "opening",
    "hours",
    "spam",
    "ordering",
    "script",
    "alert",
    "javascript",
    "ｌａｔｔｅ",
    "123",
    "café",
    "e\u{301}",
    "İstanbul",
];

const CJK: &[&str] = &[
    "燕",
    "燕麦",
    "燕麦拿铁",
    "拿铁",
    "积分",
    "兑换",
    "咖啡",
    "会员积分可以兑换咖啡",
    "引号",
    "自带杯",
    "𠀀",
    "𪚥",
    "全角",
    "猫",
    "ひらがな",
    "カタカナ",
];

const SYNTAX: &[&str] = &[
    "\"",
    "“",
    "”",
    "「",
    "」",
    "『",
    "』",
    "＂",
    "'",
    " AND ",
    " OR ",
    " NOT ",
    "NEAR(",
    "NEAR",
    "(",
    ")",
    "*",
    "^",
    ":",
    "{",
    "}",
    "-",
    "+",
    "title_terms:",
    "{title_terms body_terms}:",
    "body_chars : ",
    "\"\"",
    "''",
    "，",
    "。",
    "？",
    "！",
    "、",
    "\u{3000}",
    "\t",
    "\n",
    " ",
    "  ",
    "\u{0}",
    "\u{200B}",
    "\u{FEFF}",
    "%",
    "_",
    "\\",
    ";",
    "--",
    "/*",
    "*/",
];

fn query_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(WORDS).prop_map(str::to_string),
        4 => select(CJK).prop_map(str::to_string),
        5 => select(SYNTAX).prop_map(str::to_string),
        1 => hostile::unicode(),
        1 => hostile::payload(),
        1 => any::<String>(),
        1 => "[a-z]{1,3}",
    ]
}

/// One word of the board between bits of syntax: a query likely to find something.
fn one_word() -> impl Strategy<Value = String> {
    (
        select(SYNTAX),
        prop_oneof![select(WORDS), select(CJK)],
        select(SYNTAX),
    )
        .prop_map(|(before, word, after)| format!("{before}{word}{after}"))
}

fn query_text() -> impl Strategy<Value = String> {
    prop_oneof![
        8 => prop::collection::vec(query_piece(), 0..12).prop_map(|p| p.concat()),
        6 => one_word(),
        1 => (query_piece(), 20usize..120).prop_map(|(p, n)| p.repeat(n)),
        1 => "[ \\t\u{3000}\"“”「」『』＂，。？！*^():{}+-]{0,20}",
    ]
}

#[derive(Debug, Clone, Copy)]
pub enum Who {
    Guest,
    Fan,
    Moderator,
}

#[derive(Debug, Clone)]
pub enum Case {
    Search(Who, SearchQuery),
    Similar(String, Option<String>, u32),
    /// Submit an idea, then search for its title.
    Submit(String, String),
}

fn limit() -> impl Strategy<Value = u32> {
    select(&[0u32, 1, 3, 30, 100, 101, u32::MAX][..])
}

/// A category slug or tag name, sometimes one that exists.
fn slug() -> impl Strategy<Value = Option<String>> {
    prop::option::weighted(
        0.15,
        prop_oneof![
            select(&["drinks", "nope", "", "燕麦", "'; DROP TABLE ideas; --"][..])
                .prop_map(str::to_string),
            hostile::short_text(3, 40),
        ],
    )
}

fn search_case() -> impl Strategy<Value = Case> {
    let who = select(&[Who::Guest, Who::Fan, Who::Moderator][..]);
    let sort = prop::option::of(select(
        &[
            IdeaSort::Trending,
            IdeaSort::Top,
            IdeaSort::New,
            IdeaSort::MostDiscussed,
        ][..],
    ));
    let status = prop::option::weighted(
        0.2,
        select(
            &[
                IdeaStatus::New,
                IdeaStatus::Planned,
                IdeaStatus::Launched,
                IdeaStatus::Merged,
            ][..],
        ),
    );
    let member = prop::option::weighted(
        0.1,
        select(&["not-an-id", "00000000-0000-0000-0000-000000000000", "fan"][..])
            .prop_map(str::to_string),
    );
    (
        who,
        query_text(),
        sort,
        (slug(), status, slug()),
        member,
        prop::bool::weighted(0.25),
        (select(&[0u32, 1, 5, 100, u32::MAX][..]), limit()),
    )
        .prop_map(
            |(
                who,
                query,
                sort,
                (category, status, tag),
                author,
                include_hidden,
                (offset, limit),
            )| {
                Case::Search(
                    who,
                    SearchQuery {
                        query,
                        sort,
                        category,
                        status,
                        tag,
                        author,
                        voted_by: None,
                        include_hidden,
                        offset,
                        limit,
                    },
                )
            },
        )
}

pub fn case() -> impl Strategy<Value = Case> {
    prop_oneof![
        6 => search_case(),
        2 => (query_text(), prop::option::of(hostile::short_text(10, 600)), limit())
            .prop_map(|(t, b, l)| Case::Similar(t, b, l)),
        2 => (
            prop_oneof![query_text(), hostile::short_text(10, 130)],
            hostile::short_text(20, 2_000),
        )
            .prop_map(|(t, b)| Case::Submit(t, b)),
    ]
}
