//! The change feed (issue 13): every write that changes the board appends to it in
//! its own transaction, seqs only grow, each reader sees only their audience (and
//! nothing of internal notes or hidden content), old entries are pruned with a
//! reset instead of a silent gap, and a second connection's writes are seen.

use std::collections::HashSet;
use std::path::Path;

use ideaboard_core::model::{
    Change, ChangeKind, ChangePage, CommentKind, IdeaStatus, ImportFormat, Priority, Reaction, Role,
};
use ideaboard_core::{Actor, Board, ErrorCode, backups, ops};

use crate::account_matrix::ACCOUNT_MATRIX;
use crate::authorization::{MATRIX, ROLES, actor_for, run};
use crate::support::{
    DAY, Fixture, T0, acting, add_fan, add_team, code_of, comment, new_board, new_idea, post,
    status, submit,
};

fn latest(board: &Board) -> i64 {
    ops::latest_change_seq(board).unwrap()
}

/// What `who` may know of after `after`; every call also checks that a batch read
/// once for all readers (the server's live streams) gives them the same page, read
/// from `after` or from a little before it.
fn page(board: &Board, who: &Actor, after: i64) -> ChangePage {
    let max = ops::CHANGES_LIMIT_MAX;
    let page = ops::changes_since(board, who, after, max).unwrap();
    for from in [after, after - 1, after - 3] {
        let batch = ops::feed_batch(board, from, max).unwrap();
        let shared = ops::changes_in(board, who, &batch, after, max).unwrap();
        if from == after {
            assert_eq!(
                shared.as_ref(),
                Some(&page),
                "a batch from {from}, read after {after}"
            );
        } else if let Some(shared) = shared {
            assert_eq!(shared, page, "a batch from {from}, read after {after}");
        }
    }
    page
}

/// What `who` sees after `after`, asserting the feed is complete there.
fn seen(board: &Board, who: &Actor, after: i64) -> Vec<Change> {
    let page = page(board, who, after);
    assert!(!page.reset && !page.has_more, "{page:?}");
    page.changes
}

fn has(changes: &[Change], kind: ChangeKind, id: &str) -> bool {
    changes
        .iter()
        .any(|c| c.kind == kind && c.id.as_deref() == Some(id))
}

/// Whether `id` appears anywhere in the changes, as an entity or as their idea.
fn mentions(changes: &[Change], id: &str) -> bool {
    changes
        .iter()
        .any(|c| c.id.as_deref() == Some(id) || c.idea_id.as_deref() == Some(id))
}

