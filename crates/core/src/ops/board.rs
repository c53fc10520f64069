//! The board: overview, settings, categories and the audit log.

use serde_json::json;

use super::Actor;
use super::actor::{Who, audit};
use crate::clock::Timestamp;
use crate::model::{AuditEntry, BoardOverview, BoardSettings, Category};
use crate::rules;
use crate::store::changes::Entry;
use crate::store::{Board, ledger, settings, taxonomy, totals};
use crate::{Error, Result};

/// Name, categories and size of the board, and the input limits, for the window frame.
pub fn board_overview(board: &Board) -> Result<BoardOverview> {
    let path = board
        .path()
        .map(|p| p.display().to_string())
        .unwrap_or_default();
    board.read(|conn| {
        Ok(BoardOverview {
            name: settings::get(conn)?.name,
            path,
            categories: taxonomy::list_categories(conn)?,
            counts: totals::counts(conn)?,
            limits: rules::LIMITS,
        })
    })
}

/// The board's settings.
pub fn board_settings(board: &Board) -> Result<BoardSettings> {
    board.read(settings::get)
}

/// Changes the board's settings (admins only).
pub fn update_board_settings(
    board: &mut Board,
    actor: &Actor,
    new: &BoardSettings,
    now: Timestamp,
) -> Result<BoardSettings> {
    board.write(|tx| {
        let admin = Who::load(tx, actor)?.admin()?;
        let name = rules::display_name(&new.name)?;
        if !matches!(new.default_locale.as_str(), "zh-CN" | "en") {
            return Err(Error::UnknownValue {
                field: "locale",
                value: new.default_locale.clone(),
            });
        }
        if new.vote_budget == Some(0) {
            return Err(Error::InvalidInput {
                field: "vote budget",
                reason: "must be at least 1, or off".into(),
            });
        }
        let clean = BoardSettings {
            name,
            ..new.clone()
        };
        settings::update(tx, &clean)?;
        tx.record(Entry::settings(), now);
        audit(
            tx,
            admin,
            "board.settings",
            "board".into(),
            serde_json::to_value(&clean).unwrap_or_default(),
            now,
        )?;
        settings::get(tx)
    })
}

/// Adds a category (the team).
pub fn add_category(
    board: &mut Board,
    actor: &Actor,
    category: &Category,
    now: Timestamp,
) -> Result<Category> {
    board.write(|tx| {
        let seq = Who::load(tx, actor)?.team()?;
        let slug = category.slug.trim().to_lowercase();
        let valid_slug = !slug.is_empty()
            && slug.len() <= 32
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !valid_slug {
            return Err(Error::InvalidInput {
                field: "slug",
                reason: "use 1-32 of a-z, 0-9 and -".into(),
            });
        }
        if taxonomy::category_exists(tx, &slug)? {
            return Err(Error::InvalidInput {
                field: "slug",
                reason: format!("{slug} exists already"),
            });
        }
        let name = rules::display_name(&category.name)?;
        let name_en = category
            .name_en
            .as_deref()
            .map(rules::display_name)
            .transpose()?;
        let clean = Category {
            slug,
            name,
            name_en,
        };
        taxonomy::insert_category(tx, &clean)?;
        tx.record(Entry::category(&clean.slug), now);
        audit(
            tx,
            seq,
            "category.add",
            format!("category:{}", clean.slug),
            json!({ "name": clean.name }),
            now,
        )?;
        Ok(clean)
    })
}

/// The latest audit log entries (the team).
pub fn audit_log(board: &Board, actor: &Actor, limit: u32) -> Result<Vec<AuditEntry>> {
    board.read(|conn| {
        Who::load(conn, actor)?.team()?;
        ledger::audit_entries(conn, limit.clamp(1, 1000))
    })
}
