//! Commands of the discussion on an idea page.

use std::sync::Arc;

use ideaboard_core::model::{CommentView, NewComment, Reaction};
use ideaboard_core::render::markdown_to_safe_html;
use ideaboard_core::{ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// Markdown rendered and sanitised by the core, for live previews.
#[tauri::command]
pub fn preview_markdown(text: String) -> String {
    markdown_to_safe_html(&text)
}

/// The thread of an idea, as the current member may see it.
#[tauri::command]
pub async fn list_comments(
    shared: State<'_, Arc<Shared>>,
    idea_id: String,
) -> Result<Vec<CommentView>, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::list_comments(board, actor, &idea_id)
    })
    .await
}

/// Adds a comment or a reply.
#[tauri::command]
pub async fn add_comment(
    shared: State<'_, Arc<Shared>>,
    input: NewComment,
) -> Result<CommentView, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::add_comment(board, actor, &input, Timestamp::now())
    })
    .await
}

/// Edits the current member's comment.
#[tauri::command]
pub async fn edit_comment(
    shared: State<'_, Arc<Shared>>,
    comment_id: String,
    body: String,
) -> Result<CommentView, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::edit_comment(board, actor, &comment_id, &body, Timestamp::now())
    })
    .await
}

/// Deletes a comment, keeping its place in the thread.
#[tauri::command]
pub async fn delete_comment(
    shared: State<'_, Arc<Shared>>,
    comment_id: String,
) -> Result<(), ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::delete_comment(board, actor, &comment_id, Timestamp::now())
    })
    .await
}

/// Adds or removes a reaction on a comment.
#[tauri::command]
pub async fn react(
    shared: State<'_, Arc<Shared>>,
    comment_id: String,
    reaction: Reaction,
    on: bool,
) -> Result<CommentView, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::react(board, actor, &comment_id, reaction, on, Timestamp::now())
    })
    .await
}
