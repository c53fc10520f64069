//! Sessions (issue 14): a token stands for its member until it is revoked or
//! expires, and not a moment longer; members list and revoke their own; CSRF
//! tokens belong to one session; the change feed tells no one else of them; and
//! parallel sign-ins, sign-ups and link uses never double anything.

use std::sync::{Arc, Barrier};

use ideaboard_core::model::{ChangeKind, Role, SessionKind, SignIn};
use ideaboard_core::ops::accounts;
use ideaboard_core::{Actor, Board, ErrorCode, Timestamp, ops};

use crate::account_support::{
    AccountBoard, PASSWORD, assert_signed_out, attempt, bearer, browser, enter, sign_up_form,
};
use crate::support::{DAY, MINUTE, T0, code_of};

#[test]
fn a_member_lists_their_sessions_and_a_revoked_one_is_refused_at_once() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let cli = attempt(b, "fang@fans.example", PASSWORD, bearer(), T0).unwrap();
    let cli_token = cli.token.expose().to_string();

    let listed = accounts::list_sessions(b, &ab.fan.actor, Some(&ab.fan.session_id), T0).unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed.iter().filter(|s| s.current).count(), 1);
    assert!(
        listed
            .iter()
            .any(|s| s.current && s.id == ab.fan.session_id && s.kind == SessionKind::Cookie)
    );
    assert!(
        listed
            .iter()
            .any(|s| s.id == cli.session.id && s.label == "ideaboard-cli")
    );

    // Another member cannot see or end it; the admin neither.
    for other in [&ab.other_fan.actor, &ab.admin.actor] {
        let refused = accounts::revoke_session(b, other, &cli.session.id, T0);
        assert_eq!(code_of(refused), ErrorCode::NotFound);
    }
    accounts::session_actor(b, &cli_token, T0).expect("still live");
    accounts::revoke_session(b, &ab.fan.actor, &cli.session.id, T0).unwrap();
    assert_signed_out(b, &cli_token);
    let again = accounts::revoke_session(b, &ab.fan.actor, &cli.session.id, T0);
    assert_eq!(code_of(again), ErrorCode::NotFound);

    let phone = enter(b, "fang@fans.example", T0);
    let tablet = enter(b, "fang@fans.example", T0);
    let ended = accounts::revoke_other_sessions(b, &ab.fan.actor, &ab.fan.session_id, T0).unwrap();
    assert_eq!(ended, 2);
    for gone in [&phone.token, &tablet.token] {
        assert_signed_out(b, gone);
    }
    accounts::sign_out(b, &ab.fan.token, T0).unwrap();
    assert_signed_out(b, &ab.fan.token);
    accounts::sign_out(b, &ab.fan.token, T0).expect("signing out twice is fine");
    assert!(
        accounts::list_sessions(b, &ab.fan.actor, None, T0)
            .unwrap()
            .is_empty()
    );
    // Other members' sessions are untouched.
    accounts::session_actor(b, &ab.other_fan.token, T0).unwrap();
}

#[test]
fn garbage_tokens_are_refused_as_not_signed_in() {
    let ab = AccountBoard::new();
    let valid = &ab.fan.token;
    let digits = &valid[4..];
    for token in [
        String::new(),
        "ibs_".into(),
        valid.to_uppercase(),
        format!("ibi_{digits}"),
        format!("ibs_{}", &digits[1..]),
        format!("{valid}0"),
        format!("ibs_{}", "0".repeat(64)),
        "'; DROP TABLE sessions; --".into(),
    ] {
        assert_eq!(
            code_of(accounts::session_actor(&ab.board, &token, T0)),
            ErrorCode::NotSignedIn,
            "{token:?}"
        );
    }
}

#[test]
fn sessions_expire_when_idle_and_at_their_longest_life() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let idle = SessionKind::Cookie.idle_days() * DAY;
    let found = accounts::session_actor(b, &ab.fan.token, T0.plus_millis(MINUTE)).unwrap();
    assert!(!found.touch_due);
    assert_eq!(found.session.expires_at, T0.plus_millis(idle));
    assert_eq!(
        code_of(accounts::session_actor(
            b,
            &ab.fan.token,
            T0.plus_millis(idle)
        )),
        ErrorCode::NotSignedIn
    );

    // Used every ten days, it lives on, up to its longest life.
    let mut at = T0;
    let longest = T0.plus_millis(SessionKind::Cookie.max_days() * DAY);
    while at.plus_millis(10 * DAY) < longest {
        at = at.plus_millis(10 * DAY);
        let found = accounts::session_actor(b, &ab.other_fan.token, at).unwrap();
        assert!(found.touch_due);
        accounts::touch_session(b, &found.session, at).unwrap();
        assert!(
            !accounts::session_actor(b, &ab.other_fan.token, at)
                .unwrap()
                .touch_due
        );
    }
    let last = accounts::session_actor(b, &ab.other_fan.token, at).unwrap();
    assert_eq!(last.session.expires_at, longest);
    assert_eq!(
        code_of(accounts::session_actor(b, &ab.other_fan.token, longest)),
        ErrorCode::NotSignedIn
    );
    // A bearer session lasts longer than a cookie's.
    let cli = attempt(b, "mia@brand.example", PASSWORD, bearer(), T0).unwrap();
    assert_eq!(
        cli.session.expires_at,
        T0.plus_millis(SessionKind::Bearer.idle_days() * DAY)
    );
}

