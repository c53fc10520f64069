//! The cryptography of accounts: password hashes, opaque tokens and CSRF tokens.
//! Nothing here touches the board; `ops::accounts` decides when each is used.
//!
//! Invariants:
//!
//! * **No secret is stored in clear.** Passwords are kept as argon2id PHC strings
//!   (OWASP's parameters, argon2's defaults: 19 MiB, 2 passes, 1 lane, a 16-byte
//!   salt from the OS); tokens as the SHA-256 of their text. A token carries 256
//!   bits from the OS random source, so a fast hash is enough: nobody can guess
//!   one from its digest.
//! * **Tokens say what they are for.** `ibs_` (a session), `ibi_` (an invitation),
//!   `ibr_` (a password reset), then 64 lowercase hex digits. The kind is part of
//!   the hashed text, so a token of one kind never matches a row of another, and
//!   text of the wrong shape is refused before any look-up.
//! * **A CSRF token is derived, never stored:** HMAC-SHA256 keyed by the session
//!   token itself. The host can derive it again on any request that carries the
//!   session cookie (to hand it to the page), another session's token never
//!   matches, and the board file alone cannot produce it (it holds only the
//!   session token's SHA-256, not the key).

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use hmac::{Hmac, Mac};
use rand::TryRngCore;
use rand::rngs::OsRng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

use crate::model::Secret;
use crate::{Error, Result};

/// What a token is for; its prefix says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenKind {
    Session,
    Invitation,
    Reset,
}

impl TokenKind {
    const fn prefix(self) -> &'static str {
        match self {
            TokenKind::Session => "ibs_",
            TokenKind::Invitation => "ibi_",
            TokenKind::Reset => "ibr_",
        }
    }
}

/// The SHA-256 of a token's text: what the board keeps.
pub(crate) type TokenHash = [u8; 32];

/// Random bytes from the operating system.
fn os_random<const N: usize>() -> Result<[u8; N]> {
    let mut bytes = [0u8; N];
    OsRng
        .try_fill_bytes(&mut bytes)
        .map_err(|e| Error::Internal(format!("the OS random source failed: {e}")))?;
    Ok(bytes)
}

fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from(DIGITS[usize::from(b >> 4)]));
        out.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    out
}

fn sha256(text: &str) -> TokenHash {
    Sha256::digest(text.as_bytes()).into()
}

/// A new token of `kind` and the digest to store.
pub(crate) fn new_token(kind: TokenKind) -> Result<(Secret, TokenHash)> {
    let text = format!("{}{}", kind.prefix(), hex(&os_random::<32>()?));
    let hash = sha256(&text);
    Ok((Secret::new(text), hash))
}

/// The digest to look `text` up by, or None when it is not a token of `kind` (a
/// mistyped link, another kind of token, garbage): nothing can match it.
pub(crate) fn token_hash(kind: TokenKind, text: &str) -> Option<TokenHash> {
    let digits = text.strip_prefix(kind.prefix())?;
    let well_formed = digits.len() == 64
        && digits
            .bytes()
            .all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
    well_formed.then(|| sha256(text))
}

/// The CSRF token of a session (see the module's invariants).
pub(crate) fn csrf_token(session_token: &str) -> Secret {
    Secret::new(hex(&csrf_mac(session_token).finalize().into_bytes()))
}

fn csrf_mac(session_token: &str) -> Hmac<Sha256> {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(session_token.as_bytes())
        .expect("HMAC takes a key of any length");
    mac.update(b"ideaboard csrf v1");
    mac
}

/// Whether `given` is the CSRF token of `session_token`, compared in constant time.
pub(crate) fn csrf_matches(session_token: &str, given: &str) -> bool {
    let expected = csrf_token(session_token);
    expected.expose().as_bytes().ct_eq(given.as_bytes()).into()
}

/// The key under which failed sign-ins with `email` (normalised) are counted,
/// whether or not an account has it (so the count says nothing of that).
pub(crate) fn email_key(email: &str) -> TokenHash {
    sha256(&format!("ideaboard sign-in:{email}"))
}

fn argon2id() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, Params::default())
}

/// An argon2id hash of `password` with the given salt, as a PHC string.
pub(crate) fn hash_with_salt(password: &str, salt: &[u8; 16]) -> Result<String> {
    let salt = SaltString::encode_b64(salt).map_err(|e| Error::Internal(e.to_string()))?;
    argon2id()
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(e.to_string()))
}

/// An argon2id hash of `password` with a fresh salt from the OS.
pub(crate) fn hash_password(password: &str) -> Result<String> {
    hash_with_salt(password, &os_random::<16>()?)
}

/// Whether `password` matches the PHC string `hash` (its own parameters are used).
pub(crate) fn verify_password(password: &str, hash: &str) -> Result<bool> {
    let parsed = PasswordHash::new(hash).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(argon2id()
        .verify_password(password.as_bytes(), &parsed)
        .is_ok())
}

/// Spends the time a real verification takes, for a sign-in with an email no
/// account has: the answer then takes as long as for a wrong password.
pub(crate) fn verify_nothing(password: &str) -> Result<()> {
    static DECOY: OnceLock<String> = OnceLock::new();
    let decoy = match DECOY.get() {
        Some(h) => h,
        None => {
            let h = hash_password("no account has this password")?;
            DECOY.get_or_init(|| h)
        }
    };
    verify_password(password, decoy).map(drop)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_prefixed_hex_and_checked_by_kind() {
        let (token, hash) = new_token(TokenKind::Session).unwrap();
        let text = token.expose();
        assert!(text.starts_with("ibs_") && text.len() == 68, "{text}");
        assert_eq!(token_hash(TokenKind::Session, text), Some(hash));
        assert_eq!(token_hash(TokenKind::Invitation, text), None);
        assert_eq!(token_hash(TokenKind::Session, &text.to_uppercase()), None);
        assert_eq!(token_hash(TokenKind::Session, &text[..67]), None);
        let (other, _) = new_token(TokenKind::Session).unwrap();
        assert_ne!(token, other);
    }

    #[test]
    fn a_csrf_token_belongs_to_its_session() {
        let (a, _) = new_token(TokenKind::Session).unwrap();
        let (b, _) = new_token(TokenKind::Session).unwrap();
        let csrf = csrf_token(a.expose());
        assert!(csrf_matches(a.expose(), csrf.expose()));
        assert!(!csrf_matches(b.expose(), csrf.expose()));
        assert!(!csrf_matches(a.expose(), ""));
    }

    #[test]
    fn passwords_verify_against_their_argon2id_hash() {
        let hash = hash_password("correct horse battery").unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(verify_password("correct horse battery", &hash).unwrap());
        assert!(!verify_password("correct horse battery ", &hash).unwrap());
        assert_ne!(hash, hash_password("correct horse battery").unwrap());
    }
}
