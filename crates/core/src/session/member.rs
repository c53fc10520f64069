//! One session on a board: the member acting in it, the backup its last restore
//! kept (which the same session may restore again to undo, signed in or not), and
//! the cancel flag of its running export. The desktop window has one; a server has
//! one per signed-in client.

use std::sync::Arc;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::Actor;

use super::lock::lock;

/// Who acts in one session, and what belongs to that session alone.
pub struct Session {
    actor: Mutex<Actor>,
    /// The backup kept by the last restore made in this session: its undo.
    undo: Mutex<Option<String>>,
    /// Set to stop the export that is running; read outside the board's lock.
    export_cancel: Arc<AtomicBool>,
}

impl Default for Session {
    fn default() -> Self {
        Session::as_member(Actor::guest())
    }
}

impl Session {
    /// A session in which `actor` acts.
    pub fn as_member(actor: Actor) -> Self {
        Session {
            actor: Mutex::new(actor),
            undo: Mutex::new(None),
            export_cancel: Arc::default(),
        }
    }

    /// The member acting in this session now.
    pub fn actor(&self) -> Actor {
        lock(&self.actor).clone()
    }

    /// Makes `actor` the member acting in this session from now on.
    pub fn set_actor(&self, actor: Actor) {
        *lock(&self.actor) = actor;
    }

    /// Whether `file_name` is the backup this session's last restore kept: restoring
    /// it undoes that restore, which its maker may do without being an admin.
    pub fn may_undo_with(&self, file_name: &str) -> bool {
        lock(&self.undo).as_deref() == Some(file_name)
    }

    /// Notes the backup a restore made in this session kept.
    pub(super) fn kept_by_restore(&self, file_name: Option<String>) {
        *lock(&self.undo) = file_name;
    }

    /// A fresh cancel flag for an export about to start.
    pub fn start_export(&self) -> Arc<AtomicBool> {
        self.export_cancel.store(false, Ordering::Relaxed);
        Arc::clone(&self.export_cancel)
    }

    /// Asks the running export to stop at its next progress report.
    pub fn cancel_export(&self) {
        self.export_cancel.store(true, Ordering::Relaxed);
    }
}
