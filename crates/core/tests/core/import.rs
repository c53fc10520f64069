//! Import of a CSV in Fider's posts.csv layout: statuses and duplicates mapped,
//! authors found or created, appended after the board's ideas; a file with bad
//! rows refused with every problem by line number and the board unchanged.

use ideaboard_core::model::{IdeaStatus, ImportFormat, SearchQuery};
use ideaboard_core::{Error, ErrorCode, ops};

use crate::exchange_fixture::ExportFixture;
use crate::support::assert_consistent;

const HEADER: &str = "number,title,description,created_at,created_by,votes_count,comments_count,status,responded_by,responded_at,response,original_number,original_title,tags\n";

fn posts_csv() -> String {
    format!(
        "\u{feff}{HEADER}\
1,Dark mode for the app,\"Please add dark mode.\nIt hurts my eyes at night.\",2024-01-02T10:00:00.123456Z,Alice,12,3,open,,,,0,,\"app, ui\"\n\
2,会员积分可以兑换咖啡,积分兑换咖啡,2024-01-03T10:00:00Z,小王,5,0,planned,Mia 产品经理,2024-02-01T09:00:00Z,排期在三月,0,,\n\
3,Faster wifi in stores,Wifi is slow,2024-01-04T10:00:00Z,Bob,4,1,started,Ghost,2024-02-02T09:00:00Z,Working on it,0,,stores\n\
4,Oat milk everywhere,Oat milk,2024-01-05T10:00:00Z,Alice,30,2,completed,Mia 产品经理,2024-03-01T09:00:00Z,Launched nationwide!,0,,\n\
5,Free refills forever,Refills,2024-01-06T10:00:00Z,Bob,1,0,declined,Mia 产品经理,2024-03-02T09:00:00Z,Sorry,0,,\n\
6,Dark theme please,Same as dark mode,2024-01-07T10:00:00Z,Carol,2,0,duplicate,Mia 产品经理,2024-01-08T09:00:00Z,,1,Dark mode for the app,\n"
    )
}

#[test]
fn a_fider_posts_csv_imports_with_statuses_and_duplicates_mapped() {
    let mut fx = ExportFixture::new();
    let moderator = fx.moderator.actor.clone();
    let report = ops::import(
        &mut fx.board,
        &moderator,
        ImportFormat::FiderCsv,
        posts_csv().as_bytes(),
        fx.now,
    )
    .expect("import");
    assert_eq!(report.ideas, 6);
    assert_eq!(
        report.members_created, 3,
        "Alice, Bob and Carol; 小王 was there"
    );
    assert!(
        report.notes[0].starts_with("54 votes and 6 comments"),
        "{:?}",
        report.notes
    );
    // The fixture has ideas 1 to 7: the file's 1..6 become 8..13.
    let idea = |n: u32| ops::get_idea_by_number(&fx.board, &moderator, n, fx.now).expect("idea");
    let expected = [
        (8, IdeaStatus::New),
        (9, IdeaStatus::Planned),
        (10, IdeaStatus::InProgress),
        (11, IdeaStatus::Launched),
        (12, IdeaStatus::Declined),
        (13, IdeaStatus::Merged),
    ];
    for (number, status) in expected {
        assert_eq!(idea(number).idea.status, status, "idea #{number}");
    }
    assert_eq!(
        idea(13).idea.merged_into,
        Some(8),
        "the duplicate merged into the file's #1"
    );
    let dark = idea(8);
    assert_eq!(dark.idea.author.display_name, "Alice");
    assert_eq!(dark.idea.tags, ["app", "ui"]);
    assert_eq!(
        dark.body,
        "Please add dark mode.\nIt hurts my eyes at night."
    );
    assert_eq!(
        idea(9).idea.author.id,
        fx.fan.id,
        "an existing member found by name"
    );
    let planned = idea(9);
    let answer = planned.journey.last().expect("journey");
    assert_eq!(answer.note.as_deref(), Some("排期在三月"));
    assert_eq!(answer.actor.display_name, "Mia 产品经理");
    assert_eq!(
        idea(10).journey.last().unwrap().actor.id,
        fx.moderator.id,
        "an unknown responder: the importer"
    );
    let found = ops::search_ideas(
        &fx.board,
        &moderator,
        &SearchQuery {
            query: "积分".into(),
            ..SearchQuery::default()
        },
    )
    .expect("search");
    assert_eq!(
        found
            .items
            .iter()
            .map(|h| h.idea.number)
            .collect::<Vec<_>>(),
        [9],
        "imported ideas are searchable"
    );
    assert_consistent(&fx.board);
}

