//! The board file and the only place SQL lives.
//!
//! A [`Board`] is one SQLite file (or an in-memory database in tests). Opening checks
//! that the file is an Ideaboard board of a schema this build knows *before* anything
//! is written to it ([`Board::open_unmigrated`]), then applies pending migrations,
//! each in its own transaction. The store reads no clock and takes no backup: the
//! caller backs an older board up before it migrates ([`Board::open`] in
//! `crate::opening` does both).
//! Every write runs in one `BEGIN IMMEDIATE` transaction ([`Board::write`]); every
//! read runs in one snapshot ([`Board::read`]).

mod migrate;

pub(crate) mod accounts;
pub(crate) mod adoption;
mod backup;
#[cfg(feature = "devtools")]
pub(crate) mod bench_floor;
#[cfg(feature = "devtools")]
pub(crate) mod bulk;
pub(crate) mod cards;
pub(crate) mod changes;
pub(crate) mod comments;
pub(crate) mod dump;
pub(crate) mod dump_history;
pub(crate) mod export;
pub(crate) mod filter;
pub(crate) mod fingerprint;
pub(crate) mod ideas;
pub(crate) mod import;
pub(crate) mod invitations;
pub(crate) mod journey;
pub(crate) mod ledger;
pub(crate) mod members;
pub(crate) mod notify;
pub(crate) mod reports;
pub(crate) mod search;
pub(crate) mod sessions;
pub(crate) mod settings;
pub(crate) mod taxonomy;
pub(crate) mod team;
pub(crate) mod totals;
pub(crate) mod triage;
pub(crate) mod votes;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use rusqlite::{Connection, OpenFlags, Transaction, TransactionBehavior};

pub use migrate::{APPLICATION_ID, LATEST_SCHEMA, MIGRATIONS};

use crate::clock::Timestamp;
use crate::ids::IdSource;
use crate::model::ChangeSpan;
use crate::{Error, Result};

/// How hard commits push to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Durability {
    /// `synchronous=FULL`: a committed write survives power loss. The default.
    Full,
    /// `synchronous=NORMAL`: a committed write survives the process dying (a crash,
    /// SIGKILL) but the last commits before a power loss or an operating-system crash
    /// may be lost (never the board: it stays whole). Commits then cost no disk sync;
    /// the log is synced at checkpoints. For a server whose operator chooses it.
    Process,
    /// `synchronous=OFF`, for bulk generation of throwaway boards only.
    Bulk,
}

/// Pages the write-ahead log may grow to before a commit checkpoints it itself.
///
/// SQLite's default (1,000 pages, 4 MB) makes whichever commit crosses it copy the
/// log into the board file and sync it: a single vote then took a second on the
/// scale board. Checkpoints belong off the write path: the shell calls
/// [`Board::checkpoint`] when the app is idle. This larger threshold is only the
/// safety net for a shell that never does (64 MB at 4 KB pages); durability is
/// unchanged either way (`synchronous=FULL`: each commit's log frames are synced).
pub const WAL_AUTOCHECKPOINT_PAGES: i64 = 16_384;

/// Prepared statements each connection keeps for reuse. The store has a few
/// hundred distinct statements and one write runs dozens; rusqlite keeps 16 by
/// default, so a write evicted the statements of the next and parsed its SQL again.
pub const STATEMENTS_KEPT: usize = 512;

/// An open board.
#[derive(Debug)]
pub struct Board {
    conn: Connection,
    path: Option<PathBuf>,
    ids: IdSource,
    read_only: bool,
}

/// A write in progress: the transaction, the id source and the changes it records
/// for the feed ([`changes`]), handed to ops.
pub struct Tx<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(crate) ids: &'a mut IdSource,
    pub(crate) changes: changes::Pending,
}

impl Tx<'_> {
    /// Records that this write changed `entry`; appended to the feed when it commits.
    pub(crate) fn record(&self, entry: changes::Entry, now: Timestamp) {
        self.changes.push(entry, now);
    }
}

