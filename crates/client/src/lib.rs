//! # ideaboard-client
//!
//! The contract's HTTP client: what the desktop app is on a shared board. A
//! [`Remote`] is one `ideaboard-server` and, once signed in, one member's bearer
//! token: [`Remote::call`] runs a command of the contract as `POST {base}/api/{name}`
//! and answers exactly what `ideaboard_api::dispatch` answers in the app (the JSON
//! response, or the server's `{code, message, params}` as the core's [`ErrorDto`]),
//! so the app's window cannot tell a shared board from a local one. [`Live`]
//! follows the server's change feed (`GET /api/live`) and reconnects by itself.
//!
//! The API is blocking: the app calls it from its blocking pool. Underneath, one
//! small tokio runtime per [`Remote`] (shared by its clones) drives a pooled
//! HTTP/1.1 client. No tauri, no axum: the client can be tested against a real
//! server process with no window.
//!
//! Only `http://` servers are reached for now (loopback, a LAN, or a TLS proxy's
//! plain side); an `https://` address is refused with a clear error until the
//! client carries TLS roots.

mod address;
mod live;

use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use ideaboard_core::{Error, ErrorDto};
use serde::Serialize;
use serde_json::Value;

pub use address::normalize_url;
pub use live::{Backoff, Live, LiveEvent};

/// How long one request may take before the server counts as unreachable.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(30);

/// How long `/healthz` may take to answer when a person checks an address.
pub const CHECK_TIMEOUT: Duration = Duration::from_secs(10);

type Http = Client<HttpConnector, Full<Bytes>>;

struct Inner {
    runtime: tokio::runtime::Runtime,
    http: Http,
}

/// One server, as one member (or a guest before signing in).
#[derive(Clone)]
pub struct Remote {
    /// `http://host:port` and any path prefix, without a trailing slash.
    base: String,
    bearer: Option<String>,
    inner: Arc<Inner>,
}

/// What signing in (or up) answered: the member and their bearer token.
#[derive(Debug, Clone)]
pub struct SignedIn {
    /// The bearer token; the server keeps only its hash. Shown here once.
    pub token: String,
    /// The member's profile, as the contract's `MemberProfile` JSON.
    pub profile: Value,
}

/// How a new account signs up (the server's `/api/auth/sign_up`).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewAccount {
    pub display_name: String,
    pub email: String,
    pub password: String,
    pub invitation: Option<String>,
}

impl Remote {
    /// A client of the server at `url` (`http://host:port`, with or without a path
    /// prefix; a bare `host:port` means `http://`), as a guest. Refuses an address
    /// that is not one.
    pub fn new(url: &str) -> Result<Remote, ErrorDto> {
        let base = normalize_url(url)?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("ideaboard-client")
            .enable_all()
            .build()
            .map_err(|e| Error::Internal(format!("the HTTP client's runtime: {e}")).to_dto())?;
        let http = Client::builder(TokioExecutor::new()).build_http();
        Ok(Remote {
            base,
            bearer: None,
            inner: Arc::new(Inner { runtime, http }),
        })
    }

    /// The same server as the member of `token`.
    pub fn with_bearer(&self, token: impl Into<String>) -> Remote {
        Remote {
            bearer: Some(token.into()),
            ..self.clone()
        }
    }

    /// The server's address, as normalised (`http://host:port[/prefix]`).
    pub fn base_url(&self) -> &str {
        &self.base
    }

    /// Whether this client carries a member's token.
    pub fn is_signed_in(&self) -> bool {
        self.bearer.is_some()
    }

    /// Checks that an Ideaboard server answers at this address and serves its
    /// board (`GET /healthz`): `Unreachable` when nothing answers, `NotAServer` when
    /// something else does.
    pub fn check(&self) -> Result<(), ErrorDto> {
        let (status, body) = self.send(Method::GET, "/healthz", None, CHECK_TIMEOUT)?;
        let health: Option<Value> = serde_json::from_slice(&body).ok();
        let said = health
            .as_ref()
            .and_then(|h| h.get("status"))
            .and_then(Value::as_str)
            .map(str::to_string);
        match (status, said) {
            (StatusCode::OK, Some(s)) if s == "ok" => Ok(()),
            // An Ideaboard server whose board is not open for writing yet (or at all).
            (StatusCode::SERVICE_UNAVAILABLE, Some(s)) => Err(Error::Unreachable(format!(
                "{} is an Ideaboard server, but its board is {s}",
                self.base
            ))
            .to_dto()),
            (status, _) => Err(Error::NotAServer(format!(
                "{}/healthz answered HTTP {} without Ideaboard's health report",
                self.base,
                status.as_u16()
            ))
            .to_dto()),
        }
    }

