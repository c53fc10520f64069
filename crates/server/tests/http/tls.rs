//! HTTPS held by the server itself (`--tls-cert`, `--tls-key`): a self-signed
//! certificate made for the test, a rustls client that trusts only it, the `Secure`
//! cookie, plain HTTP to the TLS port refused without harm, unusable certificate
//! files refused at start, and a graceful stop over TLS.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

use serde_json::json;
use tokio_rustls::rustls::{ClientConfig, RootCertStore};

use crate::support::{Server, read_reply, server_dir};

/// A certificate for `localhost` and its key, written as PEM into `dir`; the flags
/// that serve it and a client that trusts it alone.
fn self_signed(dir: &std::path::Path) -> (Vec<String>, Arc<ClientConfig>) {
    let made = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let cert = dir.join("cert.pem");
    let key = dir.join("key.pem");
    std::fs::write(&cert, made.cert.pem()).unwrap();
    std::fs::write(&key, made.signing_key.serialize_pem()).unwrap();
    let mut roots = RootCertStore::empty();
    roots.add(made.cert.der().clone()).unwrap();
    let flags = vec![
        "--tls-cert".to_string(),
        cert.display().to_string(),
        "--tls-key".to_string(),
        key.display().to_string(),
    ];
    (flags, client(roots))
}

fn client(roots: RootCertStore) -> Arc<ClientConfig> {
    let config = ClientConfig::builder_with_provider(ideaboard_server::tls::provider())
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_root_certificates(roots)
        .with_no_client_auth();
    Arc::new(config)
}

fn start() -> Server {
    let dir = server_dir();
    let (flags, client) = self_signed(dir.path());
    let flags: Vec<&str> = flags.iter().map(String::as_str).collect();
    Server::start_tls(dir, &flags, client)
}

fn sign_up_body(email: &str) -> Vec<u8> {
    json!({ "displayName": "Fan", "email": email, "password": "a quiet morning espresso" })
        .to_string()
        .into_bytes()
}

#[test]
fn https_serves_the_board_and_the_portal_with_a_secure_cookie() {
    let server = start();
    let health = server.request("GET", "/healthz", &[], b"");
    assert_eq!(health.status, 200);
    let portal = server.request("GET", "/", &[], b"");
    assert_eq!(portal.status, 200);
    assert!(String::from_utf8_lossy(&portal.body).contains("portal"));

    let signed = server.request(
        "POST",
        "/api/auth/sign_up",
        &[("Content-Type", "application/json")],
        &sign_up_body("tls@example.com"),
    );
    assert_eq!(
        signed.status,
        200,
        "{}",
        String::from_utf8_lossy(&signed.body)
    );
    let cookie = signed.header("set-cookie").expect("a session cookie");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("; Secure"),
        "Secure without --secure-cookies: {cookie}"
    );

    server.stop_cleanly();
}

#[test]
fn plain_http_or_an_untrusting_client_fails_and_the_server_serves_on() {
    let server = start();
    for _ in 0..3 {
        let mut plain = TcpStream::connect(server.addr).unwrap();
        plain
            .set_read_timeout(Some(Duration::from_secs(30)))
            .unwrap();
        plain
            .write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n")
            .unwrap();
        let mut answer = Vec::new();
        // Either an error (reset) or whatever the TLS layer says (an alert): never
        // an HTTP answer, and the connection ends without waiting for a timeout.
        let _ = plain.read_to_end(&mut answer);
        assert!(
            !answer.starts_with(b"HTTP/"),
            "plain HTTP was answered: {}",
            String::from_utf8_lossy(&answer)
        );
    }

    // A client that does not trust the certificate stops at the handshake.
    let stranger = Server::connect_with(server.addr, client(RootCertStore::empty()));
    let refused = stranger.and_then(|mut tls| {
        tls.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n\r\n")?;
        tls.flush()
    });
    assert!(refused.is_err(), "an unknown certificate was accepted");

    let health = server.request("GET", "/healthz", &[], b"");
    assert_eq!(health.status, 200, "still serving");
    server.stop_cleanly();
}

