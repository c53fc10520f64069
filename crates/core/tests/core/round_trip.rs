//! Round trip: importing the JSON bundle of a board into a new board reproduces it
//! table by table (every row, count and journey), for random boards built through
//! the ops as in `properties.rs`, and for the export fixture.

use ideaboard_core::model::{ExportFilter, ExportFormat, ExportRequest, ImportFormat};
use ideaboard_core::{Actor, Board, ErrorCode, Timestamp, ops};
use proptest::prelude::*;

use crate::exchange_fixture::ExportFixture;
use crate::properties::{World, step};
use crate::support::{T0, assert_consistent, assert_refused, new_board};

/// The whole board, internal notes included: what a lossless backup needs.
pub fn bundle(board: &Board, actor: &Actor, now: Timestamp) -> Vec<u8> {
    let request = ExportRequest {
        format: ExportFormat::Json,
        filter: ExportFilter {
            include_merged: true,
            ..ExportFilter::default()
        },
        include_internal: true,
    };
    let mut out = Vec::new();
    ops::export(board, actor, &request, now, &mut out, &mut |_, _| true).expect("export");
    out
}

/// The content fingerprint without the full-text index's own segment tables,
/// whose layout depends on the order of writes, not on the content (the index's
/// content is checked by `counter_mismatches` and `idea_term_df`).
fn tables(board: &Board) -> String {
    board
        .content_fingerprint()
        .expect("fingerprint")
        .lines()
        .filter(|l| !l.starts_with("idea_search"))
        .map(|l| format!("{l}\n"))
        .collect()
}

/// Restores `bytes` into a new board made like every fixture board (same owner).
fn restore(bytes: &[u8], now: Timestamp) -> Board {
    let (mut target, owner) = new_board(T0);
    ops::import(&mut target, &owner.actor, ImportFormat::Json, bytes, now).expect("import");
    target
}

#[test]
fn the_fixture_survives_export_and_import() {
    let fx = ExportFixture::new();
    let bytes = bundle(&fx.board, &fx.admin.actor, fx.now);
    let target = restore(&bytes, fx.now);
    assert_eq!(tables(&target), tables(&fx.board));
    assert_consistent(&target);
    let (_, owner_actor) = (0, ops::act_as(&target, &fx.admin.id).unwrap());
    assert_eq!(
        String::from_utf8(bundle(&target, &owner_actor, fx.now)).unwrap(),
        String::from_utf8(bytes).unwrap(),
        "the restored board exports the same bundle"
    );
}

#[test]
fn a_bundle_imports_only_into_an_empty_board() {
    let fx = ExportFixture::new();
    let bytes = bundle(&fx.board, &fx.admin.actor, fx.now);
    let mut other = ExportFixture::new();
    let moderator = other.moderator.actor.clone();
    assert_refused(&mut other.board, ErrorCode::BoardNotEmpty, |b| {
        ops::import(b, &moderator, ImportFormat::Json, &bytes[..], T0)
    });
}

#[test]
fn a_broken_bundle_is_refused_with_every_problem() {
    let fx = ExportFixture::new();
    let text = String::from_utf8(bundle(&fx.board, &fx.admin.actor, fx.now)).unwrap();
    let broken = text
        .replacen("\"priority\":\"critical\"", "\"priority\":\"urgent\"", 1)
        .replacen("\"status\":\"planned\"", "\"status\":\"someday\"", 1);
    let (mut target, owner) = new_board(T0);
    let before = target.content_fingerprint().unwrap();
    let err = ops::import(
        &mut target,
        &owner.actor,
        ImportFormat::Json,
        broken.as_bytes(),
        T0,
    )
    .unwrap_err();
    let ideaboard_core::Error::ImportRejected { problems } = err else {
        panic!("expected ImportRejected, got {err:?}");
    };
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.record.starts_with("votes[")));
    assert!(problems.iter().any(|p| p.record.starts_with("ideas[")));
    assert_eq!(target.content_fingerprint().unwrap(), before);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn import_of_the_export_reproduces_any_board(steps in prop::collection::vec(step(), 20..=70)) {
        let mut world = World::new();
        for step in &steps {
            let _ = world.apply(step);
        }
        let bytes = bundle(&world.board, &world.admin, world.now);
        let target = restore(&bytes, world.now);
        prop_assert_eq!(tables(&target), tables(&world.board));
        prop_assert_eq!(target.counter_mismatches().unwrap(), Vec::<String>::new());
        prop_assert_eq!(target.check_integrity().unwrap(), Vec::<String>::new());
    }
}

#[test]
fn a_truncated_bundle_is_refused_with_its_line_and_nothing_written() {
    let fx = ExportFixture::new();
    let text = String::from_utf8(bundle(&fx.board, &fx.admin.actor, fx.now)).unwrap();
    let cut = &text[..text.find("\"votes\"").unwrap() + 20];
    let (mut target, owner) = new_board(T0);
    let before = target.content_fingerprint().unwrap();
    let err = ops::import(
        &mut target,
        &owner.actor,
        ImportFormat::Json,
        cut.as_bytes(),
        T0,
    )
    .unwrap_err();
    let ideaboard_core::Error::ImportRejected { problems } = err else {
        panic!("expected ImportRejected, got {err:?}");
    };
    let line = cut.lines().count() as u64;
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].line, line, "{problems:?}");
    assert_eq!(target.content_fingerprint().unwrap(), before, "rolled back");
}

