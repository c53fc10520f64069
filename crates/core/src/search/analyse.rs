//! Text analysis shared by the index, the query parser, highlighting and duplicate
//! detection. One function decides what a "term" is, so a query always finds what
//! the index holds.
//!
//! The text is cut into *pieces*: runs of CJK characters (Han, kana) and words
//! (letters and digits of every other script, apostrophes inside a word dropped).
//! Everything else separates. Fullwidth ASCII (`ＡＢＣ１２３`) folds to ASCII and
//! letters are lower-cased first, so a Chinese keyboard's `ｌａｔｔｅ` is `latte`.
//!
//! Two token streams come out of a text:
//! - the **term stream**: each word, stemmed ([`stem`]); each CJK run of two or more
//!   characters as its overlapping bigrams (`燕麦拿铁` -> `燕麦 麦拿 拿铁`); a CJK
//!   run of one character as itself. Consecutive bigrams sit at consecutive
//!   positions, so a Chinese query of any length >= 2 is an FTS5 *phrase* of its
//!   bigrams and matches exactly the texts that contain it.
//! - the **character stream**: every CJK character on its own, for one-character
//!   queries (`燕`), which no bigram can answer.
//!
//! Offsets of tokens are in characters (Unicode scalar values) of the original text.

/// A token and where it came from in the original text, in characters `[start, end)`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Token {
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Whether a word was written in CJK characters or in a spaced script.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum PieceKind {
    Cjk,
    Word,
}

/// A run of one kind, with its folded text (CJK: one folded char per original char;
/// word: lower-cased, apostrophes dropped, not yet stemmed).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    pub kind: PieceKind,
    pub text: String,
    pub start: usize,
    pub end: usize,
}

/// Han ideographs (with extensions and compatibility forms) and Japanese kana:
/// scripts written without spaces between words.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x3040..=0x30FF      // hiragana, katakana
        | 0x31F0..=0x31FF    // katakana phonetic extensions
        | 0x3400..=0x4DBF    // CJK extension A
        | 0x4E00..=0x9FFF    // CJK unified ideographs
        | 0xF900..=0xFAFF    // CJK compatibility ideographs
        | 0x20000..=0x3134F  // CJK extensions B-H
    )
}

