//! The server killed with SIGKILL while fans vote and comment, again and again:
//! each restart serves within 2 s, every write that got a 2xx is in the board, and
//! SQLite and every counter agree with a recount. `IDEABOARD_CRASH_KILLS` sets the
//! number of kills (5 in the test command; the 20 with
//! `IDEABOARD_CRASH_KILLS=20 cargo nextest run -p ideaboard-server crash`), with the
//! default `--sync full` and with `--sync normal`.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use ideaboard_core::model::{NewSession, SessionKind, SignUp};
use ideaboard_core::{Board, Timestamp, ops};
use serde_json::json;

use crate::support::Server;

/// A write a fan got a 2xx for, or one whose answer never came.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Last {
    Voted,
    Unvoted,
    /// Sent, then the server died: it may or may not have landed.
    Unsettled,
}

#[derive(Default)]
struct Record {
    /// (fan, idea) -> what the fan's last acknowledged vote write was.
    votes: BTreeMap<(usize, String), Last>,
    /// Comments acknowledged, by id.
    comments: Vec<String>,
    acked: usize,
}

/// How many kills: `IDEABOARD_CRASH_KILLS`, else `default`.
fn kills(default: usize) -> usize {
    std::env::var("IDEABOARD_CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
        .clamp(1, 50)
}

#[test]
fn killed_under_load_it_restarts_fast_and_loses_no_acknowledged_write() {
    killed_under_load(&[], kills(5));
}

/// The same with `--sync normal`: commits are not synced to disk, yet a killed
/// process loses none of them (the operating system still holds what was written).
/// Three kills in the test command (the test command's time is short).
#[test]
fn with_sync_normal_a_killed_server_loses_no_acknowledged_write_either() {
    killed_under_load(&["--sync", "normal"], kills(3));
}

fn killed_under_load(flags: &[&str], kills: usize) {
    let first = Server::start(flags);
    let board_path = first.board();
    let ideas: Vec<String> = {
        let board = Board::open_read_only(&board_path).unwrap();
        let query = ideaboard_core::model::ListQuery {
            status: Some(ideaboard_core::model::IdeaStatus::New),
            limit: 8,
            ..Default::default()
        };
        let page = ops::list_ideas(&board, &ideaboard_core::Actor::guest(), &query).unwrap();
        page.items.into_iter().map(|i| i.id).collect()
    };
    assert!(ideas.len() >= 4);
    let fans: Vec<(String, String)> = {
        let mut board = Board::open(&board_path, Timestamp::now()).unwrap();
        (0..4)
            .map(|i| {
                let signed = ops::accounts::sign_up(
                    &mut board,
                    &SignUp {
                        display_name: format!("Crash fan {i}"),
                        email: format!("crash{i}@example.com"),
                        password: format!("crash fan number {i}"),
                        invitation: None,
                    },
                    &NewSession {
                        kind: SessionKind::Bearer,
                        label: "crash".into(),
                    },
                    Timestamp::now(),
                )
                .unwrap();
                (
                    format!("Bearer {}", signed.token.expose()),
                    signed.profile.id,
                )
            })
            .collect()
    };
    let record = Arc::new(Mutex::new(Record::default()));
    let mut dir = first.kill();
    let mut slowest = Duration::ZERO;
    for round in 0..kills {
        let started = Instant::now();
        let server = Arc::new(Server::start_in(dir, flags));
        slowest = slowest.max(started.elapsed());
        let stop = Arc::new(AtomicBool::new(false));
        let writers: Vec<_> = fans
            .iter()
            .enumerate()
            .map(|(f, (bearer, _))| {
                let (server, stop, record, bearer, ideas) =
                    (server.clone(), stop.clone(), record.clone(), bearer.clone(), ideas.clone());
                std::thread::spawn(move || {
                    let mut k = round * 1_000;
                    while !stop.load(Ordering::Relaxed) {
                        k += 1;
                        let idea = ideas[(k + f) % ideas.len()].clone();
                        let key = (f, idea.clone());
                        let headers = [("Authorization", bearer.as_str())];
                        if k % 3 == 0 {
                            let body = json!({ "input": { "ideaId": idea, "parentId": null, "kind": "public", "body": format!("round {round} write {k}") } });
                            match server.try_call("add_comment", &headers, &body) {
                                Some(reply) if reply.status == 200 => {
                                    let mut r = record.lock().unwrap();
                                    r.comments.push(reply.json()["comment"]["id"].as_str().unwrap().to_string());
                                    r.acked += 1;
                                }
                                _ => {}
                            }
                            continue;
                        }
                        let voted = record.lock().unwrap().votes.get(&key) == Some(&Last::Voted);
                        let (command, body, then) = if voted {
                            ("unvote", json!({ "ideaId": idea }), Last::Unvoted)
                        } else {
                            ("vote", json!({ "ideaId": idea, "priority": "important" }), Last::Voted)
                        };
                        let unsettled = record.lock().unwrap().votes.get(&key) == Some(&Last::Unsettled);
                        if unsettled {
                            continue;
                        }
                        let before = record.lock().unwrap().votes.insert(key.clone(), Last::Unsettled);
                        match server.try_call(command, &headers, &body) {
                            Some(reply) if reply.status == 200 => {
                                let mut r = record.lock().unwrap();
                                r.votes.insert(key, then);
                                r.acked += 1;
                            }
                            // Over the fan's vote quota: nothing was written.
                            Some(reply) if reply.status == 429 => {
                                let mut r = record.lock().unwrap();
                                match before {
                                    Some(before) => r.votes.insert(key, before),
                                    None => r.votes.remove(&key),
                                };
                            }
                            Some(reply) if reply.status < 500 && reply.status != 0 => {
                                panic!("{command} refused: {} {}", reply.status, String::from_utf8_lossy(&reply.body));
                            }
                            // No answer: the server died with it in flight.
                            _ => {}
                        }
                    }
                })
            })
            .collect();
        std::thread::sleep(Duration::from_millis(300 + 150 * (round as u64 % 4)));
        let killed = std::process::Command::new("kill")
            .args(["-KILL", &server.pid().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        stop.store(true, Ordering::Relaxed);
        for w in writers {
            w.join().unwrap();
        }
        let server = Arc::try_unwrap(server).ok().expect("the writers are done");
        dir = server.kill();
    }
    assert!(
        slowest <= Duration::from_secs(2),
        "a restart took {slowest:?}"
    );

    let board = Board::open(dir.path().join("shared.board"), Timestamp::now()).unwrap();
    assert_eq!(board.check_integrity().unwrap(), Vec::<String>::new());
    assert_eq!(board.counter_mismatches().unwrap(), Vec::<String>::new());
    let record = record.lock().unwrap();
    eprintln!(
        "{} kills: slowest restart {slowest:?}; {} writes acknowledged, {} of them comments",
        kills,
        record.acked,
        record.comments.len()
    );
    // The check means something only if writes landed between the kills.
    assert!(
        record.acked >= kills,
        "only {} writes were acknowledged in {} rounds",
        record.acked,
        kills
    );
    let now = Timestamp::now();
    for ((fan, idea), last) in &record.votes {
        let actor = ops::act_as(&board, &fans[*fan].1).unwrap();
        let mine = ops::get_idea(&board, &actor, idea, now)
            .unwrap()
            .idea
            .my_vote;
        match last {
            Last::Voted => assert!(
                mine.is_some(),
                "fan {fan}'s acknowledged vote on {idea} is gone"
            ),
            Last::Unvoted => assert!(
                mine.is_none(),
                "fan {fan}'s acknowledged unvote on {idea} came undone"
            ),
            Last::Unsettled => {}
        }
    }
    let guest = ideaboard_core::Actor::guest();
    let mut threads = BTreeMap::new();
    for idea in &ideas {
        let ids: Vec<String> = ops::list_comments(&board, &guest, idea)
            .unwrap()
            .into_iter()
            .map(|c| c.id)
            .collect();
        threads.insert(idea.clone(), ids);
    }
    for id in &record.comments {
        assert!(
            threads.values().any(|ids| ids.contains(id)),
            "acknowledged comment {id} is gone"
        );
    }
}