impl<'a> std::ops::Deref for Tx<'a> {
    type Target = Connection;
    fn deref(&self) -> &Connection {
        &self.tx
    }
}

/// A board file opened and checked by [`Board::open_unmigrated`], not yet brought
/// up to this build's schema.
#[derive(Debug)]
pub struct Unmigrated {
    board: Board,
    schema: i64,
}

/// An upgrade a board needs: from its schema to this build's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UpgradeDue {
    pub from: i64,
    pub to: i64,
}

impl Unmigrated {
    /// The upgrade this board needs, if its schema is older than this build's.
    pub fn upgrade_due(&self) -> Option<UpgradeDue> {
        (self.schema < LATEST_SCHEMA).then_some(UpgradeDue {
            from: self.schema,
            to: LATEST_SCHEMA,
        })
    }

    /// The board as it is on disk, to read (a backup) before it is upgraded.
    pub fn board(&self) -> &Board {
        &self.board
    }

    /// Applies the pending migrations, each in its own transaction, and hands
    /// the board over.
    pub fn migrate(mut self) -> Result<Board> {
        migrate::upgrade_from(&mut self.board.conn, self.schema, LATEST_SCHEMA)?;
        Ok(self.board)
    }
}

impl Board {
    /// Creates a new board file at `path` named `name`. Refuses an existing file.
    pub fn create(path: impl AsRef<Path>, name: &str, now: Timestamp) -> Result<Board> {
        let path = path.as_ref();
        if path.exists() {
            return Err(Error::Io(std::io::Error::new(
                std::io::ErrorKind::AlreadyExists,
                format!("{} already exists", path.display()),
            )));
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
        )?;
        let mut board = Board::configure(conn, Some(path.to_path_buf()), false)?;
        board.initialise(name, now, LATEST_SCHEMA)?;
        Ok(board)
    }

    /// Opens an existing board file and checks it, without upgrading it yet. A file
    /// that is empty, cut short, not a board, from a newer build or read-only is
    /// refused unchanged, each with its own error. When the board is older than
    /// this build, [`Unmigrated::upgrade_due`] says so and nothing has been written:
    /// the caller takes the before-upgrade backup, then calls
    /// [`Unmigrated::migrate`]. [`Board::open`] does all three.
    pub fn open_unmigrated(path: impl AsRef<Path>) -> Result<Unmigrated> {
        let path = path.as_ref();
        let wal = check_board_file(path)?;
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .map_err(|e| explain_open_failure(path, e.into()))?;
        let identified = (|| {
            // SQLite quietly opens a file it may not write read-only; say so instead.
            if conn.is_readonly(rusqlite::MAIN_DB)? {
                return Err(Error::ReadOnly);
            }
            let schema = migrate::check_identity(&conn)?;
            Ok((
                Board::configure_as(conn, Some(path.to_path_buf()), false, wal)?,
                schema,
            ))
        })();
        let (board, schema) = identified.map_err(|e| explain_open_failure(path, e))?;
        Ok(Unmigrated { board, schema })
    }

    /// Opens a board for reading only: every write is refused with
    /// [`Error::ReadOnly`], and nothing about the file changes. For a board on a
    /// read-only disk or folder, or a damaged one whose readable parts a person wants
    /// to see. A board older than this build is refused: upgrading it would write.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<Board> {
        let path = path.as_ref();
        check_board_file(path)?;
        let open = |immutable: bool| -> Result<Connection> {
            let uri = format!(
                "file:{}?mode=ro{}",
                uri_path(path),
                if immutable { "&immutable=1" } else { "" }
            );
            let conn = Connection::open_with_flags(
                uri,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            migrate::check_identity(&conn)?;
            Ok(conn)
        };
        // A board in write-ahead-log mode needs its shared-memory file to be read; in
        // a folder where that cannot be made, read the file as it is on disk.
        let conn = match open(false) {
            Ok(conn) => conn,
            Err(Error::Storage(_)) => open(true)?,
            Err(e) => return Err(e),
        };
        let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
        if version < LATEST_SCHEMA {
            return Err(Error::InvalidInput {
                field: "board",
                reason: format!(
                    "schema {version} is older than this build's {LATEST_SCHEMA}; open it normally to upgrade it"
                ),
            });
        }
        Board::configure(conn, Some(path.to_path_buf()), true)
    }