#[test]
fn a_csrf_token_is_its_own_sessions_only() {
    let mut ab = AccountBoard::new();
    let signed_in = attempt(&mut ab.board, "fang@fans.example", PASSWORD, browser(), T0).unwrap();
    let token = signed_in.token.expose();
    let csrf = signed_in
        .csrf_token
        .clone()
        .expect("a cookie session has one");
    assert_eq!(accounts::csrf_token(token), csrf);
    accounts::check_csrf(token, csrf.expose()).unwrap();
    let other = accounts::csrf_token(&ab.other_fan.token);
    let foreign = accounts::csrf_token(&ab.fan.token);
    for wrong in [other.expose(), foreign.expose(), "", "0"] {
        assert_eq!(
            code_of(accounts::check_csrf(token, wrong)),
            ErrorCode::CsrfRejected
        );
    }
}

#[test]
fn the_feed_tells_only_the_member_of_their_sessions_and_no_one_their_email() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let from = ops::latest_change_seq(b).unwrap();
    let newcomer = accounts::sign_up(
        b,
        &sign_up_form("Nia", "nia@fans.example", PASSWORD, None),
        &browser(),
        T0,
    )
    .unwrap();
    enter(b, "fang@fans.example", T0);
    accounts::revoke_other_sessions(b, &ab.fan.actor, &ab.fan.session_id, T0).unwrap();

    let seen = |who: &Actor| ops::changes_since(b, who, from, 100).unwrap().changes;
    let account_of = |changes: &[ideaboard_core::model::Change], id: &str| {
        changes
            .iter()
            .filter(|c| c.kind == ChangeKind::Member && c.id.as_deref() == Some(id))
            .count()
    };
    // Everyone learns that a profile was made (profiles are public) ...
    for who in [
        Actor::guest(),
        ab.other_fan.actor.clone(),
        ab.admin.actor.clone(),
    ] {
        let changes = seen(&who);
        assert_eq!(account_of(&changes, &newcomer.profile.id), 1, "{changes:?}");
        assert_eq!(account_of(&changes, &ab.fan.id), 0, "{changes:?}");
    }
    // ... and only Fang of Fang's sessions.
    assert!(account_of(&seen(&ab.fan.actor), &ab.fan.id) >= 1);
    let text = format!("{:?}", seen(&ab.admin.actor));
    assert!(!text.contains('@'), "{text}");
}

/// Opens `n` connections to one board file.
fn connections(path: &std::path::Path, n: usize) -> Vec<Board> {
    (0..n).map(|_| Board::open(path, T0).unwrap()).collect()
}

/// Runs `f` on every board at once (each on its own thread, released together).
fn at_once<T: Send + 'static>(
    boards: Vec<Board>,
    f: impl Fn(usize, &mut Board) -> T + Send + Sync + 'static,
) -> Vec<T> {
    let barrier = Arc::new(Barrier::new(boards.len()));
    let f = Arc::new(f);
    let threads: Vec<_> = boards
        .into_iter()
        .enumerate()
        .map(|(i, mut board)| {
            let (barrier, f) = (barrier.clone(), f.clone());
            std::thread::spawn(move || {
                barrier.wait();
                f(i, &mut board)
            })
        })
        .collect();
    threads.into_iter().map(|t| t.join().unwrap()).collect()
}

