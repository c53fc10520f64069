//! The CLI as product teams' scripts use it: the real binary on real board files.

use std::path::Path;
use std::process::{Command, Output};

mod scale;

fn cli(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_ideaboard-cli"))
        .args(args)
        .output()
        .expect("run ideaboard-cli")
}

fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

fn arg(p: &Path) -> &str {
    p.to_str().expect("utf-8 temp path")
}

#[test]
fn init_creates_a_board_and_refuses_to_overwrite_it() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("team.board");
    let out = cli(&[
        "init",
        "--board",
        arg(&board),
        "--name",
        "Team board",
        "--owner",
        "Ada",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let stats = cli(&["stats", "--board", arg(&board), "--json"]);
    assert!(stats.status.success(), "{}", text(&stats));
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert_eq!(json["name"], "Team board");
    assert_eq!(json["counts"]["members"], 1);
    assert_eq!(json["counts"]["ideas"], 0);
    let again = cli(&["init", "--board", arg(&board)]);
    assert!(!again.status.success());
    assert!(text(&again).contains("already exists"), "{}", text(&again));
}

#[test]
fn seed_demo_then_stats_and_lists() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("demo.board");
    let out = cli(&["seed", "--board", arg(&board), "--demo"]);
    assert!(out.status.success(), "{}", text(&out));
    let stats = cli(&["stats", "--board", arg(&board), "--json"]);
    let json: serde_json::Value = serde_json::from_slice(&stats.stdout).unwrap();
    assert!(json["counts"]["ideas"].as_u64().unwrap() >= 250, "{json}");
    assert_eq!(json["categories"].as_array().unwrap().len(), 7);

    let new = cli(&[
        "list",
        "--board",
        arg(&board),
        "--sort",
        "new",
        "--limit",
        "5",
    ]);
    assert!(new.status.success(), "{}", text(&new));
    let numbers: Vec<u64> = String::from_utf8_lossy(&new.stdout)
        .lines()
        .map(|l| {
            l.trim_start_matches('#')
                .split_whitespace()
                .next()
                .unwrap()
                .parse()
                .unwrap()
        })
        .collect();
    assert_eq!(numbers.len(), 5);
    assert!(
        numbers.windows(2).all(|w| w[0] > w[1]),
        "newest first: {numbers:?}"
    );

    let launched = cli(&["list", "--board", arg(&board), "--status", "launched"]);
    let listing = String::from_utf8_lossy(&launched.stdout).to_string();
    assert!(
        !listing.is_empty() && listing.lines().all(|l| l.contains("launched")),
        "{listing}"
    );

    let again = cli(&["seed", "--board", arg(&board), "--demo"]);
    assert!(!again.status.success(), "seeding a board twice is refused");
}

#[test]
fn bad_input_exits_non_zero_with_its_code_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("b.board");
    assert!(cli(&["init", "--board", arg(&board)]).status.success());
    let bad_sort = cli(&["list", "--board", arg(&board), "--sort", "loudest"]);
    assert!(!bad_sort.status.success());
    assert!(
        text(&bad_sort).contains("UnknownValue"),
        "{}",
        text(&bad_sort)
    );

    let random = dir.path().join("notes.txt");
    std::fs::write(&random, b"not a board at all, just some words").unwrap();
    let before = std::fs::read(&random).unwrap();
    let out = cli(&["stats", "--board", arg(&random)]);
    assert!(!out.status.success());
    assert!(text(&out).contains("NotABoard"), "{}", text(&out));
    assert_eq!(std::fs::read(&random).unwrap(), before);

    let missing = cli(&["stats", "--board", arg(&dir.path().join("missing.board"))]);
    assert!(!missing.status.success());
    assert!(
        !dir.path().join("missing.board").exists(),
        "a missing board is not created by reading it"
    );
}