#[test]
fn every_write_that_changes_the_board_appends_and_a_refused_one_appends_nothing() {
    let mut failures = Vec::new();
    for (op, row) in MATRIX {
        for (column, role) in ROLES.iter().enumerate().take(row.len()) {
            let mut fx = Fixture::new();
            let who = actor_for(&fx, column);
            let before = fx.board.content_fingerprint().unwrap();
            let seq = latest(&fx.board);
            let outcome = run(op, &mut fx, &who);
            let changed = fx.board.content_fingerprint().unwrap() != before;
            let appended = latest(&fx.board) - seq;
            match outcome {
                Ok(()) if changed && appended == 0 => {
                    failures.push(format!(
                        "{op} as {role}: changed the board, appended nothing"
                    ));
                }
                Err(e) if appended != 0 => {
                    failures.push(format!("{op} as {role}: refused ({e}) yet appended"));
                }
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

const FAN: usize = 1;
const OTHER_FAN: usize = 2;
const ADMIN: usize = 4;

/// What each write of the matrix appends, as the one who acts (by column) sees it.
#[rustfmt::skip]
const APPENDS: &[(&str, usize, &[ChangeKind])] = {
    use ChangeKind::*;
    &[
        ("create_member fan",                  ADMIN,     &[Member]),
        ("create_member moderator",            ADMIN,     &[Member, Audit]),
        ("create_member admin",                ADMIN,     &[Member, Audit]),
        ("rename_member fan's profile",        FAN,       &[Member]),
        ("change_role fan to moderator",       ADMIN,     &[Member, Audit]),
        ("set_passphrase moderator's profile", ADMIN,     &[Member, Audit]),
        ("submit_idea",                        FAN,       &[Idea, Standing]),
        ("edit_idea in grace window",          FAN,       &[Idea]),
        ("edit_idea after grace window",       ADMIN,     &[Idea, Audit]),
        ("set_idea_labels",                    FAN,       &[Idea]),
        ("set_idea_hidden",                    ADMIN,     &[Idea, Audit]),
        ("set_idea_pinned",                    ADMIN,     &[Idea, Audit]),
        ("vote",                               OTHER_FAN, &[Idea, Standing]),
        ("change_vote_priority",               FAN,       &[Idea]),
        ("unvote",                             FAN,       &[Idea, Standing]),
        ("add_comment public",                 OTHER_FAN, &[Comment, Idea, Standing]),
        ("add_comment official",               ADMIN,     &[Comment, Idea, Standing, Audit]),
        ("add_comment internal",               ADMIN,     &[Comment, Idea, Audit]),
        ("edit_comment",                       FAN,       &[Comment]),
        ("delete_comment",                     ADMIN,     &[Comment, Idea, Audit]),
        ("react",                              OTHER_FAN, &[Comment]),
        ("change_status",                      ADMIN,     &[Idea, Audit]),
        ("change_status_bulk",                 ADMIN,     &[Idea, Audit]),
        ("merge_ideas",                        ADMIN,     &[Idea, Standing, Audit]),
        ("set_following",                      OTHER_FAN, &[Idea]),
        ("mark_notifications_read",            OTHER_FAN, &[Notification]),
        ("update_board_settings",              ADMIN,     &[Settings, Audit]),
        ("add_category",                       ADMIN,     &[Category, Audit]),
        ("report_content idea",                ADMIN,     &[Report]),
        ("report_content of a hidden idea",    ADMIN,     &[Report]),
        ("report_content comment",             ADMIN,     &[Report]),
        ("set_comment_hidden",                 ADMIN,     &[Comment, Idea, Audit]),
        ("resolve_reports",                    ADMIN,     &[Report, Audit]),
    ]
};

#[test]
fn each_write_appends_the_kinds_it_changed() {
    let writes = write_ops();
    let mut failures = Vec::new();
    for (op, _) in MATRIX {
        let name = op.split(' ').next().unwrap();
        let expected = APPENDS.iter().find(|(o, ..)| o == op);
        if writes.iter().any(|w| w == name) && expected.is_none() && !op.starts_with("import") {
            failures.push(format!("{op}: not in APPENDS"));
        }
        let Some((_, column, kinds)) = expected else {
            continue;
        };
        let mut fx = Fixture::new();
        let who = actor_for(&fx, *column);
        let start = latest(&fx.board);
        run(op, &mut fx, &who).unwrap_or_else(|e| panic!("{op}: {e}"));
        let got: Vec<ChangeKind> = seen(&fx.board, &who, start)
            .iter()
            .map(|c| c.kind)
            .collect();
        let mut want = kinds.to_vec();
        want.sort_by_key(|k| k.as_str());
        let mut distinct = got.clone();
        distinct.sort_by_key(|k| k.as_str());
        distinct.dedup();
        if distinct != want {
            failures.push(format!(
                "{op} as {}: appended {got:?}, expected {want:?}",
                ROLES[*column]
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The Rust files under `dir`, in its folders too.
fn rust_files(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

/// Write ops: every `pub fn` of `src/ops` that takes `&mut Board`.
fn write_ops() -> Vec<String> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/ops");
    let mut names = Vec::new();
    for path in rust_files(&dir) {
        let text = std::fs::read_to_string(path).unwrap();
        for (at, _) in text.match_indices("pub fn ") {
            let rest = &text[at + "pub fn ".len()..];
            let signature = &rest[..rest.find('{').unwrap_or(rest.len())];
            if signature.contains("&mut Board") {
                let name = rest.split(['(', '<']).next().unwrap();
                names.push(name.to_string());
            }
        }
    }
    names.sort();
    names
}

#[test]
fn every_write_op_is_run_by_the_matrix_or_here() {
    let in_matrix: HashSet<&str> = MATRIX
        .iter()
        .chain(ACCOUNT_MATRIX)
        .map(|(op, _)| op.split(' ').next().unwrap())
        .collect();
    // Tested below: the owner's profile, the import preview and the bundle import;
    // in `sessions.rs`, the account writes no member acts through (signing up, in
    // and out, each also as its check and its write; the first admin, a reset by
    // link and its write, a session's last use, the housekeeping of ended sessions and
    // dead links, which appends nothing). The write of a password change runs in the
    // account matrix as `change_password`.
    let here = [
        "housekeeping",
        "create_owner",
        "import_preview",
        "import",
        "sign_up",
        "finish_sign_up",
        "sign_in",
        "finish_sign_in",
        "sign_out",
        "create_first_admin",
        "reset_password",
        "finish_reset_password",
        "finish_change_password",
        "touch_session",
    ];
    let missing: Vec<String> = write_ops()
        .into_iter()
        .filter(|op| !in_matrix.contains(op.as_str()) && !here.contains(&op.as_str()))
        .collect();
    assert!(write_ops().len() > 20, "the scan finds the write ops");
    assert!(
        missing.is_empty(),
        "write ops no test checks for feed entries: {missing:?}"
    );
}

#[test]
fn seqs_grow_in_order_and_pages_follow_on_from_each_other() {
    let mut fx = Fixture::new();
    let (b, now) = (&mut fx.board, fx.now);
    assert!(
        ops::changes_since(b, &Actor::guest(), 0, 1)
            .unwrap()
            .has_more
    );
    let start = latest(b);
    ops::vote(b, &fx.fan.actor, &fx.fan_idea, Priority::Critical, now).unwrap();
    let note = comment(&fx.fan_idea, CommentKind::Official, "We hear you");
    post(b, &fx.moderator, &note, now);
    let update = status(&fx.fan_idea, IdeaStatus::Planned, None);
    ops::change_status(b, &fx.moderator.actor, &update, now).unwrap();

    let all = seen(b, &fx.fan.actor, start);
    assert!(all.windows(2).all(|w| w[0].seq < w[1].seq), "{all:?}");
    assert!(all[0].seq > start && all.last().unwrap().seq <= latest(b));
    // A vote: the idea for everyone, the voter's standing for them.
    assert!(has(&all, ChangeKind::Idea, &fx.fan_idea));
    assert!(has(&all, ChangeKind::Standing, &fx.fan.id));
    assert!(!has(
        &seen(b, &fx.other_fan.actor, start),
        ChangeKind::Standing,
        &fx.fan.id
    ));

    let mut paged = Vec::new();
    let mut after = start;
    loop {
        let page = ops::changes_since(b, &fx.fan.actor, after, 2).unwrap();
        assert!(!page.reset && page.changes.len() <= 2);
        paged.extend(page.changes);
        after = page.latest_seq;
        if !page.has_more {
            break;
        }
    }
    assert_eq!(paged, all);
    assert_eq!(after, latest(b));
    // The same pages from one batch read at the start for every reader.
    let batch = ops::feed_batch(b, start, ops::CHANGES_LIMIT_MAX).unwrap();
    let (mut shared, mut at) = (Vec::new(), start);
    loop {
        let page = ops::changes_in(b, &fx.fan.actor, &batch, at, 2)
            .unwrap()
            .expect("the batch covers every seq it was read to");
        assert!(!page.reset && page.changes.len() <= 2);
        shared.extend(page.changes);
        at = page.latest_seq;
        if !page.has_more {
            break;
        }
    }
    assert_eq!((shared, at), (all.clone(), after));
    assert_eq!(
        ops::changes_in(b, &fx.fan.actor, &batch, start - 1, 2).unwrap(),
        None,
        "a reader behind the batch asks the board"
    );
    let idle = page(b, &fx.fan.actor, after);
    assert!(idle.changes.is_empty() && !idle.reset && idle.latest_seq == after);
    assert!(
        page(b, &fx.fan.actor, after + 1).reset,
        "a seq this board never had"
    );
}

#[test]
fn each_reader_sees_only_their_audience() {
    let mut fx = Fixture::new();
    let (b, now) = (&mut fx.board, fx.now);
    let start = latest(b);
    let note = comment(&fx.fan_idea, CommentKind::Internal, "Costly, see Q3");
    let note = post(b, &fx.moderator, &note, now);
    ops::vote(
        b,
        &fx.other_fan.actor,
        &fx.fan_idea,
        Priority::Critical,
        now,
    )
    .unwrap();

    let team = seen(b, &fx.moderator.actor, start);
    assert!(has(&team, ChangeKind::Comment, &note));
    assert!(team.iter().any(|c| c.kind == ChangeKind::Audit));
    for who in [&Actor::guest(), &fx.fan.actor, &fx.other_fan.actor] {
        let changes = seen(b, who, start);
        assert!(!mentions(&changes, &note), "{changes:?}");
        assert!(changes.iter().all(|c| c.kind != ChangeKind::Audit));
        // The note changed the idea for the team only; the vote for everyone.
        let idea = changes.iter().filter(|c| c.kind == ChangeKind::Idea);
        assert_eq!(idea.count(), 1, "{changes:?}");
    }
    for (who, id) in [(&fx.other_fan, &fx.other_fan.id), (&fx.fan, &fx.fan.id)] {
        for c in seen(b, &who.actor, start) {
            if matches!(c.kind, ChangeKind::Standing | ChangeKind::Notification) {
                assert_eq!(c.id.as_ref(), Some(id), "only their own");
            }
        }
    }
    assert!(has(
        &seen(b, &fx.other_fan.actor, start),
        ChangeKind::Standing,
        &fx.other_fan.id
    ));
    assert!(
        seen(b, &Actor::guest(), start)
            .iter()
            .all(|c| c.kind != ChangeKind::Standing)
    );
    assert!(!has(&team, ChangeKind::Standing, &fx.other_fan.id));
}

#[test]
fn a_demoted_moderator_stops_seeing_team_entries_at_once() {
    let mut fx = Fixture::new();
    let (b, now) = (&mut fx.board, fx.now);
    let start = latest(b);
    let note = comment(&fx.voted_idea, CommentKind::Internal, "Budget is tight");
    let note = post(b, &fx.admin, &note, now);
    assert!(has(
        &seen(b, &fx.moderator.actor, start),
        ChangeKind::Comment,
        &note
    ));
    ops::change_role(b, &fx.admin.actor, &fx.moderator.id, Role::Fan, now).unwrap();
    let demoted = seen(b, &fx.moderator.actor, start);
    assert!(!mentions(&demoted, &note));
    assert!(demoted.iter().all(|c| c.kind != ChangeKind::Audit));
    assert!(
        has(&demoted, ChangeKind::Member, &fx.moderator.id),
        "their new role"
    );
}

#[test]
fn fans_learn_only_that_hidden_content_went_and_nothing_after() {
    let mut fx = Fixture::new();
    let (b, now) = (&mut fx.board, fx.now);
    let start = latest(b);
    ops::set_idea_hidden(b, &fx.moderator.actor, &fx.fan_idea, true, now).unwrap();
    let hidden = latest(b);
    assert!(has(
        &seen(b, &fx.fan.actor, start),
        ChangeKind::Idea,
        &fx.fan_idea
    ));
    // The team keeps working on it; its author (a follower) is told nothing.
    let update = status(&fx.fan_idea, IdeaStatus::UnderReview, None);
    ops::change_status(b, &fx.moderator.actor, &update, now).unwrap();
    let answer = comment(&fx.fan_idea, CommentKind::Official, "Looking into it");
    let answer = post(b, &fx.moderator, &answer, now);
    for who in [&fx.fan.actor, &fx.other_fan.actor, &Actor::guest()] {
        let changes = seen(b, who, hidden);
        assert!(!mentions(&changes, &fx.fan_idea) && !mentions(&changes, &answer));
        assert!(changes.iter().all(|c| c.kind != ChangeKind::Notification));
    }
    let team = seen(b, &fx.admin.actor, hidden);
    assert!(has(&team, ChangeKind::Idea, &fx.fan_idea) && has(&team, ChangeKind::Comment, &answer));
    assert_eq!(
        code_of(ops::get_idea(b, &fx.fan.actor, &fx.fan_idea, now)),
        ErrorCode::NotFound,
        "what a fan finds when they re-fetch"
    );

    // A hidden comment: fans see it go, then nothing more of it.
    let mine = comment(&fx.voted_idea, CommentKind::Public, "Buy my stuff");
    let mine = post(b, &fx.other_fan, &mine, now);
    let before = latest(b);
    ops::set_comment_hidden(b, &fx.moderator.actor, &mine, true, now).unwrap();
    assert!(has(
        &seen(b, &fx.fan.actor, before),
        ChangeKind::Comment,
        &mine
    ));
    let gone = latest(b);
    ops::react(b, &fx.admin.actor, &mine, Reaction::Love, true, now).unwrap();
    assert!(!mentions(&seen(b, &fx.fan.actor, gone), &mine));
    let about_it = seen(b, &fx.fan.actor, start);
    let about_it = about_it
        .iter()
        .filter(|c| c.id.as_deref() == Some(&fx.fan_idea));
    assert_eq!(about_it.count(), 1, "only that it was hidden");
    assert!(has(
        &seen(b, &fx.moderator.actor, gone),
        ChangeKind::Comment,
        &mine
    ));
}

#[test]
fn a_notification_reaches_its_followers_only_in_the_same_few_entries_for_any_number() {
    let mut fx = Fixture::new();
    let (b, now) = (&mut fx.board, fx.now);
    let stranger = add_fan(b, "Nell (follows nothing)", now);
    let mut appended = Vec::new();
    for (idea, extra_followers) in [(&fx.voted_idea, 0), (&fx.fan_idea, 40)] {
        for i in 0..extra_followers {
            let follower = add_fan(b, &format!("Follower {i}"), now);
            ops::set_following(b, &follower.actor, idea, true, now).unwrap();
        }
        let start = latest(b);
        let update = status(idea, IdeaStatus::UnderReview, None);
        ops::change_status(b, &fx.moderator.actor, &update, now).unwrap();
        appended.push(latest(b) - start);
        let told = |who: &Actor, id: &str| {
            seen(b, who, start)
                .iter()
                .any(|c| c.kind == ChangeKind::Notification && c.id.as_deref() == Some(id))
        };
        assert!(told(&fx.fan.actor, &fx.fan.id), "a follower");
        assert!(!told(&stranger.actor, &stranger.id), "not a follower");
        assert!(!told(&fx.moderator.actor, &fx.moderator.id), "who acted");
    }
    assert_eq!(
        appended[0], appended[1],
        "entries do not grow with followers"
    );
    assert!(appended[0] <= 4, "{appended:?}");
}

#[test]
fn pruning_keeps_a_month_and_a_reader_from_before_resets() {
    let (mut b, owner) = new_board(T0);
    let fan = add_fan(&mut b, "Early fan", T0);
    submit(&mut b, &fan, "An early idea", T0);
    let old = latest(&b);
    let later = T0.plus_millis(40 * DAY);
    submit(&mut b, &fan, "A later idea", later);
    let newest = latest(&b);
    assert_eq!(
        b.prune_changes(later.plus_millis(DAY)).unwrap(),
        old as usize
    );
    assert!(page(&b, &owner.actor, 0).reset && page(&b, &owner.actor, old - 1).reset);
    let kept = seen(&b, &fan.actor, old);
    assert!(kept.iter().all(|c| c.seq > old) && !kept.is_empty());
    assert_eq!(b.prune_changes(later.plus_millis(DAY)).unwrap(), 0);

    // Long idle: everything goes but the newest, and seqs carry on from it.
    assert!(b.prune_changes(later.plus_millis(365 * DAY)).unwrap() > 0);
    assert_eq!(latest(&b), newest);
    assert!(!page(&b, &fan.actor, newest).reset && page(&b, &fan.actor, old).reset);
    submit(
        &mut b,
        &fan,
        "After the quiet",
        later.plus_millis(365 * DAY),
    );
    assert!(seen(&b, &fan.actor, newest).iter().all(|c| c.seq > newest));
}

#[test]
fn a_refused_write_or_a_preview_appends_nothing() {
    let mut fx = Fixture::new();
    let (b, now) = (&mut fx.board, fx.now);
    let seq = latest(b);
    let refused = ops::submit_idea(b, &fx.fan.actor, &new_idea("x"), now);
    assert_eq!(code_of(refused), ErrorCode::TitleTooShort);
    let closed = ops::vote(b, &fx.fan.actor, &fx.launched_idea, Priority::Critical, now);
    assert_eq!(code_of(closed), ErrorCode::VotingClosed);
    let ids = [fx.fan_idea.clone(), fx.merged_idea.clone()];
    let bulk =
        ops::change_status_bulk(b, &fx.moderator.actor, &ids, IdeaStatus::Planned, None, now);
    assert!(bulk.is_err());
    let csv = "number,title,description,created_at,created_by,status\n\
               1,Imported idea,Body,2026-01-01T00:00:00Z,Someone,open\n";
    let preview = ops::import_preview(
        b,
        &fx.admin.actor,
        ImportFormat::FiderCsv,
        csv.as_bytes(),
        now,
    );
    assert!(preview.unwrap().report.is_some());
    assert_eq!(latest(b), seq);
}

#[test]
fn the_first_owner_and_imports_are_in_the_feed() {
    let mut b = Board::open_in_memory("Empty", T0).unwrap();
    assert_eq!(latest(&b), 0);
    assert!(!page(&b, &Actor::guest(), 0).reset);
    let owner = ops::create_owner(&mut b, "Owner", None, T0).unwrap();
    assert!(has(
        &seen(&b, &Actor::guest(), 0),
        ChangeKind::Member,
        &owner.id
    ));

    let mut fx = Fixture::new();
    let before = latest(&fx.board);
    let csv = "number,title,description,created_at,created_by,status\n\
               1,Imported idea,Body,2026-01-01T00:00:00Z,Someone,open\n";
    let admin = fx.admin.actor.clone();
    ops::import(
        &mut fx.board,
        &admin,
        ImportFormat::FiderCsv,
        csv.as_bytes(),
        fx.now,
    )
    .unwrap();
    let after = page(&fx.board, &fx.fan.actor, before);
    assert!(after.reset && after.latest_seq == latest(&fx.board));
    assert!(!page(&fx.board, &fx.fan.actor, after.latest_seq).reset);

    let bundle = crate::round_trip::bundle(&fx.board, &admin, fx.now);
    let (mut target, owner) = new_board(T0);
    let start = latest(&target);
    ops::import(
        &mut target,
        &owner.actor,
        ImportFormat::Json,
        &bundle[..],
        fx.now,
    )
    .unwrap();
    assert!(page(&target, &owner.actor, start).reset);
}

#[test]
fn a_restored_board_resets_every_reader_of_the_board_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("restore.board");
    let mut b = Board::create(&path, "Restore me", T0).unwrap();
    let owner = ops::create_owner(&mut b, "Owner", None, T0).unwrap();
    let owner = ops::act_as(&b, &owner.id).unwrap();
    let fan = add_fan(&mut b, "Fan", T0);
    let backup = ops::backup_now(&b, &owner, T0).unwrap();
    for i in 0..3 {
        submit(&mut b, &fan, &format!("Idea after the backup {i}"), T0);
    }
    let replaced = latest(&b);
    drop(b);
    backups::restore(&path, Path::new(&backup.path), T0.plus_millis(DAY)).unwrap();
    let b = Board::open(&path, T0).unwrap();
    assert!(latest(&b) > replaced, "seqs never go back");
    for after in [0, 2, replaced] {
        assert!(page(&b, &fan.actor, after).reset, "from {after}");
    }
    assert!(!page(&b, &fan.actor, latest(&b)).reset);
}

#[test]
fn a_second_connection_sees_what_the_first_one_wrote() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("shared.board");
    let mut app = Board::create(&path, "Shared", T0).unwrap();
    let profile = ops::create_owner(&mut app, "Owner", None, T0).unwrap();
    let owner = ops::act_as(&app, &profile.id).unwrap();
    let start = latest(&app);
    // The CLI, another process as far as SQLite is concerned.
    let mut cli = Board::open(&path, T0).unwrap();
    let admin = acting(&cli, &profile.id);
    let team = add_team(&mut cli, &admin, "Mod", Role::Moderator, T0);
    let idea = submit(&mut cli, &team, "Written by the CLI", T0);
    ops::vote(&mut app, &owner, &idea, Priority::Critical, T0).unwrap();
    let update = status(&idea, IdeaStatus::Planned, None);
    ops::change_status(&mut cli, &team.actor, &update, T0).unwrap();

    let changes = seen(&app, &owner, start);
    assert!(has(&changes, ChangeKind::Member, &team.id));
    assert!(has(&changes, ChangeKind::Idea, &idea));
    assert!(changes.windows(2).all(|w| w[0].seq < w[1].seq));
    assert_eq!(latest(&app), latest(&cli));
    assert_eq!(changes.last().unwrap().seq, latest(&app));
}
