//! The app's one invoke handler: every command of the contract reaches
//! `ideaboard_api::dispatch` through here, on the blocking pool, so the window never
//! waits on the disk or the network. There is no per-command code in the shell.
//!
//! Where a command goes depends on the board the window shows ([`Boards`]): on its
//! board file, to the contract's dispatch; on a shared board, to the server through
//! `ideaboard_client` (`POST /api/<command>` as the member who joined), answered
//! the same way. A local-only command (`Command::served_remotely` is false: a path
//! of this machine, a local profile) is refused on a shared board with `LocalOnly`,
//! except the board menu's own, which the window serves whichever board it shows.
//!
//! Tauri's ACL runs before this handler: a command reaches it only when build.rs
//! declared it (`AppManifest::commands`, from the generated `commands.rs`) and a
//! capability allows it to the calling window (the generated
//! `capabilities/commands.json`). Anything else is refused by Tauri itself.

use std::str::FromStr;
use std::sync::Arc;

use ideaboard_api::boards::{KnownBoard, ServerCheck};
use ideaboard_api::commands::JoinBoardRequest;
use ideaboard_api::{Access, Host, STREAM_ARG, SessionHost};
use ideaboard_core::model::{BackupInfo, BoardHealth};
use ideaboard_core::{Actor, Board, Error, ErrorDto, Timestamp};
use serde_json::Value;
use tauri::ipc::{
    Channel, Invoke, InvokeBody, InvokeError, InvokeResponseBody, JavaScriptChannelId,
};
use tauri::{Manager, Runtime};

use crate::boards::{Boards, MENU_COMMANDS};
use crate::state::Shared;

/// The handler given to `Builder::invoke_handler`.
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    |invoke| {
        let Invoke {
            message, resolver, ..
        } = invoke;
        let name = message.command().to_string();
        let Some(shared) = message
            .webview_ref()
            .try_state::<Arc<Shared>>()
            .map(|s| Arc::clone(&s))
        else {
            resolver.reject(Error::Internal("the app state is missing".into()).to_dto());
            return true;
        };
        let args = match message.payload() {
            InvokeBody::Json(args) => args.clone(),
            // The UI sends JSON; raw bytes fail the request's parse with a clear code.
            InvokeBody::Raw(_) => Value::String("raw bytes".into()),
        };
        let stream = stream_channel(&name, &args, &message.webview());
        resolver.respond_async_serialized(async move {
            let answer = tauri::async_runtime::spawn_blocking(move || {
                let send = |item: Value| {
                    // A closed window drops the channel; the command still finishes.
                    if let Some(channel) = &stream {
                        let _ = channel.send(item);
                    }
                };
                run(&shared, &name, args, &send)
            })
            .await
            .unwrap_or_else(|e| Err(Error::Internal(e.to_string()).to_dto()));
            match answer {
                Ok(value) => Ok(InvokeResponseBody::Json(value.to_string())),
                Err(dto) => Err(rejection(dto)),
            }
        });
        true
    }
}

/// Runs the command `name` on the board the window shows.
fn run(shared: &Shared, name: &str, args: Value, send: &dyn Fn(Value)) -> Result<Value, ErrorDto> {
    let menu = MENU_COMMANDS.contains(&name);
    if let Some(remote) = shared.boards.remote().filter(|_| !menu) {
        return match ideaboard_api::command(name) {
            Some(command) if !command.served_remotely() => {
                Err(Error::LocalOnly(name.to_string()).to_dto())
            }
            // An unknown name is the server's to refuse, as it would be here.
            _ => remote.call(name, args),
        };
    }
    let host = WindowHost {
        session: SessionHost {
            slot: &shared.slot,
            session: &shared.session,
        },
        boards: &shared.boards,
    };
    ideaboard_api::dispatch(&host, name, args, send)
}

/// The window as a host of the contract: its board file's session, and the boards
/// it knows for the board menu.
struct WindowHost<'a> {
    session: SessionHost<'a>,
    boards: &'a Boards,
}

impl Host for WindowHost<'_> {
    fn now(&self) -> Timestamp {
        self.session.now()
    }

    fn run<T>(
        &self,
        access: Access,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        self.session.run(access, f)
    }

    fn set_actor(&self, actor: Actor) {
        self.session.set_actor(actor);
    }

    fn health(&self) -> BoardHealth {
        self.session.health()
    }

    fn board_file(&self) -> Result<std::path::PathBuf, ErrorDto> {
        self.session.board_file()
    }

    fn restore(&self, file_name: &str, now: Timestamp) -> Result<Option<BackupInfo>, ErrorDto> {
        self.session.restore(file_name, now)
    }

    fn open_read_only(&self) -> Result<(), ErrorDto> {
        self.session.open_read_only()
    }

    fn start_export(&self) -> Arc<std::sync::atomic::AtomicBool> {
        self.session.start_export()
    }

    fn cancel_export(&self) {
        self.session.cancel_export();
    }

    fn known_boards(&self) -> Result<Vec<KnownBoard>, ErrorDto> {
        Ok(self.boards.known())
    }

    fn check_server(&self, url: &str) -> Result<ServerCheck, ErrorDto> {
        self.boards.check(url)
    }

    fn join_board(&self, request: &JoinBoardRequest) -> Result<KnownBoard, ErrorDto> {
        self.boards.join(request)
    }

    fn switch_board(&self, id: &str) -> Result<KnownBoard, ErrorDto> {
        self.boards.switch(id)
    }

    fn leave_board(&self, id: &str) -> Result<(), ErrorDto> {
        self.boards.leave(id)
    }
}

/// For a command that streams, the Tauri channel the UI passed under [`STREAM_ARG`].
fn stream_channel<R: Runtime>(
    name: &str,
    args: &Value,
    webview: &tauri::Webview<R>,
) -> Option<Channel<Value>> {
    ideaboard_api::command(name)?.stream?;
    let id = args.get(STREAM_ARG)?.as_str()?;
    let id = JavaScriptChannelId::from_str(id).ok()?;
    Some(id.channel_on(webview.clone()))
}

/// The `ErrorDto` as the promise's rejection value.
fn rejection(dto: ErrorDto) -> InvokeError {
    InvokeError(serde_json::to_value(&dto).unwrap_or_else(|e| Value::String(e.to_string())))
}
