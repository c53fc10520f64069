//! One source per vocabulary: what the core sends the UI so it keeps no copy of a
//! rule. The idea page's `voting_open` and `allowed_statuses` are checked against
//! what the ops really accept, for every role and every status; errors carry the
//! numbers their messages need; the limits in the board overview are the rules'.

use ideaboard_core::model::{BoardSettings, IdeaStatus, NewComment, Priority, Role, TriageQuery};
use ideaboard_core::{Actor, Board, Error, ErrorCode, ops, rules};

use crate::support::{
    Member, T0, add_fan, add_team, assert_refused, code_of, comment, new_board, new_idea, status,
    submit,
};

/// Who looks at the idea page.
#[derive(Debug, Clone, Copy)]
enum Viewer {
    Guest,
    Fan,
    Moderator,
    Admin,
}

const VIEWERS: [Viewer; 4] = [Viewer::Guest, Viewer::Fan, Viewer::Moderator, Viewer::Admin];

/// A board with one idea brought to `status` by the moderator, a fan who has not
/// voted on it, and the idea's id.
struct Stage {
    board: Board,
    admin: Member,
    moderator: Member,
    fan: Member,
    idea: String,
}

impl Stage {
    fn new(at: IdeaStatus) -> Stage {
        let (mut board, admin) = new_board(T0);
        let moderator = add_team(&mut board, &admin, "Mia", Role::Moderator, T0);
        let fan = add_fan(&mut board, "Fang", T0);
        let author = add_fan(&mut board, "Otto", T0);
        let idea = submit(&mut board, &author, "Oat milk in every store", T0);
        match at {
            IdeaStatus::New => {}
            IdeaStatus::Merged => {
                let target = submit(&mut board, &author, "Oat milk everywhere", T0);
                ops::merge_ideas(&mut board, &moderator.actor, &idea, &target, None, T0)
                    .expect("merge");
            }
            to => {
                ops::change_status(
                    &mut board,
                    &moderator.actor,
                    &status(&idea, to, Some("Why")),
                    T0,
                )
                .expect("status");
            }
        }
        Stage {
            board,
            admin,
            moderator,
            fan,
            idea,
        }
    }

    fn actor(&self, viewer: Viewer) -> Actor {
        match viewer {
            Viewer::Guest => Actor::guest(),
            Viewer::Fan => self.fan.actor.clone(),
            Viewer::Moderator => self.moderator.actor.clone(),
            Viewer::Admin => self.admin.actor.clone(),
        }
    }
}

#[test]
fn the_idea_page_says_whether_voting_is_open_as_the_vote_op_decides() {
    for &at in IdeaStatus::ALL {
        for viewer in VIEWERS {
            let stage = Stage::new(at);
            let detail =
                ops::get_idea(&stage.board, &stage.actor(viewer), &stage.idea, T0).expect("detail");
            assert_eq!(detail.voting_open, at.is_open(), "{at} seen by {viewer:?}");
        }
        // What the vote op does with a fan's vote is what the page said.
        let mut stage = Stage::new(at);
        let said = ops::get_idea(&stage.board, &stage.fan.actor, &stage.idea, T0)
            .expect("detail")
            .voting_open;
        let result = ops::vote(
            &mut stage.board,
            &stage.fan.actor,
            &stage.idea,
            Priority::Important,
            T0,
        );
        match result {
            Ok(_) => assert!(said, "{at}: the vote was taken but the page said closed"),
            Err(e) => {
                assert!(
                    !said,
                    "{at}: the page said open but the vote was refused: {e}"
                );
                assert_eq!(e.code(), ErrorCode::VotingClosed);
            }
        }
    }
}

#[test]
fn the_idea_page_offers_exactly_the_status_changes_the_op_accepts() {
    for &at in IdeaStatus::ALL {
        for viewer in VIEWERS {
            let stage = Stage::new(at);
            let actor = stage.actor(viewer);
            let allowed = ops::get_idea(&stage.board, &actor, &stage.idea, T0)
                .expect("detail")
                .allowed_statuses;
            if matches!(viewer, Viewer::Guest | Viewer::Fan) {
                assert!(allowed.is_empty(), "{viewer:?} is offered {allowed:?}");
            }
            for &to in IdeaStatus::ALL {
                let mut stage = Stage::new(at);
                let update = status(&stage.idea, to, Some("The team's answer"));
                let result = ops::change_status(&mut stage.board, &actor, &update, T0);
                assert_eq!(
                    result.is_ok(),
                    allowed.contains(&to),
                    "{viewer:?} moving an idea from {at} to {to}: {result:?} but offered {allowed:?}"
                );
            }
            // Offered in journey order, as the UI lists them.
            let mut sorted = allowed.clone();
            sorted.sort_by_key(|s| IdeaStatus::ALL.iter().position(|x| x == s));
            assert_eq!(allowed, sorted);
        }
    }
}

#[test]
fn the_triage_inbox_offers_the_same_changes_as_the_idea_page() {
    let stage = Stage::new(IdeaStatus::UnderReview);
    let page = ops::triage_inbox(
        &stage.board,
        &stage.moderator.actor,
        &TriageQuery::default(),
    )
    .expect("inbox");
    let item = page
        .items
        .iter()
        .find(|i| i.idea.id == stage.idea)
        .expect("in the inbox");
    let detail =
        ops::get_idea(&stage.board, &stage.moderator.actor, &stage.idea, T0).expect("detail");
    assert_eq!(item.allowed_statuses, detail.allowed_statuses);
    assert!(!item.allowed_statuses.contains(&IdeaStatus::UnderReview));
}

