//! Import of a CSV of ideas in the column layout of Fider's posts.csv (number,
//! title, description, created_at, created_by, votes_count, comments_count,
//! status, responded_by, responded_at, response, original_number, original_title,
//! tags), appended to the board with new numbers.
//!
//! Statuses map onto ours: open → new, planned → planned, started → in_progress,
//! completed → launched, declined → declined, duplicate → merged into the idea
//! the row's original_number names (which must be in the same file). Authors are
//! members found by display name, or new fans. A response becomes the status
//! change's note, by the member named in responded_by (or the importing member
//! when the board has nobody of that name). Fider's vote and comment counts are
//! not rows (no voters, no comments), so they are reported and not imported: our
//! counters are always recounts of real rows.

use std::collections::HashMap;

use super::{Problems, reason};
use crate::clock::Timestamp;
use crate::model::{IdeaStatus, ImportReport};
use crate::rules;

/// The columns a file must have; the rest of the layout is optional.
const REQUIRED: [&str; 6] = [
    "number",
    "title",
    "description",
    "created_at",
    "created_by",
    "status",
];

/// One checked row.
#[derive(Debug, Clone)]
pub(crate) struct FiderIdea {
    pub line: u64,
    pub number: i64,
    pub title: String,
    pub body: String,
    pub created: Timestamp,
    pub author: String,
    pub status: IdeaStatus,
    pub responder: Option<String>,
    pub responded: Option<Timestamp>,
    pub response: Option<String>,
    pub original: Option<i64>,
    pub tags: Vec<String>,
}

/// Ours for a Fider status.
pub(crate) fn map_status(fider: &str) -> Option<IdeaStatus> {
    Some(match fider.trim().to_lowercase().as_str() {
        "open" => IdeaStatus::New,
        "planned" => IdeaStatus::Planned,
        "started" => IdeaStatus::InProgress,
        "completed" => IdeaStatus::Launched,
        "declined" => IdeaStatus::Declined,
        "duplicate" => IdeaStatus::Merged,
        _ => return None,
    })
}

/// Reads and checks the whole file: the rows, or every problem by line number.
pub(crate) fn read(
    input: impl std::io::Read,
    report: &mut ImportReport,
) -> crate::Result<Vec<FiderIdea>> {
    let mut p = Problems::default();
    let mut csv = csv::ReaderBuilder::new().flexible(true).from_reader(input);
    let header: Vec<String> = match csv.headers() {
        Ok(h) => h
            .iter()
            .map(|c| c.trim().trim_start_matches('\u{feff}').to_lowercase())
            .collect(),
        Err(e) => {
            p.line(1, format!("not a CSV file: {e}"));
            return p.into_result().map(|()| Vec::new());
        }
    };
    let col = |name: &str| header.iter().position(|h| h == name);
    for name in REQUIRED {
        if col(name).is_none() {
            p.line(1, format!("the column {name} is missing"));
        }
    }
    if !p.is_empty() {
        return p.into_result().map(|()| Vec::new());
    }
    let cols: HashMap<&str, usize> = [
        "number",
        "title",
        "description",
        "created_at",
        "created_by",
        "votes_count",
        "comments_count",
        "status",
        "responded_by",
        "responded_at",
        "response",
        "original_number",
        "tags",
    ]
    .into_iter()
    .filter_map(|n| col(n).map(|i| (n, i)))
    .collect();
    let (mut votes, mut comments) = (0u64, 0u64);
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        let line = csv.position().line();
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                p.line(line, format!("unreadable row: {e}"));
                break;
            }
        }
        let line = record.position().map_or(line, |pos| pos.line());
        let get = |name: &str| {
            cols.get(name)
                .and_then(|&i| record.get(i))
                .unwrap_or("")
                .trim()
        };
        let mut bad = |message: String| p.line(line, message);
        let number = get("number").parse::<i64>().ok().filter(|n| *n > 0);
        if number.is_none() {
            bad(format!(
                "number {:?} is not a positive whole number",
                get("number")
            ));
        }
        let title = rules::title(get("title"))
            .map_err(|e| bad(format!("title: {}", reason(&e))))
            .ok();
        let body = rules::body(get("description"))
            .map_err(|e| bad(format!("description: {}", reason(&e))))
            .ok();
        let created = Timestamp::parse_rfc3339(get("created_at"))
            .map_err(|e| {
                bad(format!(
                    "created_at {:?}: {}",
                    get("created_at"),
                    reason(&e)
                ))
            })
            .ok();
        let author = rules::display_name(get("created_by"))
            .map_err(|e| bad(format!("created_by: {}", reason(&e))))
            .ok();
        let status = map_status(get("status"));
        if status.is_none() {
            bad(format!(
                "status {:?} is not one of open, planned, started, completed, declined, duplicate",
                get("status")
            ));
        }
        let responded = match get("responded_at") {
            "" => None,
            t => Timestamp::parse_rfc3339(t)
                .map_err(|e| bad(format!("responded_at {t:?}: {}", reason(&e))))
                .ok(),
        };
        let original = match get("original_number") {
            "" | "0" => None,
            t => match t.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    bad(format!("original_number {t:?} is not a whole number"));
                    None
                }
            },
        };
        if status == Some(IdeaStatus::Merged) && original.is_none() {
            bad("a duplicate needs the original_number of the idea it duplicates".into());
        }
        for (name, total) in [
            ("votes_count", &mut votes),
            ("comments_count", &mut comments),
        ] {
            match get(name) {
                "" => {}
                // Only reported, so a total past u64 (a hostile file) stays at the top.
                t => match t.parse::<u64>() {
                    Ok(n) => *total = total.saturating_add(n),
                    Err(_) => bad(format!("{name} {t:?} is not a count")),
                },
            }
        }
        let tags: Vec<String> = get("tags").split(',').map(str::to_string).collect();
        let tags = rules::tags(&tags)
            .map_err(|e| bad(format!("tags: {}", reason(&e))))
            .ok();
        let responder = Some(get("responded_by").to_string()).filter(|s| !s.is_empty());
        let response = Some(get("response").to_string()).filter(|s| !s.is_empty());
        if let Some(r) = &response
            && let Err(e) = rules::note(Some(r))
        {
            bad(format!("response: {}", reason(&e)));
        }
        if let (
            Some(number),
            Some(title),
            Some(body),
            Some(created),
            Some(author),
            Some(status),
            Some(tags),
        ) = (number, title, body, created, author, status, tags)
        {
            rows.push(FiderIdea {
                line,
                number,
                title,
                body,
                created,
                author,
                status,
                responder,
                responded,
                response,
                original: original.filter(|_| status == IdeaStatus::Merged),
                tags,
            });
        }
    }
    check_references(&rows, &mut p);
    p.into_result()?;
    if votes > 0 || comments > 0 {
        report.notes.push(format!(
            "{votes} votes and {comments} comments counted in the file were not imported: the file names no voters and holds no comments"
        ));
    }
    Ok(rows)
}

