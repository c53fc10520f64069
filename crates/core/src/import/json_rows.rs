//! The checks and inserts of a JSON bundle's idea-keyed and history records
//! (votes to the audit log), each checked against the ids read before it.

use rusqlite::params;

use super::json::Restorer;
use crate::Result;
use crate::model::bundle::*;
use crate::model::{
    CommentKind, IdeaStatus, NotificationKind, PointsReason, Priority, Reaction, ReportOutcome,
};
use crate::render::markdown_to_safe_html;

/// The largest points delta a bundle may hold, either way. No reason grants more
/// than 100; the bound keeps every sum of deltas (a member's points, the team's
/// analytics) far from overflowing, where SQLite's sum() fails outright.
const MAX_POINTS_DELTA: i64 = 1_000_000;

impl Restorer<'_> {
    pub(super) fn add_vote(&mut self, i: usize, v: VoteRecord) -> Result<()> {
        const T: &str = "votes";
        self.idea(T, i, v.idea);
        let member = self.member(T, i, &v.member);
        let priority = Priority::parse(&v.priority).map(|_| ());
        self.check(T, i, priority);
        let at = self.time(T, i, &v.created_at);
        if self.writing() {
            let done = self
                .ins
                .vote
                .execute(params![v.idea, member, v.priority, at]);
            self.insert(T, i, done)?;
            self.report.votes += 1;
        }
        Ok(())
    }

    pub(super) fn add_comment(&mut self, i: usize, c: CommentRecord) -> Result<()> {
        const T: &str = "comments";
        let uuid = crate::ids::parse_id(&c.id);
        self.idea(T, i, c.idea);
        let author = self.member(T, i, &c.author);
        let kind = CommentKind::parse(&c.kind).map(|_| ());
        self.check(T, i, kind);
        let created = self.time(T, i, &c.created_at);
        let edited = c.edited_at.as_deref().map(|t| self.time(T, i, t));
        let deleted = c.deleted_at.as_deref().map(|t| self.time(T, i, t));
        let hidden = c.hidden_at.as_deref().map(|t| self.time(T, i, t));
        let hidden_by = c.hidden_by.as_deref().map(|m| self.member(T, i, m));
        let removed_by = c.removed_by.as_deref().map(|m| self.member(T, i, m));
        let parent = match &c.parent {
            Some(parent) => match self.comment(T, i, parent) {
                Some((seq, idea)) if idea == c.idea => Some(seq),
                Some(_) => {
                    self.bad(
                        T,
                        i,
                        format!("reply to {parent}, a comment on another idea"),
                    );
                    None
                }
                None => None,
            },
            None => None,
        };
        let uuid = match uuid {
            Ok(uuid) if !self.comments.contains_key(&uuid.as_u128()) => uuid,
            _ => {
                self.bad(
                    T,
                    i,
                    format!("comment id {} is not valid or appears twice", c.id),
                );
                return Ok(());
            }
        };
        let key = uuid.as_u128();
        let mut seq = 0;
        if self.writing() {
            // Stored in the app's form of an id, as for members.
            let done = self.ins.comment.execute(params![
                uuid.to_string(),
                c.idea,
                parent,
                author,
                c.kind,
                c.body,
                markdown_to_safe_html(&c.body),
                created,
                edited,
                deleted,
                hidden,
                hidden_by,
                removed_by
            ]);
            self.insert(T, i, done)?;
            seq = self.conn.last_insert_rowid();
            self.report.comments += 1;
        }
        self.comments.insert(key, (seq, c.idea));
        Ok(())
    }

    pub(super) fn add_reaction(&mut self, i: usize, r: ReactionRecord) -> Result<()> {
        const T: &str = "reactions";
        let comment = self.comment(T, i, &r.comment);
        let member = self.member(T, i, &r.member);
        let reaction = Reaction::parse(&r.reaction).map(|_| ());
        self.check(T, i, reaction);
        let at = self.time(T, i, &r.created_at);
        if let (true, Some((seq, _))) = (self.writing(), comment) {
            let done = self
                .ins
                .reaction
                .execute(params![seq, member, r.reaction, at]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_change(&mut self, i: usize, s: StatusChangeRecord) -> Result<()> {
        const T: &str = "statusChanges";
        self.idea(T, i, s.idea);
        let actor = self.member(T, i, &s.actor);
        for status in s.from.iter().chain([&s.to]) {
            let parsed = IdeaStatus::parse(status).map(|_| ());
            self.check(T, i, parsed);
        }
        // The submission: every other change has a `from`. The adoption recount
        // relies on it (an idea with no other change was never answered or
        // launched).
        if s.from.is_none() && s.to != IdeaStatus::New.as_str() {
            self.bad(
                T,
                i,
                format!(
                    "a change from nothing is the submission, to new, not to {}",
                    s.to
                ),
            );
        }
        let at = self.time(T, i, &s.at);
        if self.writing() {
            let html = s.note.as_deref().map(markdown_to_safe_html);
            let done = self
                .ins
                .change
                .execute(params![s.idea, s.from, s.to, actor, s.note, html, at]);
            self.insert(T, i, done)?;
            self.report.status_changes += 1;
        }
        Ok(())
    }

    pub(super) fn add_follow(&mut self, i: usize, f: FollowRecord) -> Result<()> {
        const T: &str = "follows";
        self.idea(T, i, f.idea);
        let member = self.member(T, i, &f.member);
        let since = self.time(T, i, &f.since);
        if self.writing() {
            let done = self
                .ins
                .follow
                .execute(params![f.idea, member, since, f.from_notice]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_past_follow(&mut self, i: usize, f: PastFollowRecord) -> Result<()> {
        const T: &str = "pastFollows";
        self.idea(T, i, f.idea);
        let member = self.member(T, i, &f.member);
        if self.writing() {
            let done =
                self.ins
                    .past_follow
                    .execute(params![member, f.idea, f.from_notice, f.to_notice]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_notice(&mut self, i: usize, n: NoticeRecord) -> Result<()> {
        const T: &str = "notices";
        if n.seq < 1 || !self.notices.insert(n.seq) {
            self.bad(
                T,
                i,
                format!("notice {} is not positive or appears twice", n.seq),
            );
        }
        let to = n.to_member.as_deref().map(|m| self.member(T, i, m));
        let actor = n.actor.as_deref().map(|m| self.member(T, i, m));
        let kind = NotificationKind::parse(&n.kind).map(|_| ());
        self.check(T, i, kind);
        self.idea(T, i, n.idea);
        let comment = n
            .comment
            .as_deref()
            .and_then(|c| self.comment(T, i, c))
            .map(|(seq, _)| seq);
        let at = self.time(T, i, &n.created_at);
        if self.writing() {
            let done = self.ins.notice.execute(params![
                n.seq, to, n.kind, n.idea, actor, n.status, comment, at
            ]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_notice_read(&mut self, i: usize, r: NoticeReadRecord) -> Result<()> {
        const T: &str = "noticeReads";
        let member = self.member(T, i, &r.member);
        if !self.notices.contains(&r.notice) {
            self.bad(T, i, format!("notice {} is not in the file", r.notice));
        }
        let at = self.time(T, i, &r.read_at);
        if self.writing() {
            let done = self.ins.notice_read.execute(params![member, r.notice, at]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_notice_mark(&mut self, i: usize, m: NoticeMarkRecord) -> Result<()> {
        const T: &str = "noticeMarks";
        let member = self.member(T, i, &m.member);
        let at = self.time(T, i, &m.marked_at);
        if self.writing() {
            let done = self
                .ins
                .notice_mark
                .execute(params![member, m.read_through, at]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_points(&mut self, i: usize, e: PointsRecord) -> Result<()> {
        const T: &str = "points";
        let member = self.member(T, i, &e.member);
        let reason = PointsReason::parse(&e.reason).map(|_| ());
        self.check(T, i, reason);
        if !(-MAX_POINTS_DELTA..=MAX_POINTS_DELTA).contains(&e.delta) {
            self.bad(
                T,
                i,
                format!("{} points at once is more than any reason grants", e.delta),
            );
        }
        if let Some(idea) = e.idea {
            self.idea(T, i, idea);
        }
        let at = self.time(T, i, &e.at);
        if self.writing() {
            let done = self
                .ins
                .points
                .execute(params![member, e.delta, e.reason, e.idea, at]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_audit(&mut self, i: usize, a: AuditRecord) -> Result<()> {
        const T: &str = "audit";
        let actor = self.member(T, i, &a.actor);
        let at = self.time(T, i, &a.at);
        if self.writing() {
            let done = self
                .ins
                .audit
                .execute(params![actor, a.action, a.target, a.detail, at]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }

    pub(super) fn add_report(&mut self, i: usize, r: ReportRecord) -> Result<()> {
        const T: &str = "reports";
        let member = self.member(T, i, &r.member);
        let comment = match (&r.idea, &r.comment) {
            (Some(idea), None) => {
                self.idea(T, i, *idea);
                None
            }
            (None, Some(comment)) => self.comment(T, i, comment).map(|(seq, _)| seq),
            _ => {
                self.bad(T, i, "a report is of an idea or of a comment".to_string());
                return Ok(());
            }
        };
        let outcome = r
            .outcome
            .as_deref()
            .map(ReportOutcome::parse)
            .transpose()
            .map(|_| ());
        self.check(T, i, outcome);
        if r.outcome.is_some() != r.resolved_at.is_some() {
            self.bad(
                T,
                i,
                "a closed report has both an outcome and a time".to_string(),
            );
        }
        let created = self.time(T, i, &r.created_at);
        let resolved = r.resolved_at.as_deref().map(|t| self.time(T, i, t));
        let resolved_by = r.resolved_by.as_deref().map(|m| self.member(T, i, m));
        if self.writing() {
            let done = self.ins.report.execute(params![
                member,
                r.idea,
                comment,
                r.reason,
                created,
                resolved,
                resolved_by,
                r.outcome
            ]);
            self.insert(T, i, done)?;
        }
        Ok(())
    }
}
