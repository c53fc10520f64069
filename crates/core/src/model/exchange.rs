//! What crosses IPC for export and import: the format, the filters, the request,
//! and the import report with its line-numbered problems.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::IdeaStatus;
/// Defined beside the error that carries it ([`crate::Error::ImportRejected`]).
pub use crate::error::ImportProblem;

/// The file formats a board exports to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ExportFormat {
    /// One row per idea, UTF-8 with a BOM, RFC 4180 quoting, formulas neutralised.
    Csv,
    /// Sheets ideas, votes, comments and status history, typed columns.
    Xlsx,
    /// The whole board (or the filtered part), versioned, re-importable.
    Json,
    /// An adoption report for a review meeting.
    Markdown,
}

impl ExportFormat {
    /// Parses the CLI spelling: csv, xlsx, json, md (or markdown).
    pub fn parse(text: &str) -> crate::Result<ExportFormat> {
        match text {
            "csv" => Ok(ExportFormat::Csv),
            "xlsx" => Ok(ExportFormat::Xlsx),
            "json" => Ok(ExportFormat::Json),
            "md" | "markdown" => Ok(ExportFormat::Markdown),
            other => Err(crate::Error::UnknownValue {
                field: "export format",
                value: other.to_string(),
            }),
        }
    }
}

/// Which ideas an export covers. Every field narrows; the default is every idea
/// except merged ones. Times are RFC 3339; `created_to` is exclusive.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct ExportFilter {
    /// Any of these statuses; empty = all.
    pub statuses: Vec<IdeaStatus>,
    /// Category slug.
    pub category: Option<String>,
    /// Tag name.
    pub tag: Option<String>,
    pub created_from: Option<String>,
    pub created_to: Option<String>,
    pub min_votes: Option<u32>,
    /// Ideas merged into another one too.
    pub include_merged: bool,
}

impl ExportFilter {
    /// Whether the filter selects the whole board (what a lossless JSON backup needs).
    pub fn is_whole_board(&self) -> bool {
        *self
            == ExportFilter {
                include_merged: true,
                ..ExportFilter::default()
            }
    }
}

/// An export: the format, the filters and whether internal notes go too.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExportRequest {
    pub format: ExportFormat,
    pub filter: ExportFilter,
    /// Internal notes too: JSON and XLSX only, where they are marked internal.
    pub include_internal: bool,
}

/// The file formats a board imports from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub enum ImportFormat {
    /// An Ideaboard JSON bundle (docs/export-json.md), into an empty board.
    Json,
    /// A CSV of ideas in the column layout of Fider's posts.csv, appended.
    FiderCsv,
}

impl ImportFormat {
    /// Parses the CLI spelling: json or fider-csv.
    pub fn parse(text: &str) -> crate::Result<ImportFormat> {
        match text {
            "json" => Ok(ImportFormat::Json),
            "fider-csv" | "csv" => Ok(ImportFormat::FiderCsv),
            other => Err(crate::Error::UnknownValue {
                field: "import format",
                value: other.to_string(),
            }),
        }
    }
}

/// What an import wrote.
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct ImportReport {
    pub ideas: u32,
    pub members_created: u32,
    pub votes: u32,
    pub comments: u32,
    pub status_changes: u32,
    /// Things the format carries that the board cannot take, e.g. Fider's vote
    /// counts without voters.
    pub notes: Vec<String>,
}

/// What an import would do, checked without writing: the counts it would write,
/// or every problem that would refuse it (then `report` is None).
#[derive(
    Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema,
)]
#[serde(rename_all = "camelCase")]
pub struct ImportPreview {
    pub report: Option<ImportReport>,
    pub problems: Vec<ImportProblem>,
}

/// How far a long export is: ideas written of the ideas selected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS, schemars::JsonSchema)]
#[serde(rename_all = "camelCase")]
pub struct ExportProgress {
    pub done: u64,
    pub total: u64,
}
