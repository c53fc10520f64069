-- Ideaboard schema 4: what the adoption figures need, kept on each idea so they are
-- index scans on a Starbucks-scale board instead of joins over every comment and
-- status change. store::adoption::recount_idea keeps both columns in the write's
-- transaction; the rows of existing boards are filled in from Rust after this runs.

-- When the team first answered in public: the earliest official comment (not
-- deleted) or status change with a note.
ALTER TABLE ideas ADD COLUMN answered_at INTEGER;
-- When the idea launched, while its status is launched.
ALTER TABLE ideas ADD COLUMN launched_at INTEGER;

-- Official answers of one idea, for the recount.
CREATE INDEX comments_official ON comments(idea_no, created_at)
    WHERE kind = 'official' AND deleted_at IS NULL;

-- Listed ideas (not hidden, not merged) per category (0 = none) and status, kept by
-- triggers on every insert, update and delete of an idea, whatever code path makes
-- it: counting 150,000 index entries on each visit to the adoption view was the
-- slowest part of it.
CREATE TABLE idea_counts (
    category_seq INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    n            INTEGER NOT NULL CHECK (n >= 0),
    PRIMARY KEY (category_seq, status)
) WITHOUT ROWID;
INSERT INTO idea_counts (category_seq, status, n)
    SELECT coalesce(category_seq, 0), status, count(*) FROM ideas
    WHERE hidden = 0 AND status <> 'merged' GROUP BY 1, 2;
CREATE TRIGGER idea_counts_insert AFTER INSERT ON ideas
    WHEN NEW.hidden = 0 AND NEW.status <> 'merged'
BEGIN
    INSERT INTO idea_counts (category_seq, status, n)
        VALUES (coalesce(NEW.category_seq, 0), NEW.status, 1)
        ON CONFLICT (category_seq, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER idea_counts_delete AFTER DELETE ON ideas
    WHEN OLD.hidden = 0 AND OLD.status <> 'merged'
BEGIN
    UPDATE idea_counts SET n = n - 1
        WHERE category_seq = coalesce(OLD.category_seq, 0) AND status = OLD.status;
END;
CREATE TRIGGER idea_counts_update AFTER UPDATE OF status, hidden, category_seq ON ideas
BEGIN
    UPDATE idea_counts SET n = n - 1
        WHERE OLD.hidden = 0 AND OLD.status <> 'merged'
          AND category_seq = coalesce(OLD.category_seq, 0) AND status = OLD.status;
    INSERT INTO idea_counts (category_seq, status, n)
        SELECT coalesce(NEW.category_seq, 0), NEW.status, 1
        WHERE NEW.hidden = 0 AND NEW.status <> 'merged'
        ON CONFLICT (category_seq, status) DO UPDATE SET n = n + 1;
END;
-- Time to first answer, and time to launch (also the showcase, latest first).
CREATE INDEX ideas_answered ON ideas(category_seq, created_at, answered_at)
    WHERE hidden = 0 AND status <> 'merged' AND answered_at IS NOT NULL;
CREATE INDEX ideas_launched ON ideas(launched_at DESC, number DESC, category_seq, created_at)
    WHERE hidden = 0 AND status <> 'merged' AND launched_at IS NOT NULL;
-- Roadmap columns: the most supported ideas of one status.
CREATE INDEX ideas_status_top ON ideas(status, pinned DESC, vote_count DESC, vote_weight DESC, number DESC)
    WHERE hidden = 0 AND status <> 'merged';
