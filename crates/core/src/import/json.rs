//! Restore of a JSON bundle (docs/export-json.md) into an empty board.
//!
//! Decision: a bundle is a board, so it imports only into a board that has no
//! ideas, categories, tags, points history, audit log or notifications yet (a new
//! board with its owner, and perhaps other profiles). Members of the bundle that
//! the board already has (same id) are kept as they are, passphrase included; the
//! others are created without a passphrase (the bundle carries none). Board
//! settings, idea numbers and every history come from the bundle; what the board
//! derives is recounted. The import writes no audit entry of its own: the restored
//! audit log is the bundle's, verbatim.
//!
//! The bundle streams through ([`super::json_stream`]): each record is checked as
//! it arrives and, while no problem has been found, written at once in the
//! caller's transaction. After the first problem nothing more is written but the
//! checking goes on, so every problem is listed; a bundle with any problem returns
//! `ImportRejected` and the caller's transaction rolls back, leaving the board as
//! it was. Memory holds the ids seen (to check references), never the content.

use std::collections::{HashMap, HashSet};

use rusqlite::{Connection, params};
use serde::de::DeserializeSeed;

use super::json_stream::{BundleSeed, BundleSink, Record};
use super::{Problems, reason};
use crate::clock::Timestamp;
use crate::model::bundle::*;
use crate::model::{ImportProblem, ImportReport};
use crate::rules;
use crate::store::import::{self as store, Inserts};
use crate::{Error, Result};

/// The state of one restore: the inserts, the ids seen so far, the problems.
pub(crate) struct Restorer<'c> {
    pub(super) conn: &'c Connection,
    pub(super) ins: Inserts<'c>,
    pub(super) problems: Problems,
    pub(super) report: ImportReport,
    format: Option<bool>,
    version: Option<bool>,
    /// The head was wrong or missing: nothing after it is read as a bundle.
    dead: bool,
    fatal: Option<Error>,
    pub(super) members: HashMap<u128, i64>,
    pub(super) categories: HashMap<String, i64>,
    pub(super) tags: HashMap<String, i64>,
    pub(super) ideas: HashSet<i64>,
    pub(super) merges: Vec<(usize, i64)>,
    /// Comment id to (key, idea).
    pub(super) comments: HashMap<u128, (i64, i64)>,
    pub(super) notices: HashSet<i64>,
}

/// Restores the bundle `input` into the board of `conn` (inside the caller's
/// transaction, which must roll back on an error).
pub(crate) fn restore(conn: &Connection, input: impl std::io::Read) -> Result<ImportReport> {
    let previous = store::widen_cache(conn)?;
    let result = stream(conn, input);
    store::restore_cache(conn, previous)?;
    result
}

fn stream(conn: &Connection, input: impl std::io::Read) -> Result<ImportReport> {
    let mut restorer = Restorer::new(conn)?;
    let mut reader = serde_json::Deserializer::from_reader(std::io::BufReader::new(input));
    let parsed = BundleSeed {
        restorer: &mut restorer,
    }
    .deserialize(&mut reader)
    .and_then(|()| reader.end());
    if let Some(e) = restorer.fatal.take() {
        return Err(e);
    }
    if let Err(e) = parsed {
        restorer.problems.push(ImportProblem {
            line: e.line() as u64,
            record: String::new(),
            message: format!("not a readable Ideaboard JSON bundle: {e}"),
        });
    }
    restorer.finish()
}

impl<'c> Restorer<'c> {
    fn new(conn: &'c Connection) -> Result<Self> {
        if let Some(what) = store::first_content(conn)? {
            return Err(Error::BoardNotEmpty { what });
        }
        Ok(Restorer {
            conn,
            ins: Inserts::new(conn)?,
            problems: Problems::default(),
            report: ImportReport::default(),
            format: None,
            version: None,
            dead: false,
            fatal: None,
            members: HashMap::new(),
            categories: HashMap::new(),
            tags: HashMap::new(),
            ideas: HashSet::new(),
            merges: Vec::new(),
            comments: HashMap::new(),
            notices: HashSet::new(),
        })
    }

    /// Whether records can be read: the head came first and is this version.
    fn ready(&mut self) -> bool {
        if self.dead {
            return false;
        }
        if self.format == Some(true) && self.version == Some(true) {
            return true;
        }
        if self.format.is_none() || self.version.is_none() {
            self.problems.record(
                "format",
                "the file must begin with format \"ideaboard-board\" and its version",
            );
        }
        self.dead = true;
        false
    }

    /// Whether records are still written (no problem found yet).
    pub(super) fn writing(&self) -> bool {
        self.problems.is_empty()
    }

    pub(super) fn bad(&mut self, table: &str, index: usize, message: impl Into<String>) {
        self.problems.record(format!("{table}[{index}]"), message);
    }

    pub(super) fn check<T>(&mut self, table: &str, index: usize, result: Result<T>) {
        if let Err(e) = result {
            self.bad(table, index, reason(&e));
        }
    }

    pub(super) fn time(&mut self, table: &str, index: usize, text: &str) -> i64 {
        match Timestamp::parse_rfc3339(text) {
            Ok(t) => t.millis(),
            Err(e) => {
                self.bad(table, index, reason(&e));
                0
            }
        }
    }