#[test]
fn sigterm_over_tls_finishes_the_request_in_flight_then_checkpoints() {
    let server = start();
    let body = sign_up_body("late@example.com");
    let (first, rest) = body.split_at(body.len() / 2);
    let mut tls = server.connect().unwrap();
    let head = format!(
        "POST /api/auth/sign_up HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nExpect: 100-continue\r\n\r\n",
        body.len()
    );
    tls.write_all(head.as_bytes()).unwrap();
    tls.flush().unwrap();
    // `100 Continue` comes once the handler reads the body: the request is in flight.
    let mut interim = Vec::new();
    let mut byte = [0u8];
    while !interim.ends_with(b"\r\n\r\n") {
        tls.read_exact(&mut byte).unwrap();
        interim.push(byte[0]);
    }
    assert!(interim.starts_with(b"HTTP/1.1 100"), "{interim:?}");
    tls.write_all(first).unwrap();
    tls.flush().unwrap();

    let status = Command::new("kill")
        .args(["-TERM", &server.pid().to_string()])
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert!(status.success());
    // The stop has begun once the port takes no new connection.
    let mut closed = false;
    for _ in 0..300 {
        if TcpStream::connect(server.addr).is_err() {
            closed = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    assert!(
        closed,
        "the server still accepted connections after SIGTERM"
    );

    tls.write_all(rest).unwrap();
    tls.flush().unwrap();
    let reply = read_reply(&mut tls).unwrap();
    assert_eq!(
        reply.status,
        200,
        "{}",
        String::from_utf8_lossy(&reply.body)
    );
    assert!(reply.header("set-cookie").unwrap().contains("; Secure"));

    let board = server.board();
    server.stop_cleanly();
    let wal = std::fs::metadata(format!("{}-wal", board.display())).map_or(0, |m| m.len());
    assert_eq!(wal, 0, "the board was checkpointed after the last request");
}

#[test]
fn unusable_certificate_files_stop_the_start_with_a_message() {
    let dir = server_dir();
    let (flags, _) = self_signed(dir.path());
    let other = rcgen::generate_simple_self_signed(vec!["localhost".to_string()]).unwrap();
    let wrong_key = dir.path().join("other-key.pem");
    std::fs::write(&wrong_key, other.signing_key.serialize_pem()).unwrap();
    let garbage = dir.path().join("garbage.pem");
    std::fs::write(&garbage, "this is not PEM\n").unwrap();
    let missing = dir.path().join("missing.pem");
    let path = |p: &std::path::Path| p.display().to_string();

    let cases: [(Vec<String>, &str); 4] = [
        (
            vec![
                "--tls-cert".into(),
                path(&missing),
                "--tls-key".into(),
                flags[3].clone(),
            ],
            "cannot read the TLS certificate",
        ),
        (
            vec![
                "--tls-cert".into(),
                path(&garbage),
                "--tls-key".into(),
                flags[3].clone(),
            ],
            "holds no certificate",
        ),
        (
            vec![
                "--tls-cert".into(),
                flags[1].clone(),
                "--tls-key".into(),
                path(&wrong_key),
            ],
            "do not go together",
        ),
        (
            vec!["--tls-cert".into(), flags[1].clone()],
            "--tls-cert needs --tls-key",
        ),
    ];
    for (flags, expected) in cases {
        let output = Command::new(env!("CARGO_BIN_EXE_ideaboard-server"))
            .arg("--board")
            .arg(dir.path().join("never.board"))
            .args(["--listen", "127.0.0.1:0", "--demo"])
            .args(&flags)
            .env_remove("IDEABOARD_CONFIG")
            .output()
            .unwrap();
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{flags:?}: {stderr}");
        assert!(stderr.contains(expected), "{flags:?}: {stderr}");
        assert!(output.stdout.is_empty(), "it never listened: {flags:?}");
    }
    assert!(
        !dir.path().join("never.board").exists(),
        "no board is made by a server that cannot start"
    );
}
