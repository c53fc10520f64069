//! Shared fixtures: a small board with a team and two fans, fixed times, and the
//! helpers every acceptance test uses to assert refusals.

use ideaboard_core::model::{
    CommentKind, ContentKind, ContentRef, IdeaStatus, NewComment, NewIdea, NewMember, NewReport,
    Role, StatusUpdate,
};
use ideaboard_core::{Actor, Board, ErrorCode, Result, Timestamp, ops};

pub const MINUTE: i64 = 60_000;
pub const HOUR: i64 = 60 * MINUTE;
pub const DAY: i64 = Timestamp::MS_PER_DAY;

/// When every fixture board is made: 2026-09-21, a fixed instant.
pub const T0: Timestamp = Timestamp::from_millis(1_790_000_000_000);

/// A member and the actor that acts as them.
#[derive(Debug, Clone)]
pub struct Member {
    pub id: String,
    pub actor: Actor,
}

/// A fresh in-memory board with deterministic ids and its owner (an admin).
pub fn new_board(now: Timestamp) -> (Board, Member) {
    let mut board = Board::open_in_memory("Acceptance board", now).expect("board");
    board.use_seeded_ids(7);
    let owner = ops::create_owner(&mut board, "Owner", None, now).expect("owner");
    let admin = acting(&board, &owner.id);
    (board, admin)
}

pub fn acting(board: &Board, member_id: &str) -> Member {
    Member {
        id: member_id.to_string(),
        actor: ops::act_as(board, member_id).expect("act as"),
    }
}

/// A fan profile, created by a guest as the app does.
pub fn add_fan(board: &mut Board, name: &str, now: Timestamp) -> Member {
    let input = NewMember {
        display_name: name.into(),
        role: Role::Fan,
        passphrase: None,
    };
    let profile = ops::create_member(board, &Actor::guest(), &input, now).expect("fan");
    acting(board, &profile.id)
}

/// A team profile (no passphrase, to keep fixtures fast), created by an admin.
pub fn add_team(
    board: &mut Board,
    admin: &Member,
    name: &str,
    role: Role,
    now: Timestamp,
) -> Member {
    let input = NewMember {
        display_name: name.into(),
        role,
        passphrase: None,
    };
    let profile = ops::create_member(board, &admin.actor, &input, now).expect("team member");
    acting(board, &profile.id)
}

pub fn new_idea(title: &str) -> NewIdea {
    NewIdea {
        title: title.into(),
        body: format!("Body of {title}"),
        category: None,
        tags: Vec::new(),
    }
}

/// Submits an idea and returns its id.
pub fn submit(board: &mut Board, author: &Member, title: &str, now: Timestamp) -> String {
    ops::submit_idea(board, &author.actor, &new_idea(title), now)
        .expect("submit")
        .idea
        .id
}

pub fn comment(idea_id: &str, kind: CommentKind, body: &str) -> NewComment {
    NewComment {
        idea_id: idea_id.into(),
        parent_id: None,
        kind,
        body: body.into(),
    }
}

pub fn reply(idea_id: &str, parent_id: &str, kind: CommentKind, body: &str) -> NewComment {
    NewComment {
        parent_id: Some(parent_id.into()),
        ..comment(idea_id, kind, body)
    }
}

/// Adds a comment and returns its id.
pub fn post(board: &mut Board, who: &Member, input: &NewComment, now: Timestamp) -> String {
    ops::add_comment(board, &who.actor, input, now)
        .expect("comment")
        .comment
        .id
}

pub fn status(idea_id: &str, to: IdeaStatus, note: Option<&str>) -> StatusUpdate {
    StatusUpdate {
        idea_id: idea_id.into(),
        to,
        note: note.map(str::to_string),
    }
}

/// Moves an idea to `to` with a note, as the team.
pub fn set_status(board: &mut Board, team: &Member, idea_id: &str, to: IdeaStatus, now: Timestamp) {
    ops::change_status(
        board,
        &team.actor,
        &status(idea_id, to, Some("A note")),
        now,
    )
    .expect("status change");
}

/// The code of a refusal; panics on success.
pub fn code_of<T: std::fmt::Debug>(result: Result<T>) -> ErrorCode {
    match result {
        Ok(value) => panic!("expected a refusal, got Ok({value:?})"),
        Err(e) => e.code(),
    }
}

