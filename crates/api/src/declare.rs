//! The `contract!` macro: one table of commands in, the request structs, the
//! [`crate::Command`] list and the dispatch match out. Each entry reads
//!
//! ```text
//! /// Doc, carried to the TypeScript client.
//! name(RequestStruct { field: Type, ... }) -> Response, Read | Write
//!     [, streams Item] [, emits [EVENT, ...]] [, local "why a server has it not"]
//!     => |cx, request| body;
//! ```
//!
//! `local` marks a command only a host that owns the board file and its profiles
//! (the desktop window) serves: one that takes a path of the machine, or acts on a
//! local profile. A server answers it as an unknown command.
//!
//! (`name() -> Response, Read => |cx| body;` for a command without arguments). The
//! body gets a [`crate::Call`] and the parsed request, and evaluates to
//! `Result<Response, ErrorDto>`.

macro_rules! contract {
    ($(
        $(#[doc = $doc:literal])*
        $name:ident ( $( $req:ident { $( $field:ident : $fty:ty ),* $(,)? } )? )
            -> $resp:ty , $access:ident
            $(, streams $item:ty)?
            $(, emits [ $( $event:ident ),* ])?
            $(, local $why:literal)?
            => | $cx:ident $(, $r:ident)? | $body:expr ;
    )*) => {
        $( $(
            #[doc = concat!("The arguments of `", stringify!($name), "`.")]
            #[derive(Debug, Clone, serde::Serialize, serde::Deserialize, ts_rs::TS, schemars::JsonSchema)]
            #[serde(rename_all = "camelCase")]
            pub struct $req {
                $(
                    #[allow(missing_docs)]
                    pub $field: $fty,
                )*
            }
        )? )*

        /// Every command of the contract, in the order of the table.
        pub static ALL: &[$crate::Command] = &[$(
            $crate::Command {
                name: stringify!($name),
                doc: concat!($($doc, "\n",)*),
                access: $crate::Access::$access,
                request: contract!(@request $( $req { $( $field : $fty ),* } )?),
                response: <$resp as ts_rs::TS>::name,
                request_schema: contract!(@schema $($req)?),
                response_schema: $crate::openapi::schema_of::<$resp>,
                stream: contract!(@stream $($item)?),
                emits: &[$($(&$crate::events::$event),*)?],
                local: contract!(@local $($why)?),
            },
        )*];

        /// Runs the command `name` with its JSON arguments (see [`crate::dispatch`]).
        pub(crate) fn run<H: $crate::Host>(
            call: &$crate::Call<'_, H>,
            name: &str,
            args: serde_json::Value,
        ) -> Result<serde_json::Value, ideaboard_core::ErrorDto> {
            match name {
                $(
                    stringify!($name) => {
                        let $cx = &call.with_access($crate::Access::$access);
                        let out: Result<$resp, ideaboard_core::ErrorDto> =
                            contract!(@body $cx, name, args, [$($req)?] [$($r)?] $body);
                        $crate::dispatch::to_json(out?)
                    }
                )*
                _ => Err(ideaboard_core::Error::UnknownCommand(name.to_string()).to_dto()),
            }
        }
    };

    (@request) => { None };
    (@request $req:ident { $( $field:ident : $fty:ty ),* }) => {
        Some($crate::Request {
            name: stringify!($req),
            decl: <$req as ts_rs::TS>::decl,
            fields: &[$( (stringify!($field), <$fty as ts_rs::TS>::name) ),*],
        })
    };

    (@schema) => { None };
    (@schema $req:ident) => { Some($crate::openapi::schema_of::<$req>) };

    (@local) => { None };
    (@local $why:literal) => { Some($why) };

    (@stream) => { None };
    (@stream $item:ty) => { Some(<$item as ts_rs::TS>::name) };

    (@body $cx:ident, $name:ident, $args:ident, [] [] $body:expr) => {{
        let _ = $args;
        $body
    }};
    (@body $cx:ident, $name:ident, $args:ident, [$req:ident] [$r:ident] $body:expr) => {{
        let $r: $req = $crate::dispatch::parse($name, $args)?;
        $body
    }};
}
