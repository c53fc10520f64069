//! vote and status: acting on one idea, by its number, as a product team scripts it
//! (a vote collected elsewhere, a roadmap decision). The CLI holds the board file,
//! so it acts without a passphrase: a vote as the member named, a status change as
//! `--as <member id>` or the board's owner (`ops::act_as_owner`). The core decides
//! the rest (voting open, budget, transitions, the answer a decline needs), exactly
//! as in the app, and the change feed carries the write to open windows.

use std::path::PathBuf;

use clap::Args;
use ideaboard_core::model::{IdeaDetail, IdeaStatus, Priority, StatusUpdate};
use ideaboard_core::{Actor, Board, Error, Timestamp, ops};

#[derive(Args)]
pub struct VoteArgs {
    #[arg(long)]
    board: PathBuf,
    /// The idea's number (as in `#12`).
    #[arg(long)]
    idea: u32,
    /// Who votes: a member id, or a display name that only one profile has.
    #[arg(long)]
    member: String,
    /// nice | important | critical (or nice_to_have).
    #[arg(long, default_value = "nice")]
    priority: String,
}

#[derive(Args)]
pub struct StatusArgs {
    #[arg(long)]
    board: PathBuf,
    /// The idea's number (as in `#12`).
    #[arg(long)]
    idea: u32,
    /// new | under_review | planned | in_progress | launched | declined
    #[arg(long)]
    to: String,
    /// The official answer fans see with the change (a decline needs one).
    #[arg(long)]
    answer: Option<String>,
    /// Member id to act as (default: the board's owner, the admin who joined first).
    #[arg(long = "as")]
    as_member: Option<String>,
}

/// Votes for idea `--idea` as `--member`.
pub fn vote(args: &VoteArgs, now: Timestamp) -> Result<(), Error> {
    // Parsed before the board opens: a typo changes nothing.
    let priority = priority(&args.priority)?;
    let mut board = Board::open(&args.board, now)?;
    let actor = member(&board, &args.member)?;
    let idea = idea(&board, &actor, args.idea, now)?;
    let detail = ops::vote(&mut board, &actor, &idea.idea.id, priority, now)?.detail;
    println!(
        "#{} {} votes ({}): voted {}",
        detail.idea.number,
        detail.idea.vote_count,
        detail.idea.status.as_str(),
        priority.as_str()
    );
    Ok(())
}

/// Moves idea `--idea` to `--to`, with `--answer` as the official answer.
pub fn status(args: &StatusArgs, now: Timestamp) -> Result<(), Error> {
    let to = IdeaStatus::parse(&args.to)?;
    let mut board = Board::open(&args.board, now)?;
    let actor = match &args.as_member {
        Some(id) => ops::act_as(&board, id)?,
        None => ops::act_as_owner(&board)?,
    };
    let idea = idea(&board, &actor, args.idea, now)?;
    let update = StatusUpdate {
        idea_id: idea.idea.id,
        to,
        note: args.answer.clone(),
    };
    let detail = ops::change_status(&mut board, &actor, &update, now)?.detail;
    println!(
        "#{} is now {}",
        detail.idea.number,
        detail.idea.status.as_str()
    );
    Ok(())
}

/// The core's priority names, and the short `nice` a person types.
fn priority(text: &str) -> Result<Priority, Error> {
    Priority::parse(if text == "nice" { "nice_to_have" } else { text })
}

/// The idea numbered `number`, as `actor` may see it.
fn idea(board: &Board, actor: &Actor, number: u32, now: Timestamp) -> Result<IdeaDetail, Error> {
    ops::get_idea_by_number(board, actor, number, now).map_err(|e| match e {
        Error::NotFound { .. } => Error::InvalidInput {
            field: "idea",
            reason: format!("no idea #{number} on this board"),
        },
        e => e,
    })
}

/// The member named by id, or by a display name no other profile has.
fn member(board: &Board, name_or_id: &str) -> Result<Actor, Error> {
    let members = ops::list_members(board)?;
    let by_id = members.iter().find(|m| m.id == name_or_id);
    let named: Vec<_> = members
        .iter()
        .filter(|m| m.display_name == name_or_id)
        .collect();
    let chosen = match (by_id, named.as_slice()) {
        (Some(m), _) => m,
        (None, [m]) => *m,
        (None, []) => {
            return Err(Error::InvalidInput {
                field: "member",
                reason: format!("no profile with the id or name {name_or_id:?}"),
            });
        }
        (None, _) => {
            return Err(Error::InvalidInput {
                field: "member",
                reason: format!(
                    "{} profiles are called {name_or_id:?}: give the member id",
                    named.len()
                ),
            });
        }
    };
    ops::act_as(board, &chosen.id)
}
