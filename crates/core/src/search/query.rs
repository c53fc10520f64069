//! What a fan types into the search box, turned into an FTS5 expression over the
//! columns of `idea_search` (see `store::search`), with the same analysis as the
//! index ([`super::analyse`]).
//!
//! - Whitespace separates terms; every term must match (AND).
//! - Inside one term, each CJK run and each word is its own term, so `燕麦latte`
//!   means `燕麦 AND latte`.
//! - A CJK run of one character matches the character stream (`燕`); a longer run
//!   is the phrase of its bigrams in the term stream (`燕麦拿铁` = `"燕麦 麦拿 拿铁"`),
//!   which matches texts containing exactly that string.
//! - English words match their stem (`lattes` finds `latte`). Stop words (`the`,
//!   `of`, ...) are dropped unless nothing else is left.
//! - `"double quotes"` (also `“ ”`, `「 」`, `『 』`) make one phrase of everything
//!   inside, in order.
//!
//! Nothing the user types reaches FTS5 syntax: every token is made of letters,
//! digits or CJK characters only and is emitted inside double quotes.

use super::analyse::{self, PieceKind, Token};

/// The longest query accepted, in characters.
pub const QUERY_MAX_CHARS: usize = 200;
/// Terms beyond this many are ignored (an AND of 12 terms already pins a text down).
const MAX_TERMS: usize = 12;

/// One required term of a query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum QueryTerm {
    /// One CJK character: matches the character stream.
    Char(String),
    /// Consecutive tokens of the term stream.
    Phrase(Vec<String>),
}

/// A parsed, non-empty query.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct ParsedQuery {
    pub terms: Vec<QueryTerm>,
}

fn closing_quote(open: char) -> Option<char> {
    match open {
        '"' => Some('"'),
        '\u{201C}' => Some('\u{201D}'),
        '\u{300C}' => Some('\u{300D}'),
        '\u{300E}' => Some('\u{300F}'),
        '\u{FF02}' => Some('\u{FF02}'),
        _ => None,
    }
}

/// Splits the raw query into (text, quoted) chunks.
fn chunks(input: &str) -> Vec<(String, bool)> {
    let mut out = Vec::new();
    let mut current = String::new();
    let mut chars = input.chars();
    while let Some(c) = chars.next() {
        if let Some(close) = closing_quote(c) {
            if !current.trim().is_empty() {
                out.push((std::mem::take(&mut current), false));
            }
            current.clear();
            let quoted: String = chars.by_ref().take_while(|&q| q != close).collect();
            out.push((quoted, true));
        } else if c.is_whitespace() || c == '\u{3000}' {
            if !current.is_empty() {
                out.push((std::mem::take(&mut current), false));
            }
        } else {
            current.push(c);
        }
    }
    if !current.is_empty() {
        out.push((current, false));
    }
    out
}

fn term_of(tokens: Vec<Token>, single_cjk: bool) -> Option<QueryTerm> {
    if tokens.is_empty() {
        return None;
    }
    if single_cjk {
        return Some(QueryTerm::Char(tokens[0].text.clone()));
    }
    Some(QueryTerm::Phrase(
        tokens.into_iter().map(|t| t.text).collect(),
    ))
}

impl ParsedQuery {
    /// Parses a query; `None` when nothing searchable is left (blank, punctuation).
    pub(crate) fn parse(input: &str) -> Option<ParsedQuery> {
        let mut terms = Vec::new();
        let mut stop_terms = Vec::new();
        for (text, quoted) in chunks(input) {
            let pieces = analyse::pieces(&text);
            if quoted {
                let single = pieces.len() == 1
                    && pieces[0].kind == PieceKind::Cjk
                    && pieces[0].text.chars().count() == 1;
                let mut tokens = Vec::new();
                for p in &pieces {
                    analyse::push_terms(p, &mut tokens);
                }
                terms.extend(term_of(tokens, single));
                continue;
            }
            for piece in pieces {
                let single = piece.kind == PieceKind::Cjk && piece.text.chars().count() == 1;
                let stop = piece.kind == PieceKind::Word && analyse::is_stop_word(&piece.text);
                let mut tokens = Vec::new();
                analyse::push_terms(&piece, &mut tokens);
                let term = term_of(tokens, single);
                if stop {
                    stop_terms.extend(term);
                } else {
                    terms.extend(term);
                }
            }
        }
        if terms.is_empty() {
            terms = stop_terms;
        }
        let mut unique: Vec<QueryTerm> = Vec::new();
        for t in terms {
            if !unique.contains(&t) {
                unique.push(t);
            }
        }
        unique.truncate(MAX_TERMS);
        (!unique.is_empty()).then_some(ParsedQuery { terms: unique })
    }

