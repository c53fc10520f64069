//! Hostile input (issue 8): time-boxed fuzzing of what reads untrusted text, with
//! grammar-aware generators (Markdown, raw HTML from the XSS cheat sheets, entities,
//! CJK, control characters, very long and deeply nested input) and mutated valid
//! files, plus some plain random bytes and strings. One test per target:
//!
//! - `markdown`: the renderer and sanitiser (`render::markdown_to_safe_html`).
//! - `fider_csv`, `json_bundle`: the two importers, previewed then run on an
//!   in-memory board.
//! - `search`: the search box (query parser, FTS5, highlights) and duplicate
//!   detection on a small board.
//!
//! Every target must not panic, and its own properties hold (see each module).
//! A failure is shrunk by proptest and reported with its minimal input and the
//! seed that replays the run.
//!
//! Each target runs for `IDEABOARD_FUZZ_SECS` seconds (default 10: the short run
//! that `cargo test` / `cargo nextest run` and CI do). The long run, ten minutes a
//! target, optimised, with integer overflow checks on:
//!
//! ```sh
//! IDEABOARD_FUZZ_SECS=600 CARGO_PROFILE_RELEASE_OVERFLOW_CHECKS=true \
//!   cargo test --release -p ideaboard-core --test fuzz -- --nocapture --test-threads=1
//! ```
//!
//! `IDEABOARD_FUZZ_SEED=<n>` replays a run (the seed is printed with the counts).

#[path = "core/support.rs"]
#[allow(dead_code)]
mod support;

#[path = "core/exchange_fixture.rs"]
#[allow(dead_code)]
mod exchange_fixture;

#[path = "common/html_check.rs"]
mod html_check;

#[path = "common/xss_payloads.rs"]
mod xss_payloads;

#[path = "fuzz/harness.rs"]
mod harness;

#[path = "fuzz/hostile.rs"]
mod hostile;

#[path = "fuzz/mutate.rs"]
mod mutate;

#[path = "fuzz/import_outcome.rs"]
mod import_outcome;

#[path = "fuzz/markdown.rs"]
mod markdown;

#[path = "fuzz/fider_csv.rs"]
mod fider_csv;

#[path = "fuzz/json_bundle.rs"]
mod json_bundle;

#[path = "fuzz/search_cases.rs"]
mod search_cases;

#[path = "fuzz/search.rs"]
mod search;
