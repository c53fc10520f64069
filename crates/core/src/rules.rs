//! Input rules, in one place so every op, every importer, the store and every error
//! code agree. Each function returns the cleaned value (trimmed, line endings
//! normalised) or a specific error. This floor sits below the store, the importers
//! and the ops: it names nothing of them.

use crate::model::InputLimits;
use crate::{Error, Result};

pub const TITLE_MIN: usize = 4;
pub const TITLE_MAX: usize = 120;
pub const BODY_MAX: usize = 20_000;
pub const NAME_MAX: usize = 40;
pub const COMMENT_MAX: usize = 10_000;
pub const NOTE_MAX: usize = 5_000;
pub const TAGS_MAX: usize = 8;
pub const TAG_MAX: usize = 24;
pub const PASSPHRASE_MIN: usize = 8;
pub const REASON_MAX: usize = 500;
pub const EMAIL_MAX: usize = 254;
pub const PASSWORD_MIN: usize = 10;
/// Long enough for any passphrase; short enough that hashing it costs nothing more.
pub const PASSWORD_MAX: usize = 1_024;
pub const SESSION_LABEL_MAX: usize = 120;
/// The longest an invitation link may stay valid: 30 days.
pub const INVITATION_HOURS_MAX: u32 = 720;
/// The limits above as the UI receives them (in `BoardOverview`).
pub const LIMITS: InputLimits = InputLimits {
    title_min: TITLE_MIN as u32,
    title_max: TITLE_MAX as u32,
    body_max: BODY_MAX as u32,
    name_max: NAME_MAX as u32,
    comment_max: COMMENT_MAX as u32,
    note_max: NOTE_MAX as u32,
    tags_max: TAGS_MAX as u32,
    tag_max: TAG_MAX as u32,
    passphrase_min: PASSPHRASE_MIN as u32,
    reason_max: REASON_MAX as u32,
};

/// Characters of plain text on an idea's card (its excerpt).
pub const EXCERPT_CHARS: usize = 160;

/// Control characters are refused everywhere; multi-line text keeps `\n` and `\t`.
fn check_controls(text: &str, field: &'static str, multiline: bool) -> Result<()> {
    let bad = |c: char| c.is_control() && !(multiline && (c == '\n' || c == '\t'));
    if text.chars().any(bad) {
        return Err(Error::ControlCharacter { field });
    }
    Ok(())
}

fn normalise_lines(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}

/// An idea title: trimmed, 4 to 120 characters, one line.
pub fn title(raw: &str) -> Result<String> {
    let t = raw.trim();
    if t.is_empty() {
        return Err(Error::TitleEmpty);
    }
    check_controls(t, "title", false)?;
    let len = t.chars().count();
    if len < TITLE_MIN {
        return Err(Error::TitleTooShort {
            len,
            min: TITLE_MIN,
        });
    }
    if len > TITLE_MAX {
        return Err(Error::TitleTooLong {
            len,
            max: TITLE_MAX,
        });
    }
    Ok(t.to_string())
}

/// A report's reason: trimmed, 1 to 500 characters, may span lines.
pub fn report_reason(raw: &str) -> Result<String> {
    let r = normalise_lines(raw).trim().to_string();
    if r.is_empty() {
        return Err(Error::ReasonEmpty);
    }
    check_controls(&r, "reason", true)?;
    let len = r.chars().count();
    if len > REASON_MAX {
        return Err(Error::ReasonTooLong {
            len,
            max: REASON_MAX,
        });
    }
    Ok(r)
}

/// An idea body: Markdown, at most 20,000 characters, may be empty.
pub fn body(raw: &str) -> Result<String> {
    let b = normalise_lines(raw).trim().to_string();
    check_controls(&b, "body", true)?;
    let len = b.chars().count();
    if len > BODY_MAX {
        return Err(Error::BodyTooLong { len, max: BODY_MAX });
    }
    Ok(b)
}

/// A member's or the board's display name.
pub fn display_name(raw: &str) -> Result<String> {
    let n = raw.trim();
    if n.is_empty() {
        return Err(Error::NameEmpty);
    }
    check_controls(n, "name", false)?;
    let len = n.chars().count();
    if len > NAME_MAX {
        return Err(Error::NameTooLong { len, max: NAME_MAX });
    }
    Ok(n.to_string())
}

