//! Ideas: submit, edit, hide, pin, categorise, tag, list and read.

use serde_json::json;

use super::Actor;
use super::actor::{Who, audit, idea_target, no_detail, visible_idea};
use super::changes::grant_points;
use crate::clock::Timestamp;
use crate::model::{
    IdeaDetail, IdeaEdit, IdeaPage, IdeaStatus, ListQuery, NewIdea, PointsReason, ReportOutcome,
};
use crate::render::{markdown_excerpt, markdown_to_safe_html};
use crate::rules;
use crate::store::changes::{Audience, Entry};
use crate::store::filter::ListFilter;
use crate::store::{
    Board, Tx, cards, ideas, journey, members, notify, reports, settings, taxonomy, votes,
};
use crate::{Error, Result};

/// Submits a new idea. The author follows it and earns points.
pub fn submit_idea(
    board: &mut Board,
    actor: &Actor,
    input: &NewIdea,
    now: Timestamp,
) -> Result<IdeaDetail> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let (author, _) = who.signed_in()?;
        let title = rules::title(&input.title)?;
        let body = rules::body(&input.body)?;
        let tags = rules::tags(&input.tags)?;
        let category_seq = input
            .category
            .as_deref()
            .map(|slug| taxonomy::category_seq(tx, slug))
            .transpose()?;
        let id = tx.ids.next(now).to_string();
        let number = ideas::insert(
            tx,
            &ideas::IdeaInsert {
                id: &id,
                title: &title,
                body: &body,
                body_html: &markdown_to_safe_html(&body),
                excerpt: &markdown_excerpt(&body, rules::EXCERPT_CHARS),
                category_seq,
                author_seq: author,
                now,
            },
        )?;
        taxonomy::set_idea_tags(tx, number, &tags)?;
        journey::insert(
            tx,
            &journey::ChangeInsert {
                idea_no: number,
                from: None,
                to: IdeaStatus::New,
                actor_seq: author,
                note: None,
                note_html: None,
                at: now,
            },
        )?;
        notify::follow(tx, number, author, now)?;
        grant_points(tx, author, PointsReason::IdeaSubmitted, Some(number), now)?;
        tx.record(Entry::idea(number), now);
        detail(tx, &who, number, now)
    })
}

fn within_grace(conn: &rusqlite::Connection, created: Timestamp, now: Timestamp) -> Result<bool> {
    let grace = settings::get(conn)?.edit_grace_minutes;
    Ok(now.millis() - created.millis() <= i64::from(grace) * 60_000)
}

/// Whether `who` may edit the idea's text, category and tags now: its author within
/// the board's grace window, or the team at any time. Closed ideas stay as they were.
fn may_edit(
    conn: &rusqlite::Connection,
    who: &Who,
    idea: &ideas::IdeaRow,
    now: Timestamp,
) -> Result<bool> {
    if idea.status == IdeaStatus::Merged {
        return Ok(false);
    }
    if who.is_team() {
        return Ok(true);
    }
    Ok(who.seq == Some(idea.author_seq) && within_grace(conn, idea.created_at, now)?)
}

fn require_edit(tx: &Tx<'_>, who: &Who, idea: &ideas::IdeaRow, now: Timestamp) -> Result<()> {
    let (seq, _) = who.signed_in()?;
    if may_edit(tx, who, idea, now)? {
        return Ok(());
    }
    if idea.author_seq == seq && idea.status != IdeaStatus::Merged {
        Err(Error::EditWindowClosed)
    } else {
        Err(Error::NotAllowed)
    }
}

/// Edits an idea's title and body.
pub fn edit_idea(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    edit: &IdeaEdit,
    now: Timestamp,
) -> Result<IdeaDetail> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let idea = visible_idea(tx, &who, idea_id)?;
        require_edit(tx, &who, &idea, now)?;
        let title = rules::title(&edit.title)?;
        let body = rules::body(&edit.body)?;
        let html = markdown_to_safe_html(&body);
        ideas::update_text(
            tx,
            idea.number,
            &title,
            &body,
            &html,
            &markdown_excerpt(&body, rules::EXCERPT_CHARS),
            now,
        )?;
        tx.record(Entry::idea(idea.number), now);
        let (seq, _) = who.signed_in()?;
        if seq != idea.author_seq {
            audit(
                tx,
                seq,
                "idea.edit",
                idea_target(idea.number),
                no_detail(),
                now,
            )?;
        }
        detail(tx, &who, idea.number, now)
    })
}