/// Runs `op`, asserts it is refused with `expected` and that the board's content is
/// byte-for-byte what it was before.
pub fn assert_refused<T: std::fmt::Debug>(
    board: &mut Board,
    expected: ErrorCode,
    op: impl FnOnce(&mut Board) -> Result<T>,
) {
    let before = board.content_fingerprint().expect("fingerprint");
    let result = op(board);
    assert_eq!(code_of(result), expected);
    assert_eq!(
        board.content_fingerprint().expect("fingerprint"),
        before,
        "a refused operation changed the board"
    );
}

/// Every denormalised counter matches a recount and SQLite finds nothing wrong.
pub fn assert_consistent(board: &Board) {
    assert_eq!(
        board.counter_mismatches().expect("recount"),
        Vec::<String>::new()
    );
    assert_eq!(
        board.check_integrity().expect("integrity"),
        Vec::<String>::new()
    );
}

/// The standard board of the acceptance tests. Everything is made at [`T0`]; `now`
/// is five minutes later, inside the 30-minute edit window.
pub struct Fixture {
    pub board: Board,
    pub now: Timestamp,
    pub admin: Member,
    pub moderator: Member,
    pub fan: Member,
    pub other_fan: Member,
    /// By `fan`, new, no votes; `fan_comment` is on it.
    pub fan_idea: String,
    /// A public comment by `fan` on `fan_idea`.
    pub fan_comment: String,
    /// By `other_fan`; fan, other fan, moderator and admin each voted for it.
    pub voted_idea: String,
    /// By `other_fan`, new, no votes; `other_fan` reported it (one open report).
    pub spare_idea: String,
    /// By `fan`, hidden by the moderator.
    pub hidden_idea: String,
    /// By `other_fan`: launched, declined, and merged into `spare_idea`.
    pub launched_idea: String,
    pub declined_idea: String,
    pub merged_idea: String,
}

impl Fixture {
    pub fn new() -> Fixture {
        let (mut board, admin) = new_board(T0);
        let b = &mut board;
        let moderator = add_team(b, &admin, "Mia (moderator)", Role::Moderator, T0);
        let fan = add_fan(b, "Fang (fan)", T0);
        let other_fan = add_fan(b, "Otto (other fan)", T0);

        let fan_idea = submit(b, &fan, "Oat milk in every store", T0);
        let fan_comment = post(
            b,
            &fan,
            &comment(&fan_idea, CommentKind::Public, "Please!"),
            T0,
        );
        let voted_idea = submit(b, &other_fan, "Reusable cup discount", T0);
        for m in [&fan, &other_fan, &moderator, &admin] {
            ops::vote(
                b,
                &m.actor,
                &voted_idea,
                ideaboard_core::model::Priority::Important,
                T0,
            )
            .expect("vote");
        }
        let spare_idea = submit(b, &other_fan, "Longer opening hours", T0);
        let hidden_idea = submit(b, &fan, "Hidden spam idea", T0);
        ops::set_idea_hidden(b, &moderator.actor, &hidden_idea, true, T0).expect("hide");
        let launched_idea = submit(b, &other_fan, "Mobile ordering", T0);
        set_status(b, &moderator, &launched_idea, IdeaStatus::Launched, T0);
        let declined_idea = submit(b, &other_fan, "Free coffee forever", T0);
        set_status(b, &moderator, &declined_idea, IdeaStatus::Declined, T0);
        let merged_idea = submit(b, &other_fan, "Later opening hours", T0);
        ops::merge_ideas(b, &moderator.actor, &merged_idea, &spare_idea, None, T0).expect("merge");
        let spam = NewReport {
            target: ContentRef {
                kind: ContentKind::Idea,
                id: spare_idea.clone(),
            },
            reason: "Duplicate of another idea".into(),
        };
        ops::report_content(b, &other_fan.actor, &spam, T0).expect("report");

        Fixture {
            board,
            now: T0.plus_millis(5 * MINUTE),
            admin,
            moderator,
            fan,
            other_fan,
            fan_idea,
            fan_comment,
            voted_idea,
            spare_idea,
            hidden_idea,
            launched_idea,
            declined_idea,
            merged_idea,
        }
    }
}
