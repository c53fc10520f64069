//! # ideaboard-api
//!
//! The contract between Ideaboard's core and its hosts (the desktop app today, an
//! HTTP server next). Every command is declared once, in [`commands`]: its name, its
//! request (a camelCase struct of its arguments), its response, whether it reads or
//! writes, what it streams and which events it may emit. From that one table come:
//!
//! - [`dispatch`], the one function every host calls with a command's name and its
//!   JSON arguments, so a host needs no per-command code;
//! - [`openapi`], the OpenAPI document of the commands a server serves, from the
//!   same types;
//! - [`generate`], which writes the Tauri registrations (the command list of
//!   `build.rs`, the capability allow-list) and the whole TypeScript client in
//!   `ui/src/ipc` (run `cargo run -p ideaboard-api --bin ideaboard-api-gen`).
//!
//! What differs between hosts (where the board is, who is signed in, the clock, the
//! board file's slot) is behind the [`Host`] trait; [`SessionHost`] is the one
//! every real host uses: the core's board slot and a session on it. This crate never
//! depends on tauri, axum or any host.

#[macro_use]
mod declare;
pub mod boards;
pub mod commands;
mod dispatch;
pub mod events;
pub mod generate;
mod host;
pub mod openapi;

pub use dispatch::{Call, dispatch};
pub use host::{Host, SessionHost};

use ts_rs::Config;

/// Whether a command only reads the board or also writes it. A host may serve reads
/// from read-only connections of their own, so they never wait behind a writer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Reads the board (or nothing of it); never changes it.
    Read,
    /// May change the board.
    Write,
}

/// The TypeScript name of a type, as ts-rs spells it.
pub type TsName = fn(&Config) -> String;

/// The JSON Schema of a type (a `$ref` to its definition in `generator`), for the
/// OpenAPI document ([`openapi`]).
pub type SchemaOf = fn(&mut schemars::SchemaGenerator) -> schemars::Schema;

/// One command of the contract, as hosts and the generator see it.
#[derive(Debug)]
pub struct Command {
    /// The command's name: the Tauri command and the HTTP path `POST /api/<name>`.
    pub name: &'static str,
    /// Its `///` documentation, one line per doc line.
    pub doc: &'static str,
    /// Whether it reads or writes the board.
    pub access: Access,
    /// Its arguments, when it takes any.
    pub request: Option<Request>,
    /// The TypeScript name of what it answers with.
    pub response: TsName,
    /// The JSON Schema of its request, when it takes arguments.
    pub request_schema: Option<SchemaOf>,
    /// The JSON Schema of what it answers with.
    pub response_schema: SchemaOf,
    /// What it sends while it runs, under the request key [`STREAM_ARG`].
    pub stream: Option<TsName>,
    /// The events it may emit.
    pub emits: &'static [&'static events::Event],
    /// Why a server does not serve it, for a command only the desktop window serves
    /// (a path of the machine, a local profile); None for a command every host serves.
    pub local: Option<&'static str>,
}

impl Command {
    /// Whether a host that does not own the board file (a server) serves it.
    pub fn served_remotely(&self) -> bool {
        self.local.is_none()
    }
}

/// A command's request type: a camelCase struct of its arguments, in order.
#[derive(Debug)]
pub struct Request {
    /// The struct's name, in Rust and in TypeScript.
    pub name: &'static str,
    /// Its TypeScript declaration.
    pub decl: TsName,
    /// Its fields (snake_case, as in Rust) and their TypeScript names, in order.
    pub fields: &'static [(&'static str, TsName)],
}

/// The request key under which a streaming command's host finds where to send what
/// the command streams (a Tauri channel id; a WebSocket subscription later).
pub const STREAM_ARG: &str = "onProgress";

/// The command called `name`, if the contract has one.
pub fn command(name: &str) -> Option<&'static Command> {
    commands::ALL.iter().find(|c| c.name == name)
}

/// The ts-rs settings of every generated declaration: 64-bit integers (byte counts,
/// ids of nothing) stay JavaScript numbers.
pub fn ts_config() -> Config {
    Config::new().with_large_int("number")
}
