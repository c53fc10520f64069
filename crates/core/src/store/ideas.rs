//! SQL for ideas: rows, cards, the list, counters and the stored trending score.
//! Writing an idea's text also writes its search index row (store::search).

use rusqlite::types::Value;
use rusqlite::{Connection, OptionalExtension, Row, params};

use super::filter::ListFilter;
use crate::clock::Timestamp;
use crate::model::{IdeaSort, IdeaStatus, IdeaSummary, Priority};
use crate::rank;
use crate::{Error, Result};

/// An idea as ops need it to decide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct IdeaRow {
    pub number: i64,
    pub id: String,
    pub author_seq: i64,
    pub status: IdeaStatus,
    pub hidden: bool,
    pub merged_into: Option<i64>,
    pub created_at: Timestamp,
    pub vote_count: i64,
    pub trending: f64,
    pub title: String,
}

const ROW_COLUMNS: &str =
    "number, id, author_seq, status, hidden, merged_into, created_at, vote_count, trending, title";

fn idea_row(r: &Row<'_>) -> rusqlite::Result<(IdeaRow, String)> {
    let status: String = r.get(3)?;
    Ok((
        IdeaRow {
            number: r.get(0)?,
            id: r.get(1)?,
            author_seq: r.get(2)?,
            status: IdeaStatus::New,
            hidden: r.get(4)?,
            merged_into: r.get(5)?,
            created_at: Timestamp::from_millis(r.get(6)?),
            vote_count: r.get(7)?,
            trending: r.get(8)?,
            title: r.get(9)?,
        },
        status,
    ))
}

fn finish((mut row, status): (IdeaRow, String)) -> Result<IdeaRow> {
    row.status = IdeaStatus::parse(&status)?;
    Ok(row)
}

pub(crate) fn by_id(conn: &Connection, id: &str) -> Result<IdeaRow> {
    let sql = format!("SELECT {ROW_COLUMNS} FROM ideas WHERE id = ?1");
    let raw = conn
        .prepare_cached(&sql)?
        .query_row([id], idea_row)
        .optional()?;
    finish(raw.ok_or(Error::NotFound { what: "idea" })?)
}

pub(crate) fn by_number(conn: &Connection, number: i64) -> Result<IdeaRow> {
    let sql = format!("SELECT {ROW_COLUMNS} FROM ideas WHERE number = ?1");
    let raw = conn
        .prepare_cached(&sql)?
        .query_row([number], idea_row)
        .optional()?;
    finish(raw.ok_or(Error::NotFound { what: "idea" })?)
}

/// Input of [`insert`], validated by the op.
pub(crate) struct IdeaInsert<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub body_html: &'a str,
    pub excerpt: &'a str,
    pub category_seq: Option<i64>,
    pub author_seq: i64,
    pub now: Timestamp,
}

pub(crate) fn insert(conn: &Connection, i: &IdeaInsert<'_>) -> Result<i64> {
    let trending = rank::term(rank::SUBMIT_WEIGHT, i.now);
    conn.prepare_cached("INSERT INTO ideas (id, title, body, body_html, excerpt, category_seq, author_seq, status, created_at, updated_at, trending) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'new', ?8, ?8, ?9)")?.execute(params![i.id, i.title, i.body, i.body_html, i.excerpt, i.category_seq, i.author_seq, i.now.millis(), trending])?;
    let number = conn.last_insert_rowid();
    super::search::index_idea(conn, number, None, i.title, i.body)?;
    Ok(number)
}

pub(crate) fn update_text(
    conn: &Connection,
    number: i64,
    title: &str,
    body: &str,
    body_html: &str,
    excerpt: &str,
    now: Timestamp,
) -> Result<()> {
    let (old_title, old_body): (String, String) = conn
        .prepare_cached("SELECT title, body FROM ideas WHERE number = ?1")?
        .query_row([number], |r| Ok((r.get(0)?, r.get(1)?)))?;
    conn.prepare_cached("UPDATE ideas SET title = ?2, body = ?3, body_html = ?4, excerpt = ?5, updated_at = ?6 WHERE number = ?1")?.execute(params![number, title, body, body_html, excerpt, now.millis()])?;
    super::search::index_idea(conn, number, Some((&old_title, &old_body)), title, body)
}

