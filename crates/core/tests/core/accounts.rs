//! Accounts (issue 14): signing up as the board's setting allows and by the input
//! rules, signing in and its lockout, the first admin, and local profiles working
//! beside accounts.

use ideaboard_core::model::{NewInvitation, Role, SignUpMode};
use ideaboard_core::ops::accounts;
use ideaboard_core::{Board, ErrorCode, ops, rules};

use crate::account_support::{
    AccountBoard, PASSWORD, assert_signed_out, attempt, bearer, browser, enter, invitation, join,
    sign_up_form,
};
use crate::support::{MINUTE, T0, assert_refused, code_of, new_board};

fn fresh() -> Board {
    let mut board = Board::open_in_memory("Shared board", T0).unwrap();
    board.use_seeded_ids(3);
    board
}

#[test]
fn sign_up_refuses_bad_input_and_writes_nothing() {
    let mut board = fresh();
    let cases = [
        (
            sign_up_form("Fang", "fang@fans.example", "too short", None),
            ErrorCode::PasswordTooShort,
        ),
        (
            sign_up_form("Fang", "fang@fans.example", "Password123", None),
            ErrorCode::PasswordTooCommon,
        ),
        (
            sign_up_form("Fang", "fang@fans.example", "iloveyou12", None),
            ErrorCode::PasswordTooCommon,
        ),
        (
            sign_up_form("Fang", "fang@", PASSWORD, None),
            ErrorCode::EmailInvalid,
        ),
        (
            sign_up_form("Fang", "fang at fans.example", PASSWORD, None),
            ErrorCode::EmailInvalid,
        ),
        (
            sign_up_form(" ", "fang@fans.example", PASSWORD, None),
            ErrorCode::NameEmpty,
        ),
        (
            sign_up_form("Fang", "fang@fans.example", PASSWORD, Some("ibi_nope")),
            ErrorCode::TokenExpired,
        ),
    ];
    for (form, expected) in cases {
        assert_refused(&mut board, expected, |b| {
            accounts::sign_up(b, &form, &browser(), T0)
        });
    }
    let long = "x".repeat(rules::PASSWORD_MAX + 1);
    let form = sign_up_form("Fang", "fang@fans.example", &long, None);
    let err = accounts::sign_up(&mut board, &form, &browser(), T0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::PasswordTooLong);
    assert_eq!(err.to_dto().params.max, Some(rules::PASSWORD_MAX as u64));
    let short = accounts::sign_up(
        &mut board,
        &sign_up_form("F", "f@x.example", "short", None),
        &browser(),
        T0,
    );
    assert_eq!(
        short.unwrap_err().to_dto().params.min,
        Some(rules::PASSWORD_MIN as u64)
    );
    assert!(ops::list_members(&board).unwrap().is_empty());
}

#[test]
fn an_email_has_one_account_however_it_is_typed() {
    let mut board = fresh();
    let fang = join(&mut board, "Fang", " Fang@Fans.Example ", None, T0);
    let account = accounts::my_account(&board, &fang.actor).unwrap();
    assert_eq!(account.email, "fang@fans.example");
    let again = sign_up_form("Fang two", "FANG@fans.example", PASSWORD, None);
    assert_refused(&mut board, ErrorCode::EmailTaken, |b| {
        accounts::sign_up(b, &again, &browser(), T0)
    });
    enter(&mut board, "fang@FANS.example", T0);
}

