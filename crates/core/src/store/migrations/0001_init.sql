-- Ideaboard schema 1: the board and everything on it.
-- Rows join on small integer keys (seq, number); public ids are UUID v7 text.
-- Times are INTEGER milliseconds since the Unix epoch, UTC.

CREATE TABLE board (
    id                  INTEGER PRIMARY KEY CHECK (id = 1),
    name                TEXT    NOT NULL,
    vote_budget         INTEGER CHECK (vote_budget IS NULL OR vote_budget > 0),
    support_threshold   INTEGER NOT NULL DEFAULT 50 CHECK (support_threshold >= 0),
    default_locale      TEXT    NOT NULL DEFAULT 'zh-CN',
    edit_grace_minutes  INTEGER NOT NULL DEFAULT 30 CHECK (edit_grace_minutes >= 0),
    created_at          INTEGER NOT NULL
);

CREATE TABLE members (
    seq             INTEGER PRIMARY KEY,
    id              TEXT    NOT NULL UNIQUE,
    display_name    TEXT    NOT NULL,
    role            TEXT    NOT NULL CHECK (role IN ('fan', 'moderator', 'admin')),
    passphrase_hash TEXT,
    joined_at       INTEGER NOT NULL,
    points          INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX members_role ON members(role) WHERE role <> 'fan';

CREATE TABLE categories (
    seq      INTEGER PRIMARY KEY,
    slug     TEXT    NOT NULL UNIQUE,
    name     TEXT    NOT NULL,
    name_en  TEXT,
    position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE tags (
    seq  INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE ideas (
    number        INTEGER PRIMARY KEY,
    id            TEXT    NOT NULL UNIQUE,
    title         TEXT    NOT NULL,
    body          TEXT    NOT NULL,
    body_html     TEXT    NOT NULL,
    excerpt       TEXT    NOT NULL,
    category_seq  INTEGER REFERENCES categories(seq),
    author_seq    INTEGER NOT NULL REFERENCES members(seq),
    status        TEXT    NOT NULL CHECK (status IN ('new', 'under_review', 'planned', 'in_progress', 'launched', 'declined', 'merged')),
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL,
    merged_into   INTEGER REFERENCES ideas(number),
    hidden        INTEGER NOT NULL DEFAULT 0 CHECK (hidden IN (0, 1)),
    pinned        INTEGER NOT NULL DEFAULT 0 CHECK (pinned IN (0, 1)),
    vote_count    INTEGER NOT NULL DEFAULT 0 CHECK (vote_count >= 0),
    vote_weight   INTEGER NOT NULL DEFAULT 0 CHECK (vote_weight >= 0),
    comment_count INTEGER NOT NULL DEFAULT 0 CHECK (comment_count >= 0),
    -- ln of the exponentially decayed activity, see rank/; ordering by it is ordering by trend.
    trending      REAL    NOT NULL,
    CHECK ((status = 'merged') = (merged_into IS NOT NULL))
);
CREATE INDEX ideas_author ON ideas(author_seq, number DESC);

CREATE TABLE idea_tags (
    idea_no INTEGER NOT NULL REFERENCES ideas(number),
    tag_seq INTEGER NOT NULL REFERENCES tags(seq),
    PRIMARY KEY (idea_no, tag_seq)
) WITHOUT ROWID;
CREATE INDEX idea_tags_tag ON idea_tags(tag_seq, idea_no);

CREATE TABLE votes (
    idea_no    INTEGER NOT NULL REFERENCES ideas(number),
    member_seq INTEGER NOT NULL REFERENCES members(seq),
    priority   TEXT    NOT NULL CHECK (priority IN ('nice_to_have', 'important', 'critical')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (idea_no, member_seq)
) WITHOUT ROWID;
CREATE INDEX votes_member ON votes(member_seq, idea_no);

CREATE TABLE comments (
    seq        INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    idea_no    INTEGER NOT NULL REFERENCES ideas(number),
    parent_seq INTEGER REFERENCES comments(seq),
    author_seq INTEGER NOT NULL REFERENCES members(seq),
    kind       TEXT    NOT NULL CHECK (kind IN ('public', 'official', 'internal')),
    body       TEXT    NOT NULL,
    body_html  TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    edited_at  INTEGER,
    deleted_at INTEGER
);
CREATE INDEX comments_idea ON comments(idea_no, seq);
CREATE INDEX comments_author ON comments(author_seq);

CREATE TABLE reactions (
    comment_seq INTEGER NOT NULL REFERENCES comments(seq),
    member_seq  INTEGER NOT NULL REFERENCES members(seq),
    reaction    TEXT    NOT NULL CHECK (reaction IN ('like', 'love', 'insightful', 'funny')),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (comment_seq, member_seq, reaction)
) WITHOUT ROWID;

CREATE TABLE status_changes (
    seq         INTEGER PRIMARY KEY,
    idea_no     INTEGER NOT NULL REFERENCES ideas(number),
    from_status TEXT,
    to_status   TEXT    NOT NULL,
    actor_seq   INTEGER NOT NULL REFERENCES members(seq),
    note        TEXT,
    note_html   TEXT,
    at          INTEGER NOT NULL
);
CREATE INDEX status_changes_idea ON status_changes(idea_no, seq);

CREATE TABLE follows (
    idea_no    INTEGER NOT NULL REFERENCES ideas(number),
    member_seq INTEGER NOT NULL REFERENCES members(seq),
    since      INTEGER NOT NULL,
    PRIMARY KEY (idea_no, member_seq)
) WITHOUT ROWID;
CREATE INDEX follows_member ON follows(member_seq, idea_no);

CREATE TABLE notifications (
    seq         INTEGER PRIMARY KEY,
    member_seq  INTEGER NOT NULL REFERENCES members(seq),
    kind        TEXT    NOT NULL CHECK (kind IN ('status_changed', 'official_answer', 'reply', 'merged')),
    idea_no     INTEGER NOT NULL REFERENCES ideas(number),
    actor_seq   INTEGER REFERENCES members(seq),
    status      TEXT,
    comment_seq INTEGER REFERENCES comments(seq),
    created_at  INTEGER NOT NULL,
    read_at     INTEGER
);
CREATE INDEX notifications_member ON notifications(member_seq, seq);
CREATE INDEX notifications_unread ON notifications(member_seq) WHERE read_at IS NULL;

-- Append-only: points derive from this ledger; members.points is its running sum.
CREATE TABLE points_ledger (
    seq        INTEGER PRIMARY KEY,
    member_seq INTEGER NOT NULL REFERENCES members(seq),
    delta      INTEGER NOT NULL,
    reason     TEXT    NOT NULL,
    idea_no    INTEGER REFERENCES ideas(number),
    at         INTEGER NOT NULL
);
CREATE INDEX points_member ON points_ledger(member_seq, seq);
CREATE INDEX points_idea_reason ON points_ledger(idea_no, reason) WHERE idea_no IS NOT NULL;
CREATE TRIGGER points_ledger_no_update BEFORE UPDATE ON points_ledger
BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;
CREATE TRIGGER points_ledger_no_delete BEFORE DELETE ON points_ledger
BEGIN SELECT RAISE(ABORT, 'the points ledger is append-only'); END;

-- Append-only: every moderator and admin action.
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    actor_seq INTEGER NOT NULL REFERENCES members(seq),
    action    TEXT    NOT NULL,
    target    TEXT    NOT NULL,
    detail    TEXT    NOT NULL,
    at        INTEGER NOT NULL
);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
