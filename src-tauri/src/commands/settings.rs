//! Commands of the board's settings, its members' roles and the audit log.

use std::sync::Arc;

use ideaboard_core::model::{AuditEntry, BoardSettings, Category, MemberProfile, Role};
use ideaboard_core::{ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// The board's settings.
#[tauri::command]
pub async fn board_settings(shared: State<'_, Arc<Shared>>) -> Result<BoardSettings, ErrorDto> {
    blocking(&shared, |board, _| ops::board_settings(board)).await
}

/// Changes the board's settings (admins).
#[tauri::command]
pub async fn update_board_settings(
    shared: State<'_, Arc<Shared>>,
    settings: BoardSettings,
) -> Result<BoardSettings, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::update_board_settings(board, actor, &settings, Timestamp::now())
    })
    .await
}

/// Gives a member another role (admins).
#[tauri::command]
pub async fn change_role(
    shared: State<'_, Arc<Shared>>,
    member_id: String,
    role: Role,
) -> Result<MemberProfile, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::change_role(board, actor, &member_id, role, Timestamp::now())
    })
    .await
}

/// Sets or clears a profile's passphrase.
#[tauri::command]
pub async fn set_passphrase(
    shared: State<'_, Arc<Shared>>,
    member_id: String,
    passphrase: Option<String>,
) -> Result<MemberProfile, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::set_passphrase(
            board,
            actor,
            &member_id,
            passphrase.as_deref(),
            Timestamp::now(),
        )
    })
    .await
}

/// The latest team actions, newest first.
#[tauri::command]
pub async fn audit_log(
    shared: State<'_, Arc<Shared>>,
    limit: u32,
) -> Result<Vec<AuditEntry>, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::audit_log(board, actor, limit)
    })
    .await
}

/// Adds a category to the board (the team).
#[tauri::command]
pub async fn add_category(
    shared: State<'_, Arc<Shared>>,
    category: Category,
) -> Result<Category, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::add_category(board, actor, &category, Timestamp::now())
    })
    .await
}
