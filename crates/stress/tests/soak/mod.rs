//! The soak (issue 8), short: fifty simulated members, moderators among them, doing
//! random operations for twenty seconds, every invariant checked after every step.
//! `soak` exits non-zero with the step, the op and the seed when one breaks. The
//! long run is in README (Reliability).

use super::{stress, text};

#[test]
fn twenty_seconds_of_fifty_members_keep_every_invariant() {
    let out = stress(&["soak", "--seconds", "20", "--members", "50", "--seed", "3"]);
    let said = text(&out);
    assert!(out.status.success(), "{said}");
    let steps: u64 = said
        .lines()
        .find_map(|l| l.strip_prefix("steps"))
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no steps line in:\n{said}"));
    assert!(steps > 100, "{said}");
    assert!(said.contains("all as predicted"), "{said}");
    for kind in ["vote", "merge", "status", "hide comment", "report"] {
        assert!(
            said.contains(&format!("\n  {kind} ")),
            "no {kind} in:\n{said}"
        );
    }
}
