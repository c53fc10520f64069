//! Shared helpers of the cross-layer tests in `tests/`.