    /// A board in memory, with the real migrations. For tests and tools.
    pub fn open_in_memory(name: &str, now: Timestamp) -> Result<Board> {
        let mut board = Board::configure(Connection::open_in_memory()?, None, false)?;
        board.initialise(name, now, LATEST_SCHEMA)?;
        Ok(board)
    }

    /// Creates a board file at an older schema `version`, exactly as that build did.
    /// Exists so tests can prove every old board upgrades.
    #[doc(hidden)]
    pub fn create_at_schema(path: &Path, name: &str, now: Timestamp, version: i64) -> Result<()> {
        let conn = Connection::open(path)?;
        let mut board = Board::configure(conn, Some(path.to_path_buf()), false)?;
        board.initialise(name, now, version)
    }

    fn configure(conn: Connection, path: Option<PathBuf>, read_only: bool) -> Result<Board> {
        Board::configure_as(conn, path, read_only, false)
    }

    /// Sets a connection up as a board: for reading only, or for writing (in WAL
    /// mode; `wal` says the file's header already is, so the journal mode need not be
    /// set again: a statement less on every open).
    fn configure_as(
        conn: Connection,
        path: Option<PathBuf>,
        read_only: bool,
        wal: bool,
    ) -> Result<Board> {
        conn.busy_timeout(Duration::from_secs(5))?;
        conn.set_prepared_statement_cache_capacity(STATEMENTS_KEPT);
        if read_only {
            conn.execute_batch("PRAGMA query_only = ON;")?;
            return Ok(Board {
                conn,
                path,
                ids: IdSource::random(),
                read_only,
            });
        }
        if path.is_some() && !wal {
            let mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
            if !mode.eq_ignore_ascii_case("wal") {
                return Err(Error::Internal(format!(
                    "journal mode {mode}, expected wal"
                )));
            }
        }
        conn.execute_batch(&format!(
            "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; \
             PRAGMA wal_autocheckpoint = {WAL_AUTOCHECKPOINT_PAGES};"
        ))?;
        Ok(Board {
            conn,
            path,
            ids: IdSource::random(),
            read_only,
        })
    }

    fn initialise(&mut self, name: &str, now: Timestamp, version: i64) -> Result<()> {
        let name = crate::rules::display_name(name)?;
        migrate::upgrade(&mut self.conn, version)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        settings::insert_board(&tx, &name, now)?;
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.commit()?;
        Ok(())
    }

    /// Makes ids deterministic from now on (tests, seeded demo boards).
    pub fn use_seeded_ids(&mut self, seed: u64) {
        self.ids = IdSource::seeded(seed);
    }

    /// Sets how hard commits push to disk.
    pub fn set_durability(&self, durability: Durability) -> Result<()> {
        let level = match durability {
            Durability::Full => "FULL",
            Durability::Process => "NORMAL",
            Durability::Bulk => "OFF",
        };
        self.conn.pragma_update(None, "synchronous", level)?;
        Ok(())
    }

