//! Fuzz target: the Markdown renderer and sanitiser that every idea, comment and
//! note goes through (`render::markdown_to_safe_html`), and the plain excerpt of
//! cards and CSV cells (`render::markdown_excerpt`).
//!
//! Properties of the HTML, beyond "no panic":
//! - the shared checker finds nothing script-capable (`common/html_check.rs`);
//! - it is inside the renderer's own policy: only its formatting elements, only
//!   their attributes, links only to http, https, mailto or relative URLs, every
//!   link with `rel="noopener noreferrer nofollow"`;
//! - it is a closed fragment: every element opened is closed, in order, so it
//!   cannot swallow or close the page around it;
//! - rendered again as Markdown, it is still safe (a second pass revives nothing).

use ideaboard_core::render::{markdown_excerpt, markdown_to_safe_html};
use proptest::prelude::*;
use proptest::test_runner::TestCaseResult;

use crate::harness::fuzz;
use crate::hostile;
use crate::html_check::{Tag, problems, tags};

/// The elements `render` keeps.
const ELEMENTS: &[&str] = &[
    "a",
    "p",
    "br",
    "hr",
    "strong",
    "em",
    "del",
    "code",
    "pre",
    "blockquote",
    "ul",
    "ol",
    "li",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
];

const VOID: &[&str] = &["br", "hr"];

/// Attributes ammonia's defaults allow on those elements, plus the forced `rel`,
/// less `cite` (which `render` drops).
fn attribute_allowed(element: &str, attribute: &str) -> bool {
    let specific: &[&str] = match element {
        "a" => &["href", "hreflang", "rel"],
        "del" => &["datetime"],
        "hr" => &["align", "size", "width"],
        "ol" => &["start"],
        "table" => &["align", "char", "charoff", "summary"],
        "thead" | "tbody" | "tr" => &["align", "char", "charoff"],
        "td" => &["align", "char", "charoff", "colspan", "headers", "rowspan"],
        "th" => &[
            "align", "char", "charoff", "colspan", "headers", "rowspan", "scope",
        ],
        _ => &[],
    };
    matches!(attribute, "lang" | "title") || specific.contains(&attribute)
}

/// A URL's scheme as a browser's URL parser finds it (leading spaces and control
/// characters trimmed, tabs and newlines removed; an ASCII letter, then letters,
/// digits, `+`, `-` or `.`, then `:`), lower-cased; None for a relative URL.
fn scheme(url: &str) -> Option<String> {
    let url: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if !url.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let end = url
        .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .unwrap_or(url.len());
    url[end..]
        .starts_with(':')
        .then(|| url[..end].to_lowercase())
}

/// What in `html` is outside the renderer's policy.
fn outside_policy(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for Tag {
        name,
        closing,
        attrs,
    } in tags(html)
    {
        if !ELEMENTS.contains(&name.as_str()) {
            out.push(format!("<{name}> is not a formatting element"));
        }
        if closing {
            continue;
        }
        for (key, value) in &attrs {
            if !attribute_allowed(&name, key) {
                out.push(format!("{key} on <{name}>"));
            }
            if matches!(key.as_str(), "href" | "cite")
                && let Some(s) = scheme(value)
                && !matches!(s.as_str(), "http" | "https" | "mailto")
            {
                out.push(format!("{key}={value:?} ({s}:) on <{name}>"));
            }
        }
        if name == "a"
            && !attrs
                .iter()
                .any(|(k, v)| k == "rel" && v == "noopener noreferrer nofollow")
        {
            out.push(format!(
                "<a> without rel=\"noopener noreferrer nofollow\": {attrs:?}"
            ));
        }
    }
    out
}

/// Whether every element opened is closed, in order.
fn unbalanced(html: &str) -> Option<String> {
    let mut open: Vec<String> = Vec::new();
    for tag in tags(html) {
        if VOID.contains(&tag.name.as_str()) {
            continue;
        }
        if !tag.closing {
            open.push(tag.name);
        } else if open.pop().as_ref() != Some(&tag.name) {
            return Some(format!("</{}> closes nothing open", tag.name));
        }
    }
    (!open.is_empty()).then(|| format!("left open: {open:?}"))
}

const EXCERPT_CHARS: usize = 140;

fn check(source: &str) -> TestCaseResult {
    let html = markdown_to_safe_html(source);
    let found = problems(&html);
    prop_assert!(found.is_empty(), "unsafe: {found:?} in {html:?}");
    let found = outside_policy(&html);
    prop_assert!(
        found.is_empty(),
        "outside the policy: {found:?} in {html:?}"
    );
    if let Some(why) = unbalanced(&html) {
        prop_assert!(false, "not a closed fragment: {why} in {html:?}");
    }
    let again = markdown_to_safe_html(&html);
    let found = problems(&again);
    prop_assert!(
        found.is_empty(),
        "unsafe on a second pass: {found:?} in {again:?}"
    );
    let excerpt = markdown_excerpt(source, EXCERPT_CHARS);
    prop_assert!(
        excerpt.chars().count() <= EXCERPT_CHARS + 1,
        "excerpt of {} characters",
        excerpt.chars().count()
    );
    prop_assert!(
        !excerpt.contains(['\n', '\r']) && excerpt == excerpt.trim(),
        "excerpt not folded: {excerpt:?}"
    );
    Ok(())
}

#[test]
fn the_policy_checks_see_what_they_must() {
    assert!(!outside_policy("<img src=x>").is_empty());
    assert!(!outside_policy("<p class=x>y</p>").is_empty());
    assert!(
        !outside_policy("<a href=\"ftp://x\" rel=\"noopener noreferrer nofollow\">x</a>")
            .is_empty()
    );
    assert!(!outside_policy("<a href=\"https://x\">x</a>").is_empty());
    assert!(
        outside_policy("<a href=\"/x:y\" rel=\"noopener noreferrer nofollow\">x</a><ol start=\"3\"><li>z</li></ol>")
            .is_empty()
    );
    assert_eq!(
        scheme(" \u{1}Java\tScript:x").as_deref(),
        Some("javascript")
    );
    assert_eq!(scheme("#a:b"), None);
    assert_eq!(scheme("JAVA%09SCRIPT:alert(1)"), None, "a relative path");
    assert!(unbalanced("<p><em>x</p></em>").is_some());
    assert!(unbalanced("<p>x<br>y</p><hr>").is_none());
}

#[test]
fn hostile_markdown_renders_to_safe_html() {
    fuzz("markdown", hostile::text(40), |source| check(&source));
}
