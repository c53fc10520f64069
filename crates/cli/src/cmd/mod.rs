//! The subcommands: their arguments here, their work in one file each.

mod bench;
mod bench_exchange;
mod bench_report;
mod bench_search;
mod bench_team;
mod board;
mod crash;
mod crash_check;
mod crash_model;
mod crash_observe;
mod crash_round;
mod exchange;
mod search;
mod seed;
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
use ideaboard_core::{Error, Timestamp};

#[derive(Parser)]
#[command(
    name = "ideaboard-cli",
    version,
    about = "Headless Ideaboard: create, seed, inspect, export, import and benchmark boards."
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Create a new, empty board file with its owner (an admin profile).
    Init {
        #[arg(long)]
        board: PathBuf,
        /// The board's name.
        #[arg(long, default_value = "Ideaboard")]
        name: String,
        /// Display name of the owner profile.
        #[arg(long, default_value = "Admin")]
        owner: String,
        /// Passphrase of the owner profile (at least 8 characters).
        #[arg(long)]
        passphrase: Option<String>,
    },
    /// Fill a board with generated data: --demo or --scale.
    Seed(seed::SeedArgs),
    /// Print what a board holds.
    Stats {
        #[arg(long)]
        board: PathBuf,
        /// As JSON.
        #[arg(long)]
        json: bool,
    },
    /// List ideas as a fan sees them.
    List {
        #[arg(long)]
        board: PathBuf,
        /// trending | top | new | most_discussed
        #[arg(long, default_value = "trending")]
        sort: String,
        /// new | under_review | planned | in_progress | launched | declined
        #[arg(long)]
        status: Option<String>,
        /// Category slug.
        #[arg(long)]
        category: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Search ideas as a fan would: Chinese of any length, English words, "phrases".
    Search {
        #[arg(long)]
        board: PathBuf,
        /// What to look for.
        query: String,
        /// new | under_review | planned | in_progress | launched | declined
        #[arg(long)]
        status: Option<String>,
        /// Category slug.
        #[arg(long)]
        category: Option<String>,
        #[arg(long)]
        tag: Option<String>,
        /// trending | top | new | most_discussed (default: relevance)
        #[arg(long)]
        sort: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: u32,
    },
    /// Copy a board to a new file, consistent even while the app writes to it.
    Backup {
        #[arg(long)]
        board: PathBuf,
        /// The new file (an existing file is refused). Without it, the backup goes
        /// to the board's backup folder, <board>.backups/, as a manual one.
        #[arg(short = 'o', long)]
        out: Option<PathBuf>,
    },
    /// List a board's backups (automatic and manual), newest first.
    Backups {
        #[arg(long)]
        board: PathBuf,
    },
    /// Put a backup in a board's place (checked first; the replaced board is kept in
    /// <board>.backups/ as a before-restore backup). Close the app on that board first.
    Restore {
        /// The backup file.
        #[arg(long)]
        from: PathBuf,
        /// The board file to replace (or create).
        #[arg(long)]
        board: PathBuf,
    },
    /// Export ideas (CSV, XLSX, a JSON bundle or a Markdown adoption report).
    Export(exchange::ExportArgs),
    /// Import a JSON bundle (into an empty board) or a Fider posts.csv (appended).
    Import(exchange::ImportArgs),
    /// Time every operation on a copy of a board (the board itself is never touched).
    Bench(bench::BenchArgs),
    /// One measured export or import in its own process, for the bench's peak
    /// memory figures.
    #[command(hide = true)]
    BenchChild(bench_exchange::ChildArgs),
    /// Kill writers on a board at random moments, again and again; after each kill
    /// check the board: it opens, SQLite finds nothing wrong, every counter matches a
    /// recount and every write a writer acknowledged is there. Exits non-zero,
    /// naming the problem, when one is not.
    CrashTest(crash::CrashArgs),
    /// Random operations by simulated members (moderators among them) against a
    /// new board, checking every invariant after every step; refusals are counted,
    /// anything else stops it with the step and the seed to replay it.
    Soak(soak::SoakArgs),
    /// The crash test's writer: endless seeded writes, each announced before and
    /// acknowledged after its commit.
    #[command(hide = true)]
    Storm(storm::StormArgs),
}

pub fn run(command: Command) -> Result<(), Error> {
    let now = Timestamp::now();
    match command {
        Command::Init {
            board,
            name,
            owner,
            passphrase,
        } => board::init(&board, &name, &owner, passphrase.as_deref(), now),
        Command::Seed(args) => seed::run(&args, now),
        Command::Stats { board, json } => board::stats(&board, json),
        Command::List {
            board,
            sort,
            status,
            category,
            limit,
        } => board::list(&board, &sort, status.as_deref(), category, limit),
        Command::Search {
            board,
            query,
            status,
            category,
            tag,
            sort,
            limit,
        } => {
            let filters = search::SearchFilters {
                status: status.as_deref(),
                category: category.as_deref(),
                tag: tag.as_deref(),
                sort: sort.as_deref(),
            };
            search::run(&board, &query, limit, &filters)
        }
        Command::Backup { board, out } => board::backup(&board, out.as_deref(), now),
        Command::Backups { board } => board::backups(&board),
        Command::Restore { from, board } => board::restore(&from, &board, now),
        Command::Export(args) => exchange::export(&args, now),
        Command::Import(args) => exchange::import(&args, now),
        Command::Bench(args) => bench::run(&args, now),
        Command::BenchChild(args) => bench_exchange::child(&args, now),
        Command::CrashTest(args) => crash::run(&args, now),
        Command::Soak(args) => soak::run(&args),
        Command::Storm(args) => storm::run(&args),
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