#[test]
fn a_file_with_three_bad_rows_is_refused_with_three_line_numbers_and_nothing_written() {
    let mut fx = ExportFixture::new();
    let moderator = fx.moderator.actor.clone();
    // Line 2-3: one good row over two lines; 4: unknown status; 5: good;
    // 6: a date that is not one; 7: a title too short.
    let file = format!(
        "{HEADER}\
1,A good idea here,\"two\nlines\",2024-01-02T10:00:00Z,Alice,0,0,open,,,,0,,\n\
2,Unknown status idea,Body,2024-01-02T10:00:00Z,Alice,0,0,someday,,,,0,,\n\
3,Another good idea,Body,2024-01-02T10:00:00Z,Bob,0,0,open,,,,0,,\n\
4,Bad date idea,Body,yesterday,Bob,0,0,open,,,,0,,\n\
5,ab,Body,2024-01-02T10:00:00Z,Bob,0,0,open,,,,0,,\n"
    );
    let before = fx.board.content_fingerprint().unwrap();
    let err = ops::import(
        &mut fx.board,
        &moderator,
        ImportFormat::FiderCsv,
        file.as_bytes(),
        fx.now,
    )
    .unwrap_err();
    assert_eq!(err.code(), ErrorCode::ImportRejected);
    let Error::ImportRejected { problems } = err else {
        unreachable!()
    };
    let lines: Vec<u64> = problems.iter().map(|p| p.line).collect();
    assert_eq!(lines, [4, 6, 7], "{problems:?}");
    assert!(problems[0].message.contains("someday"));
    assert!(problems[1].message.contains("created_at"));
    assert!(problems[2].message.contains("title"));
    assert_eq!(
        fx.board.content_fingerprint().unwrap(),
        before,
        "nothing written"
    );
}

#[test]
fn a_duplicate_must_name_an_idea_of_the_file() {
    let mut fx = ExportFixture::new();
    let moderator = fx.moderator.actor.clone();
    let file = format!(
        "{HEADER}1,Dark theme please,Body,2024-01-07T10:00:00Z,Carol,0,0,duplicate,,,,99,,\n"
    );
    let err = ops::import(
        &mut fx.board,
        &moderator,
        ImportFormat::FiderCsv,
        file.as_bytes(),
        fx.now,
    )
    .unwrap_err();
    let Error::ImportRejected { problems } = err else {
        panic!("expected ImportRejected")
    };
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].line, 2);
    assert!(problems[0].message.contains("99"));
}

#[test]
fn a_preview_counts_what_would_be_written_and_writes_nothing() {
    let mut fx = ExportFixture::new();
    let moderator = fx.moderator.actor.clone();
    let before = fx.board.content_fingerprint().unwrap();
    let preview = ops::import_preview(
        &mut fx.board,
        &moderator,
        ImportFormat::FiderCsv,
        posts_csv().as_bytes(),
        fx.now,
    )
    .expect("preview");
    assert!(preview.problems.is_empty());
    assert_eq!(fx.board.content_fingerprint().unwrap(), before);
    let report = ops::import(
        &mut fx.board,
        &moderator,
        ImportFormat::FiderCsv,
        posts_csv().as_bytes(),
        fx.now,
    )
    .expect("import");
    assert_eq!(
        preview.report,
        Some(report),
        "the preview is what the import then does"
    );

    // A bad file's preview lists its problems, as the import would.
    let bad = format!("{HEADER}1,ab,Body,2024-01-02T10:00:00Z,Bob,0,0,someday,,,,0,,\n");
    let before = fx.board.content_fingerprint().unwrap();
    let refused = ops::import_preview(
        &mut fx.board,
        &moderator,
        ImportFormat::FiderCsv,
        bad.as_bytes(),
        fx.now,
    )
    .expect("a preview, not an error");
    assert_eq!(refused.report, None);
    assert_eq!(refused.problems.len(), 2, "{:?}", refused.problems);
    assert!(refused.problems.iter().all(|p| p.line == 2));
    assert_eq!(fx.board.content_fingerprint().unwrap(), before);
    // A fan may not even look.
    let fan = fx.fan.actor.clone();
    let refused = ops::import_preview(
        &mut fx.board,
        &fan,
        ImportFormat::FiderCsv,
        posts_csv().as_bytes(),
        fx.now,
    )
    .unwrap_err();
    assert_eq!(refused.code(), ErrorCode::NotAllowed);
}

#[test]
fn vote_counts_past_u64_in_total_are_reported_not_a_crash() {
    // Found by the fuzzer (tests/fuzz/fider_csv.rs): the file's counts were summed
    // with `+=`, which panics on overflow in debug builds and wraps in release.
    let mut fx = ExportFixture::new();
    let moderator = fx.moderator.actor.clone();
    let file = format!(
        "{HEADER}\
1,A good idea here,Body,2024-01-02T10:00:00Z,Alice,18446744073709551615,0,open,,,,0,,\n\
2,Another good idea,Body,2024-01-02T10:00:00Z,Bob,5,1,open,,,,0,,\n"
    );
    let report = ops::import(
        &mut fx.board,
        &moderator,
        ImportFormat::FiderCsv,
        file.as_bytes(),
        fx.now,
    )
    .expect("import");
    assert_eq!(report.ideas, 2);
    assert!(
        report.notes[0].starts_with("18446744073709551615 votes and 1 comments"),
        "{:?}",
        report.notes
    );
    assert_consistent(&fx.board);
}
