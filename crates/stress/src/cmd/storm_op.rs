//! The crash test's writes as one line of text each: `storm` prints them before it
//! runs them (`begin <k> <op>`), the harness reads them back to know what each
//! acknowledged (`ok <k> [id]`) write did. Comment bodies and idea titles are made
//! from the run's tag and the step, so a write that committed without its `ok`
//! line can still be recognised on the board.

use std::fmt;

use ideaboard_core::Error;
use ideaboard_core::model::{CommentKind, IdeaStatus, Priority};

/// Members whose display name starts with this are the storm's crew: the only
/// members whose votes, follows and comments the crash test writes and checks.
pub const CREW_PREFIX: &str = "Crew ";

/// One write of a storm, by member and idea ids.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StormOp {
    Vote {
        member: String,
        idea: String,
        priority: Priority,
    },
    Unvote {
        member: String,
        idea: String,
    },
    Reprioritise {
        member: String,
        idea: String,
        priority: Priority,
    },
    /// A comment, or a reply to `parent`; its body is [`comment_body`].
    Comment {
        member: String,
        idea: String,
        parent: Option<String>,
        kind: CommentKind,
    },
    /// A status change by a team member (with a note where one is required).
    Status {
        member: String,
        idea: String,
        to: IdeaStatus,
    },
    Follow {
        member: String,
        idea: String,
        on: bool,
    },
    /// A new idea; its title is [`idea_title`].
    Submit {
        member: String,
    },
    /// The shell's idle-time upkeep: copies the write-ahead log into the board.
    Checkpoint,
}

/// The body of the comment written at step `k` of the run tagged `tag`.
pub fn comment_body(tag: &str, k: u64) -> String {
    format!("Storm comment {tag}-{k}: still there after the crash?")
}

/// The title of the idea submitted at step `k` of the run tagged `tag`.
pub fn idea_title(tag: &str, k: u64) -> String {
    format!("Storm idea {tag}-{k}")
}

impl fmt::Display for StormOp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StormOp::Vote {
                member,
                idea,
                priority,
            } => write!(f, "vote {member} {idea} {priority}"),
            StormOp::Unvote { member, idea } => write!(f, "unvote {member} {idea}"),
            StormOp::Reprioritise {
                member,
                idea,
                priority,
            } => write!(f, "priority {member} {idea} {priority}"),
            StormOp::Comment {
                member,
                idea,
                parent,
                kind,
            } => {
                let parent = parent.as_deref().unwrap_or("-");
                write!(f, "comment {member} {idea} {parent} {kind}")
            }
            StormOp::Status { member, idea, to } => write!(f, "status {member} {idea} {to}"),
            StormOp::Follow { member, idea, on } => {
                write!(
                    f,
                    "follow {member} {idea} {}",
                    if *on { "on" } else { "off" }
                )
            }
            StormOp::Submit { member } => write!(f, "submit {member}"),
            StormOp::Checkpoint => f.write_str("checkpoint"),
        }
    }
}

impl std::str::FromStr for StormOp {
    type Err = Error;

    fn from_str(line: &str) -> Result<StormOp, Error> {
        let bad = || Error::InvalidInput {
            field: "storm op",
            reason: format!("{line:?}"),
        };
        let words: Vec<&str> = line.split(' ').collect();
        let word = |i: usize| words.get(i).map(|w| w.to_string()).ok_or_else(bad);
        let op = match words[0] {
            "vote" => StormOp::Vote {
                member: word(1)?,
                idea: word(2)?,
                priority: Priority::parse(&word(3)?)?,
            },
            "unvote" => StormOp::Unvote {
                member: word(1)?,
                idea: word(2)?,
            },
            "priority" => StormOp::Reprioritise {
                member: word(1)?,
                idea: word(2)?,
                priority: Priority::parse(&word(3)?)?,
            },
            "comment" => StormOp::Comment {
                member: word(1)?,
                idea: word(2)?,
                parent: Some(word(3)?).filter(|p| p != "-"),
                kind: CommentKind::parse(&word(4)?)?,
            },
            "status" => StormOp::Status {
                member: word(1)?,
                idea: word(2)?,
                to: IdeaStatus::parse(&word(3)?)?,
            },
            "follow" => StormOp::Follow {
                member: word(1)?,
                idea: word(2)?,
                on: word(3)? == "on",
            },
            "submit" => StormOp::Submit { member: word(1)? },
            "checkpoint" => StormOp::Checkpoint,
            _ => return Err(bad()),
        };
        Ok(op)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_op_reads_back_as_it_was_written() {
        let (m, i) = ("m1".to_string(), "i1".to_string());
        let ops = [
            StormOp::Vote {
                member: m.clone(),
                idea: i.clone(),
                priority: Priority::Critical,
            },
            StormOp::Unvote {
                member: m.clone(),
                idea: i.clone(),
            },
            StormOp::Reprioritise {
                member: m.clone(),
                idea: i.clone(),
                priority: Priority::NiceToHave,
            },
            StormOp::Comment {
                member: m.clone(),
                idea: i.clone(),
                parent: None,
                kind: CommentKind::Official,
            },
            StormOp::Comment {
                member: m.clone(),
                idea: i.clone(),
                parent: Some("c1".into()),
                kind: CommentKind::Public,
            },
            StormOp::Status {
                member: m.clone(),
                idea: i.clone(),
                to: IdeaStatus::UnderReview,
            },
            StormOp::Follow {
                member: m.clone(),
                idea: i.clone(),
                on: false,
            },
            StormOp::Submit { member: m.clone() },
            StormOp::Checkpoint,
        ];
        for op in ops {
            assert_eq!(op.to_string().parse::<StormOp>().unwrap(), op);
        }
        assert!("launch m1".parse::<StormOp>().is_err());
        assert!("vote m1".parse::<StormOp>().is_err());
    }
}
