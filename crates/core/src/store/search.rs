//! SQL of full-text search: the `idea_search` FTS5 index (migration 3), kept in step
//! with `ideas` in the same transaction as every write of an idea's text, and the
//! queries of search and duplicate detection. What goes into the index and what a
//! query means are decided in [`crate::search`]; this file only moves rows.
//!
//! Invariant: for every idea there is exactly one `idea_search` row, rowid = number,
//! holding the analysis of its current title and body. Visibility (hidden, merged) is
//! never in the index: every query joins `ideas` and filters there.

use std::collections::BTreeSet;

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::cards;
use super::filter::{LISTED, ListFilter, open_statuses, static_sql};
use crate::Result;
use crate::model::{IdeaSort, IdeaStatus, IdeaSummary};
use crate::search::{analyse, plain_text};

/// bm25 with the columns' weights: title_terms, body_terms, title_chars, body_chars.
/// A match in the title counts four times one in the body.
const BM25: &str = "bm25(idea_search, 4.0, 1.0, 4.0, 1.0)";

/// Indexes (or re-indexes) one idea's title and Markdown body; `previous` is the
/// text indexed until now (`None` for a new idea), whose terms leave
/// `idea_term_df`.
pub(crate) fn index_idea(
    conn: &Connection,
    number: i64,
    previous: Option<(&str, &str)>,
    title: &str,
    body: &str,
) -> Result<()> {
    let row = IndexRow::of(title, body);
    let mut gone = BTreeSet::new();
    if let Some((old_title, old_body)) = previous {
        conn.prepare_cached("DELETE FROM idea_search WHERE rowid = ?1")?
            .execute([number])?;
        gone = IndexRow::of(old_title, old_body).terms();
    }
    insert_row(conn, number, &row)?;
    let kept = row.terms();
    let added: Vec<&String> = kept.difference(&gone).collect();
    let removed: Vec<&String> = gone.difference(&kept).collect();
    if !added.is_empty() {
        conn.prepare_cached(
            "INSERT INTO idea_term_df (term, df) SELECT value, 1 FROM json_each(?1) WHERE true \
             ON CONFLICT (term) DO UPDATE SET df = df + 1",
        )?
        .execute([json_array(&added)?])?;
    }
    if !removed.is_empty() {
        let json = json_array(&removed)?;
        conn.prepare_cached(
            "UPDATE idea_term_df SET df = df - 1 WHERE term IN (SELECT value FROM json_each(?1))",
        )?
        .execute([&json])?;
        conn.prepare_cached(
            "DELETE FROM idea_term_df WHERE df = 0 AND term IN (SELECT value FROM json_each(?1))",
        )?
        .execute([&json])?;
    }
    Ok(())
}

/// `items` as a JSON array, for `json_each`.
fn json_array<T: serde::Serialize>(items: &[T]) -> Result<String> {
    serde_json::to_string(items).map_err(|e| crate::Error::Internal(e.to_string()))
}

/// The four columns of one `idea_search` row.
struct IndexRow {
    columns: [String; 4],
}

impl IndexRow {
    fn of(title: &str, body: &str) -> IndexRow {
        let body = plain_text(body);
        IndexRow {
            columns: [
                analyse::joined(&analyse::term_stream(title)),
                analyse::joined(&analyse::term_stream(&body)),
                analyse::joined(&analyse::char_stream(title)),
                analyse::joined(&analyse::char_stream(&body)),
            ],
        }
    }

    /// The distinct terms of the row, as FTS5's `ascii` tokenizer reads them: runs
    /// of anything but ASCII punctuation and spaces, ASCII lower-cased.
    fn terms(&self) -> BTreeSet<String> {
        self.columns
            .iter()
            .flat_map(|c| c.split(|ch: char| ch.is_ascii() && !ch.is_ascii_alphanumeric()))
            .filter(|t| !t.is_empty())
            .map(str::to_ascii_lowercase)
            .collect()
    }
}

