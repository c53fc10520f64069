//! Demo boards: a coffee brand's idea portal in Chinese and English, built through
//! the real ops (so every counter, journey and ledger line is what the app would
//! write), deterministic for a given seed and `now`. Starbucks-scale boards for the
//! bench (`scale`) are behind the `devtools` feature.

mod content;
#[cfg(feature = "devtools")]
pub mod scale;
#[cfg(feature = "devtools")]
mod scale_plan;
#[cfg(feature = "devtools")]
mod scale_text;

use rand::seq::IndexedRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::clock::Timestamp;
use crate::model::{
    Category, CommentKind, ContentKind, ContentRef, IdeaStatus, NewComment, NewIdea, NewMember,
    NewReport, Priority, Reaction, Role, StatusUpdate,
};
use crate::ops::{self, Actor};
use crate::store::{Board, Durability};
use crate::{Error, Result};

/// The name of the demo board.
pub const DEMO_BOARD_NAME: &str = "栗子咖啡 · Chestnut Coffee";
/// The seed of the demo board the app creates on first run.
pub const DEMO_SEED: u64 = 42;

/// The passphrase of the demo board's team profiles (shown in the README).
pub const DEMO_TEAM_PASSPHRASE: &str = "ideaboard-demo";

/// What a seed made.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeedReport {
    pub members: usize,
    pub ideas: usize,
    pub votes: usize,
    pub comments: usize,
    pub status_changes: usize,
    pub merges: usize,
}

const DAY: i64 = Timestamp::MS_PER_DAY;
const HOUR: i64 = 3_600_000;

/// Fills a fresh board (no members yet) with the demo coffee-brand board.
pub fn demo(board: &mut Board, seed: u64, now: Timestamp) -> Result<SeedReport> {
    if !ops::list_members(board)?.is_empty() {
        return Err(Error::InvalidInput {
            field: "board",
            reason: "the demo is seeded into a fresh board with no members".into(),
        });
    }
    board.use_seeded_ids(seed);
    board.set_durability(Durability::Bulk)?;
    let result = fill(board, seed, now);
    board.set_durability(Durability::Full)?;
    result
}

