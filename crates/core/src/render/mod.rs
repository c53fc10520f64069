//! Markdown to safe HTML, once, in the core: the UI and every export show the same
//! sanitised output. pulldown-cmark renders; ammonia then keeps only a small set of
//! formatting tags, forces `rel="noopener noreferrer nofollow"` on links, and drops
//! scripts, event handlers, styles, `cite` and any URL scheme but http, https and
//! mailto.
//! Raw HTML in the source is not trusted: it goes through the same sanitiser.

use std::collections::HashSet;
use std::sync::OnceLock;

use pulldown_cmark::{Options, Parser, html};

fn sanitiser() -> &'static ammonia::Builder<'static> {
    static CLEANER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    CLEANER.get_or_init(|| {
        let tags: HashSet<&str> = [
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
        ]
        .into_iter()
        .collect();
        let mut builder = ammonia::Builder::default();
        builder
            .tags(tags)
            .url_schemes(["http", "https", "mailto"].into_iter().collect())
            .link_rel(Some("noopener noreferrer nofollow"))
            .clean_content_tags(["script", "style"].into_iter().collect())
            // ammonia checks URL schemes only in the attributes it knows as links
            // (href, src, ...), not in `cite`, which its defaults allow on these
            // tags: `<del cite="javascript:...">` would pass. Markdown never
            // writes `cite`.
            .rm_tag_attributes("blockquote", &["cite"])
            .rm_tag_attributes("del", &["cite"]);
        builder
    })
}

/// Renders Markdown to sanitised HTML.
pub fn markdown_to_safe_html(source: &str) -> String {
    let mut options = Options::empty();
    options.insert(Options::ENABLE_STRIKETHROUGH);
    options.insert(Options::ENABLE_TABLES);
    let parser = Parser::new_ext(source, options);
    let mut raw = String::with_capacity(source.len() + source.len() / 4);
    html::push_html(&mut raw, parser);
    sanitiser().clean(&raw).to_string()
}

/// Plain text of the Markdown source: first `max_chars` characters of the visible
/// words, whitespace folded, for cards and CSV cells.
pub fn markdown_excerpt(source: &str, max_chars: usize) -> String {
    use pulldown_cmark::Event;
    let mut text = String::new();
    for event in Parser::new(source) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
        if text.chars().count() > max_chars * 2 {
            break;
        }
    }
    let folded: Vec<&str> = text.split_whitespace().collect();
    let folded = folded.join(" ");
    if folded.chars().count() <= max_chars {
        folded
    } else {
        let mut cut: String = folded.chars().take(max_chars).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formatting_survives_and_scripts_do_not() {
        let html = markdown_to_safe_html(
            "**bold** <script>alert(1)</script> <img src=x onerror=alert(1)> [x](javascript:alert(1))",
        );
        assert!(html.contains("<strong>bold</strong>"), "{html}");
        assert!(!html.contains("<script"), "{html}");
        assert!(!html.contains("alert(1)</script"), "{html}");
        assert!(!html.contains("onerror"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
    }

    #[test]
    fn links_are_safe() {
        let html = markdown_to_safe_html("[site](https://example.com)");
        assert!(
            html.contains("rel=\"noopener noreferrer nofollow\""),
            "{html}"
        );
    }

    #[test]
    fn excerpt_is_plain_and_cut() {
        assert_eq!(
            markdown_excerpt("# Title\n\nSome *words* here", 100),
            "Title Some words here"
        );
        assert_eq!(markdown_excerpt("希望燕麦拿铁成为常驻饮品", 4), "希望燕麦…");
    }
}