#[test]
fn the_sign_up_setting_decides_who_may_join_and_team_roles_come_only_by_invitation() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    assert_eq!(accounts::sign_up_mode(b).unwrap(), SignUpMode::Open);
    let fan = join(b, "Open door", "door@fans.example", None, T0);
    assert_eq!(ops::my_profile(b, &fan.actor).unwrap().role, Role::Fan);

    accounts::set_sign_up_mode(b, &ab.admin.actor, SignUpMode::InviteOnly, T0).unwrap();
    let form = sign_up_form("Uninvited", "un@fans.example", PASSWORD, None);
    assert_refused(b, ErrorCode::InvitationRequired, |b| {
        accounts::sign_up(b, &form, &browser(), T0)
    });
    let token = invitation(b, &ab.admin.actor, Role::Fan, T0);
    let invited = join(b, "Invited", "in@fans.example", Some(&token), T0);
    assert_eq!(ops::my_profile(b, &invited.actor).unwrap().role, Role::Fan);

    // A closed board takes nobody by themselves, nor with a fan's invitation; the
    // team an admin invites still joins.
    accounts::set_sign_up_mode(b, &ab.admin.actor, SignUpMode::Closed, T0).unwrap();
    let form = sign_up_form("Late", "late@fans.example", PASSWORD, None);
    assert_refused(b, ErrorCode::SignUpClosed, |b| {
        accounts::sign_up(b, &form, &browser(), T0)
    });
    let fan_token = invitation(b, &ab.admin.actor, Role::Fan, T0);
    let form = sign_up_form("Late", "late@fans.example", PASSWORD, Some(&fan_token));
    assert_refused(b, ErrorCode::SignUpClosed, |b| {
        accounts::sign_up(b, &form, &browser(), T0)
    });
    let colleague = join(
        b,
        "Colleague",
        "colleague@brand.example",
        Some(&ab.invitation_token),
        T0,
    );
    assert_eq!(
        ops::my_profile(b, &colleague.actor).unwrap().role,
        Role::Moderator
    );
    // Signing in is not signing up.
    enter(b, "door@fans.example", T0);
    assert_eq!(
        ops::my_profile(b, &ab.moderator.actor).unwrap().role,
        Role::Moderator
    );
}

#[test]
fn sign_in_opens_a_session_and_never_says_whether_an_email_exists() {
    let mut board = fresh();
    let form = sign_up_form("Fang", "fang@fans.example", PASSWORD, None);
    let signed_up = accounts::sign_up(&mut board, &form, &browser(), T0).unwrap();
    assert!(signed_up.token.expose().starts_with("ibs_"));
    assert!(signed_up.csrf_token.is_some());
    assert!(!format!("{signed_up:?}").contains(signed_up.token.expose()));

    let later = T0.plus_millis(MINUTE);
    let bearer_in = attempt(&mut board, "fang@fans.example", PASSWORD, bearer(), later).unwrap();
    assert!(bearer_in.csrf_token.is_none());
    assert_eq!(bearer_in.profile.id, signed_up.profile.id);
    let found = accounts::session_actor(&board, bearer_in.token.expose(), later).unwrap();
    assert_eq!(found.actor.member_id(), Some(signed_up.profile.id.as_str()));
    assert_eq!(found.session.label, "ideaboard-cli");

    let wrong = attempt(
        &mut board,
        "fang@fans.example",
        "not my password",
        browser(),
        later,
    );
    let nobody = attempt(
        &mut board,
        "nobody@fans.example",
        PASSWORD,
        browser(),
        later,
    );
    let (wrong, nobody) = (wrong.unwrap_err().to_dto(), nobody.unwrap_err().to_dto());
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);
    assert_eq!(
        (wrong.code, &wrong.message, &wrong.params),
        (nobody.code, &nobody.message, &nobody.params)
    );
    assert_eq!(
        code_of(attempt(&mut board, "nobody", PASSWORD, browser(), later)),
        ErrorCode::EmailInvalid
    );
}

#[test]
fn repeated_failures_lock_an_email_with_a_growing_back_off() {
    let mut board = fresh();
    join(&mut board, "Fang", "fang@fans.example", None, T0);
    let mut at = T0.plus_millis(MINUTE);
    let attempt = |board: &mut Board, password: &str, at| {
        attempt(board, "fang@fans.example", password, browser(), at)
    };
    for _ in 1..accounts::FAILURES_BEFORE_LOCK {
        assert_eq!(
            code_of(attempt(&mut board, "wrong password", at)),
            ErrorCode::InvalidCredentials
        );
    }
    let locked = attempt(&mut board, "wrong password", at)
        .unwrap_err()
        .to_dto();
    assert_eq!(locked.code, ErrorCode::LockedOut);
    assert_eq!(locked.params.retry_after, Some(60));

    // Locked: even the right password waits, and the wait counts down.
    at = at.plus_millis(30_000);
    let waiting = attempt(&mut board, PASSWORD, at).unwrap_err().to_dto();
    assert_eq!(
        (waiting.code, waiting.params.retry_after),
        (ErrorCode::LockedOut, Some(30))
    );

    // Each further failure doubles the lock.
    at = at.plus_millis(30_000);
    let doubled = attempt(&mut board, "wrong again", at).unwrap_err().to_dto();
    assert_eq!(
        (doubled.code, doubled.params.retry_after),
        (ErrorCode::LockedOut, Some(120))
    );
    at = at.plus_millis(120_000);
    attempt(&mut board, PASSWORD, at).expect("the lock is over");

    // A success starts the count again.
    assert_eq!(
        code_of(attempt(&mut board, "wrong password", at)),
        ErrorCode::InvalidCredentials
    );
}

