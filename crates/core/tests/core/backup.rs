//! Backups (issue 8): a copy of the board as of one moment, taken while another
//! process-like connection keeps writing, opens as a board whose every counter
//! equals a recount; an existing file is never overwritten.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ideaboard_core::model::{BackupKind, NewMember, Role};
use ideaboard_core::seed::scale::{self, ScaleConfig};
use ideaboard_core::store::LATEST_SCHEMA;
use ideaboard_core::{Actor, Board, ErrorCode, Timestamp, backups, ops, seed};

const T0: Timestamp = Timestamp::from_millis(1_790_000_000_000);

fn demo_board(path: &std::path::Path) {
    let mut board = Board::create(path, seed::DEMO_BOARD_NAME, T0).unwrap();
    seed::demo(&mut board, seed::DEMO_SEED, T0).unwrap();
}

#[test]
fn a_backup_is_the_board_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.board");
    demo_board(&path);
    let board = Board::open(&path, T0).unwrap();
    let copy = dir.path().join("copy.board");
    let bytes = board.backup_to(&copy).unwrap();
    assert_eq!(bytes, std::fs::metadata(&copy).unwrap().len());

    let restored = Board::open(&copy, T0).unwrap();
    assert_eq!(
        restored.content_fingerprint().unwrap(),
        board.content_fingerprint().unwrap()
    );
    assert_eq!(restored.check_integrity().unwrap(), Vec::<String>::new());
    drop(restored);

    let before = std::fs::read(&copy).unwrap();
    let refused = board.backup_to(&copy).unwrap_err();
    assert!(refused.to_string().contains("exists already"), "{refused}");
    assert_eq!(
        std::fs::read(&copy).unwrap(),
        before,
        "the old backup is untouched"
    );
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".part"))
        .collect();
    assert!(names.is_empty(), "no partial file: {names:?}");
}

#[test]
fn a_backup_taken_while_another_connection_writes_is_consistent() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("busy.board");
    demo_board(&path);

    // A second connection, as the app beside the CLI, keeps adding members.
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, stop) = (path.clone(), Arc::clone(&stop));
        std::thread::spawn(move || {
            let mut board = Board::open(&path, T0).unwrap();
            let mut written = 0u32;
            while !stop.load(Ordering::Relaxed) || written < 20 {
                let input = NewMember {
                    display_name: format!("Writer fan {written}"),
                    role: Role::Fan,
                    passphrase: None,
                };
                ops::create_member(&mut board, &Actor::guest(), &input, T0).unwrap();
                written += 1;
            }
            written
        })
    };

    let board = Board::open(&path, T0).unwrap();
    let mut copies = Vec::new();
    for i in 0..5 {
        let copy = dir.path().join(format!("busy-{i}.board"));
        board.backup_to(&copy).unwrap();
        copies.push(copy);
    }
    stop.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(written >= 20);

    for copy in copies {
        let restored = Board::open(&copy, T0).unwrap();
        assert_eq!(restored.check_integrity().unwrap(), Vec::<String>::new());
        assert_eq!(restored.counter_mismatches().unwrap(), Vec::<String>::new());
    }
}

/// A board of several backup steps' worth of pages, written to without a pause by
/// another connection: the backup must not wait for the writer to stop. (Copied
/// step by step, it started over at every commit between two steps and only
/// finished once the writer paused: `ideaboard-cli backup` beside a busy app never
/// finished.)
#[test]
fn a_backup_of_a_large_board_finishes_while_another_connection_keeps_writing() {
    const WRITES_AT_MOST: u32 = 1_000;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.board");
    {
        let mut board = Board::create(&path, "Large", T0).unwrap();
        let config = ScaleConfig {
            ideas: 4_000,
            votes: 40_000,
            comments: 12_000,
            members: 2_000,
            years: 1,
            seed: 3,
        };
        scale::scale(&mut board, &config, T0).unwrap();
    }
    let pages = std::fs::metadata(&path).unwrap().len() / 4096;
    assert!(
        pages > 4 * 1024,
        "{pages} pages: more than one step's worth"
    );

    let done = Arc::new(AtomicBool::new(false));
    let writer = {
        let (path, done) = (path.clone(), Arc::clone(&done));
        std::thread::spawn(move || {
            let mut board = Board::open(&path, T0).unwrap();
            let mut written = 0u32;
            while !done.load(Ordering::Relaxed) && written < WRITES_AT_MOST {
                let input = NewMember {
                    display_name: format!("Busy fan {written}"),
                    role: Role::Fan,
                    passphrase: None,
                };
                ops::create_member(&mut board, &Actor::guest(), &input, T0).unwrap();
                written += 1;
            }
            written
        })
    };
    let board = Board::open(&path, T0).unwrap();
    // Let the writer get going first.
    while ops::list_members(&board)
        .unwrap()
        .iter()
        .all(|m| !m.display_name.starts_with("Busy"))
    {
        std::thread::yield_now();
    }
    let copy = dir.path().join("copy.board");
    board.backup_to(&copy).unwrap();
    done.store(true, Ordering::Relaxed);
    let written = writer.join().unwrap();
    assert!(
        written < WRITES_AT_MOST,
        "the backup finished only once the writer stopped ({written} writes)"
    );
    let restored = Board::open(&copy, T0).unwrap();
    assert_eq!(restored.check_integrity().unwrap(), Vec::<String>::new());
    assert_eq!(restored.counter_mismatches().unwrap(), Vec::<String>::new());
}

