//! Time as the core sees it: a UTC instant in milliseconds, handed in by the caller
//! (`now`) so that every operation is deterministic under test. Stored as INTEGER
//! milliseconds; crosses IPC as RFC 3339 UTC text.

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use ts_rs::TS;

/// A UTC instant with millisecond precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, TS)]
#[ts(type = "string")]
pub struct Timestamp(i64);

impl Timestamp {
    pub const MS_PER_DAY: i64 = 86_400_000;

    /// From milliseconds since the Unix epoch.
    pub const fn from_millis(ms: i64) -> Self {
        Timestamp(ms)
    }

    /// Milliseconds since the Unix epoch.
    pub const fn millis(self) -> i64 {
        self.0
    }

    /// The wall clock. Only shells and tools call this; logic takes `now` as a parameter.
    pub fn now() -> Self {
        let nanos = OffsetDateTime::now_utc().unix_timestamp_nanos();
        Timestamp((nanos / 1_000_000) as i64)
    }

    /// This instant plus `ms` milliseconds.
    pub const fn plus_millis(self, ms: i64) -> Self {
        Timestamp(self.0 + ms)
    }

    /// RFC 3339 in UTC, e.g. `2026-11-22T12:00:00.000Z`.
    pub fn to_rfc3339(self) -> String {
        let dt = OffsetDateTime::from_unix_timestamp_nanos(self.0 as i128 * 1_000_000)
            .unwrap_or(OffsetDateTime::UNIX_EPOCH);
        let fmt = time::macros::format_description!(
            "[year]-[month]-[day]T[hour]:[minute]:[second].[subsecond digits:3]Z"
        );
        dt.format(&fmt).unwrap_or_default()
    }

    /// Parses RFC 3339 text (any offset) into a UTC instant.
    pub fn parse_rfc3339(text: &str) -> crate::Result<Self> {
        let dt = OffsetDateTime::parse(text, &Rfc3339).map_err(|e| crate::Error::InvalidInput {
            field: "timestamp",
            reason: e.to_string(),
        })?;
        Ok(Timestamp((dt.unix_timestamp_nanos() / 1_000_000) as i64))
    }
}

/// RFC 3339 text in UTC, as it crosses every host.
impl schemars::JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "A UTC instant, RFC 3339 with milliseconds, e.g. 2026-11-22T12:00:00.000Z"
        })
    }
}

impl Serialize for Timestamp {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_rfc3339())
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        Timestamp::parse_rfc3339(&text).map_err(serde::de::Error::custom)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc3339_round_trips_in_utc() {
        let t = Timestamp::from_millis(1_795_000_000_123);
        let text = t.to_rfc3339();
        assert!(text.ends_with('Z'), "{text}");
        assert_eq!(Timestamp::parse_rfc3339(&text).unwrap(), t);
        let shifted = Timestamp::parse_rfc3339("2026-11-22T20:00:00+08:00").unwrap();
        assert_eq!(shifted.to_rfc3339(), "2026-11-22T12:00:00.000Z");
    }
}
