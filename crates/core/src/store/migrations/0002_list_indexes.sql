-- Ideaboard schema 2: indexes that serve each fan-facing list order directly, so a
-- list page is an index scan. Partial on the listed ideas (not hidden, not merged);
-- the WHERE terms must match store::ideas::LISTED exactly for the planner to use them.

CREATE INDEX ideas_list_trending ON ideas(pinned DESC, trending DESC, number DESC)
    WHERE hidden = 0 AND status <> 'merged';
CREATE INDEX ideas_list_top ON ideas(pinned DESC, vote_count DESC, vote_weight DESC, number DESC)
    WHERE hidden = 0 AND status <> 'merged';
CREATE INDEX ideas_list_new ON ideas(pinned DESC, number DESC)
    WHERE hidden = 0 AND status <> 'merged';
CREATE INDEX ideas_list_discussed ON ideas(pinned DESC, comment_count DESC, number DESC)
    WHERE hidden = 0 AND status <> 'merged';
CREATE INDEX ideas_category_trending ON ideas(category_seq, pinned DESC, trending DESC, number DESC)
    WHERE hidden = 0 AND status <> 'merged';
CREATE INDEX ideas_status_trending ON ideas(status, pinned DESC, trending DESC, number DESC)
    WHERE hidden = 0 AND status <> 'merged';
