-- Ideaboard schema 10: accounts on a shared board (issue 14). A member may have an
-- account: an email and a password to sign in with over the network. Local profiles
-- (and their passphrases) are untouched. No secret is kept in clear: passwords as
-- argon2id PHC strings, every token as the SHA-256 of its text (see secrets.rs).

-- Who may make an account by themselves (model::SignUpMode).
ALTER TABLE board ADD COLUMN sign_up TEXT NOT NULL DEFAULT 'open'
    CHECK (sign_up IN ('open', 'invite_only', 'closed'));

-- At most one account per member; the email is normalised (trimmed, lower-cased).
CREATE TABLE accounts (
    member_seq    INTEGER PRIMARY KEY REFERENCES members(seq),
    email         TEXT    NOT NULL UNIQUE,
    password_hash TEXT    NOT NULL,
    created_at    INTEGER NOT NULL
);

-- Signed-in sessions. `id` is public (a member lists and revokes theirs by it);
-- `token_hash` is how a request's token finds its row. A session is live while
-- it is not revoked and `expires_at` is in the future.
CREATE TABLE sessions (
    seq          INTEGER PRIMARY KEY,
    id           TEXT    NOT NULL UNIQUE,
    token_hash   BLOB    NOT NULL UNIQUE,
    member_seq   INTEGER NOT NULL REFERENCES members(seq),
    kind         TEXT    NOT NULL CHECK (kind IN ('cookie', 'bearer')),
    label        TEXT    NOT NULL,
    created_at   INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    revoked_at   INTEGER
);
CREATE INDEX sessions_member ON sessions(member_seq, created_at) WHERE revoked_at IS NULL;

-- Failed sign-ins in a row, per normalised email (by its SHA-256, whether or not
-- an account has it, so the lockout says nothing of which emails exist). A sign-in
-- that succeeds deletes its row; rows idle for a day are pruned.
CREATE TABLE sign_in_failures (
    email_key    BLOB    PRIMARY KEY,
    failures     INTEGER NOT NULL CHECK (failures > 0),
    last_at      INTEGER NOT NULL,
    locked_until INTEGER
) WITHOUT ROWID;
CREATE INDEX sign_in_failures_last ON sign_in_failures(last_at);

-- An admin's invitation: a role for whoever uses the link first, before it expires.
CREATE TABLE invitations (
    seq        INTEGER PRIMARY KEY,
    id         TEXT    NOT NULL UNIQUE,
    token_hash BLOB    NOT NULL UNIQUE,
    role       TEXT    NOT NULL CHECK (role IN ('fan', 'moderator', 'admin')),
    created_by INTEGER NOT NULL REFERENCES members(seq),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_by    INTEGER REFERENCES members(seq),
    used_at    INTEGER,
    revoked_at INTEGER,
    CHECK ((used_by IS NULL) = (used_at IS NULL))
);
CREATE INDEX invitations_pending ON invitations(created_at)
    WHERE used_at IS NULL AND revoked_at IS NULL;

-- A password-reset link an admin issued for a member's account: single use, until
-- it expires or a newer one is issued for the same member.
CREATE TABLE password_resets (
    seq        INTEGER PRIMARY KEY,
    token_hash BLOB    NOT NULL UNIQUE,
    member_seq INTEGER NOT NULL REFERENCES accounts(member_seq),
    created_by INTEGER NOT NULL REFERENCES members(seq),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    used_at    INTEGER
);
CREATE INDEX password_resets_member ON password_resets(member_seq) WHERE used_at IS NULL;
