//! SQL of the team's triage inbox: new and under-review ideas fans can see, most
//! supported first, as a scan of migration 7's `ideas_triage` partial index (the
//! WHERE terms below must match it exactly).

use rusqlite::Connection;
use rusqlite::types::Value;

use super::filter::{static_sql, triage_statuses};
use crate::Result;
use crate::model::{IdeaStatus, IdeaSummary};

/// The inbox's visibility; must match `ideas_triage`.
fn in_triage() -> &'static str {
    static_sql!("hidden = 0 AND status IN {}", triage_statuses())
}
/// Most votes first, then most weight; at equal support the one waiting longest.
const ORDER: &str = "vote_count DESC, vote_weight DESC, number";

fn status_clause(status: Option<IdeaStatus>, args: &mut Vec<Value>) -> String {
    match status {
        Some(s) => {
            args.push(Value::Text(s.as_str().to_string()));
            format!(" AND status = ?{}", args.len())
        }
        None => String::new(),
    }
}

/// One page of the inbox's cards.
pub(crate) fn page(
    conn: &Connection,
    status: Option<IdeaStatus>,
    viewer_seq: Option<i64>,
    offset: u32,
    limit: u32,
) -> Result<Vec<IdeaSummary>> {
    let mut args = Vec::new();
    let only = status_clause(status, &mut args);
    args.push(Value::Integer(i64::from(limit)));
    let limit_arg = args.len();
    args.push(Value::Integer(i64::from(offset)));
    let offset_arg = args.len();
    let in_triage = in_triage();
    let inner = format!(
        "SELECT * FROM ideas INDEXED BY ideas_triage WHERE {in_triage}{only} \
         ORDER BY {ORDER} LIMIT ?{limit_arg} OFFSET ?{offset_arg}"
    );
    super::cards::summaries(conn, &inner, args, ORDER, viewer_seq)
}

/// Ideas in the inbox with at least `threshold` votes.
pub(crate) fn count_past(
    conn: &Connection,
    status: Option<IdeaStatus>,
    threshold: u32,
) -> Result<i64> {
    let mut args = vec![Value::Integer(i64::from(threshold))];
    let only = status_clause(status, &mut args);
    let in_triage = in_triage();
    let sql = format!(
        "SELECT count(*) FROM ideas INDEXED BY ideas_triage WHERE {in_triage}{only} AND vote_count >= ?1"
    );
    Ok(conn
        .prepare_cached(&sql)?
        .query_row(rusqlite::params_from_iter(args), |r| r.get(0))?)
}
