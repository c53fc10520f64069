//! Fuzz target: the restore of a JSON bundle into an empty board. Valid bundles
//! (the golden export, and the internal export of the export fixture with
//! reactions, a report and read notices added) hold one record per line; records
//! are parsed, given wrong types, huge numbers, bad dates, unknown enum values,
//! dangling or duplicated ids and hostile text, lines are duplicated, dropped or
//! moved, and the file is sometimes damaged byte by byte. Each file goes through
//! [`import_outcome`](crate::import_outcome): all or nothing, never a panic.

use ideaboard_core::model::{
    ContentKind, ContentRef, ExportFilter, ExportFormat, ExportRequest, ImportFormat, ListQuery,
    NewReport, Reaction,
};
use ideaboard_core::{Actor, Board, ops};
use proptest::prelude::*;
use proptest::sample::{Index, select};
use serde_json::{Value, json};

use crate::exchange_fixture::ExportFixture;
use crate::harness::fuzz;
use crate::hostile;
use crate::import_outcome::{File, Target};
use crate::mutate::{self, Damage};
use crate::support::{T0, new_board};

const GOLDEN: &str = include_str!("../golden/board.json");

/// The export fixture with what its golden export lacks (a reaction, a report,
/// notices read and marked), exported whole: internal notes, merged ideas.
fn rich_bundle() -> String {
    let mut fx = ExportFixture::new();
    let (admin, fan, now) = (fx.admin.actor.clone(), fx.fan.actor.clone(), fx.now);
    let all = ListQuery {
        include_hidden: true,
        limit: 200,
        ..ListQuery::default()
    };
    let ideas = ops::list_ideas(&fx.board, &admin, &all)
        .expect("list")
        .items;
    let first = &ideas.iter().find(|i| i.number == 1).expect("idea #1").id;
    let thread = ops::list_comments(&fx.board, &admin, first).expect("thread");
    ops::react(
        &mut fx.board,
        &fan,
        &thread[0].id,
        Reaction::Love,
        true,
        now,
    )
    .expect("react");
    let report = NewReport {
        target: ContentRef {
            kind: ContentKind::Comment,
            id: thread[0].id.clone(),
        },
        reason: "Off topic <b>really</b>".into(),
    };
    ops::report_content(&mut fx.board, &fan, &report, now).expect("report");
    ops::mark_notifications_read(&mut fx.board, &fan, None, now).expect("read");
    let request = ExportRequest {
        format: ExportFormat::Json,
        filter: ExportFilter {
            include_merged: true,
            ..ExportFilter::default()
        },
        include_internal: true,
    };
    let mut out = Vec::new();
    ops::export(&fx.board, &admin, &request, now, &mut out, &mut |_, _| true).expect("export");
    String::from_utf8(out).expect("UTF-8")
}

fn seeds() -> Vec<String> {
    vec![GOLDEN.to_string(), rich_bundle()]
}

const WORDS: &[&str] = &[
    "new",
    "under_review",
    "planned",
    "in_progress",
    "launched",
    "declined",
    "merged",
    "someday",
    "critical",
    "important",
    "nice_to_have",
    "urgent",
    "admin",
    "moderator",
    "fan",
    "owner",
    "public",
    "official",
    "internal",
    "reply",
    "status_changed",
    "official_answer",
    "like",
    "love",
    "idea_submitted",
    "vote_cast",
    "idea",
    "comment",
    "zh-CN",
    "en",
    "fr",
    "ideaboard-board",
    "drinks",
    "stores",
    "燕麦",
    "not-a-uuid",
    "00000000-0000-0000-0000-000000000000",
    "01a0c450-6c00-7b43-9723-345365283a29",
    "01A0C450-6C00-7B43-9723-345365283A29",
    "{01a0c450-6c00-7b43-9723-345365283a29}",
    "01a0c4506c007b439723345365283a29",
    "2f1e5ad0-3c8b-4f6e-9b7a-0d2c4e6f8a1b",
    "2026-09-21T14:13:20.000Z",
    "2026-09-21T14:13:20Z",
    "2026-02-30T14:13:20.000Z",
    "0000-01-01T00:00:00.000Z",
    "9999-12-31T23:59:59.999Z",
    "+275760-09-13T00:00:00.000Z",
    "-000001-01-01T00:00:00.000Z",
    "1969-12-31T23:59:59.999Z",
    "2026-09-21T14:13:20.000+14:00",
    "2026-09-21",
    "",
];

