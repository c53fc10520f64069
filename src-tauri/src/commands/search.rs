//! Commands of the search box (Vote view) and of the similar-ideas hint (Share view).

use std::sync::Arc;

use ideaboard_core::model::{SearchPage, SearchQuery, SimilarIdea};
use ideaboard_core::{ErrorDto, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// How many similar ideas the Share view suggests while a title is typed.
const SIMILAR_LIMIT: u32 = 5;

/// One page of full-text search results, with highlighted titles and snippets.
#[tauri::command]
pub async fn search_ideas(
    shared: State<'_, Arc<Shared>>,
    query: SearchQuery,
) -> Result<SearchPage, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::search_ideas(board, actor, &query)
    })
    .await
}

/// Ideas that look like the one being written, so a fan can vote instead of duplicating.
#[tauri::command]
pub async fn similar_ideas(
    shared: State<'_, Arc<Shared>>,
    title: String,
    body: Option<String>,
) -> Result<Vec<SimilarIdea>, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::similar_ideas(board, actor, &title, body.as_deref(), SIMILAR_LIMIT)
    })
    .await
}
