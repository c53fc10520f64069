//! Opening board files: every older schema upgrades and works; anything that is not
//! a board of a schema this build knows is refused and left exactly as it was.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use ideaboard_core::model::ListQuery;
use ideaboard_core::store::LATEST_SCHEMA;
use ideaboard_core::{Board, ErrorCode, ops};

use crate::support::{T0, acting, new_idea};

/// Every file in `dir` with its bytes: refusing a file must not change it, nor leave
/// a journal or WAL beside it.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|entry| {
            let path = entry.unwrap().path();
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

fn assert_refused_unchanged(path: &Path, expected: ErrorCode) {
    let dir = path.parent().unwrap();
    let before = snapshot(dir);
    let err = Board::open(path).expect_err("opening must be refused");
    assert_eq!(err.code(), expected, "{err}");
    assert!(
        snapshot(dir) == before,
        "refusing {} changed the files",
        path.display()
    );
}

/// Signs the owner in, submits an idea and lists it: the board works.
fn assert_works(board: &mut Board) {
    let owner = ops::create_owner(board, "Owner", None, T0).unwrap();
    let owner = acting(board, &owner.id);
    let idea = ops::submit_idea(board, &owner.actor, &new_idea("Works after upgrade"), T0).unwrap();
    let page = ops::list_ideas(board, &owner.actor, &ListQuery::default()).unwrap();
    assert_eq!(page.items.len(), 1);
    assert_eq!(page.items[0].id, idea.idea.id);
    assert_eq!(board.check_integrity().unwrap(), Vec::<String>::new());
    assert_eq!(board.counter_mismatches().unwrap(), Vec::<String>::new());
}

const _: () = assert!(LATEST_SCHEMA >= 1, "the loop below must test something");

#[test]
fn every_older_schema_upgrades_to_the_latest_and_works() {
    for version in 1..=LATEST_SCHEMA {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.ideaboard");
        Board::create_at_schema(&path, "Old board", T0, version).unwrap();
        let user_version: i64 = rusqlite::Connection::open(&path)
            .unwrap()
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        assert_eq!(user_version, version);

        let mut board = Board::open(&path).unwrap();
        assert_eq!(
            board.schema_version().unwrap(),
            LATEST_SCHEMA,
            "from {version}"
        );
        assert_eq!(ops::board_settings(&board).unwrap().name, "Old board");
        assert_works(&mut board);
        drop(board);

        // And it opens again, already current.
        let board = Board::open(&path).unwrap();
        assert_eq!(ops::list_members(&board).unwrap().len(), 1);
    }
}

#[test]
fn a_board_from_a_newer_build_is_refused_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("future.ideaboard");
    drop(Board::create(&path, "Future", T0).unwrap());
    let newer = LATEST_SCHEMA + 1;
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.pragma_update(None, "user_version", newer).unwrap();
    drop(conn);

    assert_refused_unchanged(&path, ErrorCode::NewerBoard);
    match Board::open(&path) {
        Err(ideaboard_core::Error::NewerBoard { found, supported }) => {
            assert_eq!((found, supported), (newer, LATEST_SCHEMA));
        }
        other => panic!("expected NewerBoard, got {other:?}"),
    }
}

#[test]
fn a_plain_sqlite_database_is_not_a_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("CREATE TABLE notes (body TEXT); INSERT INTO notes VALUES ('keep me');")
        .unwrap();
    drop(conn);
    assert_refused_unchanged(&path, ErrorCode::NotABoard);
}

#[test]
fn a_plain_sqlite_database_in_wal_mode_is_not_a_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other-wal.sqlite");
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch("PRAGMA journal_mode = WAL; CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    assert_refused_unchanged(&path, ErrorCode::NotABoard);
}

#[test]
fn random_bytes_are_not_a_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("noise.ideaboard");
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    let bytes: Vec<u8> = (0..8192)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_unchanged(&path, ErrorCode::NotABoard);
}

#[test]
fn a_sqlite_header_followed_by_garbage_is_not_a_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("damaged.ideaboard");
    let mut bytes = b"SQLite format 3\0".to_vec();
    bytes.extend((0..4080u32).map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8));
    std::fs::write(&path, &bytes).unwrap();
    assert_refused_unchanged(&path, ErrorCode::NotABoard);
}

#[test]
fn empty_and_tiny_files_are_not_boards() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.ideaboard");
    std::fs::write(&empty, b"").unwrap();
    assert_refused_unchanged(&empty, ErrorCode::NotABoard);
    let tiny = dir.path().join("tiny.ideaboard");
    std::fs::write(&tiny, b"SQLite").unwrap();
    assert_refused_unchanged(&tiny, ErrorCode::NotABoard);
}

#[test]
fn a_missing_file_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.ideaboard");
    let err = Board::open(&path).expect_err("a missing board cannot be opened");
    assert_eq!(err.code(), ErrorCode::Storage, "{err}");
    assert!(!path.exists());
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

#[test]
fn create_refuses_an_existing_file_and_leaves_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("taken.ideaboard");
    std::fs::write(&path, b"someone's notes").unwrap();
    assert!(Board::create(&path, "Mine", T0).is_err());
    assert_eq!(std::fs::read(&path).unwrap(), b"someone's notes");
}
