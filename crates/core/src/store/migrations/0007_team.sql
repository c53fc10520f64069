-- Ideaboard schema 7: the team's workspace (issue 5). Moderation of comments, fans'
-- reports, the triage inbox, and the aggregates behind team analytics and engagement,
-- kept so that each is an index scan over a few hundred rows on a Starbucks-scale
-- board instead of a GROUP BY over 2M votes.

-- A public comment the team hid: fans no longer see its text, and it stops counting
-- (like a deleted one) in its idea's comment count and trending score.
ALTER TABLE comments ADD COLUMN hidden_at INTEGER;
ALTER TABLE comments ADD COLUMN hidden_by INTEGER REFERENCES members(seq);
-- The team member who deleted someone else's comment; NULL when its author did.
ALTER TABLE comments ADD COLUMN removed_by INTEGER REFERENCES members(seq);
CREATE INDEX comments_hidden ON comments(seq) WHERE hidden_at IS NOT NULL;
CREATE INDEX comments_removed ON comments(seq) WHERE removed_by IS NOT NULL;

-- A member's report of an idea or of a comment (exactly one of the two). A report is
-- open until the team resolves it (acted on it) or dismisses it.
CREATE TABLE reports (
    seq         INTEGER PRIMARY KEY,
    member_seq  INTEGER NOT NULL REFERENCES members(seq),
    idea_no     INTEGER REFERENCES ideas(number),
    comment_seq INTEGER REFERENCES comments(seq),
    reason      TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    resolved_at INTEGER,
    resolved_by INTEGER REFERENCES members(seq),
    outcome     TEXT CHECK (outcome IN ('resolved', 'dismissed')),
    CHECK ((idea_no IS NULL) <> (comment_seq IS NULL)),
    CHECK ((resolved_at IS NULL) = (outcome IS NULL))
);
-- One open report per member per item.
CREATE UNIQUE INDEX reports_open_once
    ON reports(member_seq, coalesce(idea_no, 0), coalesce(comment_seq, 0))
    WHERE resolved_at IS NULL;
CREATE INDEX reports_open_idea ON reports(idea_no, created_at)
    WHERE resolved_at IS NULL AND idea_no IS NOT NULL;
CREATE INDEX reports_open_comment ON reports(comment_seq, created_at)
    WHERE resolved_at IS NULL AND comment_seq IS NOT NULL;

-- The triage inbox: new and under-review ideas fans can see, most supported first.
-- The WHERE terms must match store::triage exactly for the planner to use it.
CREATE INDEX ideas_triage ON ideas(vote_count DESC, vote_weight DESC, number)
    WHERE hidden = 0 AND status IN ('new', 'under_review');
-- Open ideas the team has not answered yet, oldest first.
CREATE INDEX ideas_unanswered ON ideas(created_at, number)
    WHERE hidden = 0 AND status IN ('new', 'under_review', 'planned', 'in_progress')
      AND answered_at IS NULL;

-- Activity is what members do themselves, as the append-only points ledger records
-- it: 'idea_submitted', 'vote_cast', 'comment_posted' (a vote later withdrawn was
-- still cast). Weeks are calendar weeks from Monday 00:00 UTC: week w starts at
-- w * 604800000 + 345600000 ms (1970-01-05 was the first Monday). The trigger on
-- points_ledger keeps the three tables below in the ledger line's transaction,
-- whatever code path writes it; store::team recounts them from the ledger.

