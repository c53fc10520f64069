//! Who a request comes from. A browser carries its session in an `HttpOnly;
//! SameSite=Lax` cookie and proves each request with the session's CSRF token in a
//! header; the app and scripts carry a bearer token. No token: a guest, who may
//! read what the board shows everyone. A token that is unknown, revoked or expired
//! is refused at once (`NotSignedIn`), never taken for a guest.
//!
//! Tokens are looked up on the board's read side (a hash, then one indexed row);
//! the session's last use is recorded on the writer only every few minutes.

use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;

use axum::http::{HeaderMap, HeaderValue, header};
use ideaboard_core::model::SessionInfo;
use ideaboard_core::ops::accounts;
use ideaboard_core::session::{BoardSlot, Session};
use ideaboard_core::throttle::{Quota, Throttle};
use ideaboard_core::{Actor, Error, Timestamp};

/// The session cookie's name.
pub const SESSION_COOKIE: &str = "ideaboard_session";
/// The header a cookie request carries its CSRF token in.
pub const CSRF_HEADER: &str = "x-csrf-token";

/// How a request carried its session.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Carrier {
    Cookie,
    Bearer,
}

/// The caller of one request: a guest, or a member with their session.
pub struct Caller {
    /// The core's session the command runs in.
    pub session: Session,
    /// The session's token and how it came, for a signed-in caller.
    pub token: Option<(String, Carrier)>,
    /// The session as its member sees it, for a signed-in caller.
    pub info: Option<SessionInfo>,
}

impl Caller {
    fn guest() -> Caller {
        Caller {
            session: Session::default(),
            token: None,
            info: None,
        }
    }

    /// The member's id, for a signed-in caller.
    pub fn member_id(&self) -> Option<String> {
        self.session.actor().member_id().map(str::to_string)
    }
}

/// The session token a request carries: a bearer token first, else the cookie.
pub fn token_of(headers: &HeaderMap) -> Option<(String, Carrier)> {
    if let Some(auth) = headers.get(header::AUTHORIZATION) {
        let value = auth.to_str().ok()?;
        let token = value.strip_prefix("Bearer ")?.trim();
        return (!token.is_empty()).then(|| (token.to_string(), Carrier::Bearer));
    }
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(name, _)| *name == SESSION_COOKIE)
        .map(|(_, value)| (value.to_string(), Carrier::Cookie))
}

/// Who sends a request that changes or reads member data; `check_csrf` asks a
/// cookie request for its CSRF token (every command of the API is a POST, so every
/// one is checked). Runs on a thread that may block.
pub fn identify(
    slot: &BoardSlot,
    headers: &HeaderMap,
    check_csrf: bool,
    now: Timestamp,
) -> Result<Caller, Error> {
    let Some((token, carrier)) = token_of(headers) else {
        return Ok(Caller::guest());
    };
    if check_csrf && carrier == Carrier::Cookie {
        let sent = headers
            .get(CSRF_HEADER)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        accounts::check_csrf(&token, sent)?;
    }
    let found = slot
        .run_read(&Actor::guest(), |board, _| {
            accounts::session_actor(board, &token, now)
        })
        .map_err(|dto| match dto.code {
            ideaboard_core::ErrorCode::NotSignedIn => Error::NotSignedIn,
            _ => Error::Internal(dto.message),
        })?;
    if found.touch_due {
        // Recording the use is upkeep: a failure here must not fail the request.
        let _ = slot.run(&found.actor, |board, _| {
            accounts::touch_session(board, &found.session, now)
        });
    }
    Ok(Caller {
        session: Session::as_member(found.actor),
        token: Some((token, carrier)),
        info: Some(found.session),
    })
}

/// The `Set-Cookie` value that carries a new session, or (with `None`) clears it.
pub fn session_cookie(token: Option<&str>, secure: bool) -> HeaderValue {
    let secure = if secure { "; Secure" } else { "" };
    let value = match token {
        Some(token) => format!("{SESSION_COOKIE}={token}; Path=/; HttpOnly; SameSite=Lax{secure}"),
        None => format!("{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{secure}"),
    };
    HeaderValue::from_str(&value).expect("tokens are URL-safe text")
}

/// The actions rate-limited per account and per address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Limited {
    SignUp,
    SignIn,
    Submit,
    Comment,
    Vote,
    /// A Content-Security-Policy violation report (per address only: browsers send
    /// them without the member's session).
    CspReport,
}

/// CSP reports per address: a page that trips its policy may send one per blocked
/// thing, so a burst of 100, then one every 600 ms.
pub const CSP_REPORTS: Quota = Quota::new(100, 600);

impl Limited {
    /// The limited action a contract command is, if it is one.
    pub fn of_command(name: &str) -> Option<Limited> {
        match name {
            "submit_idea" => Some(Limited::Submit),
            "add_comment" => Some(Limited::Comment),
            "vote" | "unvote" | "change_vote_priority" => Some(Limited::Vote),
            _ => None,
        }
    }