fn insert_row(conn: &Connection, number: i64, row: &IndexRow) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO idea_search (rowid, title_terms, body_terms, title_chars, body_chars) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        number,
        row.columns[0],
        row.columns[1],
        row.columns[2],
        row.columns[3],
    ])?;
    Ok(())
}

/// Rebuilds the whole index from `ideas`, in the caller's transaction: the backfill
/// of migration 3, and for bulk loaders that insert ideas without
/// [`ideas::insert`] (which then call [`rebuild_doc_frequencies`]). Returns the
/// number of ideas indexed.
pub(crate) fn reindex_all(conn: &Connection) -> Result<u64> {
    conn.prepare_cached("INSERT INTO idea_search (idea_search) VALUES ('delete-all')")?
        .execute([])?;
    let mut stmt = conn.prepare("SELECT number, title, body FROM ideas ORDER BY number")?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let number: i64 = row.get(0)?;
        let title: String = row.get(1)?;
        let body: String = row.get(2)?;
        insert_row(conn, number, &IndexRow::of(&title, &body))?;
        count += 1;
    }
    Ok(count)
}

/// Recounts `idea_term_df` from the index (after [`reindex_all`]).
/// Pages of segment merging one idle step may do: a few milliseconds of work.
const IDLE_MERGE_PAGES: i64 = 256;

/// Merges up to [`IDLE_MERGE_PAGES`] pages of the index's segments (FTS5's
/// 'merge' command; it does nothing while no level holds enough segments).
pub(crate) fn merge_segments(conn: &Connection) -> Result<()> {
    conn.prepare_cached("INSERT INTO idea_search (idea_search, rank) VALUES ('merge', ?1)")?
        .execute([IDLE_MERGE_PAGES])?;
    Ok(())
}

pub(crate) fn rebuild_doc_frequencies(conn: &Connection) -> Result<()> {
    conn.execute_batch(
        "DELETE FROM idea_term_df; \
         INSERT INTO idea_term_df (term, df) SELECT term, doc FROM idea_search_vocab;",
    )?;
    Ok(())
}

