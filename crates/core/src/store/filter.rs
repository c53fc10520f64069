//! Which ideas a query covers, as SQL: the visibility of fan-facing lists, the open
//! and triage statuses, and the list filter that the idea list, search and the
//! roadmap share. Each vocabulary is written here once; every query that needs it
//! names it, so a status list cannot drift between the vote budget, the
//! unanswered-ideas view and duplicate detection.
//!
//! The status lists are macros expanding to string literals, so that queries
//! built with `concat!` stay `&'static str` (and prepared once); the tests below
//! hold each list to [`IdeaStatus`]'s own rules.

use rusqlite::types::Value;

use crate::model::IdeaStatus;

/// The open statuses (those that take votes, [`IdeaStatus::is_open`]) as an SQL
/// list: `('new', 'under_review', 'planned', 'in_progress')`. Migration 7's
/// partial indexes (`ideas_unanswered`) were written with this same text.
macro_rules! open_statuses {
    () => {
        "('new', 'under_review', 'planned', 'in_progress')"
    };
}
pub(crate) use open_statuses;

/// The statuses of the team's triage inbox as an SQL list: new and under review
/// (migration 7's `ideas_triage`).
macro_rules! triage_statuses {
    () => {
        "('new', 'under_review')"
    };
}
pub(crate) use triage_statuses;

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

    fn sql_list(statuses: impl Iterator<Item = IdeaStatus>) -> String {
        let quoted: Vec<String> = statuses.map(|s| format!("'{}'", s.as_str())).collect();
        format!("({})", quoted.join(", "))
    }

    #[test]
    fn the_status_lists_are_the_enums_own() {
        let open = IdeaStatus::ALL.iter().copied().filter(|s| s.is_open());
        assert_eq!(open_statuses!(), sql_list(open));
        let triage = [IdeaStatus::New, IdeaStatus::UnderReview].into_iter();
        assert_eq!(triage_statuses!(), sql_list(triage));
        assert!(LISTED.contains(IdeaStatus::Merged.as_str()));
    }
}
