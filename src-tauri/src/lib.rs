//! The Ideaboard desktop shell. It only adapts: it finds the board file, opens it
//! off the UI thread, and hosts the contract (`ideaboard_api`): every command goes
//! through its one dispatch. No rules, no SQL and no per-command code live here.

mod boards;
mod follow;
mod invoke;
mod known;
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
            let path = launch::board_path(app.handle())?;
            let store = known::Store::new(app.path().app_config_dir()?, app.path().app_data_dir()?);
            let boards = boards::Boards::new(store, path.clone(), Some(app.handle().clone()));
            if !launch::board_named() {
                // Back on the shared board the app was closed on, if still signed in.
                boards.resume();
            }
            let shared = Arc::new(Shared::new(boards));
            app.manage(shared.clone());
            let following = Arc::new(follow::Following::default());
            app.manage(following.clone());
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
                    // The board menu lists the file under its board's name.
                    let host = ideaboard_api::SessionHost {
                        slot: &shared.slot,
                        session: &shared.session,
                    };
                    let overview = ideaboard_api::dispatch(
                        &host,
                        "board_overview",
                        serde_json::Value::Null,
                        &|_| {},
                    );
                    if let Some(name) = overview
                        .ok()
                        .and_then(|o| o["name"].as_str().map(String::from))
                    {
                        shared.boards.remember_local(&name);
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
                app.state::<Arc<Shared>>().boards.close();
            }
        });
}
