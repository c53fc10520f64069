-- Notifications fan in on read (issue 3, status change with 20,000 followers).
--
-- Before: one `notifications` row per follower, written in the status change's
-- transaction (20,000 random inserts into two member indexes). Now an event for an
-- idea's followers (status change, official answer, merge) is ONE `notices` row with
-- `to_member` NULL; a notice for one member (a reply) names them in `to_member`.
-- A member's notification centre is derived when read:
--   * the followers' notices of each idea they follow, after `follows.from_notice`
--     (the newest notice seq when they started following, so nobody is told about
--     what happened before they followed);
--   * the same through `follows_past`, the ranges (from_notice, to_notice] of follows
--     that ended (unfollow, or a merge moving the follow to the target), so a
--     notification never disappears from the centre;
--   * the notices addressed to them;
-- minus the ones they acted themselves. Read state: `notice_marks.read_through`
-- ("mark all read": every notice up to it is read) plus one `notice_reads` row per
-- notice marked read on its own after that mark.

CREATE TABLE notices (
    seq         INTEGER PRIMARY KEY,
    to_member   INTEGER REFERENCES members(seq),
    kind        TEXT    NOT NULL CHECK (kind IN ('status_changed', 'official_answer', 'reply', 'merged')),
    idea_no     INTEGER NOT NULL REFERENCES ideas(number),
    actor_seq   INTEGER REFERENCES members(seq),
    status      TEXT,
    comment_seq INTEGER REFERENCES comments(seq),
    created_at  INTEGER NOT NULL
);
-- Covering for the read: a member's centre is one probe per idea they follow.
CREATE INDEX notices_idea ON notices(idea_no, seq, actor_seq, comment_seq) WHERE to_member IS NULL;
CREATE INDEX notices_member ON notices(to_member, seq) WHERE to_member IS NOT NULL;

ALTER TABLE follows ADD COLUMN from_notice INTEGER NOT NULL DEFAULT 0;
-- Covering for the read (a member's follows with where each starts).
DROP INDEX follows_member;
CREATE INDEX follows_member ON follows(member_seq, idea_no, from_notice);
-- The few hidden ideas, so a fan's centre skips them without reading each idea row.
CREATE INDEX ideas_hidden ON ideas(number) WHERE hidden <> 0;

CREATE TABLE follows_past (
    member_seq  INTEGER NOT NULL REFERENCES members(seq),
    idea_no     INTEGER NOT NULL REFERENCES ideas(number),
    from_notice INTEGER NOT NULL,
    to_notice   INTEGER NOT NULL,
    PRIMARY KEY (member_seq, idea_no, from_notice)
) WITHOUT ROWID;

CREATE TABLE notice_reads (
    member_seq INTEGER NOT NULL REFERENCES members(seq),
    notice_seq INTEGER NOT NULL REFERENCES notices(seq),
    read_at    INTEGER NOT NULL,
    PRIMARY KEY (member_seq, notice_seq)
) WITHOUT ROWID;

CREATE TABLE notice_marks (
    member_seq   INTEGER PRIMARY KEY REFERENCES members(seq),
    read_through INTEGER NOT NULL,
    marked_at    INTEGER NOT NULL
);

-- Every existing notification becomes a notice addressed to its member, with the
-- same seq (so ids the UI holds stay valid) and its read time.
INSERT INTO notices (seq, to_member, kind, idea_no, actor_seq, status, comment_seq, created_at)
    SELECT seq, member_seq, kind, idea_no, actor_seq, status, comment_seq, created_at
    FROM notifications;
INSERT INTO notice_reads (member_seq, notice_seq, read_at)
    SELECT member_seq, seq, read_at FROM notifications WHERE read_at IS NOT NULL;
DROP TABLE notifications;
