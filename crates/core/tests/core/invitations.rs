//! Invitations and password-reset links (issue 14): single use, until they expire;
//! a reset signs the member out everywhere; and no password, token or CSRF token is
//! ever in the board file.

use ideaboard_core::model::{NewInvitation, Role};
use ideaboard_core::ops::accounts;
use ideaboard_core::{Board, ErrorCode, ops};

use crate::account_support::{
    AccountBoard, PASSWORD, assert_signed_out, attempt, bearer, board_bytes, browser, enter,
    invitation, join, sign_up_form,
};
use crate::support::{DAY, HOUR, T0, assert_refused, code_of};

#[test]
fn an_invitation_gives_its_role_once_until_it_expires() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let admin = ab.admin.actor.clone();
    let for_admin = invitation(b, &admin, Role::Admin, T0);
    let offered = accounts::check_invitation(b, &for_admin, T0).unwrap();
    assert_eq!(offered.role, Role::Admin);
    let new_admin = join(b, "Ana", "ana@brand.example", Some(&for_admin), T0);
    assert_eq!(
        ops::my_profile(b, &new_admin.actor).unwrap().role,
        Role::Admin
    );

    // Single use.
    assert_eq!(
        code_of(accounts::check_invitation(b, &for_admin, T0)),
        ErrorCode::TokenExpired
    );
    let again = sign_up_form("Copy", "copy@brand.example", PASSWORD, Some(&for_admin));
    assert_refused(b, ErrorCode::TokenExpired, |b| {
        accounts::sign_up(b, &again, &browser(), T0)
    });

    // Expired after its hours.
    let input = NewInvitation {
        role: Role::Moderator,
        valid_for_hours: 2,
    };
    let short = accounts::invite(b, &admin, &input, T0).unwrap();
    assert_eq!(short.invitation.expires_at, T0.plus_millis(2 * HOUR));
    let late = sign_up_form(
        "Late",
        "late@brand.example",
        PASSWORD,
        Some(short.token.expose()),
    );
    assert_refused(b, ErrorCode::TokenExpired, |b| {
        accounts::sign_up(b, &late, &browser(), T0.plus_millis(2 * HOUR))
    });

    // Revoked, and listed only while pending.
    let pending = accounts::list_invitations(b, &admin, T0).unwrap();
    assert!(pending.iter().any(|i| i.id == ab.invitation_id));
    assert!(pending.iter().any(|i| i.id == short.invitation.id));
    assert!(
        accounts::list_invitations(b, &admin, T0.plus_millis(3 * HOUR))
            .unwrap()
            .iter()
            .all(|i| i.id != short.invitation.id)
    );
    accounts::revoke_invitation(b, &admin, &ab.invitation_id, T0).unwrap();
    assert_eq!(
        code_of(accounts::check_invitation(b, &ab.invitation_token, T0)),
        ErrorCode::TokenExpired
    );
    assert_refused(b, ErrorCode::NotFound, |b| {
        accounts::revoke_invitation(b, &admin, &ab.invitation_id, T0)
    });
    assert_refused(b, ErrorCode::InvalidInput, |b| {
        let input = NewInvitation {
            role: Role::Fan,
            valid_for_hours: 0,
        };
        accounts::invite(b, &admin, &input, T0)
    });
}

#[test]
fn a_member_accepts_an_invitation_and_never_loses_a_higher_role() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let admin = ab.admin.actor.clone();
    let to_moderate = invitation(b, &admin, Role::Moderator, T0);
    let profile = accounts::accept_invitation(b, &ab.fan.actor, &to_moderate, T0).unwrap();
    assert_eq!(profile.role, Role::Moderator);
    assert_eq!(
        code_of(accounts::accept_invitation(
            b,
            &ab.other_fan.actor,
            &to_moderate,
            T0
        )),
        ErrorCode::TokenExpired
    );

    let as_fan = invitation(b, &admin, Role::Fan, T0);
    let kept = accounts::accept_invitation(b, &ab.moderator.actor, &as_fan, T0).unwrap();
    assert_eq!(kept.role, Role::Moderator);
    assert_eq!(
        code_of(accounts::check_invitation(b, &as_fan, T0)),
        ErrorCode::TokenExpired
    );
}