#[test]
fn a_restore_is_checked_first_and_keeps_the_board_it_replaces() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.board");
    demo_board(&path);
    let backup = dir.path().join("backup.board");
    let fingerprint = {
        let board = Board::open(&path, T0).unwrap();
        board.backup_to(&backup).unwrap();
        board.content_fingerprint().unwrap()
    };
    // The board moves on after the backup.
    {
        let mut board = Board::open(&path, T0).unwrap();
        let input = NewMember {
            display_name: "After the backup".into(),
            role: Role::Fan,
            passphrase: None,
        };
        ops::create_member(&mut board, &Actor::guest(), &input, T0).unwrap();
    }
    let changed = Board::open(&path, T0)
        .unwrap()
        .content_fingerprint()
        .unwrap();
    assert_ne!(changed, fingerprint);

    // A broken backup is refused and the board is left as it was.
    let broken = dir.path().join("broken.board");
    let mut bytes = std::fs::read(&backup).unwrap();
    bytes.truncate(bytes.len() / 3);
    std::fs::write(&broken, bytes).unwrap();
    let refused = backups::restore(&path, &broken, T0).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::BoardDamaged, "{refused}");
    assert_eq!(
        Board::open(&path, T0)
            .unwrap()
            .content_fingerprint()
            .unwrap(),
        changed
    );
    assert!(backups::list(&path).unwrap().backups.is_empty());

    // A good one replaces it; the replaced board is kept among the backups.
    let kept = backups::restore(&path, &backup, T0).unwrap().expect("kept");
    assert_eq!(kept.kind, BackupKind::BeforeRestore);
    assert_eq!(
        Board::open(&path, T0)
            .unwrap()
            .content_fingerprint()
            .unwrap(),
        fingerprint
    );
    assert_eq!(
        Board::open(&kept.path, T0)
            .unwrap()
            .content_fingerprint()
            .unwrap(),
        changed
    );
    assert_eq!(backups::list(&path).unwrap().backups, vec![kept.clone()]);

    // And the restore itself is undone by restoring what it kept.
    let undone = backups::restore(&path, std::path::Path::new(&kept.path), T0.plus_millis(1))
        .unwrap()
        .expect("kept again");
    assert_eq!(
        Board::open(&path, T0)
            .unwrap()
            .content_fingerprint()
            .unwrap(),
        changed
    );
    assert_eq!(backups::list(&path).unwrap().backups.len(), 2);
    assert_ne!(undone.path, kept.path);
}

/// Env var naming a board for [`hold_a_board_open`] to keep open.
const HOLD_ENV: &str = "IDEABOARD_TEST_HOLD";

/// Not a test of its own: the other process of
/// `a_restore_is_refused_while_another_process_has_the_board_open`. Opens the board,
/// says so by creating `<board>.held`, and keeps it open until `<board>.release`
/// appears (or 60 s pass).
#[test]
#[ignore = "run by another test as its second process"]
fn hold_a_board_open() {
    let Some(path) = std::env::var_os(HOLD_ENV) else {
        return;
    };
    let path = std::path::PathBuf::from(path);
    let board = Board::open(&path, T0).unwrap();
    assert!(ops::board_overview(&board).is_ok());
    std::fs::write(format!("{}.held", path.display()), b"").unwrap();
    let release = format!("{}.release", path.display());
    let until = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while !std::path::Path::new(&release).exists() && std::time::Instant::now() < until {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    drop(board);
}

/// The holder process, stopped if the test fails before it releases the board.
struct KillOnDrop(std::process::Child);

impl Drop for KillOnDrop {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[test]
fn a_restore_is_refused_while_another_process_has_the_board_open() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.board");
    demo_board(&path);
    let backup = dir.path().join("backup.board");
    Board::open(&path, T0).unwrap().backup_to(&backup).unwrap();
    let before = std::fs::read(&path).unwrap();

    let mut holder = KillOnDrop(
        std::process::Command::new(std::env::current_exe().unwrap())
            .args(["--exact", "backup::hold_a_board_open", "--ignored"])
            .env(HOLD_ENV, &path)
            .stdout(std::process::Stdio::null())
            .spawn()
            .unwrap(),
    );
    let held = dir.path().join("team.board.held");
    let until = std::time::Instant::now() + std::time::Duration::from_secs(30);
    while !held.exists() {
        assert!(
            std::time::Instant::now() < until,
            "the holder never opened the board"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }

    let refused = backups::restore(&path, &backup, T0).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::OpenElsewhere, "{refused}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the board was not touched"
    );

    std::fs::write(dir.path().join("team.board.release"), b"").unwrap();
    assert!(holder.0.wait().unwrap().success());
    // Once the other process has closed it, the same restore goes through.
    assert!(backups::restore(&path, &backup, T0).unwrap().is_some());
}

#[test]
fn a_board_is_backed_up_before_its_schema_is_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.board");
    Board::create_at_schema(&path, "Old board", T0, LATEST_SCHEMA - 1).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();
    assert!(backups::list(&path).unwrap().backups.is_empty());

    let board = Board::open(&path, T0).unwrap();
    assert_eq!(board.schema_version().unwrap(), LATEST_SCHEMA);
    let list = backups::list(&path).unwrap().backups;
    assert_eq!(list.len(), 1, "{list:?}");
    assert_eq!(list[0].kind, BackupKind::BeforeUpgrade);
    let saved = rusqlite::Connection::open(&list[0].path).unwrap();
    let version: i64 = saved
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(
        version,
        LATEST_SCHEMA - 1,
        "the backup is the board as it was"
    );
    drop(saved);
    assert!(!old_bytes.is_empty());

    // Opening a current board takes no such backup.
    drop(board);
    drop(Board::open(&path, T0).unwrap());
    assert_eq!(backups::list(&path).unwrap().backups.len(), 1);
}

