//! Where a query matched, for the UI to emphasise: ranges, never markup. The ranges
//! are found by the same analysis as the index, so what is highlighted is what
//! matched (`lattes` highlights `Latte`; `燕麦拿铁` highlights the four characters).
//!
//! Ranges are half-open `[start, end)` in **UTF-16 code units**, the unit of a
//! JavaScript string, so the UI can `slice` the text directly and insert each part as
//! text.

use super::analyse::{self, Token};
use super::query::{ParsedQuery, QueryTerm};
use crate::model::Highlighted;

/// Characters of body text around the first match in a snippet.
const SNIPPET_CHARS: usize = 120;
/// Characters shown before the first match, for context.
const SNIPPET_LEAD: usize = 30;

/// Character ranges of every match of `query` in `text`, sorted and merged.
pub(crate) fn match_ranges(query: &ParsedQuery, text: &str) -> Vec<(usize, usize)> {
    let terms = analyse::term_stream(text);
    let mut chars: Option<Vec<Token>> = None;
    let mut ranges = Vec::new();
    for term in &query.terms {
        match term {
            QueryTerm::Char(c) => {
                let chars = chars.get_or_insert_with(|| analyse::char_stream(text));
                ranges.extend(
                    chars
                        .iter()
                        .filter(|t| t.text == *c)
                        .map(|t| (t.start, t.end)),
                );
            }
            QueryTerm::Phrase(tokens) => {
                if tokens.is_empty() || tokens.len() > terms.len() {
                    continue;
                }
                for window in terms.windows(tokens.len()) {
                    if window.iter().zip(tokens).all(|(t, q)| t.text == *q) {
                        ranges.push((window[0].start, window[window.len() - 1].end));
                    }
                }
            }
        }
    }
    merge(ranges)
}

fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort_unstable();
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(ranges.len());
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// `text` with its matches, offsets converted from characters to UTF-16 units.
fn highlighted(text: String, ranges: &[(usize, usize)]) -> Highlighted {
    let mut utf16_at = Vec::with_capacity(text.len() + 1);
    let mut unit = 0u32;
    for c in text.chars() {
        utf16_at.push(unit);
        unit += c.len_utf16() as u32;
    }
    utf16_at.push(unit);
    let at = |i: usize| utf16_at[i.min(utf16_at.len() - 1)];
    let matches = ranges.iter().map(|&(s, e)| (at(s), at(e))).collect();
    Highlighted { text, matches }
}

/// The whole title with its matches.
pub(crate) fn title(query: &ParsedQuery, title: &str) -> Highlighted {
    let ranges = match_ranges(query, title);
    highlighted(title.to_string(), &ranges)
}

/// A window of the body's plain text around its first match (or its opening when the
/// body does not match), with the matches inside the window. `…` marks a cut.
pub(crate) fn snippet(query: &ParsedQuery, plain_body: &str) -> Highlighted {
    let ranges = match_ranges(query, plain_body);
    let chars: Vec<char> = plain_body.chars().collect();
    let first = ranges.first().map_or(0, |r| r.0);
    let start = if first + SNIPPET_CHARS - SNIPPET_LEAD > chars.len() {
        chars.len().saturating_sub(SNIPPET_CHARS)
    } else {
        first.saturating_sub(SNIPPET_LEAD)
    };
    let end = (start + SNIPPET_CHARS).min(chars.len());
    let mut text = String::new();
    let shift = if start > 0 {
        text.push('…');
        1
    } else {
        0
    };
    text.extend(&chars[start..end]);
    if end < chars.len() {
        text.push('…');
    }
    let inside: Vec<(usize, usize)> = ranges
        .iter()
        .filter(|&&(s, e)| s >= start && e <= end)
        .map(|&(s, e)| (s - start + shift, e - start + shift))
        .collect();
    highlighted(text, &inside)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> ParsedQuery {
        ParsedQuery::parse(text).unwrap()
    }

    #[test]
    fn chinese_and_english_matches_are_ranges_in_utf16() {
        let h = title(&q("燕麦"), "希望燕麦拿铁成为常驻饮品");
        assert_eq!(h.matches, [(2, 4)]);
        let h = title(&q("燕"), "燕麦，燕窝");
        assert_eq!(h.matches, [(0, 1), (3, 4)]);
        let h = title(&q("lattes oat"), "Oat-milk Latte please");
        assert_eq!(h.matches, [(0, 3), (9, 14)]);
        // An astral character before the match takes two UTF-16 units.
        let h = title(&q("cup"), "𠀀 cup");
        assert_eq!(h.matches, [(3, 6)]);
    }

    #[test]
    fn phrases_highlight_as_one_range() {
        let h = title(&q("\"oat milk\" 拿铁"), "oat milk and milk oat; 燕麦拿铁");
        assert_eq!(h.matches, [(0, 8), (25, 27)]);
    }

    #[test]
    fn snippets_centre_on_the_first_match() {
        let body = format!("{} 燕麦拿铁 {}", "开头".repeat(60), "结尾".repeat(60));
        let s = snippet(&q("燕麦"), &body);
        assert!(s.text.starts_with('…') && s.text.ends_with('…'));
        assert_eq!(s.matches.len(), 1);
        let (a, b) = s.matches[0];
        let units: Vec<u16> = s.text.encode_utf16().collect();
        assert_eq!(
            String::from_utf16(&units[a as usize..b as usize]).unwrap(),
            "燕麦"
        );
        let none = snippet(&q("猫"), "short body");
        assert_eq!((none.text.as_str(), none.matches.len()), ("short body", 0));
    }
}
