//! init, backup, restore, stats and list: a board's file and what it holds.

use std::path::Path;

use ideaboard_core::model::{BackupKind, IdeaSort, IdeaStatus, ListQuery};
use ideaboard_core::{Actor, Board, Error, Timestamp, backups, ops};

pub fn init(
    path: &Path,
    name: &str,
    owner: &str,
    passphrase: Option<&str>,
    now: Timestamp,
) -> Result<(), Error> {
    let mut b = Board::create(path, name, now)?;
    let owner = ops::create_owner(&mut b, owner, passphrase, now)?;
    println!(
        "created {} (owner {} {})",
        path.display(),
        owner.display_name,
        owner.id
    );
    Ok(())
}

pub fn backup(path: &Path, out: Option<&Path>, now: Timestamp) -> Result<(), Error> {
    let b = Board::open(path, now)?;
    let (to, bytes) = match out {
        Some(out) => (out.display().to_string(), b.backup_to(out)?),
        None => {
            let info = backups::take(&b, BackupKind::Manual, now)?;
            (info.path, info.size_bytes)
        }
    };
    println!("backed up {} to {to} ({bytes} bytes)", path.display());
    Ok(())
}

pub fn backups(path: &Path) -> Result<(), Error> {
    let list = backups::list(path)?;
    if list.backups.is_empty() {
        println!("no backups yet in {}", list.folder);
    }
    for b in &list.backups {
        println!(
            "{}  {:<15} {:>12} bytes  {}",
            b.taken_at.to_rfc3339(),
            format!("{:?}", b.kind),
            b.size_bytes,
            b.path
        );
    }
    Ok(())
}

pub fn restore(backup: &Path, path: &Path, now: Timestamp) -> Result<(), Error> {
    let kept = backups::restore(path, backup, now)?;
    println!("restored {} from {}", path.display(), backup.display());
    if let Some(kept) = kept {
        println!("the board it replaced is kept as {}", kept.path);
    }
    Ok(())
}

pub fn stats(path: &Path, json: bool) -> Result<(), Error> {
    let b = Board::open(path, Timestamp::now())?;
    let o = ops::board_overview(&b)?;
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&o).map_err(super::internal)?
        );
    } else {
        println!("board      {}", o.name);
        println!("file       {}", o.path);
        println!("schema     {}", b.schema_version()?);
        println!("ideas      {}", o.counts.ideas);
        println!("votes      {}", o.counts.votes);
        println!("comments   {}", o.counts.comments);
        println!("members    {}", o.counts.members);
        println!(
            "categories {}",
            o.categories
                .iter()
                .map(|c| c.slug.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        );
    }
    Ok(())
}

pub fn list(
    path: &Path,
    sort: &str,
    status: Option<&str>,
    category: Option<String>,
    limit: u32,
) -> Result<(), Error> {
    let b = Board::open(path, Timestamp::now())?;
    let query = ListQuery {
        sort: IdeaSort::parse(sort)?,
        status: status.map(IdeaStatus::parse).transpose()?,
        category,
        limit,
        ..ListQuery::default()
    };
    for idea in ops::list_ideas(&b, &Actor::guest(), &query)?.items {
        println!(
            "#{:<6} {:>6} votes  {:<12} {}",
            idea.number,
            idea.vote_count,
            idea.status.as_str(),
            idea.title
        );
    }
    Ok(())
}
