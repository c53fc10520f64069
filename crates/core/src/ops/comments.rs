//! Comments: threaded, public / official / internal, edited by their author,
//! soft-deleted by their author or the team, with reactions.

use serde_json::json;

use super::Actor;
use super::actor::{Who, audit, idea_target, visible_idea};
use super::changes::grant_points;
use super::ideas::detail;
use super::moved::write_moved;
use crate::clock::Timestamp;
use crate::model::{
    CommentAdded, CommentKind, CommentView, IdeaStatus, NewComment, NotificationKind, PointsReason,
    Reaction,
};
use crate::rank;
use crate::render::markdown_to_safe_html;
use crate::rules;
use crate::store::changes::{Audience, Entry};
use crate::store::{Board, comments, ideas, notify};
use crate::{Error, Result};

/// A comment this member may act on: internal notes, and comments the team hid,
/// exist only for the team.
pub(crate) fn visible_comment(
    conn: &rusqlite::Connection,
    who: &Who,
    comment_id: &str,
) -> Result<comments::CommentRow> {
    let id = crate::ids::parse_id(comment_id)?.to_string();
    let comment = comments::by_id(conn, &id)?;
    let idea = ideas::by_number(conn, comment.idea_no)?;
    if (comment.kind == CommentKind::Internal || comment.hidden || idea.hidden) && !who.is_team() {
        return Err(Error::NotFound { what: "comment" });
    }
    Ok(comment)
}

/// Adds a comment or a reply. Official answers and internal notes are the team's.
/// Answers the comment, its idea's page (the counters it moved) and what else moved.
pub fn add_comment(
    board: &mut Board,
    actor: &Actor,
    input: &NewComment,
    now: Timestamp,
) -> Result<CommentAdded> {
    let ((comment, detail), moved) = write_moved(board, actor, |tx, who| {
        let (seq, _) = who.signed_in()?;
        if input.kind != CommentKind::Public && !who.is_team() {
            return Err(Error::NotAllowed);
        }
        let idea = visible_idea(tx, who, &input.idea_id)?;
        if idea.status == IdeaStatus::Merged {
            return Err(Error::AlreadyMerged);
        }
        let parent = match &input.parent_id {
            Some(pid) => {
                let parent = visible_comment(tx, who, pid)?;
                let internal_mismatch =
                    (parent.kind == CommentKind::Internal) != (input.kind == CommentKind::Internal);
                if parent.idea_no != idea.number || internal_mismatch {
                    return Err(Error::ParentMismatch);
                }
                Some(parent)
            }
            None => None,
        };
        let body = rules::comment(&input.body)?;
        let id = tx.ids.next(now).to_string();
        let comment_seq = comments::insert(
            tx,
            &comments::CommentInsert {
                id: &id,
                idea_no: idea.number,
                parent_seq: parent.as_ref().map(|p| p.seq),
                author_seq: seq,
                kind: input.kind,
                body: &body,
                body_html: &markdown_to_safe_html(&body),
                now,
            },
        )?;
        notify::follow(tx, idea.number, seq, now)?;
        tx.record(Entry::comment(comment_seq, idea.number), now);
        if input.kind != CommentKind::Internal {
            ideas::add_comments(tx, idea.number, 1)?;
            ideas::trend_add(tx, idea.number, rank::COMMENT_WEIGHT, now)?;
            grant_points(tx, seq, PointsReason::CommentPosted, Some(idea.number), now)?;
            tx.record(Entry::idea(idea.number), now);
        } else {
            // Fans do not learn that a note was written.
            tx.record(Entry::idea(idea.number).to(Audience::Team), now);
        }
        let notice = |kind| notify::NoticeInsert {
            kind,
            idea_no: idea.number,
            actor_seq: seq,
            status: None,
            comment_seq: Some(comment_seq),
            at: now,
        };
        if input.kind == CommentKind::Official {
            let n = notify::notify_followers(tx, &notice(NotificationKind::OfficialAnswer))?;
            tx.record(Entry::notice(n, idea.number), now);
        }
        if let Some(parent) = &parent
            && let Some(n) =
                notify::notify_member(tx, parent.author_seq, &notice(NotificationKind::Reply))?
        {
            tx.record(Entry::notice(n, idea.number), now);
        }
        if input.kind != CommentKind::Public {
            audit(
                tx,
                seq,
                &format!("comment.{}", input.kind),
                idea_target(idea.number),
                json!({ "comment": id }),
                now,
            )?;
        }
        Ok((
            one(tx, who, idea.number, &id)?,
            detail(tx, who, idea.number, now)?,
        ))
    })?;
    Ok(CommentAdded {
        comment,
        detail,
        moved,
    })
}

