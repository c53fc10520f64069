//! Searching ideas and finding likely duplicates of a draft. The method is in
//! [`crate::search`]; this file validates, authorises and reads one snapshot.
//! Fans (and guests) never see hidden or merged ideas here; the team may ask for
//! them in search, never in duplicate suggestions (only open, visible ideas are
//! worth voting for instead).

use std::collections::HashMap;

use super::Actor;
use super::actor::Who;
use crate::model::{SearchHit, SearchPage, SearchQuery, SimilarIdea};
use crate::search::query::{ParsedQuery, QUERY_MAX_CHARS};
use crate::search::similar::{self, Features};
use crate::search::{highlight, plain_text};
use crate::store::{Board, ideas, search};
use crate::{Error, Result};

/// The largest page a search returns.
pub const SEARCH_LIMIT_MAX: u32 = 100;
/// The most duplicates suggested for one draft.
pub const SIMILAR_LIMIT_MAX: u32 = 5;
/// Below this score an idea is not suggested as a duplicate: sharing one common
/// word is not being the same idea.
pub const SIMILAR_MIN_SCORE: f32 = 0.12;
/// Ideas scored per draft, best bm25 first.
const SIMILAR_CANDIDATES: u32 = 40;
/// Features of a draft asked of the index at most (the rarest ones).
const SIMILAR_RECALL_TERMS: usize = 24;
/// A feature in more than 1/this of the board is too common to recall by.
const COMMON_FEATURE_SHARE: i64 = 10;

/// Ideas matching a query, by relevance (ties by votes) or the given order, with the
/// matching words as ranges. A blank query is refused with `SearchEmpty`.
pub fn search_ideas(board: &Board, actor: &Actor, query: &SearchQuery) -> Result<SearchPage> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        if query.include_hidden && !who.is_team() {
            return Err(Error::NotAllowed);
        }
        let len = query.query.chars().count();
        if len > QUERY_MAX_CHARS {
            return Err(Error::InvalidInput {
                field: "query",
                reason: format!("{len} characters, at most {QUERY_MAX_CHARS}"),
            });
        }
        let parsed = ParsedQuery::parse(&query.query).ok_or(Error::SearchEmpty)?;
        let filter = super::ideas::resolve_filter(
            conn,
            query.category.as_deref(),
            query.status,
            query.tag.as_deref(),
            query.include_hidden,
        )?;
        if filter.matches_nothing {
            return Ok(SearchPage {
                items: Vec::new(),
                offset: query.offset,
                has_more: false,
            });
        }
        let limit = query.limit.clamp(1, SEARCH_LIMIT_MAX);
        let mut cards = search::matching(
            conn,
            &parsed.fts_match(),
            &filter,
            query.sort,
            who.seq,
            query.offset,
            limit + 1,
        )?;
        let has_more = cards.len() > limit as usize;
        cards.truncate(limit as usize);
        let items = cards
            .into_iter()
            .map(|idea| {
                let (body, _) = ideas::body(conn, i64::from(idea.number))?;
                Ok(SearchHit {
                    title: highlight::title(&parsed, &idea.title),
                    snippet: highlight::snippet(&parsed, &plain_text(&body)),
                    idea,
                })
            })
            .collect::<Result<Vec<_>>>()?;
        Ok(SearchPage {
            items,
            offset: query.offset,
            has_more,
        })
    })
}

/// The open, visible ideas a draft most likely duplicates, best first, at most
/// `limit` (1..=5), each with a similarity in `[0, 1]`; for the share view while
/// the title is typed. A draft with nothing searchable yet gives an empty list.
/// How it works is in [`crate::search::similar`].
pub fn similar_ideas(
    board: &Board,
    actor: &Actor,
    title: &str,
    body: Option<&str>,
    limit: u32,
) -> Result<Vec<SimilarIdea>> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let limit = limit.clamp(1, SIMILAR_LIMIT_MAX) as usize;
        let title = truncate_chars(title, QUERY_MAX_CHARS);
        let draft_title = Features::of(title, 1.0);
        let mut draft_all = draft_title.clone();
        if let Some(body) = body {
            draft_all.extend(&head_text(body), similar::BODY_WEIGHT);
        }
        if draft_all.is_empty() {
            return Ok(Vec::new());
        }

        let n = search::idea_count(conn)?;
        let mut df: HashMap<String, i64> = HashMap::new();
        for feature in draft_all.weights.keys() {
            df.insert(feature.clone(), search::doc_frequency(conn, feature)?);
        }
        let recall = recall_terms(&draft_all, &df, n);
        if recall.is_empty() {
            return Ok(Vec::new());
        }
        let fts = format!(
            "{{title_terms body_terms title_chars body_chars}} : ({})",
            recall
                .iter()
                .map(|t| format!("\"{t}\""))
                .collect::<Vec<_>>()
                .join(" OR ")
        );
        let idf = |f: &str| similar::idf(df.get(f).copied().unwrap_or(0), n);

        let mut best: HashMap<i64, f32> = HashMap::new();
        for c in search::candidates(conn, &fts, SIMILAR_CANDIDATES)? {
            let target = match c.merged_into {
                None => Some(c.number),
                Some(into) => search::open_merge_target(conn, into)?,
            };
            let Some(target) = target else { continue };
            let cand_title = Features::of(&c.title, 1.0);
            let mut cand_all = cand_title.clone();
            cand_all.extend(&head_text(&c.body_head), similar::BODY_WEIGHT);
            let score = similar::similarity(&draft_title, &draft_all, &cand_title, &cand_all, idf);
            let entry = best.entry(target).or_insert(0.0);
            *entry = entry.max(score);
        }
        let mut ranked: Vec<(i64, f32)> = best
            .into_iter()
            .filter(|&(_, s)| s >= SIMILAR_MIN_SCORE)
            .collect();
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(limit);
        ranked
            .into_iter()
            .map(|(number, score)| {
                Ok(SimilarIdea {
                    idea: ideas::summary(conn, number, who.seq)?,
                    score,
                })
            })
            .collect()
    })
}

/// The draft's features worth asking the index for: known to the board, not in
/// every tenth idea (unless nothing rarer is left), the rarest first.
fn recall_terms<'a>(draft: &'a Features, df: &HashMap<String, i64>, n: i64) -> Vec<&'a str> {
    let known: Vec<&str> = draft
        .recall_terms()
        .into_iter()
        .filter(|t| df.get(*t).copied().unwrap_or(0) > 0)
        .collect();
    let common = |t: &&str| df.get(*t).copied().unwrap_or(0) * COMMON_FEATURE_SHARE > n;
    let mut terms: Vec<&str> = known.iter().copied().filter(|t| !common(t)).collect();
    if terms.is_empty() {
        terms = known;
    }
    terms.sort_by_key(|t| (df.get(*t).copied().unwrap_or(0), *t));
    terms.truncate(SIMILAR_RECALL_TERMS);
    terms
}

/// The visible text of the opening of a Markdown body.
fn head_text(body: &str) -> String {
    plain_text(truncate_chars(body, 400))
}

fn truncate_chars(text: &str, max: usize) -> &str {
    match text.char_indices().nth(max) {
        Some((at, _)) => &text[..at],
        None => text,
    }
}
