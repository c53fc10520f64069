//! Bad board files (issue 8): each is refused with its own clear error, the file is
//! left byte for byte as it was, and what can be done is there (a read-only open,
//! a backup to restore). Boards from newer builds and files that are not SQLite at
//! all are covered in `migrations.rs`.
//!
//! Read-only files and folders and a full disk are made with mounts when the tests
//! run as root (root writes through permission bits); elsewhere with `chmod`. When
//! neither is possible the test says so, and fails under CI.

use std::path::{Path, PathBuf};
use std::process::Command;

use ideaboard_core::model::{IdeaSort, ListQuery, NewIdea};
use ideaboard_core::{Actor, Board, Error, ErrorCode, Timestamp, ops, seed};

const T0: Timestamp = Timestamp::from_millis(1_790_000_000_000);

fn demo_board(path: &Path) {
    let mut board = Board::create(path, seed::DEMO_BOARD_NAME, T0).unwrap();
    seed::demo(&mut board, seed::DEMO_SEED, T0).unwrap();
}

fn first_page(board: &Board) -> ideaboard_core::Result<usize> {
    let query = ListQuery {
        sort: IdeaSort::Top,
        ..ListQuery::default()
    };
    Ok(ops::list_ideas(board, &Actor::guest(), &query)?.items.len())
}

/// The file's bytes, and that no log files appeared beside it.
fn assert_untouched(path: &Path, before: &[u8]) {
    assert_eq!(
        std::fs::read(path).unwrap(),
        before,
        "{} changed",
        path.display()
    );
    for side in ["-wal", "-shm"] {
        let log = PathBuf::from(format!("{}{side}", path.display()));
        assert!(!log.exists(), "{} appeared", log.display());
    }
}

fn refused(path: &Path) -> Error {
    Board::open(path, T0).expect_err("the board should be refused")
}

#[test]
fn an_empty_file_says_it_is_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.board");
    std::fs::write(&path, b"").unwrap();
    assert_eq!(refused(&path).code(), ErrorCode::EmptyFile);
    assert_eq!(
        Board::open_read_only(&path).unwrap_err().code(),
        ErrorCode::EmptyFile
    );
    assert_untouched(&path, b"");
}

#[test]
fn a_board_cut_short_is_damaged_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let whole = dir.path().join("whole.board");
    demo_board(&whole);
    let bytes = std::fs::read(&whole).unwrap();
    for keep in [50, 4096, bytes.len() / 2, bytes.len() - 4096] {
        let path = dir.path().join(format!("cut-{keep}.board"));
        std::fs::write(&path, &bytes[..keep]).unwrap();
        let err = refused(&path);
        assert_eq!(err.code(), ErrorCode::BoardDamaged, "cut at {keep}: {err}");
        assert!(err.to_string().contains("cut short"), "{err}");
        assert_eq!(
            Board::open_read_only(&path).unwrap_err().code(),
            ErrorCode::BoardDamaged
        );
        assert_untouched(&path, &bytes[..keep]);
    }
}

/// A checkpoint cut off by a crash: page 1 (whose header counts the pages) reached
/// the board file before the pages that lengthen it, whose frames are still in the
/// write-ahead log. That is no damage: SQLite replays the log. (Seen in the crash
/// test, when a kill landed inside a checkpoint.)
#[test]
fn a_board_short_of_pages_its_log_still_holds_opens_whole() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.board");
    demo_board(&path);
    let crashed = dir.path().join("crashed.board");
    {
        // The demo board, then enough writes to grow it, all still in the log.
        let mut board = Board::open(&path, T0).unwrap();
        let owner = ops::list_members(&board).unwrap()[0].id.clone();
        let actor = ops::act_as(&board, &owner).unwrap();
        for n in 0..40 {
            let idea = NewIdea {
                title: format!("An idea written before the crash, number {n}"),
                body: "长".repeat(4_000),
                category: None,
                tags: Vec::new(),
            };
            ops::submit_idea(&mut board, &actor, &idea, T0).unwrap();
        }
        // The files as a crash would leave them, while the board is still open.
        std::fs::copy(&path, &crashed).unwrap();
        std::fs::copy(
            format!("{}-wal", path.display()),
            format!("{}-wal", crashed.display()),
        )
        .unwrap();
    }
    // The checkpoint's first write: the log's newest page 1 into the board file.
    let wal = std::fs::read(format!("{}-wal", crashed.display())).unwrap();
    let page_size = u32::from_be_bytes(wal[8..12].try_into().unwrap()) as usize;
    let newest_page_one = wal[32..]
        .chunks_exact(24 + page_size)
        .rfind(|frame| u32::from_be_bytes(frame[0..4].try_into().unwrap()) == 1)
        .expect("page 1 is in the log")[24..]
        .to_vec();
    let mut bytes = std::fs::read(&crashed).unwrap();
    bytes[..page_size].copy_from_slice(&newest_page_one);
    std::fs::write(&crashed, &bytes).unwrap();
    let counted = u64::from(u32::from_be_bytes(bytes[28..32].try_into().unwrap()));
    assert!(
        (bytes.len() as u64) < counted * page_size as u64,
        "the file is shorter than its header says"
    );

    let board = Board::open(&crashed, T0).expect("the log makes it whole");
    assert!(board.check_integrity().unwrap().is_empty());
    assert!(board.counter_mismatches().unwrap().is_empty());
    assert!(first_page(&board).unwrap() > 0);

    // Without its log, the same file is cut short.
    drop(board);
    let alone = dir.path().join("alone.board");
    std::fs::write(&alone, &bytes).unwrap();
    assert_eq!(refused(&alone).code(), ErrorCode::BoardDamaged);
}

