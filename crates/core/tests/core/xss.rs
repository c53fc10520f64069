//! Hostile markup through the one renderer every view and export uses (issue 8): a
//! table of XSS payloads from public cheat sheets (OWASP's XSS filter evasion sheet,
//! PortSwigger's XSS cheat sheet, HTML5 Security Cheatsheet), each in Markdown and
//! raw HTML forms. The sanitised output may keep the payload as text, but never a
//! script-capable element, an event handler, or a `javascript:`, `vbscript:` or
//! HTML `data:` URL in any attribute.

use ideaboard_core::render::markdown_to_safe_html;

const PAYLOADS: &[&str] = &[
    "<script>alert(1)</script>",
    "<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>",
    "<ScRiPt>alert(1)</sCrIpT>",
    "<script/xss src=x></script>",
    "<<SCRIPT>alert(\"XSS\");//<</SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "<IMG SRC=javascript:alert('XSS')>",
    "<IMG SRC=JaVaScRiPt:alert('XSS')>",
    "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>",
    "<IMG \"\"\"><SCRIPT>alert(\"XSS\")</SCRIPT>\"\\>",
    "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
    "<IMG SRC=\"jav\tascript:alert('XSS');\">",
    "<IMG SRC=\"jav&#x09;ascript:alert('XSS');\">",
    "<IMG SRC=\" &#14;  javascript:alert('XSS');\">",
    "<img src=x:alert(alt) onerror=eval(src) alt=0>",
    "<img src=\"x\" onerror=\"&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058alert(1)\">",
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
    "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>XSS</text></a></svg>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "<body onload=alert(1)>",
    "<BODY BACKGROUND=\"javascript:alert('XSS')\">",
    "<iframe src=\"javascript:alert(1)\"></iframe>",
    "<iframe srcdoc=\"<script>alert(1)</script>\"></iframe>",
    "<object data=\"javascript:alert(1)\"></object>",
    "<embed src=\"javascript:alert(1)\">",
    "<a href=\"javascript:alert(1)\">click</a>",
    "<a href=\"JAVASCRIPT:alert(1)\">click</a>",
    "<a href=\"  javascript:alert(1)\">click</a>",
    "<a href=\"java&#x0A;script:alert(1)\">click</a>",
    "<a href=\"javascript&colon;alert(1)\">click</a>",
    "<a href=\"vbscript:msgbox(1)\">click</a>",
    "<a href=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">click</a>",
    "<a href=\"#\" onclick=\"alert(1)\">click</a>",
    "<a onmouseover=alert(1)>hover</a>",
    "<div style=\"background:url(javascript:alert(1))\">x</div>",
    "<div style=\"width: expression(alert(1));\">x</div>",
    "<style>@import 'javascript:alert(1)';</style>",
    "<link rel=stylesheet href=\"javascript:alert(1)\">",
    "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1);\">",
    "<base href=\"javascript:alert(1)//\">",
    "<form action=\"javascript:alert(1)\"><input type=submit></form>",
    "<input autofocus onfocus=alert(1)>",
    "<button formaction=\"javascript:alert(1)\">x</button>",
    "<details open ontoggle=alert(1)>",
    "<video><source onerror=\"alert(1)\"></video>",
    "<audio src=x onerror=alert(1)>",
    "<marquee onstart=alert(1)>x</marquee>",
    "<table background=\"javascript:alert(1)\"><tr><td>x</td></tr></table>",
    "<isindex type=image src=1 onerror=alert(1)>",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
    "<textarea><script>alert(1)</script></textarea>",
    "\"><script>alert(document.cookie)</script>",
    "'><img src=x onerror=alert(1)>",
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](javascript&#58;alert(1))",
    "[click](vbscript:msgbox(1))",
    "[click](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
    "![x](javascript:alert(1))",
    "![x\" onerror=\"alert(1)](x.png)",
    "[a](<javascript:alert(1)>)",
    "<javascript:alert(1)>",
    "[ref]\n\n[ref]: javascript:alert(1)",
    "```html\n<script>alert(1)</script>\n```",
    "`<img src=x onerror=alert(1)>`",
];

/// Elements that run script, load a document, or submit somewhere.
const FORBIDDEN_ELEMENTS: &[&str] = &[
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "style", "link", "meta",
    "base", "form", "input", "button", "textarea", "select", "svg", "math", "body", "html", "head",
    "video", "audio", "source", "isindex", "marquee", "details", "noscript",
];

/// `&#106;`, `&#x6A`, `&colon;` and friends, as a browser reads an attribute value.
fn decode_entities(value: &str) -> String {
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

/// Each tag of the output: its name and its attributes (name, decoded value).
fn tags(html: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut found = Vec::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('>') else { break };
        let inside = &rest[..close];
        rest = &rest[close + 1..];
        let inside = inside.trim_start_matches('/');
        let name: String = inside
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_lowercase();
        let mut attrs = Vec::new();
        let mut text = &inside[name.len()..];
        loop {
            text = text.trim_start();
            let key_end = text
                .find(|c: char| c == '=' || c.is_whitespace() || c == '/')
                .unwrap_or(text.len());
            if key_end == 0 {
                if text.is_empty() {
                    break;
                }
                text = &text[1..];
                continue;
            }
            let key = text[..key_end].to_lowercase();
            text = text[key_end..].trim_start();
            let value = if let Some(after) = text.strip_prefix('=') {
                let after = after.trim_start();
                let (value, remaining) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let end = body.find(q).unwrap_or(body.len());
                        (&body[..end], body.get(end + 1..).unwrap_or(""))
                    }
                    _ => {
                        let end = after.find(char::is_whitespace).unwrap_or(after.len());
                        (&after[..end], &after[end..])
                    }
                };
                text = remaining;
                decode_entities(value)
            } else {
                String::new()
            };
            attrs.push((key, value));
        }
        found.push((name, attrs));
    }
    found
}

fn dangerous_url(value: &str) -> bool {
    let squeezed: String = value
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_lowercase();
    squeezed.starts_with("javascript:")
        || squeezed.starts_with("vbscript:")
        || squeezed.starts_with("data:text/html")
}

fn problems(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (name, attrs) in tags(html) {
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
            if dangerous_url(&value) {
                out.push(format!("{key}={value:?} on <{name}>"));
            }
        }
    }
    out
}

#[test]
fn the_checker_itself_sees_what_it_must() {
    // So a renderer that let these through could not pass by a blind checker.
    assert!(!problems("<img src=x onerror=alert(1)>").is_empty());
    assert!(!problems("<a href=\"java&#x0A;script:alert(1)\">x</a>").is_empty());
    assert!(!problems("<a href=\"&#106;avascript&colon;alert(1)\">x</a>").is_empty());
    assert!(!problems("<SCRIPT>x</SCRIPT>").is_empty());
    assert!(problems("<p>javascript:alert(1) as text &lt;script&gt;</p>").is_empty());
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
