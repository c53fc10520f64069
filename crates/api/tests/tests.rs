//! The contract's integration tests: dispatch through a host as every host calls
//! it, and the generated files' freshness.

mod dispatch;
mod generated;
mod openapi;