    /// The file this board lives in; None in memory.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Whether this board was opened with [`Board::open_read_only`].
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// The schema version of the open board.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    /// Runs `f` in one immediate transaction; commits if it returns Ok, rolls back
    /// otherwise, so a refused operation leaves nothing behind. The changes `f`
    /// recorded are appended to the feed in the same transaction, just before it
    /// commits.
    pub(crate) fn write<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        self.write_spanned(f).map(|(value, _)| value)
    }

    /// As [`Board::write`], and answers which seqs the changes it appended got (for
    /// an answer that says what it reflects, see `model::Moved`).
    pub(crate) fn write_spanned<T>(
        &mut self,
        f: impl FnOnce(&mut Tx<'_>) -> Result<T>,
    ) -> Result<(T, ChangeSpan)> {
        let mut tx = self.begin()?;
        let value = f(&mut tx)?;
        let span = changes::flush(&tx.tx, &tx.changes)?;
        tx.tx.commit()?;
        Ok((value, span))
    }

    /// Runs `f` as [`Board::write`] would, then rolls back whatever it did: a dry run
    /// (an import's preview) that checks everything a real write checks.
    pub(crate) fn rehearse<T>(&mut self, f: impl FnOnce(&mut Tx<'_>) -> Result<T>) -> Result<T> {
        let mut tx = self.begin()?;
        let value = f(&mut tx);
        tx.tx.rollback()?;
        value
    }

    /// An immediate (write-locking) transaction with the board's id generator.
    fn begin(&mut self) -> Result<Tx<'_>> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        Ok(Tx {
            tx,
            ids: &mut self.ids,
            changes: changes::Pending::default(),
        })
    }

    /// Runs `f` over one consistent snapshot of the board.
    pub(crate) fn read<T>(&self, f: impl FnOnce(&Connection) -> Result<T>) -> Result<T> {
        let tx = self.conn.unchecked_transaction()?;
        let value = f(&tx)?;
        tx.finish()?;
        Ok(value)
    }

    /// Drops the feed's changes older than `changes::RETENTION_DAYS` days before
    /// `now`, and all but the newest `changes::MAX_KEPT`; always keeps the newest.
    /// For hosts to call when idle, as [`Board::checkpoint`]. A follower whose seq
    /// is now behind the kept entries is told to reset. Returns how many entries
    /// went; 0 on a read-only board.
    pub fn prune_changes(&self, now: Timestamp) -> Result<usize> {
        if self.read_only {
            return Ok(0);
        }
        changes::prune(&self.conn, now)
    }

    /// Idle-time upkeep, for the shell to call when the app is idle so that commits
    /// do not pay for it: merges a bounded step of the search index's segments
    /// (writes never merge them, migration 6), then copies the write-ahead log into
    /// the board file (a passive checkpoint: it never waits for, nor blocks, readers
    /// or writers). Returns the frames in the log and the frames checkpointed; None
    /// in memory.
    pub fn checkpoint(&self) -> Result<Option<(i64, i64)>> {
        if self.path.is_none() || self.read_only {
            return Ok(None);
        }
        search::merge_segments(&self.conn)?;
        let (log, done): (i64, i64) =
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |r| {
                    Ok((r.get(1)?, r.get(2)?))
                })?;
        Ok(Some((log, done)))
    }

    /// A digest of every row of every table, to prove an operation changed nothing.
    pub fn content_fingerprint(&self) -> Result<String> {
        self.read(fingerprint::of_all_tables)
    }

    /// `PRAGMA quick_check`: SQLite's structural check of every page, without the
    /// index-against-table comparison of [`Board::check_integrity`]; for the app to
    /// run in the background after opening. The problems found, if any.
    pub fn quick_check(&self) -> Result<Vec<String>> {
        self.read(fingerprint::quick_problems)
    }

    /// `PRAGMA integrity_check` and `foreign_key_check`; the problems found, if any.
    pub fn check_integrity(&self) -> Result<Vec<String>> {
        self.read(fingerprint::integrity_problems)
    }

    /// Where every denormalised counter (the search index's term counts included)
    /// differs from a recount; empty when consistent.
    pub fn counter_mismatches(&self) -> Result<Vec<String>> {
        self.read(fingerprint::counter_mismatches)
    }
}

