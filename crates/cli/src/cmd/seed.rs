//! seed: the demo board, or a Starbucks-scale board for benchmarks.

use std::path::{Path, PathBuf};
use std::time::Instant;

use clap::Args;
use ideaboard_core::seed::scale::{self, ScaleConfig};
use ideaboard_core::{Board, Error, Timestamp, seed};

#[derive(Args)]
pub struct SeedArgs {
    #[arg(long)]
    board: PathBuf,
    /// The demo coffee-brand board (a few hundred ideas, Chinese and English).
    #[arg(long, conflicts_with = "scale")]
    demo: bool,
    /// A Starbucks-scale board for benchmarks, into a new file (defaults: 150,000
    /// ideas, 2,000,000 votes, 600,000 comments, 200,000 members, 3 years).
    #[arg(long)]
    scale: bool,
    /// Seed of the generator: the same seed gives the same board.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// --scale: ideas.
    #[arg(long, default_value_t = 150_000, requires = "scale")]
    ideas: usize,
    /// --scale: votes aimed at.
    #[arg(long, default_value_t = 2_000_000, requires = "scale")]
    votes: usize,
    /// --scale: comments aimed at.
    #[arg(long, default_value_t = 600_000, requires = "scale")]
    comments: usize,
    /// --scale: members.
    #[arg(long, default_value_t = 200_000, requires = "scale")]
    members: usize,
    /// --scale: years of history.
    #[arg(long, default_value_t = 3, requires = "scale")]
    years: u32,
    /// --scale: after seeding, recount every counter and run SQLite's integrity
    /// checks (slow on a full-size board).
    #[arg(long, requires = "scale")]
    verify: bool,
}

pub fn run(args: &SeedArgs, now: Timestamp) -> Result<(), Error> {
    if args.scale {
        return run_scale(args, now);
    }
    if !args.demo {
        return Err(Error::InvalidInput {
            field: "seed",
            reason: "choose what to seed: --demo or --scale".into(),
        });
    }
    let mut b = open_or_create(&args.board, now)?;
    let r = seed::demo(&mut b, args.seed, now)?;
    println!(
        "seeded {}: {} members, {} ideas, {} votes, {} comments, {} status changes, {} merges",
        args.board.display(),
        r.members,
        r.ideas,
        r.votes,
        r.comments,
        r.status_changes,
        r.merges
    );
    Ok(())
}

fn run_scale(args: &SeedArgs, now: Timestamp) -> Result<(), Error> {
    let config = ScaleConfig {
        ideas: args.ideas,
        votes: args.votes,
        comments: args.comments,
        members: args.members,
        years: args.years,
        seed: args.seed,
    };
    let started = Instant::now();
    let mut b = Board::create(&args.board, "栗子咖啡 · Chestnut Coffee (scale)", now)?;
    let r = scale::scale(&mut b, &config, now)?;
    let seconds = started.elapsed().as_secs_f64();
    println!(
        "seeded {} in {seconds:.1} s: {} members, {} ideas ({} launched, {} merged), {} votes, \
         {} comments, {} status changes, {} follows, {} ledger lines",
        args.board.display(),
        r.members,
        r.ideas,
        r.launched,
        r.merged,
        r.votes,
        r.comments,
        r.status_changes,
        r.follows,
        r.ledger_lines
    );
    if args.verify {
        let started = Instant::now();
        let mut problems = b.counter_mismatches()?;
        problems.extend(b.check_integrity()?);
        if !problems.is_empty() {
            return Err(Error::Internal(format!(
                "{} problems, first: {}",
                problems.len(),
                problems[0]
            )));
        }
        println!(
            "verified in {:.1} s: every counter and score matches a recount, integrity ok",
            started.elapsed().as_secs_f64()
        );
    }
    Ok(())
}

/// Opens a board, or creates it when the file does not exist yet.
fn open_or_create(path: &Path, now: Timestamp) -> Result<Board, Error> {
    if path.exists() {
        Board::open(path)
    } else {
        Board::create(path, seed::DEMO_BOARD_NAME, now)
    }
}
