//! Cell text of the spreadsheet formats: Markdown to plain text, and neutralising
//! text a spreadsheet would run as a formula.

use std::borrow::Cow;

/// Characters that make Excel, LibreOffice or Sheets read a cell as a formula (or
/// split it into one, for tab and carriage return).
const FORMULA_STARTS: [char; 6] = ['=', '+', '-', '@', '\t', '\r'];

/// The text with a leading `'` when it would otherwise start a formula (OWASP's
/// advice: the quote shows as text and the spreadsheet runs nothing).
pub fn neutralise(text: &str) -> Cow<'_, str> {
    if text.starts_with(FORMULA_STARTS) {
        Cow::Owned(format!("'{text}"))
    } else {
        Cow::Borrowed(text)
    }
}

/// Markdown as plain text for a cell: inline markup dropped, one line per line
/// break, blocks separated by a blank line, no trailing whitespace.
pub fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                text.push_str(&t)
            }
            Event::SoftBreak | Event::HardBreak => text.push('\n'),
            Event::End(
                TagEnd::Paragraph | TagEnd::Heading(_) | TagEnd::CodeBlock | TagEnd::Item,
            ) => {
                while text.ends_with('\n') {
                    text.pop();
                }
                text.push_str("\n\n");
            }
            _ => {}
        }
    }
    let kept = text.trim_end().len();
    text.truncate(kept);
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formula_starts_are_quoted_and_nothing_else() {
        for bad in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise(bad), format!("'{bad}"));
        }
        for fine in ["1", "a=b", "中文", "", " =x"] {
            assert_eq!(neutralise(fine), fine);
        }
    }

    #[test]
    fn markdown_loses_markup_and_keeps_lines() {
        assert_eq!(
            plain_text("**Oat** milk\nplease\n\n- one\n- two"),
            "Oat milk\nplease\n\none\n\ntwo"
        );
    }
}