/// Terms whose `idea_term_df` count differs from the index's own, as
/// "term: df stored/counted", for integrity checks.
pub(crate) fn doc_frequency_mismatches(conn: &Connection) -> Result<Vec<String>> {
    let mut stmt = conn.prepare(
        "SELECT term, sum(stored), sum(counted) FROM ( \
           SELECT term, df AS stored, 0 AS counted FROM idea_term_df \
           UNION ALL SELECT term, 0, doc FROM idea_search_vocab) \
         GROUP BY term HAVING sum(stored) <> sum(counted) ORDER BY term",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "term {:?}: df {}/{}",
            r.get::<_, String>(0)?,
            r.get::<_, i64>(1)?,
            r.get::<_, i64>(2)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn order_by(sort: Option<IdeaSort>) -> &'static str {
    match sort {
        None => "relevance, vote_count DESC, number DESC",
        Some(IdeaSort::Trending) => "trending DESC, number DESC",
        Some(IdeaSort::Top) => "vote_count DESC, vote_weight DESC, number DESC",
        Some(IdeaSort::New) => "number DESC",
        Some(IdeaSort::MostDiscussed) => "comment_count DESC, number DESC",
    }
}

/// Ideas ranked by the index alone, asked for at first in a relevance search:
/// this many beyond the page, to make up for hidden and merged ones.
const RANKED_SLACK: u32 = 16;
/// Past this many ranked ideas without an exact page (a deep page, or a page made
/// of ties), the relevance search falls back to the joined query.
const RANKED_MAX: u32 = 4096;

/// One page of the cards of ideas matching the FTS5 expression `fts`.
///
/// By relevance with no filter but visibility (the search box as fans use it),
/// the page is found by [`ranked_page`]: the index ranks its matches alone, and only
/// the best few are joined to `ideas`. Otherwise the index drives a join (CROSS
/// JOIN), so filters only thin out its matches.
pub(crate) fn matching(
    conn: &Connection,
    fts: &str,
    filter: &ListFilter,
    sort: Option<IdeaSort>,
    viewer_seq: Option<i64>,
    offset: u32,
    limit: u32,
) -> Result<Vec<IdeaSummary>> {
    if sort.is_none()
        && filter.is_visibility_only()
        && let Some(numbers) = ranked_page(conn, fts, filter.include_hidden, offset, limit)?
    {
        // The page in its order: `relevance` is the position on it.
        let inner = "SELECT ideas.*, page.key AS relevance FROM json_each(?1) AS page \
                     JOIN ideas ON ideas.number = page.value";
        let json = Value::Text(json_array(&numbers)?);
        return cards::summaries(conn, inner, vec![json], "relevance", viewer_seq);
    }
    let mut args = vec![Value::Text(fts.to_string())];
    let mut clauses = vec!["idea_search MATCH ?1".to_string()];
    filter.push_clauses(&mut clauses, &mut args);
    args.push(Value::Integer(i64::from(limit)));
    let limit_arg = args.len();
    args.push(Value::Integer(i64::from(offset)));
    let offset_arg = args.len();
    let order = order_by(sort);
    let inner = format!(
        "SELECT ideas.*, {BM25} AS relevance FROM idea_search CROSS JOIN ideas ON ideas.number = idea_search.rowid \
         WHERE {} ORDER BY {order} LIMIT ?{limit_arg} OFFSET ?{offset_arg}",
        clauses.join(" AND ")
    );
    cards::summaries(conn, &inner, args, order, viewer_seq)
}

/// The best `limit` matches of `fts` from `offset`, by bm25 then votes then number
/// (exactly the order of the joined query), as idea numbers; `None` when it would
/// take more than [`RANKED_MAX`] ranked ideas to be sure of the page.
///
/// Why: a common term (`麦`, `cold`) matches thousands of ideas. Joining every
/// match to `ideas` to drop hidden and merged ones reads thousands of wide rows
/// (the visibility columns sit after the body), and that, not bm25, was most of a
/// search's time. The index ranks its matches without the join, keeping the best
/// `n` (a bounded sort); those `n` are then joined, filtered and ordered with the
/// vote tie-break. The page is exact when every idea on it scores strictly better
/// than the `n`-th: the ideas not fetched all score no better than the `n`-th, so
/// none of them belongs on the page, not even through a tie broken by votes.
/// Otherwise `n` doubles. Relevance is unchanged: the same bm25, the same order.
fn ranked_page(
    conn: &Connection,
    fts: &str,
    include_hidden: bool,
    offset: u32,
    limit: u32,
) -> Result<Option<Vec<i64>>> {
    let want = offset as usize + limit as usize;
    // Past RANKED_MAX (a deep offset included) the loop never runs: joined query.
    let mut n = offset.saturating_add(limit).saturating_add(RANKED_SLACK);
    let ranked_sql = format!(
        "SELECT rowid, {BM25} AS relevance FROM idea_search WHERE idea_search MATCH ?1 \
         ORDER BY relevance LIMIT ?2"
    );
    let visible = if include_hidden { "1" } else { LISTED };
    let ideas_sql = format!(
        "SELECT number, vote_count FROM ideas \
         WHERE number IN (SELECT value FROM json_each(?1)) AND {visible}"
    );
    while n <= RANKED_MAX {
        let ranked: Vec<(i64, f64)> = conn
            .prepare_cached(&ranked_sql)?
            .query_map(params![fts, n], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        let all_fetched = ranked.len() < n as usize;
        let worst = ranked.last().map_or(f64::INFINITY, |&(_, score)| score);
        let scores: std::collections::HashMap<i64, f64> = ranked.iter().copied().collect();
        let numbers: Vec<i64> = ranked.iter().map(|&(number, _)| number).collect();
        let json = json_array(&numbers)?;
        let mut shown: Vec<(f64, i64, i64)> = conn
            .prepare_cached(&ideas_sql)?
            .query_map([json], |r| {
                let number: i64 = r.get(0)?;
                Ok((scores[&number], r.get(1)?, number))
            })?
            .collect::<rusqlite::Result<_>>()?;
        // bm25 ascending (FTS5's bm25 is negative, best first), votes, number.
        shown.sort_by(|a, b| a.0.total_cmp(&b.0).then(b.1.cmp(&a.1)).then(b.2.cmp(&a.2)));
        let exact = all_fetched || (shown.len() >= want && shown[want - 1].0 < worst);
        if exact {
            return Ok(Some(
                shown
                    .into_iter()
                    .skip(offset as usize)
                    .take(limit as usize)
                    .map(|(_, _, number)| number)
                    .collect(),
            ));
        }
        n *= 2;
    }
    Ok(None)
}

/// An idea that may be what a draft duplicates, as duplicate detection scores it.
#[derive(Debug, Clone)]
pub(crate) struct Candidate {
    pub number: i64,
    pub title: String,
    /// The opening of the Markdown body.
    pub body_head: String,
    /// Where it was merged, if it was.
    pub merged_into: Option<i64>,
}

/// Characters of the body that duplicate detection reads.
const BODY_HEAD_CHARS: i64 = 400;

/// The numbers of the ideas (any visibility) matching the FTS5 expression `fts`, in
/// number order, unranked: a walk of the posting lists, with no bm25 and no join.
pub(crate) fn matching_numbers(conn: &Connection, fts: &str) -> Result<Vec<i64>> {
    let mut stmt = conn.prepare_cached(
        "SELECT rowid FROM idea_search WHERE idea_search MATCH ?1 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([fts], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Of `numbers` (best first), the first `limit` that are visible and open or merged,
/// in that order.
pub(crate) fn candidates(conn: &Connection, numbers: &[i64], limit: u32) -> Result<Vec<Candidate>> {
    let sql = static_sql!(
        "SELECT ideas.number, ideas.title, substr(ideas.body, 1, ?2), ideas.merged_into \
         FROM json_each(?1) AS ranked JOIN ideas ON ideas.number = ranked.value \
         WHERE ideas.hidden = 0 \
           AND (ideas.status IN {} OR ideas.status = 'merged') \
         ORDER BY ranked.key LIMIT ?3",
        open_statuses()
    );
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map(params![json_array(numbers)?, BODY_HEAD_CHARS, limit], |r| {
        Ok(Candidate {
            number: r.get(0)?,
            title: r.get(1)?,
            body_head: r.get(2)?,
            merged_into: r.get(3)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The idea a merged idea finally stands for (merges may chain: A into B, later B
/// into C), if that idea is open and visible.
pub(crate) fn open_merge_target(conn: &Connection, merged_into: i64) -> Result<Option<i64>> {
    let mut number = merged_into;
    // Merges never form a cycle (a merged idea is never a target); the bound is a guard.
    for _ in 0..32 {
        let row: Option<(Option<i64>, String, bool)> = conn
            .prepare_cached("SELECT merged_into, status, hidden FROM ideas WHERE number = ?1")?
            .query_row([number], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((next, status, hidden)) = row else {
            return Ok(None);
        };
        match next {
            Some(next) => number = next,
            None => {
                let open = IdeaStatus::parse(&status)?.is_open();
                return Ok((open && !hidden).then_some(number));
            }
        }
    }
    Ok(None)
}

/// In how many ideas `term` occurs (any column).
pub(crate) fn doc_frequency(conn: &Connection, term: &str) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT df FROM idea_term_df WHERE term = ?1")?
        .query_row([term], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// The number of ideas ever submitted (numbers are never reused): the N of IDF,
/// read in constant time.
pub(crate) fn idea_count(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(number), 0) FROM ideas")?
        .query_row([], |r| r.get(0))?)
}
