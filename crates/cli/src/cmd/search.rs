//! `ideaboard-cli search`: the ranked matches of a query as a fan sees them, one line
//! each (number, votes, status, title), for product teams' scripts and for checking
//! search from outside the app. Chinese of any length, English words, both, and
//! `"quoted phrases"` work as in the app's search box.

use std::path::Path;

use ideaboard_core::model::{IdeaSort, IdeaStatus, SearchQuery};
use ideaboard_core::{Actor, Board, Error, Timestamp, ops};

/// What to search for and how to narrow it, as given on the command line.
#[derive(Debug, Clone, Default)]
pub struct SearchFilters<'a> {
    /// Status text (`new`, `planned`, ...); any when absent.
    pub status: Option<&'a str>,
    /// Category slug; any when absent.
    pub category: Option<&'a str>,
    /// Tag name; any when absent.
    pub tag: Option<&'a str>,
    /// `trending`, `top`, `new` or `most_discussed`; by relevance when absent.
    pub sort: Option<&'a str>,
}

/// Opens the board at `board`, searches it as a guest (so hidden and merged ideas
/// never appear) and prints up to `limit` matches, best first:
/// `#<number> <votes> votes  <status> <title>`. Prints nothing when nothing matches;
/// a blank query is the core's `SearchEmpty` error.
pub fn run(
    board: &Path,
    query: &str,
    limit: u32,
    filters: &SearchFilters<'_>,
) -> Result<(), Error> {
    let board = Board::open(board, Timestamp::now())?;
    let query = SearchQuery {
        query: query.to_string(),
        sort: filters.sort.map(IdeaSort::parse).transpose()?,
        category: filters.category.map(str::to_string),
        status: filters.status.map(IdeaStatus::parse).transpose()?,
        tag: filters.tag.map(str::to_string),
        limit,
        ..SearchQuery::default()
    };
    for hit in ops::search_ideas(&board, &Actor::guest(), &query)?.items {
        println!("{}", line(&hit.idea));
    }
    Ok(())
}

fn line(idea: &ideaboard_core::model::IdeaSummary) -> String {
    format!(
        "#{:<6} {:>6} votes  {:<12} {}",
        idea.number,
        idea.vote_count,
        idea.status.as_str(),
        idea.title
    )
}