/// A comment body.
pub fn comment(raw: &str) -> Result<String> {
    let c = normalise_lines(raw).trim().to_string();
    if c.is_empty() {
        return Err(Error::CommentEmpty);
    }
    check_controls(&c, "comment", true)?;
    let len = c.chars().count();
    if len > COMMENT_MAX {
        return Err(Error::CommentTooLong {
            len,
            max: COMMENT_MAX,
        });
    }
    Ok(c)
}

/// The team's note on a status change; blank means none.
pub fn note(raw: Option<&str>) -> Result<Option<String>> {
    let Some(raw) = raw else { return Ok(None) };
    let n = normalise_lines(raw).trim().to_string();
    if n.is_empty() {
        return Ok(None);
    }
    check_controls(&n, "note", true)?;
    let len = n.chars().count();
    if len > NOTE_MAX {
        return Err(Error::NoteTooLong { len, max: NOTE_MAX });
    }
    Ok(Some(n))
}

/// Tags: trimmed, lower-cased, de-duplicated, at most 8 of at most 24 characters.
pub fn tags(raw: &[String]) -> Result<Vec<String>> {
    let mut out: Vec<String> = Vec::new();
    for tag in raw {
        let t = tag.trim().to_lowercase();
        if t.is_empty() {
            continue;
        }
        check_controls(&t, "tag", false)?;
        let len = t.chars().count();
        if len > TAG_MAX {
            return Err(Error::TagTooLong { len, max: TAG_MAX });
        }
        if !out.contains(&t) {
            out.push(t);
        }
    }
    if out.len() > TAGS_MAX {
        return Err(Error::TooManyTags { max: TAGS_MAX });
    }
    Ok(out)
}

/// A passphrase for a team profile.
pub fn passphrase(raw: &str) -> Result<&str> {
    if raw.chars().count() < PASSPHRASE_MIN {
        return Err(Error::PassphraseTooShort {
            min: PASSPHRASE_MIN,
        });
    }
    Ok(raw)
}

