//! What a host gives the commands: the board and the member acting on it, the clock,
//! and the board file's slot (backups, restore, read-only opening), which belongs to
//! the window or the server process, not to a command.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::AtomicBool;

use ideaboard_core::model::{BackupInfo, BoardHealth};
use ideaboard_core::session::{BoardSlot, Session};
use ideaboard_core::{Actor, Board, Error, ErrorDto, Timestamp};

use crate::Access;
use crate::boards::{KnownBoard, ServerCheck};
use crate::commands::JoinBoardRequest;

/// A host of the contract: the desktop window's state, or a server's session. Every
/// method is called on a thread that may block (a host runs [`crate::dispatch`] off
/// its UI or event-loop threads).
pub trait Host {
    /// The wall clock; ops take `now` from here, so tests can fix it.
    fn now(&self) -> Timestamp;

    /// Runs `f` on the board as the member acting in this session, waiting while the
    /// board opens. `access` says whether `f` writes, so a host may run reads on a
    /// read-only connection of their own.
    fn run<T>(
        &self,
        access: Access,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto>;

    /// Makes `actor` the member acting in this session from now on.
    fn set_actor(&self, actor: Actor);

    /// What the background look-over of the board found so far.
    fn health(&self) -> BoardHealth;

    /// The board file of this session; an error before it is known.
    fn board_file(&self) -> Result<PathBuf, ErrorDto>;

    /// Puts the backup named `file_name` in the board's place and opens it; returns
    /// the backup kept of the board it replaced.
    fn restore(&self, file_name: &str, now: Timestamp) -> Result<Option<BackupInfo>, ErrorDto>;

    /// Opens a board that did not open, for reading only.
    fn open_read_only(&self) -> Result<(), ErrorDto>;

    /// A fresh cancel flag for an export about to start.
    fn start_export(&self) -> Arc<AtomicBool>;

    /// Asks the running export to stop at its next progress report.
    fn cancel_export(&self);

    /// The boards this host knows (board files and shared boards), the one it
    /// shows flagged `current`. Only the desktop window knows other boards.
    fn known_boards(&self) -> Result<Vec<KnownBoard>, ErrorDto> {
        Err(not_here("known_boards"))
    }

    /// Whether an Ideaboard server answers at `url`, and its board's name.
    fn check_server(&self, url: &str) -> Result<ServerCheck, ErrorDto> {
        let _ = url;
        Err(not_here("check_server"))
    }

    /// Signs in to (or up on) the server of `request`, keeps the session's token,
    /// adds the board to the known ones and shows it.
    fn join_board(&self, request: &JoinBoardRequest) -> Result<KnownBoard, ErrorDto> {
        let _ = request;
        Err(not_here("join_board"))
    }

    /// Shows the known board `id` (a board file other than this window's opens in
    /// its own window).
    fn switch_board(&self, id: &str) -> Result<KnownBoard, ErrorDto> {
        let _ = id;
        Err(not_here("switch_board"))
    }

    /// Signs out of the shared board `id`, forgets its token and the board.
    fn leave_board(&self, id: &str) -> Result<(), ErrorDto> {
        let _ = id;
        Err(not_here("leave_board"))
    }
}

/// What a host that knows no other boards answers to the board menu's commands.
fn not_here(command: &str) -> ErrorDto {
    Error::UnknownCommand(command.to_string()).to_dto()
}

/// A session on a board file's slot, both from the core (`ideaboard_core::session`),
/// with the wall clock: what the desktop window is, and what a server is for each
/// signed-in client. A host built on it keeps no rule of its own.
pub struct SessionHost<'a> {
    /// The board the host serves.
    pub slot: &'a BoardSlot,
    /// The session the command runs in.
    pub session: &'a Session,
}

impl Host for SessionHost<'_> {
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
        let actor = self.session.actor();
        match access {
            Access::Read => self.slot.run_read(&actor, f),
            Access::Write => self.slot.run(&actor, f),
        }
    }

    fn set_actor(&self, actor: Actor) {
        self.session.set_actor(actor);
    }

    fn health(&self) -> BoardHealth {
        self.slot.health()
    }

    fn board_file(&self) -> Result<PathBuf, ErrorDto> {
        self.slot.board_file()
    }

    fn restore(&self, file_name: &str, now: Timestamp) -> Result<Option<BackupInfo>, ErrorDto> {
        self.slot.restore(self.session, file_name, now)
    }

    fn open_read_only(&self) -> Result<(), ErrorDto> {
        self.slot.open_read_only()
    }

    fn start_export(&self) -> Arc<AtomicBool> {
        self.session.start_export()
    }

    fn cancel_export(&self) {
        self.session.cancel_export();
    }
}
