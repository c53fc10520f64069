//! What keeps one client from taking the server down: the body limit, the request
//! timeout for slow clients, and rate limits with Retry-After.

use std::io::Write;
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::json;

use crate::support::{Server, read_reply};

#[test]
fn a_body_over_the_limit_is_413_and_changes_nothing() {
    let server = Server::start(&["--max-body", "4096"]);
    let title = "x".repeat(10_000);
    let body = json!({ "input": { "title": title, "body": "", "category": null, "tags": [] } });
    let reply = server.call("submit_idea", &[], &body);
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (413, "RequestTooLarge")
    );
    assert_eq!(reply.json()["params"]["max"], 4096);
}

#[test]
fn a_client_that_sends_too_slowly_is_cut_off_with_408() {
    let server = Server::start(&["--request-timeout", "1"]);
    // A command, and the two file routes, which keep their own deadline (a download
    // and an upload may take longer in all, never that long with no byte moving).
    for path in [
        "/api/list_ideas",
        "/api/files/export",
        "/api/files/import?format=json",
    ] {
        let mut stream = TcpStream::connect(server.addr).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(20)))
            .unwrap();
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{{",
            server.addr
        );
        stream.write_all(head.as_bytes()).unwrap();
        let started = Instant::now();
        let reply = read_reply(&mut stream).unwrap();
        assert_eq!(reply.status, 408, "{path}");
        assert_eq!(reply.code(), "RequestTooSlow", "{path}");
        assert!(started.elapsed() < Duration::from_secs(10), "{path}");
    }
    // The server still serves everyone else.
    assert_eq!(server.request("GET", "/healthz", &[], b"").status, 200);
}

#[test]
fn sign_ins_from_one_address_are_rate_limited_with_retry_after() {
    let server = Server::start(&[]);
    let mut statuses = Vec::new();
    for i in 0..12 {
        let reply = server.post(
            "/api/auth/sign_in",
            &[],
            &json!({ "email": format!("guess{i}@example.com"), "password": "wrong password 123" }),
        );
        statuses.push(reply.status);
        if reply.status == 429 {
            assert_eq!(reply.code(), "RateLimited");
            assert!(reply.header("retry-after").is_some());
        }
    }
    assert_eq!(&statuses[..10], &[401; 10], "{statuses:?}");
    assert_eq!(&statuses[10..], &[429, 429], "{statuses:?}");
}
