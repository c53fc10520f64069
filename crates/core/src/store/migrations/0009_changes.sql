-- Ideaboard schema 9: the change feed (issue 13). Every committed write appends
-- what it changed, in its own transaction: which entity (by its keys, no text), and
-- who may learn of it. Windows, the server's live updates and desktop replicas
-- follow it by `seq`. See `store/changes.rs` for the rules.
--
-- `seq` is a plain rowid (no AUTOINCREMENT): pruning never removes the newest
-- entry, so max(seq) + 1 never goes back; a restore that must jump past the
-- replaced board's numbers inserts its entry with an explicit seq.
CREATE TABLE changes (
    seq          INTEGER PRIMARY KEY,
    kind         TEXT    NOT NULL CHECK (kind IN ('idea', 'comment', 'standing', 'notification',
                                                  'member', 'category', 'settings', 'report',
                                                  'audit', 'board')),
    -- The entity, by its keys (public ids are joined in when read).
    idea_no      INTEGER,
    comment_seq  INTEGER,
    member_seq   INTEGER,
    key          TEXT,
    -- Who may see it: everyone, the team, one member ('member', audience_ref =
    -- member seq), whoever may see the named idea or comment now ('entity'), or its
    -- idea whatever the comment's state ('idea'), the idea's voters ('voters'), the
    -- members notice audience_ref was delivered to ('notice').
    audience     TEXT    NOT NULL CHECK (audience IN ('everyone', 'team', 'member', 'entity',
                                                      'idea', 'voters', 'notice')),
    audience_ref INTEGER,
    at           INTEGER NOT NULL
);
-- The resets (an import, a restore): a reader behind the newest one reloads.
CREATE INDEX changes_resets ON changes(seq) WHERE kind = 'board';
