//! Accounts on a shared board (a server's): email and password, sessions, the
//! board's sign-up setting, invitations, password resets and the sign-in lockout.
//! Local boards keep their profiles and passphrases (`ops::create_member`,
//! `ops::sign_in`); an account is an addition to a member, never a replacement.
//!
//! The host's part (issue 14's `ideaboard-server`), in order of a request:
//!
//! 1. [`sign_up`] / [`sign_in`] answer a [`SignedIn`](crate::model::SignedIn): the
//!    session token (an `HttpOnly; SameSite=Lax` cookie, or a bearer token for the
//!    app and scripts) and, for a cookie session, its CSRF token. Each is a slow
//!    read-only check (argon2) and a quick write: a server runs
//!    [`check_sign_up`] / [`check_sign_in`] on a read-only connection and
//!    [`finish_sign_up`] / [`finish_sign_in`] on its writer.
//! 2. On every request, [`session_actor`] turns the token into the acting member
//!    (`NotSignedIn` at once for a revoked or expired session); when it says
//!    `touch_due`, [`touch_session`] records the use.
//! 3. A state-changing cookie request must carry the CSRF token: [`check_csrf`]
//!    (`CsrfRejected`); [`csrf_token`] derives it again for the page.
//! 4. [`sign_out`], [`list_sessions`], [`revoke_session`],
//!    [`revoke_other_sessions`], [`change_password`], [`my_account`] for the member;
//!    [`set_sign_up_mode`], [`invite`], [`list_invitations`],
//!    [`revoke_invitation`], [`issue_password_reset`] for admins;
//!    [`check_invitation`], [`accept_invitation`], [`reset_password`] for link
//!    holders; [`create_first_admin`] for `ideaboard-server admin create`.
//!
//! Invariants:
//!
//! * **No secret in clear.** Passwords are argon2id hashes; session, invitation
//!   and reset tokens are kept as SHA-256 digests; CSRF tokens are derived, not
//!   kept (`crate::secrets`). Tokens leave the core once, in a
//!   [`Secret`](crate::model::Secret) whose `Debug` hides them.
//! * **One transaction per op,** nothing written on refused input. The slow
//!   argon2 work happens before the write, which re-checks what it relied on, so
//!   the board's one writer need never be held for a hash and parallel sign-ins or
//!   sign-ups cannot double anything (the email is unique, each link is spent by
//!   one conditional update).
//! * **Failed sign-ins say nothing of which emails exist** (see `sign_in`'s
//!   module). Sign-up does say that an email is taken (`EmailTaken`): a person
//!   must be told to sign in instead.
//! * **The change feed carries no account data:** a new member is a `member`
//!   entry for everyone (as any profile); sessions and passwords are `member`
//!   entries for that member alone; entries hold keys, never an email or a hash.
//!
//! Rate limits per address and per account are kept by the host (it knows the
//! address, and they live in its memory) with the core's [`crate::throttle`] and
//! its quotas; they refuse with `Error::RateLimited { retry_after }`, as the
//! lockout refuses with `LockedOut`.

mod common;
mod invitations;
mod resets;
mod sessions;
mod sign_in;
mod sign_up;

pub use common::{
    FAILURES_BEFORE_LOCK, FIRST_LOCK_SECS, LONGEST_LOCK_SECS, RESET_VALID_HOURS, TOUCH_EVERY_SECS,
};
pub use invitations::*;
pub use resets::*;
pub use sessions::*;
pub use sign_in::*;
pub use sign_up::*;
