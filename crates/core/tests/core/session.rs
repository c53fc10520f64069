//! What a host holds between commands (`ideaboard_core::session`): the board slot,
//! a session's own restore and its undo, the look-over, idle checkpoints, reads
//! beside a running write, and following the change feed from another process.

use ideaboard_core::model::{
    BackupKind, ChangeKind, IdeaStatus, NewIdea, NewMember, Priority, Role, StatusUpdate,
};
use ideaboard_core::session::{BoardSlot, Follower, Session};
use ideaboard_core::{Actor, Board, ErrorCode, Timestamp, backups, ops};

const NOW: Timestamp = Timestamp::from_millis(1_796_000_000_000);

/// A board with its owner (an admin) and one idea, open in a slot, a session of a
/// guest on it, and a second connection to the same file: another process.
struct Window {
    dir: tempfile::TempDir,
    slot: BoardSlot,
    session: Session,
    other: Board,
    owner: String,
    idea: String,
}

fn window() -> Window {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("team.board");
    let mut board = Board::create(&path, "Team", NOW).unwrap();
    let owner = ops::create_owner(&mut board, "Ada", None, NOW).unwrap();
    let actor = ops::act_as(&board, &owner.id).unwrap();
    let idea = NewIdea {
        title: "A dark mode for the app".into(),
        body: "Easier on the eyes at night.".into(),
        category: None,
        tags: vec![],
    };
    let idea = ops::submit_idea(&mut board, &actor, &idea, NOW).unwrap();
    let other = Board::open(&path, NOW).unwrap();
    Window {
        dir,
        slot: BoardSlot::with_open_board(board),
        session: Session::default(),
        other,
        owner: owner.id,
        idea: idea.idea.id,
    }
}

impl Window {
    fn sign_in_owner(&self) {
        let admin = self
            .slot
            .run(&Actor::guest(), |b, _| ops::act_as(b, &self.owner));
        self.session.set_actor(admin.unwrap());
    }
}

/// A manual backup of the board in `dir`, by its file name.
fn manual_backup(dir: &tempfile::TempDir) -> String {
    let own = Board::open_read_only(dir.path().join("team.board")).unwrap();
    backups::take(&own, BackupKind::Manual, NOW)
        .unwrap()
        .file_name
}

/// A new fan profile, made on `board`.
fn fan(board: &mut Board, name: &str) -> Actor {
    let input = NewMember {
        display_name: name.into(),
        role: Role::Fan,
        passphrase: None,
    };
    let fan = ops::create_member(board, &Actor::guest(), &input, NOW).unwrap();
    ops::act_as(board, &fan.id).unwrap()
}

#[test]
fn checkpoints_only_while_no_command_holds_the_board() {
    let w = window();
    assert!(w.slot.checkpoint_when_idle(NOW));
    let during = w
        .slot
        .run(&Actor::guest(), |_, _| Ok(w.slot.checkpoint_when_idle(NOW)))
        .unwrap();
    assert!(!during, "a running command keeps the board to itself");
    assert!(
        !BoardSlot::default().checkpoint_when_idle(NOW),
        "nothing to do while opening"
    );
}

#[test]
fn a_restore_needs_an_admin_while_the_board_opens_except_its_own_undo() {
    let w = window();
    drop(w.other);
    let backup = manual_backup(&w.dir);
    let refused = w.slot.restore(&w.session, &backup, NOW).unwrap_err();
    assert_eq!(refused.code, ErrorCode::NotSignedIn);
    let unknown = w
        .slot
        .restore(&w.session, "20261130T000000.000Z-manual.board", NOW);
    assert_eq!(unknown.unwrap_err().code, ErrorCode::NotSignedIn);

    let admin = w.slot.run(&Actor::guest(), |b, _| ops::act_as(b, &w.owner));
    w.session.set_actor(admin.unwrap());
    let kept = w.slot.restore(&w.session, &backup, NOW).unwrap();
    let kept = kept.expect("kept");
    let actor = w.session.actor();
    assert!(
        w.slot.run(&actor, |b, a| ops::my_profile(b, a)).is_ok(),
        "the admin is in the restored board, so stays signed in"
    );

    // Signed out, the same session may still undo its own restore, and only that;
    // another session on the same board may not.
    w.session.set_actor(Actor::guest());
    let refused = w.slot.restore(&w.session, &backup, NOW.plus_millis(1));
    assert_eq!(refused.unwrap_err().code, ErrorCode::NotSignedIn);
    let stranger = Session::default();
    let refused = w
        .slot
        .restore(&stranger, &kept.file_name, NOW.plus_millis(1));
    assert_eq!(refused.unwrap_err().code, ErrorCode::NotSignedIn);
    let undone = w
        .slot
        .restore(&w.session, &kept.file_name, NOW.plus_millis(2))
        .unwrap();
    assert!(undone.is_some());
    assert!(
        w.slot
            .run(&Actor::guest(), |b, _| ops::board_overview(b))
            .is_ok(),
        "open again"
    );
}

