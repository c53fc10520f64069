//! seed: the demo board (a coffee brand's portal in Chinese and English), into a
//! new file or a fresh board. A Starbucks-scale board for benchmarks is workshop,
//! not product: `ideaboard-stress seed-scale`.

use std::path::{Path, PathBuf};

use clap::Args;
use ideaboard_core::{Board, Error, Timestamp, seed};

#[derive(Args)]
pub struct SeedArgs {
    #[arg(long)]
    board: PathBuf,
    /// The demo coffee-brand board (a few hundred ideas, Chinese and English).
    #[arg(long)]
    demo: bool,
    /// Seed of the generator: the same seed gives the same board.
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

pub fn run(args: &SeedArgs, now: Timestamp) -> Result<(), Error> {
    if !args.demo {
        return Err(Error::InvalidInput {
            field: "seed",
            reason: "choose what to seed: --demo (a scale board for benchmarks is \
                     `ideaboard-stress seed-scale`)"
                .into(),
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

/// Opens a board, or creates it when the file does not exist yet.
fn open_or_create(path: &Path, now: Timestamp) -> Result<Board, Error> {
    if path.exists() {
        Board::open(path, now)
    } else {
        Board::create(path, seed::DEMO_BOARD_NAME, now)
    }
}