/// Raw JSON text for a value: what `serde_json::Value` cannot hold or write.
const RAW: &[&str] = &[
    "1e999",
    "-1e999",
    "-0",
    "01",
    "1.0",
    "1E2",
    "\"\\ud800\"",
    "\"\\udc00x\"",
    "\"\\u0000\"",
    "\"a\\\"b\"",
    "NaN",
    "Infinity",
    "undefined",
    "'single'",
    "[1,]",
    "{\"a\":1,}",
    "\"unterminated",
];

/// A value for any field of any record.
fn value() -> impl Strategy<Value = Value> {
    let fixed = select(vec![
        Value::Null,
        json!(true),
        json!(false),
        json!(0),
        json!(-1),
        json!(1),
        json!(2),
        json!(3),
        json!(7),
        json!(8),
        json!(1.5),
        json!(-0.0),
        json!(1e308),
        json!(-1e308),
        json!(u64::MAX),
        json!(i64::MAX),
        json!(i64::MIN),
        json!(i64::MAX as u64 + 1),
        json!(u32::MAX),
        json!(u32::MAX as u64 + 1),
        json!(1e19),
        json!([]),
        json!({}),
        json!([1, 2]),
        json!({"a": 1}),
        json!(["燕麦", "燕麦"]),
        json!(["a", "b", "c", "d", "e", "f", "g", "h", "i"]),
        json!([null]),
    ]);
    prop_oneof![
        3 => fixed,
        3 => select(WORDS).prop_map(|w| json!(w)),
        3 => hostile::short_text(8, 400).prop_map(Value::String),
        1 => (select(&[4usize, 120, 121, 5_001, 10_001, 20_001][..]), select(&["x", "燕"][..]))
            .prop_map(|(n, c)| Value::String(c.repeat(n))),
    ]
}

/// A placeholder string swapped for raw JSON text after serialisation.
const RAW_MARK: &str = "\u{E000}raw\u{E000}";

