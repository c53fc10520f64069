//! What a storm writes next: a seeded random pick of member, idea and operation,
//! shaped so that most writes land (unvotes of votes held, status changes the
//! rules allow) and the board keeps open ideas to vote on.

use std::collections::BTreeSet;

use ideaboard_core::model::{CommentKind, IdeaStatus, Priority};
use ideaboard_core::{Board, Error, ops};
use rand::Rng;
use rand::seq::IndexedRandom;
use rand_chacha::ChaCha8Rng;

use super::storm::{Crew, IdeaRef, StormArgs};
use super::storm_op::StormOp;

const OPEN: [IdeaStatus; 4] = [
    IdeaStatus::New,
    IdeaStatus::UnderReview,
    IdeaStatus::Planned,
    IdeaStatus::InProgress,
];

/// Where the team moves an idea next: mostly among the open states, sometimes
/// launched or declined, and a declined idea is reconsidered.
fn next_status(rng: &mut ChaCha8Rng, from: IdeaStatus) -> Option<IdeaStatus> {
    match from {
        IdeaStatus::Declined => Some(IdeaStatus::UnderReview),
        s if s.is_open() => match rng.random_range(0..100) {
            0..15 => Some(IdeaStatus::Launched),
            15..30 => Some(IdeaStatus::Declined),
            _ => OPEN
                .iter()
                .copied()
                .filter(|&o| o != s)
                .collect::<Vec<_>>()
                .choose(rng)
                .copied(),
        },
        _ => None,
    }
}

fn priority(rng: &mut ChaCha8Rng) -> Priority {
    *Priority::ALL.choose(rng).unwrap_or(&Priority::NiceToHave)
}

pub fn choose(
    board: &Board,
    rng: &mut ChaCha8Rng,
    crew: &Crew,
    ideas: &[IdeaRef],
    votes: &BTreeSet<(String, String)>,
    args: &StormArgs,
) -> Result<StormOp, Error> {
    let member = crew.mine.choose(rng).cloned().unwrap_or_default();
    // Unvotes and priority changes mostly on a vote that exists.
    let voted: Vec<&(String, String)> = votes.iter().collect();
    let held = voted
        .choose(rng)
        .filter(|_| rng.random_bool(0.8))
        .cloned()
        .cloned();
    let live: Vec<&IdeaRef> = ideas
        .iter()
        .filter(|i| i.status != IdeaStatus::Merged)
        .collect();
    let Some(idea) = live.choose(rng) else {
        return Ok(StormOp::Submit { member });
    };
    let idea = idea.id.clone();
    let is_team = crew.team.contains(&member);
    let op = match rng.random_range(0..100) {
        0..28 => StormOp::Vote {
            member,
            idea,
            priority: priority(rng),
        },
        28..40 => {
            let (member, idea) = held.unwrap_or((member, idea));
            StormOp::Unvote { member, idea }
        }
        40..45 => {
            let (member, idea) = held.unwrap_or((member, idea));
            StormOp::Reprioritise {
                member,
                idea,
                priority: priority(rng),
            }
        }
        45..63 => StormOp::Comment {
            member,
            idea,
            parent: None,
            kind: if is_team && rng.random_bool(0.25) {
                CommentKind::Official
            } else {
                CommentKind::Public
            },
        },
        63..71 => {
            let thread = ops::list_comments(board, &crew.actors[&member], &idea)?;
            let parents: Vec<_> = thread
                .iter()
                .filter(|c| c.kind != CommentKind::Internal && !c.deleted && !c.hidden)
                .collect();
            StormOp::Comment {
                member,
                idea,
                parent: parents.choose(rng).map(|c| c.id.clone()),
                kind: CommentKind::Public,
            }
        }
        71..81 => {
            let writers = args.writers.max(1) as u32;
            let ours: Vec<&&IdeaRef> = live
                .iter()
                .filter(|i| i.number % writers == args.writer as u32)
                .filter(|i| i.status != IdeaStatus::Launched)
                .collect();
            match ours.choose(rng) {
                Some(i) => match next_status(rng, i.status) {
                    Some(to) => StormOp::Status {
                        member: crew.team.choose(rng).cloned().unwrap_or_default(),
                        idea: i.id.clone(),
                        to,
                    },
                    None => StormOp::Checkpoint,
                },
                None => StormOp::Submit { member },
            }
        }
        81..90 => StormOp::Follow {
            member,
            idea,
            on: rng.random_bool(0.5),
        },
        90..96 => StormOp::Submit { member },
        _ => StormOp::Checkpoint,
    };
    Ok(op)
}
