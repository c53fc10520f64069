//! Commands of the notification centre and of the vote budget in the frame.

use std::sync::Arc;

use ideaboard_core::model::NotificationPage;
use ideaboard_core::{ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// The member's latest notifications (or only the unread ones) and the unread count.
#[tauri::command]
pub async fn list_notifications(
    shared: State<'_, Arc<Shared>>,
    unread_only: bool,
    limit: u32,
) -> Result<NotificationPage, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::list_notifications(board, actor, unread_only, limit)
    })
    .await
}

/// Marks the given notifications read, or all of them when `ids` is None.
#[tauri::command]
pub async fn mark_notifications_read(
    shared: State<'_, Arc<Shared>>,
    ids: Option<Vec<String>>,
) -> Result<usize, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::mark_notifications_read(board, actor, ids.as_deref(), Timestamp::now())
    })
    .await
}

/// What is left of the board's vote budget for the acting member; None without one.
#[tauri::command]
pub async fn votes_left(shared: State<'_, Arc<Shared>>) -> Result<Option<u32>, ErrorDto> {
    blocking(&shared, |board, actor| ops::votes_left(board, actor)).await
}
