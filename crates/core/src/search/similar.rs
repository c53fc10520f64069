//! Duplicate detection for the share view: how alike a draft and an existing idea
//! are, as a score in `[0, 1]`.
//!
//! Method, in two steps (the SQL half lives in `store::search`):
//!
//! 1. **Recall** — the draft's *features* (its English stems minus stop words, its
//!    CJK bigrams, and for one-character CJK runs the character) that the board
//!    knows, rarest first, at most 8 of them and ~20,000 postings in all (the
//!    rarest always), are looked up one by one in the index's
//!    title columns, as plain posting lists (no bm25, no join). Each idea found
//!    scores the sum of `draft weight x IDF` of the features its title shares, and
//!    the best 40 visible open or merged ideas go on to step 2. Any shared word or
//!    bigram brings an idea in, whatever the order of the words:
//!    `燕麦拿铁能不能一直卖` and `希望燕麦拿铁成为常驻饮品` share `燕麦 麦拿 拿铁`.
//!    Features found in more than a tenth of the board are left out of recall
//!    (they are in every idea and only slow it down) unless nothing else is left;
//!    they still count in step 2. Bodies are searched too (at the body's weight)
//!    only when fewer than 40 titles share anything. Why not bm25 over an `OR` of
//!    the features: on a 150,000-idea board that ranks ~17,000 matches for a
//!    common draft (~30 ms), where summing posting lists takes a few; document
//!    frequencies come from `idea_term_df` (migration 4) in one lookup each.
//! 2. **Re-scoring** — each candidate is scored by [`similarity`]: IDF-weighted
//!    overlap of feature sets (a weighted Ochiai/cosine on the titles, and how much of
//!    the draft the candidate covers), so rare shared words (`燕麦`, `oat`) count
//!    more than common ones (`希望`, `coffee`). CJK single characters count at a
//!    third of a bigram, which keeps Chinese word-order changes (`拿铁燕麦` against
//!    `燕麦拿铁`) close.
//!
//! **Synonyms from the board's own vocabulary**: when the team merges a duplicate,
//! its wording stays in the index and the merged idea stands for the idea it was
//! merged into. A draft worded like any idea ever merged into `#12` (`oat milk` merged
//! into `plant-based milk`) finds `#12`, so every merge teaches the board a synonym.

use std::collections::HashMap;

use super::analyse::{self, PieceKind};

/// Weight of a single CJK character against a bigram or word.
const CHAR_WEIGHT: f32 = 0.3;
/// Weight of a body feature against the same feature in the title.
pub(crate) const BODY_WEIGHT: f32 = 0.25;
/// Share of the title score in the final score; the rest is draft coverage.
const TITLE_SHARE: f32 = 0.7;

/// Features of a text with their weight (the highest wherever a feature occurs).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Features {
    pub weights: HashMap<String, f32>,
}

impl Features {
    fn add(&mut self, feature: String, weight: f32) {
        let w = self.weights.entry(feature).or_insert(0.0);
        *w = w.max(weight);
    }

    /// The features of `text`, each at `scale` times its kind's weight.
    pub(crate) fn of(text: &str, scale: f32) -> Features {
        let mut out = Features::default();
        out.extend(text, scale);
        out
    }

    /// Adds the features of `text` at `scale`.
    pub(crate) fn extend(&mut self, text: &str, scale: f32) {
        for piece in analyse::pieces(text) {
            match piece.kind {
                PieceKind::Word => {
                    if !analyse::is_stop_word(&piece.text) {
                        self.add(analyse::stem(&piece.text), scale);
                    }
                }
                PieceKind::Cjk => {
                    let mut terms = Vec::new();
                    analyse::push_terms(&piece, &mut terms);
                    for t in terms {
                        self.add(t.text, scale);
                    }
                    if piece.text.chars().count() > 1 {
                        for c in piece.text.chars() {
                            self.add(c.to_string(), scale * CHAR_WEIGHT);
                        }
                    }
                }
            }
        }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.weights.is_empty()
    }

