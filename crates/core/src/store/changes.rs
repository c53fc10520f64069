//! SQL of the change feed (migration `0009_changes.sql`); the rules it serves are in
//! [`crate::ops::changes_since`]'s module.
//!
//! Invariants:
//!
//! * **Appended at commit, in the write's transaction.** An op records [`Entry`]s on
//!   its `Tx` as it goes; `Board::write` inserts them (duplicates once) just
//!   before it commits, so a write that is refused or rolled back appends nothing,
//!   and a committed one is never missing its entries.
//! * **`seq` only grows.** A plain rowid: `max(seq) + 1`. Pruning removes a prefix
//!   and never the newest entry, so the maximum never goes back; a restore that
//!   brings back an older file jumps past the replaced file's numbers
//!   ([`mark_reset`]). Nothing else deletes or updates entries.
//! * **No gaps a reader could fall into.** Entries go only from the front, so the
//!   feed is complete after its *horizon*: the newest reset entry (`kind =
//!   'board'`), or the seq before the oldest kept entry. A reader asking from before
//!   the horizon, or from after the newest seq (another file's numbers), is told to
//!   reset.
//! * **Keys, not text.** An entry names its entity by keys (idea number, comment and
//!   member seq, category slug); public ids are joined in when read and nothing else
//!   is, so no text a reader may not see can be in what they read.
//! * **Who may see an entry is decided when it is read,** in the reader's snapshot,
//!   from their role *then* and the entity as it is *then* (see [`Audience`]).
//!
//! Retention: `Board::prune_changes`, for hosts to call when idle (as
//! `Board::checkpoint`), keeps the last [`RETENTION_DAYS`] days and at most
//! [`MAX_KEPT`] entries. One statement; its cost is the entries it removes.

use std::cell::RefCell;
use std::collections::HashSet;
use std::path::Path;

use rusqlite::{Connection, OpenFlags, params};

use super::notify;
use crate::Result;
use crate::clock::Timestamp;
use crate::model::{Change, ChangeKind, ChangeSpan};

/// Days of changes kept: a follower away longer reloads.
pub const RETENTION_DAYS: i64 = 30;

/// Entries kept at most, however recent (about 4 MB of board file).
pub const MAX_KEPT: i64 = 100_000;

/// Who may learn of an entry. Resolved when read, against the board as it is then.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Audience {
    /// Everyone, guests included.
    Everyone,
    /// The team (moderators and admins) only.
    Team,
    /// One member (by seq) only.
    Member(i64),
    /// Whoever may see the entry's idea (or comment) now: the team always; others
    /// while the idea is not hidden (and the comment is neither internal nor hidden).
    Entity,
    /// Whoever may see the entry's idea now, whatever its comment's state: for a
    /// comment being hidden or restored.
    IdeaReaders,
    /// The members holding a vote on the entry's idea now.
    Voters,
    /// The members the notice (by seq) was delivered to, as their notification
    /// centre shows it (see [`notify`]).
    Notice(i64),
}

impl Audience {
    fn as_str(self) -> &'static str {
        match self {
            Audience::Everyone => "everyone",
            Audience::Team => "team",
            Audience::Member(_) => "member",
            Audience::Entity => "entity",
            Audience::IdeaReaders => "idea",
            Audience::Voters => "voters",
            Audience::Notice(_) => "notice",
        }
    }

    fn reference(self) -> Option<i64> {
        match self {
            Audience::Member(seq) | Audience::Notice(seq) => Some(seq),
            _ => None,
        }
    }
}

/// One change a write made, before it is appended.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Entry {
    kind: ChangeKind,
    idea_no: Option<i64>,
    comment_seq: Option<i64>,
    member_seq: Option<i64>,
    key: Option<String>,
    audience: Audience,
}

impl Entry {
    fn new(kind: ChangeKind, audience: Audience) -> Entry {
        Entry {
            kind,
            idea_no: None,
            comment_seq: None,
            member_seq: None,
            key: None,
            audience,
        }
    }

    /// An idea, for whoever may see it.
    pub(crate) fn idea(number: i64) -> Entry {
        Entry {
            idea_no: Some(number),
            ..Entry::new(ChangeKind::Idea, Audience::Entity)
        }
    }

    /// A comment, for whoever may see it.
    pub(crate) fn comment(seq: i64, idea_no: i64) -> Entry {
        Entry {
            idea_no: Some(idea_no),
            comment_seq: Some(seq),
            ..Entry::new(ChangeKind::Comment, Audience::Entity)
        }
    }

