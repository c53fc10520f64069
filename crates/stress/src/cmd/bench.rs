//! bench: times every operation on a copy of a board and prints p50 / p99 / max and
//! ops/s, with the targets. The board given is copied first and never
//! opened; subjects the board lacks (an idea with ~500 comments, one with 20,000
//! followers, pairs of 10,000-vote ideas) are made in the copy. Rows by family:
//! lists here, `bench_search`, `bench_team`, `bench_exchange` (whole-board exports
//! and imports, each in a child process), `bench_beside` (votes while an export
//! reads on a connection of its own).

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use ideaboard_core::model::{
    CommentKind, IdeaSort, IdeaStatus, ListQuery, NewComment, NewIdea, NewMember, Priority, Role,
    StatusUpdate,
};
use ideaboard_core::store::Durability;
use ideaboard_core::{Actor, Board, Error, Timestamp, bench, ops};
use serde_json::json;

use super::bench_report::{self, Row, Target};
use super::internal;

#[derive(Args)]
pub struct BenchArgs {
    /// The board to measure; it is copied to a temporary file first.
    #[arg(long)]
    board: PathBuf,
    /// Print JSON instead of a table.
    #[arg(long)]
    json: bool,
    /// Samples of each light operation (lists, reads, votes, comments, submits).
    #[arg(long, default_value_t = 200)]
    iterations: usize,
    /// Samples of each heavy operation (status change fan-out, merge).
    #[arg(long, default_value_t = 10)]
    heavy_iterations: usize,
    /// Samples of each whole-board export and import (each in its own process).
    #[arg(long, default_value_t = 3)]
    export_iterations: usize,
    /// Run only the rows whose name contains this text, or one of several separated
    /// by commas (e.g. `search,similar`); sections with no such row are skipped,
    /// set-up included.
    #[arg(long)]
    only: Option<String>,
}

impl BenchArgs {
    /// Whether the row named `name` is to be run.
    fn wants_row(&self, name: &str) -> bool {
        self.only
            .as_deref()
            .is_none_or(|only| only.split(',').any(|part| name.contains(part)))
    }

    /// Whether any of a group's rows is to be run.
    fn wants(&self, names: &[&str]) -> bool {
        names.iter().any(|name| self.wants_row(name))
    }
}

const PAGE: u32 = 30;
const COMMENTS_ON_PAGE: i64 = 500;
const FOLLOWERS: u32 = 20_000;
const MERGE_VOTES: u32 = 10_000;

const fn target(p99_ms: f64) -> Option<Target> {
    Some(Target {
        p99_ms,
        floor_ratio: None,
    })
}

const LIST_TARGET: Option<Target> = Some(Target {
    p99_ms: 5.0,
    floor_ratio: Some(3.0),
});

pub fn run(args: &BenchArgs, now: Timestamp) -> Result<(), Error> {
    let dir = std::env::temp_dir().join(format!(
        "ideaboard-bench-{}-{}",
        std::process::id(),
        now.millis()
    ));
    std::fs::create_dir_all(&dir)?;
    let result = copy_board(&args.board, &dir).and_then(|copy| measure(&copy, args, now));
    let _ = std::fs::remove_dir_all(&dir);
    let (mut rows, context) = result?;
    rows.retain(|row| args.wants_row(&row.name));
    if args.json {
        let report = bench_report::json(&rows, context);
        println!(
            "{}",
            serde_json::to_string_pretty(&report).map_err(internal)?
        );
    } else {
        println!("{}", context_line(&context));
        print!("{}", bench_report::table(&rows));
    }
    Ok(())
}

fn context_line(context: &serde_json::Value) -> String {
    format!(
        "board {} ({} ideas, {} votes, {} comments, {} members); {} samples per light op, {} per heavy op",
        context["board"].as_str().unwrap_or(""),
        context["ideas"],
        context["votes"],
        context["comments"],
        context["members"],
        context["iterations"],
        context["heavy_iterations"]
    )
}

/// Copies the board file and its write-ahead log, if any, without opening them.
fn copy_board(board: &Path, dir: &Path) -> Result<PathBuf, Error> {
    if !board.is_file() {
        return Err(Error::Io(std::io::Error::new(
            std::io::ErrorKind::NotFound,
            format!("{} is not a file", board.display()),
        )));
    }
    let copy = dir.join("bench.board");
    std::fs::copy(board, &copy)?;
    let mut wal = board.as_os_str().to_owned();
    wal.push("-wal");
    let wal = PathBuf::from(wal);
    if wal.is_file() {
        std::fs::copy(&wal, dir.join("bench.board-wal"))?;
    }
    Ok(copy)
}

