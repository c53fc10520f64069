//! The Ideaboard desktop shell. It only adapts: it finds the board file, opens it
//! off the UI thread, and exposes thin commands that call `ideaboard_core::ops`.
//! No rules and no SQL live here.

pub mod bindings;
mod commands;
mod state;

use std::sync::Arc;

use tauri::Manager;

pub use commands::names::ALL as COMMANDS;
pub use state::Shared;

/// Starts the app.
pub fn run() {
    tauri::Builder::default()
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let shared = Arc::new(Shared::default());
            app.manage(shared.clone());
            let path = state::board_path(app.handle())?;
            let idle = shared.clone();
            std::thread::Builder::new()
                .name("board-open".into())
                .spawn(move || shared.open(&path))?;
            std::thread::Builder::new()
                .name("board-checkpoint".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(state::CHECKPOINT_EVERY);
                        idle.checkpoint_when_idle();
                    }
                })?;
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!())
        .expect("error while running the Ideaboard app");
}
