//! Imports: the JSON bundle (restored into an empty board) and a CSV of ideas in
//! Fider's posts.csv layout (appended). Both are all-or-nothing: the whole file is
//! read and checked first, every problem is collected with its line (or record),
//! and only a file without problems is written, in one transaction (the JSON
//! bundle is checked and written as it streams in; a problem rolls it all back).

pub(crate) mod fider;
pub(crate) mod json;
mod json_board;
mod json_rows;
mod json_stream;

use crate::model::ImportProblem;
use crate::{Error, Result};

/// Problems listed before the rest are only counted.
const MAX_PROBLEMS: usize = 1_000;

/// The problems found while checking a file.
#[derive(Debug, Default)]
pub(crate) struct Problems {
    list: Vec<ImportProblem>,
    more: u64,
}

impl Problems {
    pub(crate) fn push(&mut self, problem: ImportProblem) {
        if self.list.len() < MAX_PROBLEMS {
            self.list.push(problem);
        } else {
            self.more += 1;
        }
    }

    /// A problem on a line of a line-based file (1-based, header = 1).
    pub(crate) fn line(&mut self, line: u64, message: impl Into<String>) {
        self.push(ImportProblem {
            line,
            record: String::new(),
            message: message.into(),
        });
    }

    /// A problem with a record of a JSON bundle, e.g. `ideas[3]`.
    pub(crate) fn record(&mut self, record: impl Into<String>, message: impl Into<String>) {
        self.push(ImportProblem {
            line: 0,
            record: record.into(),
            message: message.into(),
        });
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// `ImportRejected` with every problem, or Ok when there is none.
    pub(crate) fn into_result(mut self) -> Result<()> {
        if self.list.is_empty() {
            return Ok(());
        }
        if self.more > 0 {
            self.list.push(ImportProblem {
                line: 0,
                record: "…".into(),
                message: format!("and {} more problems", self.more),
            });
        }
        Err(Error::ImportRejected {
            problems: self.list,
        })
    }
}

/// The message of a core error, for a problem line.
pub(crate) fn reason(e: &Error) -> String {
    e.to_string()
}
