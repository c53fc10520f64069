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
use crate::store::{Board, cards, ideas, search};
use crate::{Error, Result};

/// The largest page a search returns.
pub const SEARCH_LIMIT_MAX: u32 = 100;
/// The most duplicates suggested for one draft.
pub const SIMILAR_LIMIT_MAX: u32 = 5;
/// Below this score an idea is not suggested as a duplicate: sharing one common
/// word is not being the same idea.
pub const SIMILAR_MIN_SCORE: f32 = 0.12;
/// Ideas scored per draft, best recall score first.
const SIMILAR_CANDIDATES: u32 = 40;
/// Features of a draft asked of the index at most (the rarest ones).
const SIMILAR_RECALL_TERMS: usize = 8;
/// Posting-list entries read for recall at most (beyond the rarest feature's): the
/// bound on the cost of recall on a large board; a small board never reaches it.
const RECALL_POSTINGS_BUDGET: i64 = 20_000;
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
            &super::ideas::FilterInput {
                category: query.category.as_deref(),
                status: query.status,
                tag: query.tag.as_deref(),
                author: query.author.as_deref(),
                voted_by: query.voted_by.as_deref(),
                include_hidden: query.include_hidden,
            },
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
        let idf = |f: &str| similar::idf(df.get(f).copied().unwrap_or(0), n);

        let mut best: HashMap<i64, f32> = HashMap::new();
        for c in recall_candidates(conn, &draft_all, &recall, &idf)? {
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
                    idea: cards::summary(conn, number, who.seq)?,
                    score,
                })
            })
            .collect()
    })
}

/// Up to [`SIMILAR_CANDIDATES`] open or merged visible ideas sharing recall terms
/// with the draft, best first by recall score (see [`crate::search::similar`]):
/// the sum, over the recall terms in an idea's title, of the term's weight in the
/// draft times its IDF. Only when fewer than that many titles share a term do
/// bodies count too, at [`similar::BODY_WEIGHT`]. Ties go to the older idea.
fn recall_candidates(
    conn: &rusqlite::Connection,
    draft: &Features,
    recall: &[&str],
    idf: &impl Fn(&str) -> f32,
) -> Result<Vec<search::Candidate>> {
    let weight = |t: &str| draft.weights.get(t).copied().unwrap_or(0.0) * idf(t);
    // Each posting list comes in number order; they are merged, summing per idea.
    let mut lists: Vec<(Vec<i64>, f32)> = Vec::with_capacity(recall.len());
    for &term in recall {
        let fts = format!("{{title_terms title_chars}} : \"{term}\"");
        lists.push((search::matching_numbers(conn, &fts)?, weight(term)));
    }
    let mut ranked = merge_sum(&lists);
    if ranked.len() < SIMILAR_CANDIDATES as usize {
        let mut bodies = Vec::with_capacity(recall.len());
        for (&term, (titled, _)) in recall.iter().zip(&lists) {
            let only_body: Vec<i64> = search::matching_numbers(conn, &format!("\"{term}\""))?
                .into_iter()
                .filter(|number| titled.binary_search(number).is_err())
                .collect();
            bodies.push((only_body, weight(term) * similar::BODY_WEIGHT));
        }
        lists.extend(bodies);
        ranked = merge_sum(&lists);
    }
    let by_score = |a: &(i64, f32), b: &(i64, f32)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    // Hidden, launched and declined ideas drop out here; ask for more until enough
    // qualify or none are left. Only the best `asked` are put in order.
    let mut asked = SIMILAR_CANDIDATES as usize * 2;
    loop {
        let take = asked.min(ranked.len());
        if take < ranked.len() {
            ranked.select_nth_unstable_by(take, by_score);
        }
        ranked[..take].sort_unstable_by(by_score);
        let numbers: Vec<i64> = ranked[..take].iter().map(|&(number, _)| number).collect();
        let found = search::candidates(conn, &numbers, SIMILAR_CANDIDATES)?;
        if found.len() >= SIMILAR_CANDIDATES as usize || take == ranked.len() {
            return Ok(found);
        }
        asked *= 2;
    }
}

/// The posting lists (each in number order) merged, each idea with the sum of the
/// weights of the lists it is in.
fn merge_sum(lists: &[(Vec<i64>, f32)]) -> Vec<(i64, f32)> {
    let mut at = vec![0usize; lists.len()];
    let mut out = Vec::new();
    loop {
        let next = lists
            .iter()
            .zip(&at)
            .filter_map(|((numbers, _), &i)| numbers.get(i).copied())
            .min();
        let Some(number) = next else { return out };
        let mut sum = 0.0;
        for ((numbers, w), i) in lists.iter().zip(at.iter_mut()) {
            if numbers.get(*i) == Some(&number) {
                sum += w;
                *i += 1;
            }
        }
        out.push((number, sum));
    }
}

/// The draft's features worth asking the index for: known to the board, not in
/// every tenth idea (unless nothing rarer is left), the rarest first, at most
/// [`SIMILAR_RECALL_TERMS`] and within [`RECALL_POSTINGS_BUDGET`].
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
    // The rarest always; then others while their posting lists stay within budget.
    let mut postings = 0;
    let mut kept = 0;
    for t in &terms {
        postings += df.get(*t).copied().unwrap_or(0);
        if kept > 0 && postings > RECALL_POSTINGS_BUDGET {
            break;
        }
        kept += 1;
    }
    terms.truncate(kept);
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
