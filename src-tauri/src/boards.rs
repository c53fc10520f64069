//! Which board the window shows: its board file (what it opened at start), or a
//! shared board on a server, reached through `ideaboard_client` as the member who
//! joined it. Joining, switching and leaving happen here (the contract's board
//! menu commands); the list and the tokens are kept by [`crate::known`].
//!
//! While a shared board is shown, its live stream ([`Live`]) is the window's
//! follower: it emits the same `board-changes` event the board file's follower
//! does (which pauses meanwhile), so every view updates as it does on a board file.
//! The stream reconnects by itself after the server went away.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard};

use ideaboard_api::boards::{BoardKind, KnownBoard, ServerCheck};
use ideaboard_api::commands::JoinBoardRequest;
use ideaboard_api::events;
use ideaboard_client::{Live, LiveEvent, NewAccount, Remote};
use ideaboard_core::{Error, ErrorDto};
use serde_json::Value;
use tauri::{AppHandle, Emitter};

use crate::known::{Entry, Store, Stored};

/// The board menu's commands: served by the window whichever board it shows.
pub const MENU_COMMANDS: &[&str] = &[
    "known_boards",
    "check_server",
    "join_board",
    "switch_board",
    "leave_board",
];

/// What the server lists this app's sessions as.
const SESSION_LABEL: &str = "Ideaboard desktop app";

/// The shared board shown now, and its live stream.
struct Shown {
    id: String,
    remote: Remote,
    _live: Live,
}

struct State {
    stored: Stored,
    shown: Option<Shown>,
}

/// The boards of the window: the one shown, the ones known.
pub struct Boards {
    store: Store,
    /// This window's board file.
    local: PathBuf,
    app: Option<AppHandle>,
    state: Mutex<State>,
}

fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    // Every change to the state is made whole under the lock before it is saved.
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn io_error(e: std::io::Error) -> ErrorDto {
    Error::from(e).to_dto()
}

impl Boards {
    /// The boards of a window on the board file `local`, with the list in `store`;
    /// `app` receives the shared board's live events (None: nobody listens).
    pub fn new(store: Store, local: PathBuf, app: Option<AppHandle>) -> Boards {
        let stored = store.load();
        Boards {
            store,
            local,
            app,
            state: Mutex::new(State {
                stored,
                shown: None,
            }),
        }
    }

    /// The shared board shown now, if one is.
    pub fn remote(&self) -> Option<Remote> {
        lock(&self.state).shown.as_ref().map(|s| s.remote.clone())
    }

    /// Whether the window shows its board file (so its follower should follow).
    pub fn shows_local(&self) -> bool {
        lock(&self.state).shown.is_none()
    }

    /// Records the window's board file under its board's `name`.
    pub fn remember_local(&self, name: &str) {
        let entry = Entry::local(&self.local, name);
        let mut state = lock(&self.state);
        upsert(&mut state.stored.boards, entry);
        let _ = self.store.save(&state.stored);
    }

    /// Shows the shared board the window showed last, if its token is still kept
    /// (the app was closed on it). Unless the start named a board file.
    pub fn resume(&self) {
        let mut state = lock(&self.state);
        let Some(id) = state.stored.current.clone() else {
            return;
        };
        let entry = state.stored.boards.iter().find(|e| e.id == id).cloned();
        match entry.and_then(|e| self.connect(&e).ok()) {
            Some(shown) => state.shown = Some(shown),
            None => {
                state.stored.current = None;
                let _ = self.store.save(&state.stored);
            }
        }
    }

    /// The boards known, this window's board file first.
    pub fn known(&self) -> Vec<KnownBoard> {
        let state = lock(&self.state);
        let shown = state.shown.as_ref().map(|s| s.id.as_str());
        let local = Entry::local(&self.local, &file_name(&self.local));
        let mut out = vec![];
        match state.stored.boards.iter().find(|e| e.id == local.id) {
            Some(entry) => out.push(entry.shown(shown.is_none())),
            None => out.push(local.shown(shown.is_none())),
        }
        for entry in state.stored.boards.iter().filter(|e| e.id != local.id) {
            out.push(entry.shown(shown == Some(entry.id.as_str())));
        }
        out
    }