    /// A member's standing (points, level, votes left), for them.
    pub(crate) fn standing(member_seq: i64) -> Entry {
        Entry {
            member_seq: Some(member_seq),
            ..Entry::new(ChangeKind::Standing, Audience::Member(member_seq))
        }
    }

    /// The standing of every member holding a vote on the idea (its votes stopped
    /// or started counting against their budget), for each of them.
    pub(crate) fn standing_of_voters(idea_no: i64) -> Entry {
        Entry {
            idea_no: Some(idea_no),
            ..Entry::new(ChangeKind::Standing, Audience::Voters)
        }
    }

    /// A notice, for the members it is delivered to.
    pub(crate) fn notice(notice_seq: i64, idea_no: i64) -> Entry {
        Entry {
            idea_no: Some(idea_no),
            ..Entry::new(ChangeKind::Notification, Audience::Notice(notice_seq))
        }
    }

    /// A member's notification centre (read marks), for them.
    pub(crate) fn notifications_of(member_seq: i64) -> Entry {
        Entry::new(ChangeKind::Notification, Audience::Member(member_seq))
    }

    /// A profile, for everyone (profiles are public).
    pub(crate) fn member(seq: i64) -> Entry {
        Entry {
            member_seq: Some(seq),
            ..Entry::new(ChangeKind::Member, Audience::Everyone)
        }
    }

    /// A member's account (sessions opened or revoked, password changed), for them
    /// alone: their other windows re-fetch what they show of it. Only the member's
    /// id is ever read back, never their email.
    pub(crate) fn account(seq: i64) -> Entry {
        Entry {
            member_seq: Some(seq),
            ..Entry::new(ChangeKind::Member, Audience::Member(seq))
        }
    }

    pub(crate) fn category(slug: &str) -> Entry {
        Entry {
            key: Some(slug.to_string()),
            ..Entry::new(ChangeKind::Category, Audience::Everyone)
        }
    }

    pub(crate) fn settings() -> Entry {
        Entry::new(ChangeKind::Settings, Audience::Everyone)
    }

    /// Reports on an idea, for the team.
    pub(crate) fn reports_on_idea(number: i64) -> Entry {
        Entry {
            idea_no: Some(number),
            ..Entry::new(ChangeKind::Report, Audience::Team)
        }
    }

    /// Reports on a comment, for the team (its idea is found when read).
    pub(crate) fn reports_on_comment(seq: i64) -> Entry {
        Entry {
            comment_seq: Some(seq),
            ..Entry::new(ChangeKind::Report, Audience::Team)
        }
    }

    /// The audit log, for the team.
    pub(crate) fn audit() -> Entry {
        Entry::new(ChangeKind::Audit, Audience::Team)
    }

    /// Everything: a reset point (see [`horizon`]).
    pub(crate) fn board() -> Entry {
        Entry::new(ChangeKind::Board, Audience::Everyone)
    }

    /// The same entry for another audience.
    pub(crate) fn to(self, audience: Audience) -> Entry {
        Entry { audience, ..self }
    }
}

/// The entries a write in progress has recorded, in order, each once.
#[derive(Debug, Default)]
pub(crate) struct Pending {
    entries: RefCell<Vec<(Entry, Timestamp)>>,
}

impl Pending {
    /// Records that the write changed `entry`; appended when it commits.
    pub(crate) fn push(&self, entry: Entry, now: Timestamp) {
        self.entries.borrow_mut().push((entry, now));
    }
}

const INSERT: &str = "INSERT INTO changes \
     (seq, kind, idea_no, comment_seq, member_seq, key, audience, audience_ref, at) \
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

fn insert(conn: &Connection, seq: Option<i64>, entry: &Entry, at: Timestamp) -> Result<()> {
    conn.prepare_cached(INSERT)?.execute(params![
        seq,
        entry.kind.as_str(),
        entry.idea_no,
        entry.comment_seq,
        entry.member_seq,
        entry.key,
        entry.audience.as_str(),
        entry.audience.reference(),
        at.millis(),
    ])?;
    Ok(())
}

/// Appends what the write recorded (each entry once, in the order first recorded);
/// answers the seqs they got. They follow each other: the write holds the board's
/// write lock, so no other connection appends between them.
pub(super) fn flush(conn: &Connection, pending: &Pending) -> Result<ChangeSpan> {
    let entries = pending.entries.borrow();
    let mut seen = HashSet::with_capacity(entries.len());
    let mut span = ChangeSpan::NONE;
    for (entry, at) in entries.iter() {
        if seen.insert(entry) {
            insert(conn, None, entry, *at)?;
            let seq = conn.last_insert_rowid();
            if span.is_empty() {
                span.first = seq;
            }
            span.last = seq;
        }
    }
    Ok(span)
}