#[test]
fn parallel_sign_ins_sign_ups_and_link_uses_never_double_anything() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ideaboard");
    let mut ab = AccountBoard::at(&path);
    let invitation = ab.invitation_token.clone();
    let at = T0.plus_millis(MINUTE);

    // Four wrong passwords at once count four failures: the fifth locks.
    let failures = at_once(connections(&path, 4), move |_, b| {
        code_of(attempt(
            b,
            "otto@fans.example",
            "wrong password",
            browser(),
            at,
        ))
    });
    assert_eq!(failures, vec![ErrorCode::InvalidCredentials; 4]);
    let fifth = attempt(
        &mut ab.board,
        "otto@fans.example",
        "wrong password",
        browser(),
        at,
    );
    assert_eq!(code_of(fifth), ErrorCode::LockedOut);

    // Four right passwords at once: four sessions.
    let sessions = at_once(connections(&path, 4), move |_, b| {
        attempt(b, "fang@fans.example", PASSWORD, bearer(), at).map(|s| s.session.id)
    });
    assert!(sessions.iter().all(Result::is_ok));
    let listed = accounts::list_sessions(&ab.board, &ab.fan.actor, None, at).unwrap();
    assert_eq!(listed.len(), 5);

    // One email signing up four times at once: one account.
    let sign_ups = at_once(connections(&path, 4), move |i, b| {
        let form = sign_up_form(&format!("Twin {i}"), "twin@fans.example", PASSWORD, None);
        accounts::sign_up(b, &form, &browser(), at).map(drop)
    });
    assert_eq!(sign_ups.iter().filter(|r| r.is_ok()).count(), 1);
    assert!(
        sign_ups
            .iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| e.code() == ErrorCode::EmailTaken)
    );

    // One invitation used by four at once: one moderator.
    let members_before = ops::list_members(&ab.board).unwrap().len();
    let uses = at_once(connections(&path, 4), move |i, b| {
        let form = sign_up_form(
            &format!("Mod {i}"),
            &format!("mod{i}@brand.example"),
            PASSWORD,
            Some(&invitation),
        );
        accounts::sign_up(b, &form, &browser(), at).map(|s| s.profile.role)
    });
    assert_eq!(
        uses.iter()
            .filter(|r| matches!(r, Ok(Role::Moderator)))
            .count(),
        1
    );
    assert!(
        uses.iter()
            .filter_map(|r| r.as_ref().err())
            .all(|e| e.code() == ErrorCode::TokenExpired)
    );
    assert_eq!(
        ops::list_members(&ab.board).unwrap().len(),
        members_before + 1
    );
    assert_eq!(ab.board.check_integrity().unwrap(), Vec::<String>::new());
}

#[test]
fn timestamps_of_sessions_are_the_times_passed_in() {
    let mut ab = AccountBoard::new();
    let at = Timestamp::from_millis(T0.millis() + 3 * DAY);
    let s = attempt(&mut ab.board, "mia@brand.example", PASSWORD, browser(), at).unwrap();
    assert_eq!((s.session.created_at, s.session.last_seen_at), (at, at));
    assert_eq!(s.session.label, "Firefox 128 on Linux");
}

#[test]
fn the_account_writes_no_member_acts_through_append_for_whom_they_concern() {
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let kinds = |b: &Board, who: &Actor, from: i64| -> Vec<ChangeKind> {
        let mut kinds: Vec<ChangeKind> = ops::changes_since(b, who, from, 100)
            .unwrap()
            .changes
            .iter()
            .map(|c| c.kind)
            .collect();
        kinds.dedup();
        kinds
    };
    let guest = Actor::guest();
    let from = ops::latest_change_seq(b).unwrap();
    let nia = accounts::sign_up(
        b,
        &sign_up_form("Nia", "nia@fans.example", PASSWORD, None),
        &browser(),
        T0,
    )
    .unwrap();
    let nia_actor = accounts::session_actor(b, nia.token.expose(), T0)
        .unwrap()
        .actor;
    assert_eq!(kinds(b, &guest, from), [ChangeKind::Member]);
    assert_eq!(kinds(b, &nia_actor, from), [ChangeKind::Member]);

    // Signing in, out, and a reset: for the member alone.
    for step in 0..3 {
        let from = ops::latest_change_seq(b).unwrap();
        match step {
            0 => drop(enter(b, "nia@fans.example", T0)),
            1 => accounts::sign_out(b, nia.token.expose(), T0).unwrap(),
            _ => {
                let reset = accounts::issue_password_reset(b, &ab.admin.actor, &nia.profile.id, T0)
                    .unwrap();
                let from = ops::latest_change_seq(b).unwrap();
                accounts::reset_password(b, reset.token.expose(), "a newer passphrase", T0)
                    .unwrap();
                assert!(kinds(b, &ab.admin.actor, from).is_empty());
            }
        }
        assert_eq!(
            kinds(b, &nia_actor, from),
            [ChangeKind::Member],
            "step {step}"
        );
        assert!(kinds(b, &guest, from).is_empty(), "step {step}");
        assert!(kinds(b, &ab.fan.actor, from).is_empty(), "step {step}");
    }

    // A failed sign-in and a session's last use change nothing anyone is shown.
    let from = ops::latest_change_seq(b).unwrap();
    let _ = attempt(b, "nia@fans.example", "wrong password", browser(), T0);
    let found = accounts::session_actor(b, &ab.fan.token, T0.plus_millis(10 * MINUTE)).unwrap();
    accounts::touch_session(b, &found.session, T0.plus_millis(10 * MINUTE)).unwrap();
    assert_eq!(ops::latest_change_seq(b).unwrap(), from);

    // The first admin of a board is a profile like any.
    let mut board = Board::open_in_memory("Fresh", T0).unwrap();
    accounts::create_first_admin(&mut board, "Ada", "ada@brand.example", PASSWORD, T0).unwrap();
    assert_eq!(kinds(&board, &guest, 0), [ChangeKind::Member]);
}