    /// Whether an Ideaboard server answers at `url`, and its board's name.
    pub fn check(&self, url: &str) -> Result<ServerCheck, ErrorDto> {
        let remote = Remote::new(url)?;
        remote.check()?;
        let overview = remote.call("board_overview", Value::Null)?;
        Ok(ServerCheck {
            url: remote.base_url().to_string(),
            name: board_name(&overview),
        })
    }

    /// Signs in to (or up on) the server, keeps the token, shows the board.
    pub fn join(&self, request: &JoinBoardRequest) -> Result<KnownBoard, ErrorDto> {
        let guest = Remote::new(&request.url)?;
        guest.check()?;
        let signed = match &request.display_name {
            Some(display_name) => guest.sign_up(
                &NewAccount {
                    display_name: display_name.clone(),
                    email: request.email.clone(),
                    password: request.password.clone(),
                    invitation: request.invitation.clone(),
                },
                SESSION_LABEL,
            )?,
            None => guest.sign_in(&request.email, &request.password, SESSION_LABEL)?,
        };
        let member = guest.with_bearer(signed.token.clone());
        let name = board_name(&member.call("board_overview", Value::Null)?);
        let email = signed
            .profile
            .get("email")
            .and_then(Value::as_str)
            .unwrap_or(&request.email)
            .to_string();
        let mut entry = Entry::server(member.base_url(), &email, &name);

        let mut state = lock(&self.state);
        // The same member on the same server again: the same board, a new session.
        let mut replaced = None;
        if let Some(known) = state
            .stored
            .boards
            .iter()
            .find(|e| e.location == entry.location && e.email == entry.email)
        {
            entry.id = known.id.clone();
            replaced = self.store.token(&known.id);
        }
        self.store
            .keep_token(&entry.id, &signed.token)
            .map_err(io_error)?;
        upsert(&mut state.stored.boards, entry.clone());
        state.stored.current = Some(entry.id.clone());
        // The old stream stops before the new one starts.
        state.shown = None;
        state.shown = Some(self.follow(entry.id.clone(), member.clone())?);
        self.store.save(&state.stored).map_err(io_error)?;
        drop(state);
        if let Some(old) = replaced {
            // Best effort, off the lock: the old session ends on the server too.
            let _ = member.with_bearer(old).sign_out();
        }
        Ok(entry.shown(true))
    }

    /// Shows the known board `id`: this window's board file, or a shared board
    /// (`NotSignedIn` when its session is no longer kept). Another board file opens
    /// in a window of its own (an app of its own, as `--board` starts it).
    pub fn switch(&self, id: &str) -> Result<KnownBoard, ErrorDto> {
        let mut state = lock(&self.state);
        let entry = state
            .stored
            .boards
            .iter()
            .find(|e| e.id == id)
            .cloned()
            .or_else(|| {
                let local = Entry::local(&self.local, &file_name(&self.local));
                (local.id == id).then_some(local)
            })
            .ok_or_else(|| Error::NotFound { what: "board" }.to_dto())?;
        match entry.kind {
            BoardKind::Local if Path::new(&entry.location) == self.local => {
                state.shown = None;
                state.stored.current = None;
            }
            BoardKind::Local => {
                open_window_on(Path::new(&entry.location))?;
                return Ok(entry.shown(false));
            }
            BoardKind::Server => {
                let shown = self.connect(&entry)?;
                state.shown = Some(shown);
                state.stored.current = Some(entry.id.clone());
            }
        }
        self.store.save(&state.stored).map_err(io_error)?;
        Ok(entry.shown(true))
    }

