//! Serving the board: health, metrics, the contract for a guest, the portal and its
//! headers, commands a server does not serve, and a graceful stop.

use serde_json::json;

use crate::support::Server;

#[test]
fn a_guest_reads_the_board_and_is_told_to_sign_in_to_write() {
    let server = Server::start(&[]);
    let health = server.request("GET", "/healthz", &[], b"");
    assert_eq!(
        (health.status, health.json()["status"].as_str()),
        (200, Some("ok"))
    );

    let page = server.call("list_ideas", &[], &json!({ "query": { "sort": "trending", "includeHidden": false, "offset": 0, "limit": 20 } }));
    assert_eq!(page.status, 200, "{}", String::from_utf8_lossy(&page.body));
    let ideas = page.json()["items"].as_array().cloned().unwrap_or_default();
    assert!(!ideas.is_empty(), "the demo board has ideas");
    let id = ideas[0]["id"].as_str().unwrap().to_string();

    let vote = server.call(
        "vote",
        &[],
        &json!({ "ideaId": id, "priority": "important" }),
    );
    assert_eq!((vote.status, vote.code().as_str()), (401, "NotSignedIn"));
    let overview = server.call("board_overview", &[], &json!(null));
    assert_eq!(overview.status, 200);

    let metrics = server.request("GET", "/metrics", &[], b"");
    let text = String::from_utf8_lossy(&metrics.body).to_string();
    assert!(
        text.contains("ideaboard_http_requests_total{route=\"/api/{command}\",status=\"200\"}"),
        "{text}"
    );
    assert!(text.contains("ideaboard_live_connections"));
}

#[test]
fn commands_only_the_desktop_serves_are_unknown_here() {
    let server = Server::start(&[]);
    for command in [
        "list_profiles",
        "sign_in",
        "create_profile",
        "restore_backup",
        "export_board",
        "list_backups",
    ] {
        let reply = server.call(command, &[], &json!({}));
        assert_eq!(
            (reply.status, reply.code().as_str()),
            (404, "UnknownCommand"),
            "{command}"
        );
    }
    let reply = server.call("no_such_command", &[], &json!({}));
    assert_eq!(reply.status, 404);

    // The OpenAPI document describes what is served here, and nothing else.
    let doc = server.request("GET", "/api/openapi.json", &[], b"");
    assert_eq!(doc.status, 200);
    assert_eq!(doc.header("content-type"), Some("application/json"));
    let paths = doc.json()["paths"].clone();
    assert!(paths["/api/vote"]["post"].is_object());
    assert!(
        paths["/api/export_board"].is_null(),
        "a desktop-only command"
    );
}

#[test]
fn the_portal_opens_on_any_path_with_its_security_headers() {
    let server = Server::start(&[]);
    for path in ["/", "/ideas/123", "/team/triage"] {
        let reply = server.request("GET", path, &[], b"");
        assert_eq!(reply.status, 200, "{path}");
        assert!(
            String::from_utf8_lossy(&reply.body).contains("portal"),
            "{path}"
        );
        let csp = reply.header("content-security-policy").unwrap();
        assert!(csp.contains("script-src 'self'") && csp.contains("frame-ancestors 'none'"));
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("x-frame-options"), Some("DENY"));
        assert!(reply.header("referrer-policy").is_some());
    }
    let api = server.call("list_ideas", &[], &json!({ "query": { "sort": "trending", "includeHidden": false, "offset": 0, "limit": 20 } }));
    assert_eq!(api.header("x-content-type-options"), Some("nosniff"));
}

#[test]
fn malformed_requests_are_clear_errors_never_a_crash() {
    let server = Server::start(&[]);
    let json_type = [("Content-Type", "application/json")];
    let cases: [(&str, &[u8]); 6] = [
        ("list_ideas", b"{not json"),
        ("list_ideas", b"[1,2,3]"),
        ("vote", b"{\"ideaId\": 5}"),
        ("get_idea", b"\"just a string\""),
        ("list_ideas", &[0xff, 0xfe, 0x00]),
        ("search_ideas", b"{\"query\": {\"text\": null}}"),
    ];
    for (command, body) in cases {
        let reply = server.request("POST", &format!("/api/{command}"), &json_type, body);
        assert!(
            (400..500).contains(&reply.status),
            "{command} {:?}: {}",
            String::from_utf8_lossy(body),
            reply.status
        );
        assert!(!reply.code().is_empty());
    }
    let get = server.request("GET", "/api/list_ideas", &[], b"");
    assert_eq!(get.status, 405, "the API is POST only");
    let (status, log) = server.stop();
    assert!(status.success(), "a clean stop: {status:?}\n{log}");
    assert!(!log.contains("panicked"), "{log}");
}

#[test]
fn sigterm_finishes_and_checkpoints_the_board() {
    let server = Server::start(&[]);
    let board = server.board();
    let wal = format!("{}-wal", board.display());
    let (status, log) = server.stop();
    assert!(status.success(), "{status:?}\n{log}");
    let wal_len = std::fs::metadata(&wal).map(|m| m.len()).unwrap_or(0);
    assert_eq!(wal_len, 0, "the log was copied into the board and emptied");
}
