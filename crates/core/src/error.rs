//! The one error type of the core. Every variant has a stable `code` that crosses
//! every boundary (IPC, CLI exit messages, tests); callers branch on the code and
//! localise by it, never on the message text.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// Everything an Ideaboard operation can refuse or fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{what} not found")]
    NotFound { what: &'static str },
    #[error("this member's role may not do that")]
    NotAllowed,
    #[error("sign in with a profile first")]
    NotSignedIn,
    #[error("invalid {field}: {reason}")]
    InvalidInput { field: &'static str, reason: String },
    #[error("the title is empty")]
    TitleEmpty,
    #[error("the title is too short: {len} characters, at least {min}")]
    TitleTooShort { len: usize, min: usize },
    #[error("the title is too long: {len} characters, at most {max}")]
    TitleTooLong { len: usize, max: usize },
    #[error("the text is too long: {len} characters, at most {max}")]
    BodyTooLong { len: usize, max: usize },
    #[error("{field} contains a control character")]
    ControlCharacter { field: &'static str },
    #[error("not a valid id: {0:?}")]
    InvalidId(String),
    #[error("unknown {field}: {value:?}")]
    UnknownValue { field: &'static str, value: String },
    #[error("this member already voted for this idea")]
    AlreadyVoted,
    #[error("this member has not voted for this idea")]
    NotVoted,
    #[error("voting is closed on this idea ({status})")]
    VotingClosed { status: &'static str },
    #[error("no votes left: {budget} active votes is this board's budget")]
    VoteBudgetExhausted { budget: u32 },
    #[error("a note for the fans is required when an idea is {status}")]
    NoteRequired { status: &'static str },
    #[error("the note is too long: {len} characters, at most {max}")]
    NoteTooLong { len: usize, max: usize },
    #[error("an idea cannot move from {from} to {to}")]
    InvalidTransition {
        from: &'static str,
        to: &'static str,
    },
    #[error("an idea cannot be merged into itself")]
    MergeIntoSelf,
    #[error("the target idea was itself merged into another one")]
    MergeIntoMerged,
    #[error("this idea was already merged")]
    AlreadyMerged,
    #[error("the name is empty")]
    NameEmpty,
    #[error("the name is too long: {len} characters, at most {max}")]
    NameTooLong { len: usize, max: usize },
    #[error("the passphrase is too short: at least {min} characters")]
    PassphraseTooShort { min: usize },
    #[error("wrong passphrase")]
    WrongPassphrase,
    #[error("the time to edit this has passed")]
    EditWindowClosed,
    #[error("the comment is empty")]
    CommentEmpty,
    #[error("the comment is too long: {len} characters, at most {max}")]
    CommentTooLong { len: usize, max: usize },
    #[error("a reply must be on the same idea, and replies to internal notes stay internal")]
    ParentMismatch,
    #[error("this comment was deleted")]
    CommentDeleted,
    #[error("the board needs at least one admin")]
    LastAdmin,
    #[error("too many tags: at most {max}")]
    TooManyTags { max: usize },
    #[error("a tag is too long: {len} characters, at most {max}")]
    TagTooLong { len: usize, max: usize },
    #[error("type something to search for")]
    SearchEmpty,
    #[error("say why you report this")]
    ReasonEmpty,
    #[error("the reason is too long: {len} characters, at most {max}")]
    ReasonTooLong { len: usize, max: usize },
    #[error("you already reported this; the team has not looked at it yet")]
    AlreadyReported,
    #[error("there is no open report on this")]
    NoOpenReports,
    #[error("only public comments are hidden; delete a team comment instead")]
    NotAPublicComment,
    #[error(
        "this board was written by a newer Ideaboard (schema {found}, this app knows up to {supported}); it was not changed"
    )]
    NewerBoard { found: i64, supported: i64 },
    #[error("this file is not an Ideaboard board; it was not changed")]
    NotABoard,
    #[error(
        "the import was refused and nothing was written: {} problem(s), the first: {}",
        problems.len(),
        problems.first().map(|p| p.to_string()).unwrap_or_default()
    )]
    ImportRejected { problems: Vec<ImportProblem> },
    #[error("a JSON bundle imports only into an empty board (this one has {what})")]
    BoardNotEmpty { what: &'static str },
    #[error("cancelled")]
    Cancelled,
    #[error("the board file is empty (0 bytes) and holds no board; it was not changed")]
    EmptyFile,
    #[error("the board file is damaged ({detail}); it was not changed")]
    BoardDamaged { detail: String },
    #[error("the board file or its folder is read-only; nothing was saved")]
    ReadOnly,
    #[error("the disk is full; nothing was saved")]
    DiskFull,
    #[error("the board is busy with other writes; nothing was saved")]
    BoardBusy,
    #[error("the board is open in another program; close it there first")]
    OpenElsewhere,
    #[error("storage error: {0}")]
    Storage(#[source] rusqlite::Error),
    #[error("file error: {0}")]
    Io(#[source] std::io::Error),
    #[error("not a valid email address")]
    EmailInvalid,
    #[error("an account with this email already exists; sign in instead")]
    EmailTaken,
    #[error("the password is too short: at least {min} characters")]
    PasswordTooShort { min: usize },
    #[error("the password is too long: at most {max} characters")]
    PasswordTooLong { max: usize },
    #[error("this password is too common; choose one that is harder to guess")]
    PasswordTooCommon,
    #[error("wrong email or password")]
    InvalidCredentials,
    #[error("too many failed sign-ins; try again in {retry_after} seconds")]
    LockedOut { retry_after: u64 },
    #[error("too many requests; try again in {retry_after} seconds")]
    RateLimited { retry_after: u64 },
    #[error("this board takes no new accounts")]
    SignUpClosed,
    #[error("this board takes new accounts by invitation only")]
    InvitationRequired,
    #[error("this link has expired, was used or is not valid; ask for a new one")]
    TokenExpired,
    #[error("the request did not carry this session's CSRF token; reload the page")]
    CsrfRejected,
    #[error("this board already has an admin account; ask an admin for an invitation")]
    AdminAccountExists,
    #[error("the request is too large: at most {max} bytes")]
    RequestTooLarge { max: usize },
    #[error("the request took too long to arrive or to answer; try again")]
    RequestTooSlow,
    #[error("no command is called {0:?}")]
    UnknownCommand(String),
    #[error("the server could not be reached: {0}")]
    Unreachable(String),
    #[error("not an Ideaboard server: {0}")]
    NotAServer(String),
    #[error("{0} is only for a board on this computer, not a shared board")]
    LocalOnly(String),
    #[error("bad arguments for {command}: {reason}")]
    BadArguments { command: String, reason: String },
    #[error("internal error: {0}")]
    Internal(String),
}

/// Stable machine-readable codes, one per [`Error`] variant (I/O folds into `Storage`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
pub enum ErrorCode {
    NotFound,
    NotAllowed,
    NotSignedIn,
    InvalidInput,
    TitleEmpty,
    TitleTooShort,
    TitleTooLong,
    BodyTooLong,
    ControlCharacter,
    InvalidId,
    UnknownValue,
    AlreadyVoted,
    NotVoted,
    VotingClosed,
    VoteBudgetExhausted,
    NoteRequired,
    NoteTooLong,
    InvalidTransition,
    MergeIntoSelf,
    MergeIntoMerged,
    AlreadyMerged,
    NameEmpty,
    NameTooLong,
    PassphraseTooShort,
    WrongPassphrase,
    EditWindowClosed,
    CommentEmpty,
    CommentTooLong,
    ParentMismatch,
    CommentDeleted,
    LastAdmin,
    TooManyTags,
    TagTooLong,
    SearchEmpty,
    ReasonEmpty,
    ReasonTooLong,
    AlreadyReported,
    NoOpenReports,
    NotAPublicComment,
    NewerBoard,
    NotABoard,
    ImportRejected,
    BoardNotEmpty,
    Cancelled,
    EmptyFile,
    BoardDamaged,
    ReadOnly,
    DiskFull,
    BoardBusy,
    OpenElsewhere,
    EmailInvalid,
    EmailTaken,
    PasswordTooShort,
    PasswordTooLong,
    PasswordTooCommon,
    InvalidCredentials,
    LockedOut,
    RateLimited,
    SignUpClosed,
    InvitationRequired,
    TokenExpired,
    CsrfRejected,
    AdminAccountExists,
    RequestTooLarge,
    RequestTooSlow,
    Storage,
    UnknownCommand,
    Unreachable,
    NotAServer,
    LocalOnly,
    BadArguments,
    Internal,
}

impl Error {
    /// The stable code of this error.
    pub fn code(&self) -> ErrorCode {
        use ErrorCode as C;
        match self {
            Error::NotFound { .. } => C::NotFound,
            Error::NotAllowed => C::NotAllowed,
            Error::NotSignedIn => C::NotSignedIn,
            Error::InvalidInput { .. } => C::InvalidInput,
            Error::TitleEmpty => C::TitleEmpty,
            Error::TitleTooShort { .. } => C::TitleTooShort,
            Error::TitleTooLong { .. } => C::TitleTooLong,
            Error::BodyTooLong { .. } => C::BodyTooLong,
            Error::ControlCharacter { .. } => C::ControlCharacter,
            Error::InvalidId(_) => C::InvalidId,
            Error::UnknownValue { .. } => C::UnknownValue,
            Error::AlreadyVoted => C::AlreadyVoted,
            Error::NotVoted => C::NotVoted,
            Error::VotingClosed { .. } => C::VotingClosed,
            Error::VoteBudgetExhausted { .. } => C::VoteBudgetExhausted,
            Error::NoteRequired { .. } => C::NoteRequired,
            Error::NoteTooLong { .. } => C::NoteTooLong,
            Error::InvalidTransition { .. } => C::InvalidTransition,
            Error::MergeIntoSelf => C::MergeIntoSelf,
            Error::MergeIntoMerged => C::MergeIntoMerged,
            Error::AlreadyMerged => C::AlreadyMerged,
            Error::NameEmpty => C::NameEmpty,
            Error::NameTooLong { .. } => C::NameTooLong,
            Error::PassphraseTooShort { .. } => C::PassphraseTooShort,
            Error::WrongPassphrase => C::WrongPassphrase,
            Error::EditWindowClosed => C::EditWindowClosed,
            Error::CommentEmpty => C::CommentEmpty,
            Error::CommentTooLong { .. } => C::CommentTooLong,
            Error::ParentMismatch => C::ParentMismatch,
            Error::CommentDeleted => C::CommentDeleted,
            Error::LastAdmin => C::LastAdmin,
            Error::TooManyTags { .. } => C::TooManyTags,
            Error::TagTooLong { .. } => C::TagTooLong,
            Error::SearchEmpty => C::SearchEmpty,
            Error::ReasonEmpty => C::ReasonEmpty,
            Error::ReasonTooLong { .. } => C::ReasonTooLong,
            Error::AlreadyReported => C::AlreadyReported,
            Error::NoOpenReports => C::NoOpenReports,
            Error::NotAPublicComment => C::NotAPublicComment,
            Error::NewerBoard { .. } => C::NewerBoard,
            Error::NotABoard => C::NotABoard,
            Error::ImportRejected { .. } => C::ImportRejected,
            Error::BoardNotEmpty { .. } => C::BoardNotEmpty,
            Error::Cancelled => C::Cancelled,
            Error::EmptyFile => C::EmptyFile,
            Error::BoardDamaged { .. } => C::BoardDamaged,
            Error::ReadOnly => C::ReadOnly,
            Error::DiskFull => C::DiskFull,
            Error::BoardBusy => C::BoardBusy,
            Error::OpenElsewhere => C::OpenElsewhere,
            Error::EmailInvalid => C::EmailInvalid,
            Error::EmailTaken => C::EmailTaken,
            Error::PasswordTooShort { .. } => C::PasswordTooShort,
            Error::PasswordTooLong { .. } => C::PasswordTooLong,
            Error::PasswordTooCommon => C::PasswordTooCommon,
            Error::InvalidCredentials => C::InvalidCredentials,
            Error::LockedOut { .. } => C::LockedOut,
            Error::RateLimited { .. } => C::RateLimited,
            Error::SignUpClosed => C::SignUpClosed,
            Error::InvitationRequired => C::InvitationRequired,
            Error::TokenExpired => C::TokenExpired,
            Error::CsrfRejected => C::CsrfRejected,
            Error::AdminAccountExists => C::AdminAccountExists,
            Error::RequestTooLarge { .. } => C::RequestTooLarge,
            Error::RequestTooSlow => C::RequestTooSlow,
            Error::Storage(_) | Error::Io(_) => C::Storage,
            Error::UnknownCommand(_) => C::UnknownCommand,
            Error::Unreachable(_) => C::Unreachable,
            Error::NotAServer(_) => C::NotAServer,
            Error::LocalOnly(_) => C::LocalOnly,
            Error::BadArguments { .. } => C::BadArguments,
            Error::Internal(_) => C::Internal,
        }
    }

    /// The error as it crosses IPC: code, an English fallback message, and the
    /// numbers and names a localised message needs.
    pub fn to_dto(&self) -> ErrorDto {
        ErrorDto {
            code: self.code(),
            message: self.to_string(),
            params: Box::new(self.params()),
        }
    }

    /// What a message needs besides the code to say by how much or about what: the
    /// variant's own fields, so a UI never parses the English text for them.
    pub fn params(&self) -> ErrorParams {
        let n = |v: usize| Some(v as u64);
        let text = |v: &str| Some(v.to_string());
        let none = ErrorParams::default();
        match self {
            Error::TitleTooShort { len, min } => ErrorParams {
                len: n(*len),
                min: n(*min),
                ..none
            },
            Error::TitleTooLong { len, max }
            | Error::BodyTooLong { len, max }
            | Error::NoteTooLong { len, max }
            | Error::NameTooLong { len, max }
            | Error::CommentTooLong { len, max }
            | Error::ReasonTooLong { len, max }
            | Error::TagTooLong { len, max } => ErrorParams {
                len: n(*len),
                max: n(*max),
                ..none
            },
            Error::PassphraseTooShort { min } | Error::PasswordTooShort { min } => ErrorParams {
                min: n(*min),
                ..none
            },
            Error::TooManyTags { max }
            | Error::PasswordTooLong { max }
            | Error::RequestTooLarge { max } => ErrorParams {
                max: n(*max),
                ..none
            },
            Error::LockedOut { retry_after } | Error::RateLimited { retry_after } => ErrorParams {
                retry_after: Some(*retry_after),
                ..none
            },
            Error::VoteBudgetExhausted { budget } => ErrorParams {
                budget: Some(u64::from(*budget)),
                ..none
            },
            Error::VotingClosed { status } | Error::NoteRequired { status } => ErrorParams {
                status: text(status),
                ..none
            },
            Error::InvalidTransition { from, to } => ErrorParams {
                from: text(from),
                to: text(to),
                ..none
            },
            Error::NotFound { what } | Error::BoardNotEmpty { what } => ErrorParams {
                what: text(what),
                ..none
            },
            Error::ControlCharacter { field } => ErrorParams {
                field: text(field),
                ..none
            },
            Error::InvalidInput { field, reason } => ErrorParams {
                field: text(field),
                reason: text(reason),
                ..none
            },
            Error::UnknownValue { field, value } => ErrorParams {
                field: text(field),
                value: text(value),
                ..none
            },
            Error::NewerBoard { found, supported } => ErrorParams {
                found: Some(*found),
                supported: Some(*supported),
                ..none
            },
            Error::ImportRejected { problems } => ErrorParams {
                problems: n(problems.len()),
                ..none
            },
            _ => none,
        }
    }
}

/// SQLite's failures that a person can act on get their own codes; the rest stay
/// storage errors.
impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as S;
        match e.sqlite_error_code() {
            Some(S::DatabaseCorrupt | S::NotADatabase) => Error::BoardDamaged {
                detail: e.to_string(),
            },
            Some(S::ReadOnly) => Error::ReadOnly,
            Some(S::DiskFull) => Error::DiskFull,
            Some(S::DatabaseBusy | S::DatabaseLocked) => Error::BoardBusy,
            _ => Error::Storage(e),
        }
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        match e.kind() {
            std::io::ErrorKind::StorageFull => Error::DiskFull,
            std::io::ErrorKind::ReadOnlyFilesystem => Error::ReadOnly,
            _ => Error::Io(e),
        }
    }
}

/// An error as the UI receives it. The UI localises by `code` and fills the message
/// in from `params`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
pub struct ErrorDto {
    pub code: ErrorCode,
    pub message: String,
    /// The numbers and names the localised message fills in. (Boxed in Rust: every
    /// host returns `Result<_, ErrorDto>`, which would otherwise be hundreds of bytes.)
    pub params: Box<ErrorParams>,
}

/// The parameters of an error, by name; each is present only for the codes that
/// carry it (a too-long title has `len` and `max`, an exhausted vote budget
/// `budget`). Character counts are Unicode scalar values, as the rules count them.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
#[ts(optional_fields)]
pub struct ErrorParams {
    /// How long the refused text was.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub len: Option<u64>,
    /// The least the rule accepts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub min: Option<u64>,
    /// The most the rule accepts.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max: Option<u64>,
    /// The board's vote budget.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<u64>,
    /// The idea status concerned (its stored text form, e.g. `launched`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<String>,
    /// A refused transition's current status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// A refused transition's wanted status.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The input field concerned (`title`, `tag`, `category`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    /// The refused value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// Why an input was refused, in English (the UI shows its own text by code).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// What was missing or in the way (`idea`, `comment`, `ideas`, ...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub what: Option<String>,
    /// The schema version of a board written by a newer app.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub found: Option<i64>,
    /// The newest schema version this app knows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supported: Option<i64>,
    /// How many problems made an import refuse.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub problems: Option<u64>,
    /// Seconds until trying again is worth it (a sign-in lockout, a rate limit);
    /// an HTTP host sends it as `Retry-After` too.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub retry_after: Option<u64>,
}

/// One reason an import was refused (the payload of [`Error::ImportRejected`], so it
/// lives here and `model` re-exports it): where (a line of a CSV file, or a record of a
/// JSON bundle such as `ideas[3]`) and what.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ImportProblem {
    /// 1-based line of the file (the header is line 1); 0 when not line-based.
    pub line: u64,
    /// The record, for files that are not line-based (JSON); empty otherwise.
    pub record: String,
    pub message: String,
}

impl std::fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.line > 0 {
            write!(f, "line {}: {}", self.line, self.message)
        } else {
            write!(f, "{}: {}", self.record, self.message)
        }
    }
}

/// Result alias of the core.
pub type Result<T, E = Error> = std::result::Result<T, E>;
