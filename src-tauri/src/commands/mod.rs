//! Thin commands: arguments in, one core op, a typed result or `ErrorDto` out. One
//! file per view area; each command is a few lines.

mod adoption;
mod backups;
mod board;
mod discuss;
mod exchange;
mod ideas;
mod insights;
mod moderation;
mod notifications;
mod search;
mod session;
mod settings;
mod team;

use std::sync::Arc;

use ideaboard_core::{Actor, Board, Error, ErrorDto};

use crate::state::Shared;

pub mod names {
    include!("names.rs");
}

/// Every command of the app, registered with the builder.
pub fn handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
    tauri::generate_handler![
        board::board_overview,
        backups::board_health,
        backups::list_backups,
        backups::backup_now,
        backups::restore_backup,
        backups::open_read_only,
        ideas::list_ideas,
        ideas::get_idea,
        ideas::submit_idea,
        ideas::vote,
        ideas::change_vote_priority,
        ideas::unvote,
        ideas::set_following,
        discuss::preview_markdown,
        discuss::list_comments,
        discuss::add_comment,
        discuss::edit_comment,
        discuss::delete_comment,
        discuss::react,
        session::list_profiles,
        session::current_profile,
        session::create_profile,
        session::sign_in,
        session::sign_out,
        session::my_points,
        search::search_ideas,
        search::similar_ideas,
        adoption::adoption_overview,
        adoption::my_idea_journeys,
        notifications::list_notifications,
        notifications::mark_notifications_read,
        notifications::votes_left,
        team::change_status,
        team::change_status_bulk,
        team::merge_preview,
        team::merge_ideas,
        team::get_idea_by_number,
        team::set_idea_hidden,
        team::set_idea_pinned,
        settings::board_settings,
        settings::update_board_settings,
        settings::change_role,
        settings::set_passphrase,
        settings::audit_log,
        settings::add_category,
        exchange::export_board,
        exchange::cancel_export,
        exchange::import_preview,
        exchange::import_board,
        moderation::report_content,
        moderation::moderation_queue,
        moderation::set_comment_hidden,
        moderation::resolve_reports,
        insights::triage_inbox,
        insights::team_analytics,
        insights::engagement
    ]
}

/// Runs a core op on the blocking pool, so the window never waits on the disk.
async fn blocking<T: Send + 'static>(
    shared: &Arc<Shared>,
    f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error> + Send + 'static,
) -> Result<T, ErrorDto> {
    let shared = Arc::clone(shared);
    tauri::async_runtime::spawn_blocking(move || shared.run(f))
        .await
        .map_err(|e| Error::Internal(e.to_string()).to_dto())?
}