pub(crate) fn time<T>(
    samples: &mut Vec<Duration>,
    f: impl FnOnce() -> Result<T, Error>,
) -> Result<T, Error> {
    let started = Instant::now();
    let value = f()?;
    samples.push(started.elapsed());
    Ok(value)
}

fn measure(
    copy: &Path,
    args: &BenchArgs,
    now: Timestamp,
) -> Result<(Vec<Row>, serde_json::Value), Error> {
    let n = args.iterations.max(1);
    let heavy = args.heavy_iterations.max(1);
    let mut rows = Vec::new();

    // The first open applies pending migrations to the copy; time the ones after.
    drop(Board::open(copy, now)?);
    if args.wants_row("open board") {
        let mut samples = Vec::new();
        for _ in 0..n {
            let b = time(&mut samples, || Board::open(copy, now))?;
            drop(b);
        }
        rows.push(Row::timed("open board", &samples, target(200.0)));
    }

    let mut board = Board::open(copy, now)?;
    let overview = ops::board_overview(&board)?;
    let context = json!({
        "board": copy.display().to_string(),
        "ideas": overview.counts.ideas,
        "votes": overview.counts.votes,
        "comments": overview.counts.comments,
        "members": overview.counts.members,
        "iterations": n,
        "heavy_iterations": heavy,
    });

    rows.extend(lists(&board, n, args)?);
    rows.extend(super::bench_search::searches(&board, n, |name| {
        args.wants_row(name)
    })?);
    const ADOPTION: &str = "adoption view (roadmap, showcase, figures)";
    if args.wants_row(ADOPTION) {
        let mut samples = Vec::new();
        for _ in 0..n {
            time(&mut samples, || {
                ops::adoption_overview(&board, &Actor::guest())
            })?;
        }
        rows.push(Row::timed(ADOPTION, &samples, target(100.0)));
    }
    rows.extend(super::bench_team::team_rows(&board, n, now, |name| {
        args.wants_row(name)
    })?);
    rows.extend(super::bench_exchange::rows(
        copy,
        args.export_iterations.max(1),
        |name| args.wants_row(name),
    )?);
    let write_rows = [
        "durable commit",
        "vote (important)",
        "unvote",
        "submit idea",
        "add comment",
    ];
    let beside = [super::bench_beside::ALONE, super::bench_beside::BESIDE];
    let later = ["idea page", "status change", "merge", "notification"];
    if !args.wants(&write_rows) && !args.wants(&beside) && !args.wants(&later) {
        return Ok((rows, context));
    }

    board.set_durability(Durability::Bulk)?;
    let fan = ops::create_member(
        &mut board,
        &Actor::guest(),
        &NewMember {
            display_name: "Bench fan 基准".into(),
            role: Role::Fan,
            passphrase: None,
        },
        now,
    )?;
    let fan = ops::act_as(&board, &fan.id)?;
    let admin = ops::act_as_owner(&board)?;
    board.set_durability(Durability::Full)?;
    // Preparation is not the write path: checkpoint it now, as the shell does when
    // the app is idle (`Board::checkpoint`), so no timed commit copies its pages.
    board.checkpoint()?;

    if args.wants_row("idea page") {
        board.set_durability(Durability::Bulk)?;
        let (page_idea, comments) = idea_with_comments(&mut board, &fan, now)?;
        board.set_durability(Durability::Full)?;
        board.checkpoint()?;
        let mut samples = Vec::new();
        for _ in 0..n {
            time(&mut samples, || {
                let detail = ops::get_idea(&board, &fan, &page_idea, now)?;
                let thread = ops::list_comments(&board, &fan, &page_idea)?;
                Ok((detail, thread))
            })?;
        }
        rows.push(Row::timed(
            format!("idea page ({comments} comments)"),
            &samples,
            target(10.0),
        ));
    }

    if args.wants(&write_rows) {
        rows.extend(writes(&mut board, &fan, n, now)?);
    }
    if args.wants(&beside) {
        rows.extend(super::bench_beside::rows(&mut board, copy, &fan, n, now)?);
    }
    if args.wants_row("status change") {
        rows.push(status_fan_out(&mut board, &admin, heavy, now)?);
    }
    if args.wants_row("merge") {
        let fans = overview.counts.members;
        rows.push(merges(&mut board, &fan, &admin, fans, heavy, now)?);
    }
    if args.wants(&["notification centre", "mark all notifications read"]) {
        rows.extend(notification_centre(&mut board, n)?);
    }

    Ok((rows, context))
}

/// A list page to time: name, sort, category slug, status, offset.
type ListCase = (
    &'static str,
    IdeaSort,
    Option<&'static str>,
    Option<IdeaStatus>,
    u32,
);

