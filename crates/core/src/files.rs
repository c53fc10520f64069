//! Files written all or nothing: an export, a backup. The content goes to a hidden
//! temporary file beside the destination (same directory, so the rename is atomic)
//! and is renamed over it only once complete; a failure removes the temporary file
//! and leaves whatever was at the destination untouched.

use std::path::{Path, PathBuf};

use crate::Result;

/// `report.csv` -> `.report.csv.part`, in the same directory.
pub(crate) fn partial_path(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    path.with_file_name(format!(".{name}.part"))
}

/// Runs `write` on the temporary path beside `path`, then renames it to `path`.
pub(crate) fn write_then_rename<T>(
    path: &Path,
    write: impl FnOnce(&Path) -> Result<T>,
) -> Result<T> {
    let partial = partial_path(path);
    match write(&partial) {
        Ok(value) => {
            std::fs::rename(&partial, path)?;
            Ok(value)
        }
        Err(e) => {
            let _ = std::fs::remove_file(&partial);
            Err(e)
        }
    }
}
