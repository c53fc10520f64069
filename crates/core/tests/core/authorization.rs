//! The authorization matrix: every op x every role, each run on a fresh fixture
//! board. A refusal must carry the expected code and leave the board unchanged.
//!
//! Columns: a guest; `fan`, who owns the content the op targets (their idea, their
//! comment, their profile); `other_fan`, acting on `fan`'s content; a moderator; an
//! admin. Ops that target no one's content behave the same for both fans.

use ideaboard_core::model::{
    BoardSettings, Category, CommentKind, ContentKind, ContentRef, ExportFilter, ExportFormat,
    ExportRequest, IdeaEdit, IdeaStatus, ImportFormat, ListQuery, NewMember, NewReport, Priority,
    Reaction, ReportOutcome, Role, TriageQuery,
};
use ideaboard_core::{Actor, ErrorCode, Result, ops};

use crate::support::{Fixture, MINUTE, assert_refused, code_of, comment, new_idea, status};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Expect {
    Allowed,
    Refused(ErrorCode),
}

pub(crate) const OK: Expect = Expect::Allowed;
pub(crate) const SIGN_IN: Expect = Expect::Refused(ErrorCode::NotSignedIn);
pub(crate) const NO: Expect = Expect::Refused(ErrorCode::NotAllowed);
pub(crate) const UNSEEN: Expect = Expect::Refused(ErrorCode::NotFound);
const LATE: Expect = Expect::Refused(ErrorCode::EditWindowClosed);

#[rustfmt::skip]
pub(crate) const MATRIX: &[(&str, [Expect; 5])] = &[
    // operation                            guest    fan      other    mod      admin
    ("list_ideas",                         [OK,      OK,      OK,      OK,      OK]),
    ("get_idea",                           [OK,      OK,      OK,      OK,      OK]),
    ("list_comments",                      [OK,      OK,      OK,      OK,      OK]),
    ("create_member fan",                  [OK,      OK,      OK,      OK,      OK]),
    ("create_member moderator",            [SIGN_IN, NO,      NO,      NO,      OK]),
    ("create_member admin",                [SIGN_IN, NO,      NO,      NO,      OK]),
    ("rename_member fan's profile",        [SIGN_IN, OK,      NO,      NO,      OK]),
    ("change_role fan to moderator",       [SIGN_IN, NO,      NO,      NO,      OK]),
    ("set_passphrase moderator's profile", [SIGN_IN, NO,      NO,      OK,      OK]),
    ("my_profile",                         [SIGN_IN, OK,      OK,      OK,      OK]),
    ("submit_idea",                        [SIGN_IN, OK,      OK,      OK,      OK]),
    ("edit_idea in grace window",          [SIGN_IN, OK,      NO,      OK,      OK]),
    ("edit_idea after grace window",       [SIGN_IN, LATE,    NO,      OK,      OK]),
    ("set_idea_labels",                    [SIGN_IN, OK,      NO,      OK,      OK]),
    ("set_idea_hidden",                    [SIGN_IN, NO,      NO,      OK,      OK]),
    ("set_idea_pinned",                    [SIGN_IN, NO,      NO,      OK,      OK]),
    ("list_ideas include_hidden",          [NO,      NO,      NO,      OK,      OK]),
    ("get_idea of a hidden idea",          [UNSEEN,  UNSEEN,  UNSEEN,  OK,      OK]),
    ("vote",                               [SIGN_IN, OK,      OK,      OK,      OK]),
    ("change_vote_priority",               [SIGN_IN, OK,      OK,      OK,      OK]),
    ("unvote",                             [SIGN_IN, OK,      OK,      OK,      OK]),
    ("add_comment public",                 [SIGN_IN, OK,      OK,      OK,      OK]),
    ("add_comment official",               [SIGN_IN, NO,      NO,      OK,      OK]),
    ("add_comment internal",               [SIGN_IN, NO,      NO,      OK,      OK]),
    ("edit_comment",                       [SIGN_IN, OK,      NO,      NO,      NO]),
    ("delete_comment",                     [SIGN_IN, OK,      NO,      OK,      OK]),
    ("react",                              [SIGN_IN, OK,      OK,      OK,      OK]),
    ("change_status",                      [SIGN_IN, NO,      NO,      OK,      OK]),
    ("change_status_bulk",                 [SIGN_IN, NO,      NO,      OK,      OK]),
    ("merge_preview",                      [SIGN_IN, NO,      NO,      OK,      OK]),
    ("merge_ideas",                        [SIGN_IN, NO,      NO,      OK,      OK]),
    ("set_following",                      [SIGN_IN, OK,      OK,      OK,      OK]),
    ("list_notifications",                 [SIGN_IN, OK,      OK,      OK,      OK]),
    ("mark_notifications_read",            [SIGN_IN, OK,      OK,      OK,      OK]),
    ("update_board_settings",              [SIGN_IN, NO,      NO,      NO,      OK]),
    ("add_category",                       [SIGN_IN, NO,      NO,      OK,      OK]),
    ("audit_log",                          [SIGN_IN, NO,      NO,      OK,      OK]),
    ("report_content idea",                [SIGN_IN, OK,      OK,      OK,      OK]),
    ("report_content comment",             [SIGN_IN, OK,      OK,      OK,      OK]),
    ("report_content of a hidden idea",    [SIGN_IN, UNSEEN,  UNSEEN,  OK,      OK]),
    ("moderation_queue",                   [SIGN_IN, NO,      NO,      OK,      OK]),
    ("set_comment_hidden",                 [SIGN_IN, NO,      NO,      OK,      OK]),
    ("resolve_reports",                    [SIGN_IN, NO,      NO,      OK,      OK]),
    ("triage_inbox",                       [SIGN_IN, NO,      NO,      OK,      OK]),
    ("team_analytics",                     [SIGN_IN, NO,      NO,      OK,      OK]),
    ("engagement",                         [SIGN_IN, NO,      NO,      OK,      OK]),
    ("member_engagement of a fan",         [SIGN_IN, NO,      NO,      OK,      OK]),
    ("my_standing",                        [SIGN_IN, OK,      OK,      OK,      OK]),
    ("export csv",                         [SIGN_IN, NO,      NO,      OK,      OK]),
    ("export json with internal notes",    [SIGN_IN, NO,      NO,      OK,      OK]),
    ("import fider csv",                   [SIGN_IN, NO,      NO,      OK,      OK]),
];