/// Sets an idea's category (None to clear) and tags.
pub fn set_idea_labels(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    category: Option<&str>,
    tags: &[String],
    now: Timestamp,
) -> Result<IdeaDetail> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let idea = visible_idea(tx, &who, idea_id)?;
        require_edit(tx, &who, &idea, now)?;
        let tags = rules::tags(tags)?;
        let category_seq = category
            .map(|slug| taxonomy::category_seq(tx, slug))
            .transpose()?;
        taxonomy::set_idea_category(tx, idea.number, category_seq)?;
        taxonomy::set_idea_tags(tx, idea.number, &tags)?;
        tx.record(Entry::idea(idea.number), now);
        let (seq, _) = who.signed_in()?;
        if seq != idea.author_seq {
            audit(
                tx,
                seq,
                "idea.labels",
                idea_target(idea.number),
                json!({ "category": category, "tags": tags }),
                now,
            )?;
        }
        detail(tx, &who, idea.number, now)
    })
}

fn set_flag(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    flag: ideas::IdeaFlag,
    on: bool,
    now: Timestamp,
) -> Result<IdeaDetail> {
    board.write(|tx| {
        let who = Who::load(tx, actor)?;
        let seq = who.team()?;
        let idea = visible_idea(tx, &who, idea_id)?;
        ideas::set_flag(tx, idea.number, flag, on)?;
        let entry = Entry::idea(idea.number);
        tx.record(
            match flag {
                // Fans learn that it went (or came back), and re-fetch.
                ideas::IdeaFlag::Hidden => entry.to(Audience::Everyone),
                ideas::IdeaFlag::Pinned => entry,
            },
            now,
        );
        // Hiding an idea is acting on its reports.
        let closed = match (flag, on) {
            (ideas::IdeaFlag::Hidden, true) => reports::close_open(
                tx,
                reports::Item::Idea(idea.number),
                ReportOutcome::Resolved,
                seq,
                now,
            )?,
            _ => 0,
        };
        if closed > 0 {
            tx.record(Entry::reports_on_idea(idea.number), now);
        }
        let action = match (flag, on) {
            (ideas::IdeaFlag::Hidden, true) => "idea.hide",
            (ideas::IdeaFlag::Hidden, false) => "idea.restore",
            (ideas::IdeaFlag::Pinned, true) => "idea.pin",
            (ideas::IdeaFlag::Pinned, false) => "idea.unpin",
        };
        let detail_json = if closed > 0 {
            json!({ "reportsResolved": closed })
        } else {
            no_detail()
        };
        audit(tx, seq, action, idea_target(idea.number), detail_json, now)?;
        detail(tx, &who, idea.number, now)
    })
}

/// Hides an idea from fans (team only), or restores it.
pub fn set_idea_hidden(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    hidden: bool,
    now: Timestamp,
) -> Result<IdeaDetail> {
    set_flag(board, actor, idea_id, ideas::IdeaFlag::Hidden, hidden, now)
}

/// Pins an idea to the top of every list (team only), or unpins it.
pub fn set_idea_pinned(
    board: &mut Board,
    actor: &Actor,
    idea_id: &str,
    pinned: bool,
    now: Timestamp,
) -> Result<IdeaDetail> {
    set_flag(board, actor, idea_id, ideas::IdeaFlag::Pinned, pinned, now)
}

/// The largest page a list returns.
pub const LIST_LIMIT_MAX: u32 = 200;

