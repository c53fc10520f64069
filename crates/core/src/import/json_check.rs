//! The checks of a JSON bundle before anything is written: format and version,
//! vocabularies, times, lengths, uniqueness, and every reference to a row that is
//! not in the bundle. Each problem names its record, e.g. `votes[12]`.

use std::collections::{HashMap, HashSet};

use super::{Problems, reason};
use crate::Result;
use crate::clock::Timestamp;
use crate::export::bundle::{Bundle, FORMAT, VERSION};
use crate::model::{
    CommentKind, IdeaStatus, NotificationKind, PointsReason, Priority, Reaction, Role,
};
use crate::ops::validate;

fn time(p: &mut Problems, at: &str, text: &str) -> i64 {
    match Timestamp::parse_rfc3339(text) {
        Ok(t) => t.millis(),
        Err(e) => {
            p.record(at, reason(&e));
            0
        }
    }
}

fn parsed<T>(p: &mut Problems, at: &str, r: Result<T>) {
    if let Err(e) = r {
        p.record(at, reason(&e));
    }
}

/// Every problem of a bundle: versions, vocabularies, times, lengths, and every
/// reference to a row that is not in the bundle.
pub(super) fn check(b: &Bundle) -> Problems {
    let mut p = Problems::default();
    if b.format != FORMAT {
        p.record(
            "format",
            format!("expected {FORMAT:?}, found {:?}", b.format),
        );
    }
    if b.version != VERSION {
        p.record(
            "version",
            format!(
                "this build reads version {VERSION}, the file is version {}",
                b.version
            ),
        );
    }
    parsed(
        &mut p,
        "board",
        validate::display_name(&b.board.name).map(|_| ()),
    );
    if !matches!(b.board.default_locale.as_str(), "zh-CN" | "en") {
        p.record(
            "board",
            format!("unknown locale {:?}", b.board.default_locale),
        );
    }
    time(&mut p, "board", &b.board.created_at);
    let mut members = HashSet::new();
    for (i, m) in b.members.iter().enumerate() {
        let at = format!("members[{i}]");
        parsed(&mut p, &at, crate::ids::parse_id(&m.id).map(|_| ()));
        parsed(&mut p, &at, Role::parse(&m.role).map(|_| ()));
        parsed(
            &mut p,
            &at,
            validate::display_name(&m.display_name).map(|_| ()),
        );
        time(&mut p, &at, &m.joined_at);
        if !members.insert(m.id.as_str()) {
            p.record(&at, format!("member {} appears twice", m.id));
        }
    }
    let member = |p: &mut Problems, at: &str, id: &str| {
        if !members.contains(id) {
            p.record(at, format!("member {id} is not in the file"));
        }
    };
    let mut categories = HashSet::new();
    for (i, c) in b.categories.iter().enumerate() {
        if !categories.insert(c.slug.as_str()) {
            p.record(
                format!("categories[{i}]"),
                format!("category {} appears twice", c.slug),
            );
        }
    }
    let mut tags = HashSet::new();
    for (i, t) in b.tags.iter().enumerate() {
        if t.name.trim().is_empty() || !tags.insert(t.name.to_lowercase()) {
            p.record(
                format!("tags[{i}]"),
                format!("tag {:?} is empty or appears twice", t.name),
            );
        }
    }
    let numbers: HashSet<i64> = b.ideas.iter().map(|i| i.number).collect();
    let mut seen = HashSet::new();
    for (n, i) in b.ideas.iter().enumerate() {
        let at = format!("ideas[{n}]");
        if i.number < 1 || !seen.insert(i.number) {
            p.record(
                &at,
                format!("idea number {} is not positive or appears twice", i.number),
            );
        }
        parsed(&mut p, &at, crate::ids::parse_id(&i.id).map(|_| ()));
        parsed(&mut p, &at, validate::title(&i.title).map(|_| ()));
        parsed(&mut p, &at, validate::body(&i.body).map(|_| ()));
        if let Some(c) = &i.category
            && !categories.contains(c.as_str())
        {
            p.record(&at, format!("category {c} is not in the file"));
        }
        for t in &i.tags {
            if !tags.contains(&t.to_lowercase()) {
                p.record(&at, format!("tag {t:?} is not in the file"));
            }
        }
        member(&mut p, &at, &i.author);
        let status = IdeaStatus::parse(&i.status);
        parsed(&mut p, &at, status.map(|_| ()));
        time(&mut p, &at, &i.created_at);
        time(&mut p, &at, &i.updated_at);
        if (i.status == "merged") != i.merged_into.is_some() {
            p.record(
                &at,
                "a merged idea, and only a merged idea, names the idea it was merged into",
            );
        }
        if let Some(to) = i.merged_into
            && !numbers.contains(&to)
        {
            p.record(&at, format!("merged into #{to}, which is not in the file"));
        }
        if !i.trending.is_finite() {
            p.record(&at, "the trending score is not a number");
        }
    }
    let idea = |p: &mut Problems, at: &str, n: i64| {
        if !numbers.contains(&n) {
            p.record(at, format!("idea #{n} is not in the file"));
        }
    };
    let mut voted = HashSet::new();
    for (n, v) in b.votes.iter().enumerate() {
        let at = format!("votes[{n}]");
        idea(&mut p, &at, v.idea);
        member(&mut p, &at, &v.member);
        parsed(&mut p, &at, Priority::parse(&v.priority).map(|_| ()));
        time(&mut p, &at, &v.created_at);
        if !voted.insert((v.idea, v.member.as_str())) {
            p.record(&at, "a second vote of the same member on the same idea");
        }
    }
    let mut comments: HashMap<&str, i64> = HashMap::new();
    for (n, c) in b.comments.iter().enumerate() {
        let at = format!("comments[{n}]");
        parsed(&mut p, &at, crate::ids::parse_id(&c.id).map(|_| ()));
        idea(&mut p, &at, c.idea);
        member(&mut p, &at, &c.author);
        parsed(&mut p, &at, CommentKind::parse(&c.kind).map(|_| ()));
        time(&mut p, &at, &c.created_at);
        for t in [&c.edited_at, &c.deleted_at].into_iter().flatten() {
            time(&mut p, &at, t);
        }
        if let Some(parent) = &c.parent
            && comments.get(parent.as_str()) != Some(&c.idea)
        {
            p.record(
                &at,
                format!("reply to {parent}, which is not an earlier comment on the same idea"),
            );
        }
        if comments.insert(c.id.as_str(), c.idea).is_some() {
            p.record(&at, format!("comment {} appears twice", c.id));
        }
    }
    let comment = |p: &mut Problems, at: &str, id: &str| {
        if !comments.contains_key(id) {
            p.record(at, format!("comment {id} is not in the file"));
        }
    };
    for (n, r) in b.reactions.iter().enumerate() {
        let at = format!("reactions[{n}]");
        comment(&mut p, &at, &r.comment);
        member(&mut p, &at, &r.member);
        parsed(&mut p, &at, Reaction::parse(&r.reaction).map(|_| ()));
        time(&mut p, &at, &r.created_at);
    }
    for (n, s) in b.status_changes.iter().enumerate() {
        let at = format!("statusChanges[{n}]");
        idea(&mut p, &at, s.idea);
        member(&mut p, &at, &s.actor);
        for status in s.from.iter().chain([&s.to]) {
            parsed(&mut p, &at, IdeaStatus::parse(status).map(|_| ()));
        }
        time(&mut p, &at, &s.at);
    }
    for (n, f) in b.follows.iter().enumerate() {
        let at = format!("follows[{n}]");
        idea(&mut p, &at, f.idea);
        member(&mut p, &at, &f.member);
        time(&mut p, &at, &f.since);
    }
    for (n, f) in b.past_follows.iter().enumerate() {
        let at = format!("pastFollows[{n}]");
        idea(&mut p, &at, f.idea);
        member(&mut p, &at, &f.member);
    }
    let mut notices = HashSet::new();
    for (n, x) in b.notices.iter().enumerate() {
        let at = format!("notices[{n}]");
        if x.seq < 1 || !notices.insert(x.seq) {
            p.record(
                &at,
                format!("notice {} is not positive or appears twice", x.seq),
            );
        }
        for m in x.to_member.iter().chain(&x.actor) {
            member(&mut p, &at, m);
        }
        parsed(&mut p, &at, NotificationKind::parse(&x.kind).map(|_| ()));
        idea(&mut p, &at, x.idea);
        if let Some(c) = &x.comment {
            comment(&mut p, &at, c);
        }
        time(&mut p, &at, &x.created_at);
    }
    for (n, r) in b.notice_reads.iter().enumerate() {
        let at = format!("noticeReads[{n}]");
        member(&mut p, &at, &r.member);
        if !notices.contains(&r.notice) {
            p.record(&at, format!("notice {} is not in the file", r.notice));
        }
        time(&mut p, &at, &r.read_at);
    }
    for (n, m) in b.notice_marks.iter().enumerate() {
        let at = format!("noticeMarks[{n}]");
        member(&mut p, &at, &m.member);
        time(&mut p, &at, &m.marked_at);
    }
    for (n, e) in b.points.iter().enumerate() {
        let at = format!("points[{n}]");
        member(&mut p, &at, &e.member);
        parsed(&mut p, &at, PointsReason::parse(&e.reason).map(|_| ()));
        if let Some(i) = e.idea {
            idea(&mut p, &at, i);
        }
        time(&mut p, &at, &e.at);
    }
    for (n, a) in b.audit.iter().enumerate() {
        let at = format!("audit[{n}]");
        member(&mut p, &at, &a.actor);
        time(&mut p, &at, &a.at);
    }
    p
}
