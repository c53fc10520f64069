-- Ideaboard schema 11: the board's totals (issue 13). The window's frame shows how
-- many votes, public comments and members the board has; a write that moves them
-- answers with them. Counting 2,000,000 votes and 600,000 comments takes tens of
-- milliseconds, too long for every vote's answer, so one row keeps them, moved by
-- triggers in the transaction of every row that counts (the listed ideas are
-- already kept per category and status in `idea_counts`). See `store/totals.rs`.
CREATE TABLE board_totals (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    votes    INTEGER NOT NULL CHECK (votes >= 0),
    comments INTEGER NOT NULL CHECK (comments >= 0),
    members  INTEGER NOT NULL CHECK (members >= 0)
);
INSERT INTO board_totals (id, votes, comments, members) VALUES (
    1,
    (SELECT count(*) FROM votes),
    (SELECT count(*) FROM comments
     WHERE kind <> 'internal' AND deleted_at IS NULL AND hidden_at IS NULL),
    (SELECT count(*) FROM members)
);

CREATE TRIGGER board_totals_vote_insert AFTER INSERT ON votes
BEGIN
    UPDATE board_totals SET votes = votes + 1;
END;
CREATE TRIGGER board_totals_vote_delete AFTER DELETE ON votes
BEGIN
    UPDATE board_totals SET votes = votes - 1;
END;

CREATE TRIGGER board_totals_member_insert AFTER INSERT ON members
BEGIN
    UPDATE board_totals SET members = members + 1;
END;
CREATE TRIGGER board_totals_member_delete AFTER DELETE ON members
BEGIN
    UPDATE board_totals SET members = members - 1;
END;

-- A comment counts while it is public or official, not deleted and not hidden.
CREATE TRIGGER board_totals_comment_insert AFTER INSERT ON comments
    WHEN NEW.kind <> 'internal' AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL
BEGIN
    UPDATE board_totals SET comments = comments + 1;
END;
CREATE TRIGGER board_totals_comment_delete AFTER DELETE ON comments
    WHEN OLD.kind <> 'internal' AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL
BEGIN
    UPDATE board_totals SET comments = comments - 1;
END;
CREATE TRIGGER board_totals_comment_update AFTER UPDATE OF kind, deleted_at, hidden_at ON comments
BEGIN
    UPDATE board_totals SET comments = comments
        - (OLD.kind <> 'internal' AND OLD.deleted_at IS NULL AND OLD.hidden_at IS NULL)
        + (NEW.kind <> 'internal' AND NEW.deleted_at IS NULL AND NEW.hidden_at IS NULL);
END;
