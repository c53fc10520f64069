//! The Markdown adoption report for a review meeting: headline figures, the top
//! ideas by votes in each category, what moved this period, and what launched with
//! credit to its author and supporters. Reads the ideas once, keeping only the
//! top few per category, and streams the period's moves.

use std::collections::BTreeMap;
use std::io::Write;

use rusqlite::Connection;

use super::Progress;
use crate::Result;
use crate::clock::Timestamp;
use crate::model::ExportFilter;
use crate::store::export::{self, IdeaOrder, IdeaScope};
use crate::store::settings;

/// Ideas listed per category.
const TOP_PER_CATEGORY: usize = 5;
/// The period "this period" means when the filter gives no creation range: the
/// 30 days before the export.
const DEFAULT_PERIOD_DAYS: i64 = 30;

/// Text safe inside Markdown prose and table cells: markup characters escaped,
/// line breaks flattened.
fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' | '\t' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

fn day(t: Timestamp) -> String {
    t.to_rfc3339()[..10].to_string()
}

fn percent(part: u64, whole: u64) -> String {
    if whole == 0 {
        "–".into()
    } else {
        format!("{:.1}%", part as f64 * 100.0 / whole as f64)
    }
}

struct Top {
    number: i64,
    title: String,
    votes: i64,
    status: String,
}

pub(crate) fn write(
    conn: &Connection,
    scope: &IdeaScope,
    filter: &ExportFilter,
    now: Timestamp,
    out: &mut impl Write,
    progress: &mut Progress<'_>,
) -> Result<()> {
    let name = settings::get(conn)?.name;
    let (mut ideas, mut votes, mut comments) = (0u64, 0u64, 0u64);
    let mut by_status: BTreeMap<String, u64> = BTreeMap::new();
    let mut top: Vec<(String, Vec<Top>)> = Vec::new();
    export::each_idea(conn, scope, IdeaOrder::CategoryThenVotes, |i| {
        ideas += 1;
        votes += i.votes as u64;
        comments += i.comments as u64;
        *by_status.entry(i.status.clone()).or_default() += 1;
        let category = i.category.clone().unwrap_or_else(|| "(no category)".into());
        if top.last().is_none_or(|(c, _)| *c != category) {
            top.push((category, Vec::new()));
        }
        if let Some((_, list)) = top.last_mut()
            && list.len() < TOP_PER_CATEGORY
        {
            list.push(Top {
                number: i.number,
                title: i.title,
                votes: i.votes,
                status: i.status,
            });
        }
        progress.tick()?;
        Ok(true)
    })?;
    let from = scope
        .created_from
        .unwrap_or(now.millis() - DEFAULT_PERIOD_DAYS * Timestamp::MS_PER_DAY);
    let to = scope.created_to.unwrap_or(now.millis());
    let period = (from, to);

    writeln!(out, "# Adoption report: {}\n", md(&name))?;
    writeln!(
        out,
        "Exported {}. Period: {} to {}.{}\n",
        day(now),
        day(Timestamp::from_millis(from)),
        day(Timestamp::from_millis(to)),
        if *filter == ExportFilter::default() {
            ""
        } else {
            " Filtered."
        }
    )?;
    writeln!(out, "## Headline figures\n")?;
    writeln!(out, "| Figure | Value |\n| --- | ---: |")?;
    writeln!(
        out,
        "| Ideas | {ideas} |\n| Votes | {votes} |\n| Comments | {comments} |"
    )?;
    let launched = by_status.get("launched").copied().unwrap_or(0);
    writeln!(
        out,
        "| Launched | {launched} ({}) |",
        percent(launched, ideas)
    )?;
    for (status, n) in &by_status {
        if status != "launched" {
            writeln!(out, "| {status} | {n} ({}) |", percent(*n, ideas))?;
        }
    }
    writeln!(out, "\n## Top ideas by votes, per category")?;
    for (category, list) in &top {
        writeln!(out, "\n### {}\n", md(category))?;
        writeln!(
            out,
            "| # | Idea | Votes | Status |\n| ---: | --- | ---: | --- |"
        )?;
        for t in list {
            writeln!(
                out,
                "| {} | {} | {} | {} |",
                t.number,
                md(&t.title),
                t.votes,
                t.status
            )?;
        }
    }
    writeln!(out, "\n## What moved this period\n")?;
    let mut moved = 0;
    export::each_change(conn, scope, period, |c| {
        if let Some(from) = &c.from {
            moved += 1;
            writeln!(
                out,
                "- #{} {}: {} → {} ({}, {})",
                c.idea,
                md(&c.title),
                from,
                c.to,
                md(&c.actor),
                day(c.at)
            )?;
        }
        Ok(true)
    })?;
    if moved == 0 {
        writeln!(out, "Nothing moved.")?;
    }
    writeln!(out, "\n## Launched, with credits\n")?;
    let mut launches = 0;
    export::each_change(conn, scope, period, |c| {
        if c.to == "launched" && c.from.is_some() {
            launches += 1;
            writeln!(
                out,
                "- #{} {}: idea by **{}**, supported by {} fans ({})",
                c.idea,
                md(&c.title),
                md(&c.author),
                c.votes,
                day(c.at)
            )?;
        }
        Ok(true)
    })?;
    if launches == 0 {
        writeln!(out, "Nothing launched.")?;
    }
    Ok(())
}