fn export(
    b: &ideaboard_core::Board,
    who: &Actor,
    format: ExportFormat,
    include_internal: bool,
    now: ideaboard_core::Timestamp,
) -> Result<()> {
    let request = ExportRequest {
        format,
        filter: ExportFilter::default(),
        include_internal,
    };
    ops::export(b, who, &request, now, std::io::sink(), &mut |_, _| true)
}

pub(crate) const ROLES: [&str; 5] = ["guest", "fan", "other fan", "moderator", "admin"];

pub(crate) fn actor_for(fx: &Fixture, column: usize) -> Actor {
    match column {
        0 => Actor::guest(),
        1 => fx.fan.actor.clone(),
        2 => fx.other_fan.actor.clone(),
        3 => fx.moderator.actor.clone(),
        4 => fx.admin.actor.clone(),
        _ => unreachable!(),
    }
}

fn member(role: Role) -> NewMember {
    NewMember {
        display_name: format!("New {role}"),
        role,
        passphrase: None,
    }
}

fn report(kind: ContentKind, id: &str) -> NewReport {
    NewReport {
        target: ContentRef {
            kind,
            id: id.into(),
        },
        reason: "Spam".into(),
    }
}

/// Runs one operation of the matrix as `who`, on the fixture's targets.
pub(crate) fn run(op: &str, fx: &mut Fixture, who: &Actor) -> Result<()> {
    let now = fx.now;
    let b = &mut fx.board;
    let edit = IdeaEdit {
        title: "Oat milk in every store, please".into(),
        body: "Edited".into(),
    };
    match op {
        "list_ideas" => ops::list_ideas(b, who, &ListQuery::default()).map(drop),
        "get_idea" => ops::get_idea(b, who, &fx.fan_idea, now).map(drop),
        "list_comments" => ops::list_comments(b, who, &fx.fan_idea).map(drop),
        "create_member fan" => ops::create_member(b, who, &member(Role::Fan), now).map(drop),
        "create_member moderator" => {
            ops::create_member(b, who, &member(Role::Moderator), now).map(drop)
        }
        "create_member admin" => ops::create_member(b, who, &member(Role::Admin), now).map(drop),
        "rename_member fan's profile" => {
            ops::rename_member(b, who, &fx.fan.id, "Renamed", now).map(drop)
        }
        "change_role fan to moderator" => {
            ops::change_role(b, who, &fx.fan.id, Role::Moderator, now).map(drop)
        }
        "set_passphrase moderator's profile" => {
            ops::set_passphrase(b, who, &fx.moderator.id, Some("correct horse"), now).map(drop)
        }
        "my_profile" => ops::my_profile(b, who).map(drop),
        "submit_idea" => ops::submit_idea(b, who, &new_idea("A brand new idea"), now).map(drop),
        "edit_idea in grace window" => ops::edit_idea(b, who, &fx.fan_idea, &edit, now).map(drop),
        "edit_idea after grace window" => {
            let later = now.plus_millis(60 * MINUTE);
            ops::edit_idea(b, who, &fx.fan_idea, &edit, later).map(drop)
        }
        "set_idea_labels" => {
            ops::set_idea_labels(b, who, &fx.fan_idea, None, &["oat".into()], now).map(drop)
        }
        "set_idea_hidden" => ops::set_idea_hidden(b, who, &fx.fan_idea, true, now).map(drop),
        "set_idea_pinned" => ops::set_idea_pinned(b, who, &fx.fan_idea, true, now).map(drop),
        "list_ideas include_hidden" => {
            let query = ListQuery {
                include_hidden: true,
                ..ListQuery::default()
            };
            ops::list_ideas(b, who, &query).map(drop)
        }
        "get_idea of a hidden idea" => ops::get_idea(b, who, &fx.hidden_idea, now).map(drop),
        "vote" => ops::vote(b, who, &fx.fan_idea, Priority::Critical, now).map(drop),
        "change_vote_priority" => {
            ops::change_vote_priority(b, who, &fx.voted_idea, Priority::Critical, now).map(drop)
        }
        "unvote" => ops::unvote(b, who, &fx.voted_idea, now).map(drop),
        "add_comment public" => {
            let input = comment(&fx.fan_idea, CommentKind::Public, "Me too");
            ops::add_comment(b, who, &input, now).map(drop)
        }
        "add_comment official" => {
            let input = comment(&fx.fan_idea, CommentKind::Official, "We are on it");
            ops::add_comment(b, who, &input, now).map(drop)
        }
        "add_comment internal" => {
            let input = comment(&fx.fan_idea, CommentKind::Internal, "Costly, see Q3");
            ops::add_comment(b, who, &input, now).map(drop)
        }
        "edit_comment" => {
            ops::edit_comment(b, who, &fx.fan_comment, "Pretty please", now).map(drop)
        }
        "delete_comment" => ops::delete_comment(b, who, &fx.fan_comment, now),
        "react" => ops::react(b, who, &fx.fan_comment, Reaction::Love, true, now).map(drop),
        "change_status" => {
            let update = status(&fx.fan_idea, IdeaStatus::UnderReview, None);
            ops::change_status(b, who, &update, now).map(drop)
        }
        "change_status_bulk" => {
            let ids = [fx.fan_idea.clone(), fx.voted_idea.clone()];
            ops::change_status_bulk(b, who, &ids, IdeaStatus::Planned, Some("Soon"), now).map(drop)
        }
        "merge_preview" => ops::merge_preview(b, who, &fx.spare_idea, &fx.voted_idea).map(drop),
        "merge_ideas" => {
            ops::merge_ideas(b, who, &fx.spare_idea, &fx.voted_idea, None, now).map(drop)
        }
        "set_following" => ops::set_following(b, who, &fx.fan_idea, true, now).map(drop),
        "list_notifications" => ops::list_notifications(b, who, false, 50).map(drop),
        "mark_notifications_read" => ops::mark_notifications_read(b, who, None, now).map(drop),
        "update_board_settings" => {
            let settings = BoardSettings {
                vote_budget: Some(10),
                ..ops::board_settings(b)?
            };
            ops::update_board_settings(b, who, &settings, now).map(drop)
        }
        "add_category" => {
            let category = Category {
                slug: "drinks".into(),
                name: "饮品".into(),
                name_en: Some("Drinks".into()),
            };
            ops::add_category(b, who, &category, now).map(drop)
        }
        "audit_log" => ops::audit_log(b, who, 50).map(drop),
        "report_content idea" => {
            let input = report(ContentKind::Idea, &fx.fan_idea);
            ops::report_content(b, who, &input, now).map(drop)
        }
        "report_content comment" => {
            let input = report(ContentKind::Comment, &fx.fan_comment);
            ops::report_content(b, who, &input, now).map(drop)
        }
        "report_content of a hidden idea" => {
            let input = report(ContentKind::Idea, &fx.hidden_idea);
            ops::report_content(b, who, &input, now).map(drop)
        }
        "moderation_queue" => ops::moderation_queue(b, who, 0, 50).map(drop),
        "set_comment_hidden" => {
            ops::set_comment_hidden(b, who, &fx.fan_comment, true, now).map(drop)
        }
        "resolve_reports" => {
            let target = ContentRef {
                kind: ContentKind::Idea,
                id: fx.spare_idea.clone(),
            };
            ops::resolve_reports(b, who, &target, ReportOutcome::Dismissed, now).map(drop)
        }
        "triage_inbox" => ops::triage_inbox(b, who, &TriageQuery::default()).map(drop),
        "team_analytics" => ops::team_analytics(b, who, 12, now).map(drop),
        "engagement" => ops::engagement(b, who, 20, 12, now).map(drop),
        "member_engagement of a fan" => ops::member_engagement(b, who, &fx.fan.id).map(drop),
        "my_standing" => ops::my_standing(b, who).map(drop),
        "export csv" => export(b, who, ExportFormat::Csv, false, now),
        "export json with internal notes" => export(b, who, ExportFormat::Json, true, now),
        "import fider csv" => {
            let csv = "number,title,description,created_at,created_by,status\n\
                       1,Imported from Fider,Body,2026-01-01T00:00:00Z,Someone,open\n";
            ops::import(b, who, ImportFormat::FiderCsv, csv.as_bytes(), now).map(drop)
        }
        other => panic!("no such operation in the matrix: {other}"),
    }
}