#[test]
fn a_reset_link_sets_a_new_password_once_and_signs_the_member_out_everywhere() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let admin = ab.admin.actor.clone();
    let phone = enter(b, "fang@fans.example", T0);
    // Fang locked themself out; the reset also lifts the lock.
    for _ in 0..accounts::FAILURES_BEFORE_LOCK {
        let _ = attempt(b, "fang@fans.example", "forgotten it", browser(), T0);
    }
    let first = accounts::issue_password_reset(b, &admin, &ab.fan.id, T0).unwrap();
    let reset = accounts::issue_password_reset(b, &admin, &ab.fan.id, T0).unwrap();
    assert_eq!(
        reset.expires_at,
        T0.plus_millis(accounts::RESET_VALID_HOURS * HOUR)
    );
    let token = reset.token.expose().to_string();

    assert_refused(b, ErrorCode::TokenExpired, |b| {
        accounts::reset_password(b, first.token.expose(), "a newer passphrase", T0)
    });
    assert_refused(b, ErrorCode::PasswordTooShort, |b| {
        accounts::reset_password(b, &token, "short", T0)
    });
    assert_refused(b, ErrorCode::PasswordTooCommon, |b| {
        accounts::reset_password(b, &token, "1234567890", T0)
    });

    let profile = accounts::reset_password(b, &token, "a newer passphrase", T0).unwrap();
    assert_eq!(profile.id, ab.fan.id);
    for gone in [&ab.fan.token, &phone.token] {
        assert_signed_out(b, gone);
    }
    let old = attempt(b, "fang@fans.example", PASSWORD, browser(), T0);
    assert_eq!(code_of(old), ErrorCode::InvalidCredentials);
    attempt(b, "fang@fans.example", "a newer passphrase", browser(), T0).unwrap();
    assert_refused(b, ErrorCode::TokenExpired, |b| {
        accounts::reset_password(b, &token, "another passphrase", T0)
    });
    accounts::session_actor(b, &ab.other_fan.token, T0).expect("others stay signed in");

    let expired = accounts::issue_password_reset(b, &admin, &ab.other_fan.id, T0).unwrap();
    assert_refused(b, ErrorCode::TokenExpired, |b| {
        accounts::reset_password(
            b,
            expired.token.expose(),
            "another passphrase",
            T0.plus_millis(DAY),
        )
    });
}

#[test]
fn a_reset_needs_an_account_and_an_invitation_token_is_no_reset_token() {
    let (mut board, owner) = crate::support::new_board(T0);
    let local = crate::support::add_fan(&mut board, "Local fan", T0);
    assert_refused(&mut board, ErrorCode::NotFound, |b| {
        accounts::issue_password_reset(b, &owner.actor, &local.id, T0)
    });
    let mut ab = AccountBoard::new();
    let token = ab.invitation_token.clone();
    assert_refused(&mut ab.board, ErrorCode::TokenExpired, |b| {
        accounts::reset_password(b, &token, "a newer passphrase", T0)
    });
}

#[test]
fn the_board_file_holds_no_password_token_or_csrf_token_in_clear() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ideaboard");
    let mut ab = AccountBoard::at(&path);
    let b = &mut ab.board;
    let admin = ab.admin.actor.clone();
    let mut secrets: Vec<String> = vec![PASSWORD.into(), ab.invitation_token.clone()];
    for h in [&ab.admin, &ab.moderator, &ab.fan, &ab.other_fan] {
        secrets.push(h.token.clone());
        secrets.push(accounts::csrf_token(&h.token).expose().to_string());
    }
    let cli = attempt(b, "otto@fans.example", PASSWORD, bearer(), T0).unwrap();
    secrets.push(cli.token.expose().into());
    let browser_in = attempt(b, "otto@fans.example", PASSWORD, browser(), T0).unwrap();
    secrets.push(browser_in.token.expose().into());
    secrets.push(browser_in.csrf_token.unwrap().expose().into());
    let _ = attempt(b, "otto@fans.example", "a wrong guess 123", browser(), T0);
    secrets.push("a wrong guess 123".into());
    let fan_link = invitation(b, &admin, Role::Fan, T0);
    secrets.push(fan_link.clone());
    join(b, "Nia", "nia@fans.example", Some(&fan_link), T0);
    let reset = accounts::issue_password_reset(b, &admin, &ab.fan.id, T0).unwrap();
    secrets.push(reset.token.expose().into());
    accounts::reset_password(b, reset.token.expose(), "a newer passphrase", T0).unwrap();
    secrets.push("a newer passphrase".into());
    accounts::change_password(
        b,
        &ab.moderator.actor,
        PASSWORD,
        "moderating all day",
        None,
        T0,
    )
    .unwrap();
    secrets.push("moderating all day".into());
    b.checkpoint().unwrap();

    let bytes = board_bytes(&path);
    let mut found = Vec::new();
    for secret in &secrets {
        // The whole text, and the random part of a token on its own.
        let random = secret
            .get(4..)
            .filter(|_| secret.starts_with("ib"))
            .unwrap_or(secret);
        for needle in [secret.as_str(), random] {
            if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
                found.push(needle.to_string());
            }
        }
    }
    assert!(found.is_empty(), "in clear in the board file: {found:?}");
    // The emails are there (they are the accounts), so the scan does see text.
    assert!(bytes.windows(17).any(|w| w == b"fang@fans.example"));
    drop(ab);
    let reopened = Board::open(&path, T0).unwrap();
    assert_eq!(reopened.check_integrity().unwrap(), Vec::<String>::new());
}
