//! Reads a JSON bundle as a stream: serde visits the document's keys in order and
//! hands each record of each table to a [`BundleSink`] (the restorer) as soon as it
//! is parsed, so the bundle is never held whole in memory. Tables must come in the documented
//! order (each only refers to tables before it); a syntax or shape error stops
//! the reading with its line number.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use crate::model::bundle::*;
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
    Report(ReportRecord),
}

/// What the stream hands each part of the bundle to, in the document's order.
pub(crate) trait BundleSink {
    fn format(&mut self, format: &str);
    fn version(&mut self, version: u32);
    fn board(&mut self, board: BoardRecord) -> Result<()>;
    /// Record `index` of its table.
    fn record(&mut self, index: usize, record: Record) -> Result<()>;
    /// A table came after one it must precede.
    fn misplaced(&mut self, table: &str);
    fn unknown_key(&mut self, key: &str);
    /// Keeps a storage error to return once serde has unwound.
    fn fail(&mut self, e: Error);
}

/// The tables of a bundle, in the order they must come.
pub(crate) const TABLES: [&str; 16] = [
    "members",
    "categories",
    "tags",
    "ideas",
    "votes",
    "comments",
    "reactions",
    "statusChanges",
    "follows",
    "pastFollows",
    "notices",
    "noticeReads",
    "noticeMarks",
    "points",
    "audit",
    "reports",
];

/// The whole document.
pub(crate) struct BundleSeed<'r, S> {
    pub restorer: &'r mut S,
}

fn stop<E: de::Error>() -> E {
    E::custom("stopped by a storage error")
}

impl<'de, S: BundleSink> DeserializeSeed<'de> for BundleSeed<'_, S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de, S: BundleSink> Visitor<'de> for BundleSeed<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Ideaboard JSON bundle (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> std::result::Result<(), A::Error> {
        let r = self.restorer;
        let mut last: Option<usize> = None;
        while let Some(key) = map.next_key::<String>()? {
            match key.as_str() {
                "format" => r.format(&map.next_value::<String>()?),
                "version" => r.version(map.next_value::<u32>()?),
                "exportedAt" => drop(map.next_value::<String>()?),
                "internal" | "filtered" => drop(map.next_value::<bool>()?),
                "board" => {
                    let board = map.next_value::<BoardRecord>()?;
                    r.board(board).map_err(|e| r.fail(e)).map_err(|()| stop())?;
                }
                other => match TABLES.iter().position(|t| *t == other) {
                    Some(table) => {
                        if last.is_some_and(|l| l >= table) {
                            r.misplaced(other);
                        }
                        last = Some(table);
                        map.next_value_seed(TableSeed {
                            restorer: &mut *r,
                            table,
                        })?;
                    }
                    None => {
                        r.unknown_key(other);
                        map.next_value::<IgnoredAny>()?;
                    }
                },
            }
        }
        Ok(())
    }
}

/// One table's array.
struct TableSeed<'r, S> {
    restorer: &'r mut S,
    table: usize,
}

impl<'de, S: BundleSink> DeserializeSeed<'de> for TableSeed<'_, S> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de, S: BundleSink> Visitor<'de> for TableSeed<'_, S> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the array of {}", TABLES[self.table])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let r = self.restorer;
        let mut index = 0;
        macro_rules! each {
            ($ty:ty, $variant:ident) => {
                while let Some(record) = seq.next_element::<$ty>()? {
                    r.record(index, Record::$variant(record))
                        .map_err(|e| r.fail(e))
                        .map_err(|()| stop())?;
                    index += 1;
                }
            };
        }
        match self.table {
            0 => each!(MemberRecord, Member),
            1 => each!(CategoryRecord, Category),
            2 => each!(TagRecord, Tag),
            3 => each!(IdeaRecord, Idea),
            4 => each!(VoteRecord, Vote),
            5 => each!(CommentRecord, Comment),
            6 => each!(ReactionRecord, Reaction),
            7 => each!(StatusChangeRecord, Change),
            8 => each!(FollowRecord, Follow),
            9 => each!(PastFollowRecord, PastFollow),
            10 => each!(NoticeRecord, Notice),
            11 => each!(NoticeReadRecord, NoticeRead),
            12 => each!(NoticeMarkRecord, NoticeMark),
            13 => each!(PointsRecord, Points),
            14 => each!(AuditRecord, Audit),
            _ => each!(ReportRecord, Report),
        }
        Ok(())
    }
}
