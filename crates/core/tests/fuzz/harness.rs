//! The time-boxed runner of every target: proptest generates, catches panics and
//! shrinks; the clock decides how many cases. Batches of cases run until the
//! budget is spent, on one RNG stream, so a seed replays the same cases in order.

use std::cell::{Cell, RefCell};
use std::collections::BTreeMap;
use std::fmt::Debug;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use proptest::strategy::Strategy;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseResult, TestError, TestRng, TestRunner};

/// Seconds per target when `IDEABOARD_FUZZ_SECS` is not set: the short run.
const DEFAULT_SECS: f64 = 10.0;
/// Cases between two looks at the clock.
const BATCH: u32 = 16;
/// How long a failure may be shrunk before it is reported as it stands.
const SHRINK_MILLIS: u32 = 120_000;
const SHRINK_ITERS: u32 = 1_000_000;

fn budget() -> Duration {
    let secs = std::env::var("IDEABOARD_FUZZ_SECS")
        .ok()
        .map(|v| {
            v.parse::<f64>()
                .unwrap_or_else(|_| panic!("IDEABOARD_FUZZ_SECS={v:?} is not a number"))
        })
        .unwrap_or(DEFAULT_SECS);
    Duration::from_secs_f64(secs.max(0.0))
}

/// The given seed, or a new one from the clock (printed, so any run can be replayed).
fn seed() -> u64 {
    match std::env::var("IDEABOARD_FUZZ_SEED") {
        Ok(v) => v
            .parse()
            .unwrap_or_else(|_| panic!("IDEABOARD_FUZZ_SEED={v:?} is not a number")),
        Err(_) => {
            let nanos = SystemTime::now()
                .duration_since(UNIX_EPOCH)
                .map_or(0, |d| d.as_nanos() as u64);
            nanos ^ u64::from(std::process::id()).rotate_left(32)
        }
    }
}

/// Runs `check` on values of `strategy` until the budget is spent. Panics with the
/// shrunk input when a case fails (an `Err` or a panic in `check`).
pub fn fuzz<S>(target: &str, strategy: S, check: impl Fn(S::Value) -> TestCaseResult)
where
    S: Strategy,
    S::Value: Debug,
{
    let budget = budget();
    let seed = seed();
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..16].copy_from_slice(&seed.to_be_bytes());
    let config = Config {
        cases: BATCH,
        failure_persistence: None,
        max_shrink_time: SHRINK_MILLIS,
        // The default (u32::MAX) means four times `cases`: too few for a batch.
        max_shrink_iters: SHRINK_ITERS,
        max_global_rejects: u32::MAX,
        ..Config::default()
    };
    // Only a source of RNGs, one per batch.
    let mut stream = TestRunner::new_with_rng(
        config.clone(),
        TestRng::from_seed(RngAlgorithm::ChaCha, &key),
    );
    let cases = Cell::new(0u64);
    let slowest = Cell::new(Duration::ZERO);
    let started = Instant::now();
    while started.elapsed() < budget || cases.get() == 0 {
        // A runner counts its successes for good: one per batch, each with the
        // next RNG of the stream.
        let mut runner = TestRunner::new_with_rng(config.clone(), stream.new_rng());
        let result = runner.run(&strategy, |value| {
            cases.set(cases.get() + 1);
            let at = Instant::now();
            let outcome = check(value);
            slowest.set(slowest.get().max(at.elapsed()));
            outcome
        });
        match result {
            Ok(()) => {}
            Err(TestError::Fail(why, input)) => panic!(
                "fuzz {target} failed after {} cases: {why}\nminimal input: {input:#?}\n\
                 replay with IDEABOARD_FUZZ_SEED={seed}",
                cases.get()
            ),
            Err(TestError::Abort(why)) => {
                panic!("fuzz {target} aborted: {why} (IDEABOARD_FUZZ_SEED={seed})")
            }
        }
    }
    println!(
        "fuzz {target}: {} cases in {:.1} s, slowest case {} ms (IDEABOARD_FUZZ_SEED={seed})",
        cases.get(),
        started.elapsed().as_secs_f64(),
        slowest.get().as_millis()
    );
}

/// How many cases ended which way (accepted, refused, each error code), printed
/// after the counts so a run shows which paths it exercised.
#[derive(Default)]
pub struct Tally(RefCell<BTreeMap<String, u64>>);

impl Tally {
    pub fn note(&self, outcome: impl Into<String>) {
        *self.0.borrow_mut().entry(outcome.into()).or_default() += 1;
    }

    pub fn print(&self, target: &str) {
        let outcomes: Vec<String> = self
            .0
            .borrow()
            .iter()
            .map(|(outcome, n)| format!("{outcome} {n}"))
            .collect();
        println!("fuzz {target} outcomes: {}", outcomes.join(", "));
    }
}
