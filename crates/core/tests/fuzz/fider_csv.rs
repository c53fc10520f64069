//! Fuzz target: the importer of Fider's posts.csv. Valid files are parsed into
//! records, mutated field by field (wrong types, huge numbers, bad dates, hostile
//! Markdown, limits plus one), row by row and column by column, written back with
//! or without CSV quoting, and sometimes damaged byte by byte. Each file goes
//! through [`import_outcome`](crate::import_outcome): all or nothing, never a panic.

use ideaboard_core::model::{ImportFormat, Role};
use ideaboard_core::{Actor, Board};
use proptest::prelude::*;
use proptest::sample::{Index, select};

use crate::harness::fuzz;
use crate::hostile;
use crate::import_outcome::{File, Target};
use crate::mutate::{self, Damage};
use crate::support::{T0, add_fan, add_team, new_board};

const HEADER: &str = "number,title,description,created_at,created_by,votes_count,comments_count,status,responded_by,responded_at,response,original_number,original_title,tags\n";

/// Valid files: the layout of the acceptance test, the required columns only in
/// another order, and CRLF lines with quoting everywhere.
fn seeds() -> Vec<String> {
    vec![
        format!(
            "\u{feff}{HEADER}\
1,Dark mode for the app,\"Please add dark mode.\nIt hurts my eyes at night.\",2024-01-02T10:00:00.123456Z,Alice,12,3,open,,,,0,,\"app, ui\"\n\
2,会员积分可以兑换咖啡,积分兑换咖啡,2024-01-03T10:00:00Z,小王,5,0,planned,Mia 产品经理,2024-02-01T09:00:00Z,排期在三月,0,,\n\
3,Faster wifi in stores,Wifi is **slow**,2024-01-04T10:00:00Z,Bob,4,1,started,Ghost,2024-02-02T09:00:00Z,Working on it,0,,stores\n\
4,Oat milk everywhere,Oat milk,2024-01-05T10:00:00Z,Alice,30,2,completed,Mia 产品经理,2024-03-01T09:00:00Z,Launched nationwide!,0,,\n\
5,Free refills forever,Refills,2024-01-06T10:00:00Z,Bob,1,0,declined,Mia 产品经理,2024-03-02T09:00:00Z,Sorry,0,,\n\
6,Dark theme please,Same as dark mode,2024-01-07T10:00:00Z,Carol,2,0,duplicate,Mia 产品经理,2024-01-08T09:00:00Z,,1,Dark mode for the app,\n"
        ),
        "status,title,created_by,number,description,created_at\n\
open,Reusable cups,Otto,10,\"- one\n- two\",2023-12-31T23:59:59Z\n\
open,Reusable mugs,Otto,11,[see](https://example.com),2024-01-01T00:00:00+08:00\n"
            .to_string(),
        "\"number\",\"title\",\"description\",\"created_at\",\"created_by\",\"status\",\"original_number\",\"response\",\"tags\"\r\n\
\"7\",\"Quotes \"\"inside\"\", commas, too\",\"<b>bold</b> and `code`\",\"2024-05-05T05:05:05.5Z\",\"Alice\",\"open\",\"\",\"\",\"a,b\"\r\n\
\"8\",\"Same idea again\",\"Body\",\"2024-05-06T05:05:05Z\",\"Dana\",\"duplicate\",\"7\",\"Merged, thanks\",\"\"\r\n"
            .to_string(),
    ]
}

const NUMBERS: &[&str] = &[
    "0",
    "-1",
    "1",
    "2",
    "3",
    "6",
    "7",
    "+5",
    " 4 ",
    "1.5",
    "1e3",
    "0x10",
    "9223372036854775807",
    "9223372036854775808",
    "-9223372036854775808",
    "18446744073709551615",
    "18446744073709551616",
    "99999999999999999999999",
    "",
    "NaN",
    "٣",
    "１",
];

