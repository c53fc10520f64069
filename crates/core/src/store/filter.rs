//! Which ideas a query covers, as SQL: the visibility of fan-facing lists, the open
//! and triage statuses, and the list filter that the idea list, search and the
//! roadmap share. Each vocabulary is built here once from the model's own lists
//! ([`IdeaStatus::OPEN`], [`IdeaStatus::IN_TRIAGE`]); every query that needs it names
//! it, so a status list cannot drift between the vote budget, the unanswered-ideas
//! view, duplicate detection and the enum.
//!
//! The fragments are built once per process and live for it (`&'static str`), so a
//! query that uses one is the same text every time and SQLite's statement cache and
//! migration 7's partial indexes (written with this same text) keep matching.

use std::sync::LazyLock;

use rusqlite::types::Value;

use crate::model::IdeaStatus;

/// `('a', 'b')`: a list of statuses as an SQL list of text literals. The texts are
/// the enum's own, which hold no quote, so nothing needs escaping.
fn sql_list(statuses: &[IdeaStatus]) -> String {
    let quoted: Vec<String> = statuses
        .iter()
        .map(|s| format!("'{}'", s.as_str()))
        .collect();
    format!("({})", quoted.join(", "))
}

/// The open statuses (those that take votes, [`IdeaStatus::OPEN`]) as an SQL list:
/// `('new', 'under_review', 'planned', 'in_progress')`.
pub(crate) fn open_statuses() -> &'static str {
    static SQL: LazyLock<String> = LazyLock::new(|| sql_list(IdeaStatus::OPEN));
    &SQL
}

/// The statuses of the team's triage inbox ([`IdeaStatus::IN_TRIAGE`]) as an SQL
/// list: `('new', 'under_review')` (migration 7's `ideas_triage`).
pub(crate) fn triage_statuses() -> &'static str {
    static SQL: LazyLock<String> = LazyLock::new(|| sql_list(IdeaStatus::IN_TRIAGE));
    &SQL
}

/// A query built once around one of the fragments above: `LazyLock::new(|| format!(..))`
/// made `&'static str`, for the hot paths that used to be `concat!`ed constants.
macro_rules! static_sql {
    ($($arg:tt)+) => {{
        static SQL: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| format!($($arg)+));
        SQL.as_str()
    }};
}
pub(crate) use static_sql;

/// The visibility of a fan-facing list; must match the partial indexes of migration 2.
pub(crate) const LISTED: &str = "hidden = 0 AND status <> 'merged'";

/// Resolved filters of a list, in store terms.
#[derive(Debug, Default)]
pub(crate) struct ListFilter {
    pub category_seq: Option<i64>,
    pub status: Option<IdeaStatus>,
    pub tag_seq: Option<i64>,
    pub author_seq: Option<i64>,
    pub voted_by_seq: Option<i64>,
    pub include_hidden: bool,
    /// A tag that does not exist matches nothing.
    pub matches_nothing: bool,
}

impl ListFilter {
    /// Whether it selects by visibility alone (no category, status, tag or member).
    pub(crate) fn is_visibility_only(&self) -> bool {
        self.category_seq.is_none()
            && self.status.is_none()
            && self.tag_seq.is_none()
            && self.author_seq.is_none()
            && self.voted_by_seq.is_none()
    }

    /// Appends the WHERE terms over `ideas` (and their arguments, numbered after
    /// those already in `args`); the idea list, search and the roadmap share them.
    pub(crate) fn push_clauses(&self, clauses: &mut Vec<String>, args: &mut Vec<Value>) {
        if !self.include_hidden {
            clauses.push(LISTED.to_string());
        }
        if let Some(seq) = self.category_seq {
            args.push(Value::Integer(seq));
            clauses.push(format!("category_seq = ?{}", args.len()));
        }
        if let Some(status) = self.status {
            args.push(Value::Text(status.as_str().to_string()));
            clauses.push(format!("status = ?{}", args.len()));
        }
        if let Some(seq) = self.tag_seq {
            args.push(Value::Integer(seq));
            clauses.push(format!(
                "number IN (SELECT idea_no FROM idea_tags WHERE tag_seq = ?{})",
                args.len()
            ));
        }
        if let Some(seq) = self.author_seq {
            args.push(Value::Integer(seq));
            clauses.push(format!("author_seq = ?{}", args.len()));
        }
        if let Some(seq) = self.voted_by_seq {
            args.push(Value::Integer(seq));
            clauses.push(format!(
                "number IN (SELECT idea_no FROM votes WHERE member_seq = ?{})",
                args.len()
            ));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_lists_are_the_enums_own() {
        assert_eq!(
            open_statuses(),
            "('new', 'under_review', 'planned', 'in_progress')"
        );
        assert_eq!(triage_statuses(), "('new', 'under_review')");
        assert!(LISTED.contains(IdeaStatus::Merged.as_str()));
    }

    /// The partial indexes serve a query only while its WHERE terms are the index's
    /// own: the append-only migration must keep spelling the lists the enum builds.
    #[test]
    fn migration_7_indexes_spell_the_same_lists() {
        let sql = include_str!("migrations/0007_team.sql");
        assert!(sql.contains(&format!("status IN {}", open_statuses())));
        assert!(sql.contains(&format!("status IN {}", triage_statuses())));
    }
}
