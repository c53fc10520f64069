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
}
