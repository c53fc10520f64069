//! Commands of the adoption view.

use std::sync::Arc;

use ideaboard_core::model::{AdoptionOverview, IdeaJourney};
use ideaboard_core::{ErrorDto, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// Roadmap, launched showcase and adoption figures.
#[tauri::command]
pub async fn adoption_overview(
    shared: State<'_, Arc<Shared>>,
) -> Result<AdoptionOverview, ErrorDto> {
    blocking(&shared, |board, actor| ops::adoption_overview(board, actor)).await
}

/// The signed-in member's own ideas with their journeys.
#[tauri::command]
pub async fn my_idea_journeys(
    shared: State<'_, Arc<Shared>>,
) -> Result<Vec<IdeaJourney>, ErrorDto> {
    blocking(&shared, |board, actor| ops::my_idea_journeys(board, actor)).await
}
