//! Full-text search that a Chinese fan can trust, and duplicate detection.
//!
//! SQLite's trigram tokenizer cannot match a query shorter than three characters, and
//! most Chinese words are two; whitespace tokenizers miss words inside a run of
//! Chinese. So the analysis is done here, in Rust, and FTS5 only stores and ranks
//! what it is given (its `ascii` tokenizer splits our space-joined tokens, nothing
//! else):
//!
//! - [`analyse`]: text -> tokens. Chinese runs become overlapping bigrams (for
//!   queries of two characters and more, as phrases) plus single characters (for
//!   one-character queries); English words are lower-cased and lightly stemmed.
//! - [`query`]: the search box -> an FTS5 expression (all terms must match; quoted
//!   phrases; mixed Chinese and English).
//! - [`highlight`]: where the query matched, as UTF-16 ranges for the UI.
//! - [`similar`]: how alike a draft and an existing idea are (the share view).
//!
//! The index itself (`idea_search`, migration 3) has four columns: the term stream
//! and the character stream of the title and of the body (Markdown reduced to its
//! visible text by [`plain_text`]). bm25 weighs title columns 4x the body's. Every
//! idea is indexed, hidden and merged ones included; visibility is decided at query
//! time against `ideas`, so hiding, restoring and merging never touch the index and
//! can never leave it stale. The index is written in the same transaction as the
//! idea's text (`store::ideas::insert` and `update_text` call `store::search`).

pub(crate) mod analyse;
pub(crate) mod highlight;
pub mod query;
pub(crate) mod similar;

pub use query::QUERY_MAX_CHARS;

/// The visible text of a Markdown body: what a reader sees, without link targets,
/// image sources or markup, whitespace folded to single spaces.
pub(crate) fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut text = String::with_capacity(markdown.len());
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(&t),
            // Inline markup ends inside a word (`**oat**s`); blocks end between words.
            Event::End(
                TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image,
            ) => {}
            Event::SoftBreak | Event::HardBreak | Event::End(_) => text.push(' '),
            _ => {}
        }
    }
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    #[test]
    fn plain_text_drops_markup_and_link_targets() {
        let text = super::plain_text("# 燕麦\n\n**Oat** [latte](https://example.com/cups)s\n");
        assert_eq!(text, "燕麦 Oat lattes");
    }
}