    /// The FTS5 MATCH expression: every term, each restricted to its columns.
    pub(crate) fn fts_match(&self) -> String {
        self.terms
            .iter()
            .map(|t| match t {
                QueryTerm::Char(c) => format!("{{title_chars body_chars}} : \"{c}\""),
                QueryTerm::Phrase(tokens) => {
                    format!("{{title_terms body_terms}} : \"{}\"", tokens.join(" "))
                }
            })
            .collect::<Vec<_>>()
            .join(" AND ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(tokens: &[&str]) -> QueryTerm {
        QueryTerm::Phrase(tokens.iter().map(|s| s.to_string()).collect())
    }

    #[test]
    fn chinese_of_every_length() {
        let q = ParsedQuery::parse("燕").unwrap();
        assert_eq!(q.terms, [QueryTerm::Char("燕".into())]);
        let q = ParsedQuery::parse("燕麦").unwrap();
        assert_eq!(q.terms, [phrase(&["燕麦"])]);
        let q = ParsedQuery::parse("燕麦拿铁").unwrap();
        assert_eq!(q.terms, [phrase(&["燕麦", "麦拿", "拿铁"])]);
    }

    #[test]
    fn words_terms_and_mixed() {
        let q = ParsedQuery::parse("the Oat LATTES 燕麦app").unwrap();
        assert_eq!(
            q.terms,
            [
                phrase(&["oat"]),
                phrase(&["latt"]),
                phrase(&["燕麦"]),
                phrase(&["app"])
            ]
        );
        assert_eq!(
            q.fts_match(),
            "{title_terms body_terms} : \"oat\" AND {title_terms body_terms} : \"latt\" AND \
             {title_terms body_terms} : \"燕麦\" AND {title_terms body_terms} : \"app\""
        );
    }

    #[test]
    fn quotes_make_phrases() {
        let q = ParsedQuery::parse("\"oat milk latte\" 「燕麦 拿铁」 “猫”").unwrap();
        assert_eq!(
            q.terms,
            [
                phrase(&["oat", "milk", "latt"]),
                phrase(&["燕麦", "拿铁"]),
                QueryTerm::Char("猫".into())
            ]
        );
        // An unclosed quote runs to the end.
        let q = ParsedQuery::parse("\"oat milk").unwrap();
        assert_eq!(q.terms, [phrase(&["oat", "milk"])]);
    }

    #[test]
    fn stop_words_only_when_alone_and_nothing_is_nothing() {
        assert_eq!(ParsedQuery::parse("the").unwrap().terms, [phrase(&["the"])]);
        assert!(ParsedQuery::parse("").is_none());
        assert!(ParsedQuery::parse("   \u{3000} ").is_none());
        assert!(ParsedQuery::parse("!!! ，。？ \"\"").is_none());
    }

    #[test]
    fn fts_syntax_cannot_be_injected() {
        let q = ParsedQuery::parse("a\" OR \"b NEAR( * ^ {title}:x -y").unwrap();
        let fts = q.fts_match();
        for term in &q.terms {
            if let QueryTerm::Phrase(tokens) = term {
                assert!(tokens.iter().all(|t| t.chars().all(char::is_alphanumeric)));
            }
        }
        assert_eq!(fts.matches('"').count() % 2, 0);
    }
}