/// Each list page through the op and through its floor, interleaved, after checking
/// that both return the same ideas.
fn lists(board: &Board, n: usize, args: &BenchArgs) -> Result<Vec<Row>, Error> {
    let deep = 199 * PAGE;
    let cases: [ListCase; 7] = [
        ("list trending, page 1", IdeaSort::Trending, None, None, 0),
        (
            "list trending, page 200",
            IdeaSort::Trending,
            None,
            None,
            deep,
        ),
        ("list top, page 1", IdeaSort::Top, None, None, 0),
        ("list top, page 200", IdeaSort::Top, None, None, deep),
        ("list new, page 1", IdeaSort::New, None, None, 0),
        ("list new, page 200", IdeaSort::New, None, None, deep),
        (
            "list drinks + under review, page 1",
            IdeaSort::Trending,
            Some("drinks"),
            Some(IdeaStatus::UnderReview),
            0,
        ),
    ];
    let guest = Actor::guest();
    let mut rows = Vec::new();
    for (name, sort, category, status, offset) in cases {
        if !args.wants_row(name) {
            continue;
        }
        let query = ListQuery {
            sort,
            category: category.map(str::to_string),
            status,
            offset,
            limit: PAGE,
            ..ListQuery::default()
        };
        let op = || ops::list_ideas(board, &guest, &query);
        let floor = || bench::floor_list_page(board, sort, category, status, offset, PAGE + 1);
        let listed: Vec<u32> = op()?.items.iter().map(|i| i.number).collect();
        let mut floored = floor()?;
        floored.truncate(PAGE as usize);
        if listed != floored {
            return Err(Error::Internal(format!(
                "{name}: the floor returned other ideas than the list ({floored:?} vs {listed:?})"
            )));
        }
        let (mut op_samples, mut floor_samples) = (Vec::new(), Vec::new());
        for _ in 0..n {
            time(&mut op_samples, op)?;
            time(&mut floor_samples, floor)?;
        }
        let mut row = Row::timed(name, &op_samples, LIST_TARGET);
        row.floor = Some(bench_report::Stats::of(&floor_samples));
        rows.push(row);
    }
    Ok(rows)
}

/// The open idea nearest 500 comments, topped up to 500 if the board has none.
fn idea_with_comments(
    board: &mut Board,
    fan: &Actor,
    now: Timestamp,
) -> Result<(String, i64), Error> {
    let (id, mut count) = bench::idea_near_comments(board, COMMENTS_ON_PAGE)?
        .ok_or(Error::NotFound { what: "open idea" })?;
    while count < COMMENTS_ON_PAGE {
        let input = NewComment {
            idea_id: id.clone(),
            parent_id: None,
            kind: CommentKind::Public,
            body: format!("Bench comment {count} 基准评论"),
        };
        ops::add_comment(board, fan, &input, now)?;
        count += 1;
    }
    Ok((id, count))
}

/// Durable single writes: vote with priority, unvote, submit, comment.
fn writes(board: &mut Board, fan: &Actor, n: usize, now: Timestamp) -> Result<Vec<Row>, Error> {
    let ideas = bench::open_ideas(board, n as u32)?;
    if ideas.is_empty() {
        return Err(Error::NotFound { what: "open idea" });
    }
    let (mut votes, mut unvotes, mut submits, mut comments, mut floor) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let idea = &ideas[i % ideas.len()];
        let at = now.plus_millis(i as i64);
        time(&mut floor, || bench::durable_commit(board))?;
        time(&mut votes, || {
            ops::vote(board, fan, idea, Priority::Important, at)
        })?;
        time(&mut unvotes, || ops::unvote(board, fan, idea, at))?;
        let input = NewIdea {
            title: format!("Bench idea {i}: 门店提供更多植物奶选择"),
            body: "A generated idea for the bench. 基准测试生成的想法。".into(),
            category: Some("drinks".into()),
            tags: vec!["bench".into()],
        };
        time(&mut submits, || ops::submit_idea(board, fan, &input, at))?;
        let input = NewComment {
            idea_id: idea.clone(),
            parent_id: None,
            kind: CommentKind::Public,
            body: format!("Bench comment {i}: +1，非常需要！"),
        };
        time(&mut comments, || ops::add_comment(board, fan, &input, at))?;
    }
    // Each write's floor is the durable one-page commit, timed interleaved with them.
    let floor_stats = bench_report::Stats::of(&floor);
    let with_floor = |name: &str, samples: &[Duration]| {
        let mut row = Row::timed(name, samples, target(5.0));
        row.floor = Some(floor_stats);
        row
    };
    Ok(vec![
        Row::timed("durable commit (1 page: the disk's floor)", &floor, None),
        with_floor("vote (important)", &votes),
        with_floor("unvote", &unvotes),
        with_floor("submit idea", &submits),
        with_floor("add comment", &comments),
    ])
}

