//! Backups as a window offers them: who may take one and who may put one back.
//! The files themselves are [`crate::backups`]' business.

use super::Actor;
use super::actor::Who;
use crate::clock::Timestamp;
use crate::model::{BackupInfo, BackupKind};
use crate::store::Board;
use crate::{Result, backups};

/// Takes a backup now ("Back up now"): admins only.
pub fn backup_now(board: &Board, actor: &Actor, now: Timestamp) -> Result<BackupInfo> {
    board.read(|conn| Who::load(conn, actor)?.admin())?;
    backups::take(board, BackupKind::Manual, now)
}

/// Whether `actor` may put a backup in the place of this board: admins only, as a
/// restore undoes everyone's work since the backup. (A board that does not open has
/// no members to ask; the shell offers its backups to whoever has the file.)
pub fn authorize_restore(board: &Board, actor: &Actor) -> Result<()> {
    board.read(|conn| Who::load(conn, actor)?.admin())?;
    Ok(())
}
