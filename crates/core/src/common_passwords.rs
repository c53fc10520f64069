//! The common passwords an account may not use.
//!
//! `data/common-passwords.txt` is Django 5.2.20's `common-passwords.txt.gz`, taken
//! from the PyPI package `Django` (wheel `django-5.2.20-py3-none-any.whl`, file
//! `django/contrib/auth/common-passwords.txt.gz`) and decompressed, otherwise
//! unchanged: 19,640 passwords, unhexed, lowercased and deduplicated, from Royce
//! Williams' list of the 20,000 most common. Django is BSD-3-Clause licensed (©
//! Django Software Foundation and individual contributors); the licence is in
//! `data/common-passwords.LICENSE` beside the list.

use std::collections::HashSet;
use std::sync::OnceLock;

const LIST: &str = include_str!("../data/common-passwords.txt");

/// Whether `password`, trimmed and lower-cased, is on the list.
pub(crate) fn contains(password: &str) -> bool {
    static SET: OnceLock<HashSet<&'static str>> = OnceLock::new();
    let set = SET.get_or_init(|| LIST.lines().filter(|l| !l.is_empty()).collect());
    set.contains(password.trim().to_lowercase().as_str())
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_is_whole_and_matches_any_case() {
        assert!(super::LIST.lines().count() >= 10_000);
        assert!(super::contains("password"));
        assert!(super::contains("  PassWord1 "));
        assert!(super::contains("1234567890"));
        assert!(!super::contains("a quiet fox naps at noon"));
    }
}
