//! Hostile markup through the one renderer every view and export uses (issue 8): a
//! table of XSS payloads from public cheat sheets (`common/xss_payloads.rs`), each
//! in Markdown and raw HTML forms, read back by the shared checker
//! (`common/html_check.rs`). The sanitised output may keep the payload as text, but
//! never a script-capable element, an event handler, or a `javascript:`,
//! `vbscript:` or HTML `data:` URL in any attribute.

use ideaboard_core::render::markdown_to_safe_html;

use crate::html_check::problems;
use crate::xss_payloads::PAYLOADS;

#[test]
fn the_checker_itself_sees_what_it_must() {
    // So a renderer that let these through could not pass by a blind checker.
    assert!(!problems("<img src=x onerror=alert(1)>").is_empty());
    assert!(!problems("<a href=\"java&#x0A;script:alert(1)\">x</a>").is_empty());
    assert!(!problems("<a href=\"&#106;avascript&colon;alert(1)\">x</a>").is_empty());
    assert!(!problems("<SCRIPT>x</SCRIPT>").is_empty());
    assert!(problems("<p>javascript:alert(1) as text &lt;script&gt;</p>").is_empty());
    // A quoted `>` does not end the tag, and a quoted `<` does not start one.
    assert!(!problems("<a title=\"x>y\" onclick=alert(1)>x</a>").is_empty());
    assert!(!problems("<a/href=javascript:alert(1)>x</a>").is_empty());
    assert!(problems("<a title=\"<script>\" href=\"https://e.com\">x</a>").is_empty());
    // Leading C0 controls are trimmed from a URL, but DEL and other spaces are
    // not: those make a relative path.
    assert!(!problems("<a href=\"\u{1}\u{1f} javascript:alert(1)\">x</a>").is_empty());
    assert!(problems("<a href=\"\u{7f} javascript:alert(1)\">x</a>").is_empty());
    assert!(problems("<a href=\"\u{a0}javascript:alert(1)\">x</a>").is_empty());
    // A tooltip's words and a list's first number are not URLs; a quotation's
    // source is.
    assert!(problems("<ol title=\"javascript:alert(1)\"></ol>").is_empty());
    assert!(problems("<ol start=\"javascript:alert(1)\"></ol>").is_empty());
    assert!(!problems("<blockquote cite=\"javascript:alert(1)\"></blockquote>").is_empty());
}

#[test]
fn no_payload_survives_the_renderer() {
    assert!(PAYLOADS.len() >= 50, "{} payloads", PAYLOADS.len());
    let mut failures = Vec::new();
    for payload in PAYLOADS {
        // Alone, and inside ordinary Markdown as a fan would write it.
        for source in [
            payload.to_string(),
            format!("**Idea**: {payload}\n\n- item {payload}\n"),
        ] {
            let html = markdown_to_safe_html(&source);
            for problem in problems(&html) {
                failures.push(format!("{payload:?} -> {problem} in {html:?}"));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_quotation_source_cannot_carry_a_script_url() {
    // Found by the fuzzer (tests/fuzz/markdown.rs): ammonia keeps `cite` on
    // <blockquote> and <del> and does not check its scheme.
    for source in [
        "<del cite=\"javascript:alert(1)\">x</del>",
        "<blockquote cite=\"javascript:alert(1)\">x</blockquote>",
    ] {
        let html = markdown_to_safe_html(source);
        assert_eq!(problems(&html), Vec::<String>::new(), "{html}");
        assert!(!html.contains("cite"), "{html}");
    }
}
