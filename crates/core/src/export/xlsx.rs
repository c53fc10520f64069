//! XLSX: sheets ideas, votes, comments and status history, with typed columns
//! (numbers as numbers, times as Excel dates), a frozen header row and an
//! autofilter. Sheets are written in rust_xlsxwriter's constant-memory mode (rows
//! go to a temporary file as they come), so memory stays flat; a table longer
//! than Excel's 1,048,576 rows continues on a sheet named "votes 2" and so on.

use std::io::Write;

use rusqlite::Connection;
use rust_xlsxwriter::{Format, Workbook, XlsxError};

use super::Progress;
use super::cells::{neutralise, plain_text};
use crate::clock::Timestamp;
use crate::store::export::{self, IdeaOrder, IdeaScope};
use crate::{Error, Result};

/// Rows per sheet, header included: Excel's limit.
const MAX_ROWS: u32 = 1_048_576;
/// Deflate level of the zip container: the fastest. Level 6 (the default) spent
/// a quarter of a 150,000-idea export compressing (22.6 s against 17.7 s on the
/// scale board), for a file a third smaller (137 MB against 208 MB).
const ZIP_LEVEL: u8 = 1;
/// Days from Excel's epoch (1899-12-30) to the Unix epoch.
const EXCEL_UNIX_EPOCH_DAYS: f64 = 25_569.0;

fn xlsx_error(e: XlsxError) -> Error {
    match e {
        XlsxError::IoError(e) => Error::from(e),
        other => Error::Internal(format!("xlsx: {other}")),
    }
}

/// A cell value of a typed column.
pub(crate) enum Cell<'a> {
    Text(&'a str),
    Number(f64),
    Time(Timestamp),
    Empty,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(s: &'a str) -> Self {
        Cell::Text(s)
    }
}

/// Writes one logical table over as many sheets as it needs.
struct Sheets<'w> {
    book: &'w mut Workbook,
    name: &'static str,
    header: &'static [&'static str],
    index: usize,
    part: u32,
    row: u32,
    bold: Format,
    date: Format,
}

impl<'w> Sheets<'w> {
    fn new(
        book: &'w mut Workbook,
        name: &'static str,
        header: &'static [&'static str],
    ) -> Result<Self> {
        let mut sheets = Sheets {
            book,
            name,
            header,
            index: 0,
            part: 0,
            row: 0,
            bold: Format::new().set_bold(),
            date: Format::new().set_num_format("yyyy-mm-dd hh:mm:ss"),
        };
        sheets.next_sheet()?;
        Ok(sheets)
    }

    fn next_sheet(&mut self) -> Result<()> {
        if self.part > 0 {
            self.close()?;
        }
        self.part += 1;
        let name = if self.part == 1 {
            self.name.to_string()
        } else {
            format!("{} {}", self.name, self.part)
        };
        let sheet = self
            .book
            .add_worksheet_with_constant_memory()
            .map_err(xlsx_error)?;
        sheet.set_name(name).map_err(xlsx_error)?;
        sheet.set_freeze_panes(1, 0).map_err(xlsx_error)?;
        for (col, title) in self.header.iter().enumerate() {
            sheet
                .write_string_with_format(0, col as u16, *title, &self.bold)
                .map_err(xlsx_error)?;
        }
        self.index = self.book.worksheets().len() - 1;
        self.row = 1;
        Ok(())
    }

    fn row(&mut self, cells: &[Cell<'_>]) -> Result<()> {
        if self.row == MAX_ROWS {
            self.next_sheet()?;
        }
        let row = self.row;
        let date = self.date.clone();
        let sheet = self
            .book
            .worksheet_from_index(self.index)
            .map_err(xlsx_error)?;
        for (col, cell) in cells.iter().enumerate() {
            let col = col as u16;
            match cell {
                Cell::Text(s) if !s.is_empty() => {
                    sheet
                        .write_string(row, col, neutralise(s))
                        .map_err(xlsx_error)?;
                }
                Cell::Number(n) => {
                    sheet.write_number(row, col, *n).map_err(xlsx_error)?;
                }
                Cell::Time(t) => {
                    let days =
                        t.millis() as f64 / Timestamp::MS_PER_DAY as f64 + EXCEL_UNIX_EPOCH_DAYS;
                    sheet
                        .write_number_with_format(row, col, days, &date)
                        .map_err(xlsx_error)?;
                }
                Cell::Text(_) | Cell::Empty => {}
            }
        }
        self.row += 1;
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        let last_col = self.header.len() as u16 - 1;
        let last_row = self.row - 1;
        let sheet = self
            .book
            .worksheet_from_index(self.index)
            .map_err(xlsx_error)?;
        sheet
            .autofilter(0, 0, last_row, last_col)
            .map_err(xlsx_error)?;
        for col in 0..=last_col {
            sheet.set_column_width(col, 16).map_err(xlsx_error)?;
        }
        Ok(())
    }
}

