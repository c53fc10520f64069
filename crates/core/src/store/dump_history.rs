//! SQL that reads the history part of a board as records of the JSON bundle:
//! follows, notices and their read marks, the points ledger and the audit log.
//! The same rules as [`super::dump`]: members by public id, key order, one row at
//! a time, only what the scope holds.

use rusqlite::Connection;
use rusqlite::types::Value;

use super::dump::{DumpScope, each, time};
use crate::Result;
use crate::model::bundle::*;

pub(crate) fn follows(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(FollowRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT x.idea_no, m.id, x.since, x.from_notice FROM follows x JOIN members m ON m.seq = x.member_seq \
         WHERE x.idea_no IN {ideas} ORDER BY x.idea_no, x.member_seq"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(FollowRecord {
                idea: r.get(0)?,
                member: r.get(1)?,
                since: time(r, 2)?,
                from_notice: r.get(3)?,
            })
        },
        f,
    )
}

pub(crate) fn past_follows(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(PastFollowRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT x.idea_no, m.id, x.from_notice, x.to_notice FROM follows_past x JOIN members m ON m.seq = x.member_seq \
         WHERE x.idea_no IN {ideas} ORDER BY x.member_seq, x.idea_no, x.from_notice"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(PastFollowRecord {
                idea: r.get(0)?,
                member: r.get(1)?,
                from_notice: r.get(2)?,
                to_notice: r.get(3)?,
            })
        },
        f,
    )
}

/// The notices in scope: of ideas in scope, and not about a comment left out.
fn notices_in(scope: &DumpScope) -> (String, Vec<Value>) {
    let (ideas, args) = scope.ideas_in();
    (
        format!(
            "(SELECT n.seq FROM notices n WHERE n.idea_no IN {ideas} AND (n.comment_seq IS NULL OR \
             n.comment_seq IN (SELECT seq FROM comments WHERE {})))",
            scope.kinds("")
        ),
        args,
    )
}

pub(crate) fn notices(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(NoticeRecord) -> Result<()>,
) -> Result<()> {
    let (notices, args) = notices_in(scope);
    let sql = format!(
        "SELECT n.seq, t.id, n.kind, n.idea_no, a.id, n.status, c.id, n.created_at FROM notices n \
         LEFT JOIN members t ON t.seq = n.to_member LEFT JOIN members a ON a.seq = n.actor_seq \
         LEFT JOIN comments c ON c.seq = n.comment_seq WHERE n.seq IN {notices} ORDER BY n.seq"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(NoticeRecord {
                seq: r.get(0)?,
                to_member: r.get(1)?,
                kind: r.get(2)?,
                idea: r.get(3)?,
                actor: r.get(4)?,
                status: r.get(5)?,
                comment: r.get(6)?,
                created_at: time(r, 7)?,
            })
        },
        f,
    )
}

pub(crate) fn notice_reads(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(NoticeReadRecord) -> Result<()>,
) -> Result<()> {
    let (notices, args) = notices_in(scope);
    let sql = format!(
        "SELECT m.id, x.notice_seq, x.read_at FROM notice_reads x JOIN members m ON m.seq = x.member_seq \
         WHERE x.notice_seq IN {notices} ORDER BY x.member_seq, x.notice_seq"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(NoticeReadRecord {
                member: r.get(0)?,
                notice: r.get(1)?,
                read_at: time(r, 2)?,
            })
        },
        f,
    )
}

pub(crate) fn notice_marks(
    conn: &Connection,
    f: &mut dyn FnMut(NoticeMarkRecord) -> Result<()>,
) -> Result<()> {
    let sql = "SELECT m.id, x.read_through, x.marked_at FROM notice_marks x JOIN members m ON m.seq = x.member_seq ORDER BY x.member_seq";
    each(
        conn,
        sql,
        vec![],
        |r| {
            Ok(NoticeMarkRecord {
                member: r.get(0)?,
                read_through: r.get(1)?,
                marked_at: time(r, 2)?,
            })
        },
        f,
    )
}

pub(crate) fn points(
    conn: &Connection,
    scope: &DumpScope,
    f: &mut dyn FnMut(PointsRecord) -> Result<()>,
) -> Result<()> {
    let (ideas, args) = scope.ideas_in();
    let sql = format!(
        "SELECT m.id, p.delta, p.reason, p.idea_no, p.at FROM points_ledger p JOIN members m ON m.seq = p.member_seq \
         WHERE p.idea_no IS NULL OR p.idea_no IN {ideas} ORDER BY p.seq"
    );
    each(
        conn,
        &sql,
        args,
        |r| {
            Ok(PointsRecord {
                member: r.get(0)?,
                delta: r.get(1)?,
                reason: r.get(2)?,
                idea: r.get(3)?,
                at: time(r, 4)?,
            })
        },
        f,
    )
}

pub(crate) fn audit(conn: &Connection, f: &mut dyn FnMut(AuditRecord) -> Result<()>) -> Result<()> {
    let sql = "SELECT m.id, a.action, a.target, a.detail, a.at FROM audit_log a JOIN members m ON m.seq = a.actor_seq ORDER BY a.seq";
    each(
        conn,
        sql,
        vec![],
        |r| {
            Ok(AuditRecord {
                actor: r.get(0)?,
                action: r.get(1)?,
                target: r.get(2)?,
                detail: r.get(3)?,
                at: time(r, 4)?,
            })
        },
        f,
    )
}