#[test]
fn a_board_whose_backup_cannot_be_taken_is_not_upgraded() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.board");
    Board::create_at_schema(&path, "Old board", T0, LATEST_SCHEMA - 1).unwrap();
    let old_bytes = std::fs::read(&path).unwrap();
    // A file where the backup folder would go: no backup can be made.
    std::fs::write(backups::folder(&path), b"in the way").unwrap();

    let refused = Board::open(&path, T0).expect_err("no backup, no upgrade");
    assert_eq!(refused.code(), ErrorCode::Storage, "{refused}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        old_bytes,
        "the board as it was"
    );
    let version: i64 = rusqlite::Connection::open(&path)
        .unwrap()
        .query_row("PRAGMA user_version", [], |r| r.get(0))
        .unwrap();
    assert_eq!(version, LATEST_SCHEMA - 1);

    // Once the backup can be taken, the same open upgrades it, named by `now`.
    std::fs::remove_file(backups::folder(&path)).unwrap();
    let board = Board::open(&path, T0).unwrap();
    assert_eq!(board.schema_version().unwrap(), LATEST_SCHEMA);
    let list = backups::list(&path).unwrap().backups;
    assert_eq!(list.len(), 1);
    assert_eq!(
        (list[0].kind, list[0].taken_at),
        (BackupKind::BeforeUpgrade, T0)
    );
}

#[test]
fn opening_unmigrated_reports_the_upgrade_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.board");
    Board::create_at_schema(&path, "Old board", T0, LATEST_SCHEMA - 1).unwrap();
    let opened = Board::open_unmigrated(&path).unwrap();
    let due = opened.upgrade_due().expect("an upgrade is due");
    assert_eq!((due.from, due.to), (LATEST_SCHEMA - 1, LATEST_SCHEMA));
    assert_eq!(opened.board().schema_version().unwrap(), LATEST_SCHEMA - 1);
    assert!(backups::list(&path).unwrap().backups.is_empty());
    let board = opened.migrate().unwrap();
    assert_eq!(board.schema_version().unwrap(), LATEST_SCHEMA);
    drop(board);
    let current = Board::open_unmigrated(&path).unwrap();
    assert_eq!(current.upgrade_due(), None);
}

#[test]
fn daily_backups_come_once_a_day_and_the_oldest_go() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.board");
    demo_board(&path);
    let board = Board::open(&path, T0).unwrap();
    let day = Timestamp::MS_PER_DAY;

    let first = backups::take_daily_if_due(&board, T0)
        .unwrap()
        .expect("due");
    assert_eq!(first.kind, BackupKind::Daily);
    assert!(
        backups::take_daily_if_due(&board, T0.plus_millis(day - 1))
            .unwrap()
            .is_none()
    );
    let keep = backups::keep(BackupKind::Daily);
    for n in 1..=keep as i64 + 2 {
        assert!(
            backups::take_daily_if_due(&board, T0.plus_millis(n * day))
                .unwrap()
                .is_some()
        );
    }
    let dailies: Vec<_> = backups::list(&path)
        .unwrap()
        .backups
        .into_iter()
        .filter(|b| b.kind == BackupKind::Daily)
        .collect();
    assert_eq!(dailies.len(), keep);
    assert_eq!(
        dailies[0].taken_at,
        T0.plus_millis((keep as i64 + 2) * day),
        "newest first"
    );
    assert!(
        dailies.iter().all(|b| b.taken_at > first.taken_at),
        "the first one went"
    );

    // Manual backups are kept apart: they do not push daily ones out.
    backups::take(&board, BackupKind::Manual, T0).unwrap();
    assert_eq!(backups::list(&path).unwrap().backups.len(), keep + 1);
    for b in backups::list(&path).unwrap().backups {
        let copy = Board::open_read_only(&b.path).unwrap();
        assert!(copy.check_integrity().unwrap().is_empty());
    }
}
