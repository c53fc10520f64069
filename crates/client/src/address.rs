//! What a person types as a server's address, made into the one base every request
//! starts with: `http://host[:port][/prefix]`, no trailing slash, no query.

use ideaboard_core::{Error, ErrorDto};

fn invalid(reason: impl Into<String>) -> ErrorDto {
    Error::InvalidInput {
        field: "url",
        reason: reason.into(),
    }
    .to_dto()
}

/// The base URL of the server a person typed: trimmed; `http://` added when no
/// scheme is given; the path kept as a prefix (a server behind a proxy's
/// sub-path) without its trailing slash. Refuses anything that is not an `http`
/// address of a host.
pub fn normalize_url(typed: &str) -> Result<String, ErrorDto> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(invalid("the address is empty"));
    }
    let with_scheme = if typed.contains("://") {
        typed.to_string()
    } else {
        format!("http://{typed}")
    };
    let parsed = url::Url::parse(&with_scheme).map_err(|e| invalid(e.to_string()))?;
    match parsed.scheme() {
        "http" => {}
        "https" => {
            return Err(invalid(
                "https is not supported by this version of the app yet; use the server's http address",
            ));
        }
        other => return Err(invalid(format!("{other}: is not a web address"))),
    }
    let Some(host) = parsed.host_str() else {
        return Err(invalid("the address names no host"));
    };
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(invalid("the address may not carry a user name or password"));
    }
    let port = parsed.port().map(|p| format!(":{p}")).unwrap_or_default();
    let path = parsed.path().trim_end_matches('/');
    Ok(format!("http://{host}{port}{path}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ideaboard_core::ErrorCode;

    #[test]
    fn typed_addresses_become_one_base() {
        assert_eq!(
            normalize_url(" http://127.0.0.1:8080/ ").unwrap(),
            "http://127.0.0.1:8080"
        );
        assert_eq!(
            normalize_url("localhost:9000").unwrap(),
            "http://localhost:9000"
        );
        assert_eq!(
            normalize_url("http://Ideas.Example.com/board/").unwrap(),
            "http://ideas.example.com/board"
        );
        assert_eq!(
            normalize_url("http://[::1]:8080").unwrap(),
            "http://[::1]:8080"
        );
    }

    #[test]
    fn what_is_not_an_address_is_refused() {
        for typed in [
            "",
            "   ",
            "ftp://example.com",
            "http://",
            "http://user:pw@example.com",
            "https://example.com",
        ] {
            let err = normalize_url(typed).unwrap_err();
            assert_eq!(err.code, ErrorCode::InvalidInput, "{typed:?}");
            assert_eq!(err.params.field.as_deref(), Some("url"), "{typed:?}");
        }
    }
}
