//! Backups (issue 8): a copy of the board as of one moment, taken while another
//! process-like connection keeps writing, opens as a board whose every counter
//! equals a recount; an existing file is never overwritten.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use ideaboard_core::model::{NewMember, Role};
use ideaboard_core::seed::scale::{self, ScaleConfig};
use ideaboard_core::{Actor, Board, Timestamp, ops, seed};

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
    let board = Board::open(&path).unwrap();
    let copy = dir.path().join("copy.board");
    let bytes = board.backup_to(&copy).unwrap();
    assert_eq!(bytes, std::fs::metadata(&copy).unwrap().len());

    let restored = Board::open(&copy).unwrap();
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
            let mut board = Board::open(&path).unwrap();
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

    let board = Board::open(&path).unwrap();
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
        let restored = Board::open(&copy).unwrap();
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
            let mut board = Board::open(&path).unwrap();
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
    let board = Board::open(&path).unwrap();
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
    let restored = Board::open(&copy).unwrap();
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
        let board = Board::open(&path).unwrap();
        board.backup_to(&backup).unwrap();
        board.content_fingerprint().unwrap()
    };
    // The board moves on after the backup.
    {
        let mut board = Board::open(&path).unwrap();
        let input = NewMember {
            display_name: "After the backup".into(),
            role: Role::Fan,
            passphrase: None,
        };
        ops::create_member(&mut board, &Actor::guest(), &input, T0).unwrap();
    }
    let changed = Board::open(&path).unwrap().content_fingerprint().unwrap();
    assert_ne!(changed, fingerprint);

    // A broken backup is refused and the board is left as it was.
    let broken = dir.path().join("broken.board");
    let mut bytes = std::fs::read(&backup).unwrap();
    bytes.truncate(bytes.len() / 3);
    std::fs::write(&broken, bytes).unwrap();
    assert!(Board::restore_backup(&broken, &path).is_err());
    assert_eq!(
        Board::open(&path).unwrap().content_fingerprint().unwrap(),
        changed
    );

    // A good one replaces it; the replaced board is kept.
    let kept = Board::restore_backup(&backup, &path)
        .unwrap()
        .expect("kept");
    assert_eq!(
        Board::open(&path).unwrap().content_fingerprint().unwrap(),
        fingerprint
    );
    assert_eq!(
        Board::open(&kept).unwrap().content_fingerprint().unwrap(),
        changed
    );

    // Not while the board is open elsewhere.
    let open = Board::open(&path).unwrap();
    let refused = Board::restore_backup(&backup, &path).unwrap_err();
    assert!(
        refused.to_string().contains("open in another program"),
        "{refused}"
    );
    drop(open);
}
