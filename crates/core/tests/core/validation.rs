//! The validation table: each bad input or impossible request is refused with its
//! own error code and leaves the board byte-for-byte as it was.

use ideaboard_core::model::{
    BoardSettings, Category, CommentKind, CommentKind as Kind, ContentKind, ContentRef, IdeaEdit,
    IdeaSort, IdeaStatus, IdeaStatus as S, ListQuery, NewIdea, NewMember, NewReport, Priority,
    Reaction, ReportOutcome, Role, StatusUpdate,
};
use ideaboard_core::{ErrorCode, ErrorCode as C, Result, ops};

use crate::support::{Fixture, assert_refused, code_of, comment, new_idea, post, reply, status};

/// One refused request. `setup` prepares the board (its changes are not part of the
/// comparison) and may hand `op` an id it made.
struct Case {
    name: &'static str,
    setup: fn(&mut Fixture) -> String,
    op: fn(&mut Fixture, &str) -> Result<()>,
    code: ErrorCode,
}

fn case(name: &'static str, op: fn(&mut Fixture, &str) -> Result<()>, code: ErrorCode) -> Case {
    Case {
        name,
        setup: |_| String::new(),
        op,
        code,
    }
}

impl Case {
    fn after(self, setup: fn(&mut Fixture) -> String) -> Case {
        Case { setup, ..self }
    }
}

// What the fan does.

fn submits(fx: &mut Fixture, idea: NewIdea) -> Result<()> {
    ops::submit_idea(&mut fx.board, &fx.fan.actor, &idea, fx.now).map(drop)
}

fn titled(title: &str) -> NewIdea {
    NewIdea {
        title: title.into(),
        ..new_idea("x")
    }
}

fn idea_with(change: fn(&mut NewIdea)) -> NewIdea {
    let mut idea = new_idea("Oat milk");
    change(&mut idea);
    idea
}

fn edits_title(fx: &mut Fixture, title: &str) -> Result<()> {
    let edit = IdeaEdit {
        title: title.into(),
        body: String::new(),
    };
    ops::edit_idea(&mut fx.board, &fx.fan.actor, &fx.fan_idea, &edit, fx.now).map(drop)
}

fn labels(fx: &mut Fixture, category: &str) -> Result<()> {
    let (idea, now) = (fx.fan_idea.clone(), fx.now);
    ops::set_idea_labels(
        &mut fx.board,
        &fx.fan.actor,
        &idea,
        Some(category),
        &[],
        now,
    )
    .map(drop)
}

fn comments(fx: &mut Fixture, body: &str) -> Result<()> {
    let idea = fx.fan_idea.clone();
    comments_on(fx, &idea, None, body)
}

fn comments_on(fx: &mut Fixture, idea: &str, parent: Option<&str>, body: &str) -> Result<()> {
    let input = match parent {
        Some(parent) => reply(idea, parent, Kind::Public, body),
        None => comment(idea, Kind::Public, body),
    };
    ops::add_comment(&mut fx.board, &fx.fan.actor, &input, fx.now).map(drop)
}

fn edits_comment(fx: &mut Fixture, body: &str) -> Result<()> {
    let (c, now) = (fx.fan_comment.clone(), fx.now);
    ops::edit_comment(&mut fx.board, &fx.fan.actor, &c, body, now).map(drop)
}

fn renames(fx: &mut Fixture, member: &str, name: &str) -> Result<()> {
    ops::rename_member(&mut fx.board, &fx.admin.actor, member, name, fx.now).map(drop)
}

fn votes(fx: &mut Fixture, idea: &str) -> Result<()> {
    ops::vote(
        &mut fx.board,
        &fx.fan.actor,
        idea,
        Priority::Important,
        fx.now,
    )
    .map(drop)
}

fn unvotes(fx: &mut Fixture) -> Result<()> {
    ops::unvote(&mut fx.board, &fx.fan.actor, &fx.fan_idea, fx.now).map(drop)
}

fn reprioritises(fx: &mut Fixture) -> Result<()> {
    let (idea, now) = (fx.fan_idea.clone(), fx.now);
    ops::change_vote_priority(&mut fx.board, &fx.fan.actor, &idea, Priority::Critical, now)
        .map(drop)
}

// What the team does.

fn creates(fx: &mut Fixture, name: &str, role: Role, passphrase: Option<&str>) -> Result<()> {
    let input = NewMember {
        display_name: name.into(),
        role,
        passphrase: passphrase.map(str::to_string),
    };
    ops::create_member(&mut fx.board, &fx.admin.actor, &input, fx.now).map(drop)
}

