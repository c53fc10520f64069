//! The window's state as a host of the contract: the board slot and the acting
//! member of [`Shared`], and the wall clock.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ideaboard_api::{Access, Host};
use ideaboard_core::model::{BackupInfo, BoardHealth};
use ideaboard_core::{Actor, Board, Error, ErrorDto, Timestamp};

use crate::state::Shared;

impl Host for Shared {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }

    fn run<T>(
        &self,
        access: Access,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        // Reads (an export, analytics, a search) on a read-only connection of their
        // own, so they never wait behind the writer; writes on the board's one writer.
        match access {
            Access::Read => Shared::run_read(self, f),
            Access::Write => Shared::run(self, f),
        }
    }

    fn set_actor(&self, actor: Actor) {
        Shared::set_actor(self, actor);
    }

    fn health(&self) -> BoardHealth {
        Shared::health(self)
    }

    fn board_file(&self) -> Result<PathBuf, ErrorDto> {
        Shared::board_file(self)
    }

    fn restore(&self, file_name: &str, now: Timestamp) -> Result<Option<BackupInfo>, ErrorDto> {
        Shared::restore(self, file_name, now)
    }

    fn open_read_only(&self) -> Result<(), ErrorDto> {
        Shared::open_read_only(self)
    }

    fn start_export(&self) -> Arc<AtomicBool> {
        Shared::start_export(self)
    }

    fn cancel_export(&self) {
        Shared::cancel_export(self);
    }
}