/// Runs every cell of a matrix, each on a fresh fixture, and says which came out
/// otherwise than designed or were refused yet changed the board.
pub(crate) fn matrix_failures<Fx>(
    matrix: &[(&str, [Expect; 5])],
    fixture: impl Fn() -> Fx,
    board: impl Fn(&mut Fx) -> &mut ideaboard_core::Board,
    actor: impl Fn(&Fx, usize) -> Actor,
    run: impl Fn(&str, &mut Fx, &Actor) -> Result<()>,
) -> Vec<String> {
    let mut failures = Vec::new();
    for (op, row) in matrix {
        for (column, expected) in row.iter().enumerate() {
            let mut fx = fixture();
            let who = actor(&fx, column);
            let before = board(&mut fx).content_fingerprint().unwrap();
            let got = match run(op, &mut fx, &who) {
                Ok(()) => Expect::Allowed,
                Err(e) => Expect::Refused(e.code()),
            };
            if got != *expected {
                failures.push(format!(
                    "{op} as {}: expected {expected:?}, got {got:?}",
                    ROLES[column]
                ));
            }
            if matches!(got, Expect::Refused(_))
                && board(&mut fx).content_fingerprint().unwrap() != before
            {
                failures.push(format!(
                    "{op} as {}: refused but changed the board",
                    ROLES[column]
                ));
            }
        }
    }
    failures
}