/// One page of the idea list.
pub fn list_ideas(board: &Board, actor: &Actor, query: &ListQuery) -> Result<IdeaPage> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        if query.include_hidden && !who.is_team() {
            return Err(Error::NotAllowed);
        }
        let limit = query.limit.clamp(1, LIST_LIMIT_MAX);
        let filter = resolve_filter(
            conn,
            &FilterInput {
                category: query.category.as_deref(),
                status: query.status,
                tag: query.tag.as_deref(),
                author: query.author.as_deref(),
                voted_by: query.voted_by.as_deref(),
                include_hidden: query.include_hidden,
            },
        )?;
        let mut items = ideas::list(conn, &filter, query.sort, who.seq, query.offset, limit + 1)?;
        let has_more = items.len() > limit as usize;
        items.truncate(limit as usize);
        Ok(IdeaPage {
            items,
            offset: query.offset,
            has_more,
        })
    })
}

/// One idea's page: card, body, votes by priority, journey.
pub fn get_idea(board: &Board, actor: &Actor, idea_id: &str, now: Timestamp) -> Result<IdeaDetail> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let idea = visible_idea(conn, &who, idea_id)?;
        detail(conn, &who, idea.number, now)
    })
}

/// Looks an idea up by its human number (#123).
pub fn get_idea_by_number(
    board: &Board,
    actor: &Actor,
    number: u32,
    now: Timestamp,
) -> Result<IdeaDetail> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let idea = ideas::by_number(conn, i64::from(number))?;
        if idea.hidden && !who.is_team() {
            return Err(Error::NotFound { what: "idea" });
        }
        detail(conn, &who, idea.number, now)
    })
}

/// The list filters shared by the idea list, search and the adoption view, as asked.
#[derive(Default)]
pub(crate) struct FilterInput<'a> {
    /// Category slug.
    pub category: Option<&'a str>,
    pub status: Option<IdeaStatus>,
    pub tag: Option<&'a str>,
    /// Member ids.
    pub author: Option<&'a str>,
    pub voted_by: Option<&'a str>,
    pub include_hidden: bool,
}

/// The list filters resolved to store keys. A tag the board has never used matches
/// nothing; an unknown category or member is refused.
pub(crate) fn resolve_filter(
    conn: &rusqlite::Connection,
    input: &FilterInput<'_>,
) -> Result<ListFilter> {
    let mut filter = ListFilter {
        include_hidden: input.include_hidden,
        status: input.status,
        ..Default::default()
    };
    if let Some(slug) = input.category {
        filter.category_seq = Some(taxonomy::category_seq(conn, slug)?);
    }
    if let Some(tag) = input.tag {
        match taxonomy::tag_seq(conn, &tag.trim().to_lowercase())? {
            Some(seq) => filter.tag_seq = Some(seq),
            None => filter.matches_nothing = true,
        }
    }
    let member_seq = |id: &str| -> Result<i64> {
        Ok(members::by_id(conn, &crate::ids::parse_id(id)?.to_string())?.seq)
    };
    filter.author_seq = input.author.map(member_seq).transpose()?;
    filter.voted_by_seq = input.voted_by.map(member_seq).transpose()?;
    Ok(filter)
}

pub(crate) fn detail(
    conn: &rusqlite::Connection,
    who: &Who,
    number: i64,
    now: Timestamp,
) -> Result<IdeaDetail> {
    let idea = cards::summary(conn, number, who.seq)?;
    let row = ideas::by_number(conn, number)?;
    let (body, body_html) = ideas::body(conn, number)?;
    let following = match who.seq {
        Some(seq) => notify::is_following(conn, number, seq)?,
        None => false,
    };
    let can_edit = who.seq.is_some() && may_edit(conn, who, &row, now)?;
    let voting_open = super::workflow::voting_open(idea.status);
    let allowed_statuses = super::workflow::allowed_statuses(who, idea.status);
    Ok(IdeaDetail {
        idea,
        body,
        body_html,
        votes: votes::breakdown(conn, number)?,
        journey: journey::of_idea(conn, number)?,
        following,
        can_edit,
        voting_open,
        allowed_statuses,
    })
}
