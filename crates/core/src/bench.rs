//! Support for `ideaboard-cli bench`, and for nothing else: the hand-written floor
//! of each list query, the look-ups that pick the bench's subjects on a board, and
//! preparation writes that make subjects the board lacks (an idea with 10,000 votes,
//! one with 20,000 followers) while keeping every invariant the ops keep. The bench
//! runs these on a copy of the board, never on the user's file.

use crate::Result;
use crate::clock::Timestamp;
use crate::model::{IdeaSort, IdeaStatus, Priority};
use crate::store::{Board, bench_floor, bulk, ideas};

/// The floor of a list page: the same rows as `ops::list_ideas` for a guest, by a
/// hand-written statement over the best index. Returns the idea numbers in order.
pub fn floor_list_page(
    board: &Board,
    sort: IdeaSort,
    category: Option<&str>,
    status: Option<IdeaStatus>,
    offset: u32,
    limit: u32,
) -> Result<Vec<u32>> {
    let category_seq = category
        .map(|slug| bench_floor::category_seq(board, slug))
        .transpose()?;
    let numbers = bench_floor::list_page(board, sort, category_seq, status, offset, limit)?;
    Ok(numbers.into_iter().map(|n| n as u32).collect())
}

/// The open, listed idea whose comment count is nearest `comments`: (id, count).
pub fn idea_near_comments(board: &Board, comments: i64) -> Result<Option<(String, i64)>> {
    bench_floor::idea_near_comments(board, comments)
}

/// The public id of the open, listed idea whose vote count is nearest `votes`.
pub fn idea_near_votes(board: &Board, votes: i64) -> Result<Option<String>> {
    Ok(bench_floor::idea_near_votes(board, votes)?.map(|(_, id)| id))
}

/// Public ids of up to `count` open, listed ideas spread over the board.
pub fn open_ideas(board: &Board, count: u32) -> Result<Vec<String>> {
    bench_floor::open_ideas(board, count)
}

/// The schema as stored, one CREATE statement per line.
pub fn schema_sql(board: &Board) -> Result<String> {
    bench_floor::schema_sql(board)
}

/// Makes up to `count` fans who have not voted for the idea vote for it at `now`,
/// as `ops::vote` would leave the board (follows, points, milestones, counters,
/// trending), in one transaction. Fans are taken by seq from `first_seq`, so two
/// ideas can be given voters that overlap by a chosen amount. Returns votes added.
pub fn add_voters(
    board: &mut Board,
    idea_id: &str,
    count: u32,
    first_seq: i64,
    priority: Priority,
    now: Timestamp,
) -> Result<usize> {
    board.write(|tx| {
        let idea = ideas::by_id(tx, idea_id)?;
        bulk::add_voters(tx, idea.number, i64::from(count), first_seq, priority, now)
    })
}

/// Makes fans follow the idea until it has `target` followers (or the board runs out
/// of fans). Returns the follower count.
pub fn add_followers(board: &mut Board, idea_id: &str, target: u32, now: Timestamp) -> Result<i64> {
    board.write(|tx| {
        let idea = ideas::by_id(tx, idea_id)?;
        bulk::add_followers(tx, idea.number, i64::from(target), now)
    })
}

/// One durable commit of one page and nothing else: the disk's floor under every
/// durable write.
pub fn durable_commit(board: &mut Board) -> Result<()> {
    bench_floor::durable_commit(board)
}

/// The member following the most ideas (public id) and how many they follow.
pub fn busiest_follower(board: &Board) -> Result<Option<(String, i64)>> {
    bench_floor::busiest_follower(board)
}

/// Writes the followers' notices the board's past status changes would have
/// produced (see `store::bench_floor::backfill_notices`). Returns how many.
pub fn backfill_notices(board: &mut Board) -> Result<usize> {
    bench_floor::backfill_notices(board)
}
