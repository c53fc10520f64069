//! Dispatch as a host calls it: names and JSON in, JSON or an `ErrorDto` out, with
//! the ops' own behaviour behind it.

use std::path::PathBuf;
use std::sync::atomic::AtomicBool;
use std::sync::{Arc, Mutex};

use ideaboard_api::{Access, Host, dispatch};
use ideaboard_core::model::{BackupInfo, BoardHealth};
use ideaboard_core::{Actor, Board, Error, ErrorCode, ErrorDto, Timestamp, ops};
use serde_json::{Value, json};

const NOW: Timestamp = Timestamp::from_millis(1_796_000_000_000);

/// A host with an in-memory board and a fixed clock; it records the accesses asked.
struct TestHost {
    board: Mutex<Board>,
    actor: Mutex<Actor>,
    accesses: Mutex<Vec<Access>>,
    cancel: Arc<AtomicBool>,
}

impl TestHost {
    fn new() -> Self {
        let mut board = Board::open_in_memory("Test", NOW).unwrap();
        ops::create_owner(&mut board, "Ada", None, NOW).unwrap();
        TestHost {
            board: Mutex::new(board),
            actor: Mutex::new(Actor::guest()),
            accesses: Mutex::default(),
            cancel: Arc::default(),
        }
    }

    fn call(&self, name: &str, args: Value) -> Result<Value, ErrorDto> {
        dispatch(self, name, args, &|_| {})
    }
}

impl Host for TestHost {
    fn now(&self) -> Timestamp {
        NOW
    }

    fn run<T>(
        &self,
        access: Access,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        self.accesses.lock().unwrap().push(access);
        let actor = self.actor.lock().unwrap().clone();
        f(&mut self.board.lock().unwrap(), &actor).map_err(|e| e.to_dto())
    }

    fn set_actor(&self, actor: Actor) {
        *self.actor.lock().unwrap() = actor;
    }

    fn health(&self) -> BoardHealth {
        BoardHealth::default()
    }

    fn board_file(&self) -> Result<PathBuf, ErrorDto> {
        Err(Error::NotFound { what: "board" }.to_dto())
    }

    fn restore(&self, _: &str, _: Timestamp) -> Result<Option<BackupInfo>, ErrorDto> {
        Err(Error::NotAllowed.to_dto())
    }

    fn open_read_only(&self) -> Result<(), ErrorDto> {
        Ok(())
    }

    fn start_export(&self) -> Arc<AtomicBool> {
        Arc::clone(&self.cancel)
    }

    fn cancel_export(&self) {}
}

#[test]
fn a_fan_signs_up_submits_and_votes_through_dispatch() {
    let host = TestHost::new();
    let profile = host
        .call("create_profile", json!({ "displayName": "小王" }))
        .unwrap();
    assert_eq!(profile["displayName"], "小王");
    let current = host.call("current_profile", Value::Null).unwrap();
    assert_eq!(current["id"], profile["id"], "create_profile signed in");

    let input = json!({ "title": "Oat milk everywhere", "body": "", "category": null, "tags": [] });
    let idea = host.call("submit_idea", json!({ "input": input })).unwrap();
    let id = idea["idea"]["id"].as_str().unwrap().to_string();
    let voted = host
        .call("vote", json!({ "ideaId": id, "priority": "critical" }))
        .unwrap();
    assert_eq!(voted["detail"]["idea"]["id"], idea["idea"]["id"]);
    assert_eq!(voted["detail"]["idea"]["voteCount"], 1);
    // What else moved, in camelCase: the voter's standing, the board's totals and
    // the feed entries the answer reflects.
    assert_eq!(voted["moved"]["counts"]["votes"], 1);
    assert!(voted["moved"]["standing"]["points"].as_i64().unwrap() > 0);
    assert!(
        voted["moved"]["changes"]["last"].as_i64() >= voted["moved"]["changes"]["first"].as_i64()
    );
    let again = host.call("vote", json!({ "ideaId": id, "priority": "critical" }));
    assert_eq!(again.unwrap_err().code, ErrorCode::AlreadyVoted);

    host.call("sign_out", json!({})).unwrap();
    assert_eq!(
        host.call("current_profile", json!({})).unwrap(),
        Value::Null
    );
}

