//! The team's members page (`ops::member_directory`): the team only, newest first,
//! a page at a time; emails and who has an account are for admins alone.

use ideaboard_core::model::{MemberPage, MemberQuery};
use ideaboard_core::{Actor, ErrorCode, ops};

use crate::account_support::AccountBoard;
use crate::support::code_of;

fn query(team_only: bool, search: Option<&str>, after: Option<&str>, limit: u32) -> MemberQuery {
    MemberQuery {
        team_only,
        search: search.map(str::to_string),
        after: after.map(str::to_string),
        limit,
    }
}

fn names(page: &MemberPage) -> Vec<&str> {
    page.members
        .iter()
        .map(|m| m.profile.display_name.as_str())
        .collect()
}

#[test]
fn the_team_lists_members_newest_first_and_only_admins_see_emails() {
    let ab = AccountBoard::new();
    let b = &ab.board;
    let everyone = query(false, None, None, 50);

    let seen_by_mod = ops::member_directory(b, &ab.moderator.actor, &everyone).unwrap();
    assert_eq!(
        names(&seen_by_mod),
        [
            "Otto (other fan)",
            "Fang (fan)",
            "Mia (moderator)",
            "Ada (admin)"
        ]
    );
    assert!(
        seen_by_mod
            .members
            .iter()
            .all(|m| m.email.is_none() && !m.has_account),
        "a moderator sees no email: {seen_by_mod:?}"
    );
    assert_eq!(seen_by_mod.next, None);

    let seen_by_admin = ops::member_directory(b, &ab.admin.actor, &everyone).unwrap();
    let fang = &seen_by_admin.members[1];
    assert_eq!(fang.email.as_deref(), Some("fang@fans.example"));
    assert!(fang.has_account);
    assert_eq!(fang.profile.id, ab.fan.id);

    // Fans and guests get no list of the board's members.
    assert_eq!(
        code_of(ops::member_directory(b, &ab.fan.actor, &everyone)),
        ErrorCode::NotAllowed
    );
    assert_eq!(
        code_of(ops::member_directory(b, &Actor::guest(), &everyone)),
        ErrorCode::NotSignedIn
    );
}

#[test]
fn pages_follow_one_another_and_search_looks_at_emails_for_admins_only() {
    let ab = AccountBoard::new();
    let b = &ab.board;
    let admin = &ab.admin.actor;

    let first = ops::member_directory(b, admin, &query(false, None, None, 2)).unwrap();
    assert_eq!(names(&first), ["Otto (other fan)", "Fang (fan)"]);
    assert_eq!(first.next.as_deref(), Some(ab.fan.id.as_str()));
    let second =
        ops::member_directory(b, admin, &query(false, None, first.next.as_deref(), 2)).unwrap();
    assert_eq!(names(&second), ["Mia (moderator)", "Ada (admin)"]);
    assert_eq!(second.next, None);

    let team = ops::member_directory(b, admin, &query(true, None, None, 50)).unwrap();
    assert_eq!(names(&team), ["Mia (moderator)", "Ada (admin)"]);

    let by_name = query(false, Some("  FANG "), None, 50);
    let found = ops::member_directory(b, &ab.moderator.actor, &by_name).unwrap();
    assert_eq!(names(&found), ["Fang (fan)"]);

    let by_email = query(false, Some("fans.example"), None, 50);
    let for_admin = ops::member_directory(b, admin, &by_email).unwrap();
    assert_eq!(names(&for_admin), ["Otto (other fan)", "Fang (fan)"]);
    let for_mod = ops::member_directory(b, &ab.moderator.actor, &by_email).unwrap();
    assert!(
        for_mod.members.is_empty(),
        "a moderator cannot find members by their email: {for_mod:?}"
    );

    let unknown = query(false, None, Some("0190a000-0000-7000-8000-000000000000"), 5);
    assert_eq!(
        code_of(ops::member_directory(b, admin, &unknown)),
        ErrorCode::NotFound
    );
}