#[test]
fn a_filtered_bundle_that_holds_together_restores_on_its_own() {
    let fx = ExportFixture::new();
    let request = ExportRequest {
        format: ExportFormat::Json,
        filter: ExportFilter {
            statuses: vec![ideaboard_core::model::IdeaStatus::Planned],
            ..ExportFilter::default()
        },
        include_internal: false,
    };
    let mut bytes = Vec::new();
    ops::export(
        &fx.board,
        &fx.admin.actor,
        &request,
        fx.now,
        &mut bytes,
        &mut |_, _| true,
    )
    .expect("export");
    let target = restore(&bytes, fx.now);
    assert_consistent(&target);
    let owner = ops::act_as(&target, &fx.admin.id).unwrap();
    let idea = ops::get_idea_by_number(&target, &owner, 1, fx.now).expect("idea #1");
    assert_eq!(
        idea.votes.critical + idea.votes.important + idea.votes.nice_to_have,
        3
    );
    assert_eq!(idea.journey.len(), 2);
    assert!(ops::get_idea_by_number(&target, &owner, 2, fx.now).is_err());
}

#[test]
fn a_trending_score_that_disagrees_with_its_rows_is_recounted_on_restore() {
    // Found by the fuzzer (tests/fuzz/json_bundle.rs): one digit of an idea's
    // createdAt changed, its trending score no longer matched its events, and the
    // restore kept the score as written, leaving a counter that no recount agrees
    // with.
    let fx = ExportFixture::new();
    let text = String::from_utf8(bundle(&fx.board, &fx.admin.actor, fx.now)).unwrap();
    let edited: Vec<String> = text
        .lines()
        .map(|line| {
            if line.trim_start().starts_with("{\"number\":7,") {
                line.replacen("\"createdAt\":\"2026", "\"createdAt\":\"3026", 1)
            } else {
                line.to_string()
            }
        })
        .collect();
    let edited = edited.join("\n");
    assert_ne!(edited, text);
    let target = restore(edited.as_bytes(), fx.now);
    assert_consistent(&target);
}

#[test]
fn ids_written_in_another_form_are_restored_in_the_apps_form() {
    // Found by the fuzzer (tests/fuzz/json_bundle.rs): an idea id in capitals was
    // accepted and stored as written, and the idea could then not be opened,
    // commented on or voted for by its id. Any form a UUID parses from is fine in
    // a file; the board holds the app's form only.
    let fx = ExportFixture::new();
    let admin = &fx.admin.actor;
    let text = String::from_utf8(bundle(&fx.board, admin, fx.now)).unwrap();
    let idea_id = ops::get_idea_by_number(&fx.board, admin, 1, fx.now)
        .unwrap()
        .idea
        .id;
    let comment_id = ops::list_comments(&fx.board, admin, &idea_id).unwrap()[0]
        .id
        .clone();
    let fan_id = fx.fan.id.clone();
    let edited = text
        .replace(&idea_id, &idea_id.to_uppercase())
        .replace(&comment_id, &format!("{{{comment_id}}}"))
        .replace(&fan_id, &fan_id.replace('-', ""));
    assert_ne!(edited, text);
    let target = restore(edited.as_bytes(), fx.now);
    assert_eq!(tables(&target), tables(&fx.board));
    let thread = ops::list_comments(&target, admin, &idea_id).expect("the idea by its id");
    assert_eq!(thread[0].id, comment_id);
    ops::act_as(&target, &fan_id).expect("the fan by their id");
}

#[test]
fn a_points_delta_past_any_grant_is_refused_not_a_storage_error() {
    // Found by the fuzzer (tests/fuzz/json_bundle.rs): a delta of i64::MAX was
    // written, then the recount of the member's points overflowed in SQLite's
    // sum() and the import failed with a bare storage error. (And i64::MIN, which
    // the first fix's `abs()` overflowed on.)
    let fx = ExportFixture::new();
    let text = String::from_utf8(bundle(&fx.board, &fx.admin.actor, fx.now)).unwrap();
    for delta in [i64::MAX, i64::MIN] {
        let edited = text.replacen("\"delta\":10,", &format!("\"delta\":{delta},"), 1);
        assert_ne!(edited, text);
        let (mut target, owner) = new_board(T0);
        let before = target.content_fingerprint().unwrap();
        let err = ops::import(
            &mut target,
            &owner.actor,
            ImportFormat::Json,
            edited.as_bytes(),
            T0,
        )
        .unwrap_err();
        let ideaboard_core::Error::ImportRejected { problems } = err else {
            panic!("expected ImportRejected, got {err:?}");
        };
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert!(problems[0].record.starts_with("points["), "{problems:?}");
        assert_eq!(target.content_fingerprint().unwrap(), before);
    }
}

#[test]
fn a_journey_that_begins_anywhere_but_new_is_refused() {
    // Found by the fuzzer (tests/fuzz/json_bundle.rs): an idea's submission entry
    // (from null) edited to "launched" was accepted, and the adoption recount, which
    // skips ideas whose only change is their submission, left launched_at unset
    // where a recount sets it.
    let fx = ExportFixture::new();
    let text = String::from_utf8(bundle(&fx.board, &fx.admin.actor, fx.now)).unwrap();
    let edited = text.replacen(
        "\"from\":null,\"to\":\"new\"",
        "\"from\":null,\"to\":\"launched\"",
        1,
    );
    assert_ne!(edited, text);
    let (mut target, owner) = new_board(T0);
    let before = target.content_fingerprint().unwrap();
    let err = ops::import(
        &mut target,
        &owner.actor,
        ImportFormat::Json,
        edited.as_bytes(),
        T0,
    )
    .unwrap_err();
    let ideaboard_core::Error::ImportRejected { problems } = err else {
        panic!("expected ImportRejected, got {err:?}");
    };
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].record.starts_with("statusChanges["),
        "{problems:?}"
    );
    assert_eq!(target.content_fingerprint().unwrap(), before);
}
