//! Exports: golden files for CSV, JSON and Markdown (byte for byte) and XLSX (cell
//! by cell, read back with calamine); CSV's BOM, quoting, line breaks, Chinese text
//! and formula neutralising; filters; internal notes only when asked for; progress
//! and cancel.

use std::io::Cursor;

use calamine::{Data, Reader, Xlsx, open_workbook_from_rs};
use ideaboard_core::ErrorCode;
use ideaboard_core::model::{ExportFilter, ExportFormat, ExportRequest, IdeaStatus};
use ideaboard_core::ops;

use crate::exchange_fixture::{ExportFixture, golden};

fn csv_rows(bytes: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(bytes).expect("utf-8");
    let text = text
        .strip_prefix('\u{feff}')
        .expect("a byte order mark first");
    csv::Reader::from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("record").iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn csv_matches_its_golden_file() {
    let fx = ExportFixture::new();
    golden(
        "ideas.csv",
        &fx.export(ExportFormat::Csv, ExportFilter::default(), false),
    );
}

#[test]
fn csv_has_a_bom_rfc4180_quoting_line_breaks_and_chinese() {
    let fx = ExportFixture::new();
    let bytes = fx.export(ExportFormat::Csv, ExportFilter::default(), false);
    assert_eq!(&bytes[..3], b"\xEF\xBB\xBF", "UTF-8 byte order mark");
    let text = String::from_utf8(bytes[3..].to_vec()).expect("utf-8");
    assert!(text.starts_with("number,title,body,category,tags,status,votes,"));
    assert!(text.contains("\r\n"), "RFC 4180 rows end in CRLF");
    // Quotes doubled inside a quoted field; a comma forces quoting.
    assert!(
        text.contains(r#""'-10% on ""reusable"" cups, please""#),
        "{text}"
    );
    let rows = csv_rows(&bytes);
    let oat = rows.iter().find(|r| r[0] == "1").expect("idea 1");
    assert_eq!(oat[1], "燕麦奶全国门店供应");
    assert_eq!(
        oat[2], "希望所有门店都有燕麦奶。\n\n第二段：不加糖的也要。",
        "line breaks stay in the cell"
    );
    assert_eq!(oat[3], "饮品");
    assert_eq!(
        (
            oat[6].as_str(),
            oat[7].as_str(),
            oat[8].as_str(),
            oat[9].as_str()
        ),
        ("3", "1", "1", "1")
    );
    assert_eq!(
        oat[14], "Planned for spring.",
        "the latest official answer, as plain text"
    );
}

#[test]
fn csv_neutralises_every_cell_a_spreadsheet_would_run() {
    let fx = ExportFixture::new();
    let rows = csv_rows(&fx.export(ExportFormat::Csv, ExportFilter::default(), false));
    let formula = rows.iter().find(|r| r[0] == "2").expect("idea 2");
    assert_eq!(formula[1], "'=1+2 free coffee");
    assert_eq!(formula[2], "'+SUM(A1:A9)\nsecond line, \"quoted\"");
    assert_eq!(formula[4], "'-promo");
    assert_eq!(formula[11], "'=cmd|' /C calc'!A0", "author names too");
    let cups = rows.iter().find(|r| r[0] == "3").expect("idea 3");
    assert_eq!(cups[2], "'@everyone bring your cup");
    for row in &rows {
        for cell in row {
            assert!(
                !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
                "unneutralised cell {cell:?}"
            );
        }
    }
}

#[test]
fn filters_narrow_every_format() {
    let fx = ExportFixture::new();
    let numbers = |filter: ExportFilter| -> Vec<String> {
        csv_rows(&fx.export(ExportFormat::Csv, filter, false))
            .into_iter()
            .map(|r| r[0].clone())
            .collect()
    };
    assert_eq!(
        numbers(ExportFilter::default()),
        ["1", "2", "3", "4", "5"],
        "merged and hidden left out"
    );
    let merged = ExportFilter {
        include_merged: true,
        ..ExportFilter::default()
    };
    assert_eq!(numbers(merged), ["1", "2", "3", "4", "5", "6"]);
    let planned = ExportFilter {
        statuses: vec![IdeaStatus::Planned, IdeaStatus::Launched],
        ..ExportFilter::default()
    };
    assert_eq!(numbers(planned), ["1", "4"]);
    let drinks = ExportFilter {
        category: Some("drinks".into()),
        ..ExportFilter::default()
    };
    assert_eq!(numbers(drinks), ["1", "2", "5"]);
    let tag = ExportFilter {
        tag: Some("app".into()),
        ..ExportFilter::default()
    };
    assert_eq!(numbers(tag), ["4"]);
    let no_tag = ExportFilter {
        tag: Some("nothing-has-this".into()),
        ..ExportFilter::default()
    };
    assert!(numbers(no_tag).is_empty());
    let votes = ExportFilter {
        min_votes: Some(2),
        ..ExportFilter::default()
    };
    assert_eq!(
        numbers(votes),
        ["1", "3"],
        "the merged idea's votes moved to #3"
    );
    let window = ExportFilter {
        created_from: Some("2026-09-21T14:15:00Z".into()),
        created_to: Some("2026-09-21T14:18:00Z".into()),
        ..ExportFilter::default()
    };
    assert_eq!(numbers(window), ["2", "3", "4"]);
    let unknown = ExportRequest {
        format: ExportFormat::Csv,
        filter: ExportFilter {
            category: Some("nope".into()),
            ..ExportFilter::default()
        },
        include_internal: false,
    };
    let err = ops::export(
        &fx.board,
        &fx.moderator.actor,
        &unknown,
        fx.now,
        Vec::new(),
        &mut |_, _| true,
    );
    assert_eq!(err.unwrap_err().code(), ErrorCode::UnknownValue);
    // The same filter narrows the JSON bundle: only idea 4 and what hangs off it.
    let json = fx.export(
        ExportFormat::Json,
        ExportFilter {
            tag: Some("app".into()),
            ..ExportFilter::default()
        },
        false,
    );
    let value: serde_json::Value = serde_json::from_slice(&json).expect("json");
    assert_eq!(value["filtered"], true);
    let ideas: Vec<i64> = value["ideas"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["number"].as_i64().unwrap())
        .collect();
    assert_eq!(ideas, [4]);
    assert!(
        value["votes"]
            .as_array()
            .unwrap()
            .iter()
            .all(|v| v["idea"] == 4)
    );
}

#[test]
fn json_matches_its_golden_file_and_leaves_secrets_and_internal_notes_out() {
    let fx = ExportFixture::new();
    let whole = ExportFilter {
        include_merged: true,
        ..ExportFilter::default()
    };
    let bytes = fx.export(ExportFormat::Json, whole.clone(), false);
    golden("board.json", &bytes);
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        !text.contains("supplier cost"),
        "internal note in a fan-facing export"
    );
    assert!(!text.to_lowercase().contains("passphrase"));
    let internal = String::from_utf8(fx.export(ExportFormat::Json, whole, true)).unwrap();
    assert!(internal.contains("supplier cost"));
    assert!(internal.contains("\"internal\": true"));
}

#[test]
fn internal_notes_go_only_to_json_and_xlsx() {
    let fx = ExportFixture::new();
    for format in [ExportFormat::Csv, ExportFormat::Markdown] {
        let request = ExportRequest {
            format,
            filter: ExportFilter::default(),
            include_internal: true,
        };
        let result = ops::export(
            &fx.board,
            &fx.moderator.actor,
            &request,
            fx.now,
            Vec::new(),
            &mut |_, _| true,
        );
        assert_eq!(result.unwrap_err().code(), ErrorCode::InvalidInput);
    }
    let csv =
        String::from_utf8(fx.export(ExportFormat::Csv, ExportFilter::default(), false)).unwrap();
    assert!(!csv.contains("supplier cost"));
}

#[test]
fn markdown_report_matches_its_golden_file() {
    let fx = ExportFixture::new();
    golden(
        "report.md",
        &fx.export(ExportFormat::Markdown, ExportFilter::default(), false),
    );
}

/// Every cell of every sheet as `sheet!A1 kind value`, one per line.
fn xlsx_cells(bytes: Vec<u8>) -> String {
    let mut book: Xlsx<_> = open_workbook_from_rs(Cursor::new(bytes)).expect("xlsx");
    let mut out = String::new();
    for name in book.sheet_names() {
        let range = book.worksheet_range(&name).expect("sheet");
        for (row, col, cell) in range.used_cells() {
            let col = (b'A' + col as u8) as char;
            let (kind, value) = match cell {
                Data::Float(f) => ("number", f.to_string()),
                Data::Int(i) => ("number", i.to_string()),
                Data::String(s) => ("text", format!("{s:?}")),
                Data::DateTime(d) => ("date", format!("{:.6}", d.as_f64())),
                other => ("other", format!("{other:?}")),
            };
            out.push_str(&format!("{name}!{col}{} {kind} {value}\n", row + 1));
        }
    }
    out
}

#[test]
fn xlsx_matches_its_golden_cells_with_typed_columns() {
    let fx = ExportFixture::new();
    let whole = ExportFilter::default();
    let cells = xlsx_cells(fx.export(ExportFormat::Xlsx, whole.clone(), false));
    golden("workbook.cells.txt", cells.as_bytes());
    assert!(cells.contains("ideas!A2 number 1\n"), "numbers as numbers");
    assert!(cells.contains("ideas!M2 date "), "times as dates");
    assert!(
        cells.contains("ideas!B3 text \"'=1+2 free coffee\""),
        "formulas neutralised"
    );
    for sheet in ["ideas!", "votes!", "comments!", "status history!"] {
        assert!(cells.contains(sheet), "sheet {sheet} missing");
    }
    assert!(!cells.contains("supplier cost"));
    let internal = xlsx_cells(fx.export(ExportFormat::Xlsx, whole, true));
    assert!(internal.contains("supplier cost"));
    assert!(
        internal.contains("text \"internal\""),
        "internal notes are marked internal"
    );
}

#[test]
fn progress_is_reported_and_cancel_stops_the_export() {
    let fx = ExportFixture::new();
    let request = ExportRequest {
        format: ExportFormat::Csv,
        filter: ExportFilter::default(),
        include_internal: false,
    };
    let mut seen = Vec::new();
    ops::export(
        &fx.board,
        &fx.moderator.actor,
        &request,
        fx.now,
        Vec::new(),
        &mut |d, t| {
            seen.push((d, t));
            true
        },
    )
    .expect("export");
    assert_eq!(seen.last(), Some(&(5, 5)));
    let cancelled = ops::export(
        &fx.board,
        &fx.moderator.actor,
        &request,
        fx.now,
        Vec::new(),
        &mut |_, _| false,
    );
    assert_eq!(cancelled.unwrap_err().code(), ErrorCode::Cancelled);
}

#[test]
fn an_export_to_a_file_is_all_or_nothing() {
    let fx = ExportFixture::new();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("planned.csv");
    let request = ExportRequest {
        format: ExportFormat::Csv,
        filter: ExportFilter {
            statuses: vec![IdeaStatus::Planned],
            ..ExportFilter::default()
        },
        include_internal: false,
    };
    let bytes = ops::export_to_file(
        &fx.board,
        &fx.moderator.actor,
        &request,
        fx.now,
        &path,
        &mut |_, _| true,
    )
    .expect("export");
    let written = std::fs::read(&path).unwrap();
    assert_eq!(bytes, written.len() as u64);
    let titles: Vec<String> = csv_rows(&written).iter().map(|r| r[1].clone()).collect();
    assert_eq!(titles, ["燕麦奶全国门店供应"], "exactly the planned idea");

    // Cancelled or refused: the earlier file stays as it was, no partial file is left.
    let cancelled = ops::export_to_file(
        &fx.board,
        &fx.moderator.actor,
        &request,
        fx.now,
        &path,
        &mut |_, _| false,
    );
    assert_eq!(cancelled.unwrap_err().code(), ErrorCode::Cancelled);
    let refused = ops::export_to_file(
        &fx.board,
        &fx.fan.actor,
        &request,
        fx.now,
        &path,
        &mut |_, _| true,
    );
    assert_eq!(refused.unwrap_err().code(), ErrorCode::NotAllowed);
    assert_eq!(std::fs::read(&path).unwrap(), written);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["planned.csv"]);
}