#[test]
fn a_server_checks_on_a_read_only_connection_and_finishes_on_its_writer() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.ideaboard");
    let mut ab = AccountBoard::at(&path);
    let reader = Board::open_read_only(&path).unwrap();
    let fang = SignIn {
        email: "fang@fans.example".into(),
        password: PASSWORD.into(),
    };
    let checked = accounts::check_sign_in(&reader, &fang, T0).unwrap();
    let signed_in = accounts::finish_sign_in(&mut ab.board, checked, &browser(), T0).unwrap();
    assert_eq!(signed_in.profile.id, ab.fan.id);

    // Two sign-ups of one email checked at once: the second finds it taken.
    let form = sign_up_form("Nia", "nia@fans.example", PASSWORD, None);
    let first = accounts::check_sign_up(&reader, &form, T0).unwrap();
    let second = accounts::check_sign_up(&reader, &form, T0).unwrap();
    accounts::finish_sign_up(&mut ab.board, first, &browser(), T0).unwrap();
    let late = accounts::finish_sign_up(&mut ab.board, second, &browser(), T0);
    assert_eq!(code_of(late), ErrorCode::EmailTaken);

    // A password changed between the check and the write does not let the old one in.
    let stale = accounts::check_sign_in(&reader, &fang, T0).unwrap();
    let new = "a brand new passphrase";
    accounts::change_password(&mut ab.board, &ab.fan.actor, PASSWORD, new, None, T0).unwrap();
    let refused = accounts::finish_sign_in(&mut ab.board, stale, &browser(), T0);
    assert_eq!(code_of(refused), ErrorCode::InvalidCredentials);
    assert!(reader.is_read_only());
}

#[test]
fn housekeeping_deletes_only_what_ended_more_than_thirty_days_ago() {
    use ideaboard_core::model::NewInvitation;
    let mut ab = AccountBoard::new();
    let b = &mut ab.board;
    let gone = enter(b, "fang@fans.example", T0);
    accounts::sign_out(b, &gone.token, T0).unwrap();
    let moderators = NewInvitation {
        role: Role::Moderator,
        valid_for_hours: 48,
    };
    let revoked = accounts::invite(b, &ab.admin.actor, &moderators, T0).unwrap();
    accounts::revoke_invitation(b, &ab.admin.actor, &revoked.invitation.id, T0).unwrap();
    accounts::issue_password_reset(b, &ab.admin.actor, &ab.fan.id, T0).unwrap();

    // Twenty days on, everything ended less than thirty days ago: nothing goes.
    let kept = accounts::housekeeping(b, T0.plus_millis(20 * DAY)).unwrap();
    assert_eq!(kept, accounts::Housekept::default());

    // Thirty-two days on: the signed-out session, the revoked invitation and the
    // reset link that expired a day after it was issued go; what was made that day
    // still works. Nobody could see any of it: the feed does not move.
    let later = T0.plus_millis(32 * DAY);
    let fresh = enter(b, "fang@fans.example", later);
    let pending = accounts::invite(b, &ab.admin.actor, &moderators, later).unwrap();
    let seq = ops::latest_change_seq(b).unwrap();
    let swept = accounts::housekeeping(b, later).unwrap();
    assert_eq!(ops::latest_change_seq(b).unwrap(), seq, "no feed entry");
    assert!(swept.sessions >= 1, "{swept:?}");
    assert!(swept.invitations >= 1, "{swept:?}");
    assert!(swept.resets >= 1, "{swept:?}");
    accounts::session_actor(b, &fresh.token, later).expect("a live session stays");
    accounts::check_invitation(b, pending.token.expose(), later).expect("a pending link stays");
    assert_signed_out(b, &gone.token);
    // A second sweep the same day finds nothing more.
    assert_eq!(
        accounts::housekeeping(b, later).unwrap(),
        accounts::Housekept::default()
    );
}