    /// The quota per account (for signing up and in: per address).
    fn quota(self) -> Quota {
        match self {
            Limited::SignUp => Quota::SIGN_UP,
            Limited::SignIn => Quota::SIGN_IN,
            Limited::Submit => Quota::SUBMIT,
            Limited::Comment => Quota::COMMENT,
            Limited::Vote => Quota::VOTE,
            Limited::CspReport => CSP_REPORTS,
        }
    }

    /// The quota per address. Many members can share one address (an office, a
    /// phone carrier's NAT), so what members do is allowed [`SHARED_ADDRESS`] times
    /// the account's quota there; signing up and in are limited per address only.
    fn address_quota(self) -> Quota {
        let quota = self.quota();
        match self {
            Limited::SignUp | Limited::SignIn | Limited::CspReport => quota,
            Limited::Submit | Limited::Comment | Limited::Vote => Quota::new(
                quota.burst * SHARED_ADDRESS,
                (quota.every_ms / i64::from(SHARED_ADDRESS)).max(1),
            ),
        }
    }
}

/// How many members' worth of submitting, commenting and voting one address may do.
pub const SHARED_ADDRESS: u32 = 20;

/// The address a request comes from: the peer, or with `forwarded` (the server sits
/// behind a reverse proxy that appends to X-Forwarded-For) the last address the
/// proxy added. Rate limits key on it.
pub fn client_ip(peer: SocketAddr, headers: &HeaderMap, forwarded: bool) -> IpAddr {
    if forwarded {
        let last = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|a| a.trim().parse::<IpAddr>().ok())
            .next_back();
        if let Some(ip) = last {
            return ip;
        }
    }
    peer.ip()
}

/// The server's rate limits: per action, one throttle keyed by address and one
/// keyed by account.
pub struct Limits {
    throttles: Mutex<Vec<(Limited, Throttle, Throttle)>>,
}

impl Default for Limits {
    fn default() -> Self {
        let all = [
            Limited::SignUp,
            Limited::SignIn,
            Limited::Submit,
            Limited::Comment,
            Limited::Vote,
            Limited::CspReport,
        ];
        Limits {
            throttles: Mutex::new(
                all.map(|l| {
                    (
                        l,
                        Throttle::new(l.address_quota()),
                        Throttle::new(l.quota()),
                    )
                })
                .to_vec(),
            ),
        }
    }
}

impl Limits {
    /// Counts `action` by the caller's address and, when signed in, their account;
    /// `RateLimited` with the seconds to wait when either is over its quota.
    pub fn check(
        &self,
        action: Limited,
        address: IpAddr,
        member: Option<&str>,
        now: Timestamp,
    ) -> Result<(), Error> {
        let mut throttles = self.throttles.lock().unwrap_or_else(|p| p.into_inner());
        let (_, by_address, by_member) = throttles
            .iter_mut()
            .find(|(l, _, _)| *l == action)
            .expect("every action has a throttle");
        by_address.check(&address.to_string(), now)?;
        if let Some(member) = member {
            by_member.check(member, now)?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bearer_token_wins_over_the_cookie_and_a_bad_header_is_no_token() {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::COOKIE,
            HeaderValue::from_static("theme=dark; ideaboard_session=ibs_cookie"),
        );
        assert_eq!(
            token_of(&headers),
            Some(("ibs_cookie".to_string(), Carrier::Cookie))
        );
        headers.insert(
            header::AUTHORIZATION,
            HeaderValue::from_static("Bearer ibs_app"),
        );
        assert_eq!(
            token_of(&headers),
            Some(("ibs_app".to_string(), Carrier::Bearer))
        );
        headers.insert(header::AUTHORIZATION, HeaderValue::from_static("Basic abc"));
        assert_eq!(token_of(&headers), None);
    }

    #[test]
    fn behind_a_proxy_the_last_forwarded_address_counts() {
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            HeaderValue::from_static("10.0.0.9, 203.0.113.7"),
        );
        assert_eq!(client_ip(peer, &headers, true).to_string(), "203.0.113.7");
        assert_eq!(client_ip(peer, &headers, false).to_string(), "127.0.0.1");
        assert_eq!(
            client_ip(peer, &HeaderMap::new(), true).to_string(),
            "127.0.0.1"
        );
    }

    #[test]
    fn an_address_may_act_for_many_members_but_one_member_only_for_one() {
        let limits = Limits::default();
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let now = Timestamp::from_millis(1_796_000_000_000);
        let burst = Quota::SUBMIT.burst;
        for i in 0..burst * 3 {
            let member = format!("m{}", i % 3);
            limits
                .check(Limited::Submit, ip, Some(&member), now)
                .unwrap();
        }
        let over = limits
            .check(Limited::Submit, ip, Some("m0"), now)
            .unwrap_err();
        assert_eq!(over.code(), ideaboard_core::ErrorCode::RateLimited);
        limits.check(Limited::Submit, ip, Some("m9"), now).unwrap();
    }

    #[test]
    fn the_cookie_is_http_only_lax_and_secure_behind_tls() {
        let set = session_cookie(Some("ibs_x"), true);
        let set = set.to_str().unwrap();
        assert!(set.contains("HttpOnly") && set.contains("SameSite=Lax") && set.contains("Secure"));
        let cleared = session_cookie(None, false);
        assert!(cleared.to_str().unwrap().contains("Max-Age=0"));
    }
}
