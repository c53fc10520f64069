//! Generators of hostile text that every target draws from: Markdown syntax, raw
//! HTML tags and attributes from the XSS cheat sheets, entities, tricky Unicode
//! (CJK, astral, bidi, zero-width, control characters), the payload table itself
//! (whole and mutated), very long and deeply nested runs, and plain random strings.

use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::xss_payloads::PAYLOADS;

const MARKDOWN: &[&str] = &[
    "# ",
    "###### ",
    "####### ",
    "\n",
    "\n\n",
    "  \n",
    "\\\n",
    "**",
    "__",
    "*",
    "_",
    "~~",
    "~",
    "`",
    "``",
    "```",
    "```html\n",
    "~~~",
    "> ",
    ">",
    "- ",
    "* ",
    "+ ",
    "1. ",
    "2) ",
    "    ",
    "\t",
    "---",
    "***",
    "===",
    "|",
    "| a | b |\n|---|:-:|\n| c | d |\n",
    "|-|\n",
    "[",
    "]",
    "(",
    ")",
    "](",
    "![",
    "]: ",
    "[x]: ",
    "[x]",
    "[x][x]",
    "[^1]",
    "<",
    ">",
    "\\",
    "<http://a.example/>",
    "<mailto:a@b.example>",
    "<a@b.example>",
    "[x](https://a.example \"t\")",
    "[x](https://a.example 't')",
    "[x](</a b>)",
    "](javascript:alert(1))",
    "](<javascript:alert(1)>)",
    "](java\nscript:alert(1))",
    "](JAVA&#x09;SCRIPT:alert(1))",
    "](//evil.example)",
    "](#top)",
    "](data:image/svg+xml,<svg onload=alert(1)>)",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "<?",
    "?>",
    "<!DOCTYPE html>",
    "\"",
    "'",
    "=",
    "javascript:",
    "data:",
    "http://",
    "https://",
    "www.",
    "@",
    "#",
    "&",
];

const TAGS: &[&str] = &[
    "script",
    "SCRIPT",
    "img",
    "svg",
    "a",
    "A",
    "iframe",
    "style",
    "math",
    "mtext",
    "mglyph",
    "annotation-xml",
    "foreignObject",
    "desc",
    "title",
    "table",
    "td",
    "th",
    "tr",
    "form",
    "input",
    "button",
    "details",
    "body",
    "object",
    "embed",
    "base",
    "meta",
    "link",
    "noscript",
    "noembed",
    "noframes",
    "textarea",
    "xmp",
    "plaintext",
    "listing",
    "template",
    "select",
    "option",
    "video",
    "audio",
    "source",
    "marquee",
    "isindex",
    "frameset",
    "applet",
    "image",
    "p",
    "div",
    "span",
    "b",
    "code",
    "pre",
    "blockquote",
    "ol",
    "li",
    "h1",
    "hr",
    "br",
    "del",
    "x-custom",
];

const ATTRIBUTES: &[&str] = &[
    "onerror",
    "onload",
    "onclick",
    "ONMOUSEOVER",
    "onfocus",
    "ontoggle",
    "onbegin",
    "onanimationstart",
    "href",
    "HREF",
    "src",
    "srcdoc",
    "style",
    "formaction",
    "action",
    "data",
    "background",
    "xlink:href",
    "xmlns",
    "xmlns:xlink",
    "title",
    "rel",
    "lang",
    "class",
    "id",
    "name",
    "cite",
    "start",
    "colspan",
    "dynsrc",
    "lowsrc",
    "poster",
    "codebase",
    "autofocus",
    "open",
    "/onerror",
    "`onerror",
    "on\u{0}error",
    "\"onerror",
];

const VALUES: &[&str] = &[
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "java\tscript:alert(1)",
    "java&#x0A;script:alert(1)",
    "java&#x09script:alert(1)",
    "&#106;avascript&colon;alert(1)",
    "&#0000106&#0000097vascript:alert(1)",
    "\u{1}javascript:alert(1)",
    " \u{c} javascript:alert(1)",
    "javascript&#58;alert(1)",
    "vbscript:msgbox(1)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "data:text/html,<script>alert(1)</script>",
    "data:image/svg+xml,<svg onload=alert(1)>",
    "livescript:alert(1)",
    "http://a.example/",
    "https://a.example/x?y=1&z=<2>",
    "mailto:a@b.example",
    "//evil.example",
    "#a",
    "x",
    "",
    "alert(1)",
    "expression(alert(1))",
    "background:url(javascript:alert(1))",
    "x\" onerror=\"alert(1)",
    "x' onerror='alert(1)",
    "x><script>alert(1)</script>",
    "1",
    "-1",
    "99999999999",
];

const ENTITIES: &[&str] = &[
    "&#106;",
    "&#x6A;",
    "&#x6A",
    "&colon;",
    "&Tab;",
    "&NewLine;",
    "&lt;",
    "&gt;",
    "&amp;",
    "&quot;",
    "&apos;",
    "&#0;",
    "&#x0;",
    "&#xD800;",
    "&#x110000;",
    "&#99999999999;",
    "&nbsp;",
    "&#8203;",
    "&amp;lt;",
    "&#60;script&#62;",
    "&#x3C;img src=x onerror=alert(1)&#x3E;",
    "&",
    "&#",
    "&#x",
    "&lt",
    "&notanentity;",
    "&ThisIsALongNameThatIsNotAnEntityAtAll;",
];

