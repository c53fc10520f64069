//! Search and duplicate detection: the query, its page of hits with the matching
//! words as ranges (never markup), and the share view's similar ideas.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{IdeaSort, IdeaStatus, IdeaSummary};

/// A search of the ideas, combinable with the list's filters.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchQuery {
    /// What the fan typed: Chinese of any length, English words, both, `"phrases"`.
    /// Every term must match.
    pub query: String,
    /// `None`: by relevance, ties by votes. Otherwise the list's order over the matches.
    pub sort: Option<IdeaSort>,
    /// Category slug.
    pub category: Option<String>,
    pub status: Option<IdeaStatus>,
    pub tag: Option<String>,
    /// Member id of the author ("mine").
    pub author: Option<String>,
    /// Member id of a voter ("I voted").
    pub voted_by: Option<String>,
    /// Hidden and merged ideas too (the team only).
    pub include_hidden: bool,
    pub offset: u32,
    pub limit: u32,
}

impl Default for SearchQuery {
    fn default() -> Self {
        SearchQuery {
            query: String::new(),
            sort: None,
            category: None,
            status: None,
            tag: None,
            author: None,
            voted_by: None,
            include_hidden: false,
            offset: 0,
            limit: 30,
        }
    }
}

/// Text with the ranges where the query matched. Ranges are half-open
/// `[start, end)` in UTF-16 code units (JavaScript string indices), sorted and
/// disjoint. The UI inserts every part as text, emphasising the matched ones.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct Highlighted {
    pub text: String,
    pub matches: Vec<(u32, u32)>,
}

/// One search result: the idea's card, its title with the matches, and a snippet of
/// the body's text around the first match (the body's opening when only the title
/// matched; `…` marks where it was cut).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchHit {
    pub idea: IdeaSummary,
    pub title: Highlighted,
    pub snippet: Highlighted,
}

/// One page of search results.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SearchPage {
    pub items: Vec<SearchHit>,
    pub offset: u32,
    pub has_more: bool,
}

/// An open idea that a draft may duplicate, with how alike they are, in `[0, 1]`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct SimilarIdea {
    pub idea: IdeaSummary,
    pub score: f32,
}
