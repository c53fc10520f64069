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
    let err = Board::open(path, T0).expect_err("opening must be refused");
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

/// The board's counter mismatches about the aggregates named by `prefixes` (the
/// hand-made rows of an older board leave its ideas' own counters as they are).
fn mismatches_of(board: &Board, prefixes: &[&str]) -> Vec<String> {
    board
        .counter_mismatches()
        .unwrap()
        .into_iter()
        .filter(|m| prefixes.iter().any(|p| m.starts_with(p)))
        .collect()
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

        let mut board = Board::open(&path, T0).unwrap();
        assert_eq!(
            board.schema_version().unwrap(),
            LATEST_SCHEMA,
            "from {version}"
        );
        assert_eq!(ops::board_settings(&board).unwrap().name, "Old board");
        assert_works(&mut board);
        drop(board);

        // And it opens again, already current.
        let board = Board::open(&path, T0).unwrap();
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
    match Board::open(&path, T0) {
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
fn empty_and_tiny_files_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("empty.ideaboard");
    std::fs::write(&empty, b"").unwrap();
    assert_refused_unchanged(&empty, ErrorCode::EmptyFile);
    let tiny = dir.path().join("tiny.ideaboard");
    std::fs::write(&tiny, b"SQLite").unwrap();
    assert_refused_unchanged(&tiny, ErrorCode::NotABoard);
}

#[test]
fn a_missing_file_is_an_error_and_is_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing.ideaboard");
    let err = Board::open(&path, T0).expect_err("a missing board cannot be opened");
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

/// Schema 3 kept one notification row per member; the upgrade to notices keeps each
/// one for its member, with its id and whether it was read, and the centre works on.
#[test]
fn notifications_of_an_older_board_survive_the_upgrade_to_notices() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ideaboard");
    Board::create_at_schema(&path, "Old board", T0, 3).unwrap();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(
        "INSERT INTO members (seq, id, display_name, role, joined_at) VALUES \
           (1, '01900000-0000-7000-8000-000000000001', 'Fan', 'fan', 0), (2, '01900000-0000-7000-8000-000000000002', 'Admin', 'admin', 0), \
           (3, '01900000-0000-7000-8000-000000000003', 'Other', 'fan', 0); \
         INSERT INTO ideas (number, id, title, body, body_html, excerpt, author_seq, status, \
           created_at, updated_at, trending) VALUES \
           (1, '01900000-0000-7000-8000-0000000000a1', 'Oat milk', 'b', '<p>b</p>', 'b', 1, 'planned', 0, 0, 0.0); \
         INSERT INTO follows (idea_no, member_seq, since) VALUES (1, 1, 0); \
         INSERT INTO notifications (seq, member_seq, kind, idea_no, actor_seq, status, created_at, read_at) VALUES \
           (7, 1, 'status_changed', 1, 2, 'under_review', 10, 20), \
           (9, 1, 'status_changed', 1, 2, 'planned', 30, NULL), \
           (11, 3, 'status_changed', 1, 2, 'planned', 30, NULL);",
    )
    .unwrap();
    drop(conn);

    let mut board = Board::open(&path, T0).unwrap();
    assert_eq!(board.schema_version().unwrap(), LATEST_SCHEMA);
    let fan = acting(&board, "01900000-0000-7000-8000-000000000001");
    let page = ops::list_notifications(&board, &fan.actor, false, 50).unwrap();
    let got: Vec<(&str, bool)> = page.items.iter().map(|n| (n.id.as_str(), n.read)).collect();
    assert_eq!(got, vec![("9", false), ("7", true)]);
    assert_eq!(page.unread, 1);
    assert_eq!(
        page.items[0].idea_id,
        "01900000-0000-7000-8000-0000000000a1"
    );
    // Member 3's notification stays theirs alone.
    let other = acting(&board, "01900000-0000-7000-8000-000000000003");
    let theirs = ops::list_notifications(&board, &other.actor, false, 50).unwrap();
    assert_eq!((theirs.items.len(), theirs.unread), (1, 1));
    assert_eq!(
        ops::mark_notifications_read(&mut board, &fan.actor, None, T0).unwrap(),
        1
    );
    let page = ops::list_notifications(&board, &fan.actor, false, 50).unwrap();
    assert_eq!(page.unread, 0);
    assert!(page.items.iter().all(|n| n.read));
    assert_eq!(board.check_integrity().unwrap(), Vec::<String>::new());
}

