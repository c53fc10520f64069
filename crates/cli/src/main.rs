//! `ideaboard-cli`: the headless face of Ideaboard, for product teams' scripts and
//! for us. Every subcommand maps to core ops; errors print their stable code and
//! exit non-zero.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use ideaboard_core::model::{IdeaSort, IdeaStatus, ListQuery};
use ideaboard_core::{Actor, Board, Error, Timestamp, ops, seed};

#[derive(Parser)]
#[command(
    name = "ideaboard-cli",
    version,
    about = "Headless Ideaboard: create, seed and inspect boards."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
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
    /// Fill a board with generated data.
    Seed {
        #[arg(long)]
        board: PathBuf,
        /// The demo coffee-brand board (a few hundred ideas, Chinese and English).
        #[arg(long)]
        demo: bool,
        /// Seed of the generator: the same seed gives the same board.
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
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
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli.command) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error [{:?}]: {e}", e.code());
            ExitCode::FAILURE
        }
    }
}

fn run(command: Command) -> Result<(), Error> {
    let now = Timestamp::now();
    match command {
        Command::Init {
            board,
            name,
            owner,
            passphrase,
        } => {
            let mut b = Board::create(&board, &name, now)?;
            let owner = ops::create_owner(&mut b, &owner, passphrase.as_deref(), now)?;
            println!(
                "created {} (owner {} {})",
                board.display(),
                owner.display_name,
                owner.id
            );
        }
        Command::Seed {
            board,
            demo,
            seed: s,
        } => {
            if !demo {
                return Err(Error::InvalidInput {
                    field: "seed",
                    reason: "choose what to seed: --demo".into(),
                });
            }
            let mut b = open_or_create(&board, now)?;
            let r = seed::demo(&mut b, s, now)?;
            println!(
                "seeded {}: {} members, {} ideas, {} votes, {} comments, {} status changes, {} merges",
                board.display(),
                r.members,
                r.ideas,
                r.votes,
                r.comments,
                r.status_changes,
                r.merges
            );
        }
        Command::Stats { board, json } => {
            let b = Board::open(&board)?;
            let o = ops::board_overview(&b)?;
            if json {
                println!(
                    "{}",
                    serde_json::to_string_pretty(&o).map_err(|e| Error::Internal(e.to_string()))?
                );
            } else {
                println!("board      {}", o.name);
                println!("file       {}", o.path);
                println!("schema     {}", b.schema_version()?);
                println!("ideas      {}", o.counts.ideas);
                println!("votes      {}", o.counts.votes);
                println!("comments   {}", o.counts.comments);
                println!("members    {}", o.counts.members);
                println!(
                    "categories {}",
                    o.categories
                        .iter()
                        .map(|c| c.slug.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                );
            }
        }
        Command::List {
            board,
            sort,
            status,
            category,
            limit,
        } => {
            let b = Board::open(&board)?;
            let query = ListQuery {
                sort: IdeaSort::parse(&sort)?,
                status: status.as_deref().map(IdeaStatus::parse).transpose()?,
                category,
                limit,
                ..ListQuery::default()
            };
            for idea in ops::list_ideas(&b, &Actor::guest(), &query)?.items {
                println!(
                    "#{:<6} {:>6} votes  {:<12} {}",
                    idea.number,
                    idea.vote_count,
                    idea.status.as_str(),
                    idea.title
                );
            }
        }
    }
    Ok(())
}

/// Opens a board, or creates it when the file does not exist yet.
fn open_or_create(path: &std::path::Path, now: Timestamp) -> Result<Board, Error> {
    if path.exists() {
        Board::open(path)
    } else {
        Board::create(path, seed::DEMO_BOARD_NAME, now)
    }
}
