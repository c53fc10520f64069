//! The portal's CSP reports: the policy names the endpoint, each violation a browser
//! reports is counted in `/metrics` and logged at WARN, and what is not a report is
//! a 4xx that counts nothing.

use crate::support::Server;

/// `ideaboard_csp_violations_total` as `/metrics` shows it now.
fn violations(server: &Server) -> u64 {
    let metrics = server.request("GET", "/metrics", &[], b"");
    let text = String::from_utf8_lossy(&metrics.body).to_string();
    text.lines()
        .find_map(|l| l.strip_prefix("ideaboard_csp_violations_total "))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("no CSP counter in\n{text}"))
}

fn report(server: &Server, kind: &str, body: &str) -> u16 {
    server
        .request(
            "POST",
            "/api/csp-report",
            &[("Content-Type", kind)],
            body.as_bytes(),
        )
        .status
}

const ONE: &str = r#"{"csp-report":{"document-uri":"http://127.0.0.1/ideas/7","violated-directive":"script-src-elem","effective-directive":"script-src-elem","original-policy":"default-src 'self'","blocked-uri":"inline","line-number":12,"disposition":"enforce"}}"#;

#[test]
fn the_policy_names_the_report_endpoint_and_each_violation_is_counted_and_logged() {
    let server = Server::start(&[]);
    let page = server.request("GET", "/ideas/7", &[], b"");
    let csp = page.header("content-security-policy").unwrap();
    // Over plain HTTP only report-uri: report-to would silence it, and the Reporting
    // API delivers to secure endpoints only.
    assert!(csp.contains("report-uri /api/csp-report"), "{csp}");
    assert!(!csp.contains("report-to"), "{csp}");
    assert_eq!(page.header("reporting-endpoints"), None);
    assert_eq!(violations(&server), 0);

    assert_eq!(report(&server, "application/csp-report", ONE), 204);
    assert_eq!(violations(&server), 1);
    // The Reporting API's batch: two violations and a report of another kind.
    let batch = r#"[
        {"type":"csp-violation","age":10,"url":"http://127.0.0.1/","user_agent":"x","body":{"documentURL":"http://127.0.0.1/","effectiveDirective":"img-src","blockedURL":"http://elsewhere.example/x.png","disposition":"enforce"}},
        {"type":"deprecation","age":10,"url":"http://127.0.0.1/","user_agent":"x","body":{"id":"x"}},
        {"type":"csp-violation","age":10,"url":"http://127.0.0.1/","user_agent":"x","body":{"documentURL":"http://127.0.0.1/","effectiveDirective":"script-src-attr","blockedURL":"inline","disposition":"enforce"}}
    ]"#;
    assert_eq!(
        report(&server, "application/reports+json; charset=utf-8", batch),
        204
    );
    assert_eq!(violations(&server), 3);

    let log = server.stop_cleanly();
    let warnings: Vec<&str> = log
        .lines()
        .filter(|l| l.contains("content security policy violation"))
        .collect();
    assert_eq!(warnings.len(), 3, "{log}");
    assert!(warnings.iter().all(|l| l.contains("WARN")), "{log}");
    assert!(warnings[0].contains("script-src-elem") && warnings[0].contains("/ideas/7"));
    assert!(warnings[1].contains("img-src") && warnings[1].contains("elsewhere.example"));
}

#[test]
fn behind_https_the_policy_also_names_the_reporting_api_endpoint() {
    let server = Server::start(&["--secure-cookies"]);
    let page = server.request("GET", "/", &[], b"");
    let csp = page.header("content-security-policy").unwrap();
    assert!(
        csp.contains("report-uri /api/csp-report") && csp.contains("report-to csp-endpoint"),
        "{csp}"
    );
    assert!(csp.contains("script-src 'self'") && !csp.contains("unsafe-eval"));
    assert_eq!(
        page.header("reporting-endpoints"),
        Some("csp-endpoint=\"/api/csp-report\"")
    );
}

#[test]
fn what_is_not_a_report_is_a_4xx_and_counts_nothing() {
    let server = Server::start(&[]);
    let cases = [
        ("application/csp-report", "{not json".to_string(), 400),
        (
            "application/csp-report",
            r#"{"report":{}}"#.to_string(),
            400,
        ),
        (
            "application/csp-report",
            r#"{"csp-report":"inline"}"#.to_string(),
            400,
        ),
        (
            "application/reports+json",
            r#"{"type":"csp-violation"}"#.to_string(),
            400,
        ),
        (
            "application/reports+json",
            r#"[{"type":"csp-violation"}]"#.to_string(),
            400,
        ),
        ("text/plain", ONE.to_string(), 415),
        ("application/x-www-form-urlencoded", "a=b".to_string(), 415),
        // Over the endpoint's own 16 KiB, under the server's body limit.
        (
            "application/csp-report",
            format!(
                r#"{{"csp-report":{{"blocked-uri":"{}"}}}}"#,
                "a".repeat(20_000)
            ),
            413,
        ),
    ];
    for (kind, body, status) in &cases {
        let reply = server.request(
            "POST",
            "/api/csp-report",
            &[("Content-Type", *kind)],
            body.as_bytes(),
        );
        assert_eq!(
            reply.status,
            *status,
            "{kind} {:?}",
            &body[..body.len().min(60)]
        );
        assert!(!reply.code().is_empty(), "a refusal in the API's shape");
    }
    let get = server.request("GET", "/api/csp-report", &[], b"");
    assert_eq!(get.status, 405);
    assert_eq!(violations(&server), 0);
    let log = server.stop_cleanly();
    assert!(!log.contains("content security policy violation"), "{log}");
}

#[test]
fn a_flood_of_reports_from_one_address_is_slowed_with_429() {
    let server = Server::start(&[]);
    let mut taken = 0;
    let refused = loop {
        let reply = server.request(
            "POST",
            "/api/csp-report",
            &[("Content-Type", "application/csp-report")],
            ONE.as_bytes(),
        );
        match reply.status {
            204 => taken += 1,
            429 => break reply,
            other => panic!("a report answered {other}"),
        }
        assert!(taken < 1_000, "no limit after {taken} reports");
    };
    assert!(taken >= 100, "a burst of 100 is taken: {taken}");
    assert!(refused.header("retry-after").is_some());
    assert_eq!(refused.code(), "RateLimited");
    assert_eq!(violations(&server), taken, "only the reports taken count");
}
