//! Restore of a JSON bundle (docs/export-json.md) into an empty board.
//!
//! Decision: a bundle is a board, so it imports only into a board that has no
//! ideas, categories, tags, points history, audit log or notifications yet (a new
//! board with its owner, and perhaps other profiles). Members of the bundle that
//! the board already has (same id) are kept as they are, passphrase included; the
//! others are created without a passphrase (the bundle carries none). Board
//! settings, idea numbers and every history come from the bundle; what the board
//! derives is recounted. The import writes no audit entry of its own: the restored
//! audit log is the bundle's, verbatim.

use std::collections::HashMap;

use rusqlite::params;

use crate::clock::Timestamp;
use crate::export::bundle::Bundle;
use crate::model::ImportReport;
use crate::render::{markdown_excerpt, markdown_to_safe_html};
use crate::store::import::{self as store, Inserts};
use crate::{Error, Result};

/// Reads and checks a whole bundle; every problem found, or the bundle.
pub(crate) fn read(input: impl std::io::Read) -> Result<Bundle> {
    let bundle: Bundle = serde_json::from_reader(std::io::BufReader::new(input)).map_err(|e| {
        Error::ImportRejected {
            problems: vec![crate::model::ImportProblem {
                line: e.line() as u64,
                record: String::new(),
                message: format!("not an Ideaboard JSON bundle: {e}"),
            }],
        }
    })?;
    super::json_check::check(&bundle).into_result()?;
    Ok(bundle)
}

fn ms(text: &str) -> i64 {
    Timestamp::parse_rfc3339(text)
        .map(Timestamp::millis)
        .unwrap_or(0)
}

fn ms_opt(text: &Option<String>) -> Option<i64> {
    text.as_deref().map(ms)
}

/// Writes a checked bundle into an empty board, inside the caller's transaction.
pub(crate) fn restore(conn: &rusqlite::Connection, b: &Bundle) -> Result<ImportReport> {
    if let Some(what) = store::first_content(conn)? {
        return Err(Error::BoardNotEmpty { what });
    }
    let mut report = ImportReport::default();
    let mut ins = Inserts::new(conn)?;
    let s = &b.board;
    ins.board.execute(params![
        s.name,
        s.vote_budget,
        s.support_threshold,
        s.default_locale,
        s.edit_grace_minutes,
        ms(&s.created_at)
    ])?;
    let mut members: HashMap<&str, i64> = HashMap::new();
    for m in &b.members {
        let seq = match store::member_seq(conn, &m.id)? {
            Some(seq) => seq,
            None => {
                ins.member
                    .execute(params![m.id, m.display_name, m.role, ms(&m.joined_at)])?;
                report.members_created += 1;
                conn.last_insert_rowid()
            }
        };
        members.insert(&m.id, seq);
    }
    let member = |id: &str| members[id];
    let mut categories = HashMap::new();
    for c in &b.categories {
        ins.category
            .execute(params![c.slug, c.name, c.name_en, c.position])?;
        categories.insert(c.slug.as_str(), conn.last_insert_rowid());
    }
    let mut tags = HashMap::new();
    for t in &b.tags {
        ins.tag.execute([&t.name])?;
        tags.insert(t.name.to_lowercase(), conn.last_insert_rowid());
    }
    for i in &b.ideas {
        let category = i.category.as_deref().map(|c| categories[c]);
        ins.idea.execute(params![
            i.number,
            i.id,
            i.title,
            i.body,
            markdown_to_safe_html(&i.body),
            markdown_excerpt(&i.body, crate::ops::EXCERPT_CHARS),
            category,
            member(&i.author),
            i.status,
            ms(&i.created_at),
            ms(&i.updated_at),
            i.merged_into,
            i.hidden,
            i.pinned,
            i.trending
        ])?;
        for t in &i.tags {
            ins.idea_tag.execute([i.number, tags[&t.to_lowercase()]])?;
        }
        report.ideas += 1;
    }
    for v in &b.votes {
        ins.vote.execute(params![
            v.idea,
            member(&v.member),
            v.priority,
            ms(&v.created_at)
        ])?;
        report.votes += 1;
    }
    let mut comments: HashMap<&str, i64> = HashMap::new();
    for c in &b.comments {
        let parent = c.parent.as_deref().map(|id| comments[id]);
        ins.comment.execute(params![
            c.id,
            c.idea,
            parent,
            member(&c.author),
            c.kind,
            c.body,
            markdown_to_safe_html(&c.body),
            ms(&c.created_at),
            ms_opt(&c.edited_at),
            ms_opt(&c.deleted_at)
        ])?;
        comments.insert(&c.id, conn.last_insert_rowid());
        report.comments += 1;
    }
    for r in &b.reactions {
        ins.reaction.execute(params![
            comments[r.comment.as_str()],
            member(&r.member),
            r.reaction,
            ms(&r.created_at)
        ])?;
    }
    for s in &b.status_changes {
        let html = s.note.as_deref().map(markdown_to_safe_html);
        ins.change.execute(params![
            s.idea,
            s.from,
            s.to,
            member(&s.actor),
            s.note,
            html,
            ms(&s.at)
        ])?;
        report.status_changes += 1;
    }
    for f in &b.follows {
        ins.follow.execute(params![
            f.idea,
            member(&f.member),
            ms(&f.since),
            f.from_notice
        ])?;
    }
    for f in &b.past_follows {
        ins.past_follow.execute(params![
            member(&f.member),
            f.idea,
            f.from_notice,
            f.to_notice
        ])?;
    }
    for n in &b.notices {
        ins.notice.execute(params![
            n.seq,
            n.to_member.as_deref().map(member),
            n.kind,
            n.idea,
            n.actor.as_deref().map(member),
            n.status,
            n.comment.as_deref().map(|c| comments[c]),
            ms(&n.created_at)
        ])?;
    }
    for r in &b.notice_reads {
        ins.notice_read
            .execute(params![member(&r.member), r.notice, ms(&r.read_at)])?;
    }
    for m in &b.notice_marks {
        ins.notice_mark
            .execute(params![member(&m.member), m.read_through, ms(&m.marked_at)])?;
    }
    for e in &b.points {
        ins.points.execute(params![
            member(&e.member),
            e.delta,
            e.reason,
            e.idea,
            ms(&e.at)
        ])?;
    }
    for a in &b.audit {
        ins.audit.execute(params![
            member(&a.actor),
            a.action,
            a.target,
            a.detail,
            ms(&a.at)
        ])?;
    }
    drop(ins);
    store::recount_restored(conn)?;
    Ok(report)
}