#[test]
fn unknown_commands_and_bad_arguments_have_codes_of_their_own() {
    let host = TestHost::new();
    let unknown = host.call("drop_board", json!({})).unwrap_err();
    assert_eq!(unknown.code, ErrorCode::UnknownCommand);
    assert!(
        unknown.message.contains("drop_board"),
        "{}",
        unknown.message
    );

    let missing = host.call("vote", json!({ "ideaId": "x" })).unwrap_err();
    assert_eq!(missing.code, ErrorCode::BadArguments);
    assert!(missing.message.contains("priority"), "{}", missing.message);
    let wrong = host
        .call("vote", json!({ "ideaId": "x", "priority": "urgent" }))
        .unwrap_err();
    assert_eq!(wrong.code, ErrorCode::BadArguments);
    let snake = host
        .call("get_idea", json!({ "idea_id": "x" }))
        .unwrap_err();
    assert_eq!(
        snake.code,
        ErrorCode::BadArguments,
        "arguments are camelCase"
    );
    let not_an_object = host.call("get_idea", json!("x")).unwrap_err();
    assert_eq!(not_an_object.code, ErrorCode::BadArguments);
}

#[test]
fn reads_and_writes_reach_the_host_as_declared() {
    let host = TestHost::new();
    host.call("board_overview", Value::Null).unwrap();
    host.call("create_profile", json!({ "displayName": "Bo" }))
        .unwrap();
    assert_eq!(
        *host.accesses.lock().unwrap(),
        [Access::Read, Access::Write]
    );
    for command in ideaboard_api::commands::ALL {
        let write = command.access == Access::Write;
        let reads_only = ["list", "get", "search", "similar", "board_overview", "my_"];
        if reads_only.iter().any(|p| command.name.starts_with(p)) {
            assert!(!write, "{} reads", command.name);
        }
    }
}

#[test]
fn an_export_streams_its_progress_to_the_caller() {
    let host = TestHost::new();
    let owner = host
        .run(Access::Read, |board, _| ops::act_as_owner(board))
        .unwrap();
    host.set_actor(owner);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ideas.csv");
    let seen = Mutex::new(Vec::new());
    let request = json!({
        "request": { "format": "csv", "filter": {
            "statuses": [], "category": null, "tag": null, "createdFrom": null,
            "createdTo": null, "minVotes": null, "includeMerged": false },
            "includeInternal": false },
        "path": path,
        "onProgress": "__CHANNEL__:1",
    });
    let bytes = dispatch(&host, "export_board", request, &|item| {
        seen.lock().unwrap().push(item)
    })
    .unwrap();
    assert!(bytes.as_u64().unwrap() > 0);
    assert_eq!(
        std::fs::metadata(&path).unwrap().len(),
        bytes.as_u64().unwrap()
    );
    let seen = seen.into_inner().unwrap();
    assert!(!seen.is_empty(), "progress was sent");
    assert!(
        seen.iter()
            .all(|p| p.get("done").is_some() && p.get("total").is_some())
    );
}

#[test]
fn every_command_is_declared_once_with_its_docs() {
    let mut names: Vec<&str> = ideaboard_api::commands::ALL
        .iter()
        .map(|c| c.name)
        .collect();
    let count = names.len();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), count, "a command is declared twice");
    for command in ideaboard_api::commands::ALL {
        assert!(
            !command.doc.trim().is_empty(),
            "{} has no doc",
            command.name
        );
        assert!(ideaboard_api::command(command.name).is_some());
    }
}

#[test]
fn a_host_that_knows_no_other_boards_refuses_the_board_menu() {
    let host = TestHost::new();
    let args = json!({
        "url": "http://127.0.0.1:8080", "email": "fan@example.com", "password": "a long password",
        "displayName": null, "invitation": null, "id": "server-1",
    });
    for name in [
        "known_boards",
        "check_server",
        "join_board",
        "switch_board",
        "leave_board",
    ] {
        let command = ideaboard_api::command(name).expect("in the contract");
        assert!(!command.served_remotely(), "{name} is the app's own");
        let refused = host.call(name, args.clone()).unwrap_err();
        assert_eq!(refused.code, ErrorCode::UnknownCommand, "{name}");
    }
}