#[test]
fn a_corrupted_page_is_damaged_and_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corrupt.board");
    demo_board(&path);
    // Overwrite the root page of the ideas table with noise.
    let (root, page_size): (i64, i64) = {
        let conn = rusqlite::Connection::open(&path).unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'ideas'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        let size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        (root, size)
    };
    let mut bytes = std::fs::read(&path).unwrap();
    let start = ((root - 1) * page_size) as usize;
    for (i, b) in bytes[start..start + page_size as usize]
        .iter_mut()
        .enumerate()
    {
        *b = (i as u8).wrapping_mul(151).wrapping_add(7);
    }
    std::fs::write(&path, &bytes).unwrap();

    let board = Board::open(&path, T0).expect("page 1 is whole, so the board opens");
    let err = first_page(&board).expect_err("the ideas cannot be read");
    assert_eq!(err.code(), ErrorCode::BoardDamaged, "{err}");
    // The check the app runs after opening finds it too.
    match board.check_integrity() {
        Ok(problems) => assert!(!problems.is_empty()),
        Err(e) => assert_eq!(e.code(), ErrorCode::BoardDamaged),
    }
    drop(board);
    assert_untouched(&path, &bytes);
}

/// A folder mounted read-only over a copy of `dir` (root), or `dir` itself made
/// read-only with chmod (anyone else). Undone on drop.
struct ReadOnly {
    view: PathBuf,
    mounts: Vec<PathBuf>,
    chmod: Vec<PathBuf>,
}

impl ReadOnly {
    /// `dir` read-only; with `writable_file`, that one file in it stays writable.
    fn folder(dir: &Path, writable_file: Option<&str>) -> Option<ReadOnly> {
        if !running_as_root() {
            let mut chmod = vec![dir.to_path_buf()];
            set_mode(dir, 0o555);
            if writable_file.is_none() {
                for entry in std::fs::read_dir(dir).unwrap() {
                    let p = entry.unwrap().path();
                    set_mode(&p, 0o444);
                    chmod.push(p);
                }
            }
            return Some(ReadOnly {
                view: dir.to_path_buf(),
                mounts: Vec::new(),
                chmod,
            });
        }
        let view = dir.with_extension("ro");
        std::fs::create_dir_all(&view).unwrap();
        let mut guard = ReadOnly {
            view: view.clone(),
            mounts: Vec::new(),
            chmod: Vec::new(),
        };
        if !mount(&["--bind", path_str(dir), path_str(&view)]) {
            return None;
        }
        guard.mounts.push(view.clone());
        if !mount(&["-o", "remount,ro,bind", path_str(&view)]) {
            return None;
        }
        if let Some(name) = writable_file {
            let file = view.join(name);
            if !mount(&["--bind", path_str(&dir.join(name)), path_str(&file)]) {
                return None;
            }
            guard.mounts.push(file);
        }
        Some(guard)
    }
}