    /// The key of a member of the file; 0 (and a problem) for one not in it.
    pub(super) fn member(&mut self, table: &str, index: usize, id: &str) -> i64 {
        let seq = crate::ids::parse_id(id)
            .ok()
            .and_then(|u| self.members.get(&u.as_u128()).copied());
        seq.unwrap_or_else(|| {
            self.bad(table, index, format!("member {id} is not in the file"));
            0
        })
    }

    pub(super) fn idea(&mut self, table: &str, index: usize, number: i64) {
        if !self.ideas.contains(&number) {
            self.bad(table, index, format!("idea #{number} is not in the file"));
        }
    }

    /// The (key, idea) of a comment of the file.
    pub(super) fn comment(&mut self, table: &str, index: usize, id: &str) -> Option<(i64, i64)> {
        let found = crate::ids::parse_id(id)
            .ok()
            .and_then(|u| self.comments.get(&u.as_u128()).copied());
        if found.is_none() {
            self.bad(table, index, format!("comment {id} is not in the file"));
        }
        found
    }

    /// Runs an insert; a row that breaks a uniqueness rule is a problem of the file.
    pub(super) fn insert(
        &mut self,
        table: &str,
        index: usize,
        result: rusqlite::Result<usize>,
    ) -> Result<()> {
        match result {
            Ok(_) => Ok(()),
            Err(rusqlite::Error::SqliteFailure(e, message))
                if e.code == rusqlite::ErrorCode::ConstraintViolation =>
            {
                let why = message.unwrap_or_default();
                self.bad(
                    table,
                    index,
                    format!("conflicts with an earlier record ({why})"),
                );
                Ok(())
            }
            Err(e) => Err(e.into()),
        }
    }

    /// After the last record: references that may point forward, then either every
    /// problem or the recount of what the board derives.
    fn finish(mut self) -> Result<ImportReport> {
        if !self.dead && (self.format.is_none() || self.version.is_none()) {
            self.problems.record(
                "format",
                "not an Ideaboard JSON bundle: no format or version",
            );
        }
        for (i, to) in std::mem::take(&mut self.merges) {
            if !self.ideas.contains(&to) {
                self.bad(
                    "ideas",
                    i,
                    format!("merged into #{to}, which is not in the file"),
                );
            }
        }
        let Restorer {
            conn,
            ins,
            problems,
            report,
            ..
        } = self;
        problems.into_result()?;
        // The prepared inserts end here; the paused totals are kept again below.
        let store::Inserts { paused_totals, .. } = ins;
        store::recount_restored(conn, &paused_totals)?;
        Ok(report)
    }
}

/// The parts of the bundle as they stream in: checked, and written while no problem
/// has been found.
impl BundleSink for Restorer<'_> {
    fn fail(&mut self, e: Error) {
        self.fatal = Some(e);
    }

    fn format(&mut self, format: &str) {
        let ok = format == FORMAT;
        if !ok {
            self.problems
                .record("format", format!("expected {FORMAT:?}, found {format:?}"));
        }
        self.format = Some(ok);
    }

    fn version(&mut self, version: u32) {
        let ok = version == VERSION;
        if !ok {
            self.problems.record(
                "version",
                format!("this build reads version {VERSION}, the file is version {version}"),
            );
        }
        self.version = Some(ok);
    }

    fn misplaced(&mut self, table: &str) {
        self.problems.record(
            table,
            "the tables must come in the documented order (docs/export-json.md)",
        );
    }

    fn unknown_key(&mut self, key: &str) {
        self.problems
            .record(key, "not a field of a version 1 bundle");
    }

    fn board(&mut self, b: BoardRecord) -> Result<()> {
        if !self.ready() {
            return Ok(());
        }
        let name = rules::display_name(&b.name).map(|_| ());
        self.check("board", 0, name);
        if !matches!(b.default_locale.as_str(), "zh-CN" | "en") {
            self.bad("board", 0, format!("unknown locale {:?}", b.default_locale));
        }
        let created = self.time("board", 0, &b.created_at);
        if self.writing() {
            let done = self.ins.board.execute(params![
                b.name,
                b.vote_budget,
                b.support_threshold,
                b.default_locale,
                b.edit_grace_minutes,
                created
            ]);
            self.insert("board", 0, done)?;
        }
        Ok(())
    }

    fn record(&mut self, index: usize, record: Record) -> Result<()> {
        if !self.ready() {
            return Ok(());
        }
        match record {
            Record::Member(r) => self.add_member(index, r),
            Record::Category(r) => self.add_category(index, r),
            Record::Tag(r) => self.add_tag(index, r),
            Record::Idea(r) => self.add_idea(index, r),
            Record::Vote(r) => self.add_vote(index, r),
            Record::Comment(r) => self.add_comment(index, r),
            Record::Reaction(r) => self.add_reaction(index, r),
            Record::Change(r) => self.add_change(index, r),
            Record::Follow(r) => self.add_follow(index, r),
            Record::PastFollow(r) => self.add_past_follow(index, r),
            Record::Notice(r) => self.add_notice(index, r),
            Record::NoticeRead(r) => self.add_notice_read(index, r),
            Record::NoticeMark(r) => self.add_notice_mark(index, r),
            Record::Points(r) => self.add_points(index, r),
            Record::Audit(r) => self.add_audit(index, r),
            Record::Report(r) => self.add_report(index, r),
        }
    }
}