#[test]
fn a_restore_to_a_board_without_the_member_signs_the_session_out() {
    let w = window();
    let backup = manual_backup(&w.dir);
    // A fan who joined after the backup: the restored board has no such member.
    let mut other = w.other;
    let bo = fan(&mut other, "Bo");
    drop(other);
    let admin = w.slot.run(&Actor::guest(), |b, _| ops::act_as(b, &w.owner));
    let admin_session = Session::as_member(admin.unwrap());
    let fan_session = Session::as_member(bo);
    w.slot.restore(&admin_session, &backup, NOW).unwrap();
    assert!(admin_session.actor().member_id().is_some(), "still there");
    // A restore made by another session leaves the fan's session as it was; its
    // next command finds no such member.
    let gone = w
        .slot
        .run(&fan_session.actor(), |b, a| ops::my_profile(b, a));
    assert!(gone.is_err());
}

#[test]
fn the_look_over_takes_the_daily_backup_once_and_finds_a_whole_board() {
    let w = window();
    let first = w.slot.look_over(NOW);
    assert!(first.checked && first.problems.is_empty() && !first.read_only);
    let daily = first.daily_backup.expect("the first look-over takes one");
    assert_eq!(daily.kind, BackupKind::Daily);
    let later = NOW.plus_millis(60_000);
    assert!(w.slot.look_over(later).daily_backup.is_none());
    assert_eq!(w.slot.health(), w.slot.look_over(later));
    let listed = backups::list(&w.dir.path().join("team.board")).unwrap();
    assert_eq!(listed.backups.len(), 1);
}

#[test]
fn tells_a_follower_only_what_changed_after_it_started() {
    let mut w = window();
    let mut follower = Follower::default();
    let guest = Actor::guest();
    assert_eq!(
        follower.poll(&w.slot, &guest),
        None,
        "the first poll only places the cursor"
    );
    assert_eq!(follower.poll(&w.slot, &guest), None, "nothing changed");

    let fan = fan(&mut w.other, "Bo");
    ops::vote(&mut w.other, &fan, &w.idea, Priority::Important, NOW).unwrap();
    let page = follower.poll(&w.slot, &guest).expect("the vote shows");
    assert!(!page.reset);
    let idea = w.idea.as_str();
    assert!(
        page.changes
            .iter()
            .any(|c| c.kind == ChangeKind::Idea && c.id.as_deref() == Some(idea)),
        "{page:?}"
    );
    assert_eq!(follower.poll(&w.slot, &guest), None, "told once");

    let admin = ops::act_as(&w.other, &w.owner).unwrap();
    let update = StatusUpdate {
        idea_id: w.idea.clone(),
        to: IdeaStatus::Planned,
        note: Some("Coming in spring.".into()),
    };
    ops::change_status(&mut w.other, &admin, &update, NOW).unwrap();
    let page = follower
        .poll(&w.slot, &guest)
        .expect("the status change shows");
    assert!(page.changes.iter().any(|c| c.kind == ChangeKind::Idea));
}

