//! Commands of the Vote view (the idea list) and the idea page.

use std::sync::Arc;

use ideaboard_core::model::{IdeaDetail, IdeaPage, ListQuery, NewIdea, Priority};
use ideaboard_core::{ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// One page of the idea list, as the current member sees it.
#[tauri::command]
pub async fn list_ideas(
    shared: State<'_, Arc<Shared>>,
    query: ListQuery,
) -> Result<IdeaPage, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::list_ideas(board, actor, &query)
    })
    .await
}

/// One idea's page.
#[tauri::command]
pub async fn get_idea(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::get_idea(board, actor, &idea_id, Timestamp::now())
    })
    .await
}

/// Submits a new idea as the current member.
#[tauri::command]
pub async fn submit_idea(
    shared: State<'_, Arc<Shared>>,
    input: NewIdea,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::submit_idea(board, actor, &input, Timestamp::now())
    })
    .await
}

/// Votes for an idea with a priority.
#[tauri::command]
pub async fn vote(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
    priority: Priority,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::vote(board, actor, &idea_id, priority, Timestamp::now())
    })
    .await
}

/// Changes the priority of the current member's vote.
#[tauri::command]
pub async fn change_vote_priority(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
    priority: Priority,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::change_vote_priority(board, actor, &idea_id, priority, Timestamp::now())
    })
    .await
}

/// Withdraws the current member's vote.
#[tauri::command]
pub async fn unvote(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::unvote(board, actor, &idea_id, Timestamp::now())
    })
    .await
}

/// Follows or stops following an idea.
#[tauri::command]
pub async fn set_following(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
    on: bool,
) -> Result<IdeaDetail, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::set_following(board, actor, &idea_id, on, Timestamp::now())
    })
    .await
}
