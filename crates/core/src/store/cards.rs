//! SQL of idea cards ([`IdeaSummary`]): the columns every list, search page, roadmap
//! and inbox shows, read for the few ideas a page holds, with the viewer's own vote.

use rusqlite::types::Value;
use rusqlite::{Connection, Row, params_from_iter};

use crate::clock::Timestamp;
use crate::model::{Category, IdeaStatus, IdeaSummary, MemberRef, Priority, Role};
use crate::{Error, Result};

/// Cards for the ideas selected by `inner` (a SELECT * FROM ideas ...), in `order`.
pub(crate) fn summaries(
    conn: &Connection,
    inner: &str,
    mut args: Vec<Value>,
    order: &str,
    viewer_seq: Option<i64>,
) -> Result<Vec<IdeaSummary>> {
    args.push(viewer_seq.map_or(Value::Null, Value::Integer));
    let viewer_arg = args.len();
    let order_outer = order
        .split(", ")
        .map(|part| format!("i.{part}"))
        .collect::<Vec<_>>()
        .join(", ");
    let sql = format!(
        "SELECT i.number, i.id, i.title, i.excerpt, i.status, i.created_at, i.updated_at, i.vote_count, \
                i.comment_count, i.pinned, i.hidden, i.merged_into, m.id, m.display_name, m.role, \
                c.slug, c.name, c.name_en, \
                (SELECT group_concat(name, char(31)) FROM (SELECT t.name FROM idea_tags it JOIN tags t ON t.seq = it.tag_seq WHERE it.idea_no = i.number ORDER BY t.name)), \
                (SELECT v.priority FROM votes v WHERE v.idea_no = i.number AND v.member_seq = ?{viewer_arg}) \
         FROM ({inner}) AS i \
         JOIN members m ON m.seq = i.author_seq \
         LEFT JOIN categories c ON c.seq = i.category_seq \
         ORDER BY {order_outer}"
    );
    let mut stmt = conn.prepare_cached(&sql)?;
    let rows = stmt.query_map(params_from_iter(args), summary_row)?;
    rows.map(|r| r.map_err(Error::from).and_then(finish_summary))
        .collect()
}

type RawSummary = (IdeaSummary, String, String, Option<String>);

fn summary_row(r: &Row<'_>) -> rusqlite::Result<RawSummary> {
    let slug: Option<String> = r.get(15)?;
    let category = match slug {
        Some(slug) => Some(Category {
            slug,
            name: r.get(16)?,
            name_en: r.get(17)?,
        }),
        None => None,
    };
    let tags: Option<String> = r.get(18)?;
    let summary = IdeaSummary {
        number: r.get(0)?,
        id: r.get(1)?,
        title: r.get(2)?,
        excerpt: r.get(3)?,
        status: IdeaStatus::New,
        created_at: Timestamp::from_millis(r.get(5)?),
        updated_at: Timestamp::from_millis(r.get(6)?),
        vote_count: r.get(7)?,
        comment_count: r.get(8)?,
        pinned: r.get(9)?,
        hidden: r.get(10)?,
        merged_into: r.get(11)?,
        author: MemberRef {
            id: r.get(12)?,
            display_name: r.get(13)?,
            role: Role::Fan,
        },
        category,
        tags: tags
            .map(|t| t.split('\u{1f}').map(str::to_string).collect())
            .unwrap_or_default(),
        my_vote: None,
    };
    Ok((summary, r.get(4)?, r.get(14)?, r.get(19)?))
}

fn finish_summary((mut s, status, role, my_vote): RawSummary) -> Result<IdeaSummary> {
    s.status = IdeaStatus::parse(&status)?;
    s.author.role = Role::parse(&role)?;
    s.my_vote = my_vote.as_deref().map(Priority::parse).transpose()?;
    Ok(s)
}

/// The card of one idea.
pub(crate) fn summary(
    conn: &Connection,
    number: i64,
    viewer_seq: Option<i64>,
) -> Result<IdeaSummary> {
    let mut found = summaries(
        conn,
        "SELECT * FROM ideas WHERE number = ?1",
        vec![Value::Integer(number)],
        "number DESC",
        viewer_seq,
    )?;
    found.pop().ok_or(Error::NotFound { what: "idea" })
}
