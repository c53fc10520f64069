//! Accounts over HTTP, under `/api/auth/`: sign up, sign in and out, the session a
//! page is in (and its CSRF token), the member's list of sessions, changing one's
//! password and setting a new one with an admin's reset link. These are
//! the server's own because they turn tokens into cookies; everything else a member
//! does is a command of the contract.
//!
//! A browser signs in for a cookie session (the token never reaches the page's
//! script); the app and scripts ask for `"bearer": true` and get the token once, in
//! the answer. Passwords are hashed on the board's read side, so the writer is never
//! held for a hash.

use std::net::{IpAddr, SocketAddr};
use std::sync::Arc;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use ideaboard_core::model::{
    MemberProfile, NewSession, SessionInfo, SessionKind, SignIn, SignUp, SignedIn,
};
use ideaboard_core::ops::{self, accounts};
use ideaboard_core::{Actor, Board, Error, ErrorCode, ErrorDto, Timestamp};
use serde::{Deserialize, Serialize};

use crate::App;
use crate::auth::{self, Caller, Carrier, Limited, session_cookie};
use crate::errors::ApiError;

/// What signing up asks.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignUpBody {
    display_name: String,
    email: String,
    password: String,
    #[serde(default)]
    invitation: Option<String>,
    /// A bearer token in the answer instead of a cookie (the app, scripts).
    #[serde(default)]
    bearer: bool,
    /// What the member will recognise the session by; the user agent by default.
    #[serde(default)]
    label: Option<String>,
}

/// What signing in asks.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SignInBody {
    email: String,
    password: String,
    #[serde(default)]
    bearer: bool,
    #[serde(default)]
    label: Option<String>,
}

/// Which session to end.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RevokeBody {
    id: String,
}

/// What setting a new password with an admin's reset link asks.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ResetPasswordBody {
    token: String,
    password: String,
}

/// What changing one's own password asks.
#[derive(Debug, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangePasswordBody {
    current_password: String,
    new_password: String,
}

/// The session a client is in: who, which session, and (for a cookie session) the
/// CSRF token its page sends with every request.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SessionAnswer {
    profile: Option<MemberProfile>,
    session: Option<SessionInfo>,
    csrf_token: Option<String>,
    /// The bearer token, once, when one was asked for.
    #[serde(skip_serializing_if = "Option::is_none")]
    token: Option<String>,
}

impl SessionAnswer {
    fn signed_in(signed: SignedIn, bearer: bool) -> SessionAnswer {
        SessionAnswer {
            profile: Some(signed.profile),
            session: Some(signed.session),
            csrf_token: signed.csrf_token.map(|t| t.expose().to_string()),
            token: bearer.then(|| signed.token.expose().to_string()),
        }
    }
}

fn new_session(bearer: bool, label: Option<String>, headers: &HeaderMap) -> NewSession {
    let agent = headers
        .get(header::USER_AGENT)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    NewSession {
        kind: if bearer {
            SessionKind::Bearer
        } else {
            SessionKind::Cookie
        },
        label: label.unwrap_or_else(|| agent.to_string()),
    }
}

/// Runs `f` on the blocking pool and answers with its JSON, or its error.
async fn blocking<T: Send + 'static>(
    f: impl FnOnce() -> Result<T, ErrorDto> + Send + 'static,
) -> Result<T, ApiError> {
    match tokio::task::spawn_blocking(f).await {
        Ok(answer) => answer.map_err(ApiError),
        Err(e) => Err(ApiError::from(Error::Internal(e.to_string()))),
    }
}

/// Runs `f` on the blocking pool for the request's caller (`csrf`: whether a cookie
/// request must carry its CSRF token), with the time it runs at.
async fn as_caller<T: Send + 'static>(
    app: &Arc<App>,
    headers: HeaderMap,
    csrf: bool,
    f: impl FnOnce(&App, Caller, Timestamp) -> Result<T, ErrorDto> + Send + 'static,
) -> Result<T, ApiError> {
    let worker = Arc::clone(app);
    blocking(move || {
        let now = Timestamp::now();
        let caller = auth::identify(&worker.slot, &headers, csrf, now).map_err(|e| e.to_dto())?;
        f(&worker, caller, now)
    })
    .await
}

