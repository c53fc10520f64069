//! SQL of the tabular exports (CSV, XLSX, the Markdown report): the filter as SQL
//! and row iterators that hand each row to a callback as SQLite yields it, so an
//! export of any size holds one row at a time.

use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

use crate::Result;
use crate::clock::Timestamp;

/// The ideas an export covers, resolved to store terms.
#[derive(Debug, Clone, Default)]
pub(crate) struct IdeaScope {
    pub statuses: Vec<String>,
    pub category_seq: Option<i64>,
    /// `Some(None)`: a tag the board does not have, which matches nothing.
    pub tag_seq: Option<Option<i64>>,
    pub created_from: Option<i64>,
    pub created_to: Option<i64>,
    pub min_votes: Option<i64>,
    pub include_merged: bool,
    pub include_hidden: bool,
}

impl IdeaScope {
    /// The WHERE terms over `ideas i`, and their arguments.
    pub(crate) fn clause(&self) -> (String, Vec<Value>) {
        let mut terms = vec!["1".to_string()];
        let mut args = Vec::new();
        let arg = |v: Value, args: &mut Vec<Value>| {
            args.push(v);
            format!("?{}", args.len())
        };
        if !self.include_hidden {
            terms.push("i.hidden = 0".into());
        }
        if !self.include_merged {
            terms.push("i.status <> 'merged'".into());
        }
        if !self.statuses.is_empty() {
            let list: Vec<String> = self
                .statuses
                .iter()
                .map(|s| arg(Value::Text(s.clone()), &mut args))
                .collect();
            terms.push(format!("i.status IN ({})", list.join(", ")));
        }
        if let Some(seq) = self.category_seq {
            terms.push(format!(
                "i.category_seq = {}",
                arg(Value::Integer(seq), &mut args)
            ));
        }
        match self.tag_seq {
            Some(Some(seq)) => terms.push(format!(
                "i.number IN (SELECT idea_no FROM idea_tags WHERE tag_seq = {})",
                arg(Value::Integer(seq), &mut args)
            )),
            Some(None) => terms.push("0".into()),
            None => {}
        }
        if let Some(ms) = self.created_from {
            terms.push(format!(
                "i.created_at >= {}",
                arg(Value::Integer(ms), &mut args)
            ));
        }
        if let Some(ms) = self.created_to {
            terms.push(format!(
                "i.created_at < {}",
                arg(Value::Integer(ms), &mut args)
            ));
        }
        if let Some(n) = self.min_votes {
            terms.push(format!(
                "i.vote_count >= {}",
                arg(Value::Integer(n), &mut args)
            ));
        }
        (terms.join(" AND "), args)
    }
}

/// One idea as the tabular exports show it.
#[derive(Debug, Clone)]
pub(crate) struct IdeaLine {
    pub number: i64,
    pub id: String,
    pub title: String,
    /// Markdown source; the export turns it into plain text.
    pub body: String,
    pub category: Option<String>,
    pub tags: String,
    pub status: String,
    pub votes: i64,
    pub nice_to_have: i64,
    pub important: i64,
    pub critical: i64,
    pub comments: i64,
    pub author: String,
    pub created_at: Timestamp,
    pub last_change: Option<Timestamp>,
    /// The latest official answer (a status note or an official comment), Markdown.
    pub answer: Option<String>,
    pub merged_into: Option<i64>,
}

/// The order ideas are read in.
#[derive(Debug, Clone, Copy)]
pub(crate) enum IdeaOrder {
    Number,
    /// By category (in the board's order, none last), then most votes first.
    CategoryThenVotes,
}

impl IdeaOrder {
    fn sql(self) -> &'static str {
        match self {
            IdeaOrder::Number => "i.number",
            IdeaOrder::CategoryThenVotes => {
                "c.position IS NULL, c.position, c.seq, i.vote_count DESC, i.vote_weight DESC, i.number"
            }
        }
    }
}

/// How many ideas the scope holds (for progress).
pub(crate) fn count_ideas(conn: &Connection, scope: &IdeaScope) -> Result<u64> {
    let (clause, args) = scope.clause();
    let sql = format!("SELECT count(*) FROM ideas i WHERE {clause}");
    Ok(conn.query_row(&sql, params_from_iter(args), |r| r.get::<_, i64>(0))? as u64)
}

/// Calls `f` with every idea of the scope in number order; `f` returns false to stop.
pub(crate) fn each_idea(
    conn: &Connection,
    scope: &IdeaScope,
    order: IdeaOrder,
    mut f: impl FnMut(IdeaLine) -> Result<bool>,
) -> Result<()> {
    let (clause, args) = scope.clause();
    // Votes by priority from the stored counters and one count: weight - count is
    // important + 2 * critical.
    let sql = format!(
        "SELECT i.number, i.id, i.title, i.body, c.name, \
           (SELECT group_concat(t.name, ', ' ORDER BY t.name) FROM idea_tags it JOIN tags t ON t.seq = it.tag_seq WHERE it.idea_no = i.number), \
           i.status, i.vote_count, i.vote_weight, \
           (SELECT count(*) FROM votes v WHERE v.idea_no = i.number AND v.priority = 'critical'), \
           i.comment_count, m.display_name, i.created_at, \
           (SELECT max(s.at) FROM status_changes s WHERE s.idea_no = i.number), \
           (SELECT text FROM (SELECT s.note AS text, s.at AS at, s.seq AS k FROM status_changes s WHERE s.idea_no = i.number AND s.note IS NOT NULL \
              UNION ALL SELECT o.body, o.created_at, o.seq FROM comments o WHERE o.idea_no = i.number AND o.kind = 'official' AND o.deleted_at IS NULL) \
            ORDER BY at DESC, k DESC LIMIT 1), \
           i.merged_into \
         FROM ideas i JOIN members m ON m.seq = i.author_seq LEFT JOIN categories c ON c.seq = i.category_seq \
         WHERE {clause} ORDER BY {}",
        order.sql()
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        if !f(idea_line(r)?)? {
            break;
        }
    }
    Ok(())
}