const DATES: &[&str] = &[
    "2024-01-02T10:00:00Z",
    "2024-02-29T10:00:00Z",
    "2023-02-29T10:00:00Z",
    "2024-13-01T00:00:00Z",
    "2024-01-02T10:00:60Z",
    "0000-01-01T00:00:00Z",
    "0001-01-01T00:00:00Z",
    "9999-12-31T23:59:59.999999999Z",
    "+275760-09-13T00:00:00Z",
    "-0001-01-01T00:00:00Z",
    "1969-12-31T23:59:59Z",
    "1970-01-01T00:00:00Z",
    "2262-04-11T23:47:16.854775807Z",
    "2024-01-02T10:00:00+14:00",
    "2024-01-02T10:00:00-23:59",
    "2024-01-02T10:00:00+24:00",
    "2024-01-02T10:00:00.1234567891234Z",
    "2024-01-02 10:00:00",
    "2024-01-02",
    "2024-01-02t10:00:00z",
    "yesterday",
    "",
];

const STATUSES: &[&str] = &[
    "open",
    "planned",
    "started",
    "completed",
    "declined",
    "duplicate",
    "OPEN",
    " Declined ",
    "someday",
    "",
    "duplicate\0",
];

const NAMES: &[&str] = &[
    "Alice",
    "Owner",
    "Mia 产品经理",
    "小王",
    "",
    " ",
    "=cmd|' /C calc'!A0",
    "<script>alert(1)</script>",
    "\u{202E}evil",
    "a\u{0}b",
    "ALICE",
    "Alice ",
    "0123456789012345678901234567890123456789",
    "01234567890123456789012345678901234567890",
];

const TAGS: &[&str] = &[
    "app, ui",
    ",,,",
    "a,b,c,d,e,f,g,h,i",
    "a,a,a",
    "123456789012345678901234",
    "1234567890123456789012345",
    "<b>x</b>",
    "燕麦, 植物奶",
    "#tag",
    "-promo",
    "  ",
];

/// Lengths around the limits (title 4..=120, note 5 000, body 20 000).
const LENGTHS: &[usize] = &[3, 4, 120, 121, 5_000, 5_001, 20_000, 20_001];

/// A value for any field: usually one shaped like some column, else hostile text.
fn field_value() -> impl Strategy<Value = String> {
    prop_oneof![
        2 => select(NUMBERS).prop_map(str::to_string),
        2 => select(DATES).prop_map(str::to_string),
        2 => select(STATUSES).prop_map(str::to_string),
        2 => select(NAMES).prop_map(str::to_string),
        1 => select(TAGS).prop_map(str::to_string),
        1 => (select(LENGTHS), select(&["x", "燕", "*", "<"][..])).prop_map(|(n, c)| c.repeat(n)),
        4 => hostile::short_text(8, 400),
    ]
}

#[derive(Debug, Clone)]
enum Edit {
    /// Row 0 is the header.
    Field(Index, Index, String),
    DuplicateRow(Index),
    DeleteRow(Index),
    SwapRows(Index, Index),
    AddColumn(String),
    DeleteColumn(Index),
    /// A row with fewer or more fields than the header.
    Ragged(Index, i8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        8 => (any::<Index>(), any::<Index>(), field_value())
            .prop_map(|(r, c, v)| Edit::Field(r, c, v)),
        1 => any::<Index>().prop_map(Edit::DuplicateRow),
        1 => any::<Index>().prop_map(Edit::DeleteRow),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Edit::SwapRows(a, b)),
        1 => select(&["number", "title", "status", "TITLE", " tags ", "extra", ""][..])
            .prop_map(|n| Edit::AddColumn(n.to_string())),
        1 => any::<Index>().prop_map(Edit::DeleteColumn),
        1 => (any::<Index>(), -3i8..4).prop_map(|(r, n)| Edit::Ragged(r, n)),
    ]
}

fn records(text: &str) -> Vec<Vec<String>> {
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.expect("seed").iter().map(str::to_string).collect())
        .collect()
}

