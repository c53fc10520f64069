//! The CLI as product teams' scripts use it: the real binary on real board files.

use std::path::Path;
use std::process::{Command, Output};

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

    let nothing = cli(&["seed", "--board", arg(&dir.path().join("other.board"))]);
    assert!(!nothing.status.success());
    assert!(
        text(&nothing).contains("ideaboard-stress seed-scale"),
        "{}",
        text(&nothing)
    );
}

#[test]
fn the_cli_offers_only_what_a_product_team_uses() {
    let help = text(&cli(&["--help"]));
    for command in [
        "init", "seed", "stats", "list", "search", "backup", "backups", "restore", "export",
        "import", "vote", "status",
    ] {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "no {command}:\n{help}"
        );
    }
    // The workshop is ideaboard-stress; here its commands are unknown.
    for workshop in [
        "bench",
        "bench-child",
        "crash-test",
        "storm",
        "soak",
        "seed-scale",
    ] {
        assert!(
            !help.contains(&format!("\n  {workshop} ")),
            "{workshop}:\n{help}"
        );
        let out = cli(&[workshop, "--help"]);
        assert!(
            !out.status.success(),
            "{workshop} still runs:\n{}",
            text(&out)
        );
    }
    let scale = cli(&["seed", "--board", "x.board", "--scale"]);
    assert!(!scale.status.success());
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

