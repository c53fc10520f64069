//! The board's life in the server: opened (or, with `--demo`, created) on the
//! blocking pool while the server already listens, looked over once open,
//! checkpointed when idle, and checkpointed once more on the way out.

use std::sync::Arc;
use std::time::Duration;

use ideaboard_core::session::{BoardSlot, SlotState};
use ideaboard_core::{Actor, Board, Timestamp, ops};
use tokio::task::JoinHandle;

use crate::App;

/// How often the server looks for an idle moment to checkpoint the board.
const CHECKPOINT_EVERY: Duration = Duration::from_secs(20);

/// Opens the board in the background, then keeps it: the look-over (daily backup,
/// quick check) at start and every day, and idle checkpoints. The task ends when
/// aborted.
pub fn open_and_keep(app: Arc<App>) -> JoinHandle<()> {
    tokio::spawn(async move {
        match open_when_there(&app).await {
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
                    housekeeping(&app.slot).await;
                }
                _ = checkpoint.tick() => {
                    let slot = Arc::clone(&app.slot);
                    let _ = tokio::task::spawn_blocking(move || slot.checkpoint_when_idle(Timestamp::now())).await;
                }
            }
        }
    })
}

/// Deletes the sessions and links nobody can use any more (daily, beside the
/// look-over); see `ops::accounts::housekeeping`.
async fn housekeeping(slot: &Arc<BoardSlot>) {
    let slot = Arc::clone(slot);
    let done = tokio::task::spawn_blocking(move || {
        let now = Timestamp::now();
        slot.run(&Actor::guest(), |board, _| {
            ops::accounts::housekeeping(board, now)
        })
    })
    .await;
    match done {
        Ok(Ok(gone)) => tracing::info!(
            sessions = gone.sessions,
            invitations = gone.invitations,
            resets = gone.resets,
            "ended sessions and dead links deleted"
        ),
        Ok(Err(e)) => tracing::debug!(code = ?e.code, "housekeeping skipped: {}", e.message),
        Err(e) => tracing::error!(error = %e, "housekeeping panicked"),
    }
}

/// How often a server started before its board file exists looks for it.
const WAIT_FOR_FILE: Duration = Duration::from_secs(2);

/// How many times a board file that has just appeared is tried before its failure
/// stands: `ideaboard-server admin create` may still be writing its first schema.
const TRIES_ONCE_THERE: u32 = 10;

/// Opens the board (creating the demo with `--demo`). Without `--demo` and without
/// a board file yet (a fresh install, before `ideaboard-server admin create`), the
/// slot says why it is not open (every request answers so, `/healthz` is 503) and
/// the server waits for the file to appear, then opens it: no restart needed.
async fn open_when_there(app: &Arc<App>) -> Result<SlotState, tokio::task::JoinError> {
    let path = app.config.board.clone();
    let demo = app.config.demo;
    let durability = app.config.durability;
    let mut waited = false;
    let mut tries = 0;
    loop {
        let slot = Arc::clone(&app.slot);
        let file = path.clone();
        let state = tokio::task::spawn_blocking(move || {
            slot.open(&file, |p| {
                let board = if demo {
                    Board::open_or_create_demo(p, Timestamp::now())
                } else {
                    Board::open(p, Timestamp::now())
                }?;
                board.set_durability(durability)?;
                Ok(board)
            });
            slot.state()
        })
        .await?;
        let SlotState::Failed(_) = &state else {
            return Ok(state);
        };
        if path.exists() {
            tries += 1;
            if !waited || tries >= TRIES_ONCE_THERE {
                return Ok(state);
            }
        } else {
            if !waited {
                tracing::warn!(
                    board = %path.display(),
                    "no board file yet: waiting for it (make it with `ideaboard-server admin create`)"
                );
            }
            waited = true;
        }
        let pause = if path.exists() {
            Duration::from_millis(500)
        } else {
            WAIT_FOR_FILE
        };
        tokio::time::sleep(pause).await;
    }
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
