//! The Ideaboard desktop shell. It only adapts: it finds the board file, opens it
//! off the UI thread, and exposes thin commands that call `ideaboard_core::ops`.
//! No rules and no SQL live here.

pub mod bindings;
mod commands;
mod follow;
mod launch;
mod state;

use std::sync::Arc;

use ideaboard_core::Timestamp;
use tauri::{Emitter, Manager};

pub use commands::names::ALL as COMMANDS;
pub use follow::CHANGES_EVENT;
pub use state::Shared;

/// Event sent to the window when the background look-over of the board is done.
pub const HEALTH_EVENT: &str = "board-health";
/// Event sent to the window when Ideaboard was started again on the same board.
pub const SECOND_INSTANCE_EVENT: &str = "second-instance";

/// Starts the app.
pub fn run() {
    tauri::Builder::default()
        // First, so that a second start on the same board goes no further.
        .plugin(
            tauri_plugin_single_instance::Builder::new()
                .dbus_id(launch::instance_id())
                .callback(|app, _argv, _cwd| {
                    if let Some(window) = app.get_webview_window("main") {
                        let _ = window.unminimize();
                        let _ = window.show();
                        let _ = window.set_focus();
                    }
                    let _ = app.emit(SECOND_INSTANCE_EVENT, ());
                })
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .plugin(tauri_plugin_dialog::init())
        .setup(|app| {
            let shared = Arc::new(Shared::default());
            app.manage(shared.clone());
            let following = Arc::new(follow::Following::default());
            app.manage(following.clone());
            let path = launch::board_path(app.handle())?;
            let idle = shared.clone();
            let handle = app.handle().clone();
            std::thread::Builder::new()
                .name("board-open".into())
                .spawn(move || {
                    shared.open(&path);
                    if let Err(e) = following.start(handle.clone(), shared.clone()) {
                        eprintln!("ideaboard: the window will not follow the board: {e}");
                    }
                    let health = shared.look_over(Timestamp::now());
                    let _ = handle.emit(HEALTH_EVENT, health);
                })?;
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
        .build(tauri::generate_context!())
        .expect("error while building the Ideaboard app")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<Arc<follow::Following>>().stop();
            }
        });
}
