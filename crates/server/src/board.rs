//! The board's life in the server: opened (or, with `--demo`, created) on the
//! blocking pool while the server already listens, looked over once open,
//! checkpointed when idle, and checkpointed once more on the way out.

use std::sync::Arc;
use std::time::Duration;

use ideaboard_core::session::BoardSlot;
use ideaboard_core::{Board, Timestamp};
use tokio::task::JoinHandle;

use crate::App;

/// How often the server looks for an idle moment to checkpoint the board.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(20);

/// Opens the board in the background, then keeps it: the look-over (daily backup,
/// quick check) at start and every day, and idle checkpoints. The task ends when
/// aborted.
pub fn open_and_keep(app: Arc<App>) -> JoinHandle<()> {
    tokio::spawn(async move {
        let slot = Arc::clone(&app.slot);
        let path = app.config.board.clone();
        let demo = app.config.demo;
        let opened = tokio::task::spawn_blocking(move || {
            slot.open(&path, |p| {
                if demo {
                    Board::open_or_create_demo(p, Timestamp::now())
                } else {
                    Board::open(p, Timestamp::now())
                }
            });
            slot.state()
        })
        .await;
        match opened {
            Ok(state) => tracing::info!(?state, "board opened"),
            Err(e) => tracing::error!(error = %e, "opening the board panicked"),
        }
        let mut look_over = tokio::time::interval(Duration::from_secs(24 * 60 * 60));
        let mut checkpoint = tokio::time::interval(CHECKPOINT_EVERY);
        loop {
            tokio::select! {
                _ = look_over.tick() => {
                    let slot = Arc::clone(&app.slot);
                    let health = tokio::task::spawn_blocking(move || slot.look_over(Timestamp::now())).await;
                    match health {
                        Ok(h) if h.problems.is_empty() && h.backup_error.is_none() => tracing::info!(daily_backup = h.daily_backup.is_some(), "board looked over"),
                        Ok(h) => tracing::warn!(problems = ?h.problems, backup_error = ?h.backup_error, "the board needs a look"),
                        Err(e) => tracing::error!(error = %e, "the look-over panicked"),
                    }
                }
                _ = checkpoint.tick() => {
                    let slot = Arc::clone(&app.slot);
                    let _ = tokio::task::spawn_blocking(move || slot.checkpoint_when_idle(Timestamp::now())).await;
                }
            }
        }
    })
}

/// The last checkpoint, after the last request: the board file is whole without its
/// write-ahead log.
pub async fn close(slot: &Arc<BoardSlot>) {
    let slot = Arc::clone(slot);
    let done = tokio::task::spawn_blocking(move || slot.checkpoint_when_idle(Timestamp::now()));
    match done.await {
        Ok(true) => tracing::info!("board checkpointed"),
        Ok(false) => tracing::warn!("the board was busy or not open at shutdown; not checkpointed"),
        Err(e) => tracing::error!(error = %e, "the last checkpoint panicked"),
    }
}