pub(crate) fn set_flag(conn: &Connection, number: i64, flag: IdeaFlag, on: bool) -> Result<()> {
    let sql = match flag {
        IdeaFlag::Hidden => "UPDATE ideas SET hidden = ?2 WHERE number = ?1",
        IdeaFlag::Pinned => "UPDATE ideas SET pinned = ?2 WHERE number = ?1",
    };
    conn.execute(sql, params![number, on])?;
    Ok(())
}

/// Flags the team may set on an idea.
#[derive(Debug, Clone, Copy)]
pub(crate) enum IdeaFlag {
    Hidden,
    Pinned,
}

pub(crate) fn set_status(
    conn: &Connection,
    number: i64,
    status: IdeaStatus,
    merged_into: Option<i64>,
    now: Timestamp,
) -> Result<()> {
    conn.prepare_cached(
        "UPDATE ideas SET status = ?2, merged_into = ?3, updated_at = ?4 WHERE number = ?1",
    )?
    .execute(params![number, status.as_str(), merged_into, now.millis()])?;
    Ok(())
}

pub(crate) fn add_votes(conn: &Connection, number: i64, count: i64, weight: i64) -> Result<i64> {
    Ok(conn.prepare_cached("UPDATE ideas SET vote_count = vote_count + ?2, vote_weight = vote_weight + ?3 WHERE number = ?1 RETURNING vote_count")?.query_row(params![number, count, weight],
        |r| r.get(0))?)
}

pub(crate) fn add_comments(conn: &Connection, number: i64, delta: i64) -> Result<()> {
    conn.prepare_cached("UPDATE ideas SET comment_count = comment_count + ?2 WHERE number = ?1")?
        .execute(params![number, delta])?;
    Ok(())
}

fn trending_of(conn: &Connection, number: i64) -> Result<f64> {
    Ok(conn
        .prepare_cached("SELECT trending FROM ideas WHERE number = ?1")?
        .query_row([number], |r| r.get(0))?)
}

pub(crate) fn store_trending(conn: &Connection, number: i64, score: f64) -> Result<()> {
    conn.prepare_cached("UPDATE ideas SET trending = ?2 WHERE number = ?1")?
        .execute(params![number, score])?;
    Ok(())
}

/// Adds one event's term to the stored trending score.
pub(crate) fn trend_add(conn: &Connection, number: i64, weight: f64, at: Timestamp) -> Result<()> {
    let next = rank::add(trending_of(conn, number)?, rank::term(weight, at));
    store_trending(conn, number, next)
}

/// Takes one event's term back out; recounts when the subtraction would be unsafe.
pub(crate) fn trend_remove(
    conn: &Connection,
    number: i64,
    weight: f64,
    at: Timestamp,
) -> Result<()> {
    match rank::remove(trending_of(conn, number)?, rank::term(weight, at)) {
        Some(next) => store_trending(conn, number, next),
        None => recount_trending(conn, number).map(|_| ()),
    }
}

/// Adds many terms and takes others (already counted) back out, in one update: a
/// merge's moved votes and comments. Recounts when the subtraction would be unsafe.
pub(crate) fn trend_apply(
    conn: &Connection,
    number: i64,
    added: &[f64],
    removed: &[f64],
) -> Result<()> {
    let mut score = trending_of(conn, number)?;
    if !added.is_empty() {
        score = rank::add(score, rank::recount(added.iter().copied()));
    }
    if !removed.is_empty() {
        match rank::remove(score, rank::recount(removed.iter().copied())) {
            Some(next) => score = next,
            None => return recount_trending(conn, number).map(|_| ()),
        }
    }
    store_trending(conn, number, score)
}

/// Swaps one event's term for another at the same time (a vote whose priority
/// changed). The rows already hold the new event, so where taking the old term out
/// would be unsafe, the recount alone is the answer: adding the new term after it
/// would count that event twice.
pub(crate) fn trend_replace(
    conn: &Connection,
    number: i64,
    old_weight: f64,
    new_weight: f64,
    at: Timestamp,
) -> Result<()> {
    match rank::remove(trending_of(conn, number)?, rank::term(old_weight, at)) {
        Some(rest) => store_trending(conn, number, rank::add(rest, rank::term(new_weight, at))),
        None => recount_trending(conn, number).map(|_| ()),
    }
}

