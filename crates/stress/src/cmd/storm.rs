//! storm (hidden): the crash test's writer. Opens a board and writes to it without
//! end as the crew's members, a seeded random mix of votes, unvotes, priority
//! changes, comments, replies, status changes, follows, new ideas and checkpoints.
//! Before each write it prints `begin <k> <op>`; once the op has returned (the
//! commit is on disk) `ok <k> [new id]`, or `refused <k> <code>` when the board
//! said no. Any other failure prints `error <k> <code> <message>` and stops.
//!
//! With several writers on one board, writer w acts only for the crew members
//! whose index is w modulo the writer count, and changes only the status of ideas
//! whose number is w modulo the writer count: no two processes ever write the same
//! fact, so each process's transcript alone says what the board must hold.

use std::collections::{BTreeSet, HashMap};
use std::io::Write;
use std::path::PathBuf;

use clap::Args;
use ideaboard_core::model::{IdeaSort, IdeaStatus, ListQuery, NewComment, NewIdea, StatusUpdate};
use ideaboard_core::{Actor, Board, Error, ErrorCode, Timestamp, ops};
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;

use super::storm_choose::choose;
use super::storm_op::{CREW_PREFIX, StormOp, comment_body, idea_title};

#[derive(Args)]
pub struct StormArgs {
    #[arg(long)]
    board: PathBuf,
    /// Seed of the sequence of writes.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// This writer's index, from 0.
    #[arg(long, default_value_t = 0)]
    pub writer: usize,
    /// How many writers share the board.
    #[arg(long, default_value_t = 1)]
    pub writers: usize,
    /// Marks this run's comments and ideas; unique per run.
    #[arg(long)]
    tag: String,
    /// Stop after this many writes (default: never).
    #[arg(long)]
    steps: Option<u64>,
}

/// An idea as this writer knows it.
pub struct IdeaRef {
    pub id: String,
    pub number: u32,
    pub status: IdeaStatus,
}

/// Who this writer acts as.
pub struct Crew {
    pub actors: HashMap<String, Actor>,
    /// Members this writer writes for (ids).
    pub mine: Vec<String>,
    /// Team members of the whole crew (ids), for status changes.
    pub team: Vec<String>,
}

pub fn run(args: &StormArgs) -> Result<(), Error> {
    let mut board = Board::open(&args.board, Timestamp::now())?;
    let crew = load_crew(&board, args)?;
    let reader = crew.actors[&crew.team[0]].clone();
    let mut ideas = all_ideas(&board, &reader)?;
    let mut votes = my_votes(&board, &crew)?;
    let mut rng = ChaCha8Rng::seed_from_u64(args.seed);
    let mut out = std::io::stdout().lock();
    for k in 0..args.steps.unwrap_or(u64::MAX) {
        let op = choose(&board, &mut rng, &crew, &ideas, &votes, args)?;
        writeln!(out, "begin {k} {op}")?;
        out.flush()?;
        match apply(&mut board, &crew, &op, &args.tag, k) {
            Ok(made) => {
                match (&op, &made) {
                    (StormOp::Submit { .. }, Some((id, number))) => ideas.push(IdeaRef {
                        id: id.clone(),
                        number: *number,
                        status: IdeaStatus::New,
                    }),
                    (StormOp::Vote { member, idea, .. }, _) => {
                        votes.insert((member.clone(), idea.clone()));
                    }
                    (StormOp::Unvote { member, idea }, _) => {
                        votes.remove(&(member.clone(), idea.clone()));
                    }
                    (StormOp::Status { idea, to, .. }, _) => {
                        if let Some(i) = ideas.iter_mut().find(|i| &i.id == idea) {
                            i.status = *to;
                        }
                    }
                    _ => {}
                }
                match made {
                    Some((id, _)) => writeln!(out, "ok {k} {id}")?,
                    None => writeln!(out, "ok {k}")?,
                }
            }
            Err(e) if matches!(e.code(), ErrorCode::Storage | ErrorCode::Internal) => {
                writeln!(out, "error {k} {:?} {e}", e.code())?;
                out.flush()?;
                return Err(e);
            }
            Err(e) => writeln!(out, "refused {k} {:?}", e.code())?,
        }
        out.flush()?;
    }
    Ok(())
}

