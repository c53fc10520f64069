//! Content-Security-Policy violation reports at `POST /api/csp-report`, where the
//! portal's policy sends them: `report-uri` posts one `application/csp-report` per
//! violation, `report-to` (the Reporting API) posts `application/reports+json`
//! batches. Each violation is logged at WARN and counted in `/metrics`
//! (`ideaboard_csp_violations_total`): on a page that shows fans' text, a violation
//! is a bug in the portal or someone trying to run a script in it, and either wants
//! a look.
//!
//! Anyone may post here (browsers send reports without the member's session), so
//! the endpoint is bounded: a small body, a rate per address, each field cut short
//! and escaped before it is logged. It answers 204, or a 4xx for what it cannot
//! take, never a 5xx.

use std::net::SocketAddr;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use ideaboard_core::{Error, ErrorCode, Timestamp};
use serde_json::Value;

use crate::App;
use crate::auth::{self, Limited};
use crate::errors::{ApiError, refusal};

/// The path the portal's policy names.
pub const PATH: &str = "/api/csp-report";
/// The largest report body taken, in bytes (a report is well under 2 KB).
pub const MAX_BODY: usize = 16 * 1024;
/// Reports in one Reporting API batch, at most.
const MAX_BATCH: usize = 100;
/// Characters of each reported field that reach the log.
const FIELD_CHARS: usize = 200;

/// One violation as a browser described it.
#[derive(Debug, Default, PartialEq, Eq)]
struct Violation {
    document: String,
    directive: String,
    blocked: String,
    source: String,
    line: Option<u64>,
    disposition: String,
}

impl Violation {
    /// From the fields of one report, named `names` (the first of each pair that is
    /// present wins).
    fn read(report: &serde_json::Map<String, Value>, names: &Names) -> Violation {
        let text = |keys: &[&str]| {
            keys.iter()
                .find_map(|k| report.get(*k).and_then(Value::as_str))
                .map(|s| s.chars().take(FIELD_CHARS).collect::<String>())
                .unwrap_or_default()
        };
        Violation {
            document: text(names.document),
            directive: text(names.directive),
            blocked: text(names.blocked),
            source: text(names.source),
            line: names.line.iter().find_map(|k| report.get(*k)?.as_u64()),
            disposition: text(names.disposition),
        }
    }
}

/// The field names of one report format.
struct Names {
    document: &'static [&'static str],
    directive: &'static [&'static str],
    blocked: &'static [&'static str],
    source: &'static [&'static str],
    line: &'static [&'static str],
    disposition: &'static [&'static str],
}

/// `report-uri`'s `{"csp-report": {...}}`.
const CSP_REPORT: Names = Names {
    document: &["document-uri"],
    directive: &["effective-directive", "violated-directive"],
    blocked: &["blocked-uri"],
    source: &["source-file"],
    line: &["line-number"],
    disposition: &["disposition"],
};

/// The Reporting API's `csp-violation` body.
const REPORTING_API: Names = Names {
    document: &["documentURL"],
    directive: &["effectiveDirective"],
    blocked: &["blockedURL"],
    source: &["sourceFile"],
    line: &["lineNumber"],
    disposition: &["disposition"],
};

/// The violations in a body of media type `kind`, or why the body is not a report.
fn parse(kind: &str, body: &[u8]) -> Result<Vec<Violation>, String> {
    let value: Value =
        serde_json::from_slice(body).map_err(|e| format!("the report is not JSON: {e}"))?;
    match kind {
        "application/csp-report" | "application/json" => {
            let report = value
                .get("csp-report")
                .and_then(Value::as_object)
                .ok_or("a CSP report is an object with a \"csp-report\" object")?;
            Ok(vec![Violation::read(report, &CSP_REPORT)])
        }
        "application/reports+json" => {
            let reports = value
                .as_array()
                .ok_or("a Reporting API body is an array of reports")?;
            if reports.len() > MAX_BATCH {
                return Err(format!("more than {MAX_BATCH} reports in one body"));
            }
            let mut violations = Vec::new();
            for report in reports {
                let report = report.as_object().ok_or("each report is an object")?;
                // The endpoint may be named for other kinds of report too; only CSP's count.
                if report.get("type").and_then(Value::as_str) != Some("csp-violation") {
                    continue;
                }
                let body = report
                    .get("body")
                    .and_then(Value::as_object)
                    .ok_or("a csp-violation report has a \"body\" object")?;
                violations.push(Violation::read(body, &REPORTING_API));
            }
            Ok(violations)
        }
        other => Err(format!(
            "reports come as application/csp-report or application/reports+json, not {other}"
        )),
    }
}

