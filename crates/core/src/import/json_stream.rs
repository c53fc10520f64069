//! Reads a JSON bundle as a stream: serde visits the document's keys in order and
//! hands each record of each table to the [`Restorer`] as soon as it is parsed, so
//! the bundle is never held whole in memory. Tables must come in the documented
//! order (each only refers to tables before it); a syntax or shape error stops
//! the reading with its line number.

use std::fmt;

use serde::de::{self, DeserializeSeed, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::json::{Record, Restorer};
use crate::export::bundle::*;

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
pub(crate) struct BundleSeed<'r, 'c> {
    pub restorer: &'r mut Restorer<'c>,
}

fn stop<E: de::Error>() -> E {
    E::custom("stopped by a storage error")
}

impl<'de> DeserializeSeed<'de> for BundleSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for BundleSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an Ideaboard JSON bundle (an object)")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
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
struct TableSeed<'r, 'c> {
    restorer: &'r mut Restorer<'c>,
    table: usize,
}

impl<'de> DeserializeSeed<'de> for TableSeed<'_, '_> {
    type Value = ();
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for TableSeed<'_, '_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "the array of {}", TABLES[self.table])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
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
