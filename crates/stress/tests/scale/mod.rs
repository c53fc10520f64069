//! `seed-scale` and `bench` on a small generated board: the harness must keep
//! running and report every operation, without touching the board it measures.
//! Times are printed, never asserted.

use super::{arg, stress, text};

fn file_bytes(p: &std::path::Path) -> Vec<u8> {
    let mut bytes = std::fs::read(p).unwrap();
    let mut wal = p.as_os_str().to_owned();
    wal.push("-wal");
    if let Ok(more) = std::fs::read(std::path::PathBuf::from(wal)) {
        bytes.extend(more);
    }
    bytes
}

#[test]
fn scale_seed_then_bench_reports_every_operation_on_a_copy() {
    let dir = tempfile::tempdir().unwrap();
    let board = dir.path().join("scale.board");
    let seeded = stress(&[
        "seed-scale",
        "--board",
        arg(&board),
        "--ideas",
        "2000",
        "--votes",
        "20000",
        "--comments",
        "8000",
        "--members",
        "2000",
        "--years",
        "1",
        "--seed",
        "5",
        "--verify",
    ]);
    assert!(seeded.status.success(), "{}", text(&seeded));
    assert!(text(&seeded).contains("verified"), "{}", text(&seeded));
    let again = stress(&["seed-scale", "--board", arg(&board), "--ideas", "10"]);
    assert!(
        !again.status.success(),
        "a scale seed never overwrites a file"
    );

    let before = file_bytes(&board);
    let out = stress(&[
        "bench",
        "--board",
        arg(&board),
        "--json",
        "--iterations",
        "3",
        "--heavy-iterations",
        "2",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        file_bytes(&board),
        before,
        "the measured board is never changed"
    );

    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        report["context"]["ideas"].as_u64().unwrap() > 1_500,
        "{report}"
    );
    let rows = report["rows"].as_array().unwrap();
    let find = |prefix: &str| {
        rows.iter()
            .find(|r| r["operation"].as_str().unwrap().starts_with(prefix))
            .unwrap_or_else(|| panic!("no row {prefix}: {report}"))
    };
    let timed = [
        ("open board", 3),
        ("list trending, page 1", 3),
        ("list trending, page 200", 3),
        ("list top, page 1", 3),
        ("list top, page 200", 3),
        ("list new, page 1", 3),
        ("list new, page 200", 3),
        ("list drinks + under review", 3),
        ("idea page (", 3),
        ("vote (important)", 3),
        ("unvote", 3),
        ("submit idea", 3),
        ("add comment", 3),
        ("vote, no export beside it", 3),
        ("vote while XLSX export runs", 3),
        ("status change (", 2),
        ("merge (two ideas", 2),
        ("search zh, 1 char", 3),
        ("search zh, 2 chars", 3),
        ("search zh, 4 chars", 3),
        ("search en", 3),
        ("search mixed", 3),
        ("similar ideas (zh draft)", 3),
        ("similar ideas (en draft)", 3),
        ("adoption view", 3),
        ("triage inbox page 1", 3),
        ("team analytics", 3),
        ("engagement (core fans)", 3),
        ("moderation queue page 1", 3),
    ];
    for (name, n) in timed {
        let row = find(name);
        let s = &row["stats"];
        assert_eq!(s["n"], n, "{row}");
        let (p50, p99, max) = (
            s["p50_ms"].as_f64().unwrap(),
            s["p99_ms"].as_f64().unwrap(),
            s["max_ms"].as_f64().unwrap(),
        );
        assert!(p50 > 0.0 && p50 <= p99 && p99 <= max, "{row}");
        assert!(
            row["met"].is_boolean(),
            "every timed row has a target: {row}"
        );
        if name.starts_with("list") {
            assert!(row["floor"]["p50_ms"].as_f64().unwrap() > 0.0, "{row}");
            assert!(row["ratio"].as_f64().unwrap() > 0.0, "{row}");
        }
    }
    let page = find("idea page (")["operation"]
        .as_str()
        .unwrap()
        .to_string();
    let comments: u32 = page
        .trim_start_matches("idea page (")
        .split(' ')
        .next()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        comments >= 500,
        "the idea page is measured with 500 comments: {page}"
    );
    let beside = find("vote while XLSX export runs")["operation"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(
        beside.contains("read-only connection") && !beside.contains("(0 of"),
        "votes were timed while an export ran: {beside}"
    );
    assert!(
        !find("merge (two ideas")["operation"]
            .as_str()
            .unwrap()
            .contains(" 0 votes")
    );
    // Whole-board export and import, each sample in a child process with its peak
    // resident memory in the row's name.
    for name in [
        "export CSV (whole board)",
        "export XLSX (whole board)",
        "export JSON (whole board)",
        "import JSON (whole board",
    ] {
        let row = find(name);
        assert_eq!(row["stats"]["n"], 3, "{row}");
        assert!(
            row["operation"].as_str().unwrap().contains("peak RSS"),
            "{row}"
        );
    }
    assert!(find("export CSV")["met"].is_boolean());
    assert!(find("export XLSX")["met"].is_boolean());

    let table = stress(&[
        "bench",
        "--board",
        arg(&board),
        "--iterations",
        "2",
        "--heavy-iterations",
        "1",
    ]);
    assert!(table.status.success(), "{}", text(&table));
    let printed = String::from_utf8_lossy(&table.stdout).to_string();
    assert!(
        printed.contains("p99 ms") && printed.contains("list top, page 200"),
        "{printed}"
    );

    let nothing = stress(&["bench", "--board", arg(&dir.path().join("missing.board"))]);
    assert!(!nothing.status.success());
}