fn sets_passphrase(fx: &mut Fixture, member: &str, passphrase: &str) -> Result<()> {
    let p = Some(passphrase);
    ops::set_passphrase(&mut fx.board, &fx.admin.actor, member, p, fx.now).map(drop)
}

fn demotes(fx: &mut Fixture, member: &str) -> Result<()> {
    ops::change_role(&mut fx.board, &fx.admin.actor, member, Role::Fan, fx.now).map(drop)
}

fn replies_publicly(fx: &mut Fixture, parent: &str) -> Result<()> {
    let input = reply(&fx.fan_idea, parent, Kind::Public, "Hi");
    ops::add_comment(&mut fx.board, &fx.moderator.actor, &input, fx.now).map(drop)
}

fn deletes_again(fx: &mut Fixture) -> Result<()> {
    let (c, now) = (fx.fan_comment.clone(), fx.now);
    ops::delete_comment(&mut fx.board, &fx.moderator.actor, &c, now)
}

fn move_to(fx: &mut Fixture, idea: &str, to: IdeaStatus, note: Option<&str>) -> Result<()> {
    let update = status(idea, to, note);
    ops::change_status(&mut fx.board, &fx.moderator.actor, &update, fx.now).map(drop)
}

fn bulk_to_planned(fx: &mut Fixture, ideas: [&str; 2]) -> Result<()> {
    let ids = ideas.map(str::to_string);
    let who = fx.moderator.actor.clone();
    ops::change_status_bulk(&mut fx.board, &who, &ids, S::Planned, None, fx.now).map(drop)
}

fn merge(fx: &mut Fixture, source: &str, target: &str) -> Result<()> {
    let who = fx.moderator.actor.clone();
    ops::merge_ideas(&mut fx.board, &who, source, target, None, fx.now).map(drop)
}

fn settings_with(fx: &mut Fixture, change: fn(&mut BoardSettings)) -> Result<()> {
    let mut settings = ops::board_settings(&fx.board)?;
    change(&mut settings);
    ops::update_board_settings(&mut fx.board, &fx.admin.actor, &settings, fx.now).map(drop)
}

fn category(fx: &mut Fixture, slug: &str) -> Result<()> {
    let c = Category {
        slug: slug.into(),
        name: "咖啡".into(),
        name_en: None,
    };
    ops::add_category(&mut fx.board, &fx.moderator.actor, &c, fx.now).map(drop)
}

fn nine_tags(idea: &mut NewIdea) {
    idea.tags = (0..9).map(|n| format!("t{n}")).collect();
}

fn reports(fx: &mut Fixture, kind: ContentKind, id: &str, reason: &str) -> Result<()> {
    let input = NewReport {
        target: ContentRef {
            kind,
            id: id.into(),
        },
        reason: reason.into(),
    };
    ops::report_content(&mut fx.board, &fx.fan.actor, &input, fx.now).map(drop)
}

fn reports_idea(fx: &mut Fixture, reason: &str) -> Result<()> {
    let idea = fx.fan_idea.clone();
    reports(fx, ContentKind::Idea, &idea, reason)
}

fn reports_comment(fx: &mut Fixture, comment: &str) -> Result<()> {
    reports(fx, ContentKind::Comment, comment, "Spam")
}

fn hides(fx: &mut Fixture, comment: &str) -> Result<()> {
    let who = fx.moderator.actor.clone();
    ops::set_comment_hidden(&mut fx.board, &who, comment, true, fx.now).map(drop)
}

fn resolves_fan_idea(fx: &mut Fixture) -> Result<()> {
    let target = ContentRef {
        kind: ContentKind::Idea,
        id: fx.fan_idea.clone(),
    };
    let who = fx.moderator.actor.clone();
    ops::resolve_reports(
        &mut fx.board,
        &who,
        &target,
        ReportOutcome::Resolved,
        fx.now,
    )
    .map(drop)
}

// Setups.

fn reported_fan_comment(fx: &mut Fixture) -> String {
    let c = fx.fan_comment.clone();
    reports_comment(fx, &c).unwrap();
    c
}

fn official_answer(fx: &mut Fixture) -> String {
    let answer = comment(&fx.fan_idea, Kind::Official, "We are on it");
    post(&mut fx.board, &fx.moderator, &answer, fx.now)
}

