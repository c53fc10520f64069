//! `ideaboard-client`, the desktop app's client of a shared board, against the real
//! server: checking an address, signing in for a bearer token, every command's
//! answer and refusal as the core's, signing out, and the live stream following
//! the board and coming back by itself after the server is killed and restarted.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use ideaboard_client::{Live, LiveEvent, NewAccount, Remote};
use ideaboard_core::ErrorCode;
use serde_json::{Value, json};

use crate::accounts::first_idea;
use crate::support::Server;

const PASSWORD: &str = "a fan's long password";

fn fan(remote: &Remote, email: &str) -> Remote {
    let account = NewAccount {
        display_name: "阿明".into(),
        email: email.into(),
        password: PASSWORD.into(),
        invitation: None,
    };
    let signed = remote.sign_up(&account, "client test").expect("sign up");
    assert_eq!(signed.profile["displayName"], "阿明");
    remote.with_bearer(signed.token)
}

#[test]
fn a_member_signs_in_calls_commands_and_gets_the_cores_refusals() {
    let server = Server::start(&[]);
    let guest = Remote::new(&format!("http://{}/", server.addr)).unwrap();
    guest.check().expect("an Ideaboard server answers");

    let member = fan(&guest, "ming@example.com");
    let idea = first_idea(&server);
    let voted = member
        .call("vote", json!({ "ideaId": idea, "priority": "important" }))
        .expect("a vote");
    assert_eq!(voted["detail"]["idea"]["id"], idea, "{voted}");
    let again = member
        .call("vote", json!({ "ideaId": idea, "priority": "important" }))
        .unwrap_err();
    assert_eq!(again.code, ErrorCode::AlreadyVoted);

    // Arguments that do not fit, a local command, a guest's write: the server's
    // own codes, as the core names them.
    let bad = member.call("vote", json!({ "ideaId": 7 })).unwrap_err();
    assert_eq!(bad.code, ErrorCode::BadArguments);
    let local = member.call("list_profiles", Value::Null).unwrap_err();
    assert_eq!(local.code, ErrorCode::UnknownCommand);
    let anonymous = guest
        .call("vote", json!({ "ideaId": idea, "priority": "important" }))
        .unwrap_err();
    assert_eq!(anonymous.code, ErrorCode::NotSignedIn);

    // A second sign-in of the same account, and a wrong password.
    let signed = guest
        .sign_in("ming@example.com", PASSWORD, "client test")
        .expect("sign in");
    let again = guest.with_bearer(signed.token);
    let me = again.call("current_profile", Value::Null).unwrap();
    assert_eq!(me["displayName"], "阿明");
    let wrong = guest
        .sign_in("ming@example.com", "not the password at all", "client test")
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::InvalidCredentials);

    // Signing out ends that session at once; the other one goes on.
    assert_eq!(again.session().unwrap()["profile"]["displayName"], "阿明");
    again.sign_out().unwrap();
    let ended = again.call("unvote", json!({ "ideaId": idea })).unwrap_err();
    assert_eq!(ended.code, ErrorCode::NotSignedIn);
    member
        .call("unvote", json!({ "ideaId": idea }))
        .expect("the first session still votes");
    server.stop_cleanly();
}

#[test]
fn checking_an_address_tells_nothing_there_from_something_else() {
    // A web server that is not Ideaboard: one page for every request.
    let other = TcpListener::bind("127.0.0.1:0").unwrap();
    let other_addr = other.local_addr().unwrap();
    std::thread::spawn(move || {
        for stream in other.incoming() {
            let Ok(mut stream) = stream else { continue };
            let mut buf = [0u8; 4096];
            let _ = stream.read(&mut buf);
            let page = "<!doctype html><p>a blog</p>";
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{page}",
                page.len()
            );
        }
    });
    let blog = Remote::new(&other_addr.to_string()).unwrap();
    assert_eq!(blog.check().unwrap_err().code, ErrorCode::NotAServer);

    let closed = TcpListener::bind("127.0.0.1:0").unwrap();
    let closed_addr = closed.local_addr().unwrap();
    drop(closed);
    let nobody = Remote::new(&format!("http://{closed_addr}")).unwrap();
    let err = nobody.check().unwrap_err();
    assert_eq!(err.code, ErrorCode::Unreachable);
    assert!(
        err.message.contains(&closed_addr.to_string()),
        "{}",
        err.message
    );
}

/// The next event within `within` that `wanted` accepts (others are skipped).
fn wait_for(
    events: &mpsc::Receiver<LiveEvent>,
    within: Duration,
    wanted: impl Fn(&LiveEvent) -> bool,
) -> LiveEvent {
    let deadline = Instant::now() + within;
    let mut skipped = Vec::new();
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(event) if wanted(&event) => return event,
            Ok(event) => skipped.push(event),
            Err(_) => panic!("no such event within {within:?}; others: {skipped:?}"),
        }
    }
}

fn has_changes(event: &LiveEvent) -> bool {
    matches!(event, LiveEvent::Page(page)
        if page["changes"].as_array().is_some_and(|c| !c.is_empty()))
}

#[test]
fn the_live_stream_follows_the_board_and_comes_back_after_a_kill() {
    let server = Server::start(&[]);
    let addr = server.addr;
    let guest = Remote::new(&format!("http://{addr}")).unwrap();
    let watcher = fan(&guest, "watcher@example.com");
    let voter = fan(&guest, "voter@example.com");
    let idea = first_idea(&server);

    let (tx, events) = mpsc::channel();
    let live = Live::follow(watcher, None, move |event| {
        let _ = tx.send(event);
    })
    .unwrap();
    wait_for(&events, Duration::from_secs(30), |e| {
        matches!(e, LiveEvent::Connected)
    });
    voter
        .call("vote", json!({ "ideaId": idea, "priority": "important" }))
        .unwrap();
    wait_for(&events, Duration::from_secs(30), has_changes);

    // SIGKILL: the stream ends and the follower says so; the same board on the
    // same port again, and it is back by itself (its first wait is 1 s).
    let dir = server.kill();
    let gone = wait_for(&events, Duration::from_secs(30), |e| {
        matches!(e, LiveEvent::Disconnected(_))
    });
    let LiveEvent::Disconnected(why) = gone else {
        unreachable!()
    };
    assert_eq!(why.code, ErrorCode::Unreachable, "{}", why.message);
    let server = Server::start_at(dir, addr);
    wait_for(&events, Duration::from_secs(30), |e| {
        matches!(e, LiveEvent::Connected)
    });
    voter.call("unvote", json!({ "ideaId": idea })).unwrap();
    wait_for(&events, Duration::from_secs(30), has_changes);

    live.stop();
    server.stop_cleanly();
}
