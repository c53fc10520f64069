//! A fresh install: no board yet. `ideaboard-server admin create` makes the board
//! (empty, named as asked) and its first admin; the server then serves it, and a
//! second first admin is refused. A server started before the board exists waits
//! for it and serves it once made, without a restart.

use serde_json::json;

use crate::support::{ADMIN_PASSWORD, Server, admin_create, server_dir};

const BOARD_NAME: [&str; 2] = ["--board-name", "Brand ideas"];

#[test]
fn admin_create_on_a_fresh_install_makes_the_board_then_the_admin() {
    let dir = server_dir();
    // The board Server::start_in serves (it would make a demo board only if none).
    let board = dir.path().join("shared.board");
    let made = admin_create(&board, "ada@example.com", &BOARD_NAME);
    let said = String::from_utf8_lossy(&made.stdout);
    assert!(
        made.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&made.stderr)
    );
    assert!(said.contains("created the board"), "{said}");
    assert!(said.contains("created the admin account of Ada"), "{said}");

    let server = Server::start_in(dir, &[]);
    let overview = server.call("board_overview", &[], &json!(null)).json();
    assert_eq!(overview["name"], "Brand ideas");
    assert_eq!(overview["counts"]["ideas"], 0, "empty, not the demo");
    server.bearer("ada@example.com", ADMIN_PASSWORD);

    let again = admin_create(&server.board(), "eve@example.com", &BOARD_NAME);
    assert!(!again.status.success(), "a second first admin");
    assert!(
        !String::from_utf8_lossy(&again.stdout).contains("created the board"),
        "the board is never made twice"
    );
}

#[test]
fn a_server_started_before_its_board_serves_it_once_admin_create_made_it() {
    let server = Server::start_before_board(server_dir());
    // Listening, but nothing to serve yet: the probe and the API say so.
    std::thread::sleep(std::time::Duration::from_millis(300));
    assert_eq!(server.request("GET", "/healthz", &[], b"").status, 503);
    let early = server.call("board_overview", &[], &json!(null));
    assert!(early.status >= 400, "no board yet: {}", early.status);
    assert!(!server.board().exists(), "the server makes no board itself");

    let made = admin_create(&server.board(), "ada@example.com", &BOARD_NAME);
    assert!(made.status.success(), "{made:?}");
    server.wait_healthy();
    let overview = server.call("board_overview", &[], &json!(null)).json();
    assert_eq!(overview["name"], "Brand ideas");
    server.bearer("ada@example.com", ADMIN_PASSWORD);
}
