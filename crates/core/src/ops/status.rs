//! Moving an idea through its journey. Only the team changes status; launched and
//! declined need a note for the fans; every change is recorded and followers are
//! notified in the same transaction.

use serde_json::json;

use super::Actor;
use super::actor::{Who, audit, idea_target, visible_idea};
use super::changes::grant_points;
use super::ideas::detail;
use super::moved::{idea_changed, write_moved};
use super::triage;
use crate::clock::Timestamp;
use crate::model::{
    IdeaChanged, IdeaStatus, NotificationKind, PointsReason, StatusUpdate, StatusesChanged,
};
use crate::rank;
use crate::render::markdown_to_safe_html;
use crate::rules;
use crate::store::changes::Entry;
use crate::store::{Board, Tx, cards, ideas, journey, notify, settings};
use crate::{Error, Result};

/// Changes the status of one idea, with the team's note; answers the idea's page
/// (its journey shows the note) and what else moved.
pub fn change_status(
    board: &mut Board,
    actor: &Actor,
    update: &StatusUpdate,
    now: Timestamp,
) -> Result<IdeaChanged> {
    idea_changed(board, actor, |tx, who| {
        let seq = who.team()?;
        let number = apply(tx, who, seq, update, now)?;
        detail(tx, who, number, now)
    })
}

/// Changes several ideas to one status with one note, all or nothing; answers them
/// as the triage inbox shows them (where the bulk change is made), its figures, and
/// what else moved.
pub fn change_status_bulk(
    board: &mut Board,
    actor: &Actor,
    idea_ids: &[String],
    to: IdeaStatus,
    note: Option<&str>,
    now: Timestamp,
) -> Result<StatusesChanged> {
    let ((rows, gone, figures), moved) = write_moved(board, actor, |tx, who| {
        let seq = who.team()?;
        let mut numbers = Vec::with_capacity(idea_ids.len());
        for id in idea_ids {
            let update = StatusUpdate {
                idea_id: id.clone(),
                to,
                note: note.map(str::to_string),
            };
            numbers.push(apply(tx, who, seq, &update, now)?);
        }
        let threshold = settings::get(tx)?.support_threshold;
        let (mut rows, mut gone) = (Vec::new(), Vec::new());
        for number in numbers {
            let row = triage::row(who, cards::summary(tx, number, who.seq)?, threshold);
            if triage::waits(&row.idea) {
                rows.push(row);
            } else {
                gone.push(row.idea.id);
            }
        }
        Ok((rows, gone, triage::figures(tx, None, threshold)?))
    })?;
    Ok(StatusesChanged {
        rows,
        gone,
        total: figures.0,
        past_threshold: figures.1,
        moved,
    })
}

fn apply(tx: &Tx<'_>, who: &Who, seq: i64, update: &StatusUpdate, now: Timestamp) -> Result<i64> {
    let idea = visible_idea(tx, who, &update.idea_id)?;
    if !idea.status.can_move_to(update.to) {
        return Err(Error::InvalidTransition {
            from: idea.status.as_str(),
            to: update.to.as_str(),
        });
    }
    let note = rules::note(update.note.as_deref())?;
    if update.to.needs_note() && note.is_none() {
        return Err(Error::NoteRequired {
            status: update.to.as_str(),
        });
    }
    let note_html = note.as_deref().map(markdown_to_safe_html);
    ideas::set_status(tx, idea.number, update.to, None, now)?;
    journey::insert(
        tx,
        &journey::ChangeInsert {
            idea_no: idea.number,
            from: Some(idea.status),
            to: update.to,
            actor_seq: seq,
            note: note.as_deref(),
            note_html: note_html.as_deref(),
            at: now,
        },
    )?;
    ideas::trend_add(tx, idea.number, rank::STATUS_WEIGHT, now)?;
    let notice = notify::notify_followers(
        tx,
        &notify::NoticeInsert {
            kind: NotificationKind::StatusChanged,
            idea_no: idea.number,
            actor_seq: seq,
            status: Some(update.to),
            comment_seq: None,
            at: now,
        },
    )?;
    tx.record(Entry::idea(idea.number), now);
    tx.record(Entry::notice(notice, idea.number), now);
    if idea.status.is_open() != update.to.is_open() {
        // Its votes stop (or start) counting against each voter's budget.
        tx.record(Entry::standing_of_voters(idea.number), now);
    }
    if update.to == IdeaStatus::Launched {
        grant_points(
            tx,
            idea.author_seq,
            PointsReason::IdeaLaunched,
            Some(idea.number),
            now,
        )?;
    }
    audit(
        tx,
        seq,
        "idea.status",
        idea_target(idea.number),
        json!({ "from": idea.status, "to": update.to }),
        now,
    )?;
    Ok(idea.number)
}