    /// Signs out of the shared board `id` (on the server when it answers), forgets
    /// its token and the board; a board file other than this window's is only
    /// forgotten. The window's own board file stays.
    pub fn leave(&self, id: &str) -> Result<(), ErrorDto> {
        let mut state = lock(&self.state);
        let Some(entry) = state.stored.boards.iter().find(|e| e.id == id).cloned() else {
            return Err(Error::NotFound { what: "board" }.to_dto());
        };
        if entry.kind == BoardKind::Local && Path::new(&entry.location) == self.local {
            return Err(Error::InvalidInput {
                field: "board",
                reason: "this window's own board file cannot be left".into(),
            }
            .to_dto());
        }
        let mut token = None;
        if entry.kind == BoardKind::Server {
            if state.shown.as_ref().is_some_and(|s| s.id == id) {
                state.shown = None;
                state.stored.current = None;
            }
            token = self.store.token(id);
            self.store.forget_token(id).map_err(io_error)?;
        }
        state.stored.boards.retain(|e| e.id != id);
        self.store.save(&state.stored).map_err(io_error)?;
        drop(state);
        // Off the lock: signed out on this machine even when the server cannot be
        // told now (the token is gone from here either way).
        if let Some(token) = token
            && let Ok(remote) = Remote::new(&entry.location)
        {
            let _ = remote.with_bearer(token).sign_out();
        }
        Ok(())
    }

    /// A shared board's client with its kept token, following its stream.
    fn connect(&self, entry: &Entry) -> Result<Shown, ErrorDto> {
        let token = self
            .store
            .token(&entry.id)
            .ok_or_else(|| Error::NotSignedIn.to_dto())?;
        let remote = Remote::new(&entry.location)?.with_bearer(token);
        self.follow(entry.id.clone(), remote)
    }

    /// Starts following `remote`'s board for the window.
    fn follow(&self, id: String, remote: Remote) -> Result<Shown, ErrorDto> {
        let app = self.app.clone();
        let live = Live::follow(remote.clone(), None, move |event| {
            let Some(app) = &app else { return };
            match event {
                LiveEvent::Page(page) => {
                    let _ = app.emit_to("main", events::BOARD_CHANGES.name, page);
                }
                LiveEvent::Connected => {
                    let _ = app.emit_to("main", events::SERVER_CONNECTION.name, true);
                }
                LiveEvent::Disconnected(_) => {
                    let _ = app.emit_to("main", events::SERVER_CONNECTION.name, false);
                }
            }
        })
        .map_err(io_error)?;
        Ok(Shown {
            id,
            remote,
            _live: live,
        })
    }

    /// Stops the shared board's stream (the app is closing).
    pub fn close(&self) {
        lock(&self.state).shown = None;
    }
}

/// Puts `entry` in the list, in the place of the one with its id.
fn upsert(list: &mut Vec<Entry>, entry: Entry) {
    match list.iter_mut().find(|e| e.id == entry.id) {
        Some(known) => *known = entry,
        None => list.push(entry),
    }
}

/// A board's name from its overview.
fn board_name(overview: &Value) -> String {
    overview
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// What a board file is called before its board said its name.
fn file_name(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Starts the app on the board file `path`: its own window (or the one already on
/// it comes forward).
fn open_window_on(path: &Path) -> Result<(), ErrorDto> {
    let exe = std::env::current_exe().map_err(io_error)?;
    std::process::Command::new(exe)
        .arg("--board")
        .arg(path)
        .spawn()
        .map(|_| ())
        .map_err(io_error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_menu_commands_are_the_contracts_local_ones() {
        for name in MENU_COMMANDS {
            let command = ideaboard_api::command(name).expect("in the contract");
            assert!(!command.served_remotely(), "{name} is local");
        }
    }

    #[test]
    fn a_fresh_window_knows_its_board_file_and_shows_it() {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::new(dir.path().join("config"), dir.path().join("data"));
        let local = dir.path().join("mine.board");
        let boards = Boards::new(store.clone(), local.clone(), None);
        let known = boards.known();
        assert_eq!(known.len(), 1);
        assert_eq!(known[0].kind, BoardKind::Local);
        assert_eq!(known[0].name, "mine");
        assert!(known[0].current);
        assert!(boards.shows_local());

        boards.remember_local("Acme ideas");
        let again = Boards::new(store, local, None);
        assert_eq!(again.known()[0].name, "Acme ideas");
        let id = again.known()[0].id.clone();
        assert_eq!(
            again.leave(&id).unwrap_err().code,
            ideaboard_core::ErrorCode::InvalidInput
        );
        assert_eq!(
            again.switch("server-unknown").unwrap_err().code,
            ideaboard_core::ErrorCode::NotFound
        );
    }
}
