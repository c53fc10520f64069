//! Which board this start of the app opens, and under which name it meets other
//! starts of the app: one window per board.

use std::path::PathBuf;

use tauri::{AppHandle, Manager};

/// Environment variable naming a board file to open instead of the default one.
pub const BOARD_ENV: &str = "IDEABOARD_BOARD";

/// This app's name on the session bus for the board it opens: one window per board.
/// A second start on the same board hands over to the first and exits; a start on
/// another board (`--board`, `$IDEABOARD_BOARD`) is an app of its own.
pub fn instance_id() -> String {
    use std::hash::{Hash, Hasher};
    const APP_ID: &str = "app.ideaboard.desktop";
    match chosen_board() {
        None => APP_ID.to_string(),
        Some(path) => {
            let path = std::fs::canonicalize(&path).unwrap_or(path);
            let mut hasher = std::collections::hash_map::DefaultHasher::new();
            path.hash(&mut hasher);
            format!("{APP_ID}.board_{:016x}", hasher.finish())
        }
    }
}

/// The board named on the command line (`--board PATH` or `--board=PATH`), else by
/// `$IDEABOARD_BOARD`; None for the default board.
fn chosen_board() -> Option<PathBuf> {
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--board" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.to_str().and_then(|a| a.strip_prefix("--board=")) {
            return Some(PathBuf::from(path));
        }
    }
    std::env::var_os(BOARD_ENV).map(PathBuf::from)
}

/// Whether this start named its board (`--board`, `$IDEABOARD_BOARD`): then the
/// window shows that file, not the shared board it showed last.
pub fn board_named() -> bool {
    chosen_board().is_some()
}

/// The board this window opens: `--board PATH`, `$IDEABOARD_BOARD`, or
/// `default.board` in the app's data directory.
pub fn board_path(app: &AppHandle) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(path) = chosen_board() {
        return Ok(path);
    }
    let dir = app.path().app_data_dir()?;
    std::fs::create_dir_all(&dir)?;
    Ok(dir.join("default.board"))
}