#[test]
fn a_follower_reads_while_a_command_holds_the_writer() {
    let mut w = window();
    let mut follower = Follower::default();
    let guest = Actor::guest();
    follower.poll(&w.slot, &guest);
    fan(&mut w.other, "Bo");
    let page = w
        .slot
        .run(&guest, |_, _| Ok(follower.poll(&w.slot, &guest)))
        .unwrap()
        .expect("read beside the running command");
    assert!(page.changes.iter().any(|c| c.kind == ChangeKind::Member));
}

#[test]
fn a_reading_command_runs_beside_a_running_write_and_sees_what_was_committed() {
    let mut w = window();
    w.sign_in_owner();
    fan(&mut w.other, "Bo");
    let actor = w.session.actor();
    // Inside a command that holds the writer, a reading command still answers,
    // from its own connection, with what the other process committed.
    let members = w
        .slot
        .run(&actor, |_, _| {
            Ok(w.slot
                .run_read(&actor, |board, _| ops::list_members(board))
                .unwrap())
        })
        .unwrap();
    assert!(members.iter().any(|m| m.display_name == "Bo"));
    // It reads as the session's member, and refuses to write.
    let detail = w
        .slot
        .run_read(&actor, |board, a| ops::get_idea(board, a, &w.idea, NOW))
        .unwrap();
    assert_eq!(detail.idea.id, w.idea);
    let refused = w
        .slot
        .run_read(&actor, |board, a| {
            ops::vote(board, a, &w.idea, Priority::Critical, NOW)
        })
        .unwrap_err();
    assert_eq!(refused.code, ErrorCode::ReadOnly);
}

#[test]
fn a_restore_tells_a_follower_to_reload() {
    let w = window();
    drop(w.other);
    let backup = manual_backup(&w.dir);
    let mut follower = Follower::default();
    let guest = Actor::guest();
    follower.poll(&w.slot, &guest);
    let admin = w.slot.run(&guest, |b, _| ops::act_as(b, &w.owner));
    w.session.set_actor(admin.unwrap());
    w.slot
        .restore(&w.session, &backup, NOW.plus_millis(1))
        .unwrap();
    let page = follower.poll(&w.slot, &guest).expect("the restore shows");
    assert!(page.reset, "{page:?}");
    assert_eq!(
        follower.poll(&w.slot, &guest),
        None,
        "and then follows the new file"
    );
}

#[test]
fn sessions_on_one_slot_act_as_their_own_members() {
    let mut w = window();
    let bo = fan(&mut w.other, "Bo");
    let fan_session = Session::as_member(bo);
    w.sign_in_owner();
    let mine = w
        .slot
        .run(&fan_session.actor(), |b, a| ops::my_profile(b, a))
        .unwrap();
    let theirs = w
        .slot
        .run(&w.session.actor(), |b, a| ops::my_profile(b, a))
        .unwrap();
    assert_eq!(mine.display_name, "Bo");
    assert_eq!(theirs.display_name, "Ada");
    // An export's cancel flag is the session's own.
    let flag = fan_session.start_export();
    w.session.cancel_export();
    assert!(!flag.load(std::sync::atomic::Ordering::Relaxed));
    fan_session.cancel_export();
    assert!(flag.load(std::sync::atomic::Ordering::Relaxed));
}

#[test]
fn a_pool_of_readers_reads_side_by_side_and_the_latest_seq_moves_with_writes() {
    let mut w = window();
    let slot = std::sync::Arc::new({
        let path = w.dir.path().join("team.board");
        let slot = BoardSlot::with_readers(3);
        slot.open(&path, |p| Board::open(p, NOW));
        slot
    });
    let before = slot.latest_change_seq().expect("open for writing");
    // Three reads at once, each holding its connection until all three are in.
    let barrier = std::sync::Arc::new(std::sync::Barrier::new(3));
    let readers: Vec<_> = (0..3)
        .map(|_| {
            let (slot, barrier) = (slot.clone(), barrier.clone());
            std::thread::spawn(move || {
                slot.run_read(&Actor::guest(), |board, _| {
                    barrier.wait();
                    ops::board_overview(board)
                })
                .unwrap()
            })
        })
        .collect();
    for reader in readers {
        reader.join().unwrap();
    }
    fan(&mut w.other, "Bo");
    assert!(slot.latest_change_seq().unwrap() > before);
}