/// The newest seq (0 on a board that never changed): one look at the end of the
/// table's b-tree.
pub(crate) fn latest(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached("SELECT coalesce(max(seq), 0) FROM changes")?
        .query_row([], |r| r.get(0))?)
}

/// The seq after which the feed is complete: the newest reset, or the seq before the
/// oldest entry kept. Two index look-ups.
pub(crate) fn horizon(conn: &Connection) -> Result<i64> {
    Ok(conn
        .prepare_cached(
            "SELECT max(coalesce((SELECT min(seq) FROM changes) - 1, 0), \
                        coalesce((SELECT max(seq) FROM changes WHERE kind = 'board'), 0))",
        )?
        .query_row([], |r| r.get(0))?)
}

/// Who is reading: their member seq and id (None for a guest) and whether they are
/// on the team now.
pub(crate) struct Reader<'a> {
    pub seq: Option<i64>,
    pub id: Option<&'a str>,
    pub team: bool,
}

/// The entries after `after` the reader may see, oldest first, at most `limit`.
pub(crate) fn visible_after(
    conn: &Connection,
    reader: &Reader<'_>,
    after: i64,
    limit: u32,
) -> Result<Vec<Change>> {
    let sql = format!(
        "SELECT c.seq, c.kind, i.id, cm.id, m.id, c.key FROM changes c \
         LEFT JOIN comments cm ON cm.seq = c.comment_seq \
         LEFT JOIN ideas i ON i.number = coalesce(c.idea_no, cm.idea_no) \
         LEFT JOIN members m ON m.seq = c.member_seq \
         WHERE c.seq > ?1 AND c.kind <> 'board' AND ( \
           c.audience = 'everyone' \
           OR (?3 AND c.audience IN ('team', 'entity', 'idea')) \
           OR (c.audience = 'entity' AND coalesce(i.hidden, 0) = 0 AND (c.comment_seq IS NULL \
               OR (cm.kind <> 'internal' AND cm.hidden_at IS NULL))) \
           OR (c.audience = 'idea' AND coalesce(i.hidden, 0) = 0) \
           OR (?2 IS NOT NULL AND ( \
               (c.audience = 'member' AND c.audience_ref = ?2) \
               OR (c.audience = 'voters' AND EXISTS (SELECT 1 FROM votes v \
                   WHERE v.idea_no = c.idea_no AND v.member_seq = ?2)) \
               OR (c.audience = 'notice' AND EXISTS (SELECT 1 FROM notices d \
                   WHERE d.seq = c.audience_ref AND {} AND {}))))) \
         ORDER BY c.seq LIMIT ?4",
        notify::delivered_to("?2"),
        notify::shown("?3"),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![after, reader.seq, reader.team, limit], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            r.get::<_, String>(1)?,
            r.get::<_, Option<String>>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, Option<String>>(4)?,
            r.get::<_, Option<String>>(5)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (seq, kind, idea_id, comment_id, member_id, key) = row?;
        let kind = ChangeKind::parse(&kind)?;
        out.push(change_of(
            seq, kind, idea_id, comment_id, member_id, key, reader.id,
        ));
    }
    Ok(out)
}

/// The change a reader is told of, from an entry's joined public ids: the entity
/// its kind names, and its idea.
fn change_of(
    seq: i64,
    kind: ChangeKind,
    idea_id: Option<String>,
    comment_id: Option<String>,
    member_id: Option<String>,
    key: Option<String>,
    reader_id: Option<&str>,
) -> Change {
    let id = match kind {
        ChangeKind::Idea => idea_id.clone(),
        ChangeKind::Comment => comment_id,
        ChangeKind::Report => comment_id.or_else(|| idea_id.clone()),
        ChangeKind::Member => member_id,
        ChangeKind::Category => key,
        // Only ever the reader's own (their audience is one member).
        ChangeKind::Standing | ChangeKind::Notification => reader_id.map(str::to_string),
        ChangeKind::Settings | ChangeKind::Audit | ChangeKind::Board => None,
    };
    let idea_id = match kind {
        ChangeKind::Idea => None,
        _ => idea_id,
    };
    Change {
        seq,
        kind,
        id,
        idea_id,
    }
}

/// Who may learn of a [`SharedRow`]: its [`Audience`] with what the board said of
/// its entity when the row was read, so each reader's share is decided in memory
/// ([`SharedRow::change_for`]) but for votes and notices, asked per reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Seen {
    Everyone,
    Team,
    /// The team; and everyone else when `true` (the entity was visible to fans).
    Open(bool),
    Member(i64),
    /// The members holding a vote on the idea (by number).
    Voters(i64),
    /// The members the notice (by seq) was delivered to; fans only when `shown`.
    Notice {
        seq: i64,
        shown: bool,
    },
}

