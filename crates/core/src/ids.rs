//! Where ids come from. Public ids are UUID v7 (time-ordered, so the unique index
//! on them stays append-mostly); rows join on small integer keys internally.
//! An [`IdSource`] is owned by the board so tests can make ids deterministic.

use rand::RngCore;
use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use uuid::Uuid;

use crate::clock::Timestamp;
use crate::{Error, Result};

/// Makes UUID v7 ids: the time part from `now`, the random part from a seeded or
/// OS-seeded generator.
#[derive(Debug)]
pub struct IdSource {
    rng: ChaCha8Rng,
}

impl IdSource {
    /// Random ids, seeded from the OS.
    pub fn random() -> Self {
        IdSource {
            rng: ChaCha8Rng::from_os_rng(),
        }
    }

    /// The same sequence of ids for the same seed and times.
    pub fn seeded(seed: u64) -> Self {
        IdSource {
            rng: ChaCha8Rng::seed_from_u64(seed),
        }
    }

    /// A new UUID v7 for an entity created at `now`.
    pub fn next(&mut self, now: Timestamp) -> Uuid {
        let mut random = [0u8; 10];
        self.rng.fill_bytes(&mut random);
        let ms = now.millis().max(0) as u64;
        uuid::Builder::from_unix_timestamp_millis(ms, &random).into_uuid()
    }
}

/// Parses a public id, refusing anything that is not a UUID.
pub fn parse_id(text: &str) -> Result<Uuid> {
    Uuid::parse_str(text.trim()).map_err(|_| Error::InvalidId(text.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_v7_time_ordered_and_deterministic() {
        let mut a = IdSource::seeded(7);
        let mut b = IdSource::seeded(7);
        let t = Timestamp::from_millis(1_700_000_000_000);
        let (x, y) = (a.next(t), a.next(t.plus_millis(1)));
        assert_eq!(x.get_version_num(), 7);
        assert!(x < y);
        assert_eq!(b.next(t), x);
        assert!(parse_id("nope").is_err());
        assert_eq!(parse_id(&x.to_string()).unwrap(), x);
    }
}
