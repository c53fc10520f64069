//! export and import: files for product teams, as a member of the board's team.
//! The CLI holds the board file, so it acts without a passphrase: as `--as <member
//! id>` (`ops::act_as`), or as the board's owner, the admin who joined first
//! (`ops::act_as_owner`).

use std::fs::File;
use std::path::{Path, PathBuf};

use clap::Args;
use ideaboard_core::model::{ExportFilter, ExportFormat, ExportRequest, IdeaStatus, ImportFormat};
use ideaboard_core::{Actor, Board, Error, Timestamp, ops};

#[derive(Args)]
pub struct ExportArgs {
    #[arg(long)]
    board: PathBuf,
    /// csv | xlsx | json | md
    #[arg(long)]
    format: String,
    /// The file to write.
    #[arg(short = 'o', long = "out")]
    out: PathBuf,
    /// Only these statuses (repeat, or separate with commas).
    #[arg(long, value_delimiter = ',')]
    status: Vec<String>,
    /// Category slug.
    #[arg(long)]
    category: Option<String>,
    #[arg(long)]
    tag: Option<String>,
    /// Created at or after (RFC 3339, or a date: 2026-01-31).
    #[arg(long)]
    from: Option<String>,
    /// Created before (RFC 3339, or a date).
    #[arg(long)]
    to: Option<String>,
    #[arg(long)]
    min_votes: Option<u32>,
    /// include | exclude ideas merged into another (default: include for json,
    /// exclude otherwise).
    #[arg(long)]
    merged: Option<String>,
    /// Internal notes too (json and xlsx only; marked internal).
    #[arg(long)]
    include_internal: bool,
    /// Member id to act as (default: the board's owner, the admin who joined first).
    #[arg(long = "as")]
    as_member: Option<String>,
}

#[derive(Args)]
pub struct ImportArgs {
    #[arg(long)]
    board: PathBuf,
    /// The file to read.
    #[arg(long)]
    from: PathBuf,
    /// fider-csv | json (default: from the file's extension).
    #[arg(long)]
    format: Option<String>,
    /// Member id to act as (default: the board's owner, the admin who joined first).
    #[arg(long = "as")]
    as_member: Option<String>,
}

fn actor(board: &Board, member: Option<&str>) -> Result<Actor, Error> {
    match member {
        Some(id) => ops::act_as(board, id),
        None => ops::act_as_owner(board),
    }
}

/// A date alone means its midnight UTC.
fn instant(text: &Option<String>) -> Option<String> {
    text.as_ref().map(|t| {
        if t.len() == 10 {
            format!("{t}T00:00:00Z")
        } else {
            t.clone()
        }
    })
}

fn request(args: &ExportArgs) -> Result<ExportRequest, Error> {
    let format = ExportFormat::parse(&args.format)?;
    let include_merged = match args.merged.as_deref() {
        None => format == ExportFormat::Json,
        Some("include") => true,
        Some("exclude") => false,
        Some(other) => {
            return Err(Error::UnknownValue {
                field: "merged",
                value: other.to_string(),
            });
        }
    };
    Ok(ExportRequest {
        format,
        filter: ExportFilter {
            statuses: args
                .status
                .iter()
                .map(|s| IdeaStatus::parse(s.trim()))
                .collect::<Result<_, _>>()?,
            category: args.category.clone(),
            tag: args.tag.clone(),
            created_from: instant(&args.from),
            created_to: instant(&args.to),
            min_votes: args.min_votes,
            include_merged,
        },
        include_internal: args.include_internal,
    })
}

pub fn export(args: &ExportArgs, now: Timestamp) -> Result<(), Error> {
    let board = Board::open(&args.board, now)?;
    let actor = actor(&board, args.as_member.as_deref())?;
    let request = request(args)?;
    let file = File::create(&args.out)?;
    let mut ideas = 0;
    let result = ops::export(&board, &actor, &request, now, file, &mut |done, _| {
        ideas = done;
        true
    });
    if let Err(e) = result {
        // A partial file is worse than none.
        let _ = std::fs::remove_file(&args.out);
        return Err(e);
    }
    println!("exported {ideas} ideas to {}", args.out.display());
    Ok(())
}

fn import_format(path: &Path, format: Option<&str>) -> Result<ImportFormat, Error> {
    match format {
        Some(f) => ImportFormat::parse(f),
        None if path
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json")) =>
        {
            Ok(ImportFormat::Json)
        }
        None => Ok(ImportFormat::FiderCsv),
    }
}

pub fn import(args: &ImportArgs, now: Timestamp) -> Result<(), Error> {
    let mut board = Board::open(&args.board, now)?;
    let actor = actor(&board, args.as_member.as_deref())?;
    let format = import_format(&args.from, args.format.as_deref())?;
    let file = File::open(&args.from)?;
    match ops::import(&mut board, &actor, format, file, now) {
        Ok(report) => {
            println!(
                "imported {} ideas, {} votes, {} comments, {} status changes; {} new members",
                report.ideas,
                report.votes,
                report.comments,
                report.status_changes,
                report.members_created
            );
            for note in report.notes {
                println!("note: {note}");
            }
            Ok(())
        }
        Err(Error::ImportRejected { problems }) => {
            for p in &problems {
                eprintln!("{p}");
            }
            Err(Error::ImportRejected { problems })
        }
        Err(e) => Err(e),
    }
}
