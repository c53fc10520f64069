//! Trending: exponentially decayed activity, kept as one number per idea.
//!
//! score(now) = Σ wᵢ·e^(−(now − tᵢ)/τ) = e^(−now/τ) · Σ wᵢ·e^(tᵢ/τ).
//! The factor e^(−now/τ) is the same for every idea, so ideas order by
//! s = ln Σ wᵢ·e^(tᵢ/τ) alone, which never needs updating as time passes. Each event
//! adds its term with a log-add-exp (`s ← ln(e^s + wᵢ·e^(tᵢ/τ))`), computed stably;
//! an event that is undone (an unvote) subtracts its term again, and where that
//! would cancel to nothing the caller recounts from the rows instead.

use crate::clock::Timestamp;
use crate::model::Priority;

/// Decay time constant τ: seven days, in seconds.
pub const TAU_SECS: f64 = 7.0 * 86_400.0;
/// Weight of an idea's submission.
pub const SUBMIT_WEIGHT: f64 = 1.0;
/// Weight of a public comment or official answer.
pub const COMMENT_WEIGHT: f64 = 0.5;
/// Weight of a status change.
pub const STATUS_WEIGHT: f64 = 2.0;

/// Weight of a vote of `priority`.
pub fn vote_weight(priority: Priority) -> f64 {
    priority.weight() as f64
}

/// The ln-space term of one event of weight `weight` at `at`.
pub fn term(weight: f64, at: Timestamp) -> f64 {
    weight.ln() + (at.millis() as f64 / 1000.0) / TAU_SECS
}

/// `ln(e^a + e^b)` without overflow.
pub fn add(score: f64, term: f64) -> f64 {
    let (hi, lo) = if score >= term {
        (score, term)
    } else {
        (term, score)
    };
    hi + (lo - hi).exp().ln_1p()
}

/// `ln(e^score − e^term)`, or None when the result is too close to nothing to trust
/// (then recount). Only ever used to undo a term that was added before.
pub fn remove(score: f64, term: f64) -> Option<f64> {
    let remaining = -(term - score).exp_m1(); // 1 − e^(term − score)
    // NaN must recount too, so not merely `remaining <= 1e-9`.
    if remaining.is_nan() || remaining <= 1e-9 {
        return None;
    }
    Some(score + remaining.ln())
}

/// The score of a set of terms, from scratch (log-sum-exp).
pub fn recount(terms: impl IntoIterator<Item = f64>) -> f64 {
    let terms: Vec<f64> = terms.into_iter().collect();
    let Some(max) = terms.iter().copied().reduce(f64::max) else {
        return f64::MIN;
    };
    max + terms.iter().map(|t| (t - max).exp()).sum::<f64>().ln()
}

/// Whether a kept score is the recount of its events, up to the rounding by which
/// an incrementally kept score and a recount of the same events differ.
pub fn agrees_with_recount(score: f64, recount: f64) -> bool {
    (score - recount).abs() <= 1e-6 * recount.abs().max(1.0)
}

/// The decayed activity at `now`, for display and analytics.
pub fn activity_at(score: f64, now: Timestamp) -> f64 {
    (score - (now.millis() as f64 / 1000.0) / TAU_SECS).exp()
}

#[cfg(test)]
mod tests {
    use super::*;

    const DAY: i64 = Timestamp::MS_PER_DAY;

    #[test]
    fn add_then_remove_restores_the_score() {
        let t0 = Timestamp::from_millis(1_790_000_000_000);
        let base = term(SUBMIT_WEIGHT, t0);
        let vote = term(2.0, t0.plus_millis(3 * DAY));
        let s = add(base, vote);
        assert!((remove(s, vote).unwrap() - base).abs() < 1e-9);
        assert!(
            remove(base, base).is_none(),
            "removing everything asks for a recount"
        );
    }

    #[test]
    fn recent_activity_outranks_older_activity_of_the_same_size() {
        let t0 = Timestamp::from_millis(1_790_000_000_000);
        let old = add(term(1.0, t0), term(3.0, t0.plus_millis(DAY)));
        let new = add(term(1.0, t0), term(3.0, t0.plus_millis(5 * DAY)));
        assert!(new > old);
        let now = t0.plus_millis(6 * DAY);
        assert!(activity_at(new, now) > activity_at(old, now));
    }

    #[test]
    fn recount_matches_incremental_adds() {
        let t0 = Timestamp::from_millis(1_790_000_000_000);
        let terms: Vec<f64> = (0..50)
            .map(|i| term(1.0 + (i % 3) as f64, t0.plus_millis(i * 3_600_000)))
            .collect();
        let incremental = terms[1..].iter().fold(terms[0], |s, &t| add(s, t));
        assert!((incremental - recount(terms)).abs() < 1e-9);
    }

    #[test]
    fn one_event_decays_to_half_in_tau_ln2() {
        let t0 = Timestamp::from_millis(1_790_000_000_000);
        let s = term(1.0, t0);
        let half_life_ms = (TAU_SECS * std::f64::consts::LN_2 * 1000.0) as i64;
        let a = activity_at(s, t0.plus_millis(half_life_ms));
        assert!((a - 0.5).abs() < 1e-6, "{a}");
    }
}
