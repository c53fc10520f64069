//! Declares the app's own commands so that capabilities/ can allow-list them: a
//! command not listed in a capability cannot be invoked from the webview.

fn main() {
    let manifest = tauri_build::AppManifest::new().commands(ideaboard_app_commands::ALL);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("failed to run tauri-build");
}

/// The command names, shared with `src/commands/mod.rs` through `include!`.
mod ideaboard_app_commands {
    include!("src/commands/names.rs");
}
