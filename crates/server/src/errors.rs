//! The contract's errors over HTTP: the same `{code, message, params}` body the app
//! gets, under the status a web client expects for it.

use axum::Json;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ideaboard_core::{Error, ErrorCode, ErrorDto};

/// An [`ErrorDto`] as an HTTP response.
#[derive(Debug)]
pub struct ApiError(pub ErrorDto);

impl From<ErrorDto> for ApiError {
    fn from(dto: ErrorDto) -> Self {
        ApiError(dto)
    }
}

impl From<Error> for ApiError {
    fn from(error: Error) -> Self {
        ApiError(error.to_dto())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = status_of(self.0.code);
        if status.is_server_error() {
            tracing::error!(code = ?self.0.code, message = %self.0.message, "request failed");
        }
        let retry_after = self.0.params.retry_after;
        let mut response = (status, Json(self.0)).into_response();
        if let Some(seconds) = retry_after {
            response
                .headers_mut()
                .insert(header::RETRY_AFTER, HeaderValue::from(seconds));
        }
        response
    }
}

/// The HTTP status of each code. Exhaustive on purpose: a new code must be given
/// its status here before the server builds.
pub fn status_of(code: ErrorCode) -> StatusCode {
    use ErrorCode as C;
    match code {
        C::NotSignedIn | C::InvalidCredentials => StatusCode::UNAUTHORIZED,
        C::NotAllowed
        | C::WrongPassphrase
        | C::CsrfRejected
        | C::SignUpClosed
        | C::InvitationRequired => StatusCode::FORBIDDEN,
        C::LockedOut | C::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        C::RequestTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        C::RequestTooSlow => StatusCode::REQUEST_TIMEOUT,
        C::NotFound | C::UnknownCommand | C::LocalOnly => StatusCode::NOT_FOUND,
        // What the request asked for collides with the board's state as it is.
        C::AlreadyVoted
        | C::NotVoted
        | C::VotingClosed
        | C::VoteBudgetExhausted
        | C::InvalidTransition
        | C::MergeIntoSelf
        | C::MergeIntoMerged
        | C::AlreadyMerged
        | C::EditWindowClosed
        | C::CommentDeleted
        | C::LastAdmin
        | C::AlreadyReported
        | C::NoOpenReports
        | C::NotAPublicComment
        | C::BoardNotEmpty
        | C::EmailTaken
        | C::AdminAccountExists
        | C::Cancelled => StatusCode::CONFLICT,
        // What the request carries is not valid.
        C::InvalidInput
        | C::TitleEmpty
        | C::TitleTooShort
        | C::TitleTooLong
        | C::BodyTooLong
        | C::ControlCharacter
        | C::InvalidId
        | C::UnknownValue
        | C::NoteRequired
        | C::NoteTooLong
        | C::NameEmpty
        | C::NameTooLong
        | C::PassphraseTooShort
        | C::CommentEmpty
        | C::CommentTooLong
        | C::ParentMismatch
        | C::TooManyTags
        | C::TagTooLong
        | C::SearchEmpty
        | C::ReasonEmpty
        | C::ReasonTooLong
        | C::ImportRejected
        | C::EmptyFile
        | C::NotABoard
        | C::EmailInvalid
        | C::PasswordTooShort
        | C::PasswordTooLong
        | C::PasswordTooCommon
        | C::TokenExpired
        | C::BadArguments => StatusCode::BAD_REQUEST,
        // The board cannot serve now; the operator has something to do.
        C::NewerBoard
        | C::BoardDamaged
        | C::ReadOnly
        | C::DiskFull
        | C::BoardBusy
        | C::OpenElsewhere
        | C::Storage => StatusCode::SERVICE_UNAVAILABLE,
        C::Internal => StatusCode::INTERNAL_SERVER_ERROR,
        // A client's own codes (another server did not answer, or not as Ideaboard).
        C::Unreachable | C::NotAServer => StatusCode::BAD_GATEWAY,
    }
}

/// A refusal made by the server itself (a body too large, a request too slow), in
/// the contract's error shape.
pub fn refusal(status: StatusCode, code: ErrorCode, message: &str) -> Response {
    let dto = ErrorDto {
        code,
        message: message.to_string(),
        params: Box::default(),
    };
    (status, Json(dto)).into_response()
}
