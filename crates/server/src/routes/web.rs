//! The web portal: the UI's built files, with `index.html` for any path that is not
//! a file (the UI's router takes the rest), and the headers that keep a page with
//! fans' text in it safe: a strict Content-Security-Policy (only the portal's own
//! scripts), nosniff, no framing, no referrer leaving the site.

use std::path::Path;

use axum::extract::{Request, State};
use axum::http::{HeaderName, HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use tower_http::services::{ServeDir, ServeFile};

/// The portal's Content-Security-Policy: the page may run only its own scripts and
/// talk only to its own server; inline styles are allowed (Svelte sets some), inline
/// scripts never are. Browsers report each violation to the server (`report-uri`),
/// which logs and counts it (`super::csp`).
pub const CSP: &str = "default-src 'self'; script-src 'self'; connect-src 'self'; \
img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; \
object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; \
report-uri /api/csp-report";

/// The policy when the portal is reached over HTTPS: the same, with `report-to` for
/// the Reporting API (its endpoint in [`REPORTING_ENDPOINTS`]). Only then: a browser
/// that knows `report-to` ignores `report-uri` when both are given, and Chromium's
/// Reporting API delivers to secure endpoints only, so over plain HTTP `report-to`
/// would silence every report.
pub const CSP_HTTPS: &str = "default-src 'self'; script-src 'self'; connect-src 'self'; \
img-src 'self' data:; style-src 'self' 'unsafe-inline'; font-src 'self' data:; \
object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'; \
report-uri /api/csp-report; report-to csp-endpoint";

/// Where the Reporting API sends the reports of `report-to csp-endpoint`.
pub const REPORTING_ENDPOINTS: &str = "csp-endpoint=\"/api/csp-report\"";

/// The files of the portal under `dir`, `index.html` for every other path.
pub fn portal(dir: &Path) -> ServeDir<ServeFile> {
    ServeDir::new(dir).fallback(ServeFile::new(dir.join("index.html")))
}

/// Adds the security headers to every response; `https`: whether clients reach the
/// server over HTTPS (its own TLS, or a proxy's: `--secure-cookies`).
pub async fn security_headers(State(https): State<bool>, request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    let set = |headers: &mut axum::http::HeaderMap, name: HeaderName, value: &'static str| {
        headers.insert(name, HeaderValue::from_static(value));
    };
    if https {
        set(headers, header::CONTENT_SECURITY_POLICY, CSP_HTTPS);
        set(
            headers,
            HeaderName::from_static("reporting-endpoints"),
            REPORTING_ENDPOINTS,
        );
    } else {
        set(headers, header::CONTENT_SECURITY_POLICY, CSP);
    }
    set(headers, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(headers, header::X_FRAME_OPTIONS, "DENY");
    set(headers, header::REFERRER_POLICY, "same-origin");
    set(
        headers,
        HeaderName::from_static("cross-origin-opener-policy"),
        "same-origin",
    );
    set(
        headers,
        HeaderName::from_static("permissions-policy"),
        "camera=(), microphone=(), geolocation=()",
    );
    response
}
