//! The fan's "see adoption" view: what the brand adopted and how fast it answers.

use std::collections::HashMap;

use super::Actor;
use super::actor::Who;
use super::ideas::{FilterInput, resolve_filter};
use crate::model::{
    AdoptionFigures, AdoptionOverview, Category, IdeaJourney, IdeaSort, IdeaStatus, LaunchedIdea,
    RoadmapColumn,
};
use crate::render::markdown_excerpt;
use crate::store::{Board, adoption, cards, ideas, journey};
use crate::{Result, Timestamp};

/// The statuses of the roadmap, in journey order.
pub const ROADMAP: [IdeaStatus; 4] = [
    IdeaStatus::UnderReview,
    IdeaStatus::Planned,
    IdeaStatus::InProgress,
    IdeaStatus::Launched,
];

/// Ideas shown per roadmap column.
pub const ROADMAP_COLUMN_IDEAS: u32 = 20;
/// Launched ideas in the showcase.
pub const SHOWCASE_IDEAS: u32 = 12;
/// Characters of a launch note in the showcase.
const NOTE_CHARS: usize = 140;
/// The member's own ideas shown with their journeys.
pub const MY_IDEAS_MAX: u32 = 50;

pub(crate) const DAY_MS: f64 = 86_400_000.0;

/// Roadmap, showcase and adoption figures. Anyone may look, guests included; the
/// cards carry the viewer's own votes.
pub fn adoption_overview(board: &Board, actor: &Actor) -> Result<AdoptionOverview> {
    board.read(|conn| {
        let who = Who::load(conn, actor)?;
        let counts = adoption::idea_counts(conn)?;
        let total_in = |status: IdeaStatus| -> u32 {
            counts.iter().filter(|c| c.1 == status).map(|c| c.2).sum()
        };

        let mut roadmap = Vec::with_capacity(ROADMAP.len());
        for status in ROADMAP {
            let filter = resolve_filter(
                conn,
                &FilterInput {
                    status: Some(status),
                    ..FilterInput::default()
                },
            )?;
            roadmap.push(RoadmapColumn {
                status,
                total: total_in(status),
                ideas: ideas::list(
                    conn,
                    &filter,
                    IdeaSort::Top,
                    who.seq,
                    0,
                    ROADMAP_COLUMN_IDEAS,
                )?,
            });
        }

        let mut showcase = Vec::new();
        for (number, at, note) in adoption::latest_launches(conn, SHOWCASE_IDEAS)? {
            showcase.push(LaunchedIdea {
                idea: cards::summary(conn, number, who.seq)?,
                launched_at: Timestamp::from_millis(at),
                note: note
                    .map(|n| markdown_excerpt(&n, NOTE_CHARS))
                    .filter(|n| !n.is_empty()),
            });
        }

        let (overall, by_category) = figures(
            &adoption::categories(conn)?,
            &counts,
            &adoption::first_answer_timings(conn)?,
            &adoption::launch_timings(conn)?,
        );
        Ok(AdoptionOverview {
            roadmap,
            showcase,
            overall,
            by_category,
        })
    })
}

/// The acting member's own ideas, newest first, each with its journey.
pub fn my_idea_journeys(board: &Board, actor: &Actor) -> Result<Vec<IdeaJourney>> {
    board.read(|conn| {
        let (seq, _) = Who::load(conn, actor)?.signed_in()?;
        adoption::own_ideas(conn, seq, MY_IDEAS_MAX)?
            .into_iter()
            .map(|idea| {
                let journey = journey::of_idea(conn, i64::from(idea.number))?;
                Ok(IdeaJourney { idea, journey })
            })
            .collect()
    })
}

/// Accumulates one group's figures.
#[derive(Default)]
struct Group {
    ideas: u32,
    launched: u32,
    answer_days: Vec<f64>,
    launch_days: Vec<f64>,
}

impl Group {
    fn finish(mut self, category: Option<Category>) -> AdoptionFigures {
        AdoptionFigures {
            category,
            ideas: self.ideas,
            answered: self.answer_days.len() as u32,
            launched: self.launched,
            adoption_rate: if self.ideas == 0 {
                0.0
            } else {
                f64::from(self.launched) / f64::from(self.ideas)
            },
            median_days_to_answer: median(&mut self.answer_days),
            median_days_to_launch: median(&mut self.launch_days),
        }
    }
}

/// Folds the raw counts and timings into the board's figures and each category's.
pub(crate) fn figures(
    categories: &[(i64, Category)],
    counts: &[(Option<i64>, IdeaStatus, u32)],
    answers: &[adoption::Timing],
    launches: &[adoption::Timing],
) -> (AdoptionFigures, Vec<AdoptionFigures>) {
    let mut all = Group::default();
    let mut groups: HashMap<Option<i64>, Group> = HashMap::new();
    for &(category, status, count) in counts {
        let launched = if status == IdeaStatus::Launched {
            count
        } else {
            0
        };
        for group in [&mut all, groups.entry(category).or_default()] {
            group.ideas += count;
            group.launched += launched;
        }
    }
    let days = |t: &adoption::Timing| (t.at - t.created_at).max(0) as f64 / DAY_MS;
    for t in answers {
        for group in [&mut all, groups.entry(t.category_seq).or_default()] {
            group.answer_days.push(days(t));
        }
    }
    for t in launches {
        for group in [&mut all, groups.entry(t.category_seq).or_default()] {
            group.launch_days.push(days(t));
        }
    }

    let mut by_category: Vec<AdoptionFigures> = categories
        .iter()
        .map(|(seq, category)| {
            groups
                .remove(&Some(*seq))
                .unwrap_or_default()
                .finish(Some(category.clone()))
        })
        .collect();
    if let Some(uncategorised) = groups.remove(&None)
        && uncategorised.ideas > 0
    {
        by_category.push(uncategorised.finish(None));
    }
    (all.finish(None), by_category)
}

/// The median of the values (the mean of the two middle ones for an even count).
fn median(values: &mut [f64]) -> Option<f64> {
    if values.is_empty() {
        return None;
    }
    values.sort_by(f64::total_cmp);
    let mid = values.len() / 2;
    Some(if values.len() % 2 == 1 {
        values[mid]
    } else {
        (values[mid - 1] + values[mid]) / 2.0
    })
}

#[cfg(test)]
mod tests {
    use super::median;

    #[test]
    fn median_of_odd_even_and_empty() {
        assert_eq!(median(&mut []), None);
        assert_eq!(median(&mut [3.0, 1.0, 2.0]), Some(2.0));
        assert_eq!(median(&mut [4.0, 1.0, 3.0, 2.0]), Some(2.5));
    }
}