/// Refuses, before SQLite sees it, a file that cannot be a healthy board: an empty
/// file, one that is not SQLite at all, and one cut short of the size its header
/// records (a copy that stopped half-way, a full disk while saving elsewhere).
/// Drops the named triggers; returns their SQL, to recreate them after a bulk load
/// (the seed generator's, a restore's).
pub(crate) fn drop_triggers(conn: &Connection, names: &[&[&str]]) -> Result<Vec<String>> {
    let mut sqls = Vec::new();
    for name in names.iter().copied().flatten() {
        sqls.push(conn.query_row(
            "SELECT sql FROM sqlite_schema WHERE type = 'trigger' AND name = ?1",
            [name],
            |r| r.get(0),
        )?);
        conn.execute_batch(&format!("DROP TRIGGER \"{name}\""))?;
    }
    Ok(sqls)
}

/// Checks the file is a whole SQLite database before SQLite opens it; answers
/// whether its header says it is already in WAL mode.
fn check_board_file(path: &Path) -> Result<bool> {
    let mut file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len == 0 {
        return Err(Error::EmptyFile);
    }
    let mut header = [0u8; 100];
    let read = read_up_to(&mut file, &mut header)?;
    if read < 16 || &header[..16] != b"SQLite format 3\0" {
        return Err(Error::NotABoard);
    }
    if read < header.len() {
        return Err(cut_short(len, header.len() as u64));
    }
    let page_size = match u16::from_be_bytes([header[16], header[17]]) {
        1 => 65_536,
        n if n >= 512 && n.is_power_of_two() => u64::from(n),
        _ => return Err(Error::NotABoard),
    };
    // The header's page count is valid only when written by the same change as the
    // "version valid for" number beside it. A checkpoint cut off by a crash writes
    // page 1 before the pages that lengthen the file; their frames are still in the
    // write-ahead log, which SQLite replays on opening. So with a log beside it, a
    // short file is not judged here (if the log cannot make it whole, SQLite's own
    // reads report the damage).
    let pages = u64::from(u32::from_be_bytes([
        header[28], header[29], header[30], header[31],
    ]));
    let wal = PathBuf::from(format!("{}-wal", path.display()));
    let log_beside = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    if header[24..28] == header[92..96] && len < pages * page_size && !log_beside {
        return Err(cut_short(len, pages * page_size));
    }
    // The read and write format versions are 2 in a database in WAL mode.
    Ok(header[18] == 2 && header[19] == 2)
}

fn cut_short(len: u64, expected: u64) -> Error {
    Error::BoardDamaged {
        detail: format!("the file is cut short: {len} of {expected} bytes"),
    }
}

fn read_up_to(file: &mut std::fs::File, buf: &mut [u8]) -> Result<usize> {
    let mut read = 0;
    while read < buf.len() {
        match file.read(&mut buf[read..])? {
            0 => break,
            n => read += n,
        }
    }
    Ok(read)
}

/// SQLite says only "unable to open" when it cannot make the board's log files
/// beside it; a folder that cannot be written to is the usual reason.
fn explain_open_failure(path: &Path, e: Error) -> Error {
    let cannot_open = matches!(&e, Error::Storage(s)
        if s.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen));
    if cannot_open && path.exists() && !folder_writable(path) {
        return Error::ReadOnly;
    }
    e
}

/// Whether a new file can be made beside `path` (tried, then removed: permission
/// bits do not tell for root or for a read-only mount).
pub(crate) fn folder_writable(path: &Path) -> bool {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let probe = dir.join(format!(".ideaboard-write-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            true
        }
        Err(_) => false,
    }
}

/// A path as SQLite's `file:` URIs want it: `?` and `#` and `%` escaped.
fn uri_path(path: &Path) -> String {
    let mut out = String::new();
    for c in path.to_string_lossy().chars() {
        match c {
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            '%' => out.push_str("%25"),
            c => out.push(c),
        }
    }
    out
}
