//! Boards with accounts for the account tests: a first admin, fans who signed up,
//! a moderator who joined by invitation, each with a browser session.

use std::path::{Path, PathBuf};

use ideaboard_core::model::{
    NewInvitation, NewSession, Role, SessionKind, SignIn, SignUp, SignedIn,
};
use ideaboard_core::ops::accounts;
use ideaboard_core::{Actor, Board, ErrorCode, Result, Timestamp};

use crate::support::T0;

/// The password every fixture account has (long, not a common one).
pub const PASSWORD: &str = "oat milk at dawn 42";

pub fn browser() -> NewSession {
    NewSession {
        kind: SessionKind::Cookie,
        label: "Firefox 128 on Linux".into(),
    }
}

pub fn bearer() -> NewSession {
    NewSession {
        kind: SessionKind::Bearer,
        label: "ideaboard-cli".into(),
    }
}

pub fn sign_up_form(name: &str, email: &str, password: &str, invitation: Option<&str>) -> SignUp {
    SignUp {
        display_name: name.into(),
        email: email.into(),
        password: password.into(),
        invitation: invitation.map(str::to_string),
    }
}

fn credentials(email: &str, password: &str) -> SignIn {
    SignIn {
        email: email.into(),
        password: password.into(),
    }
}

/// Someone with an account and a browser session.
#[derive(Debug, Clone)]
pub struct Holder {
    pub id: String,
    pub token: String,
    pub session_id: String,
    pub actor: Actor,
}

impl Holder {
    fn from(signed_in: &SignedIn, board: &Board, now: Timestamp) -> Holder {
        let token = signed_in.token.expose().to_string();
        let actor = accounts::session_actor(board, &token, now)
            .expect("session")
            .actor;
        Holder {
            id: signed_in.profile.id.clone(),
            token,
            session_id: signed_in.session.id.clone(),
            actor,
        }
    }
}

/// Signs in with `password`, in the given kind of session.
pub fn attempt(
    board: &mut Board,
    email: &str,
    password: &str,
    session: NewSession,
    at: Timestamp,
) -> Result<SignedIn> {
    accounts::sign_in(board, &credentials(email, password), &session, at)
}

/// The session of `token` is over: refused at once.
pub fn assert_signed_out(board: &Board, token: &str) {
    let found = accounts::session_actor(board, token, T0);
    assert_eq!(
        found.map(|s| s.session.id).unwrap_err().code(),
        ErrorCode::NotSignedIn
    );
}

/// Signs up on an open board (or with an invitation) and keeps the session.
pub fn join(
    board: &mut Board,
    name: &str,
    email: &str,
    invitation: Option<&str>,
    now: Timestamp,
) -> Holder {
    let form = sign_up_form(name, email, PASSWORD, invitation);
    let signed_in = accounts::sign_up(board, &form, &browser(), now).expect("sign up");
    Holder::from(&signed_in, board, now)
}

/// Signs in with the fixture password.
pub fn enter(board: &mut Board, email: &str, now: Timestamp) -> Holder {
    let signed_in = attempt(board, email, PASSWORD, browser(), now).expect("sign in");
    Holder::from(&signed_in, board, now)
}

/// An invitation token for `role`, valid for two days.
pub fn invitation(board: &mut Board, admin: &Actor, role: Role, now: Timestamp) -> String {
    let input = NewInvitation {
        role,
        valid_for_hours: 48,
    };
    let issued = accounts::invite(board, admin, &input, now).expect("invite");
    issued.token.expose().to_string()
}

/// A board whose members all have accounts.
pub struct AccountBoard {
    pub board: Board,
    pub admin: Holder,
    pub moderator: Holder,
    pub fan: Holder,
    pub other_fan: Holder,
    /// A pending invitation for a moderator, by the admin.
    pub invitation_id: String,
    pub invitation_token: String,
}

impl AccountBoard {
    /// Made at [`T0`] in memory.
    pub fn new() -> AccountBoard {
        let mut board = Board::open_in_memory("Shared board", T0).expect("board");
        board.use_seeded_ids(11);
        AccountBoard::fill(board)
    }

    /// Made at [`T0`] in a board file at `path`.
    pub fn at(path: &Path) -> AccountBoard {
        AccountBoard::fill(Board::create(path, "Shared board", T0).expect("board file"))
    }

    fn fill(mut board: Board) -> AccountBoard {
        let b = &mut board;
        accounts::create_first_admin(b, "Ada (admin)", "ada@brand.example", PASSWORD, T0)
            .expect("first admin");
        let admin = enter(b, "ada@brand.example", T0);
        let token = invitation(b, &admin.actor, Role::Moderator, T0);
        let moderator = join(b, "Mia (moderator)", "mia@brand.example", Some(&token), T0);
        let fan = join(b, "Fang (fan)", "fang@fans.example", None, T0);
        let other_fan = join(b, "Otto (other fan)", "otto@fans.example", None, T0);
        let input = NewInvitation {
            role: Role::Moderator,
            valid_for_hours: 48,
        };
        let pending = accounts::invite(b, &admin.actor, &input, T0).expect("invite");
        AccountBoard {
            board,
            admin,
            moderator,
            fan,
            other_fan,
            invitation_id: pending.invitation.id,
            invitation_token: pending.token.expose().to_string(),
        }
    }
}

/// A board file and its write-ahead log, as bytes.
pub fn board_bytes(path: &Path) -> Vec<u8> {
    let mut bytes = std::fs::read(path).expect("board file");
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    if let Ok(log) = std::fs::read(wal) {
        bytes.extend(log);
    }
    bytes
}
