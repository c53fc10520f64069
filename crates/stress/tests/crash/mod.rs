//! Crash safety (issue 8): writers killed with SIGKILL at random moments, alone or
//! two at once on one board, with backups taken while they write. `crash-test`
//! exits non-zero, naming the problem, when the board does not open, does not
//! check, has a counter that differs from a recount, or misses a write a writer
//! acknowledged. The long runs are in README (Reliability).

use super::{stress, text};

/// The figure on a summary line, e.g. `writes acknowledged    1383 (...)`.
fn figure(out: &str, label: &str) -> u64 {
    let line = out
        .lines()
        .find(|l| l.starts_with(label))
        .unwrap_or_else(|| panic!("no {label:?} line in:\n{out}"));
    line[label.len()..]
        .split_whitespace()
        .next()
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no figure in {line:?}"))
}

fn crash_test(args: &[&str]) -> String {
    let mut all = vec!["crash-test"];
    all.extend_from_slice(args);
    let out = stress(&all);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    assert!(said.contains("lost writes            0"), "{said}");
    said
}

#[test]
fn fifty_kills_of_a_writer_lose_no_acknowledged_write() {
    let out = crash_test(&["--kills", "50", "--seed", "1", "--backup-every", "0"]);
    assert_eq!(figure(&out, "kills"), 50, "{out}");
    assert!(figure(&out, "writes acknowledged") > 100, "{out}");
}

#[test]
fn two_writers_at_once_and_backups_while_they_write_lose_nothing() {
    let out = crash_test(&[
        "--kills",
        "12",
        "--writers",
        "2",
        "--seed",
        "2",
        "--backup-every",
        "3",
    ]);
    assert_eq!(figure(&out, "kills"), 12, "{out}");
    assert_eq!(figure(&out, "backups while writing"), 4, "{out}");
    assert!(figure(&out, "writes acknowledged") > 50, "{out}");
}