/// One feed entry as read once for every reader (a server's live streams): its
/// public ids and who may see it. Same rules as [`visible_after`], same snapshot
/// for every reader.
#[derive(Debug, Clone)]
pub(crate) struct SharedRow {
    seq: i64,
    kind: ChangeKind,
    idea_id: Option<String>,
    comment_id: Option<String>,
    member_id: Option<String>,
    key: Option<String>,
    seen: Seen,
}

impl SharedRow {
    pub(crate) fn seq(&self) -> i64 {
        self.seq
    }

    /// The change as `reader` is told of it, or None when they may not know of it.
    /// Asks the board (at `conn`) only for vote and notice audiences.
    pub(crate) fn change_for(
        &self,
        conn: &Connection,
        reader: &Reader<'_>,
    ) -> Result<Option<Change>> {
        let may = match self.seen {
            Seen::Everyone => true,
            Seen::Team => reader.team,
            Seen::Open(open) => reader.team || open,
            Seen::Member(seq) => reader.seq == Some(seq),
            Seen::Voters(idea_no) => match reader.seq {
                Some(member) => holds_vote(conn, idea_no, member)?,
                None => false,
            },
            Seen::Notice { seq, shown } => match reader.seq {
                Some(member) => (reader.team || shown) && delivered(conn, seq, member)?,
                None => false,
            },
        };
        Ok(may.then(|| {
            change_of(
                self.seq,
                self.kind,
                self.idea_id.clone(),
                self.comment_id.clone(),
                self.member_id.clone(),
                self.key.clone(),
                reader.id,
            )
        }))
    }
}

