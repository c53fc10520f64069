//! A read-only connection of a host's own to its board, for reads that must never
//! wait for the writer: each read sees a WAL snapshot of what was committed.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use crate::{Board, Error};

use super::lock::lock;

/// A read-only connection to a board, opened on first use and again after an error
/// or a restore.
#[derive(Default)]
pub struct OwnReader {
    conn: Mutex<Option<Board>>,
}

impl OwnReader {
    /// Closes the connection and keeps it closed while the guard lives: a restore
    /// moves the board file, and a connection left open would keep reading (and
    /// holding the log of) the file moved away.
    pub fn close(&self) -> MutexGuard<'_, Option<Board>> {
        let mut conn = lock(&self.conn);
        *conn = None;
        conn
    }

    /// Runs `f` on the connection to the board at `path`, opening it if need be. An
    /// error closes the connection, so the next read starts afresh.
    pub fn read<T>(
        &self,
        path: &Path,
        f: impl FnOnce(&Board) -> Result<T, Error>,
    ) -> Result<T, Error> {
        self.read_mut(path, |board| f(board))
    }

    /// As [`OwnReader::read`], for callers that take the board as `&mut` (a
    /// contract command); the connection refuses any write all the same.
    pub fn read_mut<T>(
        &self,
        path: &Path,
        f: impl FnOnce(&mut Board) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let mut conn = lock(&self.conn);
        if conn.is_none() {
            *conn = Some(Board::open_read_only(path)?);
        }
        let result = f(conn.as_mut().expect("opened above"));
        if result.is_err() {
            *conn = None;
        }
        result
    }
}