impl Drop for ReadOnly {
    fn drop(&mut self) {
        for m in self.mounts.iter().rev() {
            let _ = Command::new("umount").arg("-l").arg(m).status();
        }
        for p in self.chmod.iter().rev() {
            set_mode(p, if p.is_dir() { 0o755 } else { 0o644 });
        }
    }
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

fn path_str(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn running_as_root() -> bool {
    Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

fn mount(args: &[&str]) -> bool {
    Command::new("mount")
        .args(args)
        .status()
        .is_ok_and(|s| s.success())
}

/// When a mount cannot be made here: fail under CI, say so elsewhere.
fn cannot_mount(what: &str) {
    let message = format!("cannot make {what} on this machine (mount refused)");
    assert!(std::env::var_os("CI").is_none(), "{message}");
    eprintln!("SKIPPED: {message}");
}

#[test]
fn a_read_only_board_is_refused_for_writing_and_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("boards");
    std::fs::create_dir(&home).unwrap();
    demo_board(&home.join("team.board"));
    let bytes = std::fs::read(home.join("team.board")).unwrap();
    let Some(ro) = ReadOnly::folder(&home, None) else {
        return cannot_mount("a read-only folder");
    };
    let path = ro.view.join("team.board");

    assert_eq!(refused(&path).code(), ErrorCode::ReadOnly);
    let mut board = Board::open_read_only(&path).expect("a read-only open");
    assert!(board.is_read_only());
    assert!(first_page(&board).unwrap() > 0, "its ideas can be read");
    let owner = ops::list_members(&board).unwrap()[0].id.clone();
    let actor = ops::act_as(&board, &owner).unwrap();
    let idea = NewIdea {
        title: "Written to a read-only board".into(),
        body: String::new(),
        category: None,
        tags: Vec::new(),
    };
    let err = ops::submit_idea(&mut board, &actor, &idea, T0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::ReadOnly, "{err}");
    drop(board);
    drop(ro);
    assert_untouched(&home.join("team.board"), &bytes);
}

#[test]
fn a_board_in_a_read_only_folder_is_refused_and_opens_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let home = dir.path().join("boards");
    std::fs::create_dir(&home).unwrap();
    demo_board(&home.join("team.board"));
    let bytes = std::fs::read(home.join("team.board")).unwrap();
    let Some(ro) = ReadOnly::folder(&home, Some("team.board")) else {
        return cannot_mount("a read-only folder");
    };
    let path = ro.view.join("team.board");
    assert!(std::fs::OpenOptions::new().write(true).open(&path).is_ok());

    let err = refused(&path);
    assert_eq!(err.code(), ErrorCode::ReadOnly, "{err}");
    let board = Board::open_read_only(&path).expect("a read-only open");
    assert!(first_page(&board).unwrap() > 0);
    drop(board);
    drop(ro);
    assert_untouched(&home.join("team.board"), &bytes);
}

/// A small tmpfs, unmounted on drop.
struct SmallDisk(PathBuf);

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = Command::new("umount").arg("-l").arg(&self.0).status();
    }
}

#[test]
fn a_full_disk_refuses_the_write_and_keeps_the_board() {
    let dir = tempfile::tempdir().unwrap();
    let source = dir.path().join("team.board");
    demo_board(&source);
    let size = std::fs::metadata(&source).unwrap().len();
    let disk = dir.path().join("disk");
    std::fs::create_dir(&disk).unwrap();
    let room = size + 2 * 1024 * 1024;
    if !mount(&[
        "-t",
        "tmpfs",
        "-o",
        &format!("size={room}"),
        "tmpfs",
        path_str(&disk),
    ]) {
        return cannot_mount("a small disk");
    }
    let _disk = SmallDisk(disk.clone());
    let path = disk.join("team.board");
    std::fs::copy(&source, &path).unwrap();

    let mut board = Board::open(&path, T0).unwrap();
    let owner = ops::list_members(&board).unwrap()[0].id.clone();
    let actor = ops::act_as(&board, &owner).unwrap();
    let before = board.content_fingerprint().unwrap();
    // Fill what is left of the disk.
    let filler = disk.join("filler");
    {
        use std::io::Write;
        let mut f = std::fs::File::create(&filler).unwrap();
        let block = vec![0u8; 64 * 1024];
        while f.write_all(&block).is_ok() {}
        let _ = f.sync_all();
    }
    let big = NewIdea {
        title: "An idea written to a full disk".into(),
        body: "好".repeat(9_000),
        category: None,
        tags: Vec::new(),
    };
    let err = ops::submit_idea(&mut board, &actor, &big, T0).unwrap_err();
    assert_eq!(err.code(), ErrorCode::DiskFull, "{err}");
    assert_eq!(
        board.content_fingerprint().unwrap(),
        before,
        "nothing half-written"
    );

    // With room again, the same write goes through and the board is whole.
    std::fs::remove_file(&filler).unwrap();
    ops::submit_idea(&mut board, &actor, &big, T0).unwrap();
    assert!(board.check_integrity().unwrap().is_empty());
    assert!(board.counter_mismatches().unwrap().is_empty());
    drop(board);
    let reopened = Board::open(&path, T0).unwrap();
    assert!(reopened.check_integrity().unwrap().is_empty());
}