fn time(t: Option<Timestamp>) -> Cell<'static> {
    t.map_or(Cell::Empty, Cell::Time)
}

fn number(n: Option<i64>) -> Cell<'static> {
    n.map_or(Cell::Empty, |n| Cell::Number(n as f64))
}

const IDEAS: &[&str] = &[
    "number",
    "title",
    "body",
    "category",
    "tags",
    "status",
    "votes",
    "votes critical",
    "votes important",
    "votes nice to have",
    "comments",
    "author",
    "created",
    "last status change",
    "official answer",
    "merged into",
    "link id",
];
const VOTES: &[&str] = &["idea", "member", "priority", "voted at"];
const COMMENTS: &[&str] = &[
    "idea",
    "comment id",
    "reply to",
    "author",
    "kind",
    "body",
    "posted",
    "edited",
];
const HISTORY: &[&str] = &["idea", "title", "from", "to", "by", "note", "at"];

pub(crate) fn write<W: Write + Send>(
    conn: &Connection,
    scope: &IdeaScope,
    internal: bool,
    out: W,
    progress: &mut Progress<'_>,
) -> Result<()> {
    let mut book = Workbook::new();
    book.set_zip_compression_level(ZIP_LEVEL);
    {
        let mut sheet = Sheets::new(&mut book, "ideas", IDEAS)?;
        export::each_idea(conn, scope, IdeaOrder::Number, |i| {
            let body = plain_text(&i.body);
            let answer = i.answer.as_deref().map(plain_text).unwrap_or_default();
            sheet.row(&[
                Cell::Number(i.number as f64),
                i.title.as_str().into(),
                body.as_str().into(),
                i.category.as_deref().unwrap_or("").into(),
                i.tags.as_str().into(),
                i.status.as_str().into(),
                Cell::Number(i.votes as f64),
                Cell::Number(i.critical as f64),
                Cell::Number(i.important as f64),
                Cell::Number(i.nice_to_have as f64),
                Cell::Number(i.comments as f64),
                i.author.as_str().into(),
                Cell::Time(i.created_at),
                time(i.last_change),
                answer.as_str().into(),
                number(i.merged_into),
                i.id.as_str().into(),
            ])?;
            progress.tick()?;
            Ok(true)
        })?;
        sheet.close()?;
    }
    {
        let mut sheet = Sheets::new(&mut book, "votes", VOTES)?;
        export::each_vote(conn, scope, |v| {
            sheet.row(&[
                Cell::Number(v.idea as f64),
                v.member.as_str().into(),
                v.priority.as_str().into(),
                Cell::Time(v.at),
            ])?;
            Ok(true)
        })?;
        sheet.close()?;
    }
    {
        let mut sheet = Sheets::new(&mut book, "comments", COMMENTS)?;
        export::each_comment(conn, scope, internal, |c| {
            let body = plain_text(&c.body);
            sheet.row(&[
                Cell::Number(c.idea as f64),
                c.id.as_str().into(),
                c.parent.as_deref().unwrap_or("").into(),
                c.author.as_str().into(),
                c.kind.as_str().into(),
                body.as_str().into(),
                Cell::Time(c.at),
                time(c.edited),
            ])?;
            Ok(true)
        })?;
        sheet.close()?;
    }
    {
        let mut sheet = Sheets::new(&mut book, "status history", HISTORY)?;
        export::each_change(conn, scope, (i64::MIN, i64::MAX), |s| {
            let note = s.note.as_deref().map(plain_text).unwrap_or_default();
            sheet.row(&[
                Cell::Number(s.idea as f64),
                s.title.as_str().into(),
                s.from.as_deref().unwrap_or("").into(),
                s.to.as_str().into(),
                s.actor.as_str().into(),
                note.as_str().into(),
                Cell::Time(s.at),
            ])?;
            Ok(true)
        })?;
        sheet.close()?;
    }
    book.save_to_writer(out).map_err(xlsx_error)
}