/// An email address, normalised: trimmed and lower-cased (so one address is one
/// account however it is typed). A plain `local@domain.tld`: no quoted or IP-literal
/// forms, no spaces; at most 254 characters, 64 before the `@`, 63 per label.
pub fn email(raw: &str) -> Result<String> {
    let e = raw.trim().to_lowercase();
    let (local, domain) = e.rsplit_once('@').ok_or(Error::EmailInvalid)?;
    let local_char = |c: char| c.is_alphanumeric() || "!#$%&'*+-/=?^_`{|}~.".contains(c);
    let local_ok = (1..=64).contains(&local.chars().count())
        && local.chars().all(local_char)
        && !local.starts_with('.')
        && !local.ends_with('.')
        && !local.contains("..");
    let labels: Vec<&str> = domain.split('.').collect();
    let label_ok = |l: &&str| {
        (1..=63).contains(&l.chars().count())
            && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    let tld_ok = labels
        .last()
        .is_some_and(|t| !t.chars().all(|c| c.is_ascii_digit()));
    if !local_ok
        || labels.len() < 2
        || !labels.iter().all(label_ok)
        || !tld_ok
        || e.chars().count() > EMAIL_MAX
    {
        return Err(Error::EmailInvalid);
    }
    Ok(e)
}

/// An account's password: 10 to 1,024 characters and not on the list of common
/// passwords (compared case-insensitively). Kept exactly as typed: spaces count.
pub fn password(raw: &str) -> Result<&str> {
    let len = raw.chars().count();
    if len < PASSWORD_MIN {
        return Err(Error::PasswordTooShort { min: PASSWORD_MIN });
    }
    if len > PASSWORD_MAX {
        return Err(Error::PasswordTooLong { max: PASSWORD_MAX });
    }
    if crate::common_passwords::contains(raw) {
        return Err(Error::PasswordTooCommon);
    }
    Ok(raw)
}

/// A session's label (a user agent, a device name) as its member will see it:
/// control characters dropped, spaces collapsed, at most 120 characters. Never
/// refused: signing in must not fail over what a browser calls itself.
pub fn session_label(raw: &str) -> String {
    let words: Vec<&str> = raw
        .split(|c: char| c.is_whitespace() || c.is_control())
        .filter(|w| !w.is_empty())
        .collect();
    words.join(" ").chars().take(SESSION_LABEL_MAX).collect()
}

/// How long an invitation link stays valid: 1 to 720 hours.
pub fn invitation_hours(hours: u32) -> Result<u32> {
    if hours == 0 || hours > INVITATION_HOURS_MAX {
        return Err(Error::InvalidInput {
            field: "validForHours",
            reason: format!("between 1 and {INVITATION_HOURS_MAX} hours"),
        });
    }
    Ok(hours)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ErrorCode as C;

    #[test]
    fn titles() {
        assert_eq!(title("  燕麦拿铁  ").unwrap(), "燕麦拿铁");
        assert_eq!(title("").unwrap_err().code(), C::TitleEmpty);
        assert_eq!(title(" \t ").unwrap_err().code(), C::TitleEmpty);
        assert_eq!(title("abc").unwrap_err().code(), C::TitleTooShort);
        assert_eq!(title(&"x".repeat(121)).unwrap_err().code(), C::TitleTooLong);
        assert_eq!(
            title("bad\u{7}bell").unwrap_err().code(),
            C::ControlCharacter
        );
        assert_eq!(title("two\nlines").unwrap_err().code(), C::ControlCharacter);
    }

    #[test]
    fn bodies_and_tags() {
        assert_eq!(body("a\r\nb").unwrap(), "a\nb");
        assert_eq!(
            body(&"x".repeat(20_001)).unwrap_err().code(),
            C::BodyTooLong
        );
        assert_eq!(
            tags(&["Oat ".into(), "oat".into(), "".into()]).unwrap(),
            vec!["oat"]
        );
        let many: Vec<String> = (0..9).map(|i| format!("t{i}")).collect();
        assert_eq!(tags(&many).unwrap_err().code(), C::TooManyTags);
        assert_eq!(note(Some("  ")).unwrap(), None);
    }

    #[test]
    fn emails() {
        assert_eq!(
            email("  Fang.Li@Example.COM ").unwrap(),
            "fang.li@example.com"
        );
        assert_eq!(
            email("a+tag@sub.example.cn").unwrap(),
            "a+tag@sub.example.cn"
        );
        assert_eq!(email("小明@例子.中国").unwrap(), "小明@例子.中国");
        for bad in [
            "",
            "fang",
            "fang@",
            "@example.com",
            "fang@example",
            "fang@@example.com",
            "fang@exa mple.com",
            "fa ng@example.com",
            "fang@-example.com",
            ".fang@example.com",
            "fa..ng@example.com",
            "fang@example.123",
            "fang@example..com",
            "\"fang\"@example.com",
            "fang@[127.0.0.1]",
            "fang\n@example.com",
        ] {
            assert_eq!(email(bad).unwrap_err().code(), C::EmailInvalid, "{bad:?}");
        }
        let long = format!("{}@{}.com", "a".repeat(64), "b".repeat(63));
        assert!(email(&long).is_ok());
        assert_eq!(
            email(&format!("{}@example.com", "a".repeat(65)))
                .unwrap_err()
                .code(),
            C::EmailInvalid
        );
        let too_long = format!("a@{}.com", vec!["b".repeat(60); 5].join("."));
        assert_eq!(email(&too_long).unwrap_err().code(), C::EmailInvalid);
    }

    #[test]
    fn passwords_and_labels() {
        assert_eq!(
            password("short pw").unwrap_err().code(),
            C::PasswordTooShort
        );
        assert_eq!(
            password(&"x".repeat(1_025)).unwrap_err().code(),
            C::PasswordTooLong
        );
        assert_eq!(
            password("Password123").unwrap_err().code(),
            C::PasswordTooCommon
        );
        assert_eq!(
            password("QWERTYUIOP").unwrap_err().code(),
            C::PasswordTooCommon
        );
        assert_eq!(password(" oat milk latte ").unwrap(), " oat milk latte ");
        assert_eq!(
            session_label(" Firefox\n 128\u{7} on\tLinux "),
            "Firefox 128 on Linux"
        );
        assert_eq!(
            session_label(&"y".repeat(500)).chars().count(),
            SESSION_LABEL_MAX
        );
        assert_eq!(invitation_hours(0).unwrap_err().code(), C::InvalidInput);
        assert_eq!(invitation_hours(721).unwrap_err().code(), C::InvalidInput);
        assert_eq!(invitation_hours(48).unwrap(), 48);
    }
}
