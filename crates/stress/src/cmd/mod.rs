//! The subcommands: their arguments here, their work in one file (or a family of
//! files: `bench*`, `crash*`, `storm*`, `soak*`) each.

mod bench;
mod bench_beside;
mod bench_exchange;
mod bench_report;
mod bench_search;
mod bench_team;
mod crash;
mod crash_check;
mod crash_model;
mod crash_observe;
mod crash_round;
mod load;
mod load_client;
mod seed_scale;
mod soak;
mod soak_checks;
mod soak_discuss;
mod soak_model;
mod soak_ops;
mod soak_reads;
mod soak_team;
mod storm;
mod storm_choose;
mod storm_op;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use ideaboard_core::{Board, Error, Timestamp};

#[derive(Parser)]
#[command(
    name = "ideaboard-stress",
    version,
    about = "The Ideaboard workshop: benchmark, crash-test and soak boards, and generate scale boards."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Time every operation on a copy of a board (the board itself is never touched).
    Bench(bench::BenchArgs),
    /// One measured export or import in its own process, for the bench's peak
    /// memory figures.
    #[command(hide = true)]
    BenchChild(bench_exchange::ChildArgs),
    /// Generate a Starbucks-scale board for the bench into a new file (defaults:
    /// 150,000 ideas, 2,000,000 votes, 600,000 comments, 200,000 members, 3 years).
    SeedScale(seed_scale::SeedScaleArgs),
    /// Kill writers on a board at random moments, again and again; after each kill
    /// check the board: it opens, SQLite finds nothing wrong, every counter matches a
    /// recount and every write a writer acknowledged is there. Exits non-zero,
    /// naming the problem, when one is not.
    CrashTest(crash::CrashArgs),
    /// Random operations by simulated members (moderators among them) against a
    /// new board, checking every invariant after every step; refusals are counted,
    /// anything else stops it with the step and the seed to replay it.
    Soak(soak::SoakArgs),
    /// Simulated fans against a running ideaboard-server (loopback only), bounded
    /// in count and time: the request mix with a live stream each, then
    /// list pages alone, beside the core's in-process list throughput.
    Load(load::LoadArgs),
    /// The crash test's writer: endless seeded writes, each announced before and
    /// acknowledged after its commit.
    #[command(hide = true)]
    Storm(storm::StormArgs),
    /// The crash test's backup process: what `ideaboard-cli backup -o` does (a
    /// consistent copy of a board into a new file), in a process of its own.
    #[command(hide = true)]
    Backup {
        #[arg(long)]
        board: PathBuf,
        #[arg(short = 'o', long)]
        out: PathBuf,
    },
}

pub fn run(command: Command) -> Result<(), Error> {
    let now = Timestamp::now();
    match command {
        Command::Bench(args) => bench::run(&args, now),
        Command::BenchChild(args) => bench_exchange::child(&args, now),
        Command::SeedScale(args) => seed_scale::run(&args, now),
        Command::CrashTest(args) => crash::run(&args, now),
        Command::Soak(args) => soak::run(&args),
        Command::Load(args) => load::run(&args, now),
        Command::Storm(args) => storm::run(&args),
        Command::Backup { board, out } => {
            let bytes = Board::open(&board, now)?.backup_to(&out)?;
            println!(
                "backed up {} to {} ({bytes} bytes)",
                board.display(),
                out.display()
            );
            Ok(())
        }
    }
}

/// A serde or I/O failure as the core's error, so every failure prints one way.
pub(crate) fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}

/// Adds a member as the app would: a fan profile is made by a guest, a team profile
/// by an admin. For the generated crews of crash-test and soak.
pub(crate) fn add_member(
    board: &mut ideaboard_core::Board,
    admin: &ideaboard_core::Actor,
    display_name: String,
    role: ideaboard_core::model::Role,
    now: ideaboard_core::Timestamp,
) -> Result<ideaboard_core::model::MemberProfile, Error> {
    let input = ideaboard_core::model::NewMember {
        display_name,
        role,
        passphrase: None,
    };
    let creator = if role.is_team() {
        admin.clone()
    } else {
        ideaboard_core::Actor::guest()
    };
    ideaboard_core::ops::create_member(board, &creator, &input, now)
}
