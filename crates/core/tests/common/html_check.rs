//! The checker of rendered HTML that the XSS table (`core/xss.rs`) and the fuzz
//! targets (`fuzz/`) share: it reads the output roughly as a browser's tokenizer
//! would (attribute values decoded, quotes respected, `/` between attributes) and
//! lists every script-capable element, event handler, `style`/`srcdoc` attribute
//! and `javascript:`, `vbscript:` or HTML `data:` URL it finds (in any attribute
//! but those that are only ever text or numbers, such as `title` and `start`). It errs on the side
//! of seeing too much: every `<` starts a tag and end tags' attributes count too.

/// Elements that run script, load a document, or submit somewhere.
pub const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta",
    "base", "form", "input", "button", "textarea", "select", "svg", "math", "body", "html", "head",
    "video", "audio", "source", "isindex", "marquee", "details", "noscript",
];

/// Attributes a browser reads only as text, a number or a keyword (a tooltip, a
/// list's first number, a date), never as a URL: `javascript:` there is words.
pub const NOT_URL_ATTRIBUTES: &[&str] = &[
    "title", "alt", "lang", "hreflang", "summary", "abbr", "datetime", "rel", "start", "colspan",
    "rowspan", "span", "headers", "scope", "align", "valign", "char", "charoff", "size", "width",
    "height", "dir",
];

/// One tag of the output: its lower-cased name and its attributes (lower-cased
/// name, decoded value).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tag {
    pub name: String,
    pub closing: bool,
    pub attrs: Vec<(String, String)>,
}

/// `&#106;`, `&#x6A`, `&colon;` and friends, as a browser reads an attribute value.
pub fn decode_entities(value: &str) -> String {
    let mut out = String::new();
    let mut rest = value;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at + 1..];
        let end = rest
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '#'))
            .unwrap_or(rest.len());
        let entity = &rest[..end];
        let decoded = if let Some(hex) = entity
            .strip_prefix("#x")
            .or_else(|| entity.strip_prefix("#X"))
        {
            u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
        } else if let Some(dec) = entity.strip_prefix('#') {
            dec.parse::<u32>().ok().and_then(char::from_u32)
        } else {
            match entity {
                "colon" => Some(':'),
                "tab" | "Tab" => Some('\t'),
                "newline" | "NewLine" => Some('\n'),
                "amp" => Some('&'),
                "quot" => Some('"'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                _ => None,
            }
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = rest[end..].strip_prefix(';').unwrap_or(&rest[end..]);
            }
            None => out.push('&'),
        }
    }
    out.push_str(rest);
    out
}

/// Every tag of `html`, in order. A `>` inside a quoted attribute value does not
/// end the tag (the serialiser leaves `<` and `>` unescaped there).
pub fn tags(html: &str) -> Vec<Tag> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let closing = rest.starts_with('/');
        let inside = rest.trim_start_matches('/');
        let name_len = inside
            .find(|c: char| !c.is_ascii_alphanumeric())
            .unwrap_or(inside.len());
        let name = inside[..name_len].to_lowercase();
        let mut text = &inside[name_len..];
        let mut attrs = Vec::new();
        loop {
            text = text.trim_start();
            match text.chars().next() {
                None => break,
                Some('>') => {
                    text = &text[1..];
                    break;
                }
                Some('/') => {
                    text = &text[1..];
                    continue;
                }
                _ => {}
            }
            // A name runs to `=`, `>`, `/` or a space; a leading `=` is part of it.
            let first = text.chars().next().map_or(0, char::len_utf8);
            let key_end = text[first..]
                .find(|c: char| c == '=' || c == '>' || c == '/' || c.is_whitespace())
                .map_or(text.len(), |i| i + first);
            let key = text[..key_end].to_lowercase();
            text = &text[key_end..];
            let value = match text.trim_start().strip_prefix('=') {
                Some(after) => {
                    let after = after.trim_start();
                    let (value, remaining) = match after.chars().next() {
                        Some(q @ ('"' | '\'')) => {
                            let body = &after[1..];
                            let end = body.find(q).unwrap_or(body.len());
                            (&body[..end], body.get(end + 1..).unwrap_or(""))
                        }
                        _ => {
                            let end = after
                                .find(|c: char| c.is_whitespace() || c == '>')
                                .unwrap_or(after.len());
                            (&after[..end], &after[end..])
                        }
                    };
                    text = remaining;
                    decode_entities(value)
                }
                None => String::new(),
            };
            attrs.push((key, value));
        }
        found.push(Tag {
            name,
            closing,
            attrs,
        });
        rest = text;
    }
    found
}

/// Whether a browser would run or render as a document what this URL points at.
/// Its scheme is read as the URL parser does: leading and trailing C0 controls and
/// spaces trimmed, tabs and newlines dropped anywhere, ASCII case ignored.
pub fn dangerous_url(value: &str) -> bool {
    let squeezed: String = value
        .trim_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    squeezed.starts_with("javascript:")
        || squeezed.starts_with("vbscript:")
        || squeezed.starts_with("data:text/html")
}

/// Everything script-capable in `html`, one line each; empty when it is safe.
pub fn problems(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for Tag { name, attrs, .. } in tags(html) {
        if FORBIDDEN_ELEMENTS.contains(&name.as_str()) {
            out.push(format!("<{name}> element"));
        }
        for (key, value) in attrs {
            if key.starts_with("on") {
                out.push(format!("event handler {key} on <{name}>"));
            }
            if key == "style" || key == "srcdoc" {
                out.push(format!("{key} attribute on <{name}>"));
            }
            if !NOT_URL_ATTRIBUTES.contains(&key.as_str()) && dangerous_url(&value) {
                out.push(format!("{key}={value:?} on <{name}>"));
            }
        }
    }
    out
}
