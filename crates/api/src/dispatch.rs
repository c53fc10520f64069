//! The one way into the contract: a command's name and its JSON arguments in, its
//! JSON answer or an [`ErrorDto`] out. Hosts call [`dispatch`] on a thread that may
//! block; an unknown name or arguments that do not fit the request type are errors
//! with their own codes, never a panic.

use ideaboard_core::{Actor, Board, Error, ErrorDto, Timestamp};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::{Access, Host};

/// One call of a command: the host, whether the command writes, and where what it
/// streams goes.
pub struct Call<'a, H> {
    host: &'a H,
    access: Access,
    stream: &'a dyn Fn(Value),
}

impl<'a, H: Host> Call<'a, H> {
    /// The same call, for a command of the given access.
    pub(crate) fn with_access(&self, access: Access) -> Call<'a, H> {
        Call {
            host: self.host,
            access,
            stream: self.stream,
        }
    }

    /// The host.
    pub fn host(&self) -> &'a H {
        self.host
    }

    /// The wall clock, read when asked (inside the board's turn, as ops expect).
    pub fn now(&self) -> Timestamp {
        self.host.now()
    }

    /// Runs `f` on the board as the acting member, with the command's access.
    pub fn board<T>(
        &self,
        f: impl FnOnce(&mut Board, &Actor) -> Result<T, Error>,
    ) -> Result<T, ErrorDto> {
        self.host.run(self.access, f)
    }

    /// Sends one streamed item to the caller (progress of a long command).
    pub fn send(&self, item: &impl Serialize) {
        if let Ok(value) = serde_json::to_value(item) {
            (self.stream)(value);
        }
    }
}

/// Runs the command `name` with `args` (a JSON object of its request's camelCase
/// fields; `null` or `{}` for a command without arguments) on `host`. What the
/// command streams goes to `stream`. Answers with the command's response as JSON.
pub fn dispatch<H: Host>(
    host: &H,
    name: &str,
    args: Value,
    stream: &dyn Fn(Value),
) -> Result<Value, ErrorDto> {
    let call = Call {
        host,
        access: Access::Read,
        stream,
    };
    crate::commands::run(&call, name, args)
}

/// The request of `command` from its JSON arguments; `null` reads as `{}`, so a
/// request whose fields are all optional needs no body.
pub(crate) fn parse<T: DeserializeOwned>(command: &str, args: Value) -> Result<T, ErrorDto> {
    let args = match args {
        Value::Null => Value::Object(Default::default()),
        other => other,
    };
    serde_json::from_value(args).map_err(|e| {
        Error::BadArguments {
            command: command.to_string(),
            reason: e.to_string(),
        }
        .to_dto()
    })
}

/// A response as JSON; a response that does not serialise is an internal error.
pub(crate) fn to_json(response: impl Serialize) -> Result<Value, ErrorDto> {
    serde_json::to_value(response).map_err(|e| Error::Internal(e.to_string()).to_dto())
}