fn apply(rows: &mut Vec<Vec<String>>, edit: &Edit) {
    let n = rows.len();
    match edit {
        Edit::Field(r, c, value) if n > 0 => {
            let row = &mut rows[r.index(n)];
            if !row.is_empty() {
                let c = c.index(row.len());
                row[c] = value.clone();
            }
        }
        Edit::DuplicateRow(r) if n > 0 => {
            let row = rows[r.index(n)].clone();
            rows.insert(r.index(n), row);
        }
        Edit::DeleteRow(r) if n > 0 => {
            rows.remove(r.index(n));
        }
        Edit::SwapRows(a, b) if n > 0 => rows.swap(a.index(n), b.index(n)),
        Edit::AddColumn(name) => {
            for (k, row) in rows.iter_mut().enumerate() {
                row.push(if k == 0 { name.clone() } else { "1".into() });
            }
        }
        Edit::DeleteColumn(c) => {
            for row in rows.iter_mut().filter(|r| !r.is_empty()) {
                let c = c.index(row.len());
                row.remove(c);
            }
        }
        Edit::Ragged(r, by) if n > 0 => {
            let row = &mut rows[r.index(n)];
            if *by < 0 {
                row.truncate(row.len().saturating_sub(by.unsigned_abs() as usize));
            } else {
                row.extend((0..*by).map(|_| String::new()));
            }
        }
        _ => {}
    }
}

/// The records as a file: quoted by the `csv` writer, or joined naively (so a
/// value's commas, quotes and newlines break the layout), with `\n` or `\r\n`.
fn write(rows: &[Vec<String>], quoted: bool, crlf: bool, bom: bool) -> Vec<u8> {
    let mut out = Vec::new();
    if bom {
        out.extend_from_slice("\u{feff}".as_bytes());
    }
    if quoted {
        let terminator = if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        };
        let mut w = csv::WriterBuilder::new()
            .flexible(true)
            .terminator(terminator)
            .from_writer(&mut out);
        for row in rows {
            w.write_record(row).expect("write");
        }
        w.flush().expect("flush");
    } else {
        for row in rows {
            out.extend_from_slice(row.join(",").as_bytes());
            out.extend_from_slice(if crlf { b"\r\n" } else { b"\n" });
        }
    }
    out
}

fn file() -> impl Strategy<Value = File> {
    let seeds = seeds();
    (
        0..seeds.len(),
        prop::collection::vec(edit(), 0..5),
        (prop::bool::weighted(0.85), any::<bool>(), any::<bool>()),
        mutate::damage(),
    )
        .prop_map(
            move |(seed, edits, (quoted, crlf, bom), damage): (_, _, _, Vec<Damage>)| {
                let mut rows = records(&seeds[seed]);
                for e in &edits {
                    apply(&mut rows, e);
                }
                File(mutate::apply(write(&rows, quoted, crlf, bom), &damage))
            },
        )
}

/// Random bytes, and random hostile text, as a file.
fn noise() -> impl Strategy<Value = File> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512).prop_map(File),
        hostile::text(20).prop_map(|t| File(format!("{HEADER}{t}").into_bytes())),
    ]
}

/// A board with an admin (who imports), a fan named Alice and a moderator named
/// Mia 产品经理, so authors and responders are found by name as well as created.
fn board() -> (Board, Actor) {
    let (mut board, owner) = new_board(T0);
    add_fan(&mut board, "Alice", T0);
    add_team(&mut board, &owner, "Mia 产品经理", Role::Moderator, T0);
    (board, owner.actor)
}

#[test]
fn every_seed_imports() {
    Target::new(board).assert_every_seed_imports(ImportFormat::FiderCsv, seeds());
}

#[test]
fn mutated_fider_files_import_whole_or_not_at_all() {
    let target = Target::new(board);
    let strategy = prop_oneof![9 => file(), 1 => noise()];
    fuzz("fider_csv", strategy, |file| {
        target.import(ImportFormat::FiderCsv, &file).map(|_| ())
    });
    target.tally.print("fider_csv");
}
