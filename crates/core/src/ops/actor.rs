//! Who is acting. An [`Actor`] names a member (or nobody: a guest browsing); the role
//! is looked up afresh in every operation, never trusted from the caller.

use rusqlite::Connection;
use serde_json::json;

use crate::clock::Timestamp;
use crate::model::Role;
use crate::store::changes::Entry;
use crate::store::{Tx, ideas, ledger, members};
use crate::{Error, Result};

/// The member on whose behalf an operation runs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    member: Option<(i64, String)>,
}

impl Actor {
    /// Nobody signed in: may browse and create a fan profile.
    pub fn guest() -> Actor {
        Actor { member: None }
    }

    pub(crate) fn member(seq: i64, id: String) -> Actor {
        Actor {
            member: Some((seq, id)),
        }
    }

    /// The acting member's public id.
    pub fn member_id(&self) -> Option<&str> {
        self.member.as_ref().map(|(_, id)| id.as_str())
    }

    pub(crate) fn seq(&self) -> Option<i64> {
        self.member.as_ref().map(|(seq, _)| *seq)
    }
}

/// The acting member as found in the board right now.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Who {
    pub seq: Option<i64>,
    pub role: Option<Role>,
}

impl Who {
    pub(crate) fn load(conn: &Connection, actor: &Actor) -> Result<Who> {
        match actor.seq() {
            None => Ok(Who {
                seq: None,
                role: None,
            }),
            Some(seq) => {
                let row = members::by_seq(conn, seq).map_err(|_| Error::NotSignedIn)?;
                Ok(Who {
                    seq: Some(row.seq),
                    role: Some(row.role),
                })
            }
        }
    }

    /// The member's key; `NotSignedIn` for a guest.
    pub(crate) fn signed_in(&self) -> Result<(i64, Role)> {
        match (self.seq, self.role) {
            (Some(seq), Some(role)) => Ok((seq, role)),
            _ => Err(Error::NotSignedIn),
        }
    }

    pub(crate) fn is_team(&self) -> bool {
        self.role.is_some_and(Role::is_team)
    }

    /// The member's key if they are on the brand's team; refuses anyone else.
    pub(crate) fn team(&self) -> Result<i64> {
        let (seq, role) = self.signed_in()?;
        if role.is_team() {
            Ok(seq)
        } else {
            Err(Error::NotAllowed)
        }
    }

    /// The member's key if they are an admin.
    pub(crate) fn admin(&self) -> Result<i64> {
        let (seq, role) = self.signed_in()?;
        if role == Role::Admin {
            Ok(seq)
        } else {
            Err(Error::NotAllowed)
        }
    }
}

/// An idea this member may see: hidden ideas exist only for the team.
pub(crate) fn visible_idea(conn: &Connection, who: &Who, idea_id: &str) -> Result<ideas::IdeaRow> {
    let id = crate::ids::parse_id(idea_id)?.to_string();
    let idea = ideas::by_id(conn, &id)?;
    if idea.hidden && !who.is_team() {
        return Err(Error::NotFound { what: "idea" });
    }
    Ok(idea)
}

/// Records a team action in the audit log (and that the log changed, for the
/// feed).
pub(crate) fn audit(
    tx: &Tx<'_>,
    actor_seq: i64,
    action: &str,
    target: String,
    detail: serde_json::Value,
    now: Timestamp,
) -> Result<()> {
    ledger::audit(tx, actor_seq, action, &target, &detail, now)?;
    tx.record(Entry::audit(), now);
    Ok(())
}

/// The audit target text of an idea.
pub(crate) fn idea_target(number: i64) -> String {
    format!("idea:#{number}")
}

/// Shorthand for an empty audit detail.
pub(crate) fn no_detail() -> serde_json::Value {
    json!({})
}