/// Status changes on an idea with 20,000 followers (fewer on a board with fewer fans).
fn status_fan_out(
    board: &mut Board,
    admin: &Actor,
    heavy: usize,
    now: Timestamp,
) -> Result<Row, Error> {
    let id = bench::idea_near_votes(board, i64::from(FOLLOWERS))?
        .ok_or(Error::NotFound { what: "open idea" })?;
    board.set_durability(Durability::Bulk)?;
    let followers = bench::add_followers(board, &id, FOLLOWERS, now)?;
    board.set_durability(Durability::Full)?;
    board.checkpoint()?;
    let mut current = ops::get_idea(board, admin, &id, now)?.idea.status;
    let mut samples = Vec::new();
    let mut pages = 0;
    for i in 0..heavy {
        let to = if current == IdeaStatus::UnderReview {
            IdeaStatus::Planned
        } else {
            IdeaStatus::UnderReview
        };
        let update = StatusUpdate {
            idea_id: id.clone(),
            to,
            note: Some("基准测试：状态更新。Bench status update.".into()),
        };
        time(&mut samples, || {
            ops::change_status(board, admin, &update, now.plus_millis(i as i64))
        })?;
        current = to;
        pages = pages.max(wal_pages(board)?);
    }
    Ok(Row::timed(
        format!("status change ({followers} followers; {pages} WAL pages)"),
        &samples,
        target(100.0),
    ))
}

/// Merges of two fresh ideas with 10,000 votes each (a fifth of the voters shared).
fn merges(
    board: &mut Board,
    fan: &Actor,
    admin: &Actor,
    members: u32,
    heavy: usize,
    now: Timestamp,
) -> Result<Row, Error> {
    // On a small board the pair shares the fans it has: half each, a fifth shared.
    let each = MERGE_VOTES.min(members / 2).max(1);
    let mut samples = Vec::new();
    let mut votes_each = usize::MAX;
    let mut pages = 0;
    for i in 0..heavy {
        board.set_durability(Durability::Bulk)?;
        let mut pair = Vec::new();
        for (k, first_seq) in [(0, 1), (1, 1 + i64::from(each) * 4 / 5)] {
            let input = NewIdea {
                title: format!("Bench merge {i}.{k}: 燕麦拿铁常驻"),
                body: "A duplicate pair for the merge bench.".into(),
                category: Some("drinks".into()),
                tags: vec![],
            };
            let id = ops::submit_idea(board, fan, &input, now)?.idea.id;
            let added = bench::add_voters(board, &id, each, first_seq, Priority::Important, now)?;
            votes_each = votes_each.min(added);
            pair.push(id);
        }
        board.set_durability(Durability::Full)?;
        board.checkpoint()?;
        time(&mut samples, || {
            ops::merge_ideas(board, admin, &pair[0], &pair[1], Some("Duplicate."), now)
        })?;
        pages = pages.max(wal_pages(board)?);
    }
    Ok(Row::timed(
        format!("merge (two ideas, {votes_each} votes each; {pages} WAL pages)"),
        &samples,
        target(500.0),
    ))
}

/// The notification centre (first page of 30 and the unread count) of the member
/// following the most ideas, after giving the board the notices its past status
/// changes would have produced; then "mark all read".
fn notification_centre(board: &mut Board, n: usize) -> Result<Vec<Row>, Error> {
    board.set_durability(Durability::Bulk)?;
    let notices = bench::backfill_notices(board)?;
    board.set_durability(Durability::Full)?;
    board.checkpoint()?;
    let (id, follows) =
        bench::busiest_follower(board)?.ok_or(Error::NotFound { what: "follower" })?;
    let member = ops::act_as(board, &id)?;
    let mut samples = Vec::new();
    let mut shown = 0;
    for _ in 0..n {
        shown = time(&mut samples, || {
            ops::list_notifications(board, &member, false, PAGE)
        })?
        .unread;
    }
    let mut rows = vec![Row::timed(
        format!("notification centre ({follows} follows, {shown} unread of {notices})"),
        &samples,
        target(5.0),
    )];
    let mut marks = Vec::new();
    time(&mut marks, || {
        ops::mark_notifications_read(board, &member, None, Timestamp::now())
    })?;
    // One sample: after it there is nothing left to mark. No target in the issue.
    rows.push(Row::timed("mark all notifications read", &marks, None));
    Ok(rows)
}

/// Pages the write-ahead log holds (what the last timed write wrote, the log having
/// been checkpointed before it), checkpointed again untimed, as the shell does when
/// idle.
fn wal_pages(board: &Board) -> Result<i64, Error> {
    Ok(board.checkpoint()?.map_or(0, |(log, _)| log))
}
