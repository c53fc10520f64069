//! Acceptance tests of ideaboard-core: one integration binary (ripgrep style), one
//! module per concern under `tests/core/`. Every test makes its own boards and
//! passes fixed times, so nothing depends on the wall clock.

#[path = "core/support.rs"]
mod support;

#[path = "common/html_check.rs"]
mod html_check;

#[path = "common/xss_payloads.rs"]
mod xss_payloads;

#[path = "core/authorization.rs"]
mod authorization;

#[path = "core/account_support.rs"]
mod account_support;

#[path = "core/accounts.rs"]
mod accounts;

#[path = "core/sessions.rs"]
mod sessions;

#[path = "core/invitations.rs"]
mod invitations;

#[path = "core/account_matrix.rs"]
mod account_matrix;

#[path = "core/member_directory.rs"]
mod member_directory;

#[path = "core/validation.rs"]
mod validation;

#[path = "core/internal_notes.rs"]
mod internal_notes;

#[path = "core/notifications.rs"]
mod notifications;

#[path = "core/migrations.rs"]
mod migrations;

#[path = "core/trending.rs"]
mod trending;

#[path = "core/counters.rs"]
mod counters;

#[path = "core/merge.rs"]
mod merge;

#[path = "core/points.rs"]
mod points;

#[path = "core/properties.rs"]
mod properties;

#[path = "core/search.rs"]
mod search;

#[path = "core/relevance.rs"]
mod relevance;

#[path = "core/adoption.rs"]
mod adoption;

#[path = "core/moderation.rs"]
mod moderation;

#[path = "core/team_analytics.rs"]
mod team_analytics;

#[path = "core/exchange_fixture.rs"]
mod exchange_fixture;

#[path = "core/export.rs"]
mod export;

#[path = "core/import.rs"]
mod import;

#[path = "core/round_trip.rs"]
mod round_trip;

#[path = "core/xss.rs"]
mod xss;

#[path = "core/backup.rs"]
mod backup;

#[path = "core/bad_files.rs"]
mod bad_files;

#[path = "core/owner.rs"]
mod owner;

#[path = "core/feed.rs"]
mod feed;

#[path = "core/vocabulary.rs"]
mod vocabulary;

#[path = "core/session.rs"]
mod session;

#[path = "core/moved.rs"]
mod moved;
