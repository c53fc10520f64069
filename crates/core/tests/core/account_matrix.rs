//! The authorization matrix of the account ops (issue 14): every op that acts as a
//! member x every role, on a board where everyone has an account; a refusal leaves
//! the board unchanged. Columns as in `authorization.rs`.

use std::sync::{Mutex, OnceLock};

use ideaboard_core::model::{ChangeKind, NewInvitation, Role, SignUpMode};
use ideaboard_core::ops::accounts;
use ideaboard_core::{Actor, Board, Result, ops};

use crate::account_support::{AccountBoard, Holder, PASSWORD};
use crate::authorization::{Expect, NO, OK, SIGN_IN, UNSEEN, matrix_failures};
use crate::support::T0;

#[rustfmt::skip]
pub(crate) const ACCOUNT_MATRIX: &[(&str, [Expect; 5])] = &[
    // operation                            guest    fan      other    mod      admin
    ("my_account",                         [SIGN_IN, OK,      OK,      OK,      OK]),
    ("list_sessions",                      [SIGN_IN, OK,      OK,      OK,      OK]),
    ("revoke_session fan's session",       [SIGN_IN, OK,      UNSEEN,  UNSEEN,  UNSEEN]),
    ("revoke_other_sessions",              [SIGN_IN, OK,      OK,      OK,      OK]),
    ("change_password own",                [SIGN_IN, OK,      OK,      OK,      OK]),
    ("accept_invitation",                  [SIGN_IN, OK,      OK,      OK,      OK]),
    ("set_sign_up_mode",                   [SIGN_IN, NO,      NO,      NO,      OK]),
    ("invite fan",                         [SIGN_IN, NO,      NO,      NO,      OK]),
    ("invite admin",                       [SIGN_IN, NO,      NO,      NO,      OK]),
    ("list_invitations",                   [SIGN_IN, NO,      NO,      NO,      OK]),
    ("revoke_invitation",                  [SIGN_IN, NO,      NO,      NO,      OK]),
    ("issue_password_reset for fan",       [SIGN_IN, NO,      NO,      NO,      OK]),
];

/// One cell's board: a copy of one account board made once (argon2 is slow on
/// purpose), with its members' sessions.
struct Cell {
    _dir: tempfile::TempDir,
    board: Board,
    holders: [Holder; 4],
    invitation_id: String,
    invitation_token: String,
}

fn cell() -> Cell {
    static TEMPLATE: OnceLock<Mutex<AccountBoard>> = OnceLock::new();
    let template = TEMPLATE
        .get_or_init(|| Mutex::new(AccountBoard::new()))
        .lock()
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cell.ideaboard");
    template.board.backup_to(&path).unwrap();
    Cell {
        _dir: dir,
        board: Board::open(&path, T0).unwrap(),
        holders: [
            template.fan.clone(),
            template.other_fan.clone(),
            template.moderator.clone(),
            template.admin.clone(),
        ],
        invitation_id: template.invitation_id.clone(),
        invitation_token: template.invitation_token.clone(),
    }
}

fn actor(cell: &Cell, column: usize) -> Actor {
    match column {
        0 => Actor::guest(),
        n => cell.holders[n - 1].actor.clone(),
    }
}

/// The session of whoever `who` is (none for a guest).
fn own_session(cell: &Cell, who: &Actor) -> String {
    cell.holders
        .iter()
        .find(|h| Some(h.id.as_str()) == who.member_id())
        .map_or_else(String::new, |h| h.session_id.clone())
}

fn run(op: &str, cell: &mut Cell, who: &Actor) -> Result<()> {
    let now = T0;
    let fan = cell.holders[0].clone();
    let own = own_session(cell, who);
    let b = &mut cell.board;
    let invite = |b: &mut Board, role| {
        let input = NewInvitation {
            role,
            valid_for_hours: 24,
        };
        accounts::invite(b, who, &input, now).map(drop)
    };
    match op {
        "my_account" => accounts::my_account(b, who).map(drop),
        "list_sessions" => accounts::list_sessions(b, who, Some(&own), now).map(drop),
        "revoke_session fan's session" => accounts::revoke_session(b, who, &fan.session_id, now),
        "revoke_other_sessions" => accounts::revoke_other_sessions(b, who, &own, now).map(drop),
        "change_password own" => {
            accounts::change_password(b, who, PASSWORD, "a newer passphrase", Some(&own), now)
        }
        "accept_invitation" => {
            accounts::accept_invitation(b, who, &cell.invitation_token, now).map(drop)
        }
        "set_sign_up_mode" => {
            accounts::set_sign_up_mode(b, who, SignUpMode::InviteOnly, now).map(drop)
        }
        "invite fan" => invite(b, Role::Fan),
        "invite admin" => invite(b, Role::Admin),
        "list_invitations" => accounts::list_invitations(b, who, now).map(drop),
        "revoke_invitation" => accounts::revoke_invitation(b, who, &cell.invitation_id, now),
        "issue_password_reset for fan" => {
            accounts::issue_password_reset(b, who, &fan.id, now).map(drop)
        }
        other => panic!("no such operation in the account matrix: {other}"),
    }
}

#[test]
fn every_account_operation_for_every_role_is_allowed_or_refused_as_designed() {
    let failures = matrix_failures(ACCOUNT_MATRIX, cell, |c| &mut c.board, actor, run);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_account_matrix_names_each_operation_once() {
    let mut names: Vec<&str> = ACCOUNT_MATRIX.iter().map(|(op, _)| *op).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), ACCOUNT_MATRIX.len());
}

/// What each account write appends, as the one who acts (by column) sees it.
#[rustfmt::skip]
const APPENDS: &[(&str, usize, &[ChangeKind])] = {
    use ChangeKind::*;
    &[
        ("revoke_session fan's session",  1, &[Member]),
        ("change_password own",           1, &[Member]),
        ("accept_invitation",             1, &[Audit, Member]),
        ("set_sign_up_mode",              4, &[Audit, Settings]),
        ("invite fan",                    4, &[Audit]),
        ("invite admin",                  4, &[Audit]),
        ("revoke_invitation",             4, &[Audit]),
        ("issue_password_reset for fan",  4, &[Audit]),
    ]
};

#[test]
fn each_account_write_appends_what_it_changed_and_a_refused_one_nothing() {
    let mut failures = Vec::new();
    for (op, row) in ACCOUNT_MATRIX {
        for column in 0..row.len() {
            let mut c = cell();
            let who = actor(&c, column);
            let (before, from) = (c.board.content_fingerprint().unwrap(), latest(&c));
            let outcome = run(op, &mut c, &who);
            let changed = c.board.content_fingerprint().unwrap() != before;
            let appended = latest(&c) - from;
            let silent_change = outcome.is_ok() && changed && appended == 0;
            if silent_change || outcome.is_err() && appended > 0 {
                failures.push(format!(
                    "{op} as {column}: {outcome:?}, changed {changed}, appended {appended}"
                ));
            }
            let expected = APPENDS.iter().find(|(o, at, _)| o == op && *at == column);
            if let Some((_, _, kinds)) = expected {
                let mut got: Vec<ChangeKind> = ops::changes_since(&c.board, &who, from, 100)
                    .unwrap()
                    .changes
                    .iter()
                    .map(|change| change.kind)
                    .collect();
                got.sort_by_key(|k| k.as_str());
                got.dedup();
                if got != *kinds {
                    failures.push(format!(
                        "{op} as {column}: appended {got:?}, expected {kinds:?}"
                    ));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn latest(c: &Cell) -> i64 {
    ops::latest_change_seq(&c.board).unwrap()
}
