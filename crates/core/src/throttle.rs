//! Rate limits for hosts: how often one key (an account, an address) may do one
//! kind of thing, and how long to wait when it may not (`Error::RateLimited`,
//! which an HTTP host answers with 429 and `Retry-After`).
//!
//! The limits live in memory, per host process: they slow floods down, they are
//! not records (the sign-in lockout, which must survive a restart, is in the board:
//! `ops::accounts`). A host keeps one [`Throttle`] per action (and per kind of key),
//! behind its own lock, and asks it before running the op.
//!
//! Invariants: the algorithm is GCRA, a token bucket kept as one instant per key
//! (when its bucket is next full), so a check costs one map look-up; time comes
//! from the caller (`now`), never the wall clock; memory is bounded: past
//! [`Throttle::MAX_KEYS`] keys, the keys whose bucket is full again are forgotten
//! (they are as good as new), and if that is not enough the newest key is
//! refused rather than anyone's history dropped.

use std::collections::HashMap;

use crate::clock::Timestamp;
use crate::{Error, Result};

/// How many times in a row a key may act (`burst`), and how fast that allowance
/// comes back: one more every `every_ms`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quota {
    pub burst: u32,
    pub every_ms: i64,
}

impl Quota {
    /// Sign-ups per address: 5 at once, then one every 12 minutes (5 an hour).
    pub const SIGN_UP: Quota = Quota::new(5, 12 * 60_000);
    /// Sign-in attempts per address: 10 at once, then one every 6 seconds. (The
    /// lockout per email is the core's, in the board.)
    pub const SIGN_IN: Quota = Quota::new(10, 6_000);
    /// Ideas per account: 5 at once, then one every 2 minutes.
    pub const SUBMIT: Quota = Quota::new(5, 2 * 60_000);
    /// Comments per account: 10 at once, then one every 20 seconds.
    pub const COMMENT: Quota = Quota::new(10, 20_000);
    /// Votes and unvotes per account: 30 at once, then one every 2 seconds.
    pub const VOTE: Quota = Quota::new(30, 2_000);

    /// A quota of `burst` (at least 1) refilled one every `every_ms` (at least 1).
    pub const fn new(burst: u32, every_ms: i64) -> Quota {
        Quota {
            burst: if burst == 0 { 1 } else { burst },
            every_ms: if every_ms < 1 { 1 } else { every_ms },
        }
    }
}

/// One action's rate limit over many keys.
#[derive(Debug, Clone)]
pub struct Throttle {
    quota: Quota,
    /// Per key, the instant (ms) at which its bucket is full again.
    full_at: HashMap<String, i64>,
}

impl Throttle {
    /// Keys remembered at most (a few MB).
    pub const MAX_KEYS: usize = 100_000;

    pub fn new(quota: Quota) -> Throttle {
        Throttle {
            quota,
            full_at: HashMap::new(),
        }
    }

    /// Counts one action by `key` at `now`, or refuses it with `RateLimited` and
    /// the whole seconds until it would be allowed (a refused try costs nothing).
    pub fn check(&mut self, key: &str, now: Timestamp) -> Result<()> {
        let now = now.millis();
        let every = self.quota.every_ms;
        let window = every * i64::from(self.quota.burst);
        let full_at = self.full_at.get(key).copied().unwrap_or(now).max(now);
        let after = full_at + every;
        if after - now > window {
            let wait_ms = (after - window - now).max(1) as u64;
            return Err(Error::RateLimited {
                retry_after: wait_ms.div_ceil(1_000),
            });
        }
        if !self.full_at.contains_key(key) && !self.make_room(now) {
            return Err(Error::RateLimited {
                retry_after: every.max(1_000) as u64 / 1_000,
            });
        }
        self.full_at.insert(key.to_string(), after);
        Ok(())
    }

    /// Whether a new key fits, after forgetting the keys whose bucket is full.
    fn make_room(&mut self, now: i64) -> bool {
        if self.full_at.len() < Self::MAX_KEYS {
            return true;
        }
        self.full_at.retain(|_, full_at| *full_at > now);
        self.full_at.len() < Self::MAX_KEYS
    }

    /// How many keys are remembered.
    pub fn len(&self) -> usize {
        self.full_at.len()
    }

    /// Whether no key is remembered.
    pub fn is_empty(&self) -> bool {
        self.full_at.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode;

    fn retry(r: Result<()>) -> u64 {
        match r {
            Err(Error::RateLimited { retry_after }) => retry_after,
            other => panic!("expected RateLimited, got {other:?}"),
        }
    }

    #[test]
    fn a_burst_then_one_per_interval_per_key() {
        let t0 = Timestamp::from_millis(1_790_000_000_000);
        let mut votes = Throttle::new(Quota::new(3, 2_000));
        for _ in 0..3 {
            votes.check("fang", t0).unwrap();
        }
        assert_eq!(retry(votes.check("fang", t0)), 2);
        assert_eq!(retry(votes.check("fang", t0.plus_millis(1_500))), 1);
        votes
            .check("otto", t0)
            .expect("another key has its own bucket");
        votes.check("fang", t0.plus_millis(2_000)).unwrap();
        assert_eq!(
            votes
                .check("fang", t0.plus_millis(2_000))
                .unwrap_err()
                .code(),
            ErrorCode::RateLimited
        );
        // A long pause fills the bucket again, never more than full.
        for _ in 0..3 {
            votes.check("fang", t0.plus_millis(60_000)).unwrap();
        }
        assert!(votes.check("fang", t0.plus_millis(60_000)).is_err());
    }

    #[test]
    fn memory_is_bounded_and_full_buckets_are_forgotten_first() {
        let t0 = Timestamp::from_millis(0);
        let mut sign_ups = Throttle::new(Quota::new(1, 1_000));
        for i in 0..Throttle::MAX_KEYS {
            sign_ups.check(&format!("10.0.{i}"), t0).unwrap();
        }
        assert_eq!(retry(sign_ups.check("newcomer", t0)), 1);
        assert_eq!(sign_ups.len(), Throttle::MAX_KEYS);
        sign_ups.check("newcomer", t0.plus_millis(1_000)).unwrap();
        assert_eq!(sign_ups.len(), 1);
    }
}