    /// Runs the contract's command `name` with its JSON arguments on the server, as
    /// this client's member: its JSON answer, or the server's refusal.
    pub fn call(&self, name: &str, args: Value) -> Result<Value, ErrorDto> {
        let body = match args {
            Value::Null => Value::Object(Default::default()),
            other => other,
        };
        self.json(Method::POST, &format!("/api/{name}"), Some(&body))
    }

    /// Signs in with an email and a password for a bearer token (a session the
    /// member sees as `label` in their list of sessions).
    pub fn sign_in(&self, email: &str, password: &str, label: &str) -> Result<SignedIn, ErrorDto> {
        let body = serde_json::json!({
            "email": email,
            "password": password,
            "bearer": true,
            "label": label,
        });
        signed_in(self.json(Method::POST, "/api/auth/sign_in", Some(&body))?)
    }

    /// Opens an account (a fan's, or the role its invitation gives) and signs in to
    /// it for a bearer token.
    pub fn sign_up(&self, account: &NewAccount, label: &str) -> Result<SignedIn, ErrorDto> {
        let mut body =
            serde_json::to_value(account).map_err(|e| Error::Internal(e.to_string()).to_dto())?;
        if let Value::Object(fields) = &mut body {
            if account.invitation.is_none() {
                fields.remove("invitation");
            }
            fields.insert("bearer".into(), Value::Bool(true));
            fields.insert("label".into(), Value::String(label.into()));
        }
        signed_in(self.json(Method::POST, "/api/auth/sign_up", Some(&body))?)
    }

    /// Who the server says this client is (`GET /api/auth/session`): the JSON of
    /// `{profile, session, csrfToken}`; a guest's profile is null.
    pub fn session(&self) -> Result<Value, ErrorDto> {
        self.json(Method::GET, "/api/auth/session", None)
    }

    /// Ends this client's session on the server; the token is worthless after.
    pub fn sign_out(&self) -> Result<(), ErrorDto> {
        self.json(Method::POST, "/api/auth/sign_out", Some(&Value::Null))
            .map(|_| ())
    }

    /// One request whose answer is JSON: the value on a 2xx, the server's refusal
    /// as its `ErrorDto` otherwise.
    fn json(&self, method: Method, path: &str, body: Option<&Value>) -> Result<Value, ErrorDto> {
        let (status, bytes) = self.send(method, path, body, REQUEST_TIMEOUT)?;
        answer(&self.base, path, status, &bytes)
    }

    /// One request, its body read to the end.
    fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        timeout: Duration,
    ) -> Result<(StatusCode, Bytes), ErrorDto> {
        let url = format!("{}{path}", self.base);
        let mut request = Request::builder()
            .method(method)
            .uri(&url)
            .header("accept", "application/json")
            .header("user-agent", USER_AGENT);
        if body.is_some() {
            request = request.header("content-type", "application/json");
        }
        if let Some(token) = &self.bearer {
            request = request.header("authorization", format!("Bearer {token}"));
        }
        let payload = body.map(|b| Bytes::from(b.to_string())).unwrap_or_default();
        let request = request
            .body(Full::new(payload))
            .map_err(|e| Error::InvalidInput {
                field: "url",
                reason: e.to_string(),
            })
            .map_err(|e| e.to_dto())?;
        let http = self.inner.http.clone();
        let exchange = async move {
            let response = http.request(request).await.map_err(|e| e.to_string())?;
            let status = response.status();
            let bytes = response
                .into_body()
                .collect()
                .await
                .map_err(|e| e.to_string())?
                .to_bytes();
            Ok::<_, String>((status, bytes))
        };
        let done = self
            .inner
            .runtime
            .block_on(async { tokio::time::timeout(timeout, exchange).await });
        match done {
            Ok(Ok(answer)) => Ok(answer),
            Ok(Err(e)) => Err(Error::Unreachable(format!("{url}: {e}")).to_dto()),
            Err(_) => Err(Error::Unreachable(format!(
                "{url}: no answer within {} s",
                timeout.as_secs()
            ))
            .to_dto()),
        }
    }

    fn runtime(&self) -> &tokio::runtime::Runtime {
        &self.inner.runtime
    }

    fn http(&self) -> &Http {
        &self.inner.http
    }

    fn bearer(&self) -> Option<&str> {
        self.bearer.as_deref()
    }
}