fn fill(board: &mut Board, seed: u64, now: Timestamp) -> Result<SeedReport> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let mut report = SeedReport::default();
    let start = now.plus_millis(-200 * DAY);

    let owner = ops::create_owner(
        board,
        "林悦 Lin (品牌团队)",
        Some(DEMO_TEAM_PASSPHRASE),
        start,
    )?;
    let admin = ops::act_as(board, &owner.id)?;
    for (slug, name, name_en) in content::CATEGORIES {
        ops::add_category(
            board,
            &admin,
            &Category {
                slug: slug.to_string(),
                name: name.to_string(),
                name_en: Some(name_en.to_string()),
            },
            start,
        )?;
    }
    let mut team = vec![admin.clone()];
    for name in content::MODERATORS {
        let m = ops::create_member(
            board,
            &admin,
            &NewMember {
                display_name: name.to_string(),
                role: Role::Moderator,
                passphrase: Some(DEMO_TEAM_PASSPHRASE.into()),
            },
            start,
        )?;
        team.push(ops::act_as(board, &m.id)?);
    }
    let mut fans = Vec::new();
    for (i, name) in content::fan_names().iter().enumerate() {
        let joined = start.plus_millis(i as i64 * 3 * HOUR);
        let m = ops::create_member(
            board,
            &Actor::guest(),
            &NewMember {
                display_name: name.clone(),
                role: Role::Fan,
                passphrase: None,
            },
            joined,
        )?;
        fans.push(ops::act_as(board, &m.id)?);
    }
    report.members = 1 + content::MODERATORS.len() + fans.len();

    let drafts = content::ideas(&mut rng);
    let span = 190 * DAY;
    let mut made: Vec<(String, Timestamp, usize)> = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        let at = start.plus_millis(
            DAY + (span * i as i64) / drafts.len() as i64 + rng.random_range(0..6 * HOUR),
        );
        // The first fans write most ideas: a core of regulars, as on real boards.
        let author = &fans[(rng.random_range(0.0f64..1.0).powi(2) * fans.len() as f64) as usize];
        let idea = ops::submit_idea(
            board,
            author,
            &NewIdea {
                title: draft.title.clone(),
                body: draft.body.clone(),
                category: Some(draft.category.to_string()),
                tags: draft.tags.iter().map(|t| t.to_string()).collect(),
            },
            at,
        )?;
        made.push((idea.idea.id.clone(), at, draft.popularity));
        report.ideas += 1;
    }

    // Votes: heavy-tailed, the popular ideas collect most of them.
    for (id, at, popularity) in &made {
        let age = now.millis() - at.millis();
        let wanted = (*popularity).min(fans.len());
        for voter in fans.choose_multiple(&mut rng, wanted) {
            let when = at.plus_millis(rng.random_range(HOUR..age.max(2 * HOUR)));
            let priority = *[
                Priority::NiceToHave,
                Priority::NiceToHave,
                Priority::Important,
                Priority::Critical,
            ]
            .choose(&mut rng)
            .unwrap_or(&Priority::NiceToHave);
            if ops::vote(board, voter, id, priority, when).is_ok() {
                report.votes += 1;
            }
        }
    }

    // Discussion: threads on the ideas people care about, replies, reactions.
    let mut first_comment = None;
    for (id, at, popularity) in made.iter().filter(|m| m.2 >= 8) {
        let age = now.millis() - at.millis();
        let n = (popularity / 6).clamp(1, 8);
        let mut thread: Vec<String> = Vec::new();
        for k in 0..n {
            let author = fans.choose(&mut rng).unwrap_or(&fans[0]);
            let when = at.plus_millis(((k as i64 + 1) * age / (n as i64 + 2)).max(HOUR));
            let parent = if k > 0 && rng.random_bool(0.4) {
                thread.choose(&mut rng).cloned()
            } else {
                None
            };
            let body = content::comment(&mut rng, parent.is_some());
            if let Ok(added) = ops::add_comment(
                board,
                author,
                &NewComment {
                    idea_id: id.clone(),
                    parent_id: parent,
                    kind: CommentKind::Public,
                    body,
                },
                when,
            ) {
                let c = added.comment;
                thread.push(c.id.clone());
                first_comment.get_or_insert_with(|| (c.id.clone(), when));
                report.comments += 1;
                let reactions = rng.random_range(0..4);
                for reactor in fans.choose_multiple(&mut rng, reactions) {
                    let reaction = *Reaction::ALL.choose(&mut rng).unwrap_or(&Reaction::Like);
                    ops::react(
                        board,
                        reactor,
                        &c.id,
                        reaction,
                        true,
                        when.plus_millis(HOUR),
                    )?;
                }
            }
        }
    }

    // The team's journey through the ideas: most stay new, as on real boards.
    let mut by_votes: Vec<usize> = (0..made.len()).collect();
    by_votes.sort_by_key(|&i| std::cmp::Reverse(made[i].2));
    let plan = content::journeys();
    for (rank, &i) in by_votes.iter().enumerate() {
        let Some(steps) = plan.get(rank) else { break };
        let (id, at, _) = &made[i];
        let moderator = &team[rank % team.len()];
        let mut when = *at;
        for (k, (to, note)) in steps.iter().enumerate() {
            when = when
                .plus_millis((3 + k as i64 * 9) * DAY)
                .min(now.plus_millis(-HOUR));
            let update = StatusUpdate {
                idea_id: id.clone(),
                to: *to,
                note: note.map(str::to_string),
            };
            ops::change_status(board, moderator, &update, when)?;
            report.status_changes += 1;
        }
        if rank % 3 == 0 {
            let body = content::official_answer(&mut rng);
            ops::add_comment(
                board,
                moderator,
                &NewComment {
                    idea_id: id.clone(),
                    parent_id: None,
                    kind: CommentKind::Official,
                    body,
                },
                when.plus_millis(HOUR),
            )?;
            ops::add_comment(
                board,
                moderator,
                &NewComment {
                    idea_id: id.clone(),
                    parent_id: None,
                    kind: CommentKind::Internal,
                    body: content::INTERNAL_NOTE.to_string(),
                },
                when.plus_millis(2 * HOUR),
            )?;
            report.comments += 2;
        }
    }

    // Duplicates, merged the way a moderator would.
    for (dup, original) in content::duplicate_pairs(&drafts) {
        let (source, target) = (&made[dup].0, &made[original].0);
        let source_is_new =
            ops::get_idea(board, &admin, source, now)?.idea.status == IdeaStatus::New;
        if source_is_new {
            ops::merge_ideas(
                board,
                &team[1 % team.len()],
                source,
                target,
                Some("重复的想法，已合并。Merged as a duplicate."),
                now.plus_millis(-2 * DAY),
            )?;
            report.merges += 1;
        }
    }
    report_some(board, &fans, &made, first_comment, now)?;
    Ok(report)
}

