//! A read-only connection of a host's own to its board, for reads that must never
//! wait for the writer: each read sees a WAL snapshot of what was committed.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
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
        self.read_locked(lock(&self.conn), path, f)
    }

    /// [`OwnReader::read_mut`] with the connection's lock already held.
    fn read_locked<T>(
        &self,
        mut conn: MutexGuard<'_, Option<Board>>,
        path: &Path,
        f: impl FnOnce(&mut Board) -> Result<T, Error>,
    ) -> Result<T, Error> {
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

/// Several read-only connections to one board, so that reads from many clients run
/// side by side (each on a WAL snapshot of its own) instead of queueing on one.
pub struct ReaderPool {
    readers: Vec<OwnReader>,
    next: AtomicUsize,
}

impl ReaderPool {
    /// A pool of `size` connections (at least one), each opened on first use.
    pub fn new(size: usize) -> ReaderPool {
        ReaderPool {
            readers: (0..size.max(1)).map(|_| OwnReader::default()).collect(),
            next: AtomicUsize::new(0),
        }
    }

    /// How many connections the pool holds.
    pub fn size(&self) -> usize {
        self.readers.len()
    }

    /// Closes every connection and keeps them closed while the guards live (see
    /// [`OwnReader::close`]).
    pub fn close(&self) -> Vec<MutexGuard<'_, Option<Board>>> {
        self.readers.iter().map(OwnReader::close).collect()
    }

    /// Runs `f` on a free connection of the pool, or waits for the next one in turn
    /// when all are busy.
    pub fn read_mut<T>(
        &self,
        path: &Path,
        f: impl FnOnce(&mut Board) -> Result<T, Error>,
    ) -> Result<T, Error> {
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        let n = self.readers.len();
        let free = (0..n)
            .map(|i| &self.readers[(start + i) % n])
            .find_map(|reader| reader.conn.try_lock().ok().map(|conn| (reader, conn)));
        match free {
            Some((reader, conn)) => reader.read_locked(conn, path, f),
            None => self.readers[start % n].read_mut(path, f),
        }
    }
}