/// The trending score of an idea from its rows: submission, current votes, public
/// comments that stand, and status changes after submission.
pub(crate) fn trending_from_rows(conn: &Connection, number: i64) -> Result<f64> {
    let mut terms = Vec::new();
    let created: i64 = conn
        .prepare_cached("SELECT created_at FROM ideas WHERE number = ?1")?
        .query_row([number], |r| r.get(0))?;
    terms.push(rank::term(
        rank::SUBMIT_WEIGHT,
        Timestamp::from_millis(created),
    ));
    let mut votes =
        conn.prepare_cached("SELECT priority, created_at FROM votes WHERE idea_no = ?1")?;
    for row in votes.query_map([number], |r| {
        Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
    })? {
        let (priority, at) = row?;
        terms.push(rank::term(
            rank::vote_weight(Priority::parse(&priority)?),
            Timestamp::from_millis(at),
        ));
    }
    let mut comments = conn.prepare_cached(
        "SELECT created_at FROM comments WHERE idea_no = ?1 AND kind <> 'internal' AND deleted_at IS NULL AND hidden_at IS NULL",
    )?;
    for at in comments.query_map([number], |r| r.get::<_, i64>(0))? {
        terms.push(rank::term(
            rank::COMMENT_WEIGHT,
            Timestamp::from_millis(at?),
        ));
    }
    let mut changes = conn.prepare_cached(
        "SELECT at FROM status_changes WHERE idea_no = ?1 AND from_status IS NOT NULL",
    )?;
    for at in changes.query_map([number], |r| r.get::<_, i64>(0))? {
        terms.push(rank::term(rank::STATUS_WEIGHT, Timestamp::from_millis(at?)));
    }
    Ok(rank::recount(terms))
}

/// Recomputes and stores an idea's trending score from its rows.
pub(crate) fn recount_trending(conn: &Connection, number: i64) -> Result<f64> {
    let score = trending_from_rows(conn, number)?;
    store_trending(conn, number, score)?;
    Ok(score)
}

/// Recomputes vote and comment counters of an idea from its rows.
pub(crate) fn recount_counters(conn: &Connection, number: i64) -> Result<()> {
    conn.prepare_cached("UPDATE ideas SET \
           vote_count = (SELECT count(*) FROM votes WHERE idea_no = ?1), \
           vote_weight = (SELECT coalesce(sum(CASE priority WHEN 'critical' THEN 3 WHEN 'important' THEN 2 ELSE 1 END), 0) FROM votes WHERE idea_no = ?1), \
           comment_count = (SELECT count(*) FROM comments WHERE idea_no = ?1 AND kind <> 'internal' AND deleted_at IS NULL AND hidden_at IS NULL) \
         WHERE number = ?1")?.execute([number])?;
    Ok(())
}

fn order_by(sort: IdeaSort) -> &'static str {
    match sort {
        IdeaSort::Trending => "pinned DESC, trending DESC, number DESC",
        IdeaSort::Top => "pinned DESC, vote_count DESC, vote_weight DESC, number DESC",
        IdeaSort::New => "pinned DESC, number DESC",
        IdeaSort::MostDiscussed => "pinned DESC, comment_count DESC, number DESC",
    }
}

/// One page of idea numbers in list order: an index scan over the matching partial
/// index, then only `limit` rows are joined to authors, categories and tags.
pub(crate) fn list(
    conn: &Connection,
    filter: &ListFilter,
    sort: IdeaSort,
    viewer_seq: Option<i64>,
    offset: u32,
    limit: u32,
) -> Result<Vec<IdeaSummary>> {
    if filter.matches_nothing {
        return Ok(Vec::new());
    }
    let mut clauses: Vec<String> = Vec::new();
    let mut args: Vec<Value> = Vec::new();
    filter.push_clauses(&mut clauses, &mut args);
    let where_sql = if clauses.is_empty() {
        "1".to_string()
    } else {
        clauses.join(" AND ")
    };
    args.push(Value::Integer(i64::from(limit)));
    let limit_arg = args.len();
    args.push(Value::Integer(i64::from(offset)));
    let offset_arg = args.len();
    let order = order_by(sort);
    let inner = format!(
        "SELECT * FROM ideas WHERE {where_sql} ORDER BY {order} LIMIT ?{limit_arg} OFFSET ?{offset_arg}"
    );
    super::cards::summaries(conn, &inner, args, order, viewer_seq)
}

pub(crate) fn body(conn: &Connection, number: i64) -> Result<(String, String)> {
    Ok(conn
        .prepare_cached("SELECT body, body_html FROM ideas WHERE number = ?1")?
        .query_row([number], |r| Ok((r.get(0)?, r.get(1)?)))?)
}
