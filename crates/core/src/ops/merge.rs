//! Merging a duplicate into the idea that survives. Votes, comments and followers
//! move to the target; a member who voted for both keeps one vote (the higher
//! priority); the source becomes `merged` and points at the target. A merged idea
//! can be neither merged again nor a target, so merges never form a cycle.

use serde::{Deserialize, Serialize};
use serde_json::json;
use ts_rs::TS;

use super::Actor;
use super::actor::{Who, audit, idea_target, visible_idea};
use super::ideas::detail;
use super::votes::pay_milestones;
use crate::clock::Timestamp;
use crate::model::{IdeaDetail, IdeaStatus, NotificationKind};
use crate::store::changes::Entry;
use crate::store::{Board, comments, ideas, journey, notify, votes};
use crate::{Error, Result};

/// What a merge would move, for the confirmation dialog.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct MergePreview {
    pub source_number: u32,
    pub target_number: u32,
    pub votes_moving: u32,
    /// Members who voted for both; they keep one vote.
    pub votes_collapsing: u32,
    pub comments_moving: u32,
    pub followers_moving: u32,
}

fn check(
    conn: &rusqlite::Connection,
    who: &Who,
    source_id: &str,
    target_id: &str,
) -> Result<(ideas::IdeaRow, ideas::IdeaRow)> {
    let source = visible_idea(conn, who, source_id)?;
    let target = visible_idea(conn, who, target_id)?;
    if source.number == target.number {
        return Err(Error::MergeIntoSelf);
    }
    if source.status == IdeaStatus::Merged {
        return Err(Error::AlreadyMerged);
    }
    if target.status == IdeaStatus::Merged {
        return Err(Error::MergeIntoMerged);
    }
    Ok((source, target))
}

/// What merging `source` into `target` would move (team only).
pub fn merge_preview(
    board: &Board,
    actor: &Actor,
    source_id: &str,
    target_id: &str,
) -> Result<MergePreview> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        who.team()?;
        let (source, target) = check(conn, &who, source_id, target_id)?;
        Ok(MergePreview {
            source_number: source.number as u32,
            target_number: target.number as u32,
            votes_moving: source.vote_count as u32,
            votes_collapsing: votes::shared_voters(conn, source.number, target.number)? as u32,
            comments_moving: comments::count_on(conn, source.number)? as u32,
            followers_moving: notify::follower_count(conn, source.number)? as u32,
        })
    })
}

/// Merges `source` into `target` (team only), with an optional note for the fans.
pub fn merge_ideas(
    board: &mut Board,
    actor: &Actor,
    source_id: &str,
    target_id: &str,
    note: Option<&str>,
    now: Timestamp,
) -> Result<IdeaDetail> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let seq = who.team()?;
        let (source, target) = check(tx, &who, source_id, target_id)?;
        let note = crate::rules::note(note)?;
        let note_html = note.as_deref().map(crate::render::markdown_to_safe_html);
        journey::insert(
            tx,
            &journey::ChangeInsert {
                idea_no: source.number,
                from: Some(source.status),
                to: IdeaStatus::Merged,
                actor_seq: seq,
                note: note.as_deref(),
                note_html: note_html.as_deref(),
                at: now,
            },
        )?;
        let notice = notify::notify_followers(
            tx,
            &notify::NoticeInsert {
                kind: NotificationKind::Merged,
                idea_no: source.number,
                actor_seq: seq,
                status: Some(IdeaStatus::Merged),
                comment_seq: None,
                at: now,
            },
        )?;
        // The target's trending score moves by the terms that move (votes as they
        // will stand, public comments), read before the move; recounting all of
        // the target's votes instead was most of a merge's time.
        let (mut added, removed) = votes::merge_terms(tx, source.number, target.number)?;
        added.extend(comments::trending_terms(tx, source.number)?);
        votes::move_all(tx, source.number, target.number)?;
        comments::move_all(tx, source.number, target.number)?;
        notify::move_all(tx, source.number, target.number)?;
        ideas::set_status(
            tx,
            source.number,
            IdeaStatus::Merged,
            Some(target.number),
            now,
        )?;
        for number in [source.number, target.number] {
            ideas::recount_counters(tx, number)?;
        }
        // The source keeps only its submission and journey: a recount is cheap.
        ideas::recount_trending(tx, source.number)?;
        ideas::trend_apply(tx, target.number, &added, &removed)?;
        let merged = ideas::by_number(tx, target.number)?;
        pay_milestones(tx, &merged, merged.vote_count, now)?;
        for number in [source.number, target.number] {
            tx.record(Entry::idea(number), now);
        }
        tx.record(Entry::notice(notice, source.number), now);
        // Votes moved (and shared ones collapsed): every voter's list and budget.
        tx.record(Entry::standing_of_voters(target.number), now);
        audit(
            tx,
            seq,
            "idea.merge",
            idea_target(source.number),
            json!({ "into": target.number }),
            now,
        )?;
        detail(tx, &who, target.number, now)
    })
}
