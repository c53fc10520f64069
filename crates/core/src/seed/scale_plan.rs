//! The shape of a Starbucks-scale board, decided in memory before anything is
//! written: who joined when, which ideas were submitted by whom, how votes spread
//! (heavy-tailed: a few ideas with tens of thousands, most with a handful), which
//! ideas the team moved along which journey, the threads, followers and the points
//! ledger. Every counter and trending score is computed here from the very rows that
//! will be written, with the same terms as `store::ideas::trending_from_rows`.

use std::collections::HashSet;

use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

use super::content::CATEGORIES;
use super::scale::ScaleConfig;
use super::scale_text::{self as text, Lang};
use crate::clock::Timestamp;
use crate::model::{CommentKind, IdeaStatus, PointsReason, Priority, VOTE_MILESTONES};
use crate::rank;

pub(super) const DAY: i64 = Timestamp::MS_PER_DAY;
pub(super) const HOUR: i64 = 3_600_000;
const MINUTE: i64 = 60_000;
/// Most comments one idea's thread gets.
const THREAD_MAX: usize = 5_000;

pub(super) struct PlanIdea {
    pub created: i64,
    pub author: u32,
    pub lang: Lang,
    pub category: i64,
    pub title: String,
    pub paragraphs: Vec<String>,
    pub tags: Vec<i64>,
    /// Steps after submission: (from, to, at, actor).
    pub journey: Vec<(IdeaStatus, IdeaStatus, i64, u32)>,
    pub status: IdeaStatus,
    pub merged_into: Option<u32>,
    pub hidden: bool,
    pub pinned: bool,
    pub vote_count: i64,
    pub vote_weight: i64,
    pub comment_count: i64,
    pub trending: f64,
}

pub(super) struct PlanVote {
    pub idea: u32,
    pub member: u32,
    pub priority: Priority,
    pub at: i64,
}

pub(super) struct PlanComment {
    pub idea: u32,
    pub parent: Option<u32>,
    pub author: u32,
    pub kind: CommentKind,
    pub at: i64,
}

pub(super) struct PlanLedger {
    pub member: u32,
    pub reason: PointsReason,
    pub idea: u32,
    pub at: i64,
}

/// Everything a scale board holds; members are seq 1.., ideas number 1.., comments
/// seq 1.. in the order of these vectors.
pub(super) struct Plan {
    /// joined_at of every member; seq 1 is the owner, then the moderators, then fans.
    pub joined: Vec<i64>,
    pub points: Vec<i64>,
    pub team: u32,
    pub ideas: Vec<PlanIdea>,
    /// Grouped by idea, each group ordered by member: primary-key order.
    pub votes: Vec<PlanVote>,
    /// In posting order; `parent` is a comment seq.
    pub comments: Vec<PlanComment>,
    /// (idea, member, since), in primary-key order.
    pub follows: Vec<(u32, u32, i64)>,
    /// In time order.
    pub ledger: Vec<PlanLedger>,
}

fn front_loaded(rng: &mut ChaCha8Rng, from: i64, to: i64, power: i32) -> i64 {
    if to <= from {
        return from;
    }
    from + ((to - from) as f64 * rng.random_range(0.0f64..1.0).powi(power)) as i64
}

/// Status and journey of an idea by its popularity percentile (0 = most voted).
fn journey_for(rng: &mut ChaCha8Rng, percentile: f64) -> Vec<IdeaStatus> {
    use IdeaStatus::*;
    // (launched, in_progress, planned, under_review, declined) in per mille.
    let table: [u32; 5] = if percentile < 0.01 {
        [300, 150, 200, 200, 100]
    } else if percentile < 0.10 {
        [50, 50, 80, 200, 120]
    } else {
        [5, 5, 10, 50, 70]
    };
    let mut roll = rng.random_range(0..1000u32);
    let mut pick = 5;
    for (i, share) in table.iter().enumerate() {
        if roll < *share {
            pick = i;
            break;
        }
        roll -= share;
    }
    match pick {
        0 => vec![UnderReview, Planned, InProgress, Launched],
        1 => vec![UnderReview, Planned, InProgress],
        2 => vec![UnderReview, Planned],
        3 => vec![UnderReview],
        4 if rng.random_bool(0.5) => vec![UnderReview, Declined],
        4 => vec![Declined],
        _ => vec![],
    }
}

