//! Commands of the window frame.

use std::sync::Arc;

use ideaboard_core::model::BoardOverview;
use ideaboard_core::{ErrorDto, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// Name, categories and size of the open board.
#[tauri::command]
pub async fn board_overview(shared: State<'_, Arc<Shared>>) -> Result<BoardOverview, ErrorDto> {
    blocking(&shared, |board, _| ops::board_overview(board)).await
}
