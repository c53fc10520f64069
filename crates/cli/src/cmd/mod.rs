//! The subcommands, each what a product team uses on a board file: their arguments
//! here, their work in one file each. The workshop (bench, crash-test, storm, soak,
//! seed-scale) is `ideaboard-stress`, in crates/stress.

mod board;
mod exchange;
mod ideas;
mod search;
mod seed;

use std::path::PathBuf;

use clap::{Parser, Subcommand};
use ideaboard_core::{Error, Timestamp};

#[derive(Parser)]
#[command(
    name = "ideaboard-cli",
    version,
    about = "Headless Ideaboard: create, seed, inspect, search, vote, move ideas along, export, import, back up and restore boards."
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
    /// Fill a new or fresh board with the demo data: --demo.
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
    /// Vote for an idea as a member (by id, or by a name only one profile has).
    Vote(ideas::VoteArgs),
    /// Move an idea along its journey, with an official answer, as the board's owner
    /// (or --as a team member).
    Status(ideas::StatusArgs),
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
        Command::Vote(args) => ideas::vote(&args, now),
        Command::Status(args) => ideas::status(&args, now),
    }
}

/// A serde or I/O failure as the core's error, so every failure prints one way.
pub(crate) fn internal(e: impl std::fmt::Display) -> Error {
    Error::Internal(e.to_string())
}