fn idea_line(r: &Row<'_>) -> rusqlite::Result<IdeaLine> {
    let votes: i64 = r.get(7)?;
    let weight: i64 = r.get(8)?;
    let critical: i64 = r.get(9)?;
    let important = weight - votes - 2 * critical;
    Ok(IdeaLine {
        number: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        body: r.get(3)?,
        category: r.get(4)?,
        tags: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
        status: r.get(6)?,
        votes,
        nice_to_have: votes - important - critical,
        important,
        critical,
        comments: r.get(10)?,
        author: r.get(11)?,
        created_at: Timestamp::from_millis(r.get(12)?),
        last_change: r.get::<_, Option<i64>>(13)?.map(Timestamp::from_millis),
        answer: r.get(14)?,
        merged_into: r.get(15)?,
    })
}

/// A vote of an idea in scope.
pub(crate) struct VoteLine {
    pub idea: i64,
    pub member: String,
    pub priority: String,
    pub at: Timestamp,
}

/// Calls `f` with every vote of the ideas in scope.
pub(crate) fn each_vote(
    conn: &Connection,
    scope: &IdeaScope,
    mut f: impl FnMut(VoteLine) -> Result<bool>,
) -> Result<()> {
    let (clause, args) = scope.clause();
    let sql = format!(
        "SELECT v.idea_no, m.display_name, v.priority, v.created_at FROM votes v \
         JOIN members m ON m.seq = v.member_seq \
         WHERE v.idea_no IN (SELECT i.number FROM ideas i WHERE {clause}) ORDER BY v.idea_no, v.member_seq"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let line = VoteLine {
            idea: r.get(0)?,
            member: r.get(1)?,
            priority: r.get(2)?,
            at: Timestamp::from_millis(r.get(3)?),
        };
        if !f(line)? {
            break;
        }
    }
    Ok(())
}

/// A comment of an idea in scope (never a deleted one).
pub(crate) struct CommentLine {
    pub idea: i64,
    pub id: String,
    pub parent: Option<String>,
    pub author: String,
    pub kind: String,
    pub body: String,
    pub at: Timestamp,
    pub edited: Option<Timestamp>,
}

/// Calls `f` with every comment of the ideas in scope; internal notes only when
/// `internal`.
pub(crate) fn each_comment(
    conn: &Connection,
    scope: &IdeaScope,
    internal: bool,
    mut f: impl FnMut(CommentLine) -> Result<bool>,
) -> Result<()> {
    let (clause, args) = scope.clause();
    let kinds = if internal {
        "1"
    } else {
        "c.kind <> 'internal'"
    };
    let sql = format!(
        "SELECT c.idea_no, c.id, p.id, m.display_name, c.kind, c.body, c.created_at, c.edited_at FROM comments c \
         JOIN members m ON m.seq = c.author_seq LEFT JOIN comments p ON p.seq = c.parent_seq \
         WHERE c.deleted_at IS NULL AND c.hidden_at IS NULL AND {kinds} AND c.idea_no IN (SELECT i.number FROM ideas i WHERE {clause}) \
         ORDER BY c.idea_no, c.seq"
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let line = CommentLine {
            idea: r.get(0)?,
            id: r.get(1)?,
            parent: r.get(2)?,
            author: r.get(3)?,
            kind: r.get(4)?,
            body: r.get(5)?,
            at: Timestamp::from_millis(r.get(6)?),
            edited: r.get::<_, Option<i64>>(7)?.map(Timestamp::from_millis),
        };
        if !f(line)? {
            break;
        }
    }
    Ok(())
}

/// A status change of an idea in scope.
pub(crate) struct ChangeLine {
    pub idea: i64,
    pub title: String,
    pub from: Option<String>,
    pub to: String,
    pub actor: String,
    pub note: Option<String>,
    pub at: Timestamp,
    /// The idea's author and its votes now, for credits.
    pub author: String,
    pub votes: i64,
}

/// Calls `f` with the status changes of the ideas in scope made in `[from, to)`,
/// oldest first (pass `i64::MIN..i64::MAX` for all).
pub(crate) fn each_change(
    conn: &Connection,
    scope: &IdeaScope,
    (from, to): (i64, i64),
    mut f: impl FnMut(ChangeLine) -> Result<bool>,
) -> Result<()> {
    let (clause, mut args) = scope.clause();
    args.push(Value::Integer(from));
    args.push(Value::Integer(to));
    let n = args.len();
    let sql = format!(
        "SELECT s.idea_no, i.title, s.from_status, s.to_status, m.display_name, s.note, s.at, a.display_name, i.vote_count \
         FROM status_changes s JOIN ideas i ON i.number = s.idea_no JOIN members m ON m.seq = s.actor_seq \
         JOIN members a ON a.seq = i.author_seq \
         WHERE {clause} AND s.at >= ?{} AND s.at < ?{n} ORDER BY s.idea_no, s.seq",
        n - 1
    );
    let mut stmt = conn.prepare(&sql)?;
    let mut rows = stmt.query(params_from_iter(args))?;
    while let Some(r) = rows.next()? {
        let line = ChangeLine {
            idea: r.get(0)?,
            title: r.get(1)?,
            from: r.get(2)?,
            to: r.get(3)?,
            actor: r.get(4)?,
            note: r.get(5)?,
            at: Timestamp::from_millis(r.get(6)?),
            author: r.get(7)?,
            votes: r.get(8)?,
        };
        if !f(line)? {
            break;
        }
    }
    Ok(())
}