#[test]
fn every_operation_for_every_role_is_allowed_or_refused_as_designed() {
    let failures = matrix_failures(MATRIX, Fixture::new, |fx| &mut fx.board, actor_for, run);
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_matrix_names_each_operation_once() {
    let mut names: Vec<&str> = MATRIX.iter().map(|(op, _)| *op).collect();
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), MATRIX.len());
}

#[test]
fn a_demoted_moderator_is_refused_at_once() {
    let mut fx = Fixture::new();
    let moderator = fx.moderator.actor.clone();
    let now = fx.now;
    ops::audit_log(&fx.board, &moderator, 10).expect("a moderator reads the audit log");
    ops::change_role(
        &mut fx.board,
        &fx.admin.actor,
        &fx.moderator.id,
        Role::Fan,
        now,
    )
    .unwrap();

    let b = &mut fx.board;
    let update = status(&fx.fan_idea, IdeaStatus::Planned, None);
    assert_refused(b, ErrorCode::NotAllowed, |b| {
        ops::change_status(b, &moderator, &update, now)
    });
    let note = comment(&fx.fan_idea, CommentKind::Internal, "Still a note?");
    assert_refused(b, ErrorCode::NotAllowed, |b| {
        ops::add_comment(b, &moderator, &note, now)
    });
    assert_refused(b, ErrorCode::NotAllowed, |b| {
        ops::set_idea_hidden(b, &moderator, &fx.fan_idea, false, now)
    });
    assert_eq!(
        code_of(ops::get_idea(b, &moderator, &fx.hidden_idea, now)),
        ErrorCode::NotFound
    );
    assert_eq!(
        code_of(ops::audit_log(b, &moderator, 10)),
        ErrorCode::NotAllowed
    );
}

#[test]
fn a_promoted_fan_is_allowed_at_once_and_an_admin_cannot_demote_the_last_admin() {
    let mut fx = Fixture::new();
    let fan = fx.fan.actor.clone();
    let now = fx.now;
    let update = status(&fx.voted_idea, IdeaStatus::Planned, None);
    assert_eq!(
        code_of(ops::change_status(&mut fx.board, &fan, &update, now)),
        ErrorCode::NotAllowed
    );
    ops::change_role(
        &mut fx.board,
        &fx.admin.actor,
        &fx.fan.id,
        Role::Moderator,
        now,
    )
    .unwrap();
    ops::change_status(&mut fx.board, &fan, &update, now).unwrap();

    let admin = fx.admin.actor.clone();
    assert_refused(&mut fx.board, ErrorCode::LastAdmin, |b| {
        ops::change_role(b, &admin, &fx.admin.id, Role::Moderator, now)
    });
}
