//! seed-scale: a Starbucks-scale board for the bench, generated in memory and
//! bulk-loaded into a new file (`ideaboard_core::seed::scale`, behind the core's
//! `devtools` feature). Formerly `ideaboard-cli seed --scale`; same flags, same
//! board for the same seed.

use std::path::PathBuf;
use std::time::Instant;

use clap::Args;
use ideaboard_core::seed::scale::{self, ScaleConfig};
use ideaboard_core::{Board, Error, Timestamp};

#[derive(Args)]
pub struct SeedScaleArgs {
    /// The new board file (an existing file is refused).
    #[arg(long)]
    board: PathBuf,
    /// Seed of the generator: the same seed gives the same board.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Ideas.
    #[arg(long, default_value_t = 150_000)]
    ideas: usize,
    /// Votes aimed at.
    #[arg(long, default_value_t = 2_000_000)]
    votes: usize,
    /// Comments aimed at.
    #[arg(long, default_value_t = 600_000)]
    comments: usize,
    /// Members.
    #[arg(long, default_value_t = 200_000)]
    members: usize,
    /// Years of history.
    #[arg(long, default_value_t = 3)]
    years: u32,
    /// After seeding, recount every counter and run SQLite's integrity checks (slow
    /// on a full-size board).
    #[arg(long)]
    verify: bool,
}

pub fn run(args: &SeedScaleArgs, now: Timestamp) -> Result<(), Error> {
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