#[derive(Debug, Clone)]
enum Edit {
    /// A field of a record (one line) set to a value.
    Field(Index, Index, Value),
    /// A field set to raw JSON text, valid or not.
    RawField(Index, Index, &'static str),
    /// A field set to a string value found elsewhere in the file (an id, a date).
    Borrowed(Index, Index, Index),
    DropField(Index, Index),
    AddField(Index, &'static str, Value),
    DuplicateLine(Index),
    DeleteLine(Index),
}

fn edit() -> impl Strategy<Value = Edit> {
    let key = select(&["hidden", "id", "number", "extra", "createdAt", "idea", ""][..]);
    prop_oneof![
        6 => (any::<Index>(), any::<Index>(), value()).prop_map(|(l, k, v)| Edit::Field(l, k, v)),
        1 => (any::<Index>(), any::<Index>(), select(RAW))
            .prop_map(|(l, k, r)| Edit::RawField(l, k, r)),
        3 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(l, k, s)| Edit::Borrowed(l, k, s)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(l, k)| Edit::DropField(l, k)),
        1 => (any::<Index>(), key, value()).prop_map(|(l, k, v)| Edit::AddField(l, k, v)),
        2 => any::<Index>().prop_map(Edit::DuplicateLine),
        1 => any::<Index>().prop_map(Edit::DeleteLine),
    ]
}

/// One editable line of the file: a record (`{...},`), the board (`"board":
/// {...},`) or a head field (`"format": "ideaboard-board",`, edited as a one-key
/// object).
struct Line {
    indent: String,
    /// `"board": ` before the object; empty for a record.
    prefix: String,
    object: serde_json::Map<String, Value>,
    comma: bool,
    head: bool,
}

fn parse_line(line: &str) -> Option<Line> {
    let trimmed = line.trim_start();
    let indent = line[..line.len() - trimmed.len()].to_string();
    let (body, comma) = match trimmed.strip_suffix(',') {
        Some(b) => (b, true),
        None => (trimmed, false),
    };
    let line = |prefix: String, object: serde_json::Map<String, Value>, head| Line {
        indent: indent.clone(),
        prefix,
        object,
        comma,
        head,
    };
    if body.starts_with('{') {
        let object = serde_json::from_str::<Value>(body)
            .ok()?
            .as_object()?
            .clone();
        return Some(line(String::new(), object, false));
    }
    let wrapped = serde_json::from_str::<Value>(&format!("{{{body}}}")).ok()?;
    let (key, value) = wrapped.as_object()?.iter().next()?;
    match value {
        Value::Object(inner) => Some(line(format!("{}: ", json!(key)), inner.clone(), false)),
        Value::Array(_) => None,
        _ => Some(line(String::new(), wrapped.as_object()?.clone(), true)),
    }
}

fn write_line(line: &Line, raw: Option<&str>) -> String {
    let mut text = serde_json::to_string(&line.object).expect("JSON");
    if line.head {
        text = text[1..text.len() - 1].to_string();
    }
    if let Some(raw) = raw {
        text = text.replace(&format!("\"{RAW_MARK}\""), raw);
    }
    let comma = if line.comma { "," } else { "" };
    format!("{}{}{text}{comma}", line.indent, line.prefix)
}

/// Every string value of the records, to borrow ids and dates from.
fn strings_of(text: &str) -> Vec<String> {
    text.lines()
        .filter_map(parse_line)
        .flat_map(|l| l.object.into_iter().map(|(_, v)| v))
        .filter_map(|v| v.as_str().map(str::to_string))
        .collect()
}

fn apply(lines: &mut Vec<String>, strings: &[String], edit: &Edit) {
    let n = lines.len();
    if n == 0 {
        return;
    }
    let set = |lines: &mut Vec<String>, l: &Index, k: &Index, v: Value, raw: Option<&str>| {
        let at = l.index(n);
        if let Some(mut line) = parse_line(&lines[at])
            && !line.object.is_empty()
        {
            let key = line.object.keys().nth(k.index(line.object.len())).cloned();
            if let Some(key) = key {
                line.object.insert(key, v);
                lines[at] = write_line(&line, raw);
            }
        }
    };
    match edit {
        Edit::Field(l, k, v) => set(lines, l, k, v.clone(), None),
        Edit::RawField(l, k, raw) => set(lines, l, k, json!(RAW_MARK), Some(raw)),
        Edit::Borrowed(l, k, s) if !strings.is_empty() => {
            let v = json!(strings[s.index(strings.len())]);
            set(lines, l, k, v, None);
        }
        Edit::Borrowed(..) => {}
        Edit::DropField(l, k) => {
            let at = l.index(n);
            if let Some(mut line) = parse_line(&lines[at])
                && !line.head
                && !line.object.is_empty()
            {
                let key = line.object.keys().nth(k.index(line.object.len())).cloned();
                line.object.remove(&key.expect("key"));
                lines[at] = write_line(&line, None);
            }
        }
        Edit::AddField(l, key, v) => {
            let at = l.index(n);
            if let Some(mut line) = parse_line(&lines[at])
                && !line.head
            {
                line.object.insert(key.to_string(), v.clone());
                lines[at] = write_line(&line, None);
            }
        }
        Edit::DuplicateLine(l) => {
            let at = l.index(n);
            let copy = lines[at].clone();
            lines.insert(at, copy);
        }
        Edit::DeleteLine(l) => {
            lines.remove(l.index(n));
        }
    }
}

fn file() -> impl Strategy<Value = File> {
    let seeds: Vec<(Vec<String>, Vec<String>)> = seeds()
        .into_iter()
        .map(|s| (s.lines().map(str::to_string).collect(), strings_of(&s)))
        .collect();
    (
        0..seeds.len(),
        prop::collection::vec(edit(), 0..5),
        mutate::damage(),
    )
        .prop_map(move |(seed, edits, damage): (_, _, Vec<Damage>)| {
            let (lines, strings) = &seeds[seed];
            let mut lines = lines.clone();
            for e in &edits {
                apply(&mut lines, strings, e);
            }
            File(mutate::apply(lines.join("\n").into_bytes(), &damage))
        })
}

/// Random bytes, and random text after a valid head.
fn noise() -> impl Strategy<Value = File> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..512).prop_map(File),
        hostile::text(20).prop_map(|t| {
            File(format!("{{\"format\":\"ideaboard-board\",\"version\":1,{t}").into_bytes())
        }),
    ]
}

/// An empty board (its owner only: the bundles' admin has the same id).
fn board() -> (Board, Actor) {
    let (board, owner) = new_board(T0);
    (board, owner.actor)
}

#[test]
fn every_seed_imports() {
    Target::new(board).assert_every_seed_imports(ImportFormat::Json, seeds());
}

#[test]
fn mutated_bundles_restore_whole_or_not_at_all() {
    let target = Target::new(board);
    let strategy = prop_oneof![9 => file(), 1 => noise()];
    fuzz("json_bundle", strategy, |file| {
        target.import(ImportFormat::Json, &file).map(|_| ())
    });
    target.tally.print("json_bundle");
}
