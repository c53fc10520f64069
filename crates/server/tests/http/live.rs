//! `GET /api/live`: the change feed as Server-Sent Events, filtered for the
//! member, resumed with Last-Event-ID, ended when the session is revoked.

use std::io::{BufRead, BufReader, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

use crate::accounts::{browser_fan, first_idea};
use crate::support::Server;

/// An open event stream, read line by line.
struct Stream {
    lines: BufReader<TcpStream>,
}

impl Stream {
    fn open(server: &Server, headers: &[(&str, &str)]) -> Stream {
        Stream::open_at(server, "/api/live", headers)
    }

    fn open_at(server: &Server, path: &str, headers: &[(&str, &str)]) -> Stream {
        let mut socket = TcpStream::connect(server.addr).unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
        let mut head = format!(
            "GET {path} HTTP/1.1\r\nHost: {}\r\nAccept: text/event-stream\r\n",
            server.addr
        );
        for (name, value) in headers {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
        head.push_str("\r\n");
        socket.write_all(head.as_bytes()).unwrap();
        let mut stream = Stream {
            lines: BufReader::new(socket),
        };
        let status = stream.line(Duration::from_secs(5)).expect("a status line");
        assert!(status.contains(" 200 "), "{status}");
        stream
    }

    /// The next line within `within`: `Line`, `Quiet` when none came, or `Ended`
    /// (closed, or chunked encoding's last chunk).
    fn next(&mut self, within: Duration) -> Next {
        let deadline = Instant::now() + within;
        let mut line = String::new();
        while Instant::now() < deadline {
            match self.lines.read_line(&mut line) {
                Ok(0) => return Next::Ended,
                Ok(_) if line.trim() == "0" => return Next::Ended,
                Ok(_) if line.ends_with('\n') => return Next::Line(line.trim_end().to_string()),
                Ok(_) => {}
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) => {}
                Err(_) => return Next::Ended,
            }
        }
        Next::Quiet
    }

    /// The next line, or None when `within` passes first or the stream ended.
    fn line(&mut self, within: Duration) -> Option<String> {
        match self.next(within) {
            Next::Line(line) => Some(line),
            Next::Quiet | Next::Ended => None,
        }
    }

    /// Every `board-changes` page that arrives within `within`.
    fn pages(&mut self, within: Duration) -> Vec<Value> {
        let deadline = Instant::now() + within;
        let mut pages = Vec::new();
        while let Some(line) = self.line(deadline.saturating_duration_since(Instant::now())) {
            // Chunked framing puts sizes on lines of their own; only data lines count.
            if let Some(data) = line
                .strip_prefix("data: ")
                .or_else(|| line.strip_prefix("data:"))
            {
                pages.push(serde_json::from_str(data).unwrap());
            }
        }
        pages
    }

    /// Whether the server ended the stream within `within`.
    fn ends_within(&mut self, within: Duration) -> bool {
        let deadline = Instant::now() + within;
        loop {
            match self.next(deadline.saturating_duration_since(Instant::now())) {
                Next::Ended => return true,
                Next::Quiet => return false,
                Next::Line(_) => {}
            }
        }
    }
}

enum Next {
    Line(String),
    Quiet,
    Ended,
}

fn changes(pages: &[Value]) -> Vec<Value> {
    pages
        .iter()
        .flat_map(|p| p["changes"].as_array().cloned().unwrap_or_default())
        .collect()
}

#[test]
fn a_fan_sees_the_teams_answer_live_but_never_its_internal_note() {
    let server = Server::start(&[]);
    let admin = server.admin("ada@brand.example");
    let idea = first_idea(&server);
    let (cookie, csrf) = browser_fan(&server, "fan@example.com");
    let mut fan = Stream::open(&server, &[("Cookie", &cookie)]);
    let mut team = Stream::open(&server, &[("Authorization", &admin)]);
    // Let the stream place itself at the board's newest change.
    std::thread::sleep(Duration::from_millis(300));

    let note = server.call(
        "add_comment",
        &[("Authorization", &admin)],
        &json!({ "input": { "ideaId": idea, "parentId": null, "kind": "internal", "body": "Margins are thin on this one." } }),
    );
    assert_eq!(note.status, 200, "{}", String::from_utf8_lossy(&note.body));
    let note_id = note.json()["comment"]["id"].as_str().unwrap().to_string();
    let answer = server.call(
        "change_status",
        &[("Authorization", &admin)],
        &json!({ "update": { "ideaId": idea, "to": "planned", "note": "Coming this spring." } }),
    );
    assert_eq!(
        answer.status,
        200,
        "{}",
        String::from_utf8_lossy(&answer.body)
    );

    let started = Instant::now();
    let pages = fan.pages(Duration::from_secs(2));
    let seen = changes(&pages);
    assert!(
        seen.iter()
            .any(|c| c["kind"] == "idea" && c["id"] == idea.as_str()),
        "the status change reaches the fan within {:?}: {pages:?}",
        started.elapsed()
    );
    assert!(
        !seen.iter().any(|c| c["id"] == note_id.as_str()),
        "an internal note never reaches a fan: {seen:?}"
    );

    // The team's own stream does carry the note.
    let team_seen = changes(&team.pages(Duration::from_secs(1)));
    assert!(
        team_seen.iter().any(|c| c["id"] == note_id.as_str()),
        "{team_seen:?}"
    );

    // A client that comes back with Last-Event-ID hears what it missed at once.
    let first = seen.iter().find(|c| c["kind"] == "idea").unwrap()["seq"]
        .as_i64()
        .unwrap();
    let back = (first - 1).to_string();
    let mut resumed = Stream::open(&server, &[("Last-Event-ID", &back)]);
    let missed = changes(&resumed.pages(Duration::from_secs(1)));
    assert!(missed.iter().any(|c| c["seq"] == first), "{missed:?}");
    // So does a page that opens a new stream from where its last one ended.
    let mut reopened = Stream::open_at(&server, &format!("/api/live?after={back}"), &[]);
    let missed = changes(&reopened.pages(Duration::from_secs(1)));
    assert!(missed.iter().any(|c| c["seq"] == first), "{missed:?}");

    // Signed out, the fan's stream ends at the next change.
    let out = server.post(
        "/api/auth/sign_out",
        &[("Cookie", &cookie), ("X-CSRF-Token", &csrf)],
        &json!({}),
    );
    assert_eq!(out.status, 200);
    server.call(
        "change_status",
        &[("Authorization", &admin)],
        &json!({ "update": { "ideaId": idea, "to": "in_progress", "note": "Started." } }),
    );
    assert!(
        fan.ends_within(Duration::from_secs(3)),
        "a revoked session's stream ends"
    );
}

#[test]
fn a_stream_with_a_bad_token_is_refused_and_a_stop_ends_every_stream() {
    let server = Server::start(&[]);
    let refused = server.request(
        "GET",
        "/api/live",
        &[("Authorization", "Bearer ibs_not_a_session")],
        b"",
    );
    assert_eq!(
        (refused.status, refused.code().as_str()),
        (401, "NotSignedIn")
    );
    let mut guest = Stream::open(&server, &[]);
    assert!(guest.pages(Duration::from_millis(300)).is_empty());
    let metrics = server.request("GET", "/metrics", &[], b"");
    assert!(String::from_utf8_lossy(&metrics.body).contains("ideaboard_live_connections 1"));
    let started = Instant::now();
    let (status, log) = server.stop();
    assert!(status.success(), "{log}");
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "an open stream does not hold the stop"
    );
    assert!(guest.ends_within(Duration::from_secs(1)));
}