/// Every entry after `after` (but reset points), oldest first, at most `limit`, with
/// what decides who may see each: the read a server makes once for all its streams.
pub(crate) fn shared_after(conn: &Connection, after: i64, limit: u32) -> Result<Vec<SharedRow>> {
    let sql = format!(
        "SELECT c.seq, c.kind, i.id, cm.id, m.id, c.key, c.audience, c.audience_ref, c.idea_no, \
           coalesce(i.hidden, 0) = 0, \
           coalesce(i.hidden, 0) = 0 AND coalesce(c.comment_seq IS NULL \
               OR (cm.kind <> 'internal' AND cm.hidden_at IS NULL), 0), \
           c.audience = 'notice' AND EXISTS (SELECT 1 FROM notices d \
               WHERE d.seq = c.audience_ref AND {}) \
         FROM changes c \
         LEFT JOIN comments cm ON cm.seq = c.comment_seq \
         LEFT JOIN ideas i ON i.number = coalesce(c.idea_no, cm.idea_no) \
         LEFT JOIN members m ON m.seq = c.member_seq \
         WHERE c.seq > ?1 AND c.kind <> 'board' \
         ORDER BY c.seq LIMIT ?2",
        notify::shown("0"),
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params![after, limit], |r| {
        Ok((
            (
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, Option<String>>(5)?,
            ),
            (
                r.get::<_, String>(6)?,
                r.get::<_, Option<i64>>(7)?,
                r.get::<_, Option<i64>>(8)?,
                r.get::<_, bool>(9)?,
                r.get::<_, bool>(10)?,
                r.get::<_, bool>(11)?,
            ),
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let ((seq, kind, idea_id, comment_id, member_id, key), audience) = row?;
        let (audience, reference, idea_no, idea_open, entity_open, shown) = audience;
        let refers = |what: &str| {
            reference.ok_or_else(|| {
                crate::Error::Internal(format!("change {seq}: {what} without a reference"))
            })
        };
        let seen = match audience.as_str() {
            "everyone" => Seen::Everyone,
            "team" => Seen::Team,
            "entity" => Seen::Open(entity_open),
            "idea" => Seen::Open(idea_open),
            "member" => Seen::Member(refers("a member audience")?),
            "voters" => Seen::Voters(idea_no.ok_or_else(|| {
                crate::Error::Internal(format!("change {seq}: voters without an idea"))
            })?),
            "notice" => Seen::Notice {
                seq: refers("a notice audience")?,
                shown,
            },
            other => {
                return Err(crate::Error::Internal(format!(
                    "change {seq}: unknown audience {other:?}"
                )));
            }
        };
        out.push(SharedRow {
            seq,
            kind: ChangeKind::parse(&kind)?,
            idea_id,
            comment_id,
            member_id,
            key,
            seen,
        });
    }
    Ok(out)
}

/// Whether the member holds a vote on the idea now.
fn holds_vote(conn: &Connection, idea_no: i64, member_seq: i64) -> Result<bool> {
    Ok(conn
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM votes v WHERE v.idea_no = ?1 AND v.member_seq = ?2)",
        )?
        .query_row(params![idea_no, member_seq], |r| r.get(0))?)
}

/// Whether the notice was delivered to the member, by the notification centre's rule.
fn delivered(conn: &Connection, notice_seq: i64, member_seq: i64) -> Result<bool> {
    let sql = format!(
        "SELECT EXISTS (SELECT 1 FROM notices d WHERE d.seq = ?1 AND {})",
        notify::delivered_to("?2"),
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(params![notice_seq, member_seq], |r| r.get(0))?)
}

/// Makes the board at `conn` a reset point for every follower: a board entry with a
/// seq past both its own newest and `at_least` (the newest of the file it replaces),
/// so no follower's seq from before can look current.
pub(super) fn mark_reset(conn: &Connection, at_least: i64, now: Timestamp) -> Result<()> {
    let seq = latest(conn)?.max(at_least) + 1;
    insert(conn, Some(seq), &Entry::board(), now)
}

/// The newest seq of the board file at `path`, if it can be read (a board from
/// before the feed has none: 0). Reads only.
pub(super) fn latest_in_file(path: &Path) -> Option<i64> {
    let conn = Connection::open_with_flags(
        path,
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )
    .ok()?;
    let has_feed: bool = conn
        .query_row(
            "SELECT count(*) > 0 FROM sqlite_schema WHERE type = 'table' AND name = 'changes'",
            [],
            |r| r.get(0),
        )
        .ok()?;
    if !has_feed {
        return Some(0);
    }
    latest(&conn).ok()
}

/// Drops the changes older than [`RETENTION_DAYS`] before `now`, and all but the
/// newest [`MAX_KEPT`]; always keeps the newest (see `Board::prune_changes`).
pub(crate) fn prune(conn: &Connection, now: Timestamp) -> Result<usize> {
    let cutoff = now.millis() - RETENTION_DAYS * Timestamp::MS_PER_DAY;
    // A prefix only, so the feed stays complete after its horizon. The first
    // recent entry is found from the front: the scan is what is deleted.
    let removed = conn
        .prepare_cached(
            "WITH newest(seq) AS (SELECT max(seq) FROM changes) \
         DELETE FROM changes WHERE seq < (SELECT min(newest.seq, max( \
             coalesce((SELECT c.seq FROM changes c WHERE c.at >= ?1 ORDER BY c.seq LIMIT 1), \
                      newest.seq), \
             newest.seq + 1 - ?2)) FROM newest)",
        )?
        .execute(params![cutoff, MAX_KEPT])?;
    Ok(removed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::Board;

    fn fill(board: &Board, n: i64, at: i64) {
        board
            .conn
            .prepare_cached(
                "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?1) \
                 INSERT INTO changes (kind, audience, at) SELECT 'settings', 'everyone', ?2 FROM k",
            )
            .unwrap()
            .execute(params![n, at])
            .unwrap();
    }

    #[test]
    fn pruning_keeps_at_most_max_kept_entries_however_recent() {
        let now = Timestamp::from_millis(1_790_000_000_000);
        let board = Board::open_in_memory("Prune", now).unwrap();
        fill(&board, MAX_KEPT + 10, now.millis());
        assert_eq!(board.prune_changes(now).unwrap(), 10);
        let conn = &board.conn;
        let kept: i64 = conn
            .query_row("SELECT count(*) FROM changes", [], |r| r.get(0))
            .unwrap();
        assert_eq!(kept, MAX_KEPT);
        assert_eq!(horizon(conn).unwrap(), 10);
        assert_eq!(latest(conn).unwrap(), MAX_KEPT + 10);
    }

    #[test]
    fn the_horizon_and_the_newest_seq_are_index_look_ups() {
        let now = Timestamp::from_millis(1_790_000_000_000);
        let board = Board::open_in_memory("Plans", now).unwrap();
        let plan = |sql: &str| -> String {
            let mut stmt = board
                .conn
                .prepare(&format!("EXPLAIN QUERY PLAN {sql}"))
                .unwrap();
            let rows = stmt.query_map([], |r| r.get::<_, String>(3)).unwrap();
            rows.map(|r| r.unwrap()).collect::<Vec<_>>().join("; ")
        };
        let resets = plan("SELECT max(seq) FROM changes WHERE kind = 'board'");
        assert!(resets.contains("changes_resets"), "{resets}");
        let newest = plan("SELECT coalesce(max(seq), 0) FROM changes");
        assert!(!newest.contains("SCAN"), "{newest}");
    }
}