#[test]
fn an_unknown_email_locks_exactly_as_a_known_one() {
    let mut board = fresh();
    join(&mut board, "Fang", "fang@fans.example", None, T0);
    let answers = |board: &mut Board, email: &str| -> Vec<(ErrorCode, Option<u64>)> {
        (0..7)
            .map(|_| {
                let e = attempt(board, email, "wrong password", browser(), T0)
                    .unwrap_err()
                    .to_dto();
                (e.code, e.params.retry_after)
            })
            .collect()
    };
    assert_eq!(
        answers(&mut board, "fang@fans.example"),
        answers(&mut board, "ghost@fans.example")
    );
}

#[test]
fn the_lockout_survives_closing_and_opening_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ideaboard");
    {
        let mut board = Board::create(&path, "Shared board", T0).unwrap();
        join(&mut board, "Fang", "fang@fans.example", None, T0);
        for _ in 0..accounts::FAILURES_BEFORE_LOCK {
            let _ = attempt(
                &mut board,
                "fang@fans.example",
                "wrong password",
                browser(),
                T0,
            );
        }
    }
    let mut board = Board::open(&path, T0).unwrap();
    let again = attempt(&mut board, "fang@fans.example", PASSWORD, browser(), T0);
    assert_eq!(code_of(again), ErrorCode::LockedOut);
}

#[test]
fn the_first_admin_is_made_once_and_local_profiles_keep_working() {
    // A board that already has a local owner profile (no account) still gets its
    // first admin account; local sign-in is untouched.
    let (mut board, owner) = new_board(T0);
    let admin =
        accounts::create_first_admin(&mut board, "Ada", "ada@brand.example", PASSWORD, T0).unwrap();
    assert_eq!(admin.role, Role::Admin);
    assert_refused(&mut board, ErrorCode::AdminAccountExists, |b| {
        accounts::create_first_admin(b, "Eve", "eve@brand.example", PASSWORD, T0)
    });
    assert_refused(&mut board, ErrorCode::PasswordTooCommon, |b| {
        accounts::create_first_admin(b, "Eve", "eve@brand.example", "1234567890", T0)
    });
    ops::sign_in(&board, &owner.id, None).expect("the local owner signs in as before");
    assert_eq!(
        code_of(accounts::my_account(&board, &owner.actor)),
        ErrorCode::NotFound
    );

    let ada = enter(&mut board, "ada@brand.example", T0);
    let input = NewInvitation {
        role: Role::Admin,
        valid_for_hours: 1,
    };
    accounts::invite(&mut board, &ada.actor, &input, T0).expect("the first admin invites");
}

#[test]
fn changing_a_password_needs_the_current_one_and_signs_out_other_sessions() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let phone = enter(b, "fang@fans.example", T0);
    let new = "a brand new passphrase";
    let wrong = accounts::change_password(
        b,
        &ab.fan.actor,
        "not the password",
        new,
        Some(&ab.fan.session_id),
        T0,
    );
    assert_eq!(code_of(wrong), ErrorCode::InvalidCredentials);
    assert_refused(b, ErrorCode::PasswordTooCommon, |b| {
        accounts::change_password(b, &ab.fan.actor, PASSWORD, "qwertyuiop", None, T0)
    });
    accounts::change_password(
        b,
        &ab.fan.actor,
        PASSWORD,
        new,
        Some(&ab.fan.session_id),
        T0,
    )
    .unwrap();
    accounts::session_actor(b, &ab.fan.token, T0).expect("the asking session stays");
    assert_signed_out(b, &phone.token);
    let old = attempt(b, "fang@fans.example", PASSWORD, browser(), T0);
    assert_eq!(code_of(old), ErrorCode::InvalidCredentials);
    attempt(b, "fang@fans.example", new, browser(), T0).unwrap();
}
