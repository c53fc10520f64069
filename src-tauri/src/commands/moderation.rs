//! Commands of reports and the team's moderation queue.

use std::sync::Arc;

use ideaboard_core::model::{
    CommentView, ContentRef, ModerationPage, NewReport, Report, ReportOutcome,
};
use ideaboard_core::{ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// A member reports an idea or a comment to the team.
#[tauri::command]
pub async fn report_content(
    shared: State<'_, Arc<Shared>>,
    input: NewReport,
) -> Result<Report, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::report_content(board, actor, &input, Timestamp::now())
    })
    .await
}

/// One page of reported, hidden and removed content.
#[tauri::command]
pub async fn moderation_queue(
    shared: State<'_, Arc<Shared>>,
    offset: u32,
    limit: u32,
) -> Result<ModerationPage, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::moderation_queue(board, actor, offset, limit)
    })
    .await
}

/// Hides a comment from fans, or shows it again.
#[tauri::command]
pub async fn set_comment_hidden(
    shared: State<'_, Arc<Shared>>,
    comment_id: String,
    hidden: bool,
) -> Result<CommentView, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::set_comment_hidden(board, actor, &comment_id, hidden, Timestamp::now())
    })
    .await
}

/// Closes the open reports on an idea or a comment.
#[tauri::command]
pub async fn resolve_reports(
    shared: State<'_, Arc<Shared>>,
    target: ContentRef,
    outcome: ReportOutcome,
) -> Result<u32, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::resolve_reports(board, actor, &target, outcome, Timestamp::now())
    })
    .await
}