fn load_crew(board: &Board, args: &StormArgs) -> Result<Crew, Error> {
    let mut members: Vec<_> = ops::list_members(board)?
        .into_iter()
        .filter(|m| m.display_name.starts_with(CREW_PREFIX))
        .collect();
    members.sort_by(|a, b| a.id.cmp(&b.id));
    let mut crew = Crew {
        actors: HashMap::new(),
        mine: Vec::new(),
        team: Vec::new(),
    };
    for (i, m) in members.iter().enumerate() {
        crew.actors.insert(m.id.clone(), ops::act_as(board, &m.id)?);
        if i % args.writers.max(1) == args.writer {
            crew.mine.push(m.id.clone());
        }
        if m.role.is_team() {
            crew.team.push(m.id.clone());
        }
    }
    if crew.mine.is_empty() || crew.team.is_empty() {
        return Err(Error::InvalidInput {
            field: "board",
            reason: format!("no crew for writer {} of {}", args.writer, args.writers),
        });
    }
    Ok(crew)
}

/// The votes this writer's members hold.
fn my_votes(board: &Board, crew: &Crew) -> Result<BTreeSet<(String, String)>, Error> {
    let mut out = BTreeSet::new();
    for member in &crew.mine {
        let actor = &crew.actors[member];
        let mut offset = 0;
        loop {
            let query = ListQuery {
                sort: IdeaSort::New,
                voted_by: Some(member.clone()),
                offset,
                limit: ops::LIST_LIMIT_MAX,
                ..ListQuery::default()
            };
            let page = ops::list_ideas(board, actor, &query)?;
            offset += page.items.len() as u32;
            out.extend(page.items.into_iter().map(|i| (member.clone(), i.id)));
            if !page.has_more {
                break;
            }
        }
    }
    Ok(out)
}

/// Every idea of the board, hidden and merged ones too.
fn all_ideas(board: &Board, team: &Actor) -> Result<Vec<IdeaRef>, Error> {
    let mut out = Vec::new();
    loop {
        let query = ListQuery {
            sort: IdeaSort::New,
            include_hidden: true,
            offset: out.len() as u32,
            limit: ops::LIST_LIMIT_MAX,
            ..ListQuery::default()
        };
        let page = ops::list_ideas(board, team, &query)?;
        out.extend(page.items.into_iter().map(|i| IdeaRef {
            id: i.id,
            number: i.number,
            status: i.status,
        }));
        if !page.has_more {
            return Ok(out);
        }
    }
}

/// Runs one write; returns the id (and number, for an idea) of what it made.
fn apply(
    board: &mut Board,
    crew: &Crew,
    op: &StormOp,
    tag: &str,
    k: u64,
) -> Result<Option<(String, u32)>, Error> {
    let now = Timestamp::now();
    let actor = |member: &String| &crew.actors[member];
    match op {
        StormOp::Vote {
            member,
            idea,
            priority,
        } => ops::vote(board, actor(member), idea, *priority, now).map(|_| None),
        StormOp::Unvote { member, idea } => {
            ops::unvote(board, actor(member), idea, now).map(|_| None)
        }
        StormOp::Reprioritise {
            member,
            idea,
            priority,
        } => ops::change_vote_priority(board, actor(member), idea, *priority, now).map(|_| None),
        StormOp::Comment {
            member,
            idea,
            parent,
            kind,
        } => {
            let input = NewComment {
                idea_id: idea.clone(),
                parent_id: parent.clone(),
                kind: *kind,
                body: comment_body(tag, k),
            };
            let c = ops::add_comment(board, actor(member), &input, now)?;
            Ok(Some((c.comment.id, 0)))
        }
        StormOp::Status { member, idea, to } => {
            let update = StatusUpdate {
                idea_id: idea.clone(),
                to: *to,
                note: Some(format!("Storm note {tag}-{k}")),
            };
            ops::change_status(board, actor(member), &update, now).map(|_| None)
        }
        StormOp::Follow { member, idea, on } => {
            ops::set_following(board, actor(member), idea, *on, now).map(|_| None)
        }
        StormOp::Submit { member } => {
            let input = NewIdea {
                title: idea_title(tag, k),
                body: format!("Written by a storm ({tag}, step {k}) and killed at random."),
                category: None,
                tags: Vec::new(),
            };
            let d = ops::submit_idea(board, actor(member), &input, now)?;
            Ok(Some((d.idea.id, d.idea.number)))
        }
        StormOp::Checkpoint => board.checkpoint().map(|_| None),
    }
}
