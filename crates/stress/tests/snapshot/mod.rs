//! The premise of the bench's "vote while XLSX export runs" row: a whole-board
//! export on a read-only connection of its own (`Board::open_read_only`, a WAL
//! snapshot reader) beside the board's writer. The writer's commits never wait for
//! it, and the export reads one snapshot from its first idea to its last: what
//! commits while it runs is not in its file, and the next export has it.

use std::io::Cursor;

use calamine::{Reader, Xlsx, open_workbook_from_rs};
use ideaboard_core::model::{
    ExportFilter, ExportFormat, ExportRequest, NewIdea, NewMember, Priority, Role,
};
use ideaboard_core::seed::scale::{self, ScaleConfig};
use ideaboard_core::{Actor, Board, Timestamp, bench, ops};

const T0: Timestamp = Timestamp::from_millis(1_790_000_000_000);
const PROBE: &str = "Snapshot probe: 导出开始之后提交的想法";

/// Every cell of every sheet, as text, sheet by sheet and row by row.
fn cells(bytes: Vec<u8>) -> Vec<Vec<String>> {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let mut out = Vec::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        out.push(vec![format!("sheet {name}")]);
        out.extend(
            range
                .rows()
                .map(|row| row.iter().map(|c| c.to_string()).collect::<Vec<_>>()),
        );
    }
    out
}

/// The whole board as XLSX, read through `reader`; `progress(done, total)` runs
/// while the export is under way.
fn export(reader: &Board, owner: &Actor, progress: &mut dyn FnMut(u64, u64) -> bool) -> Vec<u8> {
    let request = ExportRequest {
        format: ExportFormat::Xlsx,
        filter: ExportFilter {
            include_merged: true,
            ..ExportFilter::default()
        },
        include_internal: false,
    };
    let mut out = Vec::new();
    ops::export(reader, owner, &request, T0, &mut out, progress).expect("export");
    out
}

#[test]
fn an_export_on_a_read_only_connection_reads_one_snapshot_while_the_writer_commits() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("snapshot.board");
    {
        let mut board = Board::create(&path, "Snapshot", T0).unwrap();
        let config = ScaleConfig {
            ideas: 1_500,
            votes: 6_000,
            comments: 1_500,
            members: 400,
            years: 1,
            seed: 11,
        };
        scale::scale(&mut board, &config, T0).unwrap();
    }
    let mut writer = Board::open(&path, T0).unwrap();
    let reader = Board::open_read_only(&path).unwrap();
    assert!(reader.is_read_only());
    let owner = ops::act_as_owner(&reader).unwrap();
    let fan = NewMember {
        display_name: "Snapshot fan".into(),
        role: Role::Fan,
        passphrase: None,
    };
    let fan = ops::create_member(&mut writer, &Actor::guest(), &fan, T0).unwrap();
    let fan = ops::act_as(&writer, &fan.id).unwrap();
    let targets = bench::open_ideas(&writer, 20).unwrap();
    assert!(targets.len() >= 10, "{targets:?}");

    let before = cells(export(&reader, &owner, &mut |_, _| true));
    assert!(!format!("{before:?}").contains(PROBE));

    // Mid-export (the first progress report, after 1,000 of 1,500 ideas), the writer
    // votes on ideas across the board and submits a new one. Each commit returns
    // while the export's read is still open: a writer that waited for the reader
    // would time out here (the reader is this very thread).
    let mut commits = 0;
    let mut progress = |done: u64, total: u64| {
        if commits == 0 && done < total {
            for (i, idea) in targets.iter().enumerate() {
                ops::vote(
                    &mut writer,
                    &fan,
                    idea,
                    Priority::Important,
                    T0.plus_millis(i as i64),
                )
                .expect("a vote beside the export");
                commits += 1;
            }
            let probe = NewIdea {
                title: PROBE.into(),
                body: "Committed while an export was reading.".into(),
                category: Some("drinks".into()),
                tags: vec![],
            };
            ops::submit_idea(&mut writer, &fan, &probe, T0).expect("a submit beside the export");
            commits += 1;
        }
        true
    };
    let during = cells(export(&reader, &owner, &mut progress));
    assert_eq!(commits, targets.len() + 1, "the writes ran mid-export");
    assert_eq!(
        during, before,
        "the export saw writes committed after it began"
    );

    // The next export is a new snapshot: the writes are there.
    let after = cells(export(&reader, &owner, &mut |_, _| true));
    assert_ne!(after, before);
    assert!(format!("{after:?}").contains(PROBE));
}
