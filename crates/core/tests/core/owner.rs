//! `ops::act_as_owner`: how tools that hold the board file (the CLI's export and
//! import, the stress harnesses) act for the team with nobody signed in. The owner
//! is the admin who joined first; a board without an admin says so.

use ideaboard_core::model::{ExportFormat, ExportRequest, Role};
use ideaboard_core::{Board, ErrorCode, Timestamp, ops};

use super::support::*;

#[test]
fn a_board_without_an_admin_has_no_owner_to_act_as() {
    let board = Board::open_in_memory("No one yet", T0).unwrap();
    let refused = ops::act_as_owner(&board).unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NotFound);
    let message = refused.to_string();
    assert!(message.contains("board owner (an admin)"), "{message}");
}

#[test]
fn the_owner_is_the_creator_and_acts_as_the_team() {
    let (mut board, owner) = new_board(T0);
    add_fan(&mut board, "Early fan", T0);
    add_team(
        &mut board,
        &owner,
        "Later admin",
        Role::Admin,
        T0.plus_millis(DAY),
    );
    let actor = ops::act_as_owner(&board).unwrap();
    assert_eq!(actor, owner.actor);
    assert_eq!(actor.member_id(), Some(owner.id.as_str()));
    // It acts as any admin would: a team-only op is allowed.
    let request = ExportRequest {
        format: ExportFormat::Csv,
        filter: Default::default(),
        include_internal: false,
    };
    ops::export(&board, &actor, &request, T0, Vec::new(), &mut |_, _| true).unwrap();
}

#[test]
fn the_owner_is_the_first_admin_by_join_date_and_follows_role_changes() {
    let (mut board, owner) = new_board(T0);
    // Joined before the creator (as an imported bundle's members can have).
    let founder = add_team(
        &mut board,
        &owner,
        "Founder",
        Role::Admin,
        Timestamp::from_millis(T0.millis() - 30 * DAY),
    );
    let later = add_team(
        &mut board,
        &owner,
        "Later",
        Role::Admin,
        T0.plus_millis(HOUR),
    );
    assert_eq!(ops::act_as_owner(&board).unwrap(), founder.actor);

    // A demoted founder is no longer the owner: the next admin by join date is.
    ops::change_role(&mut board, &owner.actor, &founder.id, Role::Moderator, T0).unwrap();
    assert_eq!(ops::act_as_owner(&board).unwrap(), owner.actor);
    ops::change_role(&mut board, &later.actor, &owner.id, Role::Fan, T0).unwrap();
    assert_eq!(ops::act_as_owner(&board).unwrap(), later.actor);
}
