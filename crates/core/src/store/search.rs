//! SQL of full-text search: the `idea_search` FTS5 index (migration 3), kept in step
//! with `ideas` in the same transaction as every write of an idea's text, and the
//! queries of search and duplicate detection. What goes into the index and what a
//! query means are decided in [`crate::search`]; this file only moves rows.
//!
//! Invariant: for every idea there is exactly one `idea_search` row, rowid = number,
//! holding the analysis of its current title and body. Visibility (hidden, merged) is
//! never in the index: every query joins `ideas` and filters there.

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, params};

use super::ideas;
use crate::Result;
use crate::model::{IdeaSort, IdeaStatus, IdeaSummary};
use crate::search::{analyse, plain_text};

/// bm25 with the columns' weights: title_terms, body_terms, title_chars, body_chars.
/// A match in the title counts four times one in the body.
const BM25: &str = "bm25(idea_search, 4.0, 1.0, 4.0, 1.0)";

/// Indexes (or re-indexes) one idea's title and Markdown body.
pub(crate) fn index_idea(conn: &Connection, number: i64, title: &str, body: &str) -> Result<()> {
    conn.prepare_cached("DELETE FROM idea_search WHERE rowid = ?1")?
        .execute([number])?;
    insert_row(conn, number, title, body)
}

fn insert_row(conn: &Connection, number: i64, title: &str, body: &str) -> Result<()> {
    let body = plain_text(body);
    conn.prepare_cached(
        "INSERT INTO idea_search (rowid, title_terms, body_terms, title_chars, body_chars) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![
        number,
        analyse::joined(&analyse::term_stream(title)),
        analyse::joined(&analyse::term_stream(&body)),
        analyse::joined(&analyse::char_stream(title)),
        analyse::joined(&analyse::char_stream(&body)),
    ])?;
    Ok(())
}

/// Rebuilds the whole index from `ideas`, in the caller's transaction: the backfill
/// of migration 3, and for bulk loaders that insert ideas without
/// [`ideas::insert`]. Returns the number of ideas indexed.
pub(crate) fn reindex_all(conn: &Connection) -> Result<u64> {
    conn.execute(
        "INSERT INTO idea_search (idea_search) VALUES ('delete-all')",
        [],
    )?;
    let mut stmt = conn.prepare("SELECT number, title, body FROM ideas ORDER BY number")?;
    let mut rows = stmt.query([])?;
    let mut count = 0;
    while let Some(row) = rows.next()? {
        let number: i64 = row.get(0)?;
        let title: String = row.get(1)?;
        let body: String = row.get(2)?;
        insert_row(conn, number, &title, &body)?;
        count += 1;
    }
    Ok(count)
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

/// One page of the cards of ideas matching the FTS5 expression `fts`. The index
/// drives the join (CROSS JOIN), so filters only thin out its matches.
pub(crate) fn matching(
    conn: &Connection,
    fts: &str,
    filter: &ideas::ListFilter,
    sort: Option<IdeaSort>,
    viewer_seq: Option<i64>,
    offset: u32,
    limit: u32,
) -> Result<Vec<IdeaSummary>> {
    let mut args = vec![Value::Text(fts.to_string())];
    let mut clauses = vec!["idea_search MATCH ?1".to_string()];
    ideas::push_filter_clauses(filter, &mut clauses, &mut args);
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
    ideas::summaries(conn, &inner, args, order, viewer_seq)
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

/// Up to `limit` visible ideas that are open or merged, best bm25 first, matching
/// `fts` (an OR of the draft's features).
pub(crate) fn candidates(conn: &Connection, fts: &str, limit: u32) -> Result<Vec<Candidate>> {
    let sql = format!(
        "SELECT ideas.number, ideas.title, substr(ideas.body, 1, ?3), ideas.merged_into \
         FROM idea_search CROSS JOIN ideas ON ideas.number = idea_search.rowid \
         WHERE idea_search MATCH ?1 AND ideas.hidden = 0 \
           AND ideas.status IN ('new', 'under_review', 'planned', 'in_progress', 'merged') \
         ORDER BY {BM25} LIMIT ?2"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![fts, limit, BODY_HEAD_CHARS], |r| {
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
        .prepare_cached("SELECT doc FROM idea_search_vocab WHERE term = ?1")?
        .query_row([term], |r| r.get(0))
        .optional()?
        .unwrap_or(0))
}

/// The number of ideas ever submitted (numbers are never reused): the N of IDF,
/// read in constant time.
pub(crate) fn idea_count(conn: &Connection) -> Result<i64> {
    Ok(
        conn.query_row("SELECT coalesce(max(number), 0) FROM ideas", [], |r| {
            r.get(0)
        })?,
    )
}
