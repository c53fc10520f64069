//! SQL only the bench uses: the hand-written "floor" of each list query (the same
//! rows, straight off the best index, with nothing around it), and the look-ups that
//! pick the bench's subjects. Nothing in the app calls these.

use rusqlite::types::{Value, ValueRef};
use rusqlite::{OptionalExtension, params_from_iter};

use super::Board;
use super::filter::open_statuses;
use crate::Result;
use crate::model::{IdeaSort, IdeaStatus};

/// The index that serves a list order best, and the order itself. With a status
/// filter the status index wins: a status is rarer than a category on real boards.
fn index_and_order(
    sort: IdeaSort,
    by_category: bool,
    by_status: bool,
) -> (&'static str, &'static str) {
    match (sort, by_category, by_status) {
        (IdeaSort::Trending, _, true) => (
            "ideas_status_trending",
            "pinned DESC, trending DESC, number DESC",
        ),
        (IdeaSort::Trending, true, false) => (
            "ideas_category_trending",
            "pinned DESC, trending DESC, number DESC",
        ),
        (IdeaSort::Trending, false, false) => (
            "ideas_list_trending",
            "pinned DESC, trending DESC, number DESC",
        ),
        (IdeaSort::Top, _, _) => (
            "ideas_list_top",
            "pinned DESC, vote_count DESC, vote_weight DESC, number DESC",
        ),
        (IdeaSort::New, _, _) => ("ideas_list_new", "pinned DESC, number DESC"),
        (IdeaSort::MostDiscussed, _, _) => (
            "ideas_list_discussed",
            "pinned DESC, comment_count DESC, number DESC",
        ),
    }
}