const UNICODE: &[&str] = &[
    "燕麦拿铁",
    "希望",
    "燕",
    "会员积分可以兑换咖啡",
    "𠀀𪚥",
    "ひらがなカタカナ",
    "é",
    "e\u{301}",
    "\u{200B}",
    "\u{200D}",
    "\u{202E}",
    "\u{2066}",
    "\u{FEFF}",
    "\u{0}",
    "\u{1}",
    "\u{7}",
    "\u{8}",
    "\u{B}",
    "\u{C}",
    "\r",
    "\r\n",
    "\u{1B}[31m",
    "\u{7F}",
    "\u{85}",
    "\u{2028}",
    "\u{2029}",
    "\u{3000}",
    "\u{FFFD}",
    "\u{FFFF}",
    "\u{10FFFF}",
    "İ",
    "ß",
    "ﬀ",
    "ＡＢＣ１２３",
    "＜script＞",
    "〈",
    "‹",
    "＂",
    "“",
    "”",
    "「",
    "」",
    "『",
    "』",
    "’",
    "😀",
    "👨\u{200D}👩\u{200D}👧",
    "\u{E0001}",
    "ǅ",
    "ﷺ",
    "\u{345}",
    "٣",
];

/// One piece of Markdown syntax.
pub fn markdown_token() -> impl Strategy<Value = String> {
    select(MARKDOWN).prop_map(str::to_string)
}

/// An entity, well-formed or not.
pub fn entity() -> impl Strategy<Value = String> {
    select(ENTITIES).prop_map(str::to_string)
}

/// A string of tricky Unicode.
pub fn unicode() -> impl Strategy<Value = String> {
    select(UNICODE).prop_map(str::to_string)
}

/// One payload of the XSS table.
pub fn payload() -> impl Strategy<Value = String> {
    select(PAYLOADS).prop_map(str::to_string)
}

/// A raw HTML tag with hostile attributes, quoted every way, opened, closed,
/// self-closed or left unfinished.
pub fn html_tag() -> impl Strategy<Value = String> {
    let attribute = (
        select(ATTRIBUTES),
        select(VALUES),
        select(&["\"", "'", "", "`"][..]),
        select(&[" ", "/", "\n", "\t", "  "][..]),
    )
        .prop_map(|(name, value, quote, gap)| format!("{gap}{name}={quote}{value}{quote}"));
    (
        select(TAGS),
        prop::collection::vec(attribute, 0..4),
        select(&[">", "/>", " >", "", ">x</", "></"][..]),
        any::<bool>(),
    )
        .prop_map(|(tag, attrs, end, closing)| {
            let mut out = format!("<{tag}{}{end}", attrs.concat());
            if end.ends_with("</") {
                out.push_str(tag);
                out.push('>');
            } else if closing {
                out.push_str(&format!("</{tag}>"));
            }
            out
        })
}

/// `text` with a few characters inserted, removed or replaced.
pub fn mutated(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    let edit = (any::<Index>(), 0u8..3, any::<char>());
    (text, prop::collection::vec(edit, 1..4)).prop_map(|(text, edits)| {
        let mut chars: Vec<char> = text.chars().collect();
        for (at, kind, c) in edits {
            let i = at.index(chars.len() + 1);
            match kind {
                0 => chars.insert(i, c),
                1 if i < chars.len() => {
                    chars.remove(i);
                }
                _ if i < chars.len() => chars[i] = c,
                _ => chars.push(c),
            }
        }
        chars.into_iter().collect()
    })
}

/// One fragment that is not a repetition.
fn simple_fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => markdown_token(),
        5 => html_tag(),
        2 => entity(),
        3 => unicode(),
        2 => payload(),
        1 => mutated(payload()),
        2 => "[a-zA-Z0-9 ]{1,12}",
        1 => any::<String>(),
        1 => prop::collection::vec(any::<char>(), 0..8)
            .prop_map(|c| c.into_iter().collect::<String>()),
        1 => "[<>&\"'=/:;#*_\\[\\]()!`~|\\\\ \n-]{1,12}",
    ]
}

/// A fragment, sometimes repeated hundreds or thousands of times (deep nesting,
/// long runs of one delimiter, long lines).
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        12 => simple_fragment(),
        1 => (simple_fragment(), 2usize..2_000).prop_map(|(f, n)| f.repeat(n)),
    ]
}

/// Hostile text: up to `max` fragments joined.
pub fn text(max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(fragment(), 0..max).prop_map(|parts| parts.concat())
}

/// Hostile text of at most `max_chars` characters (cut, not refused), for fields
/// whose limits the target is not about.
pub fn short_text(max_fragments: usize, max_chars: usize) -> impl Strategy<Value = String> {
    text(max_fragments).prop_map(move |t| t.chars().take(max_chars).collect())
}
