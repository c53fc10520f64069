//! Bench rows for search and similar ideas (issue 6's targets: p99 <= 20 ms on the
//! scale board), with queries drawn from the scale board's own vocabulary: 1-, 2- and
//! 4-character Chinese, English words, mixed, and a reworded draft for similar ideas.

use std::time::Duration;

use ideaboard_core::model::SearchQuery;
use ideaboard_core::{Actor, Board, Error, ops};

use super::bench::time;
use super::bench_report::{Row, Target};

const SEARCH_TARGET: Option<Target> = Some(Target {
    p99_ms: 20.0,
    floor_ratio: None,
});

/// (row name, query)
const QUERIES: &[(&str, &str)] = &[
    ("search zh, 1 char (麦)", "麦"),
    ("search zh, 2 chars (燕麦)", "燕麦"),
    ("search zh, 4 chars (燕麦拿铁)", "燕麦拿铁"),
    ("search en (cold brew)", "cold brew"),
    ("search mixed (燕麦 latte)", "燕麦 latte"),
];

/// (row name, draft title) for the share view's suggestions.
const DRAFTS: &[(&str, &str)] = &[
    ("similar ideas (zh draft)", "燕麦拿铁能不能多一些口味"),
    (
        "similar ideas (en draft)",
        "more flavours of cold brew please",
    ),
];

/// Times each query `n` times as a guest (a fan's view: hidden and merged filtered),
/// the rows `wants` accepts only.
pub(crate) fn searches(
    board: &Board,
    n: usize,
    wants: impl Fn(&str) -> bool,
) -> Result<Vec<Row>, Error> {
    let guest = Actor::guest();
    let mut rows = Vec::new();
    for (name, text) in QUERIES.iter().filter(|(name, _)| wants(name)) {
        let query = SearchQuery {
            query: (*text).to_string(),
            limit: 30,
            ..SearchQuery::default()
        };
        let mut samples: Vec<Duration> = Vec::with_capacity(n);
        for _ in 0..n {
            time(&mut samples, || ops::search_ideas(board, &guest, &query))?;
        }
        rows.push(Row::timed(*name, &samples, SEARCH_TARGET));
    }
    for (name, draft) in DRAFTS.iter().filter(|(name, _)| wants(name)) {
        let mut samples: Vec<Duration> = Vec::with_capacity(n);
        for _ in 0..n {
            time(&mut samples, || {
                ops::similar_ideas(board, &guest, draft, None, 5)
            })?;
        }
        rows.push(Row::timed(*name, &samples, SEARCH_TARGET));
    }
    Ok(rows)
}
