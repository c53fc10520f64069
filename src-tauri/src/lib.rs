//! The Ideaboard desktop shell. It only adapts: it finds the board file, opens it
//! off the UI thread, and hosts the contract (`ideaboard_api`): every command goes
//! through its one dispatch. No rules, no SQL and no per-command code live here.

mod follow;
mod invoke;
mod launch;
mod state;

use std::sync::Arc;

use ideaboard_api::events;
use ideaboard_core::{Board, Timestamp};
use tauri::{Emitter, Manager};

pub use state::Shared;

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
                    let _ = app.emit(events::SECOND_INSTANCE.name, ());
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
                    shared
                        .slot
                        .open(&path, |p| Board::open_or_create_demo(p, Timestamp::now()));
                    if let Err(e) = following.start(handle.clone(), shared.clone()) {
                        eprintln!("ideaboard: the window will not follow the board: {e}");
                    }
                    let health = shared.slot.look_over(Timestamp::now());
                    let _ = handle.emit(events::BOARD_HEALTH.name, health);
                })?;
            std::thread::Builder::new()
                .name("board-checkpoint".into())
                .spawn(move || {
                    loop {
                        std::thread::sleep(state::CHECKPOINT_EVERY);
                        idle.slot.checkpoint_when_idle(Timestamp::now());
                    }
                })?;
            Ok(())
        })
        .invoke_handler(invoke::handler())
        .build(tauri::generate_context!())
        .expect("error while building the Ideaboard app")
        .run(|app, event| {
            if let tauri::RunEvent::Exit = event {
                app.state::<Arc<follow::Following>>().stop();
            }
        });
}