fn internal_note(fx: &mut Fixture) -> String {
    let note = comment(&fx.fan_idea, Kind::Internal, "Team only");
    post(&mut fx.board, &fx.moderator, &note, fx.now)
}

fn deleted_fan_comment(fx: &mut Fixture) -> String {
    ops::delete_comment(&mut fx.board, &fx.fan.actor, &fx.fan_comment, fx.now).unwrap();
    String::new()
}

/// The fan already holds one vote (on `voted_idea`).
fn budget_of_one(fx: &mut Fixture) -> String {
    settings_with(fx, |s| s.vote_budget = Some(1)).unwrap();
    String::new()
}

fn coffee_category(fx: &mut Fixture) -> String {
    category(fx, "coffee").unwrap();
    String::new()
}

#[rustfmt::skip]
fn cases() -> Vec<Case> {
    vec![
        case("empty title",                |fx, _| submits(fx, titled("")),                  C::TitleEmpty),
        case("whitespace-only title",      |fx, _| submits(fx, titled(" \t \u{3000} ")),    C::TitleEmpty),
        case("three-character title",      |fx, _| submits(fx, titled("abc")),               C::TitleTooShort),
        case("121-character title",        |fx, _| submits(fx, titled(&"长".repeat(121))),   C::TitleTooLong),
        case("bell in a title",            |fx, _| submits(fx, titled("Oat\u{7} milk")),     C::ControlCharacter),
        case("newline in a title",         |fx, _| submits(fx, titled("Oat\nmilk")),         C::ControlCharacter),
        case("20,001-character body",      |fx, _| submits(fx, idea_with(|i| i.body = "b".repeat(20_001))), C::BodyTooLong),
        case("NUL in a body",              |fx, _| submits(fx, idea_with(|i| i.body = "a\u{0}b".into())),   C::ControlCharacter),
        case("unknown category slug",      |fx, _| submits(fx, idea_with(|i| i.category = Some("nope".into()))), C::UnknownValue),
        case("nine tags",                  |fx, _| submits(fx, idea_with(nine_tags)),        C::TooManyTags),
        case("25-character tag",           |fx, _| submits(fx, idea_with(|i| i.tags = vec!["t".repeat(25)])), C::TagTooLong),
        case("edit to a blank title",      |fx, _| edits_title(fx, "  "),                    C::TitleEmpty),
        case("labels of unknown category", |fx, _| labels(fx, "nope"),                      C::UnknownValue),
        case("empty comment",              |fx, _| comments(fx, ""),                         C::CommentEmpty),
        case("whitespace-only comment",    |fx, _| comments(fx, " \n\t \r\n "),              C::CommentEmpty),
        case("10,001-character comment",   |fx, _| comments(fx, &"c".repeat(10_001)),        C::CommentTooLong),
        case("escape in a comment",        |fx, _| comments(fx, "\u{1b}[31mred"),            C::ControlCharacter),
        case("comment, invalid idea id",   |fx, _| comments_on(fx, "not-an-id", None, "Hi"), C::InvalidId),
        case("comment, unknown idea",      |fx, _| comments_on(fx, &uuid_nil(), None, "Hi"), C::NotFound),
        case("comment on a merged idea",   |fx, _| comments_on(fx, &fx.merged_idea.clone(), None, "Hi"), C::AlreadyMerged),
        case("reply across ideas",         |fx, _| comments_on(fx, &fx.voted_idea.clone(), Some(&fx.fan_comment.clone()), "Hi"), C::ParentMismatch),
        case("public reply to a note",     replies_publicly,                                 C::ParentMismatch).after(internal_note),
        case("edit a deleted comment",     |fx, _| edits_comment(fx, "Back"),                C::CommentDeleted).after(deleted_fan_comment),
        case("delete a deleted comment",   |fx, _| deletes_again(fx),                        C::CommentDeleted).after(deleted_fan_comment),
        case("edit a comment to blank",    |fx, _| edits_comment(fx, " "),                   C::CommentEmpty),
        case("react, invalid comment id",  |fx, _| ops::react(&mut fx.board, &fx.fan.actor, "42", Reaction::Like, true, fx.now).map(drop), C::InvalidId),
        case("empty display name",         |fx, _| creates(fx, "   ", Role::Fan, None),      C::NameEmpty),
        case("41-character display name",  |fx, _| creates(fx, &"n".repeat(41), Role::Fan, None), C::NameTooLong),
        case("tab in a display name",      |fx, _| creates(fx, "Fang\tLi", Role::Fan, None), C::ControlCharacter),
        case("fan profile with passphrase",|fx, _| creates(fx, "Fang", Role::Fan, Some("long enough phrase")), C::InvalidInput),
        case("seven-character passphrase", |fx, _| creates(fx, "Mod", Role::Moderator, Some("1234567")), C::PassphraseTooShort),
        case("passphrase for a fan",       |fx, _| sets_passphrase(fx, &fx.fan.id.clone(), "long enough phrase"), C::InvalidInput),
        case("rename to whitespace",       |fx, _| renames(fx, &fx.fan.id.clone(), " \t"),   C::NameEmpty),
        case("rename, invalid member id",  |fx, _| renames(fx, "fan-1", "Fang"),             C::InvalidId),
        case("demote the last admin",      |fx, _| demotes(fx, &fx.admin.id.clone()),        C::LastAdmin),
        case("vote, invalid idea id",      |fx, _| votes(fx, "#12"),                         C::InvalidId),
        case("vote twice",                 |fx, _| votes(fx, &fx.voted_idea.clone()),        C::AlreadyVoted),
        case("vote on a launched idea",    |fx, _| votes(fx, &fx.launched_idea.clone()),     C::VotingClosed),
        case("vote on a declined idea",    |fx, _| votes(fx, &fx.declined_idea.clone()),     C::VotingClosed),
        case("vote on a merged idea",      |fx, _| votes(fx, &fx.merged_idea.clone()),       C::VotingClosed),
        case("vote past the budget",       |fx, _| votes(fx, &fx.fan_idea.clone()),          C::VoteBudgetExhausted).after(budget_of_one),
        case("unvote without a vote",      |fx, _| unvotes(fx),                              C::NotVoted),
        case("reprioritise, no vote",      |fx, _| reprioritises(fx),                        C::NotVoted),
        case("merge into itself",          |fx, _| merge(fx, &fx.fan_idea.clone(), &fx.fan_idea.clone()),    C::MergeIntoSelf),
        case("merge into a merged idea",   |fx, _| merge(fx, &fx.fan_idea.clone(), &fx.merged_idea.clone()), C::MergeIntoMerged),
        case("merge a merged idea again",  |fx, _| merge(fx, &fx.merged_idea.clone(), &fx.fan_idea.clone()), C::AlreadyMerged),
        case("decline without a note",     |fx, _| move_to(fx, &fx.fan_idea.clone(), S::Declined, None),        C::NoteRequired),
        case("launch without a note",      |fx, _| move_to(fx, &fx.fan_idea.clone(), S::Launched, None),        C::NoteRequired),
        case("launch with a blank note",   |fx, _| move_to(fx, &fx.fan_idea.clone(), S::Launched, Some(" \n ")), C::NoteRequired),
        case("5,001-character note",       |fx, _| move_to(fx, &fx.fan_idea.clone(), S::Planned, Some(&"n".repeat(5_001))), C::NoteTooLong),
        case("new to new",                 |fx, _| move_to(fx, &fx.fan_idea.clone(), S::New, None),             C::InvalidTransition),
        case("new to merged by status",    |fx, _| move_to(fx, &fx.fan_idea.clone(), S::Merged, Some("dup")),   C::InvalidTransition),
        case("launched back to planned",   |fx, _| move_to(fx, &fx.launched_idea.clone(), S::Planned, None),    C::InvalidTransition),
        case("declined to launched",       |fx, _| move_to(fx, &fx.declined_idea.clone(), S::Launched, Some("Yes")), C::InvalidTransition),
        case("merged back to new",         |fx, _| move_to(fx, &fx.merged_idea.clone(), S::New, None),          C::InvalidTransition),
        case("bulk with one invalid idea", |fx, _| bulk_to_planned(fx, [&fx.fan_idea.clone(), &fx.launched_idea.clone()]), C::InvalidTransition),
        case("status of an unknown idea",  |fx, _| move_to(fx, &uuid_nil(), S::Planned, None),                  C::NotFound),
        case("unknown default locale",     |fx, _| settings_with(fx, |s| s.default_locale = "fr".into()), C::UnknownValue),
        case("vote budget of zero",        |fx, _| settings_with(fx, |s| s.vote_budget = Some(0)),        C::InvalidInput),
        case("blank board name",           |fx, _| settings_with(fx, |s| s.name = " ".into()),            C::NameEmpty),
        case("category slug with a space", |fx, _| category(fx, "hot drinks"),                 C::InvalidInput),
        case("duplicate category slug",    |fx, _| category(fx, " Coffee "),                   C::InvalidInput).after(coffee_category),
        case("empty report reason",        |fx, _| reports_idea(fx, ""),                     C::ReasonEmpty),
        case("whitespace report reason",   |fx, _| reports_idea(fx, " \n\t "),               C::ReasonEmpty),
        case("501-character report reason",|fx, _| reports_idea(fx, &"r".repeat(501)),       C::ReasonTooLong),
        case("bell in a report reason",    |fx, _| reports_idea(fx, "spam\u{7}"),            C::ControlCharacter),
        case("report twice",               reports_comment,                                  C::AlreadyReported).after(reported_fan_comment),
        case("report a deleted comment",   |fx, _| reports_comment(fx, &fx.fan_comment.clone()), C::CommentDeleted).after(deleted_fan_comment),
        case("report an internal note",    reports_comment,                                  C::NotFound).after(internal_note),
        case("report, invalid comment id", |fx, _| reports_comment(fx, "c-1"),               C::InvalidId),
        case("report an unknown idea",     |fx, _| reports(fx, ContentKind::Idea, &uuid_nil(), "Spam"), C::NotFound),
        case("hide an official answer",    hides,                                            C::NotAPublicComment).after(official_answer),
        case("hide an internal note",      hides,                                            C::NotAPublicComment).after(internal_note),
        case("hide a deleted comment",     |fx, _| hides(fx, &fx.fan_comment.clone()),       C::CommentDeleted).after(deleted_fan_comment),
        case("resolve, no open reports",   |fx, _| resolves_fan_idea(fx),                    C::NoOpenReports),
        case("bad notification id",        |fx, _| ops::mark_notifications_read(&mut fx.board, &fx.fan.actor, Some(&["x".into()]), fx.now).map(drop), C::InvalidId),
    ]
}

