//! The relevance test set: a fixture board of ideas (half Chinese) and queries with
//! the ideas a reader judged relevant (tests/relevance/). Reports precision@5 and
//! recall@10 over all queries and per language, and fails below the floors.
//!
//! precision@5 = relevant among the first min(5, returned) results / that number
//! (no results at all counts 0): of what a fan sees first, how much is on topic.
//! recall@10 = relevant among the first 10 / all relevant.

use ideaboard_core::model::{NewIdea, Priority, SearchQuery};
use ideaboard_core::{Board, ops};
use serde_json::Value;

use crate::support::{Member, T0, add_fan, new_board};

const BOARD: &str = include_str!("../relevance/board.json");
const QUERIES: &str = include_str!("../relevance/queries.json");

/// Floors set from the measured values (see the report in the test output); a
/// change to the analysis that loses relevance fails here.
const PRECISION_AT_5_FLOOR: f64 = 0.95;
const RECALL_AT_10_FLOOR: f64 = 0.97;

fn fixture_board() -> (Board, Member) {
    let (mut board, _) = new_board(T0);
    let author = add_fan(&mut board, "Author", T0);
    let voters: Vec<Member> = (0..15)
        .map(|i| add_fan(&mut board, &format!("Voter {i}"), T0))
        .collect();
    let data: Value = serde_json::from_str(BOARD).unwrap();
    for idea in data["ideas"].as_array().unwrap() {
        let input = NewIdea {
            title: idea["title"].as_str().unwrap().into(),
            body: idea["body"].as_str().unwrap().into(),
            category: None,
            tags: Vec::new(),
        };
        let id = ops::submit_idea(&mut board, &author.actor, &input, T0)
            .unwrap()
            .idea
            .id;
        // Votes only break ties; a tenth of the fixture's count keeps the test quick.
        let votes = (idea["votes"].as_u64().unwrap() / 10) as usize;
        for voter in voters.iter().take(votes) {
            ops::vote(&mut board, &voter.actor, &id, Priority::Important, T0).unwrap();
        }
    }
    (board, author)
}

#[derive(Default)]
struct Tally {
    queries: usize,
    precision: f64,
    recall: f64,
}

impl Tally {
    fn add(&mut self, precision: f64, recall: f64) {
        self.queries += 1;
        self.precision += precision;
        self.recall += recall;
    }
    fn means(&self) -> (f64, f64) {
        let n = self.queries.max(1) as f64;
        (self.precision / n, self.recall / n)
    }
}

#[test]
fn relevance_meets_the_floors() {
    let (board, fan) = fixture_board();
    let data: Value = serde_json::from_str(QUERIES).unwrap();
    let queries = data["queries"].as_array().unwrap();
    assert!(queries.len() >= 60);
    let (mut all, mut chinese, mut english) =
        (Tally::default(), Tally::default(), Tally::default());
    let mut misses = Vec::new();
    for q in queries {
        let text = q["q"].as_str().unwrap();
        let relevant: Vec<&str> = q["relevant"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        let query = SearchQuery {
            query: text.into(),
            limit: 10,
            ..SearchQuery::default()
        };
        let page = ops::search_ideas(&board, &fan.actor, &query).unwrap();
        let got: Vec<&str> = page.items.iter().map(|h| h.idea.title.as_str()).collect();
        let top5 = &got[..got.len().min(5)];
        let precision = if top5.is_empty() {
            0.0
        } else {
            top5.iter().filter(|t| relevant.contains(t)).count() as f64 / top5.len() as f64
        };
        let recall =
            got.iter().filter(|t| relevant.contains(t)).count() as f64 / relevant.len() as f64;
        all.add(precision, recall);
        if text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)) {
            chinese.add(precision, recall);
        } else {
            english.add(precision, recall);
        }
        if precision < 1.0 || recall < 1.0 {
            misses.push(format!(
                "  {text:?}: p@5 {precision:.2} r@10 {recall:.2} got {got:?}"
            ));
        }
    }
    let (p, r) = all.means();
    let (pc, rc) = chinese.means();
    let (pe, re) = english.means();
    eprintln!(
        "relevance: {} queries ({} with Chinese, {} English only)\n  precision@5 {p:.3} (zh {pc:.3}, en {pe:.3})\n  recall@10   {r:.3} (zh {rc:.3}, en {re:.3})\nimperfect queries:\n{}",
        all.queries,
        chinese.queries,
        english.queries,
        misses.join("\n")
    );
    assert!(chinese.queries >= 30 && english.queries >= 30);
    assert!(
        p >= PRECISION_AT_5_FLOOR,
        "precision@5 {p:.3} < {PRECISION_AT_5_FLOOR}"
    );
    assert!(
        r >= RECALL_AT_10_FLOOR,
        "recall@10 {r:.3} < {RECALL_AT_10_FLOOR}"
    );
}
