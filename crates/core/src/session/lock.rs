//! The one way this module takes its locks.

use std::sync::{Mutex, MutexGuard};

/// A lock that a panic elsewhere does not make unusable: an op that panics cannot
/// leave the board half-written (its transaction rolls back), and the other values
/// behind these locks are replaced whole.
pub(super) fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}
