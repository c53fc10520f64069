//! The bench's "vote beside an export" rows (issue 13: readers never wait for the
//! writer): a fan's vote, timed on the board's writer connection while a
//! whole-board XLSX export runs on another thread on a read-only connection of its
//! own (`Board::open_read_only`, a WAL snapshot reader: the export reads one
//! snapshot from its first row to its last, and the votes commit beside it). Target:
//! p99 <= 10 ms on the scale board. The same votes with nothing beside them are
//! timed first, in the same run, so the two rows compare like with like.
//!
//! Exports run back to back until the votes are done; the last one is cancelled
//! then (through its progress callback), so the row never waits for a whole
//! export it no longer needs. Each vote is counted as "mid-export" only when an
//! export was running both when it began and when it ended.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use ideaboard_core::model::{ExportFilter, ExportFormat, ExportRequest, Priority};
use ideaboard_core::{Actor, Board, Error, Timestamp, bench, ops};

use super::bench::time;
use super::bench_report::{Row, Target};

pub(crate) const ALONE: &str = "vote, no export beside it";
pub(crate) const BESIDE: &str = "vote while XLSX export runs";

const TARGET: Option<Target> = Some(Target {
    p99_ms: 10.0,
    floor_ratio: None,
});

/// What the export thread did.
#[derive(Default)]
struct Exports {
    finished: u32,
    took: Vec<Duration>,
}

/// Flags shared with the export thread: `stop` asks it to end, `running` is true
/// while an export is in progress, `started` counts exports begun.
#[derive(Default)]
struct Shared {
    stop: AtomicBool,
    running: AtomicBool,
    started: AtomicU64,
}

/// Both rows: `n` votes alone, then `n` votes beside the exports. `copy` is the
/// board file `board` has open (the bench's copy); the export thread opens it
/// again, read-only.
pub(crate) fn rows(
    board: &mut Board,
    copy: &Path,
    fan: &Actor,
    n: usize,
    now: Timestamp,
) -> Result<Vec<Row>, Error> {
    let ideas = bench::open_ideas(board, n as u32)?;
    if ideas.is_empty() {
        return Err(Error::NotFound { what: "open idea" });
    }
    board.checkpoint()?;
    let mut alone = Vec::new();
    votes(board, fan, &ideas, n, now, &mut alone, || true)?;
    board.checkpoint()?;

    let shared = Arc::new(Shared::default());
    let out = copy.with_file_name("bench-beside.xlsx");
    let exporter = {
        let (copy, shared, out) = (copy.to_path_buf(), Arc::clone(&shared), out.clone());
        thread::spawn(move || export_until_stopped(&copy, &out, &shared, now))
    };
    // Wait for the first export to begin (or for the thread to fail).
    while shared.started.load(Ordering::SeqCst) == 0 && !exporter.is_finished() {
        thread::sleep(Duration::from_millis(1));
    }
    let mut beside = Vec::new();
    let voted = votes(board, fan, &ideas, n, now, &mut beside, || {
        shared.running.load(Ordering::SeqCst)
    });
    shared.stop.store(true, Ordering::SeqCst);
    let exports = exporter
        .join()
        .map_err(|_| Error::Internal("the export thread panicked".into()))?;
    let _ = std::fs::remove_file(&out);
    let exports = exports?;
    let mid_export = voted?;
    if mid_export == 0 {
        return Err(Error::Internal(
            "no vote was timed while an export ran".into(),
        ));
    }
    let per_export = match exports.took.as_slice() {
        [] => "none finished while voting".to_string(),
        took => format!(
            "{:.0} ms each",
            took.iter().map(Duration::as_secs_f64).sum::<f64>() * 1e3 / took.len() as f64
        ),
    };
    Ok(vec![
        Row::timed(format!("{ALONE} (same run)"), &alone, TARGET),
        Row::timed(
            format!(
                "{BESIDE} on a read-only connection ({mid_export} of {n} votes mid-export; {} \
                 exports begun, {} finished, {per_export})",
                shared.started.load(Ordering::SeqCst),
                exports.finished
            ),
            &beside,
            TARGET,
        ),
    ])
}

/// `n` timed votes (each undone untimed, so the fan's budget never runs out), over
/// `ideas` in turn. Returns how many had `during()` true both as they began and as
/// they ended.
fn votes(
    board: &mut Board,
    fan: &Actor,
    ideas: &[String],
    n: usize,
    now: Timestamp,
    samples: &mut Vec<Duration>,
    during: impl Fn() -> bool,
) -> Result<usize, Error> {
    let mut counted = 0;
    for i in 0..n {
        let idea = &ideas[i % ideas.len()];
        let at = now.plus_millis(i as i64);
        let began = during();
        time(samples, || {
            ops::vote(board, fan, idea, Priority::Important, at)
        })?;
        if began && during() {
            counted += 1;
        }
        ops::unvote(board, fan, idea, at)?;
    }
    Ok(counted)
}

/// Whole-board XLSX exports as the board's owner on a read-only connection, one
/// after another until `stop`; the one running then is cancelled.
fn export_until_stopped(
    copy: &Path,
    out: &Path,
    shared: &Shared,
    now: Timestamp,
) -> Result<Exports, Error> {
    let reader = Board::open_read_only(copy)?;
    let owner = ops::act_as_owner(&reader)?;
    let request = ExportRequest {
        format: ExportFormat::Xlsx,
        filter: ExportFilter {
            include_merged: true,
            ..ExportFilter::default()
        },
        include_internal: false,
    };
    let mut exports = Exports::default();
    while !shared.stop.load(Ordering::SeqCst) {
        let file = std::io::BufWriter::new(std::fs::File::create(out)?);
        shared.started.fetch_add(1, Ordering::SeqCst);
        shared.running.store(true, Ordering::SeqCst);
        let began = Instant::now();
        let result = ops::export(&reader, &owner, &request, now, file, &mut |_, _| {
            !shared.stop.load(Ordering::SeqCst)
        });
        shared.running.store(false, Ordering::SeqCst);
        match result {
            Ok(()) => {
                exports.finished += 1;
                exports.took.push(began.elapsed());
            }
            Err(Error::Cancelled) => break,
            Err(e) => return Err(e),
        }
    }
    Ok(exports)
}
