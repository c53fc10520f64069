//! What the brand adopted: the roadmap, the launched showcase, the adoption figures
//! and a member's own ideas with their journeys (the fan's "see adoption" view).

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::{Category, IdeaStatus, IdeaSummary, StatusChange};
use crate::clock::Timestamp;

/// One column of the roadmap: the most supported ideas in a status, and how many
/// ideas the status holds in all.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct RoadmapColumn {
    pub status: IdeaStatus,
    pub total: u32,
    /// By votes, most first.
    pub ideas: Vec<IdeaSummary>,
}

/// A launched idea in the showcase: the idea (its author and supporters are on the
/// card), when it launched and what the team said.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct LaunchedIdea {
    pub idea: IdeaSummary,
    pub launched_at: Timestamp,
    /// The team's launch note as plain text, shortened.
    pub note: Option<String>,
}

/// Adoption figures over a set of ideas: the board, or one category.
///
/// The ideas counted are the listed ones (not hidden, not merged into another).
/// An idea is *answered* once the team first spoke to it in public: an official
/// comment or a status change with a note. Medians are in days; None when no idea
/// has the event yet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdoptionFigures {
    /// None for the board as a whole (or, in `by_category`, ideas without one).
    pub category: Option<Category>,
    pub ideas: u32,
    pub answered: u32,
    pub launched: u32,
    /// launched ÷ ideas, 0 when there are no ideas.
    pub adoption_rate: f64,
    pub median_days_to_answer: Option<f64>,
    pub median_days_to_launch: Option<f64>,
}

/// Everything the adoption view shows to anyone, guests included.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct AdoptionOverview {
    /// Under review, planned, in progress, launched.
    pub roadmap: Vec<RoadmapColumn>,
    /// Launched ideas, latest launch first.
    pub showcase: Vec<LaunchedIdea>,
    pub overall: AdoptionFigures,
    /// In the board's category order; ideas without a category last, if any.
    pub by_category: Vec<AdoptionFigures>,
}

/// One of the member's own ideas with its journey.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct IdeaJourney {
    pub idea: IdeaSummary,
    /// Every status change, oldest first.
    pub journey: Vec<StatusChange>,
}