fn uuid_nil() -> String {
    "00000000-0000-7000-8000-000000000000".into()
}

#[test]
fn each_bad_request_has_its_own_code_and_changes_nothing() {
    let mut failures = Vec::new();
    for case in cases() {
        let mut fx = Fixture::new();
        let context = (case.setup)(&mut fx);
        let before = fx.board.content_fingerprint().unwrap();
        match (case.op)(&mut fx, &context) {
            Ok(()) => failures.push(format!("{}: accepted", case.name)),
            Err(e) if e.code() != case.code => failures.push(format!(
                "{}: expected {:?}, got {:?} ({e})",
                case.name,
                case.code,
                e.code()
            )),
            Err(_) => {}
        }
        if fx.board.content_fingerprint().unwrap() != before {
            failures.push(format!("{}: changed the board", case.name));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn unknown_enum_text_is_refused_by_name() {
    assert_eq!(code_of(IdeaStatus::parse("done")), C::UnknownValue);
    assert_eq!(code_of(IdeaStatus::parse("Launched")), C::UnknownValue);
    assert_eq!(code_of(Priority::parse("urgent")), C::UnknownValue);
    assert_eq!(code_of(Role::parse("owner")), C::UnknownValue);
    assert_eq!(code_of(CommentKind::parse("secret")), C::UnknownValue);
    assert_eq!(code_of(IdeaSort::parse("random")), C::UnknownValue);
    assert_eq!(code_of(Reaction::parse("angry")), C::UnknownValue);
    let bad = r#"{"ideaId":"x","to":"done","note":null}"#;
    assert!(serde_json::from_str::<StatusUpdate>(bad).is_err());
}

#[test]
fn an_unknown_category_filter_is_refused() {
    let mut fx = Fixture::new();
    let query = ListQuery {
        category: Some("nope".into()),
        ..ListQuery::default()
    };
    let fan = fx.fan.actor.clone();
    assert_refused(&mut fx.board, C::UnknownValue, |b| {
        ops::list_ideas(b, &fan, &query)
    });
}

#[test]
fn a_refused_bulk_change_applies_to_no_idea() {
    let mut fx = Fixture::new();
    let ids = [fx.fan_idea.clone(), fx.declined_idea.clone()];
    let moderator = fx.moderator.actor.clone();
    let now = fx.now;
    assert_refused(&mut fx.board, C::InvalidTransition, |b| {
        ops::change_status_bulk(b, &moderator, &ids, S::Planned, None, now)
    });
    let first = ops::get_idea(&fx.board, &moderator, &fx.fan_idea, now).unwrap();
    assert_eq!(first.idea.status, S::New);
    assert_eq!(first.journey.len(), 1);
}
