//! Who is acting in this window: the profile switcher.

use std::sync::Arc;

use ideaboard_core::model::{MemberProfile, NewMember, PointsEntry, Role};
use ideaboard_core::{Actor, ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// Every profile of the board.
#[tauri::command]
pub async fn list_profiles(shared: State<'_, Arc<Shared>>) -> Result<Vec<MemberProfile>, ErrorDto> {
    blocking(&shared, |board, _| ops::list_members(board)).await
}

/// The profile acting in this window; None for a guest.
#[tauri::command]
pub async fn current_profile(
    shared: State<'_, Arc<Shared>>,
) -> Result<Option<MemberProfile>, ErrorDto> {
    blocking(&shared, |board, actor| match actor.member_id() {
        Some(_) => ops::my_profile(board, actor).map(Some),
        None => Ok(None),
    })
    .await
}

/// Creates a fan profile and signs in with it.
#[tauri::command]
pub async fn create_profile(
    shared: State<'_, Arc<Shared>>,
    display_name: String,
) -> Result<MemberProfile, ErrorDto> {
    let input = NewMember {
        display_name,
        role: Role::Fan,
        passphrase: None,
    };
    let (actor, profile) = blocking(&shared, move |board, actor| {
        let profile = ops::create_member(board, actor, &input, Timestamp::now())?;
        Ok((ops::sign_in(board, &profile.id, None)?, profile))
    })
    .await?;
    shared.set_actor(actor);
    Ok(profile)
}

/// Signs in with a profile; a profile with a passphrase needs it.
#[tauri::command]
pub async fn sign_in(
    shared: State<'_, Arc<Shared>>,
    member_id: String,
    passphrase: Option<String>,
) -> Result<MemberProfile, ErrorDto> {
    let (actor, profile) = blocking(&shared, move |board, _| {
        let actor = ops::sign_in(board, &member_id, passphrase.as_deref())?;
        Ok((actor.clone(), ops::my_profile(board, &actor)?))
    })
    .await?;
    shared.set_actor(actor);
    Ok(profile)
}

/// Back to browsing as a guest.
#[tauri::command]
pub fn sign_out(shared: State<'_, Arc<Shared>>) {
    shared.set_actor(Actor::guest());
}

/// The signed-in member's latest points ledger lines, newest first.
#[tauri::command]
pub async fn my_points(
    shared: State<'_, Arc<Shared>>,
    limit: u32,
) -> Result<Vec<PointsEntry>, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::my_points(board, actor, limit)
    })
    .await
}