/// Numbers are unique; a duplicate names another idea of the file that is not
/// itself a duplicate.
fn check_references(rows: &[FiderIdea], p: &mut Problems) {
    let mut by_number: HashMap<i64, &FiderIdea> = HashMap::new();
    for row in rows {
        if let Some(first) = by_number.insert(row.number, row) {
            p.line(
                row.line,
                format!("number {} is already on line {}", row.number, first.line),
            );
        }
    }
    for row in rows {
        if let Some(original) = row.original {
            match by_number.get(&original) {
                None => p.line(row.line, format!("original_number {original} is not in the file")),
                Some(o) if o.number == row.number => p.line(row.line, "an idea cannot duplicate itself"),
                Some(o) if o.status == IdeaStatus::Merged => p.line(
                    row.line,
                    format!("original_number {original} is itself a duplicate; name the idea it duplicates"),
                ),
                Some(_) => {}
            }
        }
    }
}

/// Appends checked rows to the board inside the caller's transaction, as the
/// member `importer`; numbers continue after the board's highest.
pub(crate) fn append(
    tx: &mut crate::store::Tx<'_>,
    rows: &[FiderIdea],
    importer: i64,
    report: &mut ImportReport,
) -> crate::Result<()> {
    use crate::render::{markdown_excerpt, markdown_to_safe_html};
    use crate::store::{import as store, journey, members, notify, taxonomy};
    let first = store::max_idea_number(tx)? + 1;
    let numbers: HashMap<i64, i64> = rows
        .iter()
        .enumerate()
        .map(|(k, r)| (r.number, first + k as i64))
        .collect();
    let mut authors: HashMap<&str, i64> = HashMap::new();
    for row in rows {
        let author = match authors.get(row.author.as_str()) {
            Some(&seq) => seq,
            None => {
                let seq = match store::member_seq_by_name(tx, &row.author)? {
                    Some(seq) => seq,
                    None => {
                        let id = tx.ids.next(row.created).to_string();
                        report.members_created += 1;
                        members::insert(
                            tx,
                            &id,
                            &row.author,
                            crate::model::Role::Fan,
                            None,
                            row.created,
                        )?
                    }
                };
                authors.insert(&row.author, seq);
                seq
            }
        };
        let number = numbers[&row.number];
        let id = tx.ids.next(row.created).to_string();
        store::insert_appended_idea(
            tx,
            number,
            &id,
            &row.title,
            &row.body,
            &markdown_to_safe_html(&row.body),
            &markdown_excerpt(&row.body, crate::rules::EXCERPT_CHARS),
            author,
            row.created,
        )?;
        taxonomy::set_idea_tags(tx, number, &row.tags)?;
        let submitted = journey::ChangeInsert {
            idea_no: number,
            from: None,
            to: IdeaStatus::New,
            actor_seq: author,
            note: None,
            note_html: None,
            at: row.created,
        };
        journey::insert(tx, &submitted)?;
        notify::follow(tx, number, author, row.created)?;
        report.ideas += 1;
        report.status_changes += 1;
    }
    // Statuses last, once every merge target exists.
    for row in rows {
        let number = numbers[&row.number];
        let mut updated = row.created;
        if row.status != IdeaStatus::New {
            let actor = match &row.responder {
                Some(name) => store::member_seq_by_name(tx, name)?.unwrap_or(importer),
                None => importer,
            };
            let at = row.responded.unwrap_or(row.created).max(row.created);
            let html = row.response.as_deref().map(markdown_to_safe_html);
            journey::insert(
                tx,
                &journey::ChangeInsert {
                    idea_no: number,
                    from: Some(IdeaStatus::New),
                    to: row.status,
                    actor_seq: actor,
                    note: row.response.as_deref(),
                    note_html: html.as_deref(),
                    at,
                },
            )?;
            report.status_changes += 1;
            updated = at;
        }
        let merged_into = row.original.map(|o| numbers[&o]);
        store::finish_appended_idea(tx, number, row.status.as_str(), merged_into, updated)?;
    }
    Ok(())
}
