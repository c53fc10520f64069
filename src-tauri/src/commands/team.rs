//! Commands of the team's work on ideas: status changes with answers, merges, hiding
//! and pinning. The core refuses members whose role may not.

use std::sync::Arc;

use ideaboard_core::model::{IdeaDetail, IdeaStatus, StatusUpdate};
use ideaboard_core::ops::MergePreview;
use ideaboard_core::{ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// Moves an idea to a status, with the team's answer as the note.
#[tauri::command]
pub async fn change_status(
    shared: State<'_, Arc<Shared>>,
    update: StatusUpdate,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::change_status(board, actor, &update, Timestamp::now())
    })
    .await
}

/// Moves several ideas to one status with one answer, in one transaction.
#[tauri::command]
pub async fn change_status_bulk(
    shared: State<'_, Arc<Shared>>,
    idea_ids: Vec<String>,
    to: IdeaStatus,
    note: Option<String>,
) -> Result<Vec<IdeaDetail>, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::change_status_bulk(
            board,
            actor,
            &idea_ids,
            to,
            note.as_deref(),
            Timestamp::now(),
        )
    })
    .await
}

/// What a merge would move, without moving it.
#[tauri::command]
pub async fn merge_preview(
    shared: State<'_, Arc<Shared>>,
    source_id: String,
    target_id: String,
) -> Result<MergePreview, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::merge_preview(board, actor, &source_id, &target_id)
    })
    .await
}

/// Merges a duplicate into the idea that stays.
#[tauri::command]
pub async fn merge_ideas(
    shared: State<'_, Arc<Shared>>,
    source_id: String,
    target_id: String,
    note: Option<String>,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::merge_ideas(
            board,
            actor,
            &source_id,
            &target_id,
            note.as_deref(),
            Timestamp::now(),
        )
    })
    .await
}

/// An idea by its human number, for the team's pickers.
#[tauri::command]
pub async fn get_idea_by_number(
    shared: State<'_, Arc<Shared>>,
    number: u32,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::get_idea_by_number(board, actor, number, Timestamp::now())
    })
    .await
}

/// Hides an idea from fans, or shows it again.
#[tauri::command]
pub async fn set_idea_hidden(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
    hidden: bool,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::set_idea_hidden(board, actor, &idea_id, hidden, Timestamp::now())
    })
    .await
}

/// Pins an idea to the top of the lists, or unpins it.
#[tauri::command]
pub async fn set_idea_pinned(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
    pinned: bool,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::set_idea_pinned(board, actor, &idea_id, pinned, Timestamp::now())
    })
    .await
}
