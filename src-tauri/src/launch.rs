//! Which board this start of the app opens, and under which name it meets other
//! starts of the app: one window per board.

use std::path::{Path, PathBuf};

use ideaboard_core::{Board, Error, Timestamp, seed};
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

/// Opens the board, or creates the demo board when there is none yet. The demo is
/// built in a side file and renamed into place, so a crash mid-way leaves no
/// half-made board behind.
pub(crate) fn open_or_create_demo(path: &Path) -> Result<Board, Error> {
    let now = Timestamp::now();
    if path.exists() {
        return Board::open(path, now);
    }
    let building = path.with_extension("board-building");
    for side in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{side}", building.display()));
    }
    {
        let mut board = Board::create(&building, seed::DEMO_BOARD_NAME, now)?;
        seed::demo(&mut board, seed::DEMO_SEED, now)?;
    }
    std::fs::rename(&building, path)?;
    Board::open(path, now)
}
