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

use super::json_stream::BundleSeed;
use super::{Problems, reason};
use crate::clock::Timestamp;
use crate::export::bundle::*;
use crate::model::{IdeaStatus, ImportProblem, ImportReport, Role};
use crate::ops::validate;
use crate::render::{markdown_excerpt, markdown_to_safe_html};
use crate::store::import::{self as store, Inserts};
use crate::{Error, Result};

/// One record of one table, as parsed.
pub(crate) enum Record {
    Member(MemberRecord),
    Category(CategoryRecord),
    Tag(TagRecord),
    Idea(IdeaRecord),
    Vote(VoteRecord),
    Comment(CommentRecord),
    Reaction(ReactionRecord),
    Change(StatusChangeRecord),
    Follow(FollowRecord),
    PastFollow(PastFollowRecord),
    Notice(NoticeRecord),
    NoticeRead(NoticeReadRecord),
    NoticeMark(NoticeMarkRecord),
    Points(PointsRecord),
    Audit(AuditRecord),
}

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
    categories: HashMap<String, i64>,
    tags: HashMap<String, i64>,
    pub(super) ideas: HashSet<i64>,
    merges: Vec<(usize, i64)>,
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

    /// Keeps a storage error to return once serde has unwound.
    pub(super) fn fail(&mut self, e: Error) {
        self.fatal = Some(e);
    }

    pub(super) fn format(&mut self, format: &str) {
        let ok = format == FORMAT;
        if !ok {
            self.problems
                .record("format", format!("expected {FORMAT:?}, found {format:?}"));
        }
        self.format = Some(ok);
    }

    pub(super) fn version(&mut self, version: u32) {
        let ok = version == VERSION;
        if !ok {
            self.problems.record(
                "version",
                format!("this build reads version {VERSION}, the file is version {version}"),
            );
        }
        self.version = Some(ok);
    }

    pub(super) fn misplaced(&mut self, table: &str) {
        self.problems.record(
            table,
            "the tables must come in the documented order (docs/export-json.md)",
        );
    }

    pub(super) fn unknown_key(&mut self, key: &str) {
        self.problems
            .record(key, "not a field of a version 1 bundle");
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

    pub(super) fn board(&mut self, b: BoardRecord) -> Result<()> {
        if !self.ready() {
            return Ok(());
        }
        let name = validate::display_name(&b.name).map(|_| ());
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

    pub(super) fn record(&mut self, index: usize, record: Record) -> Result<()> {
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
        }
    }

    fn add_member(&mut self, i: usize, m: MemberRecord) -> Result<()> {
        const T: &str = "members";
        let key = crate::ids::parse_id(&m.id).map(|u| u.as_u128());
        let role = Role::parse(&m.role).map(|_| ());
        self.check(T, i, role);
        let name = validate::display_name(&m.display_name).map(|_| ());
        self.check(T, i, name);
        let joined = self.time(T, i, &m.joined_at);
        let key = match key {
            Ok(key) => key,
            Err(e) => {
                self.bad(T, i, reason(&e));
                return Ok(());
            }
        };
        if self.members.contains_key(&key) {
            self.bad(T, i, format!("member {} appears twice", m.id));
            return Ok(());
        }
        let mut seq = 0;
        if self.writing() {
            seq = match store::member_seq(self.conn, &m.id)? {
                Some(seq) => seq,
                None => {
                    let done =
                        self.ins
                            .member
                            .execute(params![m.id, m.display_name, m.role, joined]);
                    self.insert(T, i, done)?;
                    self.report.members_created += 1;
                    self.conn.last_insert_rowid()
                }
            };
        }
        self.members.insert(key, seq);
        Ok(())
    }

    fn add_category(&mut self, i: usize, c: CategoryRecord) -> Result<()> {
        if self.categories.contains_key(&c.slug) {
            self.bad(
                "categories",
                i,
                format!("category {} appears twice", c.slug),
            );
            return Ok(());
        }
        let mut seq = 0;
        if self.writing() {
            let done = self
                .ins
                .category
                .execute(params![c.slug, c.name, c.name_en, c.position]);
            self.insert("categories", i, done)?;
            seq = self.conn.last_insert_rowid();
        }
        self.categories.insert(c.slug, seq);
        Ok(())
    }

    fn add_tag(&mut self, i: usize, t: TagRecord) -> Result<()> {
        let key = t.name.to_lowercase();
        if t.name.trim().is_empty() || self.tags.contains_key(&key) {
            self.bad(
                "tags",
                i,
                format!("tag {:?} is empty or appears twice", t.name),
            );
            return Ok(());
        }
        let mut seq = 0;
        if self.writing() {
            let done = self.ins.tag.execute([&t.name]);
            self.insert("tags", i, done)?;
            seq = self.conn.last_insert_rowid();
        }
        self.tags.insert(key, seq);
        Ok(())
    }

    fn add_idea(&mut self, i: usize, r: IdeaRecord) -> Result<()> {
        const T: &str = "ideas";
        if r.number < 1 || !self.ideas.insert(r.number) {
            self.bad(
                T,
                i,
                format!("idea number {} is not positive or appears twice", r.number),
            );
        }
        let id = crate::ids::parse_id(&r.id).map(|_| ());
        self.check(T, i, id);
        let title = validate::title(&r.title).map(|_| ());
        self.check(T, i, title);
        let body = validate::body(&r.body).map(|_| ());
        self.check(T, i, body);
        let category = match &r.category {
            Some(slug) => match self.categories.get(slug) {
                Some(&seq) => Some(seq),
                None => {
                    self.bad(T, i, format!("category {slug} is not in the file"));
                    None
                }
            },
            None => None,
        };
        let mut tags = Vec::with_capacity(r.tags.len());
        for t in &r.tags {
            match self.tags.get(&t.to_lowercase()) {
                Some(&seq) => tags.push(seq),
                None => self.bad(T, i, format!("tag {t:?} is not in the file")),
            }
        }
        let author = self.member(T, i, &r.author);
        let status = IdeaStatus::parse(&r.status).map(|_| ());
        self.check(T, i, status);
        let created = self.time(T, i, &r.created_at);
        let updated = self.time(T, i, &r.updated_at);
        if (r.status == "merged") != r.merged_into.is_some() {
            self.bad(
                T,
                i,
                "a merged idea, and only a merged idea, names the idea it was merged into",
            );
        }
        if let Some(to) = r.merged_into {
            self.merges.push((i, to));
        }
        if !r.trending.is_finite() {
            self.bad(T, i, "the trending score is not a number");
        }
        if self.writing() {
            let done = self.ins.idea.execute(params![
                r.number,
                r.id,
                r.title,
                r.body,
                markdown_to_safe_html(&r.body),
                markdown_excerpt(&r.body, crate::ops::EXCERPT_CHARS),
                category,
                author,
                r.status,
                created,
                updated,
                r.merged_into,
                r.hidden,
                r.pinned,
                r.trending
            ]);
            self.insert(T, i, done)?;
            for tag in tags {
                let done = self.ins.idea_tag.execute([r.number, tag]);
                self.insert(T, i, done)?;
            }
            self.report.ideas += 1;
        }
        Ok(())
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
        drop(ins);
        store::recount_restored(conn)?;
        Ok(report)
    }
}
