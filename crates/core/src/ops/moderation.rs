//! Moderation: members report ideas and comments; the team works the moderation
//! queue, hides and restores comments (ideas: `set_idea_hidden`) and resolves or
//! dismisses reports. Every team action here writes the audit log.
//!
//! A hidden comment is treated like a deleted one wherever it counts (its idea's
//! comment count, trending, the author's points) and fans never receive its text;
//! restoring it puts everything back.

use serde_json::json;

use super::Actor;
use super::actor::{Who, audit, idea_target, visible_idea};
use super::changes::grant_points;
use super::comments::{one, visible_comment};
use crate::clock::Timestamp;
use crate::model::{
    CommentKind, CommentView, ContentKind, ContentRef, MemberRef, ModerationItem, ModerationPage,
    NewReport, PointsReason, Report, ReportOutcome, Role,
};
use crate::rank;
use crate::render::markdown_excerpt;
use crate::rules;
use crate::store::changes::{Audience, Entry};
use crate::store::reports::{self, Item};
use crate::store::{Board, comments, ideas, ledger};
use crate::{Error, Result};

/// The largest queue page.
pub const QUEUE_LIMIT_MAX: u32 = 100;
/// Open reasons shown per queue item.
pub const QUEUE_REASONS_MAX: u32 = 5;
/// Characters of an item's text in the queue.
const QUEUE_EXCERPT_CHARS: usize = 280;

/// The item a reference names, as this member may see it, its public id as stored,
/// and whether it is a deleted comment.
fn resolve_target(
    conn: &rusqlite::Connection,
    who: &Who,
    target: &ContentRef,
) -> Result<(Item, String, bool)> {
    match target.kind {
        ContentKind::Idea => {
            let idea = visible_idea(conn, who, &target.id)?;
            Ok((Item::Idea(idea.number), idea.id, false))
        }
        ContentKind::Comment => {
            let comment = visible_comment(conn, who, &target.id)?;
            Ok((Item::Comment(comment.seq), comment.id, comment.deleted))
        }
    }
}

/// Reports an idea or a comment to the team, with a reason. Any signed-in member;
/// one open report per member per item; a deleted comment cannot be reported.
pub fn report_content(
    board: &mut Board,
    actor: &Actor,
    input: &NewReport,
    now: Timestamp,
) -> Result<Report> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (seq, _) = who.signed_in()?;
        let (item, id, deleted) = resolve_target(tx, &who, &input.target)?;
        if deleted {
            return Err(Error::CommentDeleted);
        }
        let reason = rules::report_reason(&input.reason)?;
        if reports::has_open(tx, seq, item)? {
            return Err(Error::AlreadyReported);
        }
        let report = reports::insert(tx, seq, item, &reason, now)?;
        tx.record(report_entry(item), now);
        Ok(Report {
            id: report.to_string(),
            target: ContentRef {
                kind: item.kind(),
                id,
            },
            reason,
            created_at: now,
        })
    })
}

/// Hides a public comment from fans (the team), or restores it. Hiding resolves the
/// comment's open reports. Asking for the state it is already in changes nothing.
pub fn set_comment_hidden(
    board: &mut Board,
    actor: &Actor,
    comment_id: &str,
    hidden: bool,
    now: Timestamp,
) -> Result<CommentView> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let seq = who.team()?;
        let comment = visible_comment(tx, &who, comment_id)?;
        if comment.kind != CommentKind::Public {
            return Err(Error::NotAPublicComment);
        }
        if comment.deleted {
            return Err(Error::CommentDeleted);
        }
        if comment.hidden == hidden {
            return one(tx, &who, comment.idea_no, &comment.id);
        }
        let (delta, reason) = if hidden {
            (-1, PointsReason::CommentHidden)
        } else {
            (1, PointsReason::CommentRestored)
        };
        comments::set_hidden(tx, comment.seq, hidden.then_some(seq), now)?;
        // Whoever may see its idea learns that it went (or came back).
        let entry = Entry::comment(comment.seq, comment.idea_no);
        tx.record(entry.to(Audience::IdeaReaders), now);
        tx.record(Entry::idea(comment.idea_no), now);
        ideas::add_comments(tx, comment.idea_no, delta)?;
        if hidden {
            ideas::trend_remove(
                tx,
                comment.idea_no,
                rank::COMMENT_WEIGHT,
                comment.created_at,
            )?;
        } else {
            ideas::trend_add(
                tx,
                comment.idea_no,
                rank::COMMENT_WEIGHT,
                comment.created_at,
            )?;
        }
        grant_points(tx, comment.author_seq, reason, Some(comment.idea_no), now)?;
        let closed = if hidden {
            reports::close_open(
                tx,
                Item::Comment(comment.seq),
                ReportOutcome::Resolved,
                seq,
                now,
            )?
        } else {
            0
        };
        if closed > 0 {
            tx.record(Entry::reports_on_comment(comment.seq), now);
        }
        audit(
            tx,
            seq,
            if hidden {
                "comment.hide"
            } else {
                "comment.restore"
            },
            idea_target(comment.idea_no),
            json!({ "comment": comment.id, "reportsResolved": closed }),
            now,
        )?;
        one(tx, &who, comment.idea_no, &comment.id)
    })
}