pub(crate) fn one(
    conn: &rusqlite::Connection,
    who: &Who,
    idea_no: i64,
    id: &str,
) -> Result<CommentView> {
    comments::thread(conn, idea_no, who.is_team(), who.seq)?
        .into_iter()
        .find(|c| c.id == id)
        .ok_or(Error::NotFound { what: "comment" })
}

/// Edits a comment: its author only.
pub fn edit_comment(
    board: &mut Board,
    actor: &Actor,
    comment_id: &str,
    body: &str,
    now: Timestamp,
) -> Result<CommentView> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, _) = who.signed_in()?;
        let comment = visible_comment(tx, &who, comment_id)?;
        if comment.author_seq != seq {
            return Err(Error::NotAllowed);
        }
        if comment.deleted {
            return Err(Error::CommentDeleted);
        }
        let body = rules::comment(body)?;
        comments::update_body(tx, comment.seq, &body, &markdown_to_safe_html(&body), now)?;
        tx.record(Entry::comment(comment.seq, comment.idea_no), now);
        one(tx, &who, comment.idea_no, &comment.id)
    })
}

/// Deletes a comment, keeping its place in the thread: its author or the team.
pub fn delete_comment(
    board: &mut Board,
    actor: &Actor,
    comment_id: &str,
    now: Timestamp,
) -> Result<()> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, _) = who.signed_in()?;
        let comment = visible_comment(tx, &who, comment_id)?;
        if comment.author_seq != seq && !who.is_team() {
            return Err(Error::NotAllowed);
        }
        if comment.deleted {
            return Err(Error::CommentDeleted);
        }
        let removed_by = (comment.author_seq != seq).then_some(seq);
        comments::soft_delete(tx, comment.seq, removed_by, now)?;
        tx.record(Entry::comment(comment.seq, comment.idea_no), now);
        // A hidden comment already stopped counting when it was hidden.
        if comment.kind != CommentKind::Internal && !comment.hidden {
            ideas::add_comments(tx, comment.idea_no, -1)?;
            ideas::trend_remove(
                tx,
                comment.idea_no,
                rank::COMMENT_WEIGHT,
                comment.created_at,
            )?;
            grant_points(
                tx,
                comment.author_seq,
                PointsReason::CommentRemoved,
                Some(comment.idea_no),
                now,
            )?;
            tx.record(Entry::idea(comment.idea_no), now);
        }
        if comment.author_seq != seq {
            audit(
                tx,
                seq,
                "comment.delete",
                idea_target(comment.idea_no),
                json!({ "comment": comment.id }),
                now,
            )?;
        }
        Ok(())
    })
}

/// Adds (`on`) or removes a reaction on a comment. The comment's author earns a
/// point per reaction from someone else, and loses it when the reaction goes.
pub fn react(
    board: &mut Board,
    actor: &Actor,
    comment_id: &str,
    reaction: Reaction,
    on: bool,
    now: Timestamp,
) -> Result<CommentView> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, _) = who.signed_in()?;
        let comment = visible_comment(tx, &who, comment_id)?;
        if comment.deleted {
            return Err(Error::CommentDeleted);
        }
        let changed = if on {
            comments::add_reaction(tx, comment.seq, seq, reaction, now)?
        } else {
            comments::remove_reaction(tx, comment.seq, seq, reaction)?
        };
        if changed {
            tx.record(Entry::comment(comment.seq, comment.idea_no), now);
        }
        if changed && comment.author_seq != seq {
            let reason = if on {
                PointsReason::ReactionReceived
            } else {
                PointsReason::ReactionWithdrawn
            };
            grant_points(tx, comment.author_seq, reason, Some(comment.idea_no), now)?;
        }
        one(tx, &who, comment.idea_no, &comment.id)
    })
}

/// The thread of an idea, oldest first. Internal notes only for the team.
pub fn list_comments(board: &Board, actor: &Actor, idea_id: &str) -> Result<Vec<CommentView>> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let idea = visible_idea(conn, &who, idea_id)?;
        comments::thread(conn, idea.number, who.is_team(), who.seq)
    })
}
