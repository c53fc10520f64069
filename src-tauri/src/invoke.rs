//! The app's one invoke handler: every command of the contract reaches
//! `ideaboard_api::dispatch` through here, on the blocking pool, so the window never
//! waits on the disk. There is no per-command code in the shell.
//!
//! Tauri's ACL runs before this handler: a command reaches it only when build.rs
//! declared it (`AppManifest::commands`, from the generated `commands.rs`) and a
//! capability allows it to the calling window (the generated
//! `capabilities/commands.json`). Anything else is refused by Tauri itself.

use std::str::FromStr;
use std::sync::Arc;

use ideaboard_api::{STREAM_ARG, SessionHost};
use ideaboard_core::{Error, ErrorDto};
use serde_json::Value;
use tauri::ipc::{
    Channel, Invoke, InvokeBody, InvokeError, InvokeResponseBody, JavaScriptChannelId,
};
use tauri::{Manager, Runtime};

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
                let host = SessionHost {
                    slot: &shared.slot,
                    session: &shared.session,
                };
                ideaboard_api::dispatch(&host, &name, args, &send)
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
