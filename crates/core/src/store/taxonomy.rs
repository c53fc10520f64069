//! SQL for categories and tags.

use rusqlite::{Connection, OptionalExtension, params};

use crate::model::Category;
use crate::{Error, Result};

pub(crate) fn list_categories(conn: &Connection) -> Result<Vec<Category>> {
    let mut stmt =
        conn.prepare("SELECT slug, name, name_en FROM categories ORDER BY position, seq")?;
    let rows = stmt.query_map([], |r| {
        Ok(Category {
            slug: r.get(0)?,
            name: r.get(1)?,
            name_en: r.get(2)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The key of a category by slug; `UnknownValue` when the board has none such.
pub(crate) fn category_seq(conn: &Connection, slug: &str) -> Result<i64> {
    conn.prepare_cached("SELECT seq FROM categories WHERE slug = ?1")?
        .query_row([slug], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::UnknownValue {
            field: "category",
            value: slug.to_string(),
        })
}

pub(crate) fn insert_category(conn: &Connection, c: &Category) -> Result<i64> {
    conn.prepare_cached(
        "INSERT INTO categories (slug, name, name_en, position) \
         VALUES (?1, ?2, ?3, (SELECT coalesce(max(position), 0) + 1 FROM categories))",
    )?
    .execute(params![c.slug, c.name, c.name_en])?;
    Ok(conn.last_insert_rowid())
}

pub(crate) fn category_exists(conn: &Connection, slug: &str) -> Result<bool> {
    Ok(conn
        .prepare_cached("SELECT 1 FROM categories WHERE slug = ?1")?
        .query_row([slug], |_| Ok(()))
        .optional()?
        .is_some())
}

/// The key of a tag, creating it on first use.
pub(crate) fn tag_seq_or_create(conn: &Connection, name: &str) -> Result<i64> {
    conn.prepare_cached("INSERT OR IGNORE INTO tags (name) VALUES (?1)")?
        .execute([name])?;
    Ok(conn
        .prepare_cached("SELECT seq FROM tags WHERE name = ?1")?
        .query_row([name], |r| r.get(0))?)
}

/// The key of an existing tag, for filters.
pub(crate) fn tag_seq(conn: &Connection, name: &str) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached("SELECT seq FROM tags WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?)
}

pub(crate) fn set_idea_tags(conn: &Connection, idea_no: i64, tags: &[String]) -> Result<()> {
    conn.prepare_cached("DELETE FROM idea_tags WHERE idea_no = ?1")?
        .execute([idea_no])?;
    for tag in tags {
        let seq = tag_seq_or_create(conn, tag)?;
        conn.prepare_cached("INSERT OR IGNORE INTO idea_tags (idea_no, tag_seq) VALUES (?1, ?2)")?
            .execute(params![idea_no, seq])?;
    }
    Ok(())
}

pub(crate) fn set_idea_category(
    conn: &Connection,
    idea_no: i64,
    category_seq: Option<i64>,
) -> Result<()> {
    conn.prepare_cached("UPDATE ideas SET category_seq = ?2 WHERE number = ?1")?
        .execute(params![idea_no, category_seq])?;
    Ok(())
}