/// Decides the whole board for `config` at `now`.
pub(super) fn plan(config: &ScaleConfig, now: Timestamp) -> Plan {
    let mut rng = ChaCha8Rng::seed_from_u64(config.seed);
    let now = now.millis();
    let span = i64::from(config.years.max(1)) * 365 * DAY;
    let start = now - span;
    let last = now - MINUTE;

    // Members: the owner and moderators at the start, fans joining ever faster.
    let mods = (config.members / 20_000).clamp(2, 10) as u32;
    let team = 1 + mods;
    let fans = config.members.max(team as usize + 2) - team as usize;
    let mut joined = vec![start; team as usize];
    for k in 0..fans {
        let x = (k as f64 + 0.5) / fans as f64;
        joined.push(start + (span as f64 * 0.95 * x.powf(1.3)) as i64);
    }
    let fan_seq = |k: usize| team + 1 + k as u32;
    let joined_of = |seq: u32, joined: &[i64]| joined[seq as usize - 1];
    let pick_fan = |rng: &mut ChaCha8Rng, among: usize| -> u32 {
        // Early members are the core fans: the most active.
        fan_seq((among as f64 * rng.random_range(0.0f64..1.0).powf(1.6)) as usize % among.max(1))
    };
    let moderator = |rng: &mut ChaCha8Rng| rng.random_range(2..=team);

    // Ideas in submission order, each by a fan who had joined by then.
    let n = config.ideas;
    let mut ideas: Vec<PlanIdea> = Vec::with_capacity(n);
    for i in 0..n {
        let x = (i as f64 + rng.random_range(0.0..1.0)) / n as f64;
        let created =
            (start + DAY + ((span - 2 * DAY) as f64 * x.powf(0.9)) as i64).min(last - HOUR);
        let members_then = joined[team as usize..]
            .partition_point(|&j| j <= created)
            .max(1);
        let author = pick_fan(&mut rng, members_then);
        let lang = Lang::pick(&mut rng);
        let (subject, slug) = text::subject(&mut rng, lang);
        let category = CATEGORIES.iter().position(|c| c.0 == slug).unwrap_or(0) as i64 + 1;
        let tags = if rng.random_bool(0.35) {
            let all: Vec<&str> = text::all_tags().collect();
            text::tags(&mut rng, lang)
                .into_iter()
                .filter_map(|t| all.iter().position(|a| *a == t).map(|p| p as i64 + 1))
                .collect()
        } else {
            Vec::new()
        };
        ideas.push(PlanIdea {
            created,
            author,
            lang,
            category,
            title: text::title(&mut rng, lang, subject),
            paragraphs: text::body_paragraphs(&mut rng, lang, subject),
            tags,
            journey: Vec::new(),
            status: IdeaStatus::New,
            merged_into: None,
            hidden: false,
            pinned: false,
            vote_count: 0,
            vote_weight: 0,
            comment_count: 0,
            trending: 0.0,
        });
    }

    // Popularity: a Zipf-like law over a random ranking of the ideas.
    let mut order: Vec<usize> = (0..n).collect();
    order.shuffle(&mut rng);
    let mut rank_of = vec![0usize; n];
    for (r, &i) in order.iter().enumerate() {
        rank_of[i] = r;
    }
    for i in 0..n {
        let percentile = rank_of[i] as f64 / n as f64;
        if i > 0 && percentile > 0.1 && rng.random_bool(0.045) {
            // A duplicate, merged early into an earlier idea that still stands.
            let mut target = rng.random_range(0..i);
            while ideas[target].merged_into.is_some() {
                target = rng.random_range(0..i);
            }
            let at = (ideas[i].created + rng.random_range(HOUR..3 * DAY)).min(last);
            ideas[i].merged_into = Some(target as u32 + 1);
            ideas[i]
                .journey
                .push((IdeaStatus::New, IdeaStatus::Merged, at, moderator(&mut rng)));
            ideas[i].status = IdeaStatus::Merged;
            continue;
        }
        if percentile > 0.1 && rng.random_bool(0.003) {
            ideas[i].hidden = true;
            continue;
        }
        let mut at = ideas[i].created + rng.random_range(DAY..14 * DAY);
        let mut from = IdeaStatus::New;
        for to in journey_for(&mut rng, percentile) {
            let when = at.clamp(ideas[i].created, last);
            ideas[i].journey.push((from, to, when, moderator(&mut rng)));
            from = to;
            at = when + rng.random_range(3 * DAY..40 * DAY);
        }
        ideas[i].status = from;
    }
    let weight = |i: usize| 1.0 / (rank_of[i] as f64 + 1.0).powf(0.8);
    let open_weight: f64 = (0..n)
        .filter(|&i| ideas[i].merged_into.is_none())
        .map(weight)
        .sum();
    let per_weight = config.votes as f64 / open_weight.max(f64::MIN_POSITIVE);

    let mut votes: Vec<PlanVote> = Vec::with_capacity(config.votes + config.votes / 8);
    let mut ledger: Vec<PlanLedger> = Vec::with_capacity(config.votes + config.comments + n * 2);
    let mut follows: Vec<(u32, u32, i64)> = Vec::with_capacity(config.votes + n * 2);
    let mut extra_followers: Vec<Vec<(u32, i64)>> = vec![Vec::new(); n];
    for idea in &ideas {
        if let Some(t) = idea.merged_into {
            extra_followers[t as usize - 1].push((idea.author, idea.created));
        }
    }

    // Comments: threads where the votes are, plus the team's answers and notes.
    let triaged = ideas
        .iter()
        .filter(|i| i.merged_into.is_none() && !i.journey.is_empty())
        .count();
    let team_comments = triaged + triaged * 3 / 10;
    let public_total = config.comments.saturating_sub(team_comments) as f64;
    let vote_plan: Vec<usize> = (0..n)
        .map(|i| {
            if ideas[i].merged_into.is_some() {
                return 0;
            }
            let exact = per_weight * weight(i);
            let whole = exact as usize + usize::from(rng.random_bool(exact.fract()));
            whole.min(fans / 2)
        })
        .collect();
    let thread_weight = |i: usize| (vote_plan[i] as f64 + 1.0).powf(0.9);
    let thread_total: f64 = (0..n)
        .filter(|&i| ideas[i].merged_into.is_none())
        .map(thread_weight)
        .sum();
    let mut drafts: Vec<(i64, u32, u32, Option<u32>, u32, CommentKind)> =
        Vec::with_capacity(config.comments);

    for i in 0..n {
        let number = i as u32 + 1;
        let created = ideas[i].created;
        let closed_at = match ideas[i].status {
            IdeaStatus::Launched | IdeaStatus::Declined => ideas[i].journey.last().map(|s| s.2),
            _ => None,
        };
        let vote_end = closed_at.unwrap_or(last);
        let mut follow: Vec<(u32, i64)> = Vec::new();
        if ideas[i].merged_into.is_none() {
            follow.push((ideas[i].author, created));
        }
        follow.extend(extra_followers[i].iter().copied());

        // Votes, by distinct fans who had joined before voting closed.
        let wanted = vote_plan[i];
        let members_by_end = joined[team as usize..].partition_point(|&j| j <= vote_end);
        let mut chosen: HashSet<u32> = HashSet::with_capacity(wanted);
        let mut tries = 0usize;
        while chosen.len() < wanted.min(members_by_end / 2) && tries < wanted * 20 + 100 {
            tries += 1;
            chosen.insert(pick_fan(&mut rng, members_by_end.max(1)));
        }
        let mut voters: Vec<u32> = chosen.into_iter().collect();
        voters.sort_unstable();
        let mut times = Vec::with_capacity(voters.len());
        for member in voters {
            let from = created.max(joined_of(member, &joined));
            let at = front_loaded(&mut rng, from, vote_end, 3);
            let priority = match rng.random_range(0..100) {
                0..55 => Priority::NiceToHave,
                55..85 => Priority::Important,
                _ => Priority::Critical,
            };
            ideas[i].vote_count += 1;
            ideas[i].vote_weight += priority.weight();
            votes.push(PlanVote {
                idea: number,
                member,
                priority,
                at,
            });
            ledger.push(PlanLedger {
                member,
                reason: PointsReason::VoteCast,
                idea: number,
                at,
            });
            follow.push((member, at));
            times.push(at);
        }
        times.sort_unstable();
        for m in VOTE_MILESTONES {
            if let Some(&at) = times.get(*m as usize - 1) {
                ledger.push(PlanLedger {
                    member: ideas[i].author,
                    reason: PointsReason::IdeaReachedVotes,
                    idea: number,
                    at,
                });
            }
        }

        // The thread: public comments, the team's official answer and internal note.
        if ideas[i].merged_into.is_none() {
            let exact = public_total * thread_weight(i) / thread_total.max(f64::MIN_POSITIVE);
            let count =
                (exact as usize + usize::from(rng.random_bool(exact.fract()))).min(THREAD_MAX);
            let members_now = joined[team as usize..]
                .partition_point(|&j| j <= last)
                .max(1);
            let mut local: Vec<(i64, u32)> = (0..count)
                .map(|_| {
                    let author = pick_fan(&mut rng, members_now);
                    let from = created.max(joined_of(author, &joined));
                    (front_loaded(&mut rng, from, last, 2), author)
                })
                .collect();
            local.sort_unstable();
            let base = drafts.len() as u32;
            for (k, (at, author)) in local.into_iter().enumerate() {
                // Parent as an index into `drafts`, resolved to a seq after sorting.
                let parent =
                    (k > 0 && rng.random_bool(0.35)).then(|| base + rng.random_range(0..k as u32));
                drafts.push((at, number, author, parent, 0, CommentKind::Public));
            }
            if let Some(&(_, _, at, actor)) = ideas[i].journey.first() {
                let at = (at + HOUR).min(last).max(created);
                drafts.push((at, number, actor, None, 0, CommentKind::Official));
                if rng.random_bool(0.3) {
                    drafts.push((
                        (at + HOUR).min(last),
                        number,
                        actor,
                        None,
                        0,
                        CommentKind::Internal,
                    ));
                }
            }
        }
        extra_followers[i] = follow;
    }

    // Posting order across the board, then seqs; a reply always follows its parent.
    let mut idx: Vec<u32> = (0..drafts.len() as u32).collect();
    idx.sort_by_key(|&d| (drafts[d as usize].0, d));
    let mut seq_of = vec![0u32; drafts.len()];
    for (pos, &d) in idx.iter().enumerate() {
        seq_of[d as usize] = pos as u32 + 1;
    }
    let mut comments: Vec<PlanComment> = Vec::with_capacity(drafts.len());
    for &d in &idx {
        let (at, idea, author, parent, _, kind) = drafts[d as usize];
        let parent = parent.map(|p| seq_of[p as usize]);
        comments.push(PlanComment {
            idea,
            parent,
            author,
            kind,
            at,
        });
        let plan_idea = &mut ideas[idea as usize - 1];
        if kind != CommentKind::Internal {
            plan_idea.comment_count += 1;
            ledger.push(PlanLedger {
                member: author,
                reason: PointsReason::CommentPosted,
                idea,
                at,
            });
        }
        extra_followers[idea as usize - 1].push((author, at));
    }
    drop(drafts);

    // Followers: authors, voters, commenters, and authors of merged duplicates.
    for (i, mut list) in extra_followers.into_iter().enumerate() {
        list.sort_unstable();
        list.dedup_by_key(|f| f.0);
        follows.extend(list.into_iter().map(|(m, since)| (i as u32 + 1, m, since)));
    }

    // Submissions and launches in the ledger; then the running sums.
    for (i, idea) in ideas.iter().enumerate() {
        let number = i as u32 + 1;
        ledger.push(PlanLedger {
            member: idea.author,
            reason: PointsReason::IdeaSubmitted,
            idea: number,
            at: idea.created,
        });
        if let Some(&(_, IdeaStatus::Launched, at, _)) = idea.journey.last() {
            ledger.push(PlanLedger {
                member: idea.author,
                reason: PointsReason::IdeaLaunched,
                idea: number,
                at,
            });
        }
    }
    ledger.sort_by_key(|l| (l.at, l.member, l.idea));
    let mut points = vec![0i64; joined.len()];
    for l in &ledger {
        points[l.member as usize - 1] += l.reason.points();
    }

    // Trending from exactly the rows that will be written.
    let mut terms: Vec<Vec<f64>> = ideas
        .iter()
        .map(|idea| {
            let mut t = vec![rank::term(
                rank::SUBMIT_WEIGHT,
                Timestamp::from_millis(idea.created),
            )];
            t.extend(
                idea.journey
                    .iter()
                    .map(|s| rank::term(rank::STATUS_WEIGHT, Timestamp::from_millis(s.2))),
            );
            t
        })
        .collect();
    for v in &votes {
        terms[v.idea as usize - 1].push(rank::term(
            rank::vote_weight(v.priority),
            Timestamp::from_millis(v.at),
        ));
    }
    for c in comments.iter().filter(|c| c.kind != CommentKind::Internal) {
        terms[c.idea as usize - 1].push(rank::term(
            rank::COMMENT_WEIGHT,
            Timestamp::from_millis(c.at),
        ));
    }
    for (idea, t) in ideas.iter_mut().zip(terms) {
        idea.trending = rank::recount(t);
    }

    // The team pins the two most-voted ideas in the works.
    let mut works: Vec<usize> = (0..n)
        .filter(|&i| {
            matches!(
                ideas[i].status,
                IdeaStatus::Planned | IdeaStatus::InProgress
            )
        })
        .collect();
    works.sort_by_key(|&i| (std::cmp::Reverse(ideas[i].vote_count), i));
    for &i in works.iter().take(2) {
        ideas[i].pinned = true;
    }

    Plan {
        joined,
        points,
        team,
        ideas,
        votes,
        comments,
        follows,
        ledger,
    }
}