/// The floor of a fan's list page: the page's idea numbers read off the index alone
/// (offset skipped inside the index), then the card columns of those rows only.
/// Reads every column of every row; returns the numbers in list order.
pub(crate) fn list_page(
    board: &Board,
    sort: IdeaSort,
    category_seq: Option<i64>,
    status: Option<IdeaStatus>,
    offset: u32,
    limit: u32,
) -> Result<Vec<i64>> {
    let (index, order) = index_and_order(sort, category_seq.is_some(), status.is_some());
    let outer: String = order
        .split(", ")
        .map(|p| format!("i.{p}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut filter = String::from("hidden = 0 AND status <> 'merged'");
    let mut args: Vec<Value> = vec![Value::Integer(limit.into()), Value::Integer(offset.into())];
    if let Some(seq) = category_seq {
        args.push(Value::Integer(seq));
        filter.push_str(&format!(" AND category_seq = ?{}", args.len()));
    }
    if let Some(status) = status {
        args.push(Value::Text(status.as_str().to_string()));
        filter.push_str(&format!(" AND status = ?{}", args.len()));
    }
    let sql = format!(
        "SELECT i.number, i.id, i.title, i.excerpt, i.status, i.created_at, i.updated_at, i.vote_count, \
                i.comment_count, i.pinned, i.hidden, i.merged_into, m.id, m.display_name, m.role, \
                c.slug, c.name, c.name_en, \
                (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM idea_tags it JOIN tags t ON t.seq = it.tag_seq WHERE it.idea_no = i.number ORDER BY t.name)) \
         FROM (SELECT number FROM ideas INDEXED BY {index} WHERE {filter} \
               ORDER BY {order} LIMIT ?1 OFFSET ?2) AS page \
         JOIN ideas i ON i.number = page.number \
         JOIN members m ON m.seq = i.author_seq \
         LEFT JOIN categories c ON c.seq = i.category_seq \
         ORDER BY {outer}"
    );
    let conn = &board.conn;
    let mut stmt = conn.prepare_cached(&sql)?;
    let columns = stmt.column_count();
    let mut rows = stmt.query(params_from_iter(args))?;
    let mut numbers = Vec::with_capacity(limit as usize);
    let mut bytes = 0usize;
    while let Some(row) = rows.next()? {
        numbers.push(row.get(0)?);
        for i in 0..columns {
            bytes += match row.get_ref(i)? {
                ValueRef::Text(t) | ValueRef::Blob(t) => t.len(),
                _ => 1,
            };
        }
    }
    std::hint::black_box(bytes);
    Ok(numbers)
}

/// The schema as stored: every CREATE statement, in name order.
pub(crate) fn schema_sql(board: &Board) -> Result<String> {
    let mut stmt = board
        .conn
        .prepare("SELECT type, name, coalesce(sql, '') FROM sqlite_schema ORDER BY type, name")?;
    let rows = stmt.query_map([], |r| {
        Ok(format!(
            "{} {} {}",
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, String>(2)?
        ))
    })?;
    Ok(rows.collect::<rusqlite::Result<Vec<_>>>()?.join("\n"))
}

/// The public id of the listed, open idea whose public comment count is nearest
/// `comments`, and that count.
pub(crate) fn idea_near_comments(board: &Board, comments: i64) -> Result<Option<(String, i64)>> {
    Ok(board
        .conn
        .query_row(
            &format!(
                "SELECT id, comment_count FROM ideas WHERE hidden = 0 AND status IN {} \
                 ORDER BY abs(comment_count - ?1), number LIMIT 1",
                open_statuses()
            ),
            [comments],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// The number and public id of the listed, open idea whose vote count is nearest
/// `votes`: followers are its voters, so it is the natural fan-out subject.
pub(crate) fn idea_near_votes(board: &Board, votes: i64) -> Result<Option<(i64, String)>> {
    Ok(board
        .conn
        .query_row(
            &format!(
                "SELECT number, id FROM ideas WHERE hidden = 0 AND status IN {} \
                 ORDER BY abs(vote_count - ?1), number LIMIT 1",
                open_statuses()
            ),
            [votes],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Public ids of `count` listed, open ideas spread evenly over the board.
pub(crate) fn open_ideas(board: &Board, count: u32) -> Result<Vec<String>> {
    let mut stmt = board.conn.prepare(&format!(
        "SELECT id FROM (SELECT id, row_number() OVER (ORDER BY number) AS k, count(*) OVER () AS n FROM ideas \
         WHERE hidden = 0 AND status IN {}) \
         WHERE k % max(1, n / ?1) = 0 LIMIT ?1",
        open_statuses()
    ))?;
    let rows = stmt.query_map([count], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The key of a category by slug, for the floor's filter.
pub(crate) fn category_seq(board: &Board, slug: &str) -> Result<i64> {
    super::taxonomy::category_seq(&board.conn, slug)
}

/// The floor of a durable write: one transaction that changes one page and commits,
/// through [`Board::write`] so it is synced exactly like an operation's commit. What
/// remains is the disk's `fsync`. It flips the lowest bit of the board's creation
/// time (a millisecond, on the bench's copy only): a row rewritten with its own
/// values would leave the page clean, and SQLite would commit nothing.
pub(crate) fn durable_commit(board: &mut Board) -> Result<()> {
    board.write(|tx| {
        tx.execute(
            "UPDATE board SET created_at = created_at + 1 - 2 * (created_at % 2) WHERE id = 1",
            [],
        )?;
        Ok(())
    })
}

/// The member following the most ideas, and how many: the heaviest notification
/// centre on the board.
pub(crate) fn busiest_follower(board: &Board) -> Result<Option<(String, i64)>> {
    Ok(board
        .conn
        .query_row(
            "SELECT m.id, f.n FROM (SELECT member_seq, count(*) AS n FROM follows \
             GROUP BY member_seq ORDER BY n DESC LIMIT 1) f JOIN members m ON m.seq = f.member_seq",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Gives the board the notices its history would have produced: one followers'
/// notice per status change after submission, in time order (the scale seed writes
/// no notifications). Follows keep `from_notice = 0`, so every follower is shown
/// every notice of the ideas they follow, also those from before they followed:
/// more than the real rule, which makes the centre's timing an upper bound.
/// Returns the notices written.
pub(crate) fn backfill_notices(board: &mut Board) -> Result<usize> {
    board.write(|tx| {
        Ok(tx.execute(
            "INSERT INTO notices (to_member, kind, idea_no, actor_seq, status, created_at) \
             SELECT NULL, CASE to_status WHEN 'merged' THEN 'merged' ELSE 'status_changed' END, \
                    idea_no, actor_seq, to_status, at \
             FROM status_changes WHERE from_status IS NOT NULL ORDER BY at, seq",
            [],
        )?)
    })
}
