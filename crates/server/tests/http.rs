//! `ideaboard-server` over real HTTP: each test starts the server binary on a
//! loopback port with a demo board of its own and talks to it over a socket.

#[path = "http/support.rs"]
mod support;

#[path = "http/serving.rs"]
mod serving;

#[path = "http/accounts.rs"]
mod accounts;

#[path = "http/members.rs"]
mod members;

#[path = "http/limits.rs"]
mod limits;

#[path = "http/live.rs"]
mod live;

#[path = "http/fuzz.rs"]
mod fuzz;

#[path = "http/matrix.rs"]
mod matrix;

#[path = "http/crash.rs"]
mod crash;

#[path = "http/tls.rs"]
mod tls;

#[path = "http/install.rs"]
mod install;

#[path = "http/files.rs"]
mod files;

#[path = "http/csp.rs"]
mod csp;

#[path = "http/client.rs"]
mod client;
