//! Commands of the Vote view (the idea list).

use std::sync::Arc;

use ideaboard_core::model::{IdeaPage, ListQuery};
use ideaboard_core::{ErrorDto, ops};
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
