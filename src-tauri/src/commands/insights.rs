//! Commands of what the team reads: the triage inbox, team analytics and engagement.

use std::sync::Arc;

use ideaboard_core::model::{Engagement, TeamAnalytics, TriagePage, TriageQuery};
use ideaboard_core::{ErrorDto, Timestamp, ops};
use tauri::State;

use super::blocking;
use crate::state::Shared;

/// New and under-review ideas, those past the support threshold first.
#[tauri::command]
pub async fn triage_inbox(
    shared: State<'_, Arc<Shared>>,
    query: TriageQuery,
) -> Result<TriagePage, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::triage_inbox(board, actor, &query)
    })
    .await
}

/// Weekly activity, the status funnel, adoption by category, oldest unanswered.
#[tauri::command]
pub async fn team_analytics(
    shared: State<'_, Arc<Shared>>,
    weeks: u32,
) -> Result<TeamAnalytics, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::team_analytics(board, actor, weeks, Timestamp::now())
    })
    .await
}

/// Core fans, the leaderboard and participants per week.
#[tauri::command]
pub async fn engagement(
    shared: State<'_, Arc<Shared>>,
    leaderboard: u32,
    weeks: u32,
) -> Result<Engagement, ErrorDto> {
    blocking(&shared, move |board, actor| {
        ops::engagement(board, actor, leaderboard, weeks, Timestamp::now())
    })
    .await
}