    /// The features worth asking the index for: bigrams, words and lone CJK
    /// characters (not the characters of longer runs: those are for scoring).
    pub(crate) fn recall_terms(&self) -> Vec<&str> {
        let mut terms: Vec<&str> = self
            .weights
            .iter()
            .filter(|(f, w)| **w > CHAR_WEIGHT || f.chars().count() > 1)
            .map(|(f, _)| f.as_str())
            .collect();
        terms.sort_unstable();
        terms
    }
}

/// Inverse document frequency of a feature found in `df` of `n` ideas. Unknown
/// features (df = 0) weigh like the rarest known ones.
pub(crate) fn idf(df: i64, n: i64) -> f32 {
    let n = n.max(1) as f32;
    let df = df.max(1) as f32;
    (1.0 + n / df).ln()
}

/// Sum of `weight x idf` over features of `a`, and over those also in `b`
/// (counted at the smaller of the two weights).
fn weighted(a: &Features, b: &Features, idf: &impl Fn(&str) -> f32) -> (f32, f32) {
    let mut total = 0.0;
    let mut shared = 0.0;
    for (f, &w) in &a.weights {
        let i = idf(f);
        total += w * i;
        if let Some(&v) = b.weights.get(f) {
            shared += w.min(v) * i;
        }
    }
    (total, shared)
}

/// How alike a draft and a candidate are, in `[0, 1]`:
/// `0.7 x sqrt(shared/draft_title x shared/candidate_title)` (titles, both ways)
/// `+ 0.3 x shared/draft` (how much of the whole draft the candidate's title and
/// body cover). Weights are IDF (`idf(feature)`) times the feature's weight.
pub(crate) fn similarity(
    draft_title: &Features,
    draft_all: &Features,
    candidate_title: &Features,
    candidate_all: &Features,
    idf: impl Fn(&str) -> f32,
) -> f32 {
    let (d_total, d_shared) = weighted(draft_title, candidate_title, &idf);
    let (c_total, c_shared) = weighted(candidate_title, draft_title, &idf);
    let titles = if d_total > 0.0 && c_total > 0.0 {
        ((d_shared / d_total) * (c_shared / c_total)).sqrt()
    } else {
        0.0
    };
    let (all_total, all_shared) = weighted(draft_all, candidate_all, &idf);
    let coverage = if all_total > 0.0 {
        all_shared / all_total
    } else {
        0.0
    };
    (TITLE_SHARE * titles + (1.0 - TITLE_SHARE) * coverage).clamp(0.0, 1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(draft: &str, candidate: &str) -> f32 {
        let d = Features::of(draft, 1.0);
        let c = Features::of(candidate, 1.0);
        similarity(&d, &d, &c, &c, |_| 1.0)
    }

    #[test]
    fn rewording_scores_above_unrelated() {
        let original = "希望燕麦拿铁成为常驻饮品";
        let reworded = score("燕麦拿铁能不能一直卖", original);
        let unrelated = score("门店增加充电插座", original);
        assert!(reworded > 0.25, "{reworded}");
        assert!(unrelated < 0.05, "{unrelated}");
        assert!((score(original, original) - 1.0).abs() < 1e-6);
    }

    #[test]
    fn word_order_and_inflection_do_not_matter_much() {
        let a = score("拿铁燕麦", "燕麦拿铁");
        assert!(a > 0.5, "{a}");
        let b = score("permanent oat lattes", "Keep the oat latte permanent");
        assert!(b > 0.7, "{b}");
    }

    #[test]
    fn rare_shared_words_count_more() {
        let idf = |f: &str| if f == "oat" { 3.0 } else { 0.5 };
        let d = Features::of("oat coffee", 1.0);
        let rare = Features::of("oat drink", 1.0);
        let common = Features::of("coffee drink", 1.0);
        assert!(similarity(&d, &d, &rare, &rare, idf) > similarity(&d, &d, &common, &common, idf));
    }

    #[test]
    fn recall_terms_leave_out_characters_of_longer_runs() {
        let f = Features::of("燕麦 杯 oat", 1.0);
        assert_eq!(f.recall_terms(), ["oat", "杯", "燕麦"]);
    }
}