#[test]
fn export_every_format_then_restore_the_json_into_a_new_board_and_import_fider() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("demo.board");
    assert!(
        cli(&["seed", "--board", arg(&board), "--demo"])
            .status
            .success()
    );
    for (format, file) in [
        ("csv", "ideas.csv"),
        ("xlsx", "ideas.xlsx"),
        ("json", "board.json"),
        ("md", "report.md"),
    ] {
        let out_file = dir.path().join(file);
        let out = cli(&[
            "export",
            "--board",
            arg(&board),
            "--format",
            format,
            "-o",
            arg(&out_file),
        ]);
        assert!(out.status.success(), "{format}: {}", text(&out));
        assert!(
            std::fs::metadata(&out_file).unwrap().len() > 100,
            "{format} is nearly empty"
        );
    }
    let csv = std::fs::read(dir.path().join("ideas.csv")).unwrap();
    assert!(csv.starts_with(b"\xEF\xBB\xBF"));
    let filtered = dir.path().join("launched.csv");
    let out = cli(&[
        "export",
        "--board",
        arg(&board),
        "--format",
        "csv",
        "--status",
        "launched,planned",
        "--min-votes",
        "1",
        "-o",
        arg(&filtered),
    ]);
    assert!(out.status.success(), "{}", text(&out));

    let restored = dir.path().join("restored.board");
    assert!(cli(&["init", "--board", arg(&restored)]).status.success());
    let out = cli(&[
        "import",
        "--board",
        arg(&restored),
        "--from",
        arg(&dir.path().join("board.json")),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let stats = |b: &Path| -> serde_json::Value {
        serde_json::from_slice(&cli(&["stats", "--board", arg(b), "--json"]).stdout).unwrap()
    };
    let (a, b) = (stats(&board), stats(&restored));
    for key in ["ideas", "votes", "comments"] {
        assert_eq!(a["counts"][key], b["counts"][key], "{key}");
    }

    let posts = dir.path().join("posts.csv");
    std::fs::write(
        &posts,
        "number,title,description,created_at,created_by,votes_count,comments_count,status,responded_by,responded_at,response,original_number,original_title,tags\n\
         1,Dark mode for the app,Please,2024-01-02T10:00:00Z,Alice,3,0,started,,,,0,,\n\
         2,Bad,Too short a title,2024-01-02T10:00:00Z,Alice,0,0,open,,,,0,,\n",
    )
    .unwrap();
    let out = cli(&["import", "--board", arg(&board), "--from", arg(&posts)]);
    assert!(!out.status.success());
    assert!(text(&out).contains("line 3:"), "{}", text(&out));
    assert!(text(&out).contains("ImportRejected"), "{}", text(&out));
}

#[test]
fn backup_copies_a_board_that_then_opens_never_overwrites_and_restores() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("team.board");
    let copy = dir.path().join("team-backup.board");
    assert!(
        cli(&["seed", "--board", arg(&board), "--demo"])
            .status
            .success()
    );
    let out = cli(&["backup", "--board", arg(&board), "-o", arg(&copy)]);
    assert!(out.status.success(), "{}", text(&out));
    let original = text(&cli(&["stats", "--board", arg(&board), "--json"]));
    let copied = text(&cli(&["stats", "--board", arg(&copy), "--json"]));
    let counts = |s: &str| serde_json::from_str::<serde_json::Value>(s).unwrap()["counts"].clone();
    assert_eq!(counts(&copied), counts(&original));

    let again = cli(&["backup", "--board", arg(&board), "-o", arg(&copy)]);
    assert!(!again.status.success());
    assert!(text(&again).contains("InvalidInput"), "{}", text(&again));

    // The board changes after the backup; restoring brings back the backed-up one
    // and keeps the replaced board beside it.
    assert!(
        cli(&["init", "--board", arg(&dir.path().join("other.board"))])
            .status
            .success()
    );
    let other = dir.path().join("other.board");
    let out = cli(&["restore", "--from", arg(&copy), "--board", arg(&other)]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        counts(&text(&cli(&["stats", "--board", arg(&other), "--json"]))),
        counts(&original)
    );
    let kept = std::fs::read_dir(dir.path().join("other.board.backups"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with("-before-restore.board"))
        .expect("the replaced board is kept among the backups");
    assert!(
        text(&out).contains(&kept.display().to_string()),
        "{}",
        text(&out)
    );
    let listed = cli(&["backups", "--board", arg(&other)]);
    assert!(text(&listed).contains("BeforeRestore"), "{}", text(&listed));
    assert_eq!(
        counts(&text(&cli(&["stats", "--board", arg(&kept), "--json"])))["ideas"],
        0,
        "the replaced, empty board is kept"
    );
    // Not a board: refused, nothing replaced.
    let junk = dir.path().join("junk.board");
    std::fs::write(&junk, b"not a board at all").unwrap();
    let refused = cli(&["restore", "--from", arg(&junk), "--board", arg(&other)]);
    assert!(!refused.status.success());
    assert_eq!(
        counts(&text(&cli(&["stats", "--board", arg(&other), "--json"]))),
        counts(&original)
    );
}

/// `#number votes status title` lines of `list`, by number.
fn listed(board: &Path, status: &str) -> Vec<(String, u64, String)> {
    let out = cli(&[
        "list",
        "--board",
        arg(board),
        "--status",
        status,
        "--sort",
        "new",
        "--limit",
        "50",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let mut words = l.trim_start_matches('#').split_whitespace();
            let number = words.next().unwrap().to_string();
            let votes = words.next().unwrap().parse().unwrap();
            words.next(); // "votes"
            (number, votes, words.next().unwrap().to_string())
        })
        .collect()
}

#[test]
fn vote_and_status_act_on_an_idea_by_number_and_refuse_bad_input_clearly() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("demo.board");
    assert!(
        cli(&["seed", "--board", arg(&board), "--demo"])
            .status
            .success()
    );
    // A demo fan votes for the newest idea they have not voted for yet.
    let ideas = listed(&board, "new");
    let (number, votes, voted) = ideas
        .iter()
        .find_map(|(number, votes, _)| {
            let out = cli(&[
                "vote",
                "--board",
                arg(&board),
                "--idea",
                number,
                "--member",
                "Alex Smith",
                "--priority",
                "important",
            ]);
            out.status
                .success()
                .then(|| (number.clone(), *votes, text(&out)))
        })
        .expect("Alex Smith votes for one of the new ideas");
    assert!(voted.contains("voted important"), "{voted}");
    let after = listed(&board, "new");
    let now = after.iter().find(|(n, _, _)| *n == number).unwrap();
    assert_eq!(now.1, votes + 1, "the vote counts");
    let again = cli(&[
        "vote",
        "--board",
        arg(&board),
        "--idea",
        &number,
        "--member",
        "Alex Smith",
    ]);
    assert!(text(&again).contains("AlreadyVoted"), "{}", text(&again));

    // The owner moves it to planned with an answer.
    let out = cli(&[
        "status",
        "--board",
        arg(&board),
        "--idea",
        &number,
        "--to",
        "planned",
        "--answer",
        "Coming in the spring release.",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("is now planned"), "{}", text(&out));
    assert!(
        listed(&board, "planned")
            .iter()
            .any(|(n, _, _)| *n == number),
        "listed as planned"
    );

    // Bad input: each refused with its code and a message that says what.
    let before = (listed(&board, "new"), listed(&board, "planned"));
    let cases: [(&[&str], &str, &str); 6] = [
        (
            &["status", "--idea", "99999", "--to", "planned"],
            "InvalidInput",
            "no idea #99999",
        ),
        (
            &["status", "--idea", &number, "--to", "someday"],
            "UnknownValue",
            "someday",
        ),
        (
            &["status", "--idea", &number, "--to", "declined"],
            "NoteRequired",
            "declined",
        ),
        (
            &["vote", "--idea", &number, "--member", "Nobody Here"],
            "InvalidInput",
            "Nobody Here",
        ),
        (
            &["vote", "--idea", "99999", "--member", "Alex Smith"],
            "InvalidInput",
            "no idea #99999",
        ),
        (
            &[
                "vote",
                "--idea",
                &number,
                "--member",
                "Alex Smith",
                "--priority",
                "urgent",
            ],
            "UnknownValue",
            "urgent",
        ),
    ];
    for (args, code, says) in cases {
        let mut all = args.to_vec();
        all.extend(["--board", arg(&board)]);
        let out = cli(&all);
        assert!(!out.status.success(), "{args:?} succeeded");
        assert!(text(&out).contains(code), "{args:?}: {}", text(&out));
        assert!(text(&out).contains(says), "{args:?}: {}", text(&out));
    }
    assert_eq!(
        (listed(&board, "new"), listed(&board, "planned")),
        before,
        "refused input changes nothing"
    );
}
