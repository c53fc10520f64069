//! Thin commands: arguments in, one core op, a typed result or `ErrorDto` out. One
//! file per view area; each command is a few lines.

mod board;
mod ideas;

use std::sync::Arc;

use ideaboard_core::{Actor, Board, Error, ErrorDto};

use crate::state::Shared;

pub mod names {
    include!("names.rs");
}

/// Every command of the app, registered with the builder.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![board::board_overview, ideas::list_ideas]
}

/// Runs a core op on the blocking pool, so the window never waits on the disk.
async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error> + Send + 'static,
) -> Result<T, ErrorDto> {
    let shared = Arc::clone(shared);
    tauri::async_runtime::spawn_blocking(move || shared.run(f))
        .await
        .map_err(|e| Error::Internal(e.to_string()).to_dto())?
}
