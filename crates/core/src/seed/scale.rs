//! Starbucks-scale boards: 150,000 ideas, 2,000,000 votes, 600,000 comments and
//! 200,000 members over three years by default, for benchmarks. The shape is decided
//! in memory first ([`super::scale_plan`]), every counter and trending score computed
//! from the rows to be written, then the rows are bulk-loaded in one transaction
//! (`store::bulk`). Deterministic for a seed and `now`. The board must be fresh.
//!
//! Invariants: the loaded board passes `Board::counter_mismatches` and
//! `Board::check_integrity` exactly as a board built through the ops would.
//! Historical notifications are not generated (the notification centre starts
//! empty); reactions are not generated.

use std::collections::HashMap;

use rand::SeedableRng;
use rand_chacha::ChaCha8Rng;
use serde_json::json;

use super::content::CATEGORIES;
use super::scale_plan::{self, Plan};
use super::scale_text as text;
use crate::clock::Timestamp;
use crate::ids::IdSource;
use crate::model::{CommentKind, IdeaStatus};
use crate::render::{markdown_excerpt, markdown_to_safe_html};
use crate::store::Board;
use crate::store::bulk::{self, ChangeLoad, CommentLoad, IdeaLoad, Loader};
use crate::{Error, Result, ops};

/// The knobs of a scale board.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScaleConfig {
    pub ideas: usize,
    /// Votes aimed at; the board holds about this many (distinct voters per idea).
    pub votes: usize,
    /// Comments aimed at, team answers and notes included.
    pub comments: usize,
    /// Members, the team included.
    pub members: usize,
    /// Years of history before `now`.
    pub years: u32,
    pub seed: u64,
}

impl Default for ScaleConfig {
    /// My Starbucks Idea's size: 150k ideas, 2M votes, 600k comments, 200k members.
    fn default() -> Self {
        ScaleConfig {
            ideas: 150_000,
            votes: 2_000_000,
            comments: 600_000,
            members: 200_000,
            years: 3,
            seed: 42,
        }
    }
}

/// What a scale seed wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScaleReport {
    pub members: usize,
    pub ideas: usize,
    pub votes: usize,
    pub comments: usize,
    pub status_changes: usize,
    pub merged: usize,
    pub launched: usize,
    pub follows: usize,
    pub ledger_lines: usize,
}

/// Fills a fresh board (no members yet) with a generated board of `config`'s size.
pub fn scale(board: &mut Board, config: &ScaleConfig, now: Timestamp) -> Result<ScaleReport> {
    if !ops::list_members(board)?.is_empty() {
        return Err(Error::InvalidInput {
            field: "board",
            reason: "a scale board is seeded into a fresh board with no members".into(),
        });
    }
    if config.ideas == 0 || config.members < 10 {
        return Err(Error::InvalidInput {
            field: "scale",
            reason: "at least 1 idea and 10 members".into(),
        });
    }
    let plan = scale_plan::plan(config, now);
    bulk::load(board, |loader| write(loader, &plan, config.seed))
}

/// Markdown to safe HTML, paragraph by paragraph, each distinct paragraph rendered
/// once: the generator's paragraphs repeat, and a body of blank-line separated
/// paragraphs renders to the concatenation of its paragraphs (tested).
struct Renderer {
    cache: HashMap<String, String>,
}

impl Renderer {
    fn html(&mut self, paragraphs: &[&str]) -> String {
        let mut out = String::new();
        for p in paragraphs {
            let html = self
                .cache
                .entry((*p).to_string())
                .or_insert_with(|| markdown_to_safe_html(p));
            out.push_str(html);
        }
        out
    }
}