#[test]
fn errors_carry_the_numbers_their_messages_need() {
    let mut stage = Stage::new(IdeaStatus::New);
    let long_title = "长".repeat(rules::TITLE_MAX + 5);
    let err = ops::submit_idea(
        &mut stage.board,
        &stage.fan.actor,
        &new_idea(&long_title),
        T0,
    )
    .expect_err("too long");
    let dto = err.to_dto();
    assert_eq!(dto.code, ErrorCode::TitleTooLong);
    assert_eq!(dto.params.len, Some(rules::TITLE_MAX as u64 + 5));
    assert_eq!(dto.params.max, Some(rules::TITLE_MAX as u64));
    // On the wire: only the parameters the code carries, camelCase, beside the code.
    let json = serde_json::to_value(&dto).expect("json");
    assert_eq!(
        json["params"],
        serde_json::json!({ "len": rules::TITLE_MAX + 5, "max": rules::TITLE_MAX })
    );

    let short = ops::submit_idea(&mut stage.board, &stage.fan.actor, &new_idea("abc"), T0)
        .expect_err("too short")
        .to_dto();
    assert_eq!(short.params.len, Some(3));
    assert_eq!(short.params.min, Some(rules::TITLE_MIN as u64));
    assert_eq!(short.params.max, None);

    let long_comment: NewComment = comment(
        &stage.idea,
        ideaboard_core::model::CommentKind::Public,
        &"x".repeat(rules::COMMENT_MAX + 1),
    );
    let c = ops::add_comment(&mut stage.board, &stage.fan.actor, &long_comment, T0)
        .expect_err("comment too long")
        .to_dto();
    assert_eq!(c.code, ErrorCode::CommentTooLong);
    assert_eq!(
        (c.params.len, c.params.max),
        (
            Some(rules::COMMENT_MAX as u64 + 1),
            Some(rules::COMMENT_MAX as u64)
        )
    );

    // A vote budget of one: the second vote says how big the budget is.
    let settings = BoardSettings {
        vote_budget: Some(1),
        ..ops::board_settings(&stage.board).expect("settings")
    };
    ops::update_board_settings(&mut stage.board, &stage.admin.actor, &settings, T0)
        .expect("settings");
    let second = submit(&mut stage.board, &stage.admin, "Reusable cup discount", T0);
    ops::vote(
        &mut stage.board,
        &stage.fan.actor,
        &stage.idea,
        Priority::Critical,
        T0,
    )
    .expect("first vote");
    let budget = ops::vote(
        &mut stage.board,
        &stage.fan.actor,
        &second,
        Priority::Critical,
        T0,
    )
    .expect_err("over budget")
    .to_dto();
    assert_eq!(budget.code, ErrorCode::VoteBudgetExhausted);
    assert_eq!(budget.params.budget, Some(1));

    // A refused transition names both ends; a missing answer names the status.
    let mut launched = Stage::new(IdeaStatus::Launched);
    let update = status(&launched.idea, IdeaStatus::Planned, None);
    let moved = ops::change_status(&mut launched.board, &launched.moderator.actor, &update, T0)
        .expect_err("launched is final")
        .to_dto();
    assert_eq!(moved.code, ErrorCode::InvalidTransition);
    assert_eq!(moved.params.from.as_deref(), Some("launched"));
    assert_eq!(moved.params.to.as_deref(), Some("planned"));
    let mut fresh = Stage::new(IdeaStatus::New);
    let update = status(&fresh.idea, IdeaStatus::Declined, None);
    let note = ops::change_status(&mut fresh.board, &fresh.moderator.actor, &update, T0)
        .expect_err("needs a note")
        .to_dto();
    assert_eq!(note.code, ErrorCode::NoteRequired);
    assert_eq!(note.params.status.as_deref(), Some("declined"));
}

#[test]
fn errors_without_numbers_send_empty_params() {
    let dto = Error::NotAllowed.to_dto();
    assert_eq!(dto.params, Default::default());
    let json = serde_json::to_value(&dto).expect("json");
    assert_eq!(json["params"], serde_json::json!({}));
}

#[test]
fn the_overview_sends_the_rules_limits_and_they_are_the_ones_enforced() {
    let mut stage = Stage::new(IdeaStatus::New);
    let limits = ops::board_overview(&stage.board).expect("overview").limits;
    assert_eq!(limits, rules::LIMITS);
    let pairs = [
        (limits.title_min, rules::TITLE_MIN),
        (limits.title_max, rules::TITLE_MAX),
        (limits.body_max, rules::BODY_MAX),
        (limits.name_max, rules::NAME_MAX),
        (limits.comment_max, rules::COMMENT_MAX),
        (limits.note_max, rules::NOTE_MAX),
        (limits.tags_max, rules::TAGS_MAX),
        (limits.tag_max, rules::TAG_MAX),
        (limits.passphrase_min, rules::PASSPHRASE_MIN),
        (limits.reason_max, rules::REASON_MAX),
    ];
    for (sent, rule) in pairs {
        assert_eq!(sent as usize, rule);
    }
    // The edges the overview states are where the core draws them.
    let max = limits.title_max as usize;
    ops::submit_idea(
        &mut stage.board,
        &stage.fan.actor,
        &new_idea(&"x".repeat(max)),
        T0,
    )
    .expect("a title of exactly the maximum");
    let b = &mut stage.board;
    let actor = stage.fan.actor.clone();
    assert_refused(b, ErrorCode::TitleTooLong, |b| {
        ops::submit_idea(b, &actor, &new_idea(&"x".repeat(max + 1)), T0)
    });
    let min = limits.title_min as usize;
    assert_eq!(
        code_of(ops::submit_idea(
            b,
            &actor,
            &new_idea(&"x".repeat(min - 1)),
            T0
        )),
        ErrorCode::TitleTooShort
    );
    ops::submit_idea(b, &actor, &new_idea(&"y".repeat(min)), T0)
        .expect("a title of exactly the minimum");
}