-- Per week: events, distinct members active, and of them those whose first activity
-- ever falls in this week (the rest are returning).
CREATE TABLE team_weeks (
    week        INTEGER PRIMARY KEY,
    ideas       INTEGER NOT NULL DEFAULT 0,
    votes       INTEGER NOT NULL DEFAULT 0,
    comments    INTEGER NOT NULL DEFAULT 0,
    active      INTEGER NOT NULL DEFAULT 0,
    new_members INTEGER NOT NULL DEFAULT 0
);
-- The weeks each member was active in.
CREATE TABLE member_weeks (
    member_seq INTEGER NOT NULL,
    week       INTEGER NOT NULL,
    PRIMARY KEY (member_seq, week)
) WITHOUT ROWID;
-- Per member: points (the ledger's running sum, like members.points), activity
-- counts, ideas launched (adopted), the engagement index and the first active week
-- (NULL until the first activity). Engagement index weights (model::engagement
-- ENGAGEMENT_WEIGHTS): idea submitted 5, idea adopted 20, comment 2, vote 1.
CREATE TABLE member_activity (
    member_seq INTEGER PRIMARY KEY REFERENCES members(seq),
    points     INTEGER NOT NULL,
    ideas      INTEGER NOT NULL,
    votes      INTEGER NOT NULL,
    comments   INTEGER NOT NULL,
    adopted    INTEGER NOT NULL,
    engagement INTEGER NOT NULL,
    first_week INTEGER
);
-- Core fans and the leaderboard: a covering scan in rank order.
CREATE INDEX member_activity_rank ON member_activity(
    points DESC, engagement DESC, member_seq, ideas, votes, comments, adopted, first_week);

CREATE TRIGGER team_activity AFTER INSERT ON points_ledger
BEGIN
    -- The week's events; active if the member had no event this week yet; new if
    -- their first activity so far is later (or none).
    INSERT INTO team_weeks (week, ideas, votes, comments, active, new_members)
        SELECT w, r = 'idea_submitted', r = 'vote_cast', r = 'comment_posted',
               NOT EXISTS (SELECT 1 FROM member_weeks WHERE member_seq = NEW.member_seq AND week = w),
               coalesce((SELECT first_week FROM member_activity WHERE member_seq = NEW.member_seq) > w, 1)
        FROM (SELECT (NEW.at - 345600000) / 604800000 AS w, NEW.reason AS r)
        WHERE r IN ('idea_submitted', 'vote_cast', 'comment_posted')
        ON CONFLICT (week) DO UPDATE SET
            ideas = ideas + excluded.ideas, votes = votes + excluded.votes,
            comments = comments + excluded.comments, active = active + excluded.active,
            new_members = new_members + excluded.new_members;
    -- An event older than the member's first week moves their "new" week back.
    UPDATE team_weeks SET new_members = new_members - 1
        WHERE NEW.reason IN ('idea_submitted', 'vote_cast', 'comment_posted')
          AND week = (SELECT first_week FROM member_activity WHERE member_seq = NEW.member_seq)
          AND week > (NEW.at - 345600000) / 604800000;
    INSERT OR IGNORE INTO member_weeks (member_seq, week)
        SELECT NEW.member_seq, (NEW.at - 345600000) / 604800000
        WHERE NEW.reason IN ('idea_submitted', 'vote_cast', 'comment_posted');
    INSERT INTO member_activity (member_seq, points, ideas, votes, comments, adopted, engagement, first_week)
        SELECT NEW.member_seq, NEW.delta, r = 'idea_submitted', r = 'vote_cast',
               r = 'comment_posted', r = 'idea_launched',
               CASE r WHEN 'idea_submitted' THEN 5 WHEN 'idea_launched' THEN 20
                      WHEN 'comment_posted' THEN 2 WHEN 'vote_cast' THEN 1 ELSE 0 END,
               CASE WHEN r IN ('idea_submitted', 'vote_cast', 'comment_posted')
                    THEN (NEW.at - 345600000) / 604800000 END
        FROM (SELECT NEW.reason AS r) WHERE 1
        ON CONFLICT (member_seq) DO UPDATE SET
            points = points + excluded.points, ideas = ideas + excluded.ideas,
            votes = votes + excluded.votes, comments = comments + excluded.comments,
            adopted = adopted + excluded.adopted, engagement = engagement + excluded.engagement,
            first_week = coalesce(min(first_week, excluded.first_week), first_week, excluded.first_week);
END;

-- The status funnel: ideas that ever reached each stage. Reviewed = ever moved to a
-- status other than new or merged; planned = ever planned, in progress or launched;
-- launched = ever launched. Kept by a trigger on each status change.
CREATE TABLE team_funnel (
    stage TEXT    PRIMARY KEY CHECK (stage IN ('reviewed', 'planned', 'launched')),
    n     INTEGER NOT NULL DEFAULT 0 CHECK (n >= 0)
) WITHOUT ROWID;
INSERT INTO team_funnel (stage) VALUES ('reviewed'), ('planned'), ('launched');

CREATE TRIGGER team_funnel_change AFTER INSERT ON status_changes
BEGIN
    UPDATE team_funnel SET n = n + 1
        WHERE stage = 'reviewed' AND NEW.to_status NOT IN ('new', 'merged')
          AND NOT EXISTS (SELECT 1 FROM status_changes s WHERE s.idea_no = NEW.idea_no
                          AND s.seq <> NEW.seq AND s.to_status NOT IN ('new', 'merged'));
    UPDATE team_funnel SET n = n + 1
        WHERE stage = 'planned' AND NEW.to_status IN ('planned', 'in_progress', 'launched')
          AND NOT EXISTS (SELECT 1 FROM status_changes s WHERE s.idea_no = NEW.idea_no
                          AND s.seq <> NEW.seq AND s.to_status IN ('planned', 'in_progress', 'launched'));
    UPDATE team_funnel SET n = n + 1
        WHERE stage = 'launched' AND NEW.to_status = 'launched'
          AND NOT EXISTS (SELECT 1 FROM status_changes s WHERE s.idea_no = NEW.idea_no
                          AND s.seq <> NEW.seq AND s.to_status = 'launched');
END;