/// A few open reports, so the team's moderation queue has something to work on:
/// three fans on the newest idea, one on the board's first comment.
fn report_some(
    board: &mut Board,
    fans: &[Actor],
    made: &[(String, Timestamp, usize)],
    first_comment: Option<(String, Timestamp)>,
    now: Timestamp,
) -> Result<()> {
    let reasons = [
        "像是广告，和咖啡无关。Looks like an advert.",
        "重复的想法。A duplicate of an older idea.",
        "标题有误导。The title is misleading.",
    ];
    if let Some((idea, _, _)) = made.last() {
        for (k, (fan, reason)) in fans.iter().rev().zip(reasons).enumerate() {
            let target = ContentRef {
                kind: ContentKind::Idea,
                id: idea.clone(),
            };
            let input = NewReport {
                target,
                reason: reason.to_string(),
            };
            ops::report_content(board, fan, &input, now.plus_millis(-(k as i64 + 1) * HOUR))?;
        }
    }
    if let (Some((comment, at)), Some(fan)) = (first_comment, fans.get(1)) {
        let input = NewReport {
            target: ContentRef {
                kind: ContentKind::Comment,
                id: comment,
            },
            reason: "语气不友好。Unfriendly tone.".into(),
        };
        ops::report_content(board, fan, &input, at.plus_millis(DAY))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn demo_is_deterministic_consistent_and_varied() {
        let now = Timestamp::from_millis(1_795_000_000_000);
        let mut a = Board::open_in_memory("Demo", now).unwrap();
        let report = demo(&mut a, 42, now).unwrap();
        assert!(report.ideas >= 250, "{report:?}");
        assert!(report.votes > report.ideas * 3, "{report:?}");
        assert!(report.merges >= 2, "{report:?}");
        assert!(a.counter_mismatches().unwrap().is_empty());
        assert!(a.check_integrity().unwrap().is_empty());
        let mut b = Board::open_in_memory("Demo", now).unwrap();
        demo(&mut b, 42, now).unwrap();
        assert_eq!(
            a.content_fingerprint().unwrap(),
            b.content_fingerprint().unwrap()
        );
        let admin_id = ops::list_members(&a)
            .unwrap()
            .into_iter()
            .find(|m| m.role == Role::Admin)
            .unwrap()
            .id;
        let admin = ops::act_as(&a, &admin_id).unwrap();
        for status in IdeaStatus::ALL {
            let q = crate::model::ListQuery {
                status: Some(*status),
                include_hidden: true,
                ..Default::default()
            };
            assert!(
                !ops::list_ideas(&a, &admin, &q).unwrap().items.is_empty(),
                "no idea is {status}"
            );
        }
        let queue = ops::moderation_queue(&a, &admin, 0, 10).unwrap();
        assert_eq!(queue.open_reports, 4);
        assert_eq!(queue.items[0].open_reports, 3);
        assert!(demo(&mut a, 42, now).is_err(), "seeding twice is refused");
    }
}