/// The answer to a sign-up or sign-in: the session, and its cookie when the client
/// is a browser.
fn opened(app: &App, signed: SignedIn, bearer: bool) -> Response {
    let cookie =
        (!bearer).then(|| session_cookie(Some(signed.token.expose()), app.config.secure_cookies));
    let mut response = Json(SessionAnswer::signed_in(signed, bearer)).into_response();
    if let Some(cookie) = cookie {
        response.headers_mut().insert(header::SET_COOKIE, cookie);
    }
    response
}

/// Opens a session in two steps: `check` on the board's read side (the slow
/// argon2 work, never on the writer), then `finish` on the writer, which re-checks
/// what the check relied on. Rate-limited per address as `action`.
async fn open_session<C: Send + 'static>(
    app: Arc<App>,
    ip: IpAddr,
    action: Limited,
    session: NewSession,
    check: impl FnOnce(&Board, Timestamp) -> ideaboard_core::Result<C> + Send + 'static,
    finish: impl FnOnce(&mut Board, C, &NewSession, Timestamp) -> ideaboard_core::Result<SignedIn>
    + Send
    + 'static,
) -> Result<Response, ApiError> {
    let bearer = session.kind == SessionKind::Bearer;
    let worker = Arc::clone(&app);
    let signed = blocking(move || {
        let now = Timestamp::now();
        worker
            .limits
            .check(action, ip, None, now)
            .map_err(|e| e.to_dto())?;
        let guest = Actor::guest();
        let checked = worker.slot.run_read(&guest, |board, _| check(board, now))?;
        worker
            .slot
            .run(&guest, |board, _| finish(board, checked, &session, now))
    })
    .await?;
    Ok(opened(&app, signed, bearer))
}

/// `POST /api/auth/sign_up`: a new fan account (or the invited role), signed in.
pub async fn sign_up(
    State(app): State<Arc<App>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(body): Json<SignUpBody>,
) -> Result<Response, ApiError> {
    let session = new_session(body.bearer, body.label, &headers);
    let ip = auth::client_ip(address, &headers, app.config.forwarded_for);
    let input = SignUp {
        display_name: body.display_name,
        email: body.email,
        password: body.password,
        invitation: body.invitation,
    };
    let check = move |board: &Board, now| accounts::check_sign_up(board, &input, now);
    open_session(
        app,
        ip,
        Limited::SignUp,
        session,
        check,
        accounts::finish_sign_up,
    )
    .await
}

/// `POST /api/auth/sign_in`: email and password for a session. A wrong password
/// is counted by the write (the lockout), and says nothing of whether the email
/// has an account.
pub async fn sign_in(
    State(app): State<Arc<App>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(body): Json<SignInBody>,
) -> Result<Response, ApiError> {
    let session = new_session(body.bearer, body.label, &headers);
    let ip = auth::client_ip(address, &headers, app.config.forwarded_for);
    let input = SignIn {
        email: body.email,
        password: body.password,
    };
    let check = move |board: &Board, now| accounts::check_sign_in(board, &input, now);
    open_session(
        app,
        ip,
        Limited::SignIn,
        session,
        check,
        accounts::finish_sign_in,
    )
    .await
}

/// `POST /api/auth/sign_out`: ends the caller's session and clears its cookie.
pub async fn sign_out(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let carrier = as_caller(&app, headers, true, |worker, caller, now| {
        let Some((token, carrier)) = caller.token else {
            return Ok(None);
        };
        worker.slot.run(&Actor::guest(), |board, _| {
            accounts::sign_out(board, &token, now)
        })?;
        Ok(Some(carrier))
    })
    .await?;
    let mut response = Json(serde_json::Value::Null).into_response();
    if carrier == Some(Carrier::Cookie) {
        response.headers_mut().insert(
            header::SET_COOKIE,
            session_cookie(None, app.config.secure_cookies),
        );
    }
    Ok(response)
}