/// Closes every open report on an item (the team): `Resolved` when the team acted
/// on it, `Dismissed` when there was nothing to act on. Returns how many closed.
pub fn resolve_reports(
    board: &mut Board,
    actor: &Actor,
    target: &ContentRef,
    outcome: ReportOutcome,
    now: Timestamp,
) -> Result<u32> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let seq = who.team()?;
        let (item, ..) = resolve_target(tx, &who, target)?;
        let closed = reports::close_open(tx, item, outcome, seq, now)?;
        if closed == 0 {
            return Err(Error::NoOpenReports);
        }
        tx.record(report_entry(item), now);
        let (target_text, detail) = match item {
            Item::Idea(number) => (idea_target(number), json!({ "reports": closed })),
            Item::Comment(c) => {
                let facts = reports::comment_facts(tx, c)?;
                (
                    idea_target(facts.1),
                    json!({ "comment": facts.0, "reports": closed }),
                )
            }
        };
        audit(
            tx,
            seq,
            &format!("reports.{outcome}"),
            target_text,
            detail,
            now,
        )?;
        Ok(closed as u32)
    })
}

/// One page of the moderation queue (the team).
/// The feed entry of reports on `item`.
fn report_entry(item: Item) -> Entry {
    match item {
        Item::Idea(number) => Entry::reports_on_idea(number),
        Item::Comment(seq) => Entry::reports_on_comment(seq),
    }
}

pub fn moderation_queue(
    board: &Board,
    actor: &Actor,
    offset: u32,
    limit: u32,
) -> Result<ModerationPage> {
    board.read(|conn| {
        Who::load(conn, actor)?.team()?;
        let limit = limit.clamp(1, QUEUE_LIMIT_MAX);
        let mut keys = reports::queue_page(conn, offset, limit + 1)?;
        let has_more = keys.len() > limit as usize;
        keys.truncate(limit as usize);
        let items = keys
            .iter()
            .map(|key| queue_item(conn, key))
            .collect::<Result<_>>()?;
        Ok(ModerationPage {
            items,
            offset,
            has_more,
            open_reports: reports::open_count(conn)? as u32,
        })
    })
}

fn member(id: String, display_name: String, role: &str) -> Result<MemberRef> {
    Ok(MemberRef {
        id,
        display_name,
        role: Role::parse(role)?,
    })
}

/// What the queue shows as an item's latest team action.
const IDEA_ACTIONS: &[&str] = &[
    "idea.hide",
    "idea.restore",
    "reports.resolved",
    "reports.dismissed",
];
const COMMENT_ACTIONS: &[&str] = &[
    "comment.hide",
    "comment.restore",
    "comment.delete",
    "reports.resolved",
    "reports.dismissed",
];

fn queue_item(conn: &rusqlite::Connection, key: &reports::QueueKey) -> Result<ModerationItem> {
    let reasons = reports::open_reasons(conn, key.item, QUEUE_REASONS_MAX)?;
    let last_reported_at = key.last_reported_at.map(Timestamp::from_millis);
    let open_reports = key.open_reports as u32;
    match key.item {
        Item::Idea(number) => {
            let (id, title, body, author_id, name, role, created, hidden) =
                reports::idea_facts(conn, number)?;
            let last_action = ledger::latest_audit(conn, &idea_target(number), None, IDEA_ACTIONS)?;
            Ok(ModerationItem {
                target: ContentRef {
                    kind: ContentKind::Idea,
                    id: id.clone(),
                },
                idea_id: id,
                idea_number: number as u32,
                idea_title: title,
                comment_kind: None,
                excerpt: markdown_excerpt(&body, QUEUE_EXCERPT_CHARS),
                author: member(author_id, name, &role)?,
                created_at: Timestamp::from_millis(created),
                hidden,
                removed: false,
                open_reports,
                reasons,
                last_reported_at,
                last_action,
            })
        }
        Item::Comment(seq) => {
            let (id, idea_no, kind, body, author_id, name, role, created, hidden, removed) =
                reports::comment_facts(conn, seq)?;
            let idea = ideas::by_number(conn, idea_no)?;
            let last_action =
                ledger::latest_audit(conn, &idea_target(idea_no), Some(&id), COMMENT_ACTIONS)?;
            Ok(ModerationItem {
                target: ContentRef {
                    kind: ContentKind::Comment,
                    id,
                },
                idea_id: idea.id,
                idea_number: idea_no as u32,
                idea_title: idea.title,
                comment_kind: Some(CommentKind::parse(&kind)?),
                excerpt: markdown_excerpt(&body, QUEUE_EXCERPT_CHARS),
                author: member(author_id, name, &role)?,
                created_at: Timestamp::from_millis(created),
                hidden,
                removed,
                open_reports,
                reasons,
                last_reported_at,
                last_action,
            })
        }
    }
}