fn write(loader: &mut Loader<'_>, plan: &Plan, seed: u64) -> Result<ScaleReport> {
    let mut ids = IdSource::seeded(seed ^ 0x5ca1_e5ca_1e00);
    let mut rng = ChaCha8Rng::seed_from_u64(seed.wrapping_add(1));
    let mut render = Renderer {
        cache: HashMap::new(),
    };
    let at = Timestamp::from_millis;
    let mut report = ScaleReport::default();

    for (i, (slug, name, name_en)) in CATEGORIES.iter().enumerate() {
        loader.category(i as i64 + 1, slug, name, name_en)?;
    }
    for (i, tag) in text::all_tags().enumerate() {
        loader.tag(i as i64 + 1, tag)?;
    }
    for (k, (&joined, &points)) in plan.joined.iter().zip(&plan.points).enumerate() {
        let seq = k as u32 + 1;
        let (name, role) = match seq {
            1 => ("林悦 Lin (品牌团队)".to_string(), "admin"),
            s if s <= plan.team => (format!("产品团队 Team {s}"), "moderator"),
            s => (text::fan_name(&mut rng, s as usize), "fan"),
        };
        let id = ids.next(at(joined)).to_string();
        loader.member(i64::from(seq), &id, &name, role, joined, points)?;
    }
    report.members = plan.joined.len();

    let notes = |to: IdeaStatus| match to {
        IdeaStatus::UnderReview => text::NOTE_REVIEW,
        IdeaStatus::Planned => text::NOTE_PLAN,
        IdeaStatus::InProgress => text::NOTE_BUILD,
        IdeaStatus::Launched => text::NOTE_LAUNCH,
        IdeaStatus::Declined => text::NOTE_DECLINE,
        _ => text::NOTE_MERGE,
    };
    for (i, idea) in plan.ideas.iter().enumerate() {
        let number = i as i64 + 1;
        let id = ids.next(at(idea.created)).to_string();
        let paragraphs: Vec<&str> = idea.paragraphs.iter().map(String::as_str).collect();
        let body = paragraphs.join("\n\n");
        let updated_at = idea.journey.last().map_or(idea.created, |s| s.2);
        loader.idea(&IdeaLoad {
            number,
            id: &id,
            title: &idea.title,
            body: &body,
            body_html: &render.html(&paragraphs),
            excerpt: &markdown_excerpt(&body, 160),
            category_seq: idea.category,
            author_seq: i64::from(idea.author),
            status: idea.status.as_str(),
            created_at: idea.created,
            updated_at,
            merged_into: idea.merged_into.map(i64::from),
            hidden: idea.hidden,
            pinned: idea.pinned,
            vote_count: idea.vote_count,
            vote_weight: idea.vote_weight,
            comment_count: idea.comment_count,
            trending: idea.trending,
        })?;
        for tag in &idea.tags {
            loader.idea_tag(number, *tag)?;
        }
        loader.change(&ChangeLoad {
            idea_no: number,
            from: None,
            to: IdeaStatus::New.as_str(),
            actor_seq: i64::from(idea.author),
            note: None,
            note_html: None,
            at: idea.created,
        })?;
        let target = format!("idea:#{number}");
        for &(from, to, when, actor) in &idea.journey {
            let note = notes(to);
            loader.change(&ChangeLoad {
                idea_no: number,
                from: Some(from.as_str()),
                to: to.as_str(),
                actor_seq: i64::from(actor),
                note: Some(note),
                note_html: Some(&render.html(&[note])),
                at: when,
            })?;
            let (action, detail) = match (to, idea.merged_into) {
                (IdeaStatus::Merged, Some(into)) => ("idea.merge", json!({ "into": into })),
                _ => ("idea.status", json!({ "from": from, "to": to })),
            };
            loader.audit(i64::from(actor), action, &target, &detail.to_string(), when)?;
            report.status_changes += 1;
        }
        if idea.hidden {
            loader.audit(2, "idea.hide", &target, "{}", updated_at)?;
        }
        if idea.pinned {
            loader.audit(2, "idea.pin", &target, "{}", updated_at)?;
        }
        report.merged += usize::from(idea.status == IdeaStatus::Merged);
        report.launched += usize::from(idea.status == IdeaStatus::Launched);
    }
    report.ideas = plan.ideas.len();

    for v in &plan.votes {
        loader.vote(i64::from(v.idea), i64::from(v.member), v.priority, v.at)?;
    }
    report.votes = plan.votes.len();

    for (k, c) in plan.comments.iter().enumerate() {
        let seq = k as i64 + 1;
        let id = ids.next(at(c.at)).to_string();
        let lang = plan.ideas[c.idea as usize - 1].lang;
        let body = match c.kind {
            CommentKind::Public => text::comment(&mut rng, c.parent.is_some()),
            CommentKind::Official => text::official_answer(&mut rng, lang),
            CommentKind::Internal => text::INTERNAL_NOTE,
        };
        loader.comment(&CommentLoad {
            seq,
            id: &id,
            idea_no: i64::from(c.idea),
            parent_seq: c.parent.map(i64::from),
            author_seq: i64::from(c.author),
            kind: c.kind.as_str(),
            body,
            body_html: &render.html(&[body]),
            created_at: c.at,
        })?;
        if c.kind != CommentKind::Public {
            let detail = json!({ "comment": id }).to_string();
            let action = format!("comment.{}", c.kind);
            loader.audit(
                i64::from(c.author),
                &action,
                &format!("idea:#{}", c.idea),
                &detail,
                c.at,
            )?;
        }
    }
    report.comments = plan.comments.len();

    for &(idea, member, since) in &plan.follows {
        loader.follow(i64::from(idea), i64::from(member), since)?;
    }
    report.follows = plan.follows.len();
    for l in &plan.ledger {
        loader.ledger(i64::from(l.member), l.reason, Some(i64::from(l.idea)), l.at)?;
    }
    report.ledger_lines = plan.ledger.len();
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdeaSort, ListQuery};
    use crate::seed::scale_text::Lang;

    fn small() -> ScaleConfig {
        ScaleConfig {
            ideas: 1_500,
            votes: 20_000,
            comments: 6_000,
            members: 2_000,
            years: 2,
            seed: 7,
        }
    }

    fn schema(board: &Board) -> String {
        crate::store::bench_floor::schema_sql(board).unwrap()
    }

    #[test]
    fn scale_board_holds_every_invariant_and_is_deterministic() {
        let now = Timestamp::from_millis(1_795_000_000_000);
        let mut a = Board::open_in_memory("Scale", now).unwrap();
        let before = schema(&a);
        let report = scale(&mut a, &small(), now).unwrap();
        assert_eq!(schema(&a), before, "indexes come back exactly as migrated");
        assert_eq!(report.ideas, 1_500);
        assert!(
            report.votes > 15_000 && report.votes <= 22_000,
            "{report:?}"
        );
        assert!(report.comments > 5_000, "{report:?}");
        assert!(report.merged > 0 && report.launched > 0, "{report:?}");
        assert_eq!(a.counter_mismatches().unwrap(), Vec::<String>::new());
        assert_eq!(a.check_integrity().unwrap(), Vec::<String>::new());

        let mut b = Board::open_in_memory("Scale", now).unwrap();
        scale(&mut b, &small(), now).unwrap();
        assert_eq!(
            a.content_fingerprint().unwrap(),
            b.content_fingerprint().unwrap()
        );
        assert!(
            scale(&mut a, &small(), now).is_err(),
            "seeding twice is refused"
        );

        let top = ops::list_ideas(
            &a,
            &ops::Actor::guest(),
            &ListQuery {
                sort: IdeaSort::Top,
                limit: 200,
                ..Default::default()
            },
        )
        .unwrap()
        .items;
        assert!(
            top[0].vote_count > 20 * top[199].vote_count.max(1),
            "votes are heavy-tailed"
        );
        let chinese = top
            .iter()
            .filter(|i| i.title.chars().any(|c| c > '\u{2e80}'))
            .count();
        assert!(
            (40..160).contains(&chinese),
            "about half Chinese: {chinese}/200"
        );
    }

    #[test]
    fn rendering_by_paragraph_equals_rendering_the_whole_body() {
        let mut rng = ChaCha8Rng::seed_from_u64(3);
        let mut render = Renderer {
            cache: HashMap::new(),
        };
        for _ in 0..300 {
            let lang = Lang::pick(&mut rng);
            let (subject, _) = text::subject(&mut rng, lang);
            let paragraphs = text::body_paragraphs(&mut rng, lang, subject);
            let parts: Vec<&str> = paragraphs.iter().map(String::as_str).collect();
            assert_eq!(
                render.html(&parts),
                markdown_to_safe_html(&parts.join("\n\n"))
            );
        }
    }
}