/// What the app calls itself to the server.
const USER_AGENT: &str = concat!("Ideaboard-desktop/", env!("CARGO_PKG_VERSION"));

/// A JSON answer: the value on a 2xx; the server's `{code, message, params}` as
/// the core's `ErrorDto` otherwise; anything else means the address is not (or no
/// longer) an Ideaboard server's API, or a proxy in front of one that is down.
fn answer(base: &str, path: &str, status: StatusCode, bytes: &[u8]) -> Result<Value, ErrorDto> {
    let parsed: Option<Value> = if bytes.is_empty() {
        Some(Value::Null)
    } else {
        serde_json::from_slice(bytes).ok()
    };
    if status.is_success() {
        return parsed.ok_or_else(|| {
            Error::NotAServer(format!("{base}{path} answered something that is not JSON")).to_dto()
        });
    }
    if let Some(dto) = parsed.and_then(|v| serde_json::from_value::<ErrorDto>(v).ok()) {
        return Err(dto);
    }
    let what = format!("{base}{path}: HTTP {}", status.as_u16());
    Err(if status.is_server_error() {
        Error::Unreachable(what)
    } else {
        Error::NotAServer(what)
    }
    .to_dto())
}

/// The token and profile of a sign-in's answer.
fn signed_in(answer: Value) -> Result<SignedIn, ErrorDto> {
    let token = answer.get("token").and_then(Value::as_str);
    let profile = answer.get("profile").filter(|p| !p.is_null());
    match (token, profile) {
        (Some(token), Some(profile)) => Ok(SignedIn {
            token: token.to_string(),
            profile: profile.clone(),
        }),
        _ => Err(Error::NotAServer("the sign-in answer carried no bearer token".into()).to_dto()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use ideaboard_core::ErrorCode;

    #[test]
    fn a_refusal_comes_back_as_the_cores_error() {
        let body = br#"{"code":"AlreadyVoted","message":"already","params":{}}"#;
        let err = answer("http://x", "/api/vote", StatusCode::CONFLICT, body).unwrap_err();
        assert_eq!(err.code, ErrorCode::AlreadyVoted);
        assert_eq!(err.message, "already");
    }

    #[test]
    fn params_survive_the_trip() {
        let body = br#"{"code":"TitleTooShort","message":"short","params":{"len":2,"min":5}}"#;
        let err = answer(
            "http://x",
            "/api/submit_idea",
            StatusCode::BAD_REQUEST,
            body,
        )
        .unwrap_err();
        assert_eq!(err.code, ErrorCode::TitleTooShort);
        assert_eq!((err.params.len, err.params.min), (Some(2), Some(5)));
    }

    #[test]
    fn a_page_that_is_not_the_api_is_not_a_server() {
        let page = b"<html>hello</html>";
        let err = answer("http://x", "/api/vote", StatusCode::NOT_FOUND, page).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotAServer);
        let err = answer("http://x", "/api/vote", StatusCode::OK, page).unwrap_err();
        assert_eq!(err.code, ErrorCode::NotAServer);
        let err = answer("http://x", "/api/vote", StatusCode::BAD_GATEWAY, page).unwrap_err();
        assert_eq!(err.code, ErrorCode::Unreachable);
    }

    #[test]
    fn an_empty_answer_is_null() {
        assert_eq!(
            answer("http://x", "/api/sign_out", StatusCode::OK, b"").unwrap(),
            Value::Null
        );
    }

    #[test]
    fn nothing_listening_is_unreachable() {
        // A port just bound and released: nothing listens there.
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let remote = Remote::new(&format!("http://127.0.0.1:{port}")).unwrap();
        assert_eq!(remote.check().unwrap_err().code, ErrorCode::Unreachable);
        let err = remote.call("list_ideas", Value::Null).unwrap_err();
        assert_eq!(err.code, ErrorCode::Unreachable);
    }
}
