//! Byte-level damage to a file, after the structured mutations: truncation, bit
//! flips, bytes that are not UTF-8, deleted and duplicated ranges, lines swapped.

use proptest::prelude::*;
use proptest::sample::{Index, select};

/// Bytes worth inserting: broken UTF-8, separators, quotes, NUL, a BOM.
const SPLICES: &[&[u8]] = &[
    b"\xff",
    b"\xc3",
    b"\xe7\x87",
    b"\xf0\x9f\x98",
    b"\xc0\xaf",
    b"\xed\xa0\x80",
    b"\"",
    b",",
    b"\n",
    b"\r",
    b"\r\n",
    b"\0",
    b"\xef\xbb\xbf",
    b"{",
    b"}",
    b"[",
    b"]",
    b":",
    b"\\",
    b"\\u",
    b"\\ud800",
    b"1e999",
    b"-0",
    b"null",
];

/// One way to damage bytes.
#[derive(Debug, Clone)]
pub enum Damage {
    Truncate(Index),
    FlipBit(Index, u8),
    Insert(Index, Vec<u8>),
    Delete(Index, usize),
    Duplicate(Index, usize),
    SwapLines(Index, Index),
}

/// Zero to three kinds of damage, most often none (so the structured mutation is
/// what the file is about).
pub fn damage() -> impl Strategy<Value = Vec<Damage>> {
    let one = prop_oneof![
        1 => any::<Index>().prop_map(Damage::Truncate),
        2 => (any::<Index>(), 0u8..8).prop_map(|(i, b)| Damage::FlipBit(i, b)),
        2 => (any::<Index>(), select(SPLICES)).prop_map(|(i, s)| Damage::Insert(i, s.to_vec())),
        1 => (any::<Index>(), prop::collection::vec(any::<u8>(), 1..8))
            .prop_map(|(i, s)| Damage::Insert(i, s)),
        1 => (any::<Index>(), 1usize..64).prop_map(|(i, n)| Damage::Delete(i, n)),
        1 => (any::<Index>(), 1usize..256).prop_map(|(i, n)| Damage::Duplicate(i, n)),
        1 => (any::<Index>(), any::<Index>()).prop_map(|(a, b)| Damage::SwapLines(a, b)),
    ];
    prop_oneof![
        3 => Just(Vec::new()),
        2 => prop::collection::vec(one, 1..4),
    ]
}

/// `bytes` with `damage` done to it.
pub fn apply(mut bytes: Vec<u8>, damage: &[Damage]) -> Vec<u8> {
    for d in damage {
        let len = bytes.len();
        match d {
            Damage::Truncate(i) => bytes.truncate(i.index(len + 1)),
            Damage::FlipBit(i, bit) if len > 0 => bytes[i.index(len)] ^= 1u8 << *bit,
            Damage::FlipBit(..) => {}
            Damage::Insert(i, s) => {
                let at = i.index(len + 1);
                bytes.splice(at..at, s.iter().copied());
            }
            Damage::Delete(i, n) => {
                let at = i.index(len + 1);
                bytes.drain(at..(at + n).min(len));
            }
            Damage::Duplicate(i, n) => {
                let at = i.index(len + 1);
                let copy = bytes[at..(at + n).min(len)].to_vec();
                bytes.splice(at..at, copy);
            }
            Damage::SwapLines(a, b) => {
                let mut lines: Vec<Vec<u8>> =
                    bytes.split(|&b| b == b'\n').map(<[u8]>::to_vec).collect();
                let n = lines.len();
                lines.swap(a.index(n), b.index(n));
                bytes = lines.join(&b'\n');
            }
        }
    }
    bytes
}

/// Bytes shown as text with escapes, for failure reports that a person can read
/// and paste into a regression test.
pub struct Shown<'a>(pub &'a [u8]);

impl std::fmt::Display for Shown<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "b\"{}\"", self.0.escape_ascii())
    }
}