/// Schema 6 had no team aggregates: the upgrade to 7 counts the activity already in
/// the points ledger and the status changes, and the team's figures include it.
#[test]
fn the_team_figures_of_an_older_board_count_its_past_activity() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ideaboard");
    Board::create_at_schema(&path, "Old board", T0, 6).unwrap();
    let t = T0.millis();
    let day = 86_400_000_i64;
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO members (seq, id, display_name, role, joined_at, points) VALUES \
           (1, '01900000-0000-7000-8000-000000000001', 'Fan A', 'fan', 0, 10), \
           (2, '01900000-0000-7000-8000-000000000002', 'Admin', 'admin', 0, 0), \
           (3, '01900000-0000-7000-8000-000000000003', 'Fan B', 'fan', 0, 1); \
         INSERT INTO ideas (number, id, title, body, body_html, excerpt, author_seq, status, \
           created_at, updated_at, vote_count, vote_weight, trending) VALUES \
           (1, '01900000-0000-7000-8000-0000000000a1', 'Oat milk', 'b', '<p>b</p>', 'b', 1, 'planned', {t}, {t}, 1, 2, 0.0); \
         INSERT INTO votes (idea_no, member_seq, priority, created_at) VALUES (1, 3, 'important', {v}); \
         INSERT INTO status_changes (idea_no, from_status, to_status, actor_seq, note, at) VALUES \
           (1, NULL, 'new', 1, NULL, {t}), (1, 'new', 'planned', 2, 'Soon', {p}); \
         INSERT INTO points_ledger (member_seq, delta, reason, idea_no, at) VALUES \
           (1, 10, 'idea_submitted', 1, {t}), (3, 1, 'vote_cast', 1, {v});",
        v = t + 8 * day,
        p = t + day,
    ))
    .unwrap();
    drop(conn);

    let board = Board::open(&path, T0).unwrap();
    let team = mismatches_of(&board, &["team_", "member_"]);
    assert_eq!(team, Vec::<String>::new());
    let admin = acting(&board, "01900000-0000-7000-8000-000000000002");
    let now = ideaboard_core::Timestamp::from_millis(t + 9 * day);
    let a = ops::team_analytics(&board, &admin.actor, 2, now).unwrap();
    let weeks: Vec<(u32, u32)> = a.weeks.iter().map(|w| (w.ideas, w.votes)).collect();
    assert_eq!(weeks, vec![(1, 0), (0, 1)]);
    let funnel: Vec<u32> = a.funnel.iter().map(|f| f.ideas).collect();
    assert_eq!(funnel, vec![1, 1, 1, 0]);
    let e = ops::engagement(&board, &admin.actor, 10, 2, now).unwrap();
    assert_eq!(
        (e.core.participants, e.core.core_fans, e.core.points_cutoff),
        (2, 1, 10)
    );
    let new: Vec<u32> = e.weeks.iter().map(|w| w.new).collect();
    assert_eq!(new, vec![1, 1]);
    assert_eq!(e.leaderboard.len(), 2);
}

/// Schema 10 had no totals row: the upgrade to 11 counts the votes, public comments
/// and members already there, and the triggers keep them from then on.
#[test]
fn the_totals_of_an_older_board_count_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.ideaboard");
    Board::create_at_schema(&path, "Old board", T0, 10).unwrap();
    let t = T0.millis();
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!(
        "INSERT INTO members (seq, id, display_name, role, joined_at, points) VALUES \
           (1, '01900000-0000-7000-8000-000000000001', 'Fan A', 'fan', 0, 0), \
           (2, '01900000-0000-7000-8000-000000000002', 'Admin', 'admin', 0, 0); \
         INSERT INTO ideas (number, id, title, body, body_html, excerpt, author_seq, status, \
           created_at, updated_at, vote_count, vote_weight, comment_count, trending) VALUES \
           (1, '01900000-0000-7000-8000-0000000000a1', 'Oat milk', 'b', '<p>b</p>', 'b', 1, 'new', {t}, {t}, 1, 2, 1, 0.0); \
         INSERT INTO votes (idea_no, member_seq, priority, created_at) VALUES (1, 2, 'important', {t}); \
         INSERT INTO comments (seq, id, idea_no, author_seq, kind, body, body_html, created_at) VALUES \
           (1, '01900000-0000-7000-8000-0000000000c1', 1, 1, 'public', 'Yes', '<p>Yes</p>', {t}), \
           (2, '01900000-0000-7000-8000-0000000000c2', 1, 2, 'internal', 'Note', '<p>Note</p>', {t});"
    ))
    .unwrap();
    drop(conn);

    let board = Board::open(&path, T0).unwrap();
    assert_eq!(
        mismatches_of(&board, &["board_totals"]),
        Vec::<String>::new()
    );
    let counts = ops::board_overview(&board).unwrap().counts;
    assert_eq!(
        (counts.ideas, counts.votes, counts.comments, counts.members),
        (1, 1, 1, 2)
    );
}

/// `Board::checkpoint` (for the shell's idle time) copies the whole log into the
/// file; a board in memory has no log.
#[test]
fn an_idle_checkpoint_empties_the_log_into_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("idle.ideaboard");
    let mut board = Board::create(&path, "Idle", T0).unwrap();
    assert_works(&mut board);
    let (log, done) = board.checkpoint().unwrap().expect("a file board has a log");
    assert!(log > 0);
    assert_eq!(done, log);
    drop(board);
    let board = Board::open(&path, T0).unwrap();
    assert_eq!(ops::list_members(&board).unwrap().len(), 1);
    let memory = Board::open_in_memory("Memory", T0).unwrap();
    assert_eq!(memory.checkpoint().unwrap(), None);
}