/// Fullwidth ASCII to ASCII; everything else unchanged.
fn fold_width(c: char) -> char {
    match c as u32 {
        0xFF01..=0xFF5E => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        0x3000 => ' ',
        _ => c,
    }
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

/// Cuts `text` into CJK runs and words.
pub(crate) fn pieces(text: &str) -> Vec<Piece> {
    let chars: Vec<char> = text.chars().map(fold_width).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if is_cjk(c) {
            let start = i;
            while i < chars.len() && is_cjk(chars[i]) {
                i += 1;
            }
            out.push(Piece {
                kind: PieceKind::Cjk,
                text: chars[start..i].iter().collect(),
                start,
                end: i,
            });
        } else if c.is_alphanumeric() {
            let start = i;
            let mut word = String::new();
            while i < chars.len() {
                let c = chars[i];
                if c.is_alphanumeric() && !is_cjk(c) {
                    word.extend(c.to_lowercase());
                    i += 1;
                } else if is_apostrophe(c)
                    && chars
                        .get(i + 1)
                        .is_some_and(|n| n.is_alphanumeric() && !is_cjk(*n))
                {
                    i += 1;
                } else {
                    break;
                }
            }
            out.push(Piece {
                kind: PieceKind::Word,
                text: word,
                start,
                end: i,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// The term stream of `text` (see the module doc).
pub(crate) fn term_stream(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for piece in pieces(text) {
        push_terms(&piece, &mut out);
    }
    out
}

/// The terms of one piece, appended to `out`.
pub(crate) fn push_terms(piece: &Piece, out: &mut Vec<Token>) {
    match piece.kind {
        PieceKind::Word => out.push(Token {
            text: stem(&piece.text),
            start: piece.start,
            end: piece.end,
        }),
        PieceKind::Cjk => {
            let chars: Vec<char> = piece.text.chars().collect();
            if chars.len() == 1 {
                out.push(Token {
                    text: piece.text.clone(),
                    start: piece.start,
                    end: piece.end,
                });
            }
            for (k, pair) in chars.windows(2).enumerate() {
                out.push(Token {
                    text: pair.iter().collect(),
                    start: piece.start + k,
                    end: piece.start + k + 2,
                });
            }
        }
    }
}

/// The character stream of `text`: every CJK character.
pub(crate) fn char_stream(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for piece in pieces(text) {
        if piece.kind == PieceKind::Cjk {
            for (k, c) in piece.text.chars().enumerate() {
                out.push(Token {
                    text: c.to_string(),
                    start: piece.start + k,
                    end: piece.start + k + 1,
                });
            }
        }
    }
    out
}

/// Tokens joined by spaces: what the FTS5 table (ascii tokenizer) is fed.
pub(crate) fn joined(tokens: &[Token]) -> String {
    let mut out = String::new();
    for t in tokens {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&t.text);
    }
    out
}

/// English words too common to mean anything on their own. Dropped from queries
/// (unless nothing else is left) and from duplicate detection; always indexed, so a
/// quoted phrase still matches them.
pub(crate) fn is_stop_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an"
            | "the"
            | "of"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "and"
            | "or"
            | "is"
            | "are"
            | "be"
            | "it"
            | "its"
            | "this"
            | "that"
            | "as"
            | "i"
            | "we"
            | "you"
            | "my"
            | "our"
            | "your"
            | "me"
            | "us"
            | "please"
            | "can"
            | "could"
            | "would"
            | "should"
            | "will"
            | "do"
            | "does"
            | "have"
            | "has"
            | "so"
            | "just"
    )
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// A light English stemmer (a cut-down Porter step 1 plus two normalisations) that
/// folds plurals and `-ed`/`-ing` forms onto one key: `cups`/`cup`, `lattes`/`latte`,
/// `ordering`/`ordered`/`orders`/`order`, `stores`/`storing`/`store`,
/// `cookies`/`cookie`, `boxes`/`box`. It only has to be *consistent* (index and
/// query go through it alike), not to produce dictionary words. Words that are not
/// plain ASCII letters (other scripts, digits) are returned unchanged.
pub(crate) fn stem(word: &str) -> String {
    if word.len() < 3 || !word.bytes().all(|b| b.is_ascii_lowercase()) {
        return word.to_string();
    }
    let mut w = word.as_bytes().to_vec();
    let has_vowel = |s: &[u8]| s.iter().any(|&b| is_vowel(b) || b == b'y');
    // Plurals.
    if w.ends_with(b"sses") {
        w.truncate(w.len() - 2);
    } else if w.ends_with(b"ies") && w.len() >= 5 {
        w.truncate(w.len() - 3);
        w.push(b'y');
    } else if w.ends_with(b"s") && !w.ends_with(b"ss") && w.len() >= 4 {
        w.pop();
    }
    // Past tense and gerund.
    let mut cut = false;
    if w.ends_with(b"eed") {
    } else if w.ends_with(b"ied") && w.len() >= 5 {
        w.truncate(w.len() - 3);
        w.push(b'y');
    } else if w.ends_with(b"ed") && w.len() >= 4 && has_vowel(&w[..w.len() - 2]) {
        w.truncate(w.len() - 2);
        cut = true;
    } else if w.ends_with(b"ing") && w.len() >= 5 && has_vowel(&w[..w.len() - 3]) {
        w.truncate(w.len() - 3);
        cut = true;
    }
    if cut {
        let n = w.len();
        if n >= 2 && w[n - 1] == w[n - 2] && !matches!(w[n - 1], b'l' | b's' | b'z') {
            w.pop();
        }
    }
    // A silent final e (`store` = `stor` + `ing`) and y/i (`berry`, `berries`).
    let n = w.len();
    if n >= 4 && w[n - 1] == b'e' && w[n - 2] != b'e' {
        w.pop();
    }
    let n = w.len();
    if n >= 3 && w[n - 1] == b'y' && !is_vowel(w[n - 2]) {
        w[n - 1] = b'i';
    }
    String::from_utf8(w).unwrap_or_else(|_| word.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(tokens: &[Token]) -> Vec<&str> {
        tokens.iter().map(|t| t.text.as_str()).collect()
    }

    #[test]
    fn inflections_fold_onto_one_key() {
        for group in [
            &["cup", "cups"][..],
            &["latte", "lattes"],
            &["order", "orders", "ordered", "ordering"],
            &["store", "stores", "stored", "storing"],
            &["cookie", "cookies"],
            &["box", "boxes"],
            &["glass", "glasses"],
            &["berry", "berries"],
            &["hope", "hoped", "hoping"],
            &["stop", "stopped", "stopping"],
            &["charge", "charges", "charged", "charging"],
            &["bus", "buses"],
            &["menu", "menus"],
            &["day", "days"],
        ] {
            let keys: Vec<String> = group.iter().map(|w| stem(w)).collect();
            assert!(keys.iter().all(|k| *k == keys[0]), "{group:?} -> {keys:?}");
        }
        assert_ne!(stem("coffee"), stem("cof"));
        assert_eq!(stem("need"), "need");
        assert_eq!(stem("thing"), "thing");
        assert_eq!(stem("café"), "café");
        assert_eq!(stem("2024"), "2024");
    }

    #[test]
    fn chinese_runs_become_bigrams_and_words_stay_words() {
        let terms = term_stream("希望燕麦拿铁 Oat Lattes，杯");
        assert_eq!(
            texts(&terms),
            ["希望", "望燕", "燕麦", "麦拿", "拿铁", "oat", "latt", "杯"]
        );
        assert_eq!((terms[2].start, terms[2].end), (2, 4));
        assert_eq!((terms[6].start, terms[6].end), (11, 17));
        let chars = char_stream("燕麦 latte");
        assert_eq!(texts(&chars), ["燕", "麦"]);
    }

    #[test]
    fn fullwidth_and_apostrophes_fold() {
        assert_eq!(texts(&term_stream("ＬＡＴＴＥ１２")), ["latte12"]);
        assert_eq!(texts(&term_stream("store's don’t")), ["stor", "dont"]);
        assert_eq!(texts(&term_stream("'quoted'")), ["quot"]);
    }

    #[test]
    fn mixed_scripts_split_without_spaces() {
        let p = pieces("买App会员");
        assert_eq!(p.len(), 3);
        assert_eq!(p[1].kind, PieceKind::Word);
        assert_eq!(p[1].text, "app");
        assert_eq!((p[1].start, p[1].end), (1, 4));
    }
}
