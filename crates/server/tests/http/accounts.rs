//! Accounts over HTTP: cookie sessions with their CSRF token, bearer sessions,
//! revoking, and no secret in clear in the board.

use serde_json::{Value, json};

use crate::support::{Server, board_bytes, contains};

const PASSWORD: &str = "a quiet morning espresso";

/// Signs a fan up in a browser; the cookie header to send and the CSRF token.
pub fn browser_fan(server: &Server, email: &str) -> (String, String) {
    let reply = server.post(
        "/api/auth/sign_up",
        &[("User-Agent", "Firefox on the test machine")],
        &json!({ "displayName": "小王", "email": email, "password": PASSWORD }),
    );
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    let set = reply.header("set-cookie").expect("a cookie").to_string();
    assert!(
        set.contains("HttpOnly") && set.contains("SameSite=Lax"),
        "{set}"
    );
    assert!(
        reply.json().get("token").is_none(),
        "a browser never sees its token"
    );
    let cookie = set.split(';').next().unwrap().to_string();
    let csrf = reply.json()["csrfToken"].as_str().unwrap().to_string();
    (cookie, csrf)
}

/// An idea still open to votes.
pub fn first_idea(server: &Server) -> String {
    let query = json!({ "query": { "sort": "trending", "status": "new", "includeHidden": false, "offset": 0, "limit": 20 } });
    let page = server.call("list_ideas", &[], &query);
    page.json()["items"][0]["id"].as_str().unwrap().to_string()
}

fn vote(server: &Server, headers: &[(&str, &str)], idea: &str) -> crate::support::Reply {
    server.call(
        "vote",
        headers,
        &json!({ "ideaId": idea, "priority": "important" }),
    )
}

#[test]
fn a_cookie_request_needs_its_own_sessions_csrf_token() {
    let server = Server::start(&[]);
    let idea = first_idea(&server);
    let (cookie, csrf) = browser_fan(&server, "wang@example.com");
    let (other_cookie, other_csrf) = browser_fan(&server, "li@example.com");
    assert_ne!(csrf, other_csrf);

    let bare = vote(&server, &[("Cookie", &cookie)], &idea);
    assert_eq!((bare.status, bare.code().as_str()), (403, "CsrfRejected"));
    let crossed = vote(
        &server,
        &[("Cookie", &cookie), ("X-CSRF-Token", &other_csrf)],
        &idea,
    );
    assert_eq!(
        (crossed.status, crossed.code().as_str()),
        (403, "CsrfRejected")
    );
    let ok = vote(
        &server,
        &[("Cookie", &cookie), ("X-CSRF-Token", &csrf)],
        &idea,
    );
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    assert_eq!(
        ok.json()["detail"]["idea"]["id"],
        Value::String(idea.clone())
    );

    // The page learns its token again after a reload, from its cookie alone.
    let session = server.request(
        "GET",
        "/api/auth/session",
        &[("Cookie", &other_cookie)],
        b"",
    );
    assert_eq!(session.json()["csrfToken"], Value::String(other_csrf));
    assert_eq!(session.json()["profile"]["displayName"], "小王");
    let guest = server.request("GET", "/api/auth/session", &[], b"");
    assert_eq!(guest.json()["profile"], Value::Null);
}

#[test]
fn a_revoked_session_is_refused_at_once_and_the_board_keeps_no_secret() {
    let server = Server::start(&[]);
    let idea = first_idea(&server);
    let (cookie, csrf) = browser_fan(&server, "zhang@example.com");
    let app = server.post("/api/auth/sign_in",
        &[],
        &json!({ "email": "zhang@example.com", "password": PASSWORD, "bearer": true, "label": "Ideaboard desktop" }),
    );
    assert_eq!(app.status, 200, "{}", String::from_utf8_lossy(&app.body));
    assert!(
        app.header("set-cookie").is_none(),
        "a bearer session sets no cookie"
    );
    let token = app.json()["token"].as_str().unwrap().to_string();
    let bearer = format!("Bearer {token}");
    assert_eq!(
        vote(&server, &[("Authorization", &bearer)], &idea).status,
        200
    );

    // The browser lists both sessions and ends the app's.
    let browser = [("Cookie", cookie.as_str()), ("X-CSRF-Token", csrf.as_str())];
    let list = server.post("/api/auth/sessions", &browser, &json!({}));
    let sessions = list.json().as_array().cloned().unwrap();
    assert_eq!(sessions.len(), 2, "{sessions:?}");
    let app_session = sessions.iter().find(|s| s["current"] == false).unwrap();
    assert_eq!(app_session["label"], "Ideaboard desktop");
    let revoke = server.post(
        "/api/auth/sessions/revoke",
        &browser,
        &json!({ "id": app_session["id"] }),
    );
    assert_eq!(revoke.status, 200);
    let refused = server.call(
        "unvote",
        &[("Authorization", &bearer)],
        &json!({ "ideaId": idea }),
    );
    assert_eq!(
        (refused.status, refused.code().as_str()),
        (401, "NotSignedIn")
    );

    // Signing out ends the browser's session and clears its cookie.
    let out = server.post("/api/auth/sign_out", &browser, &json!({}));
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    let after = vote(&server, &browser, &idea);
    assert_eq!(after.status, 401);
    // A page still holding the dead cookie is a guest's again, and loses the cookie.
    let reload = server.request("GET", "/api/auth/session", &[("Cookie", &cookie)], b"");
    assert_eq!(
        reload.status,
        200,
        "{}",
        String::from_utf8_lossy(&reload.body)
    );
    assert_eq!(reload.json()["profile"], Value::Null);
    assert_eq!(reload.json()["csrfToken"], Value::Null);
    assert!(reload.header("set-cookie").unwrap().contains("Max-Age=0"));

    let bytes = board_bytes(&server.board());
    for secret in [
        token.as_str(),
        cookie.split('=').nth(1).unwrap(),
        csrf.as_str(),
        PASSWORD,
    ] {
        assert!(
            !contains(&bytes, secret.as_bytes()),
            "{secret} is in the board in clear"
        );
    }
}

#[test]
fn wrong_passwords_say_nothing_of_the_email_and_lock_it_out() {
    let server = Server::start(&[]);
    browser_fan(&server, "chen@example.com");
    let wrong = |email: &str| {
        server.post(
            "/api/auth/sign_in",
            &[],
            &json!({ "email": email, "password": "not the password at all" }),
        )
    };
    let known = wrong("chen@example.com");
    let unknown = wrong("nobody@example.com");
    assert_eq!(
        (known.status, known.code()),
        (401, "InvalidCredentials".to_string())
    );
    assert_eq!((unknown.status, unknown.json()), (401, known.json()));
    for _ in 0..3 {
        assert_eq!(wrong("chen@example.com").status, 401);
    }
    let locked = wrong("chen@example.com");
    assert_eq!((locked.status, locked.code().as_str()), (429, "LockedOut"));
    let retry: u64 = locked.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry), "{retry}");
    let right = server.post(
        "/api/auth/sign_in",
        &[],
        &json!({ "email": "chen@example.com", "password": PASSWORD }),
    );
    assert_eq!(
        right.code(),
        "LockedOut",
        "locked even with the right password"
    );
}