/// The media type of a request, lower case, without its parameters.
fn media_type(headers: &HeaderMap) -> String {
    headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// Takes one report body: logs and counts its violations.
pub async fn report(
    State(app): State<Arc<App>>,
    ConnectInfo(address): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
    body: Result<Bytes, BytesRejection>,
) -> Response {
    let ip = auth::client_ip(address, &headers, app.config.forwarded_for);
    if let Err(limited) = app
        .limits
        .check(Limited::CspReport, ip, None, Timestamp::now())
    {
        return ApiError::from(limited).into_response();
    }
    let body = match body {
        Ok(body) => body,
        Err(rejection) if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE => {
            return ApiError::from(Error::RequestTooLarge { max: MAX_BODY }).into_response();
        }
        Err(rejection) => {
            return refusal(
                rejection.status(),
                ErrorCode::BadArguments,
                &rejection.body_text(),
            );
        }
    };
    let kind = media_type(&headers);
    let known = matches!(
        kind.as_str(),
        "application/csp-report" | "application/json" | "application/reports+json"
    );
    if !known {
        return refusal(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            ErrorCode::BadArguments,
            &format!(
                "reports come as application/csp-report or application/reports+json, not {kind:?}"
            ),
        );
    }
    let violations = match parse(&kind, &body) {
        Ok(violations) => violations,
        Err(reason) => return refusal(StatusCode::BAD_REQUEST, ErrorCode::BadArguments, &reason),
    };
    for v in &violations {
        // Debug formatting quotes and escapes what the sender wrote: no forged log lines.
        tracing::warn!(
            client = %ip,
            document = ?v.document,
            directive = ?v.directive,
            blocked = ?v.blocked,
            source = ?v.source,
            line = ?v.line,
            disposition = ?v.disposition,
            "content security policy violation"
        );
    }
    app.metrics.csp_violations(violations.len() as u64);
    StatusCode::NO_CONTENT.into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_both_formats_and_only_csp_violations_of_a_batch() {
        let one = br#"{"csp-report":{"document-uri":"http://h/","violated-directive":"script-src-elem","effective-directive":"script-src-elem","blocked-uri":"inline","line-number":3}}"#;
        let read = parse("application/csp-report", one).unwrap();
        assert_eq!(
            read,
            vec![Violation {
                document: "http://h/".into(),
                directive: "script-src-elem".into(),
                blocked: "inline".into(),
                line: Some(3),
                ..Violation::default()
            }]
        );
        let batch = br#"[{"type":"deprecation","body":{}},{"type":"csp-violation","body":{"documentURL":"http://h/x","effectiveDirective":"img-src","blockedURL":"http://evil/","disposition":"enforce"}}]"#;
        let read = parse("application/reports+json", batch).unwrap();
        assert_eq!(read.len(), 1);
        assert_eq!(read[0].directive, "img-src");
        assert_eq!(read[0].disposition, "enforce");
    }

    #[test]
    fn what_is_not_a_report_is_refused_and_long_fields_are_cut() {
        assert!(parse("application/csp-report", b"{").is_err());
        assert!(parse("application/csp-report", b"{\"report\":{}}").is_err());
        assert!(parse("application/reports+json", b"{\"type\":\"csp-violation\"}").is_err());
        assert!(parse("application/reports+json", b"[1]").is_err());
        assert!(parse("text/plain", b"{}").is_err());
        let long = format!(
            r#"{{"csp-report":{{"blocked-uri":"{}"}}}}"#,
            "a".repeat(5000)
        );
        let read = parse("application/csp-report", long.as_bytes()).unwrap();
        assert_eq!(read[0].blocked.chars().count(), FIELD_CHARS);
    }
}