/// `GET /api/auth/session`: who the caller is, and for a cookie session the CSRF
/// token its page must send (a page cannot read its `HttpOnly` cookie). Safe as a
/// GET: it changes nothing, and another site cannot read the answer. A cookie whose
/// session has ended (signed out or revoked elsewhere, expired) makes the page a
/// guest's again and is cleared: the page's script cannot remove it itself.
pub async fn session(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
) -> Result<Response, ApiError> {
    let cookie = matches!(auth::token_of(&headers), Some((_, Carrier::Cookie)));
    let answer = as_caller(&app, headers, false, |worker, caller, _| {
        let actor = caller.session.actor();
        let profile = match actor.member_id() {
            Some(_) => Some(
                worker
                    .slot
                    .run_read(&actor, |board, a| ops::my_profile(board, a))?,
            ),
            None => None,
        };
        let csrf_token = match &caller.token {
            Some((token, Carrier::Cookie)) => {
                Some(accounts::csrf_token(token).expose().to_string())
            }
            _ => None,
        };
        Ok(SessionAnswer {
            profile,
            session: caller.info,
            csrf_token,
            token: None,
        })
    })
    .await;
    match answer {
        Ok(answer) => Ok(Json(answer).into_response()),
        Err(ApiError(dto)) if cookie && dto.code == ErrorCode::NotSignedIn => {
            let guest = SessionAnswer {
                profile: None,
                session: None,
                csrf_token: None,
                token: None,
            };
            let mut response = Json(guest).into_response();
            response.headers_mut().insert(
                header::SET_COOKIE,
                session_cookie(None, app.config.secure_cookies),
            );
            Ok(response)
        }
        Err(error) => Err(error),
    }
}

/// `POST /api/auth/sessions`: the caller's live sessions, this one marked.
pub async fn sessions(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
) -> Result<Json<Vec<SessionInfo>>, ApiError> {
    let list = as_caller(&app, headers, true, |worker, caller, now| {
        let current = caller.info.as_ref().map(|s| s.id.clone());
        worker
            .slot
            .run_read(&caller.session.actor(), |board, actor| {
                accounts::list_sessions(board, actor, current.as_deref(), now)
            })
    })
    .await?;
    Ok(Json(list))
}

/// `POST /api/auth/sessions/revoke`: ends one of the caller's sessions at once.
pub async fn revoke(
    State(app): State<Arc<App>>,
    headers: HeaderMap,
    Json(body): Json<RevokeBody>,
) -> Result<Json<serde_json::Value>, ApiError> {
    as_caller(&app, headers, true, move |worker, caller, now| {
        worker.slot.run(&caller.session.actor(), |board, actor| {
            accounts::revoke_session(board, actor, &body.id, now)
        })
    })
    .await?;
    Ok(Json(serde_json::Value::Null))
}

/// `POST /api/auth/reset_password`: a new password with an admin's reset link,
/// which it spends; every session of the member ends (this browser's too, if it was
/// theirs), and none is opened: the person signs in with the new password. The
/// argon2 work is on the read side; rate-limited per address as a sign-in.
pub async fn reset_password(
    State(app): State<Arc<App>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(body): Json<ResetPasswordBody>,
) -> Result<Json<MemberProfile>, ApiError> {
    let ip = auth::client_ip(address, &headers, app.config.forwarded_for);
    let worker = Arc::clone(&app);
    let profile = blocking(move || {
        let now = Timestamp::now();
        worker
            .limits
            .check(Limited::SignIn, ip, None, now)
            .map_err(|e| e.to_dto())?;
        let guest = Actor::guest();
        let checked = worker.slot.run_read(&guest, |board, _| {
            accounts::check_reset_password(board, &body.token, &body.password, now)
        })?;
        worker.slot.run(&guest, |board, _| {
            accounts::finish_reset_password(board, checked, now)
        })
    })
    .await?;
    Ok(Json(profile))
}

/// `POST /api/auth/change_password`: the caller's new password, given the current
/// one; every other session of theirs ends, this one stays. A wrong current
/// password counts as a failed sign-in (the lockout). The argon2 work is on the
/// read side; rate-limited per address as a sign-in.
pub async fn change_password(
    State(app): State<Arc<App>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    Json(body): Json<ChangePasswordBody>,
) -> Result<Json<serde_json::Value>, ApiError> {
    let ip = auth::client_ip(address, &headers, app.config.forwarded_for);
    as_caller(&app, headers, true, move |worker, caller, now| {
        worker
            .limits
            .check(Limited::SignIn, ip, None, now)
            .map_err(|e| e.to_dto())?;
        let actor = caller.session.actor();
        let keep = caller.info.as_ref().map(|s| s.id.clone());
        let checked = worker.slot.run_read(&actor, |board, actor| {
            accounts::check_change_password(
                board,
                actor,
                &body.current_password,
                &body.new_password,
                now,
            )
        })?;
        worker.slot.run(&actor, |board, _| {
            accounts::finish_change_password(board, checked, keep.as_deref(), now)
        })
    })
    .await?;
    Ok(Json(serde_json::Value::Null))
}
